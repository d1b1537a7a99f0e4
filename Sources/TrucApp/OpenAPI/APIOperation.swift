import TrucCore
import Vapor

/// One operation of the JSON API as the OpenAPI document describes it. Each API controller lists its own;
/// a test checks that these and the app's real routes are the same set.
struct APIOperation: Sendable {
    enum Body: Sendable {
        /// A JSON object of the named schema (see `APISchemas`).
        case json(String)
        /// multipart/form-data with the named schema (files as binary strings).
        case multipart(String)
        /// A raw body of the given media type (e.g. text/csv).
        case raw(String)
    }

    enum Reply: Sendable {
        /// 200 with a JSON object of the named schema.
        case json(String)
        /// 200 with a JSON page `{items: [schema], metadata: {page, per, total}}`.
        case page(String)
        /// 200 with a JSON array of the named schema.
        case list(String)
        /// 201 with a JSON object of the named schema.
        case created(String)
        /// 202 with a JSON object of the named schema: queued, done in the background.
        case accepted(String)
        /// 204, no body.
        case noContent
        /// 200 with a body of the given media type (text/calendar, text/vcard, text/csv, application/octet-stream).
        /// Not for JSON: a JSON download is `.jsonFile`.
        case file(String)
        /// 200 with a body of one of the given media types (an evidence file: `EvidenceDownload.mediaTypes`).
        case files([String])
        /// 200 with a JSON document of the named schema, downloaded with its own media type (a STIX bundle as
        /// application/stix+json, a MISP event as application/json).
        case jsonFile(String, schema: String)
    }

    struct Param: Sendable {
        var name: String
        var description: String
        var type: String = "string"
        var required: Bool = false
        /// For integers: the smallest and largest values accepted (others answer 400).
        var minimum: Int? = nil
        var maximum: Int? = nil
    }

    var method: HTTPMethod
    /// OpenAPI path template, e.g. "/api/v1/units/{unitID}".
    var path: String
    var summary: String
    var tag: String
    var query: [Param] = []
    var body: Body? = nil
    var reply: Reply
    /// False only for the sign-in operation.
    var authenticated: Bool = true

    /// Standard paging parameters for lists (checked by `Paging`: anything else answers 400 naming the parameter).
    static let paging: [Param] = [
        Param(name: "page", description: "Page number, from 1 (default 1)", type: "integer",
              minimum: 1, maximum: Paging.maxPage),
        Param(name: "per", description: "Items per page, 1 to \(Paging.maxPer) (default \(Paging.defaultPer))", type: "integer",
              minimum: 1, maximum: Paging.maxPer),
    ]
}
