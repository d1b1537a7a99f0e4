import Foundation

/// The live compliance board of a campaign: targeted units x checklist items.
public struct ComplianceBoard: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var targetKinds: Set<UnitKind>
        public var dueAt: Date?
        public init(id: UUID, title: String, targetKinds: Set<UnitKind>, dueAt: Date?) {
            self.id = id
            self.title = title
            self.targetKinds = targetKinds
            self.dueAt = dueAt
        }
    }

    public struct Unit: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var kind: UnitKind
        public var acknowledgedAt: Date?
        public init(id: UUID, name: String, kind: UnitKind, acknowledgedAt: Date?) {
            self.id = id
            self.name = name
            self.kind = kind
            self.acknowledgedAt = acknowledgedAt
        }
    }

    public struct Answer: Sendable, Equatable {
        public var itemID: UUID
        public var unitID: UUID
        public var status: ItemStatus
        public var reportedAt: Date
        public init(itemID: UUID, unitID: UUID, status: ItemStatus, reportedAt: Date) {
            self.itemID = itemID
            self.unitID = unitID
            self.status = status
            self.reportedAt = reportedAt
        }
    }

    public enum Cell: String, Sendable, Codable, Equatable {
        case notTargeted = "not_targeted"
        case pending
        case overdue
        case done
        case notApplicable = "not_applicable"
        case problem

        public var isAnswered: Bool { self == .done || self == .notApplicable || self == .problem }
    }

    public struct Row: Sendable, Equatable {
        public var unit: Unit
        public var cells: [Cell]
        public var answered: Int { cells.filter(\.isAnswered).count }
        public var targeted: Int { cells.filter { $0 != .notTargeted }.count }
        public var overdue: Int { cells.filter { $0 == .overdue }.count }
        public var problems: Int { cells.filter { $0 == .problem }.count }
    }

    public var items: [Item]
    public var rows: [Row]

    /// Units that are targeted but have not acknowledged the campaign.
    public var unacknowledged: [Unit] { rows.map(\.unit).filter { $0.acknowledgedAt == nil } }
    public var overdueCells: Int { rows.reduce(0) { $0 + $1.overdue } }
    public var answeredCells: Int { rows.reduce(0) { $0 + $1.answered } }
    public var targetedCells: Int { rows.reduce(0) { $0 + $1.targeted } }
    /// Share of targeted (unit, item) pairs that have an answer, 0...100.
    public var completionPercent: Int {
        targetedCells == 0 ? 100 : Int((Double(answeredCells) * 100 / Double(targetedCells)).rounded(.down))
    }

    /// Builds the board. Units that no item targets are left out; rows keep the order of `units`.
    public static func build(items: [Item], units: [Unit], answers: [Answer], now: Date) -> ComplianceBoard {
        var answerByKey: [String: Answer] = [:]
        for answer in answers {
            answerByKey["\(answer.unitID)|\(answer.itemID)"] = answer
        }
        var rows: [Row] = []
        for unit in units {
            let cells: [Cell] = items.map { item in
                guard item.targetKinds.contains(unit.kind) else { return .notTargeted }
                if let answer = answerByKey["\(unit.id)|\(item.id)"] {
                    switch answer.status {
                    case .done: return .done
                    case .notApplicable: return .notApplicable
                    case .problem: return .problem
                    }
                }
                if let due = item.dueAt, now > due { return .overdue }
                return .pending
            }
            if cells.contains(where: { $0 != .notTargeted }) {
                rows.append(Row(unit: unit, cells: cells))
            }
        }
        return ComplianceBoard(items: items, rows: rows)
    }
}
