import CompressNIO
import Foundation
import NIOCore
import TrucCore

/// Reads a feed file in chunks, gunzipping it on the fly when it starts with the gzip magic bytes, so that memory
/// stays flat whatever the file's size. A gzip file must be whole: its trailer's checksum and size are checked.
enum FeedFile {
    static let chunkSize = 1 << 20

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Calls `process` with each chunk of the (decompressed) content, in order, and `drain` after each chunk read
    /// from disk (to write what `process` collected). Returns the size read from disk.
    @discardableResult
    static func read(_ path: String, process: (UnsafeRawBufferPointer) throws -> Void,
                     drain: () async throws -> Void) async throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path): no such file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(description: "\(path): cannot be opened for reading")
        }
        defer { try? handle.close() }
        var total = 0
        var first = try handle.read(upToCount: chunkSize) ?? Data()
        total += first.count
        let gzipped = first.count >= 2 && first[first.startIndex] == 0x1f && first[first.startIndex + 1] == 0x8b
        if !gzipped {
            while !first.isEmpty {
                try first.withUnsafeBytes { try process($0) }
                try await drain()
                first = try handle.read(upToCount: chunkSize) ?? Data()
                total += first.count
            }
            return total
        }
        let decompressor = CompressionAlgorithm.gzip().decompressor
        decompressor.window = ByteBufferAllocator().buffer(capacity: chunkSize)
        try decompressor.startStream()
        defer { try? decompressor.finishStream() }
        var chunk = first
        // The gzip trailer (CRC-32 and size of the content) is checked at the end, so a cut file is refused rather
        // than read as a shorter one.
        var crc = CRC32()
        var size: UInt32 = 0
        var tail: [UInt8] = []
        while !chunk.isEmpty {
            var input = ByteBuffer(data: chunk)
            do {
                try input.decompressStream(with: decompressor) { window in
                    try window.withUnsafeReadableBytes { bytes in
                        crc.update(bytes)
                        size &+= UInt32(truncatingIfNeeded: bytes.count)
                        try process(bytes)
                    }
                }
            } catch let error as CompressNIOError {
                throw Failure(description: "\(path): not a valid gzip file (\(error))")
            }
            tail = Array((tail + chunk.suffix(8)).suffix(8))
            try await drain()
            chunk = try handle.read(upToCount: chunkSize) ?? Data()
            total += chunk.count
        }
        let trailer = tail.count == 8 ? tail.withUnsafeBytes { ($0.loadUnaligned(as: UInt32.self).littleEndian,
                                                                $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian) } : nil
        guard let trailer, trailer.0 == crc.value, trailer.1 == size else {
            throw Failure(description: "\(path): the gzip file is cut short or damaged (its checksum does not match its content)")
        }
        return total
    }
}
