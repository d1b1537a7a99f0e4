/// What a pass over a delivery queue did.
struct DeliveryReport: Sendable, Equatable {
    var sent = 0
    var retrying = 0
    var failed = 0
    /// Given back to the queue unattempted because the instance was stopping.
    var released = 0
}
