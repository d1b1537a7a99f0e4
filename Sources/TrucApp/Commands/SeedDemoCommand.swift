import Vapor

/// `truc seed-demo`: loads the demo province into an empty database.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Load the demo province (units, people, a campaign, a roster) into an empty database" }

    func run(using context: CommandContext, signature: Signature) async throws {
        if try await DemoSeeder.seedIfEmpty(context.application) {
            context.console.success("Demo province loaded. Sign in as \(DemoSeeder.coordinatorEmail) / \(DemoSeeder.password)")
        } else {
            context.console.warning("The database already has units; nothing loaded.")
        }
    }
}
