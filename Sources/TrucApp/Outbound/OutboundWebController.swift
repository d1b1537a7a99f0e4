import Fluent
import Foundation
import TrucCore
import Vapor

/// The outbound allow-list page (/outbound): the entries of the reader's scope, and for the coordinator a form to
/// add one and a button to remove each.
struct OutboundWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(OutboundRoute.list, use: page)
        routes.on(OutboundRoute.create, use: create)
        routes.on(OutboundRoute.delete(.routeKey), use: delete)
    }

    func page(req: Request) async throws -> HTML {
        let model = try await OutboundList.Model.query(for: try req.requirePrincipal(), paging: req.paging(), on: req.db)
        return OutboundList.View(ctx: PageContext(req), model: model).document()
    }

    struct EntryForm: Content, LimitedInput {
        var value: String
        var unitID: String?
        var note: String

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("value", value, TextLimit.host)
            check.text("unitID", unitID, TextLimit.code)
            check.text("note", note, OutboundAllowList.maxNoteLength)
        }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let form = try req.input(EntryForm.self)
        var unitID: UUID?
        if let text = form.unitID.nonEmpty {
            guard let id = UUID(uuidString: text) else { throw BilingualError.badRequest("Đơn vị không hợp lệ.", "unitID must be a UUID.") }
            unitID = id
        }
        _ = try await OutboundAllowList.create(OutboundAllowInput(value: form.value, unitID: unitID, note: form.note),
                                               by: principal, context: req.application.outbound, on: req.db)
        return req.redirect(to: OutboundRoute.list, flash: Flash(.allowListAdded))
    }

    func delete(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let record = try await OutboundAllowList.find(req)
        try await OutboundAllowList.delete(record, by: principal, context: req.application.outbound, on: req.db)
        return req.redirect(to: OutboundRoute.list, flash: Flash(.allowListRemoved))
    }
}
