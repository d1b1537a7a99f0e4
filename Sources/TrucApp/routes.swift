import Vapor

/// Every route of the app. API routes live under /api/v1 and are described in /openapi.json.
func routes(_ app: Application) throws {
    // Public
    app.on(SiteRoute.stylesheet) { _ -> Response in
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
    app.on(SiteRoute.openAPI) { _ -> Response in
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: try APIDocument.json()))
    }
    // Liveness: the process answers. Readiness: the database answers too (503 while it cannot be reached).
    app.on(SiteRoute.healthz) { _ in "ok" }
    app.on(SiteRoute.readyz) { req in await Readiness.response(req) }
    app.on(AdvisoryRoute.feed) { req in try await AdvisoryFeed.response(req) }

    // JSON API: bearer tokens.
    let api = app.grouped("api", "v1").grouped(TokenPrincipalMiddleware())
    try api.register(collection: AuthAPIController())
    try api.register(collection: TwoFactorAPIController())
    try api.register(collection: UnitAPIController())
    try api.register(collection: PersonAPIController())
    try api.register(collection: ContactAPIController())
    try api.register(collection: AuditAPIController())
    try api.register(collection: CampaignAPIController())
    try api.register(collection: RosterAPIController())
    try api.register(collection: InventoryAPIController())
    try api.register(collection: VulnerabilityAPIController())
    try api.register(collection: FindingAPIController())
    try api.register(collection: AdvisoryAPIController())
    try api.register(collection: MonitorAPIController())
    try api.register(collection: IncidentAPIController())
    try api.register(collection: OutboundAPIController())
    try api.register(collection: BackupAPIController())
    try api.register(collection: FeedSourceAPIController())
    try api.register(collection: ScanAPIController())

    // Web pages: session cookie + CSRF on every form.
    let web = app.grouped(app.sessions.middleware, WebSessionGuard(), MarkSessionMiddleware(), SessionPrincipalMiddleware(), CSRFMiddleware(),
                          TwoFactorGateMiddleware())
    try web.register(collection: AuthWebController())
    try web.register(collection: TwoFactorWebController())
    try web.register(collection: HomeWebController())
    try web.register(collection: UnitWebController())
    try web.register(collection: PersonWebController())
    try web.register(collection: ContactWebController())
    try web.register(collection: AuditWebController())
    try web.register(collection: CampaignWebController())
    try web.register(collection: RosterWebController())
    try web.register(collection: InventoryWebController())
    try web.register(collection: ScanWebController())
    try web.register(collection: FindingWebController())
    try web.register(collection: VulnerabilityWebController())
    try web.register(collection: AdvisoryWebController())
    try web.register(collection: MonitorWebController())
    try web.register(collection: PublicStatusController())
    try web.register(collection: IncidentWebController())
    try web.register(collection: OutboundWebController())
    try web.register(collection: BackupWebController())
    try web.register(collection: FeedSourceWebController())
}
