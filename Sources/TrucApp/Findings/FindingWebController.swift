import Fluent
import Foundation
import TrucCore
import Vapor

/// The findings list with filters and paging, and one finding with its workflow form.
struct FindingWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(FindingRoute.list, use: list)
        routes.on(FindingRoute.show(.routeKey), use: show)
        routes.on(FindingRoute.setStatus(.routeKey), use: setStatus)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        try await FindingService.reopenExpiredAcceptances(on: req.db)
        let filter = try FindingService.filter(req, strictSort: false)
        let text: (String) -> String = { req.query[String.self, at: $0] ?? "" }
        let selection = FindingList.Selection(unitID: filter.unitID, systemID: filter.systemID,
                                              severity: req.query[String.self, at: "severity"],
                                              status: text("status"), kev: text("kev"), overdue: text("overdue"),
                                              sort: filter.sort.rawValue)
        let model = try await FindingList.Model.query(filter: filter, selection: selection, principal: principal,
                                                      paging: try req.paging(), now: Date(), on: req.db)
        return FindingList.View(ctx: PageContext(req), model: model).document()
    }

    func show(req: Request) async throws -> HTML {
        let finding = try await FindingService.find(req)
        let principal = try req.requirePrincipal()
        let model = try await FindingShow.Model.query(finding, principal: principal, now: Date(), on: req.db)
        return FindingShow.View(ctx: PageContext(req), model: model).document()
    }

    struct StatusForm: Content, LimitedInput {
        var status: String
        var note: String?
        var acceptedUntil: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("status", status, TextLimit.code)
            check.text("note", note, AdvisoryStateInput.noteLimit)
            check.text("acceptedUntil", acceptedUntil, TextLimit.code)
        }
    }

    func setStatus(req: Request) async throws -> Response {
        let finding = try await FindingService.find(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let form = try req.input(StatusForm.self)
        guard let status = FindingStatus(rawValue: form.status) else { throw Abort(.badRequest, reason: ctx.t("Trạng thái không hợp lệ.", "Unknown status.")) }
        var until: Date?
        if let text = form.acceptedUntil.nonEmpty {
            guard let date = VNDateFormat.parse(text, timeZone: req.timeZone) else {
                throw Abort(.badRequest, reason: ctx.t("Ngày không hợp lệ: \(text)", "Not a date: \(text)"))
            }
            until = date
        }
        _ = try await FindingService.transition(finding, FindingStatusInput(status: status, note: form.note, acceptedUntil: until),
                                                principal: principal, on: req.db)
        return req.redirect(to: FindingRoute.show(try finding.requireID()), flash: Flash(.updated))
    }
}
