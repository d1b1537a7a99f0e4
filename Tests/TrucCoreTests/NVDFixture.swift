import Foundation
import TrucCore

/// Minimal decoding of the NVD fixtures in `Fixtures/` into `CPEConfiguration`s — just enough for the matching
/// tests; the real importer lives elsewhere.
enum NVDFixture {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    /// CVE id → its configurations, from a 1.1 feed file (`CVE_Items`) or an API 2.0 file (`vulnerabilities`).
    static func configurations(_ name: String) throws -> [String: [CPEConfiguration]] {
        let data = try Data(contentsOf: url(name))
        if name.hasPrefix("nvd2") {
            let response = try JSONDecoder().decode(Response20.self, from: data)
            return try Dictionary(uniqueKeysWithValues: response.vulnerabilities.map { wrapper in
                (wrapper.cve.id, try (wrapper.cve.configurations ?? []).map { try $0.configuration() })
            })
        }
        let feed = try JSONDecoder().decode(Feed11.self, from: data)
        return try Dictionary(uniqueKeysWithValues: feed.items.map { item in
            // Each top-level 1.1 node is a configuration of its own.
            (item.cve.meta.id, try item.configurations.nodes.map { CPEConfiguration(nodes: [try $0.node()]) })
        })
    }

    /// Every criteria string in a fixture file, as written.
    static func criteriaStrings(_ name: String) throws -> [String] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #""(?:cpe23Uri|criteria)": "([^"]+)""#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            // JSON escapes the backslash: \\( in the file is \( in the string.
            String(text[Range($0.range(at: 1), in: text)!]).replacingOccurrences(of: #"\\"#, with: #"\"#)
        }
    }

    // MARK: 1.1 feed

    struct Feed11: Decodable {
        let items: [Item]
        enum CodingKeys: String, CodingKey { case items = "CVE_Items" }

        struct Item: Decodable {
            let cve: CVE
            let configurations: Configurations
        }

        struct CVE: Decodable {
            let meta: Meta
            enum CodingKeys: String, CodingKey { case meta = "CVE_data_meta" }
        }

        struct Meta: Decodable {
            let id: String
            enum CodingKeys: String, CodingKey { case id = "ID" }
        }

        struct Configurations: Decodable {
            let nodes: [Node]
        }

        struct Node: Decodable {
            let `operator`: String
            let negate: Bool?
            let children: [Node]?
            let cpeMatch: [Match]?
            enum CodingKeys: String, CodingKey { case `operator`, negate, children, cpeMatch = "cpe_match" }

            func node() throws -> CPEConfiguration.Node {
                CPEConfiguration.Node(CPEConfiguration.Operator(rawValue: `operator`) ?? .or, negate: negate ?? false,
                                      criteria: try (cpeMatch ?? []).map { try $0.criterion() },
                                      children: try (children ?? []).map { try $0.node() })
            }
        }

        struct Match: Decodable {
            let vulnerable: Bool
            let cpe23Uri: String
            let versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding: String?

            func criterion() throws -> CPEMatchCriterion {
                try CPEMatchCriterion(criteria: cpe23Uri, vulnerable: vulnerable,
                                      versionStartIncluding: versionStartIncluding,
                                      versionStartExcluding: versionStartExcluding,
                                      versionEndIncluding: versionEndIncluding, versionEndExcluding: versionEndExcluding)
            }
        }
    }

    // MARK: API 2.0

    struct Response20: Decodable {
        let vulnerabilities: [Wrapper]

        struct Wrapper: Decodable {
            let cve: Record
        }

        struct Record: Decodable {
            let id: String
            let configurations: [Configuration]?
        }

        struct Configuration: Decodable {
            let `operator`: String?
            let negate: Bool?
            let nodes: [Node]

            func configuration() throws -> CPEConfiguration {
                CPEConfiguration(`operator`.flatMap(CPEConfiguration.Operator.init(rawValue:)) ?? .or,
                                 negate: negate ?? false, nodes: try nodes.map { try $0.node() })
            }
        }

        struct Node: Decodable {
            let `operator`: String
            let negate: Bool?
            let cpeMatch: [Match]

            func node() throws -> CPEConfiguration.Node {
                CPEConfiguration.Node(CPEConfiguration.Operator(rawValue: `operator`) ?? .or, negate: negate ?? false,
                                      criteria: try cpeMatch.map { try $0.criterion() })
            }
        }

        struct Match: Decodable {
            let vulnerable: Bool
            let criteria: String
            let matchCriteriaId: String?
            let versionStartIncluding, versionStartExcluding, versionEndIncluding, versionEndExcluding: String?

            func criterion() throws -> CPEMatchCriterion {
                try CPEMatchCriterion(criteria: criteria, vulnerable: vulnerable,
                                      versionStartIncluding: versionStartIncluding,
                                      versionStartExcluding: versionStartExcluding,
                                      versionEndIncluding: versionEndIncluding, versionEndExcluding: versionEndExcluding,
                                      id: matchCriteriaId)
            }
        }
    }
}
