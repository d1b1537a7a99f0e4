import TrucCore

extension BilingualError {
    /// A campaign input's problems as one 422 naming them all ("; " between them), as the forms and the API show it.
    init(_ error: CampaignValidationError) {
        self.init(.unprocessableEntity, error.vietnamese, error.english)
    }
}
