import Foundation
import OpenAPIKit
import Vapor

/// The OpenAPI 3.1 description of the JSON API, served at `/openapi.json`.
///
/// It is built from the `operations` every API controller declares and the schemas in `APISchemas`;
/// `OpenAPITests` checks that it and the app's real routes describe the same set of endpoints.
enum APIDocument {
    static let title = "Trực ATTT API"
    static let version = "1.0.0"
    static let bearerScheme = "bearerAuth"
    /// The shared error answer `{"error": true, "reason": "..."}`.
    static let errorSchema = "Error"
    static let pageMetadataSchema = "PageMetadata"

    /// Every operation of the JSON API, in the order the document lists them.
    static var operations: [APIOperation] {
        AuthAPIController.operations
            + TwoFactorAPIController.operations
            + UnitAPIController.operations
            + PersonAPIController.operations
            + ContactAPIController.operations
            + AuditAPIController.operations
            + CampaignAPIController.operations
            + RosterAPIController.operations
            + InventoryAPIController.operations
            + VulnerabilityAPIController.operations
            + FindingAPIController.operations
            + AdvisoryAPIController.operations
            + MonitorAPIController.operations
            + IncidentAPIController.operations
            + OutboundAPIController.operations
            + BackupAPIController.operations
            + FeedSourceAPIController.operations
            + ScanAPIController.operations
    }

    /// The document as pretty-printed JSON with sorted keys; built once.
    static func json() throws -> String { try encoded.get() }

    private static let encoded: Result<String, any Error> = Result {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// The document (built once).
    static let document: OpenAPI.Document = build(operations)

    // MARK: - Building

    static func build(_ operations: [APIOperation]) -> OpenAPI.Document {
        var paths: OrderedDictionary<OpenAPI.Path, OpenAPI.PathItem> = [:]
        for op in operations {
            let path = OpenAPI.Path(rawValue: op.path)
            var item = paths[path] ?? OpenAPI.PathItem()
            let operation = self.operation(op)
            switch op.method {
            case .GET: item.get = operation
            case .POST: item.post = operation
            case .PUT: item.put = operation
            case .PATCH: item.patch = operation
            case .DELETE: item.delete = operation
            case .HEAD: item.head = operation
            case .OPTIONS: item.options = operation
            case .TRACE: item.trace = operation
            default:
                // OpenAPI 3.2 only; a 3.1 document with these fails validation (see OpenAPITests).
                if let method = OpenAPI.HttpMethod(rawValue: op.method.rawValue) { item.additionalOperations[method] = operation }
            }
            paths[path] = item
        }

        var schemas: OrderedDictionary<OpenAPI.ComponentKey, JSONSchema> = [:]
        for (name, schema) in allSchemas(for: operations).sorted(by: { $0.key < $1.key }) {
            schemas[componentKey(name)] = schema
        }

        let components = OpenAPI.Components.direct(
            schemas: schemas,
            responses: errorResponses.reduce(into: [:]) { $0[componentKey($1.name)] = $1.response },
            securitySchemes: [
                componentKey(bearerScheme): .http(scheme: "bearer", bearerFormat: "opaque token",
                                                  description: "Token từ POST /api/v1/auth/token hoặc trang Token API. / A token from POST /api/v1/auth/token or the API tokens page."),
            ]
        )

        return OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: .init(
                title: title,
                description: """
                Giao diện lập trình (JSON) của hệ thống Trực ATTT: cây đơn vị, cán bộ và vai trò, danh bạ ứng cứu sự cố, \
                nhật ký kiểm toán, đợt cao điểm (chiến dịch) với danh mục việc cần làm và báo cáo của đơn vị, lịch trực. \
                Xác thực bằng token Bearer; thời gian theo ISO 8601.

                The JSON API of Trực ATTT (information-security duty): the unit tree, people and roles, the incident-response \
                contact directory, the audit log, readiness campaigns with checklists and unit reports, and the duty roster. \
                Authenticate with a Bearer token; times are ISO 8601 date-times. \
                Errors are `{"error": true, "reason": "..."}`.
                """,
                version: version
            ),
            servers: [.init(url: URL(string: "/")!, description: "This server")],
            paths: paths.mapValues { .pathItem($0) },
            components: components,
            tags: tags(for: operations)
        )
    }

