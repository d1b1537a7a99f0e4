import Fluent
import Foundation

/// The API tokens page: the person's tokens, newest first, and the form for a new one.
enum TokenList {}

extension TokenList {
    struct Model {
        let tokens: [APIToken]
        let metadata: PageMetadata
        /// The secret of a token just created: shown once, never stored in clear.
        let newSecret: String?
    }
}
