import Fluent
import Foundation
import TrucCore

/// The CVE knowledge base: search by id or words, KEV and severity filters, the paged list.
enum CVEList {}

extension CVEList {
    struct Model {
        let vulnerabilities: [Vulnerability]
        let metadata: PageMetadata
        let search: String
        let kev: String?
        let severity: String?
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let all = ctx.t(.all)
            let severities = CVSSSeverity.allCases.reversed().map { Select.Option($0.rawValue, ctx.t($0.vietnamese, $0.english)) }
            return PageFrame.page(ctx, title: "CVE", body: """
            <h1>\(ctx.t("Cơ sở dữ liệu lỗ hổng (CVE)", "Vulnerability knowledge base (CVE)"))</h1>
            <form method="get" action="\(VulnerabilityRoute.cves)" class="filters">
              \(FormField.input(ctx.t("Mã CVE hoặc từ khóa", "CVE id or words"), name: "q", value: model.search))
              \(FormField.select("KEV", Select(name: "kev", options: [.init("", all), .init("true", ctx.t("Chỉ KEV", "KEV only"))], selected: model.kev ?? "")))
              \(FormField.select(ctx.t(.severity), Select(name: "severity", options: [.init("", all)] + severities, selected: model.severity ?? "")))
              <button>\(ctx.t(.search))</button> <a href="\(VulnerabilityRoute.feeds)">\(ctx.t("Nguồn dữ liệu", "Data sources"))</a>
            </form>
            <p>\(model.metadata.total) CVE</p>
            \(Table(headers: ["CVE", ctx.t(.severity), ctx.t("Công bố", "Published"), ctx.t("Mô tả", "Description")], model.vulnerabilities) { v in
                ["<a href=\"\(VulnerabilityRoute.cve(v.id ?? ""))\">\(v.id ?? "")</a> \(VulnViews.kev(ctx, v.kev, due: v.kevDueDate))",
                 VulnViews.severity(ctx, v.severity, score: v.cvssScore), "\(ctx.day(v.publishedAt))",
                 "\(String(v.summary.prefix(220)))\(v.summary.count > 220 ? "…" : "")"]
            })
            \(Pagination(ctx, metadata: model.metadata))
            """)
        }
    }
}
