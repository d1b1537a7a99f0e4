import Foundation

/// A decoded DNS response.
public struct DNSResponse: Sendable, Equatable {
    /// The message ID (equal to the query's).
    public var id: UInt16
    /// The RCODE (0 = NOERROR, 2 = SERVFAIL, 3 = NXDOMAIN, …).
    public var rcode: Int
    /// The TC bit: the server cut the answer short.
    public var truncated: Bool
    /// The answer-section records of the types in `DNSRecordType`, class IN, in message order.
    /// Records of other types and classes are skipped.
    public var answers: [DNSRecord]
    /// The question section as the server echoed it.
    public var questions: [DNSQuestion]

    public init(id: UInt16, rcode: Int, truncated: Bool, answers: [DNSRecord], questions: [DNSQuestion] = []) {
        self.id = id
        self.rcode = rcode
        self.truncated = truncated
        self.answers = answers
        self.questions = questions
    }
}
