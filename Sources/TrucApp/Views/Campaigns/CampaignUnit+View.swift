import Foundation

extension CampaignUnit {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let campaign = model.campaign
            return PageFrame.page(ctx, title: "\(model.unitName) · \(campaign.title)", body: """
            <p><a href="\(CampaignRoute.show(model.campaignID))">« \(campaign.title)</a></p>
            <h1>\(model.unitName)</h1>
            <p>\(ctx.t(.period)): \(CampaignFragments.period(campaign)) (\(campaign.timeZone))</p>
            \(CampaignUnitSection(ctx: ctx, campaign: campaign, view: model.view, back: CampaignRoute.unit(model.campaignID, unit: model.unitID)))
            """)
        }
    }
}
