import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TrucCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the errors of NIO, NIOSSL and async-http-client into short English messages for a `ProbeResult`:
/// "connection refused", "timeout after 5 s", "TLS: certificate verify failed", "DNS: name not found"...
public enum ProbeErrorMessage {
    /// A short message for `error`; `timeout` is the limit the probe ran under, named in timeout messages.
    public static func describe(_ error: any Error, timeout: Duration) -> String {
        let timedOut = "timeout after \(timeout.shortText)"
        switch error {
        case is ProbeTimeout:
            return timedOut
        case let refusal as OutboundRefusal:
            return refusal.probeMessage
        case let missing as HostNotFound:
            return missing.description
        case let e as HTTPClientError:
            return describe(e, timedOut: timedOut)
        case let e as NIOConnectionError:
            if let first = e.connectionErrors.first {
                // Prefer the most telling failure when several addresses were tried.
                let messages = e.connectionErrors.map { describe($0.error, timeout: timeout) }
                return messages.first(where: { $0 == "connection refused" }) ?? describe(first.error, timeout: timeout)
            }
            if e.dnsAError != nil || e.dnsAAAAError != nil { return "DNS: name not found" }
            return "connection failed"
        case let e as IOError:
            return describe(errno: e.errnoCode)
        case let e as ChannelError:
            switch e {
            case .connectTimeout: return timedOut
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return "connection closed"
            default: return "connection error"
            }
        case let e as SocketAddressError:
            switch e {
            case .unknown: return "DNS: name not found"
            default: return "invalid address"
            }
        case let e as NIOSSLError:
            switch e {
            case .handshakeFailed(let inner): return describeTLS(inner)
            case .uncleanShutdown: return "TLS: connection closed during handshake"
            default: return "TLS: \(e)"
            }
        case let e as BoringSSLError:
            return describeTLS(e)
        case let e as NIOSSLExtraError:
            let text = String(describing: e)
            if text.contains("ostname") { return "TLS: certificate does not match host name" }
            return "TLS: \(shortened(text))"
        case is HTTPParserError:
            return "invalid HTTP response"
        case is CancellationError:
            return "cancelled"
        default:
            let text = String(describing: error)
            if text.contains("CERTIFICATE_VERIFY_FAILED") { return "TLS: certificate verify failed" }
            return "error: \(shortened(text))"
        }
    }

    private static func describe(_ error: HTTPClientError, timedOut: String) -> String {
        switch error {
        case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout, .tlsHandshakeTimeout,
            .getConnectionFromPoolTimeout:
            return timedOut
        case .remoteConnectionClosed: return "connection closed by server"
        case .redirectLimitReached: return "too many redirects"
        case .redirectCycleDetected: return "redirect loop"
        case .invalidURL, .emptyHost, .emptyScheme: return "invalid URL"
        case .uncleanShutdown: return "TLS: connection closed uncleanly"
        case .cancelled: return "cancelled"
        case .alreadyShutdown: return "HTTP client shut down"
        default:
            let text = String(describing: error)
            if text.contains("unsupportedScheme") { return "unsupported URL scheme" }
            return "HTTP: \(shortened(text))"
        }
    }

    private static func describe(errno code: CInt) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused"
        case ECONNRESET: return "connection reset"
        case ETIMEDOUT: return "connection timed out"
        case ENETUNREACH: return "network unreachable"
        case EHOSTUNREACH: return "host unreachable"
        case EADDRNOTAVAIL: return "address not available"
        case EPIPE: return "connection closed"
        default: return "network error (errno \(code))"
        }
    }

    private static func describeTLS(_ error: BoringSSLError) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "TLS: certificate verify failed" }
        // BoringSSL reasons look like "error:10000100:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER".
        if let range = text.range(of: "OPENSSL_internal:") {
            let reason = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !reason.isEmpty { return "TLS: handshake failed (\(reason))" }
        }
        return "TLS: handshake failed"
    }

    private static func shortened(_ text: String) -> String {
        text.count <= 160 ? text : String(text.prefix(157)) + "..."
    }
}
