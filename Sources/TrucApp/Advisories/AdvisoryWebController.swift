import Fluent
import Foundation
import TrucCore
import Vapor

/// Advisory pages: the list, drafting and publishing (coordinator), the board per unit, units' answers, and the public
/// Atom feed of TLP:CLEAR advisories.
struct AdvisoryWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AdvisoryRoute.list, use: list)
        routes.on(AdvisoryRoute.create, use: create)
        routes.on(AdvisoryRoute.show(.routeKey), use: show)
        routes.on(AdvisoryRoute.publish(.routeKey), use: publish)
        routes.on(AdvisoryRoute.setUnitState(.routeKey, unit: .routeKey), use: setState)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let paging = try req.paging()
        let page = paging.page(of: try await AdvisoryQueries.visible(for: principal, on: req.db))
        let model = AdvisoryList.Model(advisories: page.items, metadata: page.metadata, mayDraft: principal.isCoordinator)
        return AdvisoryList.View(ctx: PageContext(req), model: model).document()
    }

    struct AdvisoryForm: Content, LimitedInput {
        var title: String
        var body: String?
        var cves: String?
        var cpePatterns: String?
        var requiredAction: String
        var deadline: String?
        var tlp: String
        var publish: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            AdvisoryInput.checkLimits(&check, title: title, body: body, requiredAction: requiredAction)
            check.text("cves", cves, TextLimit.listEntries * (TextLimit.code + 1))
            check.text("cpePatterns", cpePatterns, TextLimit.listEntries * (TextLimit.line + 1))
            for (field, value) in [("deadline", deadline), ("tlp", tlp), ("publish", publish)] { check.text(field, value, TextLimit.code) }
        }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let ctx = PageContext(req)
        let form = try req.input(AdvisoryForm.self)
        guard let tlp = TLP(label: form.tlp) else { throw Abort(.badRequest, reason: ctx.t("TLP không hợp lệ.", "Unknown TLP.")) }
        var deadline: Date?
        if let text = form.deadline.nonEmpty {
            guard let date = VNDateFormat.parse(text, timeZone: req.timeZone) else { throw Abort(.badRequest, reason: ctx.t("Hạn không hợp lệ.", "Not a date.")) }
            deadline = date
        }
        let lines: (String?) -> [String] = { ($0 ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init) }
        let input = AdvisoryInput(title: form.title, body: form.body ?? "", cves: lines(form.cves), cpePatterns: lines(form.cpePatterns),
                                  requiredAction: form.requiredAction, deadline: deadline, tlp: tlp, publish: form.publish == "true")
        let advisory = try await AdvisoryService.create(input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: AdvisoryRoute.show(try advisory.requireID()), flash: Flash(.advisorySaved))
    }

    func show(req: Request) async throws -> HTML {
        let (advisory, rows) = try await AdvisoryService.find(req)
        let principal = try req.requirePrincipal()
        let model = AdvisoryShow.Model(advisory: advisory, rows: rows, principal: principal, now: Date())
        return AdvisoryShow.View(ctx: PageContext(req), model: model).document()
    }

    func publish(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let (advisory, _) = try await AdvisoryService.find(req)
        try await AdvisoryService.publish(advisory, by: principal, on: req.db)
        return req.redirect(to: AdvisoryRoute.show(try advisory.requireID()), flash: Flash(.advisoryPublished))
    }

    struct StateForm: Content, LimitedInput {
        var state: String
        var note: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("state", state, TextLimit.code)
            check.text("note", note, AdvisoryStateInput.noteLimit)
        }
    }

    func setState(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (advisory, _) = try await AdvisoryService.find(req)
        guard let unitID = req.parameters.get("unitID", as: UUID.self) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
        try req.authorize(.read, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(StateForm.self)
        guard let state = AdvisoryUnitState(rawValue: form.state) else { throw Abort(.badRequest, reason: ctx.t("Trạng thái không hợp lệ.", "Unknown state.")) }
        _ = try await AdvisoryService.setState(advisory, unitID: unitID, AdvisoryStateInput(state: state, note: form.note), by: principal, on: req.db)
        return req.redirect(to: AdvisoryRoute.show(try advisory.requireID()), flash: Flash(.updated))
    }
}

/// GET /advisories.atom: published TLP:CLEAR advisories, for anyone (no sign-in).
enum AdvisoryFeed {
    static func response(_ req: Request) async throws -> Response {
        let advisories = try await Advisory.query(on: req.db).filter(\.$tlp == .clear).filter(\.$publishedAt != nil)
            .sort(\.$publishedAt, .descending).limit(100).all()
        // Links only from TRUC_PUBLIC_URL: the Host header is whatever the client sent.
        let base = req.application.config.publicURL
        let feed = AtomFeed(id: base + AdvisoryRoute.feed.path, title: "Trực ATTT — Cảnh báo an toàn thông tin", selfLink: base + AdvisoryRoute.feed.path,
                            alternateLink: base + AdvisoryRoute.list.path, author: "Trực ATTT",
                            entries: advisories.map { a in
                                AtomFeed.Entry(id: "urn:uuid:\(a.id!.uuidString.lowercased())", title: "\(a.reference): \(a.title)",
                                               updated: a.updatedAt ?? a.publishedAt!, published: a.publishedAt,
                                               link: base + AdvisoryRoute.show(a.id!).path,
                                               summary: a.body + "\n\n" + a.requiredAction + (a.cves.isEmpty ? "" : "\n\nCVE: " + a.cves.joined(separator: ", ")),
                                               categories: a.cves + [a.tlp.label])
                            })
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: feed.render()))
    }
}
