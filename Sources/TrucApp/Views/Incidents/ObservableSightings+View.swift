import Foundation
import TrucCore

/// Where an observable was seen: the incidents and advisories (visible to the person) that mention it.
enum ObservableSightings {}

extension ObservableSightings {
    struct Model {
        let kind: ObservableKind
        let defanged: String
        let incidents: [IncidentSummaryDTO]
        let advisories: [String]
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: model.defanged, body: """
            <h1>\(ctx.t(model.kind.vietnamese, model.kind.english)): <code>\(model.defanged)</code></h1>
            <h2>\(ctx.t("Các sự cố", "Incidents")) (\(model.incidents.count))</h2>
            <ul>\(model.incidents.html { "<li><a href=\"\(IncidentRoute.show($0.id))\">\($0.reference)</a> – \($0.title) (\($0.unitName ?? ""))</li>" })</ul>
            <h2>\(ctx.t("Các cảnh báo", "Advisories")) (\(model.advisories.count))</h2>
            <ul>\(model.advisories.html { "<li>\($0)</li>" })</ul>
            """)
        }
    }
}
