import Foundation
import TrucCore

extension CVEShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let dto = model.vulnerability
            return PageFrame.page(ctx, title: model.id, body: """
            <h1>\(model.id) \(VulnViews.severity(ctx, dto.severity, score: dto.cvssScore)) \(VulnViews.kev(ctx, dto.kev, due: dto.kevDueDate))</h1>
            <p>\(dto.description)</p>
            <table>
            <tr><th>\(ctx.t("Công bố / cập nhật", "Published / modified"))</th><td>\(ctx.day(dto.publishedAt)) / \(ctx.day(dto.modifiedAt))</td></tr>
            <tr><th>CVSS</th><td>\(dto.metrics.html { m in "CVSS \(m.version): <strong>\(String(format: "%.1f", m.baseScore))</strong> \(VulnViews.severity(ctx, m.severity)) <code>\(m.vector)</code>\(m.source.map { " (\($0))" })<br>" })</td></tr>
            \(epssRow())
            <tr><th>CWE</th><td>\(dto.weaknesses.joined(separator: ", "))</td></tr>
            <tr><th>\(ctx.t("Nguồn", "Sources"))</th><td>\(dto.sources.joined(separator: ", "))</td></tr>
            </table>
            \(kev())
            <h2>\(ctx.t("Tài sản bị ảnh hưởng trong đơn vị của tôi", "Affected assets in my units")) (\(model.findings.count))</h2>
            \(FindingTable(ctx: ctx, findings: model.findings, epss: dto.epss.map { [model.id: $0] } ?? [:], now: model.now).html)
            <h2>\(ctx.t("Sản phẩm bị ảnh hưởng (CPE)", "Affected products (CPE)"))</h2>
            <ul>\(dto.criteria.prefix(200).html { "<li><code class=\"cpe\">\($0)</code></li>" })</ul>
            \(dto.csaf.html { note in """
                <section class="card"><h2>CSAF \(note.trackingID): \(note.title)</h2><p class="muted">\(note.publisher)\(csafOrigin(note))</p>
                <ul>\(note.remediations.html { "<li>\($0)</li>" })</ul></section>
                """ })
            <h2>\(ctx.t("Tham khảo", "References"))</h2>
            <ul>\(dto.references.html { "<li><a href=\"\($0)\" rel=\"noopener noreferrer\">\($0)</a></li>" })</ul>
            """)
        }

        /// Where a provider's document came from and its signature state; nothing for a file imported by hand.
        func csafOrigin(_ note: CSAFNoteDTO) -> HTML {
            let mark = VulnViews.csafSignature(ctx, CSAFOrigin.Signature(rawValue: note.signature))
            guard let url = note.sourceURL else { return mark }
            return " · <a href=\"\(url)\" rel=\"noopener noreferrer\">\(ctx.t("nguồn", "source"))</a>\(mark)"
        }

        func epssRow() -> HTML {
            guard let epss = model.vulnerability.epss else { return .empty }
            return """
            <tr><th>EPSS</th><td>\(VulnViews.epss(ctx, epss)) · \(ctx.t("điểm ngày", "scores of")) \(epss.date)</td></tr>
            """
        }

        func kev() -> HTML {
            let dto = model.vulnerability
            guard dto.kev else { return .empty }
            return """
            <section class="card"><h2>CISA KEV: \(dto.kevName)</h2>
            <p>\(ctx.t("Đã bị khai thác thực tế. Thêm vào danh mục", "Known to be exploited. Added")) \(dto.kevDateAdded) · \(ctx.t("hạn khắc phục của CISA", "CISA due date")) \(dto.kevDueDate)\(dto.kevRansomware ? " · " + ctx.t("được dùng trong chiến dịch mã độc tống tiền", "used in ransomware campaigns") : "")</p>
            <p>\(dto.kevRequiredAction)</p></section>
            """
        }
    }
}
