import Foundation
import Testing
@testable import TrucCore

@Suite struct SchedulePlanTests {
    @Test func offsetIsStableAndInRange() {
        let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
        let offset = SchedulePlan.offset(for: id, interval: 60)
        #expect((0..<60).contains(offset))
        // Pinned: the value must not change between builds, runs or machines.
        #expect(offset == SchedulePlan.offset(for: UUID(uuidString: id.uuidString.lowercased())!, interval: 60))
        #expect(SchedulePlan.offset(for: id, interval: 0) == 0)
        #expect(SchedulePlan.offset(for: id, interval: 1) == 0)
    }

    /// Values computed independently (FNV-1a 64 over the 16 bytes, SplitMix64 finaliser, modulo the interval).
    @Test func knownOffsets() {
        #expect(SchedulePlan.offset(for: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, interval: 60) == 59)
        #expect(SchedulePlan.offset(for: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!, interval: 300) == 11)
    }

    @Test func spreadOverTheInterval() {
        var generator = SplitMix64(seed: 42)
        var counts = Array(repeating: 0, count: 60)
        for _ in 0..<10_000 {
            var bytes = [UInt8](repeating: 0, count: 16)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: generator.next()) }
            let id = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                 bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            counts[SchedulePlan.offset(for: id, interval: 60)] += 1
        }
        let mean = 10_000.0 / 60
        #expect(Double(counts.max()!) <= 3 * mean)
        #expect(counts.allSatisfy { $0 > 0 })
    }

    @Test func sequentialIDsSpreadToo() {
        var counts = Array(repeating: 0, count: 60)
        for n in 0..<6_000 {
            let id = UUID(uuidString: String(format: "00000000-0000-0000-0000-%012x", n))!
            counts[SchedulePlan.offset(for: id, interval: 60)] += 1
        }
        #expect(Double(counts.max()!) <= 3 * 100)
    }

    @Test func firstDueKeepsThePhase() {
        let id = UUID()
        let offset = SchedulePlan.offset(for: id, interval: 300)
        for start in [1_800_000_000.0, 1_800_000_000.4, 1_800_000_123.0, 1_800_000_299.9] {
            let now = Date(timeIntervalSince1970: start)
            let due = SchedulePlan.firstDue(id: id, interval: 300, now: now)
            let seconds = Int(due.timeIntervalSince1970)
            #expect(due >= now && due.timeIntervalSince(now) < 300)
            #expect(Double(seconds) == due.timeIntervalSince1970)
            #expect((seconds - offset).floorMod(300) == 0)
        }
        let exact = Date(timeIntervalSince1970: TimeInterval(1_800_000_000 - 1_800_000_000 % 300 + offset))
        #expect(SchedulePlan.firstDue(id: id, interval: 300, now: exact) == exact)
    }

    @Test func nextDueSkipsMissedRuns() {
        let due = Date(timeIntervalSince1970: 1_800_000_010)
        // On time: the next slot.
        #expect(SchedulePlan.nextDue(after: due, interval: 60, now: due.addingTimeInterval(2)) == due.addingTimeInterval(60))
        // Fell behind by several intervals: the first slot after now, same phase, no catch-up burst.
        let late = due.addingTimeInterval(60 * 5 + 7)
        #expect(SchedulePlan.nextDue(after: due, interval: 60, now: late) == due.addingTimeInterval(60 * 6))
        // Exactly on a slot counts as missed.
        #expect(SchedulePlan.nextDue(after: due, interval: 60, now: due.addingTimeInterval(120)) == due.addingTimeInterval(180))
        #expect(SchedulePlan.nextDue(after: due, interval: 60, now: due.addingTimeInterval(60)) == due.addingTimeInterval(120))
    }
}
