import TrucCore
import Vapor

/// An input (a JSON body, a web form, a multipart upload) that states the limit of every text field and list it
/// has; `Request.input(_:)` refuses one over a limit (422, naming the fields) before anything else looks at it.
/// Limits come from `TextLimit` (or from the TrucCore validation of the input, where it has its own).
protocol LimitedInput: Decodable {
    func checkLimits(_ check: inout TextLimitCheck)
}

extension LimitedInput {
    /// Throws a 422 naming every field over its limit.
    func enforceLimits() throws {
        var check = TextLimitCheck()
        checkLimits(&check)
        do { try check.check() } catch { throw BilingualError.invalid(error) }
    }
}

extension Request {
    /// The body decoded as `T` (400 when malformed), its limits enforced (422 naming the fields). Every input of the
    /// API and the web forms is read through here. Vapor `validations` (run before, where a type has them) leave
    /// upper lengths to these limits, so a text over its limit is always a 422.
    func input<T: LimitedInput>(_ type: T.Type = T.self) throws -> T {
        let value = try content.decode(T.self)
        try value.enforceLimits()
        return value
    }
}
