import NIOCore

extension Duration {
    /// The duration in milliseconds, with sub-millisecond precision.
    var milliseconds: Double {
        let parts = self.components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }

    /// Short English text: "5 s", "2.5 s", "300 ms".
    var shortText: String {
        let ms = self.milliseconds
        if ms < 1_000 { return "\(Int(ms.rounded())) ms" }
        let seconds = ms / 1_000
        if seconds == seconds.rounded() { return "\(Int(seconds)) s" }
        return "\((seconds * 10).rounded() / 10) s"
    }
}
