import Foundation
import TrucCore

extension FeedList {
    /// The closed-network part of /feeds: the configured bundle public keys and the upload of a signed offline
    /// bundle (coordinators only).
    struct Offline {
        /// How many bundle public keys are configured, or the reason the configuration is unusable.
        var keyCount = 0
        var keyProblem: KnowledgeBundleError?
        var mayImport = false

        static func make(principal: Principal, publicKeys: String) -> Self {
            var model = Self()
            switch Result(catching: { () throws -> Int in try BundleKeys.parsePublicKeys(publicKeys).count }) {
            case .success(let count): model.keyCount = count
            case .failure(let error): model.keyProblem = error as? KnowledgeBundleError ?? .invalidPublicKey("?")
            }
            model.mayImport = principal.isCoordinator
            return model
        }
    }

    struct OfflineView {
        let ctx: PageContext
        let model: Offline

        func html() -> HTML {
            """
            <h2 id="bundle">\(ctx.t("Gói dữ liệu ngoại tuyến (mạng nội bộ)", "Offline bundles (closed network)"))</h2>
            <p class="muted">\(ctx.t("Trên máy có Internet: truc bundle keygen, rồi truc bundle export --since MỐC -o TỆP. Ở đây: cấu hình khoá công khai trong TRUC_BUNDLE_PUBLIC_KEYS rồi nhập tệp.",
                                     "On the Internet side: truc bundle keygen, then truc bundle export --since CURSOR -o FILE. Here: set the public key in TRUC_BUNDLE_PUBLIC_KEYS, then import the file."))</p>
            \(keys())
            \(model.mayImport && model.keyCount > 0 ? """
            <form method="post" action="\(VulnerabilityRoute.importBundle)" enctype="multipart/form-data">\(ctx.csrfField)
            \(FormField.input(ctx.t("Tệp gói dữ liệu đã ký", "Signed bundle file"), name: "bundle", type: "file"))
            <button type="submit">\(ctx.t("Kiểm tra chữ ký và nhập", "Verify the signature and import"))</button>
            </form>
            """ as HTML : .empty)
            """
        }

        func keys() -> HTML {
            if let problem = model.keyProblem {
                return "<p class=\"error\">\(ctx.t(problem.vietnamese, problem.description))</p>"
            }
            if model.keyCount == 0 {
                return "<p>\(ctx.t("Chưa cấu hình khoá công khai: mọi gói đều bị từ chối.", "No public key configured: every bundle is refused."))</p>"
            }
            return "<p>\(ctx.t("Số khoá công khai được chấp nhận", "Public keys accepted")): \(model.keyCount)</p>"
        }
    }
}
