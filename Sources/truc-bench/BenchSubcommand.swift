import NIOPosix
import TrucApp
import TrucTestSupport
import Vapor

/// One benchmark of `truc-bench`: its name, a one-line help, the usage text, and the run that gets the arguments
/// after the name as typed (the options are parsed by the benchmark itself, as `truc bench ...` did before it moved here).
struct BenchSubcommand: AnyAsyncCommand {
    typealias Run = @Sendable (_ arguments: [String], _ app: Application, _ console: any Console) async throws -> Void

    let name: String
    let help: String
    let usage: String
    let runBenchmark: Run

    func outputHelp(using context: inout CommandContext) throws {
        context.console.output(usage.consoleText())
    }

    func run(using context: inout CommandContext) async throws {
        let arguments = context.input.arguments
        if arguments.contains("--help") || arguments.contains("-h") {
            try outputHelp(using: &context)
            return
        }
        try await runBenchmark(arguments, context.application, context.console)
    }

    static let all: [BenchSubcommand] = [
        BenchSubcommand(
            name: "match",
            help: "Benchmark matching: `match [--assets N] [--seed S] [NVD-FILE...]`",
            usage: """
            Usage: truc-bench match [--assets N] [--seed S] [NVD-FILE...]
              Imports the NVD files (if given), then matches N synthetic assets (default 100000) against the knowledge base.
              Use a scratch database: TRUC_SQLITE_PATH=/tmp/bench.sqlite truc-bench match ../shared/data/nvd/*.json.gz
            """,
            runBenchmark: { arguments, app, console in try await Benchmarks.match(arguments, app: app, console: console) }),
        BenchSubcommand(
            name: "monitor",
            help: "Benchmark monitoring: `monitor [--monitors N] [--interval S] [--duration S] ...`",
            usage: """
            Usage: truc-bench monitor [--monitors N] [--interval S] [--duration S] [--concurrency C] [--tcp-share F]
                                      [--instances I] [--hosts H] [--reply-ms MS] [--per-host P]
              Runs N monitors (default 10000, every 60 s) against HTTP/TCP targets on 127.0.0.1 and prints probes/s,
              schedule lag p50/p99, CPU and memory. Use a scratch database: TRUC_SQLITE_PATH=/tmp/bench-monitor.sqlite
            """,
            runBenchmark: { arguments, app, console in
                try await Benchmarks.monitor(arguments, app: app, console: console, startTargets: LoopbackBenchTargets.start)
            }),
        BenchSubcommand(
            name: "sync",
            help: "Benchmark the NVD API 2.0 sync: `sync [--assets N] [--changes N] [--no-limit] NVD-FILE...`",
            usage: """
            Usage: truc-bench sync [--assets N] [--changes N] [--no-limit] NVD-FILE...
              Serves the NVD files as NVD CVE API 2.0 pages from a fake NVD on 127.0.0.1, runs the first load (with NVD's
              keyed limit of 50 requests per 30 s unless --no-limit), adds synthetic assets up to N (default 10000), then
              changes N records (default 2000) and times the incremental run with its rematch. Use a scratch database
              with the demo province: TRUC_SQLITE_PATH=/tmp/bench-sync.sqlite truc seed-demo, then
              TRUC_SQLITE_PATH=/tmp/bench-sync.sqlite truc-bench sync /tmp/nvd-scale/*.json.gz
            """,
            runBenchmark: { arguments, app, console in
                try await Benchmarks.sync(arguments, app: app, console: console) { records in
                    let server = try await FakeNVDServer.start(group: MultiThreadedEventLoopGroup.singleton, records: records)
                    return SyncBench.FakeNVD(url: server.url, setRecords: { server.setRecords($0) }, stop: { await server.stop() })
                }
            }),
        BenchSubcommand(
            name: "scan",
            help: "Benchmark the scan import: `scan [--hosts N] [--results N] [--evidence N] [SAMPLE.nessus]`",
            usage: """
            Usage: truc-bench scan [--hosts N] [--results N] [--evidence N] [SAMPLE.nessus]
              Builds a Nessus report of N hosts (default 5000) and N results (default 100000) from the items of a real
              sample (default ../shared/data/scans/nessus/nessus_with_cvssv3.nessus), imports it into the unit BENCH-SCAN,
              then re-imports it with 1 result in 20 gone. Use a scratch database:
              TRUC_SQLITE_PATH=/tmp/bench-scan.sqlite truc-bench scan
            """,
            runBenchmark: { arguments, app, console in try await Benchmarks.scan(arguments, app: app, console: console) }),
        BenchSubcommand(
            name: "vcard",
            help: "Benchmark the vCard export: `vcard [--contacts N]`",
            usage: """
            Usage: truc-bench vcard [--contacts N]
              Builds N contacts (default 2000) with every text field at its length limit and exports them as vCard 4.0 with
              the TrucCore writer, in memory (no database, no HTTP); prints the time and the size of the export.
            """,
            runBenchmark: { arguments, _, console in try Benchmarks.vcard(arguments, console: console) }),
    ]
}
