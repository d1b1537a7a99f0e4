import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    // MARK: - Checklist items (coordinator)

    /// The item `itemID` of the campaign, or 404.
    static func findItem(_ itemID: UUID, in campaign: Campaign, on db: any Database) async throws -> ChecklistItem {
        guard let item = try await ChecklistItem.find(itemID, on: db), item.$campaign.id == campaign.id else {
            throw BilingualError.notFound("Không có mục kiểm tra này trong đợt.", "No such checklist item in this campaign.")
        }
        return item
    }

    /// Adds a checklist item at the end (or at `position`, moving later items down). Coordinator only.
    static func addItem(to campaign: Campaign, _ input: ChecklistItemInput, by principal: Principal,
                        on db: any Database) async throws -> ChecklistItem {
        try requireCoordinator(principal)
        let campaignID = try campaign.requireID()
        let existing = try await items(of: campaignID, on: db)
        let draft = try validated { () throws(CampaignValidationError) in
            try CampaignValidation.newItem(input.fields, existingCount: existing.count)
        }
        let last = (existing.map(\.position).max() ?? 0) + 1
        let position = min(input.position ?? last, last)
        let moved = existing.filter { $0.position >= position }.map { ($0, $0.position + 1) }
        return try await retrying { try await db.transaction { db in
            for (later, newPosition) in moved {
                later.position = newPosition
                try await later.save(on: db)
            }
            let item = ChecklistItem(campaignID: campaignID, position: position, title: draft.title, detail: draft.detail,
                                     targetKinds: draft.targetKinds, dueAt: draft.dueAt)
            try await item.create(on: db)
            try await Audit.record("campaign.item.create", entity: "checklist_item", id: item.id?.uuidString, unitID: nil,
                                   after: item.dto(campaignEndsAt: campaign.endsAt), by: principal, on: db)
            return item
        } }
    }

    /// Changes a checklist item (coordinator only). Answers already given stay; units no longer targeted drop off the board.
    static func updateItem(_ item: ChecklistItem, of campaign: Campaign, with patch: ChecklistItemPatch, by principal: Principal,
                           on db: any Database) async throws -> ChecklistItem {
        try requireCoordinator(principal)
        let before = item.dto(campaignEndsAt: campaign.endsAt)
        let change = try validated { () throws(CampaignValidationError) in try CampaignValidation.itemChange(patch.fields) }
        if let title = change.title { item.title = title }
        if let detail = change.detail { item.detail = detail }
        if let kinds = change.targetKinds { item.targetKinds = kinds }
        if patch.dueAtGiven { item.dueAt = patch.dueAt }
        if let position = patch.position { item.position = position }
        guard item.hasChanges else { return item }
        try await retrying { try await db.transaction { db in
            try await item.save(on: db)
            try await Audit.record("campaign.item.update", entity: "checklist_item", id: item.id?.uuidString, unitID: nil,
                                   before: before, after: item.dto(campaignEndsAt: campaign.endsAt), by: principal, on: db)
        } }
        return item
    }

    /// Deletes a checklist item (coordinator only). When units have answered it, `force` must be set; their answers go too
    /// (the audit log keeps them).
    static func deleteItem(_ item: ChecklistItem, of campaign: Campaign, force: Bool, by principal: Principal,
                           on db: any Database) async throws {
        try requireCoordinator(principal)
        let itemID = try item.requireID()
        let answers = try await ItemReport.query(on: db).filter(\.$item.$id == itemID).all()
        if !answers.isEmpty && !force {
            throw BilingualError(.conflict,
                                "\(answers.count) đơn vị đã báo cáo mục này; xác nhận xoá cả các báo cáo (force=true).",
                                "\(answers.count) unit(s) have answered this item; pass force=true to delete their answers too.")
        }
        let before = item.dto(campaignEndsAt: campaign.endsAt)
        let answerDTOs = answers.map { $0.dto(evidence: nil, reporterName: nil) }
        try await retrying { try await db.transaction { db in
            for answer in answerDTOs {
                try await Audit.record("campaign.report.delete", entity: "item_report", id: answer.id.uuidString,
                                       unitID: answer.unitID, before: answer, by: principal, on: db)
            }
            try await ItemReport.query(on: db).filter(\.$item.$id == itemID).delete()
            try await ChecklistItem.query(on: db).filter(\.$id == itemID).delete()
            try await Audit.record("campaign.item.delete", entity: "checklist_item", id: itemID.uuidString, unitID: nil,
                                   before: before, by: principal, on: db)
        } }
    }
}
