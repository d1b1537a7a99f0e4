import NIOConcurrencyHelpers
import Testing
@testable import TrucNet

@Suite("HostGate: per-host limit with bounded waits")
struct HostGateTests {
    @Test func placesUpToTheLimitThenWaitersInOrder() async throws {
        let gate = HostGate(limit: 2)
        #expect(await gate.enter("h", timeout: .seconds(1)))
        #expect(await gate.enter("h", timeout: .seconds(1)))
        #expect(await gate.enter("other", timeout: .seconds(1)), "other hosts are not limited by this one")
        let order = NIOLockedValueBox<[Int]>([])
        let first = Task { let ok = await gate.enter("h", timeout: .seconds(10)); order.withLockedValue { $0.append(1) }; return ok }
        while gate.waiting("h") < 1 { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { let ok = await gate.enter("h", timeout: .seconds(10)); order.withLockedValue { $0.append(2) }; return ok }
        while gate.waiting("h") < 2 { try await Task.sleep(for: .milliseconds(5)) }
        gate.leave("h")
        #expect(await first.value)
        gate.leave("h")
        #expect(await second.value)
        #expect(order.withLockedValue { $0 } == [1, 2], "first come, first served")
        #expect(gate.active("h") == 2)
        gate.leave("h"); gate.leave("h"); gate.leave("other")
        #expect(gate.active("h") == 0 && gate.active("other") == 0)
    }

    @Test func aWaitThatRunsOutTakesNoPlace() async throws {
        let gate = HostGate(limit: 1)
        #expect(await gate.enter("h", timeout: .seconds(1)))
        #expect(await gate.enter("h", timeout: .milliseconds(50)) == false)
        #expect(gate.active("h") == 1 && gate.waiting("h") == 0)
        gate.leave("h")
        #expect(gate.active("h") == 0)
        #expect(await gate.enter("h", timeout: .milliseconds(50)), "the place is free again")
    }

    @Test func aCancelledWaitTakesNoPlaceAndIsNotHandedOne() async throws {
        let gate = HostGate(limit: 1)
        #expect(await gate.enter("h", timeout: .seconds(1)))
        let waiter = Task { await gate.enter("h", timeout: .seconds(30)) }
        while gate.waiting("h") < 1 { try await Task.sleep(for: .milliseconds(5)) }
        waiter.cancel()
        #expect(await waiter.value == false)
        #expect(gate.waiting("h") == 0)
        gate.leave("h")
        #expect(gate.active("h") == 0, "the place was not handed to the cancelled waiter")
    }

    @Test func withPlaceGivesThePlaceBack() async throws {
        let gate = HostGate(limit: 1)
        let value = await gate.withPlace("h", timeout: .seconds(1)) { 42 }
        #expect(value == 42)
        #expect(gate.active("h") == 0)
    }
}
