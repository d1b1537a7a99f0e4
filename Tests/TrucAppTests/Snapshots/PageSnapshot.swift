import Foundation
import SnapshotTesting
import Testing
import TrucCore
@testable import TrucApp

/// Fixed ids, clock and people for HTML snapshots: a page rendered from the same model is byte-for-byte the same.
enum SnapshotFixture {
    /// 2026-04-28 09:30 in Hà Nội (02:30 UTC).
    static let now = Date(timeIntervalSince1970: 1_777_343_400)
    static let timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// A fixed UUID: 00000000-0000-0000-0000-0000000000NN.
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!
    }

    static let province = id(1)
    static let department = id(2)

    /// The province coordinator (sees everything, including the audit log).
    static let coordinator = Principal(
        personID: id(101), fullName: "Nguyễn Văn Điều Phối", email: "dieuphoi@example.gov.vn", unitID: province,
        policy: AccessPolicy(grants: [.init(unitID: province, role: .coordinator)],
                             tree: UnitTree([(id: province, parent: nil), (id: department, parent: province)])),
        tokenID: nil)

    /// A duty officer of the department.
    static let officer = Principal(
        personID: id(102), fullName: "Trần Thị Trực", email: "truc@example.gov.vn", unitID: department,
        policy: AccessPolicy(grants: [.init(unitID: department, role: .dutyOfficer)],
                             tree: UnitTree([(id: province, parent: nil), (id: department, parent: province)])),
        tokenID: nil)

    static func context(_ lang: Lang, _ principal: Principal? = coordinator, path: String = "/") -> PageContext {
        PageContext(lang: lang, principal: principal, csrf: "CSRF-TOKEN", timeZone: timeZone, path: path)
    }
}

/// Compares a rendered page with its recorded snapshot (`Snapshots/__Snapshots__/<suite>/<test>.<name>.html`).
/// A missing snapshot is recorded and the test fails once; run again to check it. Set SNAPSHOT_TESTING_RECORD=all
/// to re-record after a deliberate change, and review the diff.
func assertPage(_ html: HTML, named name: String,
                fileID: StaticString = #fileID, file filePath: StaticString = #filePath,
                testName: String = #function, line: UInt = #line, column: UInt = #column) {
    assertSnapshot(of: html.raw, as: .html, named: name, fileID: fileID, file: filePath, testName: testName, line: line, column: column)
}

extension Snapshotting where Value == String, Format == String {
    /// Text compared line by line, stored as .html so a reviewer's editor colours it.
    static var html: Snapshotting {
        var strategy = Snapshotting.lines
        strategy.pathExtension = "html"
        return strategy
    }
}
