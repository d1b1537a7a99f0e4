extension CPEName {
    /// Whether `target` is matched by this name used as criteria: every attribute of `self` is a superset of or
    /// equal to the target's (NISTIR 7696 CPE_SUPERSET). E.g. `cpe:2.3:o:cisco:ios:*:…` matches every Cisco IOS
    /// version; a criteria value matches the same value only; NA matches only NA; a target with wildcards
    /// matches nothing (undefined).
    public func matches(_ target: CPEName) -> Bool {
        CPEMatcher.isSuperset(self, target)
    }
}
