import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import TrucCore
import Vapor

/// `truc-bench monitor`: has HTTP and TCP targets started on 127.0.0.1 (by `truc-bench`, from TrucTestSupport: the
/// shipped app holds no such servers), creates N monitors (80% HTTP, 20% TCP) in a
/// "BENCH" unit, runs the real scheduler against them for a while, and prints probes/s, the schedule lag (time from
/// a check being due to its probe starting) at p50/p99, CPU time and memory. Run it on a scratch database:
/// `TRUC_SQLITE_PATH=/tmp/bench-monitor.sqlite truc-bench monitor --monitors 10000`.
///
/// `--instances N` runs N schedulers (as N `serve` instances would, each with its own leases) and prints each
/// one's share of the checks; `--hosts 1 --reply-ms 3000` sends every HTTP monitor to one slow host (the false
/// outage case of issue 12); `--per-host` sets the per-host limit (default: `--concurrency`).
enum MonitorBench {
    struct Options {
        var monitors = 10_000
        var interval = 60
        var duration = 0
        var concurrency = 1000
        var tcpShare = 0.2
        var instances = 1
        var hosts = 8
        var replyMs = 0
        var perHost = 0
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard index + 1 < arguments.count, let value = Double(arguments[index + 1].replacingOccurrences(of: "_", with: "")), value >= 0 else {
                throw FeedCommand.Failure("\(argument) needs a number")
            }
            switch argument {
            case "--monitors": options.monitors = Int(value)
            case "--interval": options.interval = Int(value)
            case "--duration": options.duration = Int(value)
            case "--concurrency": options.concurrency = max(1, Int(value))
            case "--tcp-share": options.tcpShare = min(1, value)
            case "--instances": options.instances = min(16, max(1, Int(value)))
            case "--hosts": options.hosts = min(64, max(1, Int(value)))
            case "--reply-ms": options.replyMs = min(60_000, Int(value))
            case "--per-host": options.perHost = max(1, Int(value))
            default: throw FeedCommand.Failure("unknown option \(argument)")
            }
            index += 2
        }
        guard options.monitors > 0, options.interval >= 20 else { throw FeedCommand.Failure("--monitors must be > 0 and --interval >= 20") }
        if options.duration == 0 { options.duration = options.interval * 3 }
        if options.perHost == 0 { options.perHost = options.concurrency }
        return options
    }

    static func run(_ arguments: [String], app: Application, console: any Console,
                    startTargets: MonitorBenchTargets.Starter) async throws {
        let options = try parse(arguments)
        let group = MultiThreadedEventLoopGroup.singleton
        // Targets: 8 HTTP servers (or --hosts) and 4 TCP servers, so the probes spread over several connection pools.
        let targets = try await startTargets(MonitorBenchTargets.Request(httpServers: options.hosts, tcpServers: 4,
                                                                         replyMs: options.replyMs))
        console.output("targets: \(targets.httpRoots.count) HTTP and \(targets.tcpPorts.count) TCP servers on 127.0.0.1".consoleText())

        try await prepareMonitors(options, targets: targets, on: app.db)
        console.output("monitors: \(options.monitors) (\(Int(Double(options.monitors) * options.tcpShare)) TCP), every \(options.interval) s, spread over the interval; expected \(String(format: "%.1f", Double(options.monitors) / Double(options.interval))) probes/s".consoleText())

        // The targets are on loopback: this run allows 127.0.0.1 whatever the database's allow-list says.
        let outbound = OutboundContext(group: group, resolver: app.outbound.resolver,
                                       policies: FixedOutboundPolicies(policy: OutboundPolicy(allowing: [.range(IPNetwork(host: IPAddress(ipv4: 0x7f00_0001)))])))
        // One runner per instance: each has its own connection pools and per-host limit, as separate processes would.
        var runners: [NetworkProbeRunner] = []
        var schedulers: [MonitorScheduler] = []
        for index in 0..<options.instances {
            let runner = NetworkProbeRunner(group: group, outbound: outbound, maxConnectionsPerHost: options.perHost)
            runners.append(runner)
            schedulers.append(MonitorScheduler(db: app.db, runner: runner, alerts: AlertRouter(timeZone: app.config.timeZone),
                                               owner: "bench-\(index + 1)", maxInFlight: options.concurrency, logger: app.logger))
        }
        let scheduler = AggregateStats(schedulers: schedulers)
        let cpuStart = BenchMeasure.cpuSeconds()
        let started = Date()
        let tasks = schedulers.map { scheduler in Task { await scheduler.run() } }
        // The first interval fills the schedule; figures are reported per 10 s and for the whole run after it.
        var lastProbes = 0
        var warmedUp = false
        var measuredFrom = started
        var cpuMeasuredFrom = cpuStart
        while Date().timeIntervalSince(started) < Double(options.duration) {
            try await Task.sleep(for: .seconds(10))
            let stats = await scheduler.stats
            let elapsed = Date().timeIntervalSince(started)
            console.output(String(format: "  %4.0f s: %d probes (%.1f/s last 10 s), lag p50 %.3f s p99 %.3f s, in flight %d, RSS %d MB",
                                  elapsed, stats.probes, Double(stats.probes - lastProbes) / 10, stats.lagPercentile(50) ?? 0,
                                  stats.lagPercentile(99) ?? 0, await scheduler.checksInFlight, BenchMeasure.currentRSSMB()).consoleText())
            lastProbes = stats.probes
            if !warmedUp && elapsed >= Double(options.interval) {
                warmedUp = true
                await scheduler.resetStats()
                lastProbes = 0
                measuredFrom = Date()
                cpuMeasuredFrom = BenchMeasure.cpuSeconds()
            }
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        let stats = await scheduler.stats
        let seconds = Date().timeIntervalSince(measuredFrom)
        let cpu = BenchMeasure.cpuSeconds() - cpuMeasuredFrom
        console.output(String(format: """
            result (after the first interval, %.0f s measured): %d probes = %.1f probes/s (%d up, %d degraded, %d down), %d recorded
              schedule lag p50 %.3f s, p99 %.3f s, max %.3f s
              CPU %.1f s = %.0f%% of one core (targets run in this process too) on %d core(s)
              memory: RSS now %d MB, peak %d MB
              not checked (no place under the per-host limit within the timeout): %d; down by timeout: %d
            """, seconds, stats.probes, Double(stats.probes) / max(seconds, 0.001), stats.up, stats.degraded, stats.down, stats.recorded,
                                  stats.lagPercentile(50) ?? 0, stats.lagPercentile(99) ?? 0, stats.lagPercentile(100) ?? 0,
                                  cpu, cpu / max(seconds, 0.001) * 100, ProcessInfo.processInfo.activeProcessorCount,
                                  BenchMeasure.currentRSSMB(), BenchMeasure.peakMemoryMB(), stats.notChecked, stats.timeouts).consoleText())
        if schedulers.count > 1 {
            var shares: [String] = []
            for (index, one) in schedulers.enumerated() {
                let probes = await one.stats.probes
                shares.append(String(format: "instance %d: %d (%.1f%%)", index + 1, probes, Double(probes) / Double(max(stats.probes, 1)) * 100))
            }
            console.output(("  shares: " + shares.joined(separator: ", ")).consoleText())
        }
        for runner in runners { try await runner.shutdown() }
        await targets.stop()
    }

    /// Replaces the monitors of the BENCH unit with `options.monitors` new ones (bulk SQL).
    @discardableResult
    static func prepareMonitors(_ options: Options, targets: MonitorBenchTargets, on db: any Database) async throws -> UUID {
        let unit: OrgUnit
        if let existing = try await OrgUnit.query(on: db).filter(\.$code == "BENCH").first() {
            unit = existing
            try await Monitor.query(on: db).filter(\.$unit.$id == existing.requireID()).delete()
        } else {
            unit = OrgUnit()
            unit.id = UUID()
            unit.code = "BENCH"
            unit.name = "Benchmark"
            unit.kind = .itCenter
            try await unit.create(on: db)
        }
        guard let sql = db as? any SQLDatabase else { return unit.id! }
        let now = Date()
        let tcpCount = Int(Double(options.monitors) * options.tcpShare)
        let tracker = MonitorJSON.text(MonitorStateTracker())
        let settings = MonitorJSON.text(MonitorSettings())
        var rows: [[any SQLExpression]] = []
        for index in 0..<options.monitors {
            let id = UUID()
            let isTCP = index < tcpCount
            let kind: MonitorKind = isTCP ? .tcp : .http
            let target = isTCP ? "127.0.0.1:\(targets.tcpPorts[index % targets.tcpPorts.count])"
                : targets.httpRoots[index % targets.httpRoots.count].appendingPathComponent("m/\(index)").absoluteString
            rows.append([SQLBind(id), SQLBind(unit.id!), SQLBind("bench \(index)"), SQLBind(kind.rawValue), SQLBind(target),
                         SQLBind(settings), SQLBind(options.interval), SQLBind(5000), SQLBind(1), SQLBind(true), SQLBind(false),
                         SQLBind(MonitorState.pending.rawValue), SQLBind(tracker),
                         SQLBind(SchedulePlan.firstDue(id: id, interval: options.interval, now: now)), SQLBind(now), SQLBind(now)])
        }
        for chunk in rows.chunked(500) {
            try await sql.insert(into: Monitor.schema)
                .columns("id", "unit_id", "name", "kind", "target", "settings", "interval_s", "timeout_ms", "retries", "enabled",
                         "is_public", "state", "tracker", "next_due_at", "created_at", "updated_at")
                .rows(Array(chunk)).run()
        }
        return unit.id!
    }
}

/// The counters of several schedulers of one benchmark run, added up.
struct AggregateStats: Sendable {
    let schedulers: [MonitorScheduler]

    var stats: SchedulerStats {
        get async {
            var total = SchedulerStats()
            for scheduler in schedulers { total.add(await scheduler.stats) }
            return total
        }
    }

    var checksInFlight: Int {
        get async {
            var total = 0
            for scheduler in schedulers { total += await scheduler.checksInFlight }
            return total
        }
    }

    func resetStats() async {
        for scheduler in schedulers { await scheduler.resetStats() }
    }
}
