import Foundation
import TrucCore

/// Runs the probe of a claimed check. The network implementation is `NetworkProbeRunner`; tests may script results.
protocol ProbeRunning: Sendable {
    func probe(_ check: ClaimedCheck) async -> ProbeResult
}
