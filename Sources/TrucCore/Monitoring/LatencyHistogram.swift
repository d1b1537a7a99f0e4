import Foundation

/// A mergeable histogram of latencies in milliseconds, with log-scale buckets, to store hourly and daily rollups
/// compactly and still give percentiles.
///
/// Bucket `i` holds the values `v` with `upperBounds[i - 1] < v ≤ upperBounds[i]` (bucket 0: `v ≤ 1`); the last
/// bucket, above 60000 ms, has no upper bound. Negative values count as 0; NaN is ignored.
///
/// Stored as `compactText`, "bucket:count" pairs of the non-empty buckets in ascending order, e.g. "4:12,9:3"
/// (12 values in 5…7 ms, 3 in 15…20 ms); Codable as that string.
public struct LatencyHistogram: Sendable, Equatable, Codable {
    /// The upper bounds of the buckets, in ms; the last is infinity.
    public static let upperBounds: [Double] = [
        1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700,
        1_000, 1_500, 2_000, 3_000, 5_000, 7_000, 10_000, 15_000, 30_000, 60_000, .infinity,
    ]

    /// The number of values in each bucket, one entry per `upperBounds` entry.
    public private(set) var buckets: [Int]

    /// An empty histogram.
    public init() {
        buckets = Array(repeating: 0, count: Self.upperBounds.count)
    }

    /// A histogram of these values.
    public init(_ values: some Sequence<Double>) {
        self.init()
        for value in values { add(value) }
    }

    /// The number of values.
    public var count: Int { buckets.reduce(0, +) }

    /// Whether no value was added.
    public var isEmpty: Bool { buckets.allSatisfy { $0 == 0 } }

    /// The bucket a value falls in.
    public static func bucketIndex(for ms: Double) -> Int {
        let value = max(ms, 0)
        // Binary search for the first upper bound ≥ value.
        var low = 0, high = upperBounds.count - 1
        while low < high {
            let mid = (low + high) / 2
            if upperBounds[mid] >= value { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Counts one latency.
    public mutating func add(_ ms: Double) {
        guard !ms.isNaN else { return }
        buckets[Self.bucketIndex(for: ms)] += 1
    }

    /// Adds the counts of another histogram.
    public mutating func merge(_ other: LatencyHistogram) {
        for index in buckets.indices { buckets[index] += other.buckets[index] }
    }

    /// This histogram with the counts of another added.
    public func merging(_ other: LatencyHistogram) -> LatencyHistogram {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The `p`-th percentile (`p` in 0…100, e.g. 95), as the upper bound of the bucket holding the value of rank
    /// `ceil(p / 100 × count)` (at least 1): an upper estimate, no interpolation within the bucket. For the last
    /// bucket (over 60000 ms), 60000. Nil when empty; `p` is clamped to 0…100.
    public func percentile(_ p: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let fraction = min(max(p.isNaN ? 0 : p, 0), 100) / 100
        let rank = min(max(Int((fraction * Double(total)).rounded(.up)), 1), total)
        var seen = 0
        for (index, bucketCount) in buckets.enumerated() {
            seen += bucketCount
            if seen >= rank {
                let bound = Self.upperBounds[index]
                return bound.isFinite ? bound : Self.upperBounds[index - 1]
            }
        }
        return nil
    }

    /// The median (`percentile(50)`).
    public var median: Double? { percentile(50) }

    /// "bucket:count" of the non-empty buckets, ascending, comma-separated; "" when empty.
    public var compactText: String {
        buckets.enumerated().filter { $0.element > 0 }.map { "\($0.offset):\($0.element)" }.joined(separator: ",")
    }

    /// Reads `compactText`; nil for anything else: a bucket out of range or given twice, a count that is not a
    /// positive decimal number, stray characters. The empty text is the empty histogram.
    public init?(compactText: String) {
        self.init()
        guard !compactText.isEmpty else { return }
        var seen = Set<Int>()
        for pair in compactText.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2,
                  parts.allSatisfy({ !$0.isEmpty && $0.count <= 18 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let index = Int(parts[0]), let value = Int(parts[1]),
                  buckets.indices.contains(index), value > 0, seen.insert(index).inserted else { return nil }
            buckets[index] = value
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let histogram = LatencyHistogram(compactText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Invalid latency histogram \"\(text)\""))
        }
        self = histogram
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compactText)
    }
}