    private static func operation(_ op: APIOperation) -> OpenAPI.Operation {
        var parameters: OpenAPI.Parameter.Array = pathParameters(op.path).map { name in
            .parameter(.path(name: name, schema: parameterSchema(name: name, type: "string"),
                             description: name.hasSuffix("ID") ? "UUID" : nil))
        }
        parameters += op.query.map { param in
            .parameter(.query(name: param.name, required: param.required,
                              schema: parameterSchema(name: param.name, type: param.type,
                                                      minimum: param.minimum, maximum: param.maximum),
                              description: param.description))
        }

        var responses: OpenAPI.Response.Map = [:]
        switch op.reply {
        case let .json(name):
            responses[200] = reply("OK", [.json: .content(.init(schema: ref(name)))])
        case let .page(name):
            responses[200] = reply("One page of results", [.json: .content(.init(schema: ref(pageSchemaName(name))))])
        case let .list(name):
            responses[200] = reply("OK", [.json: .content(.init(schema: .array(items: ref(name))))])
        case let .created(name):
            responses[201] = reply("Created", [.json: .content(.init(schema: ref(name)))])
        case let .accepted(name):
            responses[202] = reply("Accepted: queued, done in the background", [.json: .content(.init(schema: ref(name)))])
        case .noContent:
            responses[204] = reply("Done; no content", [:])
        case let .file(mediaType):
            responses[200] = reply("A file (\(mediaType))",
                                       [contentType(mediaType): .content(.init(schema: rawSchema(mediaType)))])
        case let .files(mediaTypes):
            var content: OpenAPI.Content.Map = [:]
            for mediaType in mediaTypes {
                content[contentType(mediaType)] = .content(.init(schema: rawSchema(mediaType)))
            }
            responses[200] = reply("A file (\(mediaTypes.joined(separator: ", ")))", content)
        case let .jsonFile(mediaType, name):
            responses[200] = reply("A JSON document (\(mediaType)), as a download", [contentType(mediaType): .content(.init(schema: ref(name)))])
        }
        for error in errorResponses where error.applies(op) {
            responses[error.code.map { .status(code: $0) } ?? .default] = .reference(.component(named: error.name))
        }

        var requestBody: OpenAPI.Request?
        switch op.body {
        case nil: break
        case let .json(name):
            requestBody = .init(content: [.json: .content(.init(schema: ref(name)))], required: true)
        case let .multipart(name):
            requestBody = .init(content: [.multipartForm: .content(.init(schema: ref(name)))], required: true)
        case let .raw(mediaType):
            requestBody = .init(content: [contentType(mediaType): .content(.init(schema: rawSchema(mediaType)))], required: true)
        }

        return OpenAPI.Operation(
            tags: [op.tag],
            summary: op.summary,
            operationId: operationID(op),
            parameters: parameters,
            requestBody: requestBody,
            responses: responses,
            security: op.authenticated ? [[.component(named: bearerScheme): []]] : []
        )
    }

    // MARK: - Names

