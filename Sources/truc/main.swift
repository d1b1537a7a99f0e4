import Foundation
import TrucApp
import Vapor

// `truc serve --demo` loads the demo province into an empty database; the flag is ours, not Vapor's.
var arguments = CommandLine.arguments
let demo = arguments.contains("--demo")
arguments.removeAll { $0 == "--demo" }

var config: AppConfig
do {
    config = try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("truc: configuration error: \(error)\n".utf8))
    exit(2)
}
config.demo = demo
// Checks, alerts and housekeeping run in `serve` (the default command), not in one-off commands.
let command = arguments.dropFirst().first { !$0.hasPrefix("-") }
config.runMonitoring = (command == nil || command == "serve") && !config.monitoringDisabled
// Expired web sessions are swept by every web server, also one that runs no monitoring.
config.serving = command == nil || command == "serve"
// `backup` copies the database as it is and `restore` needs an empty one: neither migrates it first.
config.prepareDatabase = command != "backup" && command != "restore"

var env = try Environment.detect(arguments: arguments)
// Every logger redacts secrets (see LogRedaction), including Vapor's own trace of raw requests.
try LoggingSystem.bootstrap(from: &env) { level in
    let console = Terminal()
    return { label in RedactingLogHandler(ConsoleLogger(label: label, console: console, level: level)) }
}
let app = try await Application.make(env)
do {
    try await configure(app, config: config)
    try await app.execute()
} catch {
    app.logger.report(error: error)
    FileHandle.standardError.write(Data("truc: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
