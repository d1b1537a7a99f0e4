import OpenAPIKit
import TrucCore

extension APISchemas {
    /// Scanner reports and SBOMs imported into a unit.
    static let scans: [String: JSONSchema] = [
        "ScanFormat": enumeration(ScanFormat.self, "Format of a scanner report or SBOM / Định dạng báo cáo quét"),
        "ScanImportSummary": object("What one scan import did / Kết quả nhập một báo cáo quét.", [
            "scanID": uuid,
            "format": ref("ScanFormat"),
            "tool": .string.optional,
            "fileName": .string,
            "sha256": .string,
            "hosts": .integer(description: "Hosts (or the artifact) the report covered"),
            "results": .integer(description: "Every result, informational ones included"),
            "findingResults": .integer(description: "Results that are findings (not informational)"),
            "cves": .integer(description: "Distinct CVEs the results name"),
            "findingsNew": .integer,
            "findingsUnchanged": .integer,
            "findingsClosed": .integer(description: "Findings of the same scanner on a covered host that the report no longer has"),
            "findingsReopened": .integer,
            "vexMarked": .integer(description: "Findings marked false positive by a VEX statement"),
            "assetsCreated": .integer,
            "assetsUpdated": .integer,
            "problems": .array(items: .string),
            "matching": ref("MatchSummary"),
        ]),
        "ScanImport": object("One entry of a unit's scan history / Một lần nhập báo cáo quét.", [
            "id": uuid,
            "unitID": uuid,
            "format": ref("ScanFormat"),
            "tool": .string.optional,
            "fileName": .string,
            "sha256": .string,
            "size": .integer,
            "importedAt": dateTime,
            "importedBy": .string,
            "hosts": .integer,
            "results": .integer,
            "findingsNew": .integer,
            "findingsUnchanged": .integer,
            "findingsClosed": .integer,
            "findingsReopened": .integer,
            "assetsCreated": .integer,
        ]),
    ]
}
