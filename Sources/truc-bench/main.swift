import Foundation
import TrucApp
import Vapor

// `truc-bench match|monitor|vcard ...`: the benchmarks, built as their own executable so that the shipped `truc`
// carries none of the loopback servers they probe. Configured like `truc` (environment, logging, `configure`), so
// it opens the database TRUC_SQLITE_PATH or DATABASE_URL names, and brings its schema up to date first.
var config: AppConfig
do {
    config = try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("truc-bench: configuration error: \(error)\n".utf8))
    exit(2)
}
// A benchmark is a one-off command: no monitoring loops, no web server (the monitor benchmark runs its own schedulers).
config.runMonitoring = false
config.serving = false
config.prepareDatabase = true

var env = try Environment.detect()
// Every logger redacts secrets (see LogRedaction), as in `truc`.
try LoggingSystem.bootstrap(from: &env) { level in
    let console = Terminal()
    return { label in RedactingLogHandler(ConsoleLogger(label: label, console: console, level: level)) }
}
let app = try await Application.make(env)
do {
    try await configure(app, config: config)
    // Only the benchmarks: not `serve`, `routes` or the app's own commands.
    app.commands = Commands()
    app.asyncCommands = AsyncCommands()
    for command in BenchSubcommand.all {
        app.asyncCommands.use(command, as: command.name)
    }
    try await app.execute()
} catch {
    app.logger.report(error: error)
    FileHandle.standardError.write(Data("truc-bench: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
