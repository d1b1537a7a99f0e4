import Fluent
import Foundation
import TrucCore
import Vapor

/// Pages of a unit's inventory: information systems, assets (add, edit, delete), CSV and Nmap imports, CPE proposals.
struct InventoryWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(InventoryRoute.inventory(unit: .routeKey), use: inventory)
        routes.on(InventoryRoute.createSystem(unit: .routeKey), use: createSystem)
        routes.on(InventoryRoute.createAsset(unit: .routeKey), use: createAsset)
        routes.on(InventoryRoute.importAssets(unit: .routeKey), use: importFile)
        routes.on(InventoryRoute.editSystem(.routeKey), use: editSystem)
        routes.on(InventoryRoute.updateSystem(.routeKey), use: updateSystem)
        routes.on(InventoryRoute.deleteSystem(.routeKey), use: deleteSystem)
        routes.on(InventoryRoute.asset(.routeKey), use: asset)
        routes.on(InventoryRoute.updateAsset(.routeKey), use: updateAsset)
        routes.on(InventoryRoute.deleteAsset(.routeKey), use: deleteAsset)
    }

    // MARK: - Inventory page

    func inventory(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let canManage = principal.policy.allows(.manageInventory, on: unitID)
        let systems = try await InformationSystem.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).all()
        let page = try await InventoryAPIController.assetQuery(req, unitID: unitID).page(req.paging())
        let systemNames = Dictionary(uniqueKeysWithValues: systems.map { ($0.id!, $0.name) })
        let findingCounts = try await activeFindingCounts(assetIDs: page.items.compactMap(\.id), on: req.db)
        let q = req.query[String.self, at: "q"] ?? ""
        let proposal = try await proposalBlock(req, ctx)
        return PageFrame.page(ctx, title: ctx.t(.inventory) + " · \(unit.name)", body: """
        <h1>\(ctx.t("Tài sản của", "Inventory of")) \(unit.name)</h1>
        <p><a href="/findings?unitID=\(unitID)">\(ctx.t("Lỗ hổng của đơn vị", "The unit's findings"))</a> ·
        <a href="/units/\(unitID)">\(ctx.t("Trang đơn vị", "Unit page"))</a></p>
        <h2>\(ctx.t("Hệ thống thông tin", "Information systems"))</h2>
        <table><thead><tr><th>\(ctx.t(.name))</th><th>\(ctx.t("Cấp độ", "Level"))</th><th>\(ctx.t("Mục đích", "Purpose"))</th>
        <th>\(ctx.t("Chủ quản", "Owner"))</th><th>\(ctx.t("Tên miền", "Domains"))</th><th>\(ctx.t("IP công khai", "Public IPs"))</th><th></th></tr></thead>
        <tbody>\(systems.html { s in """
            <tr><td>\(s.name)</td><td>\(s.securityLevel)</td><td>\(s.purpose)</td><td>\(s.owner)</td><td>\(s.domains.joined(separator: ", "))</td>
            <td>\(s.publicIPs.joined(separator: ", "))</td>
            <td><a href="/findings?systemID=\(s.id)">\(ctx.t(.findings))</a>\(canManage ? " · <a href=\"/systems/\(s.id)/edit\">\(ctx.t(.edit))</a>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        \(canManage ? systemForm(ctx, action: "/units/\(unitID)/systems", system: nil) : .empty)
        <h2>\(ctx.t("Tài sản", "Assets")) (\(page.metadata.total))</h2>
        <form method="get" action="/units/\(unitID)/inventory" class="filters">
          <label>\(ctx.t(.search)) <input name="q" value="\(q)"></label>
          <label>\(ctx.t(.kind)) <select name="kind"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(AssetKind.allCases.map { ($0.rawValue, VulnViews.kind(ctx, $0)) }, selected: req.query[String.self, at: "kind"]))</select></label>
          <button>\(ctx.t(.filter))</button>
        </form>
        <table><thead><tr><th>\(ctx.t(.name))</th><th>\(ctx.t(.kind))</th><th>\(ctx.t(.system))</th>
        <th>\(ctx.t("Hãng / sản phẩm / phiên bản", "Vendor / product / version"))</th><th>IP</th><th>CPE</th><th>\(ctx.t("Lỗ hổng mở", "Open findings"))</th></tr></thead>
        <tbody>\(page.items.html { a in """
            <tr><td><a href="/assets/\(a.id)">\(a.name)</a></td><td>\(VulnViews.kind(ctx, a.kind))</td>
            <td>\(a.$system.id.flatMap { systemNames[$0] })</td>
            <td>\([a.vendor, a.product, a.version].compactMap { $0 }.joined(separator: " "))</td><td>\(a.ipAddress)</td>
            <td>\(a.cpeStrings.isEmpty ? "<span class=\"badge s-problem\">\(ctx.t("chưa có CPE", "no CPE"))</span>" as HTML : a.cpeStrings.html { "<code class=\"cpe\">\($0)</code><br>" })</td>
            <td>\(findingCounts[a.id!] ?? 0)</td></tr>
            """ })</tbody></table>
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        \(canManage ? assetForms(ctx, unitID: unitID, systems: systems, proposal: proposal) : .empty)
        """)
    }

    func activeFindingCounts(assetIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !assetIDs.isEmpty else { return [:] }
        let findings = try await Finding.query(on: db).filter(\.$asset.$id ~~ assetIDs)
            .filter(\.$status ~~ FindingStatus.active).all(\.$asset.$id)
        return findings.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// The CPE proposals asked for with ?propose=1&vendor=&product=&version= (a plain GET form, no JavaScript).
    func proposalBlock(_ req: Request, _ ctx: PageContext) async throws -> HTML {
        guard req.query[String.self, at: "propose"] != nil else { return .empty }
        let vendor = req.query[String.self, at: "vendor"]
        let product = req.query[String.self, at: "product"]
        let version = req.query[String.self, at: "version"]
        let part = req.query[String.self, at: "part"].flatMap(CPEPart.init(rawValue:))
        guard vendor.nonEmpty != nil || product.nonEmpty != nil else {
            return "<p class=\"gap\">\(ctx.t("Nhập hãng hoặc sản phẩm để đề xuất CPE.", "Enter a vendor or product to get CPE proposals."))</p>"
        }
        let proposals = try await req.application.cpeProposals.propose(vendor: vendor, product: product, version: version, part: part, on: req.db)
        if proposals.isEmpty {
            return "<p class=\"gap\">\(ctx.t("Không tìm thấy CPE phù hợp.", "No matching CPE found."))</p>"
        }
        return """
        <div class="card" id="cpe-proposals"><strong>\(ctx.t("CPE đề xuất", "Proposed CPE names"))</strong>
        <ul>\(proposals.html { p in "<li><code class=\"cpe\">\(p.cpe)</code> — \(p.title)\(p.origin == "constructed" ? " (\(ctx.t("tự dựng, không có trong từ điển", "constructed, not in the dictionary")))" : "")</li>" })</ul>
        <p class="muted">\(ctx.t("Sao chép CPE phù hợp vào ô CPE bên dưới.", "Copy the right CPE into the CPE field below."))</p></div>
        """
    }

    func systemForm(_ ctx: PageContext, action: String, system: InformationSystem?) -> HTML {
        """
        <details\(system == nil ? HTML.empty : HTML(raw: " open"))><summary>\(system == nil ? ctx.t("Thêm hệ thống thông tin", "Add an information system") : ctx.t("Sửa hệ thống", "Edit the system"))</summary>
        <form class="stack" method="post" action="\(action)">\(ctx.csrfField)
          <label>\(ctx.t("Tên hệ thống", "System name")) <input name="name" required maxlength="300" value="\(system?.name)"></label>
          <label>\(ctx.t("Cấp độ (1–5)", "Security level (1–5)")) <select name="securityLevel">\(VulnViews.options((1...5).map { ($0, "\($0)") }, selected: system?.securityLevel ?? 2))</select></label>
          <label>\(ctx.t("Mục đích", "Purpose")) <input name="purpose" value="\(system?.purpose)"></label>
          <label>\(ctx.t("Chủ quản", "Owner")) <input name="owner" value="\(system?.owner)"></label>
          <label>\(ctx.t("Tên miền (mỗi dòng một tên)", "Domains (one per line)")) <textarea name="domains">\(system?.domainsText)</textarea></label>
          <label>\(ctx.t("IP công khai (mỗi dòng một địa chỉ)", "Public IPs (one per line)")) <textarea name="publicIPs">\(system?.publicIPsText)</textarea></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form></details>
        """
    }

    func assetFields(_ ctx: PageContext, systems: [InformationSystem], asset: Asset?) -> HTML {
        """
          <label>\(ctx.t(.kind)) <select name="kind">\(VulnViews.options(AssetKind.allCases.map { ($0.rawValue, VulnViews.kind(ctx, $0)) }, selected: asset?.kind.rawValue ?? AssetKind.server.rawValue))</select></label>
          <label>\(ctx.t(.name)) <input name="name" required maxlength="200" value="\(asset?.name)"></label>
          <label>\(ctx.t(.system)) <select name="systemID"><option value="">\(ctx.t("(chưa gán)", "(none)"))</option>\(VulnViews.options(systems.map { ($0.id!.uuidString, $0.name) }, selected: asset?.$system.id?.uuidString))</select></label>
          <label>\(ctx.t("Hãng", "Vendor")) <input name="vendor" value="\(asset?.vendor)"></label>
          <label>\(ctx.t("Sản phẩm / model / hệ điều hành", "Product / model / OS")) <input name="product" value="\(asset?.product)"></label>
          <label>\(ctx.t("Phiên bản (firmware, hệ điều hành, phần mềm)", "Version (firmware, OS, software)")) <input name="version" value="\(asset?.version)"></label>
          <label>\(ctx.t("Tên máy", "Hostname")) <input name="hostname" value="\(asset?.hostname)"></label>
          <label>IP <input name="ipAddress" value="\(asset?.ipAddress)"></label>
          <label>\(ctx.t("CPE 2.3 (mỗi dòng một tên)", "CPE 2.3 names (one per line)")) <textarea name="cpes">\(asset?.cpesText)</textarea></label>
          <label>\(ctx.t("Ghi chú", "Notes")) <input name="notes" value="\(asset?.notes)"></label>
        """
    }

    func assetForms(_ ctx: PageContext, unitID: UUID, systems: [InformationSystem], proposal: HTML) -> HTML {
        """
        <h2>\(ctx.t("Thêm tài sản", "Add an asset"))</h2>
        <form method="get" action="/units/\(unitID)/inventory#cpe-proposals" class="filters">
          <input type="hidden" name="propose" value="1">
          <label>\(ctx.t("Hãng", "Vendor")) <input name="vendor" placeholder="Cisco"></label>
          <label>\(ctx.t("Sản phẩm", "Product")) <input name="product" placeholder="IOS"></label>
          <label>\(ctx.t("Phiên bản", "Version")) <input name="version" placeholder="15.2(4)M1"></label>
          <label>\(ctx.t("Loại CPE", "CPE part")) <select name="part"><option value="">\(ctx.t("Bất kỳ", "Any"))</option><option value="a">a — \(ctx.t("ứng dụng", "application"))</option><option value="o">o — \(ctx.t("hệ điều hành / firmware", "OS / firmware"))</option><option value="h">h — \(ctx.t("phần cứng", "hardware"))</option></select></label>
          <button>\(ctx.t("Đề xuất CPE", "Propose CPE"))</button>
        </form>
        \(proposal)
        <form class="stack" method="post" action="/units/\(unitID)/assets">\(ctx.csrfField)
        \(assetFields(ctx, systems: systems, asset: nil))
          <button type="submit">\(ctx.t("Thêm tài sản", "Add the asset"))</button>
        </form>
        <h2>\(ctx.t("Nhập từ tệp", "Import from a file"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/assets/import" enctype="multipart/form-data">\(ctx.csrfField)
          <label>\(ctx.t("Định dạng", "Format")) <select name="format"><option value="csv">CSV</option><option value="nmap">Nmap XML (nmap -oX)</option></select></label>
          <label>\(ctx.t(.file)) <input type="file" name="file" required></label>
          <p class="muted">\(ctx.t("CSV: dòng tiêu đề kind,name,system,vendor,product,version,hostname,ip,cpe,key,notes (kind và name bắt buộc; nhiều CPE cách nhau bởi dấu cách hoặc |). Có dòng lỗi thì không nhập gì. Nmap: mỗi máy và mỗi dịch vụ mở có sản phẩm thành một tài sản; nhập lại sẽ cập nhật.",
                                   "CSV: header kind,name,system,vendor,product,version,hostname,ip,cpe,key,notes (kind and name required; several CPEs separated by spaces or |). Any bad row: nothing is imported. Nmap: each host and each open service with a product becomes an asset; re-importing updates them."))</p>
          <button type="submit">\(ctx.t("Nhập", "Import"))</button>
        </form>
        """
    }

    // MARK: - Forms

    struct SystemForm: Content, LimitedInput {
        var name: String
        var securityLevel: Int
        var purpose: String?
        var owner: String?
        var domains: String?
        var publicIPs: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            SystemInput.checkLimits(&check, name: name, purpose: purpose, owner: owner)
            // One a line (or separated by commas or spaces).
            check.text("domains", domains, TextLimit.listEntries * (TextLimit.host + 2))
            check.text("publicIPs", publicIPs, TextLimit.listEntries * (TextLimit.host + 2))
            check.texts("domains", domains.map(Self.lines), TextLimit.host)
            check.texts("publicIPs", publicIPs.map(Self.lines), TextLimit.host)
        }

        var input: SystemInput {
            SystemInput(name: name, purpose: purpose, securityLevel: securityLevel, owner: owner,
                        domains: Self.lines(domains), publicIPs: Self.lines(publicIPs))
        }

        static func lines(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init)
        }
    }

    struct AssetForm: Content, LimitedInput {
        var kind: String
        var name: String
        var systemID: String?
        var vendor: String?
        var product: String?
        var version: String?
        var hostname: String?
        var ipAddress: String?
        var cpes: String?
        var notes: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("kind", kind, TextLimit.code)
            check.text("systemID", systemID, TextLimit.code)
            AssetInput.checkLimits(&check, name: name, vendor: vendor, product: product, version: version, hostname: hostname,
                                   ipAddress: ipAddress, notes: notes)
            check.text("cpes", cpes, AssetCSV.maximumCPEsPerRow * (TextLimit.line + 1))
        }

        func input(_ ctx: PageContext) throws -> AssetInput {
            guard let kind = AssetKind(rawValue: kind) else { throw Abort(.badRequest, reason: ctx.t("Loại tài sản không hợp lệ.", "Unknown asset kind.")) }
            let system = try FindingService.uuid(systemID, "systemID")
            return AssetInput(kind: kind, name: name, systemID: system, vendor: vendor, product: product, version: version,
                              hostname: hostname, ipAddress: ipAddress,
                              cpes: (cpes ?? "").split(whereSeparator: { $0.isNewline || $0 == " " || $0 == "|" }).map(String.init), notes: notes)
        }
    }

    func createSystem(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let form = try req.input(SystemForm.self)
        _ = try await InventoryService.createSystem(form.input, unitID: unitID, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unitID)/inventory", flash: Flash(.systemAdded))
    }

    func editSystem(req: Request) async throws -> HTML {
        let (system, _) = try await InventoryAPIController.findSystem(req, .manageInventory)
        let ctx = PageContext(req)
        return PageFrame.page(ctx, title: system.name, body: """
        <h1>\(system.name)</h1>
        \(systemForm(ctx, action: "/systems/\(system.id!)", system: system))
        <form method="post" action="/systems/\(system.id)/delete">\(ctx.csrfField)
        <button>\(ctx.t("Xóa hệ thống (tài sản được giữ, bỏ gán)", "Delete the system (assets stay, unassigned)"))</button></form>
        <p><a href="/units/\(system.$unit.id)/inventory">\(ctx.t(.back))</a></p>
        """)
    }

    func updateSystem(req: Request) async throws -> Response {
        let (system, principal) = try await InventoryAPIController.findSystem(req, .manageInventory)
        let form = try req.input(SystemForm.self)
        _ = try await InventoryService.updateSystem(system, with: form.input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: "/units/\(system.$unit.id)/inventory", flash: Flash(.saved))
    }

    func deleteSystem(req: Request) async throws -> Response {
        let (system, principal) = try await InventoryAPIController.findSystem(req, .manageInventory)
        let unitID = system.$unit.id
        try await InventoryService.deleteSystem(system, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unitID)/inventory", flash: Flash(.systemDeleted))
    }

    func createAsset(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let ctx = PageContext(req)
        let input = try req.input(AssetForm.self).input(ctx)
        let asset = try await InventoryService.createAsset(input, unitID: unitID, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: "/assets/\(asset.id!)", flash: Flash(.assetAdded))
    }

    struct ImportForm: Content, LimitedInput {
        var format: String?
        var file: File?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("format", format, TextLimit.code)
            check.text("file.filename", file?.filename, TextLimit.line)
        }
    }

    func importFile(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw Abort(.badRequest, reason: ctx.t("Chọn tệp cần nhập.", "Choose the file to import."))
        }
        let result: AssetImportDTO
        if form.format == "nmap" {
            let scan: NmapScan
            do {
                scan = try NmapScan(data: Data(file.data.readableBytesView))
            } catch {
                throw Abort(.unprocessableEntity, reason: ctx.t("Không đọc được tệp Nmap XML: \(error.vietnamese). Chưa nhập gì.",
                                                                "Not a readable Nmap XML scan: \(error.english). Nothing was imported."))
            }
            let (drafts, problems) = scan.assetDrafts()
            result = try await InventoryService.importDrafts(drafts, unitID: unitID, source: "nmap", problems: problems, by: principal,
                                                             on: req.db, zone: req.timeZone)
        } else {
            guard let text = String(bytes: file.data.readableBytesView, encoding: .utf8) else {
                throw Abort(.badRequest, reason: ctx.t("Tệp không phải văn bản UTF-8; hãy lưu dạng CSV UTF-8.", "The file is not UTF-8 text; save it as CSV UTF-8."))
            }
            switch AssetCSV.parse(text) {
            case .errors(let rows):
                let page = PageFrame.page(ctx, title: ctx.t("Lỗi nhập tài sản", "Asset import errors"), body: """
                <section class="error">
                <h1>\(ctx.t("Không nhập được tệp \(file.filename)", "Could not import \(file.filename)"))</h1>
                <p class="reason">\(ctx.t("Có \(rows.count) lỗi; chưa nhập tài sản nào. Sửa các dòng dưới đây rồi nhập lại cả tệp.",
                                          "\(rows.count) error(s); no asset was imported. Fix the rows below and import the whole file again."))</p>
                <table class="import-errors"><thead><tr><th>\(ctx.t("Dòng", "Line"))</th><th>\(ctx.t("Lỗi", "Problem"))</th></tr></thead>
                <tbody>\(rows.html { "<tr class=\"gap\"><td>\($0.line)</td><td>\($0.message)</td></tr>" })</tbody></table>
                <p><a href="/units/\(unitID)/inventory">\(ctx.t(.back))</a></p>
                </section>
                """)
                return try await page.encodeResponse(status: .unprocessableEntity, for: req)
            case .rows(let rows):
                result = try await InventoryService.importDrafts(rows.map(\.draft), unitID: unitID, source: "csv", problems: [],
                                                                 by: principal, on: req.db, zone: req.timeZone)
            }
        }
        return req.redirect(to: "/units/\(unitID)/inventory", flash: Flash(.assetsImported, result.created, result.updated, result.matching.newFindings))
    }

    // MARK: - Asset page

    func asset(req: Request) async throws -> HTML {
        let (asset, _) = try await InventoryAPIController.findAsset(req, .read)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let canManage = principal.policy.allows(.manageInventory, on: asset.$unit.id)
        let systems = try await InformationSystem.query(on: req.db).filter(\.$unit.$id == asset.$unit.id).sort(\.$name).all()
        let findings = try await Finding.query(on: req.db).filter(\.$asset.$id == asset.requireID())
            .sort(\.$status).sort(\.$cvssScore, .descending).all()
        let system = systems.first { $0.id == asset.$system.id }
        return PageFrame.page(ctx, title: asset.name, body: """
        <h1>\(asset.name)</h1>
        <p><a href="/units/\(asset.$unit.id)/inventory">\(ctx.t("Tài sản của đơn vị", "The unit's inventory"))</a></p>
        <table>
        <tr><th>\(ctx.t(.kind))</th><td>\(VulnViews.kind(ctx, asset.kind))</td></tr>
        <tr><th>\(ctx.t(.system))</th><td>\(system.map { "\($0.name) (\(ctx.t("cấp độ", "level")) \($0.securityLevel))" })</td></tr>
        <tr><th>\(ctx.t("Hãng / sản phẩm / phiên bản", "Vendor / product / version"))</th><td>\([asset.vendor, asset.product, asset.version].compactMap { $0 }.joined(separator: " "))</td></tr>
        <tr><th>\(ctx.t("Tên máy / IP", "Hostname / IP"))</th><td>\([asset.hostname, asset.ipAddress].compactMap { $0 }.joined(separator: " / "))</td></tr>
        <tr><th>CPE</th><td>\(asset.cpeStrings.isEmpty ? "<span class=\"badge s-problem\">\(ctx.t("Chưa có CPE: tài sản này không được đối chiếu với lỗ hổng. Dùng \"Đề xuất CPE\" ở trang tài sản của đơn vị.", "No CPE: this asset is not matched against vulnerabilities. Use \"Propose CPE\" on the unit's inventory page."))</span>" as HTML : asset.cpeStrings.html { "<code class=\"cpe\">\($0)</code><br>" })</td></tr>
        <tr><th>\(ctx.t("Nguồn", "Source"))</th><td>\(asset.sourceKey ?? ctx.t("nhập tay", "manual"))</td></tr>
        <tr><th>\(ctx.t("Đối chiếu lần cuối", "Last matched"))</th><td>\(ctx.date(asset.matchedAt))</td></tr>
        </table>
        <h2>\(ctx.t(.findings)) (\(findings.count))</h2>
        \(FindingWebController.table(ctx, findings, assetNames: [:], showAsset: false))
        \(canManage ? """
        <details><summary>\(ctx.t("Sửa tài sản", "Edit the asset"))</summary>
        <form class="stack" method="post" action="/assets/\(asset.id)">\(ctx.csrfField)
        \(assetFields(ctx, systems: systems, asset: asset))
          <button type="submit">\(ctx.t("Lưu và đối chiếu lại", "Save and rematch"))</button>
        </form></details>
        <form method="post" action="/assets/\(asset.id)/delete">\(ctx.csrfField)<button>\(ctx.t("Xóa tài sản", "Delete the asset"))</button></form>
        """ as HTML : .empty)
        """)
    }

    func updateAsset(req: Request) async throws -> Response {
        let (asset, principal) = try await InventoryAPIController.findAsset(req, .manageInventory)
        let ctx = PageContext(req)
        let input = try req.input(AssetForm.self).input(ctx)
        _ = try await InventoryService.updateAsset(asset, with: input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: "/assets/\(asset.id!)", flash: Flash(.assetRematched))
    }

    func deleteAsset(req: Request) async throws -> Response {
        let (asset, principal) = try await InventoryAPIController.findAsset(req, .manageInventory)
        let unitID = asset.$unit.id
        try await InventoryService.deleteAsset(asset, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unitID)/inventory", flash: Flash(.assetDeleted))
    }
}
