import Foundation
import TrucNet

/// How one attempt at sending a message went.
enum DeliveryOutcome: Sendable, Equatable {
    case success
    /// `retryable` is false when sending the same message again will fail again (an SMTP 5xx reply, a webhook 4xx).
    case failure(String, retryable: Bool)

    /// Runs `send` and tells how it went: an `SMTPError` is retryable unless permanent, an `AlertTransportError`
    /// (nothing configured) is not, anything else is.
    static func attempt(_ send: () async throws -> Void) async -> DeliveryOutcome {
        do {
            try await send()
            return .success
        } catch let error as SMTPError {
            return .failure(error.description, retryable: !error.isPermanent)
        } catch let error as AlertTransportError {
            return .failure(error.description, retryable: false)
        } catch {
            return .failure(String(describing: error), retryable: true)
        }
    }

    var errorMessage: String? {
        if case .failure(let message, _) = self { String(message.prefix(500)) } else { nil }
    }
}
