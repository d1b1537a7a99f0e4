import NIOCore

/// Splits an SMTP byte stream into lines (LF-terminated, a preceding CR removed), decoded as UTF-8
/// with replacement characters for invalid bytes.
public struct SMTPLineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = String

    /// The error thrown when a line exceeds `maximumLineLength` bytes.
    public struct LineTooLong: Error, CustomStringConvertible {
        public var description: String { "SMTP line too long" }
    }

    public let maximumLineLength: Int

    public init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength { throw LineTooLong() }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        guard length <= maximumLineLength else { throw LineTooLong() }
        var bytes = buffer.readBytes(length: length) ?? []
        buffer.moveReaderIndex(forwardBy: 1)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        context.fireChannelRead(wrapInboundOut(String(decoding: bytes, as: UTF8.self)))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
