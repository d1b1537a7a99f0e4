import Fluent
import Foundation

extension FeedList {
    /// The CSAF documents stored in `csaf_documents`, newest first, with their signature state.
    struct CSAFDocuments {
        var documents: [CSAFDocumentRecord] = []
        var count = 0

        static func query(on db: any Database) async throws -> Self {
            var model = Self()
            model.count = try await CSAFDocumentRecord.query(on: db).count()
            model.documents = try await CSAFDocumentRecord.query(on: db).sort(\.$importedAt, .descending).limit(20)
                .field(\.$id).field(\.$trackingID).field(\.$publisher).field(\.$title).field(\.$sourceURL).field(\.$signature)
                .field(\.$importedAt).all()
            return model
        }
    }

    struct CSAFDocumentsView {
        let ctx: PageContext
        let model: CSAFDocuments

        func html() -> HTML {
            """
            <h2 id="csaf">\(ctx.t("Tài liệu CSAF đã lưu", "Stored CSAF documents")) (\(model.count))</h2>
            \(Table(headers: [ctx.t("Thời gian", "When"), ctx.t("Mã", "Tracking id"), ctx.t("Tiêu đề", "Title"), ctx.t("Nhà cung cấp", "Publisher"),
                              ctx.t("Chữ ký", "Signature")], model.documents) { d in
                ["\(ctx.date(d.importedAt))", "\(d.trackingID)", Self.title(d), "\(d.publisher)",
                 VulnViews.csafSignature(ctx, CSAFOrigin.Signature(rawValue: d.signature))]
            }.html)
            """
        }

        /// The title, linked to the document's URL only when that is an http(s) address (a bundle carries any text).
        static func title(_ d: CSAFDocumentRecord) -> HTML {
            if let url = d.sourceURL, url.lowercased().hasPrefix("https://") || url.lowercased().hasPrefix("http://") {
                return "<a href=\"\(url)\" rel=\"noopener noreferrer\">\(d.title)</a>"
            }
            return "\(d.title)"
        }
    }
}
