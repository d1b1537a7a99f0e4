import Foundation
import Testing
import TrucCore

/// The shared NVD CPE dictionary, read once for all tests that need it (`nil` when the file is absent).
enum SharedCPEDictionary {
    struct Loaded: Sendable {
        var items: [CPEDictionaryItem]
        var progress: [Int]
        var gunzipSeconds: Double
        var parseSeconds: Double
        var products: [CPEProduct]
        var productsSeconds: Double
    }

    struct LoadFailure: Error, CustomStringConvertible { var description: String }

    static let loaded: Result<Loaded, LoadFailure>? = {
        guard SharedInventoryData.exists(SharedInventoryData.cpeDictionary) else { return nil }
        do {
            let clock = ContinuousClock()
            var start = clock.now
            let data = try SharedInventoryData.gunzip(SharedInventoryData.cpeDictionary)
            let gunzip = clock.now - start
            start = clock.now
            var progress: [Int] = []
            let items = try CPEDictionary.parse(data: data) { progress.append($0) }
            let parse = clock.now - start
            start = clock.now
            let products = CPEDictionary.products(items)
            let collapse = clock.now - start
            return .success(Loaded(items: items, progress: progress, gunzipSeconds: seconds(gunzip),
                                   parseSeconds: seconds(parse), products: products, productsSeconds: seconds(collapse)))
        } catch let error as InventoryError {
            return .failure(LoadFailure(description: error.english))
        } catch {
            return .failure(LoadFailure(description: "\(error)"))
        }
    }()

    static let isPresent = SharedInventoryData.exists(SharedInventoryData.cpeDictionary)

    static func get() throws -> Loaded { try #require(loaded).get() }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static let proposer: CPEProposer? = (try? loaded?.get()).map { CPEProposer(products: $0.products) }
}

@Suite struct CPEDictionaryTests {
    static func sample() throws -> [CPEDictionaryItem] {
        try CPEDictionary.parse(data: try Data(contentsOf: SharedInventoryData.fixture("cpe-dictionary-sample.xml")))
    }

    // MARK: - The sample cut from the dictionary

