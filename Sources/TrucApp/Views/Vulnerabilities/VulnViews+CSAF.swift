import Foundation

extension VulnViews {
    /// The signature state of a CSAF document: a badge when it came from a provider, nothing for a hand import.
    static func csafSignature(_ ctx: PageContext, _ signature: CSAFOrigin.Signature?) -> HTML {
        switch signature {
        case .verified: " · <span class=\"badge sig-verified\">\(ctx.t("chữ ký đã kiểm tra", "signature verified"))</span>"
        case .unchecked: " · <span class=\"badge sig-unchecked\">\(ctx.t("chưa kiểm tra chữ ký", "signature not checked"))</span>"
        case .none?, nil: .empty
        }
    }
}
