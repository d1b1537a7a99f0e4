import Foundation

/// An observable as the province shares it in its indicator feed: the strictest TLP of the sightings shared, when
/// it was first and last seen (detection times of its incidents) and the references of those incidents.
public struct SharedObservable: Sendable, Hashable {
    public var observable: Observable
    public var tlp: TLP
    public var firstSeen: Date
    public var lastSeen: Date
    public var incidentReferences: [String]

    public init(observable: Observable, tlp: TLP, firstSeen: Date, lastSeen: Date, incidentReferences: [String]) {
        self.observable = observable
        self.tlp = tlp
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.incidentReferences = incidentReferences
    }

    /// One sighting of an observable: in which incident, detected when, marked how.
    public struct Sighting: Sendable, Hashable {
        public var observable: Observable
        public var tlp: TLP
        public var seenAt: Date
        public var incidentReference: String

        public init(observable: Observable, tlp: TLP, seenAt: Date, incidentReference: String) {
            self.observable = observable
            self.tlp = tlp
            self.seenAt = seenAt
            self.incidentReference = incidentReference
        }
    }

    /// The sightings marked at most `maxTLP`, merged per observable: the strictest of their markings, the first
    /// and last time seen, the incident references (sorted, each once). Sightings marked above `maxTLP` are left
    /// out entirely, references included. Ordered by kind then value.
    public static func merge(_ sightings: [Sighting], maxTLP: TLP) -> [SharedObservable] {
        var merged: [Observable: SharedObservable] = [:]
        for sighting in sightings where sighting.tlp <= maxTLP {
            if var existing = merged[sighting.observable] {
                existing.tlp = max(existing.tlp, sighting.tlp)
                existing.firstSeen = min(existing.firstSeen, sighting.seenAt)
                existing.lastSeen = max(existing.lastSeen, sighting.seenAt)
                existing.incidentReferences.append(sighting.incidentReference)
                merged[sighting.observable] = existing
            } else {
                merged[sighting.observable] = SharedObservable(observable: sighting.observable, tlp: sighting.tlp,
                                                               firstSeen: sighting.seenAt, lastSeen: sighting.seenAt,
                                                               incidentReferences: [sighting.incidentReference])
            }
        }
        return merged.values.map { item in
            var item = item
            item.incidentReferences = Array(Set(item.incidentReferences)).sorted()
            return item
        }.sorted { ($0.observable.kind.rawValue, $0.observable.value) < ($1.observable.kind.rawValue, $1.observable.value) }
    }
}
