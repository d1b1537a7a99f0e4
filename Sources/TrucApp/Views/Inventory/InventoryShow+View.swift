import Foundation
import TrucCore

extension InventoryShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.inventory) + " · \(model.unitName)", body: """
            <h1>\(ctx.t("Tài sản của", "Inventory of")) \(model.unitName)</h1>
            <p><a href="\(FindingRoute.list.path(query: [("unitID", model.unitID.uuidString)]))">\(ctx.t("Lỗ hổng của đơn vị", "The unit's findings"))</a> ·
            <a href="\(DirectoryRoute.unit(model.unitID))">\(ctx.t("Trang đơn vị", "Unit page"))</a> ·
            <a href="\(InventoryRoute.scanHistory(unit: model.unitID))">\(ctx.t("Lịch sử quét", "Scan history"))</a></p>
            <h2>\(ctx.t("Hệ thống thông tin", "Information systems"))</h2>
            \(systems())
            \(model.canManage ? SystemFormView(ctx: ctx, action: .createSystem(unit: model.unitID), system: nil).html : .empty)
            <h2>\(ctx.t("Tài sản", "Assets")) (\(model.metadata.total))</h2>
            <form method="get" action="\(InventoryRoute.inventory(unit: model.unitID))" class="filters">
              \(FormField.input(ctx.t(.search), name: "q", value: model.search))
              \(FormField.select(ctx.t(.kind), Select(name: "kind", AssetKind.allCases, selected: model.kind.flatMap(AssetKind.init(rawValue:)), none: ctx.t(.all), value: \.rawValue, label: { VulnViews.kind(ctx, $0) })))
              <button>\(ctx.t(.filter))</button>
            </form>
            \(assets())
            \(Pagination(ctx, metadata: model.metadata))
            \(model.canManage ? assetForms() : .empty)
            \(model.canManage ? ScanHistory.uploadForm(ctx, unitID: model.unitID, maxMegabytes: model.maxScanMegabytes) : .empty)
            """)
        }

        func systems() -> HTML {
            Table(headers: [ctx.t(.name), ctx.t("Cấp độ", "Level"), ctx.t("Mục đích", "Purpose"), ctx.t("Chủ quản", "Owner"),
                            ctx.t("Tên miền", "Domains"), ctx.t("IP công khai", "Public IPs"), ""], model.systems) { s in
                let id = s.id ?? .routeKey
                return ["\(s.name)", "\(s.securityLevel)", "\(s.purpose)", "\(s.owner)", "\(s.domains.joined(separator: ", "))",
                        "\(s.publicIPs.joined(separator: ", "))",
                        "<a href=\"\(FindingRoute.list.path(query: [("systemID", id.uuidString)]))\">\(ctx.t(.findings))</a>\(model.canManage ? " · <a href=\"\(InventoryRoute.editSystem(id))\">\(ctx.t(.edit))</a>" as HTML : .empty)"]
            }.html
        }

        func assets() -> HTML {
            let systemNames = Dictionary(model.systems.compactMap { s in s.id.map { ($0, s.name) } }, uniquingKeysWith: { a, _ in a })
            return Table(headers: [ctx.t(.name), ctx.t(.kind), ctx.t(.system), ctx.t("Hãng / sản phẩm / phiên bản", "Vendor / product / version"),
                                   "IP", "CPE", ctx.t("Lỗ hổng mở", "Open findings")], model.assets) { a in
                let id = a.id ?? .routeKey
                return ["<a href=\"\(InventoryRoute.asset(id))\">\(a.name)</a>", "\(VulnViews.kind(ctx, a.kind))",
                        "\(a.$system.id.flatMap { systemNames[$0] })",
                        "\([a.vendor, a.product, a.version].compactMap { $0 }.joined(separator: " "))", "\(a.ipAddress)",
                        a.cpeStrings.isEmpty ? Badge(ctx.t("chưa có CPE", "no CPE"), className: "s-problem").html : a.cpeStrings.html { "<code class=\"cpe\">\($0)</code><br>" },
                        "\(model.findingCounts[id] ?? 0)"]
            }.html
        }

        func proposal() -> HTML {
            switch model.proposal {
            case .notAsked: return .empty
            case .missingInput:
                return "<p class=\"gap\">\(ctx.t("Nhập hãng hoặc sản phẩm để đề xuất CPE.", "Enter a vendor or product to get CPE proposals."))</p>"
            case .found(let proposals) where proposals.isEmpty:
                return "<p class=\"gap\">\(ctx.t("Không tìm thấy CPE phù hợp.", "No matching CPE found."))</p>"
            case .found(let proposals):
                return """
                <div class="card" id="cpe-proposals"><strong>\(ctx.t("CPE đề xuất", "Proposed CPE names"))</strong>
                <ul>\(proposals.html { p in "<li><code class=\"cpe\">\(p.cpe)</code> — \(p.title)\(p.origin == "constructed" ? " (\(ctx.t("tự dựng, không có trong từ điển", "constructed, not in the dictionary")))" : "")</li>" })</ul>
                <p class="muted">\(ctx.t("Sao chép CPE phù hợp vào ô CPE bên dưới.", "Copy the right CPE into the CPE field below."))</p></div>
                """
            }
        }

        func assetForms() -> HTML {
            let unitID = model.unitID
            return """
            <h2>\(ctx.t("Thêm tài sản", "Add an asset"))</h2>
            <form method="get" action="\(InventoryRoute.inventory(unit: unitID).path(fragment: "cpe-proposals"))" class="filters">
              <input type="hidden" name="propose" value="1">
              \(FormField.input(ctx.t("Hãng", "Vendor"), name: "vendor", placeholder: "Cisco"))
              \(FormField.input(ctx.t("Sản phẩm", "Product"), name: "product", placeholder: "IOS"))
              \(FormField.input(ctx.t("Phiên bản", "Version"), name: "version", placeholder: "15.2(4)M1"))
              \(FormField.select(ctx.t("Loại CPE", "CPE part"), Select(name: "part", options: [
                  .init("", ctx.t("Bất kỳ", "Any")), .init("a", "a — " + ctx.t("ứng dụng", "application")),
                  .init("o", "o — " + ctx.t("hệ điều hành / firmware", "OS / firmware")), .init("h", "h — " + ctx.t("phần cứng", "hardware")),
              ], selected: nil)))
              <button>\(ctx.t("Đề xuất CPE", "Propose CPE"))</button>
            </form>
            \(proposal())
            <form class="stack" method="post" action="\(InventoryRoute.createAsset(unit: unitID))">\(ctx.csrfField)
            \(AssetFieldsView(ctx: ctx, systems: model.systems, asset: nil).html)
              <button type="submit">\(ctx.t("Thêm tài sản", "Add the asset"))</button>
            </form>
            <h2>\(ctx.t("Nhập từ tệp", "Import from a file"))</h2>
            <form class="stack" method="post" action="\(InventoryRoute.importAssets(unit: unitID))" enctype="multipart/form-data">\(ctx.csrfField)
              \(FormField.select(ctx.t("Định dạng", "Format"), Select(name: "format", options: [.init("csv", "CSV"), .init("nmap", "Nmap XML (nmap -oX)")], selected: nil)))
              <label>\(ctx.t(.file)) <input type="file" name="file" required></label>
              <p class="muted">\(ctx.t("CSV: dòng tiêu đề kind,name,system,vendor,product,version,hostname,ip,cpe,key,notes (kind và name bắt buộc; nhiều CPE cách nhau bởi dấu cách hoặc |). Có dòng lỗi thì không nhập gì. Nmap: mỗi máy và mỗi dịch vụ mở có sản phẩm thành một tài sản; nhập lại sẽ cập nhật.",
                                       "CSV: header kind,name,system,vendor,product,version,hostname,ip,cpe,key,notes (kind and name required; several CPEs separated by spaces or |). Any bad row: nothing is imported. Nmap: each host and each open service with a product becomes an asset; re-importing updates them."))</p>
              <button type="submit">\(ctx.t("Nhập", "Import"))</button>
            </form>
            """
        }
    }
}
