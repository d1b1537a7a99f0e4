import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    // MARK: - Creating and changing campaigns (coordinator)

    typealias Draft = CampaignDraft
    typealias ItemDraft = CampaignDraft.Item

    /// Checks a creation input and turns it into a draft (`CampaignValidation.draft`); throws one 422 naming every problem.
    static func draft(from input: CampaignInput, now: Date = Date()) throws -> Draft {
        try validated { () throws(CampaignValidationError) in try CampaignValidation.draft(from: input.fields, now: now) }
    }

    /// Creates a campaign with its items (coordinator only). 409 when a campaign with the same title and start exists.
    static func create(_ input: CampaignInput, by principal: Principal, now: Date = Date(),
                       on db: any Database) async throws -> (Campaign, [ChecklistItem]) {
        try requireCoordinator(principal)
        let draft = try draft(from: input, now: now)
        if try await Campaign.query(on: db).filter(\.$title == draft.title).filter(\.$startsAt == draft.startsAt).first() != nil {
            throw BilingualError(.conflict, "Đã có đợt cao điểm '\(draft.title)' bắt đầu cùng thời điểm.",
                                "A campaign '\(draft.title)' with the same start already exists.")
        }
        return try await retrying { try await db.transaction { db in
            let campaign = Campaign(title: draft.title, startsAt: draft.startsAt, endsAt: draft.endsAt, timeZone: draft.timeZone,
                                    directive: draft.directive, documents: draft.documents, createdBy: principal.personID)
            try await campaign.create(on: db)
            var items: [ChecklistItem] = []
            for (index, d) in draft.items.enumerated() {
                let item = ChecklistItem(campaignID: try campaign.requireID(), position: index + 1, title: d.title, detail: d.detail,
                                         targetKinds: d.targetKinds, dueAt: d.dueAt)
                try await item.create(on: db)
                items.append(item)
            }
            try await Audit.record("campaign.create", entity: "campaign", id: campaign.id?.uuidString, unitID: nil,
                                   after: campaign.dto(items: items), by: principal, on: db)
            return (campaign, items)
        } }
    }

    /// Changes title, period, time zone, directive or documents (coordinator only).
    static func update(_ campaign: Campaign, with patch: CampaignPatch, by principal: Principal,
                       on db: any Database) async throws -> (Campaign, [ChecklistItem]) {
        try requireCoordinator(principal)
        let items = try await items(of: campaign.requireID(), on: db)
        let before = campaign.dto(items: items)
        let change = try validated { () throws(CampaignValidationError) in
            try CampaignValidation.change(patch.fields, startsAt: campaign.startsAt, endsAt: campaign.endsAt)
        }
        if let title = change.title { campaign.title = title }
        if let zone = change.timeZone { campaign.timeZone = zone }
        campaign.startsAt = change.startsAt
        campaign.endsAt = change.endsAt
        if let directive = change.directive { campaign.directive = directive }
        if let documents = change.documents { campaign.documents = documents }
        guard campaign.hasChanges else { return (campaign, items) }
        try await retrying { try await db.transaction { db in
            try await campaign.save(on: db)
            try await Audit.record("campaign.update", entity: "campaign", id: campaign.id?.uuidString, unitID: nil,
                                   before: before, after: campaign.dto(items: items), by: principal, on: db)
        } }
        return (campaign, items)
    }
}
