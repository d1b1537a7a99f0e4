import Foundation
import Vapor

extension Application {
    private struct SignInClockKey: StorageKey { typealias Value = @Sendable () -> Date }

    /// The clock of sign-in: throttling waits, TOTP time steps, the second-factor step and fresh sign-ins. The
    /// system clock; tests set their own so that codes and waits do not depend on the wall clock.
    var signInClock: @Sendable () -> Date {
        get { storage[SignInClockKey.self] ?? { Date() } }
        set { storage[SignInClockKey.self] = newValue }
    }
}

extension Request {
    /// Now, by the sign-in clock.
    var signInNow: Date { application.signInClock() }
}
