import Vapor

/// The entry points of the benchmarks, for the `truc-bench` executable: the shipped `truc` registers none of them.
/// Each takes the arguments after its subcommand's name, as typed.
public enum Benchmarks {
    /// `truc-bench match [--assets N] [--seed S] [NVD-FILE...]` (see `MatchBench`).
    public static func match(_ arguments: [String], app: Application, console: any Console) async throws {
        try await MatchBench.run(arguments, app: app, console: console)
    }

    /// `truc-bench monitor [--monitors N] [--interval S] ...` (see `MonitorBench`); `startTargets` starts the loopback
    /// servers the monitors probe.
    public static func monitor(_ arguments: [String], app: Application, console: any Console,
                               startTargets: @escaping MonitorBenchTargets.Starter) async throws {
        try await MonitorBench.run(arguments, app: app, console: console, startTargets: startTargets)
    }

    /// `truc-bench vcard [--contacts N]` (see `VCardBench`).
    public static func vcard(_ arguments: [String], console: any Console) throws {
        try VCardBench.run(arguments, console: console)
    }

    /// `truc-bench sync [--assets N] [--changes N] [--no-limit] NVD-FILE...` (see `SyncBench`); `startNVD` starts the
    /// fake NVD API on loopback.
    public static func sync(_ arguments: [String], app: Application, console: any Console,
                            startNVD: @escaping SyncBench.Starter) async throws {
        try await SyncBench.run(arguments, app: app, console: console, startNVD: startNVD)
    }

    /// `truc-bench scan [--hosts N] [--results N] [--evidence N] [SAMPLE.nessus]` (see `ScanBench`).
    public static func scan(_ arguments: [String], app: Application, console: any Console) async throws {
        try await ScanBench.run(arguments, app: app, console: console)
    }
}
