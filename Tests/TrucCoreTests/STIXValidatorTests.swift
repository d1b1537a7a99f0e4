import Foundation
import Testing
@testable import TrucCore

/// Runs the OASIS STIX 2.1 validator (`pip install stix2-validator`) on exported bundles through
/// Tests/stix/validate_stix.py; skipped when Python or the validator is not installed.
@Suite("STIX 2.1 export passes the OASIS validator", .enabled(if: PythonSTIXValidator.isAvailable))
struct STIXValidatorTests {
    @Test("bundles for every TLP level, with and without observables, confidential or not, validate without errors or warnings")
    func validates() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("truc-stix-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var files: [String] = []
        for (index, tlp) in TLP.allCases.enumerated() {
            let bundle = IncidentFixture.bundle(tlp: tlp, confidential: tlp == .red,
                                                observables: tlp == .clear ? [] : IncidentFixture.observables)
            let file = directory.appendingPathComponent("bundle-\(index).json")
            try bundle.jsonData().write(to: file)
            files.append(file.path)
        }
        let extracted = ObservableExtractor.extract(from: """
            Máy chủ 203.0.113[.]7 kết nối tới hxxps://evil[.]example/path?a=1, mã băm \
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855; lỗ hổng cve-2021-44228; \
            email: attacker@evil[.]example; ftp://[2001:db8::1]:2121/pub/x'y; tải về ở \
            hxxp://203.0.113[.]9/tải-về/báo_cáo.doc?id={1}|x
            """)
        let fromText = directory.appendingPathComponent("bundle-extracted.json")
        try IncidentFixture.bundle(observables: extracted).jsonData().write(to: fromText)
        files.append(fromText.path)

        let feed = directory.appendingPathComponent("bundle-feed.json")
        try IndicatorFeedTests.feed.jsonData().write(to: feed)
        files.append(feed.path)
        let empty = directory.appendingPathComponent("bundle-feed-empty.json")
        try STIXBundle.indicatorFeed([], producer: (IncidentFixture.producer.id, IncidentFixture.producer.name), now: IncidentFixture.now)
            .jsonData().write(to: empty)
        files.append(empty.path)

        let result = try PythonSTIXValidator.run([PythonSTIXValidator.script.path, "--strict"] + files)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\(files.count) passed, 0 failed"), "\(result.output)")
    }

    @Test("the validator catches a broken bundle (the check is not vacuous)")
    func catchesErrors() throws {
        let bundle = IncidentFixture.bundle()
        var objects = bundle.objects
        objects[4]["created"] = "24/11/2026"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("truc-stix-bad-\(UUID().uuidString).json")
        try STIXBundle(id: bundle.id, objects: objects).jsonData().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try PythonSTIXValidator.run([PythonSTIXValidator.script.path, file.path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("0 passed, 1 failed"), "\(result.output)")
    }
}
