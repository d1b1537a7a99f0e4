import Logging
import TrucCore

/// Wraps the log handler so that no line carries a secret (see `LogRedaction`): every message and every metadata
/// value is redacted before it is written, whoever logged it (our code, Vapor, the drivers). The values bound to
/// SQL statements (`binds`, `input`: password hashes, server secrets, personal data), which the database drivers
/// log at debug level, are dropped whole.
public struct RedactingLogHandler: LogHandler {
    public var inner: any LogHandler

    public init(_ inner: any LogHandler) {
        self.inner = inner is RedactingLogHandler ? (inner as! RedactingLogHandler).inner : inner
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: LogRedaction.redact(event.message.description))
        event.metadata = event.metadata.map(Self.redact)
        inner.log(event: event)
    }

    /// Metadata keys whose values are never written.
    static let withheldKeys: Set<String> = ["binds", "input", "password", "secret", "token", "authorization", "cookie"]

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        var result = metadata.mapValues(redact)
        for key in metadata.keys where withheldKeys.contains(key.lowercased()) { result[key] = .string(LogRedaction.placeholder) }
        return result
    }

    static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case let .string(text): .string(LogRedaction.redact(text))
        case let .stringConvertible(convertible): .string(LogRedaction.redact(convertible.description))
        case let .array(values): .array(values.map(redact))
        case let .dictionary(values): .dictionary(values.mapValues(redact))
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue.map(Self.redact) }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = Self.redact(newValue) }
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { inner.metadataProvider }
        set { inner.metadataProvider = newValue }
    }
}
