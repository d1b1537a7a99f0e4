import TrucCore

extension CampaignService {
    // MARK: - Templates

    static func templates(year: Int) -> [CampaignTemplateDTO] {
        CampaignTemplate.keys.compactMap { CampaignTemplate.named($0, year: year) }.map { t in
            CampaignTemplateDTO(key: t.key, year: year, title: t.title, startsAt: t.startsAt, endsAt: t.endsAt,
                                timeZone: t.timeZone.identifier, directive: t.directive, documents: t.documents,
                                items: t.items.map { .init(title: $0.title, detail: $0.detail, targetKinds: $0.targetKinds, dueAt: t.dueDate(of: $0)) })
        }
    }
}
