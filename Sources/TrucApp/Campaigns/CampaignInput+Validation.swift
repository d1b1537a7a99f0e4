import TrucCore

// The app's inputs as the plain fields TrucCore's `CampaignValidation` checks.

extension CampaignInput {
    var fields: CampaignValidation.CampaignFields {
        CampaignValidation.CampaignFields(template: template, year: year, title: title, startsAt: startsAt, endsAt: endsAt,
                                          timeZone: timeZone, directive: directive, documents: documents?.map(\.fields),
                                          items: items?.map(\.fields))
    }
}

extension CampaignPatch {
    var fields: CampaignValidation.CampaignFields {
        CampaignValidation.CampaignFields(title: title, startsAt: startsAt, endsAt: endsAt, timeZone: timeZone, directive: directive,
                                          documents: documents?.map(\.fields))
    }
}

extension DocumentInput {
    var fields: CampaignValidation.DocumentFields {
        CampaignValidation.DocumentFields(number: number, date: date, issuer: issuer, title: title)
    }
}

extension ChecklistItemInput {
    var fields: CampaignValidation.ItemFields {
        CampaignValidation.ItemFields(title: title, detail: detail, targetKinds: targetKinds, dueAt: dueAt, position: position)
    }
}

extension ChecklistItemPatch {
    var fields: CampaignValidation.ItemFields {
        CampaignValidation.ItemFields(title: title, detail: detail, targetKinds: targetKinds, position: position)
    }
}
