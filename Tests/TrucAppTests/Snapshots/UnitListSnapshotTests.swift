import Fluent
import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// The units list as the coordinator sees it: the search, the table with each unit's parent, the pager and the
/// form to add a unit.
@Suite struct UnitListSnapshotTests {
    typealias F = SnapshotFixture

    static func model() -> UnitList.Model {
        let rows: [UnitList.Model.Row] = [
            .init(id: F.id(12), code: "STC", name: "Sở Tài chính", kind: .stateAgency, parentName: "UBND tỉnh Lai Châu"),
            .init(id: F.id(11), code: "SYT", name: "Sở Y tế", kind: .stateAgency, parentName: "UBND tỉnh Lai Châu"),
            .init(id: F.id(15), code: "TTCNTT", name: "Trung tâm CNTT & Truyền thông", kind: .itCenter, parentName: "Sở Khoa học và Công nghệ"),
            .init(id: F.id(1), code: "UBND-LC", name: "UBND tỉnh Lai Châu", kind: .stateAgency, parentName: nil),
            .init(id: F.id(14), code: "VNPT", name: "VNPT tỉnh", kind: .telecomProvider, parentName: nil),
        ]
        return UnitList.Model(rows: rows, metadata: PageMetadata(page: 1, per: 5, total: 7), q: nil,
                              parentChoices: rows.map { .init(id: $0.id, name: $0.name) })
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func coordinatorList(_ lang: Lang) {
        let view = UnitList.View(ctx: F.context(lang, path: DirectoryRoute.units.path), model: Self.model())
        assertPage(view.document(), named: lang.rawValue)
    }
}
