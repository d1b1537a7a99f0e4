import OpenAPIKit
import TrucCore

extension APISchemas {
    /// The knowledge sources synced on a schedule and their runs.
    static let feedSync: [String: JSONSchema] = [
        "FeedSourceKind": enumeration(FeedSourceKind.self, "Kind of knowledge source / Loại nguồn dữ liệu"),
        "FeedSourceInput": object("A change to a source (absent fields stay as they are); to add a CSAF provider, `url` is its provider-metadata.json.", [
            "name": .string(maxLength: FeedSourceSettings.maxNameLength).optional,
            "url": .string(format: .uri, maxLength: FeedSourceSettings.maxURLLength).optional.described("http(s), without user name"),
            "intervalMinutes": .integer(maximum: (FeedSourceSettings.intervalRange.upperBound, exclusive: false),
                                        minimum: (FeedSourceSettings.intervalRange.lowerBound, exclusive: false)).optional,
            "enabled": .boolean.optional,
            "apiKey": .string(maxLength: FeedSourceSettings.maxAPIKeyLength).optional
                .described("NVD only: the API key (sent as the apiKey header; raises the limit from 5 to 50 requests per 30 s). Write-only."),
            "clearAPIKey": .boolean.optional.described("Remove the stored API key"),
        ]),
        "FeedSource": object("A knowledge source synced on a schedule / Nguồn dữ liệu đồng bộ tự động.", [
            "id": uuid,
            "kind": ref("FeedSourceKind"),
            "name": .string,
            "url": .string,
            "intervalMinutes": .integer,
            "enabled": .boolean,
            "apiKeySet": .boolean(description: "An API key is stored (it is never returned)"),
            "apiKey": .string.optional.described("Only in the answer to the change that set it: shown once"),
            "state": .string(description: "Where the sync stands: first load, changes since…, ETag…"),
            "nextRunAt": dateTime,
            "runRequested": .boolean(description: "A run was asked and waits for the scheduler's next tick"),
            "lastRunAt": dateTime.optional,
            "lastSuccessAt": dateTime.optional,
            "lastError": .string.optional,
            "failures": .integer(description: "Runs failed in a row"),
        ]),
        "FeedRun": object("One run of a source's sync / Một lần đồng bộ.", [
            "id": uuid,
            "sourceID": uuid,
            "kind": ref("FeedSourceKind"),
            "trigger": .string(allowedValues: ["schedule", "cli", "web"]),
            "startedAt": dateTime,
            "finishedAt": dateTime.optional.described("Absent while running"),
            "httpCalls": .integer,
            "bytes": .integer,
            "created": .integer,
            "updated": .integer,
            "unchanged": .integer,
            "skipped": .integer,
            "error": .string.optional,
            "notes": .array(items: .string),
        ]),
    ]
}
