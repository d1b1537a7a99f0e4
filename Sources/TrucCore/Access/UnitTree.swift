import Foundation

/// The unit hierarchy (province -> departments/districts -> agencies) as a parent map.
public struct UnitTree: Sendable {
    public private(set) var parent: [UUID: UUID]
    public private(set) var children: [UUID: [UUID]]
    public let ids: Set<UUID>

    /// - Parameter units: every unit's id and its parent id (nil for a root).
    public init<S: Sequence>(_ units: S) where S.Element == (id: UUID, parent: UUID?) {
        var parent: [UUID: UUID] = [:]
        var children: [UUID: [UUID]] = [:]
        var ids = Set<UUID>()
        for unit in units {
            ids.insert(unit.id)
            if let p = unit.parent {
                parent[unit.id] = p
                children[p, default: []].append(unit.id)
            }
        }
        self.parent = parent
        self.children = children
        self.ids = ids
    }

    /// The unit itself followed by its ancestors up to the root. Stops on a cycle.
    public func lineage(of id: UUID) -> [UUID] {
        var result = [id]
        var seen: Set<UUID> = [id]
        var current = id
        while let p = parent[current], !seen.contains(p) {
            result.append(p)
            seen.insert(p)
            current = p
        }
        return result
    }

    /// The unit and every unit below it.
    public func subtree(of id: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard result.insert(next).inserted else { continue }
            stack.append(contentsOf: children[next] ?? [])
        }
        return result
    }

    /// Whether making `newParent` the parent of `id` would create a cycle.
    public func wouldCycle(moving id: UUID, under newParent: UUID) -> Bool {
        lineage(of: newParent).contains(id)
    }
}