    /// The `{name}` segments of an OpenAPI path template, in order.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    /// `GET /api/v1/units/{unitID}/people` → `getUnitsByUnitIDPeople`.
    static func operationID(_ op: APIOperation) -> String {
        var id = op.method.rawValue.lowercased()
        var segments = op.path.split(separator: "/").map(String.init)
        if segments.starts(with: ["api", "v1"]) { segments.removeFirst(2) }
        for segment in segments {
            if segment.hasPrefix("{") && segment.hasSuffix("}") {
                id += "By" + capitalized(String(segment.dropFirst().dropLast()))
            } else {
                id += segment.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { capitalized(String($0)) }.joined()
            }
        }
        return id
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    static func pageSchemaName(_ item: String) -> String { item + "Page" }

    /// Every schema name the operations refer to directly (bodies and replies; page wrappers excluded).
    static func referencedSchemaNames(_ operations: [APIOperation] = operations) -> Set<String> {
        var names = Set<String>()
        for op in operations {
            switch op.body {
            case let .json(name)?, let .multipart(name)?: names.insert(name)
            default: break
            }
            switch op.reply {
            case let .json(name), let .page(name), let .list(name), let .created(name), let .accepted(name),
                 let .jsonFile(_, name): names.insert(name)
            case .noContent, .file, .files: break
            }
        }
        return names
    }

    /// `APISchemas.all`, the shared error and page-metadata schemas, and a page wrapper per paged item type.
    static func allSchemas(for operations: [APIOperation]) -> [String: JSONSchema] {
        var schemas = APISchemas.all
        schemas[errorSchema] = .object(
            description: "Every error answer of the API. / Mọi câu trả lời lỗi của API.",
            properties: [
                "error": .boolean(description: "Always true", allowedValues: [true]),
                "reason": .string(description: "What went wrong, for people"),
                "rows": JSONSchema.array(items: .reference(.component(named: "ShiftImportRowError"))).optional
                    .described("Only from a CSV import of shifts: every row refused (nothing was stored)"),
                "fields": JSONSchema.array(items: .string).optional
                    .described("The input fields the error is about, when known (e.g. a text over its limit: 422)"),
            ]
        )
        schemas[pageMetadataSchema] = .object(
            description: "Where a page lies in the whole list.",
            properties: [
                "page": .integer(description: "This page's number, from 1", minimum: (1, exclusive: false)),
                "per": .integer(description: "Items per page", minimum: (1, exclusive: false)),
                "total": .integer(description: "Items in the whole list", minimum: (0, exclusive: false)),
            ]
        )
        for op in operations {
            guard case let .page(item) = op.reply else { continue }
            schemas[pageSchemaName(item)] = .object(
                description: "One page of \(item) items.",
                properties: [
                    "items": .array(items: ref(item)),
                    "metadata": ref(pageMetadataSchema),
                ]
            )
        }
        return schemas
    }

    // MARK: - Pieces

    private struct ErrorResponse: Sendable {
        /// nil: the `default` response.
        var code: Int?
        var name: String
        var description: String
        var applies: @Sendable (APIOperation) -> Bool

        var response: OpenAPI.Response {
            .init(description: description, content: [.json: .content(.init(schema: .reference(.component(named: APIDocument.errorSchema))))])
        }
    }

    private static let errorResponses: [ErrorResponse] = [
        .init(code: 400, name: "BadRequest", description: "The request is malformed or fails validation (see reason).",
              applies: { _ in true }),
        .init(code: 401, name: "Unauthorized", description: "No valid bearer token (or, for sign-in, wrong e-mail, password or two-factor code).",
              applies: { _ in true }),
        .init(code: 403, name: "Forbidden", description: "The token's person may not do this.",
              applies: { $0.authenticated }),
        .init(code: 404, name: "NotFound", description: "No such thing, or you may not see it.",
              applies: { !pathParameters($0.path).isEmpty }),
        .init(code: 422, name: "UnprocessableEntity", description: "The request is well-formed but breaks a rule (see reason).",
              applies: { $0.body != nil }),
        .init(code: nil, name: "OtherError",
              description: "Any other error, e.g. 403 at sign-in when the role requires two-factor enrolment first, 409 conflict, 413 upload too large, 415 wrong media type, 429 too many failed attempts (see the Retry-After header).",
              applies: { _ in true }),
    ]

    private static func tags(for operations: [APIOperation]) -> [OpenAPI.Tag] {
        var seen: [String] = []
        for op in operations where !seen.contains(op.tag) { seen.append(op.tag) }
        return seen.map { OpenAPI.Tag(name: $0, description: tagDescriptions[$0]) }
    }

    private static let tagDescriptions: [String: String] = [
        "Auth": "Đăng nhập và token API. / Sign-in and API tokens.",
        "Units": "Cây đơn vị. / The unit tree.",
        "People": "Cán bộ và vai trò. / People and their roles.",
        "Contacts": "Danh bạ ứng cứu sự cố. / The incident-response contact directory.",
        "Audit": "Nhật ký kiểm toán. / The audit log.",
        "Campaigns": "Đợt cao điểm, danh mục việc và báo cáo. / Readiness campaigns, checklists and reports.",
        "Roster": "Lịch trực. / The duty roster.",
    ]

    private static func reply(_ description: String, _ content: OpenAPI.Content.Map) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        .response(OpenAPI.Response(description: description, content: content))
    }

    private static func ref(_ name: String) -> JSONSchema {
        .reference(.component(named: name))
    }

    private static func componentKey(_ name: String) -> OpenAPI.ComponentKey {
        (try? OpenAPI.ComponentKey.forceInit(rawValue: name)) ?? "invalid"
    }

    private static func parameterSchema(name: String, type: String, minimum: Int? = nil, maximum: Int? = nil) -> JSONSchema {
        switch type {
        case "integer": .integer(maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) })
        case "boolean": .boolean
        case "number": .number
        default: name.hasSuffix("ID") ? .string(format: .uuid) : .string
        }
    }

    private static func contentType(_ mediaType: String) -> OpenAPI.ContentType {
        OpenAPI.ContentType(rawValue: mediaType) ?? .any
    }

    /// Whether a media type is JSON (application/json or a `+json` type such as application/stix+json).
    static func isJSON(_ mediaType: String) -> Bool {
        let bare = mediaType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        return bare == "application/json" || (bare.hasPrefix("application/") && bare.hasSuffix("+json"))
    }

    /// Text bodies are strings; anything else is raw bytes.
    private static func rawSchema(_ mediaType: String) -> JSONSchema {
        mediaType.hasPrefix("text/") ? .string : .string(contentMediaType: contentType(mediaType))
    }
}