    @Test func parsesTheSampleItemsInFileOrder() throws {
        let items = try Self.sample()
        #expect(items.count == 56)
        #expect(items.first == CPEDictionaryItem(
            name: try CPEName(parsing: "cpe:2.3:a:3com:3c16115-us:2.01:*:*:*:*:*:*:*"),
            title: "3Com WebCache 1000 2.01", deprecated: false))
        // The English title is chosen when the Japanese one comes first.
        #expect(items[1].title == "3Com WebCache 3000 2.0")
        #expect(items.filter(\.deprecated).count == 13)
        let ios = try #require(items.first { $0.title == "Cisco IOS 15.2(2)E1" })
        #expect(ios.name.formattedString == #"cpe:2.3:o:cisco:ios:15.2\(2\)e1:*:*:*:*:*:*:*"#)
        let datacenter = try #require(items.first { $0.title.hasSuffix("DataCenter Edition") })
        #expect(datacenter.name.formattedString == "cpe:2.3:o:microsoft:windows_server_2012:r2:-:-:*:datacenter:*:*:*")
    }

    @Test func productsOfTheSample() throws {
        let products = CPEDictionary.products(try Self.sample())
        let byName = Dictionary(uniqueKeysWithValues: products.map { ("\($0.part.rawValue):\($0.vendor):\($0.product)", $0) })
        #expect(products.count == 11)
        #expect(byName["o:cisco:ios"] == CPEProduct(part: .operatingSystem, vendor: "cisco", product: "ios",
                                                     title: "Cisco IOS", versionCount: 12))
        #expect(byName["h:cisco:ios"] == nil, "every h:cisco:ios item is deprecated")
        #expect(byName["a:igor_sysoev:nginx"] == nil)
        #expect(byName["a:nginx:nginx"]?.title == "Nginx")
        #expect(byName["o:cisco:ios_xe"]?.title == "Cisco IOS XE")
        #expect(byName["o:cisco:ios_xe"]?.versionCount == 4, "NA (-) counts as a version, ANY does not")
        #expect(byName["a:apache:tomcat"]?.title == "Apache Software Foundation Tomcat")
        #expect(byName["a:apache:tomcat"]?.versionCount == 3)
        #expect(byName["a:apache:http_server"]?.title == "Apache Software Foundation Apache HTTP Server")
        #expect(byName["o:microsoft:windows_server_2012"]?.title == "Microsoft Windows Server 2012")
        #expect(byName["o:microsoft:windows_server_2012"]?.versionCount == 2)
        #expect(byName["o:microsoft:windows_server_2008"]?.title == "Microsoft Windows Server 2008")
        #expect(byName["a:3com:3c16115-us"]?.title == "3Com WebCache 1000")
        #expect(byName["o:3com:tippingpoint_ips_tos"]?.versionCount == 2)
        #expect(byName["a:3com:tippingpoint_ips_tos"] == nil)
        #expect(byName["o:fortinet:fortios"]?.title == "Fortinet FortiOS")
        #expect(try byName["o:cisco:ios"]?.name(version: "15.2(4)M1").formattedString
            == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        let coded = try JSONDecoder().decode(CPEProduct.self, from: try JSONEncoder().encode(byName["o:cisco:ios"]!))
        #expect(coded == byName["o:cisco:ios"])
        #expect(String(decoding: try JSONEncoder().encode(CPEPart.operatingSystem), as: UTF8.self) == #""o""#)
    }

    @Test func syntheticItems() throws {
        let xml = """
        <?xml version='1.0' encoding='UTF-8'?>
        <cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0" xmlns:cpe-23="http://scap.nist.gov/schema/cpe-extension/2.3">
          <cpe-item name="cpe:/a:example:only_uri:1.0"><title xml:lang="en-US">Example Only URI v1.0</title></cpe-item>
          <cpe-item name="cpe:/a:example:bad"><title>Bad &amp; Worse version 2</title>
            <cpe-23:cpe23-item name="cpe:2.3:a:example:bad:2:*:*:*:*:*:*:*"/></cpe-item>
          <cpe-item name="not a cpe"><title xml:lang="en-US">Skipped</title></cpe-item>
        </cpe-list>
        """
        var progress: [Int] = []
        let items = try CPEDictionary.parse(data: Data(xml.utf8)) { progress.append($0) }
        #expect(progress.isEmpty)
        #expect(items.map(\.name.formattedString) == ["cpe:2.3:a:example:only_uri:1.0:*:*:*:*:*:*:*",
                                                       "cpe:2.3:a:example:bad:2:*:*:*:*:*:*:*"])
        #expect(items.map(\.title) == ["Example Only URI v1.0", "Bad & Worse version 2"])
        #expect(CPEDictionary.products(items).map(\.title) == ["Example Only URI", "Bad & Worse"])
    }

    @Test func brokenOrForeignDocuments() {
        #expect(throws: InventoryError.unexpectedRoot(found: "nmaprun", expected: "cpe-list")) {
            try CPEDictionary.parse(data: Data("<nmaprun></nmaprun>".utf8))
        }
        #expect(throws: InventoryError.truncated(root: "cpe-list")) {
            try CPEDictionary.parse(data: Data("<cpe-list>\n  <cpe-item name=\"cpe:/a:x:y\">\n".utf8))
        }
        #expect(throws: InventoryError.emptyDocument) { try CPEDictionary.parse(data: Data()) }
        #expect(InventoryError.unexpectedRoot(found: "x", expected: "cpe-list").vietnamese.contains("từ điển CPE"))
    }

    // MARK: - The shared dictionary

    @Test(.enabled(if: SharedCPEDictionary.isPresent, "../shared/data/cpe is not present"))
    func parsesEveryItemOfTheSharedDictionary() throws {
        let loaded = try SharedCPEDictionary.get()
        #expect(loaded.items.count == 101_371)
        #expect(loaded.items.filter(\.deprecated).count == 1_532)
        #expect(loaded.progress == Array(stride(from: 10_000, through: 100_000, by: 10_000)))
        #expect(loaded.items.allSatisfy { !$0.title.isEmpty })
        #expect(loaded.items.first?.name.formattedString
            == #"cpe:2.3:a:\$0.99_kindle_books_project:\$0.99_kindle_books:6:*:*:*:*:android:*:*"#)
        let products = loaded.products
        #expect(products.count > 10_000 && products.count < 20_000)
        let ios = try #require(products.first { $0.part == .operatingSystem && $0.vendor == "cisco" && $0.product == "ios" })
        #expect(ios.title == "Cisco IOS")
        #expect(ios.versionCount > 1_500)
        #expect(Set(products.map { "\($0.part.rawValue):\($0.vendor):\($0.product)" }).count == products.count)
        let titled = products.filter { $0.title != $0.product }.count
        print("CPE dictionary: \(loaded.items.count) items (\(loaded.items.filter(\.deprecated).count) deprecated) → "
            + "\(products.count) products (\(titled) with a title); gunzip \(String(format: "%.2f", loaded.gunzipSeconds)) s, "
            + "parse \(String(format: "%.2f", loaded.parseSeconds)) s, "
            + "products \(String(format: "%.2f", loaded.productsSeconds)) s")
    }
}
