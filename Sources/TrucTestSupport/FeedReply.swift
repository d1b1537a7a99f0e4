/// What `LoopbackFeedServer` answers to one request.
public struct FeedReply: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// When set, only this many bytes of the body are sent (the `Content-Length` still announces the whole body)
    /// and the connection is closed: a cut transfer.
    public var cutAfter: Int?
    /// Milliseconds to wait before answering (on the event loop).
    public var delayMs: Int

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], cutAfter: Int? = nil,
                delayMs: Int = 0) {
        self.status = status
        self.headers = headers
        self.body = body
        self.cutAfter = cutAfter
        self.delayMs = delayMs
    }

    public init(status: Int = 200, headers: [(String, String)] = [], text: String, cutAfter: Int? = nil, delayMs: Int = 0) {
        self.init(status: status, headers: headers, body: Array(text.utf8), cutAfter: cutAfter, delayMs: delayMs)
    }

    public static func json(_ text: String, status: Int = 200) -> FeedReply {
        FeedReply(status: status, headers: [("Content-Type", "application/json")], text: text)
    }

    public static let notFound = FeedReply(status: 404, text: "not found")
}
