import Fluent
import Foundation
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// Helpers for the outbound-policy tests.
enum OutboundFixture {
    /// Removes every allow-list entry, the test world's loopback ranges included.
    static func clearAllowList(_ w: TestWorld) async throws {
        try await OutboundAllowRecord.query(on: w.db).delete()
        await w.app.outbound.policies.invalidate()
    }

    /// Sends a JSON request as `person`; the status and body.
    static func send(_ w: TestWorld, _ method: HTTPMethod, _ path: String, by person: Person, json: String? = nil) async throws -> (HTTPStatus, String) {
        var headers = w.bearer(person)
        if json != nil { headers.contentType = .json }
        let res = try await w.app.testing().sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return (res.status, res.body.string)
    }

    /// Adds an entry through the API as the coordinator (expects 201) and returns its id.
    @discardableResult
    static func allow(_ w: TestWorld, _ value: String, unit: OrgUnit? = nil, note: String = "kiểm thử") async throws -> UUID {
        let unitField = unit.map { #", "unitID": "\#($0.id!)""# } ?? ""
        let (status, body) = try await send(w, .POST, "/api/v1/outbound-allow-list", by: w.coordinator,
                                            json: #"{"value": "\#(value)", "note": "\#(note)"\#(unitField)}"#)
        #expect(status == .created, "\(value): \(body)")
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let id = (object?["id"] as? String).flatMap { UUID(uuidString: $0) }
        return try #require(id)
    }

    /// A monitor body for POST /units/{id}/monitors.
    static func monitorJSON(kind: String, target: String, settings: String = "{}") -> String {
        #"{"name": "Mục tiêu", "kind": "\#(kind)", "target": "\#(target)", "retries": 0, "settings": \#(settings)}"#
    }

    /// Names the app resolves (when saving and connecting) are answered by `stub`.
    static func resolveWith(_ w: TestWorld, _ stub: DNSStubServer) {
        w.app.outbound.resolver = DNSHostResolver(client: DNSClient(group: MonitoringFixture.group), server: stub.address)
    }
}
