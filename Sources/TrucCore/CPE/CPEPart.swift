/// The `part` attribute of a CPE name: what kind of thing it names.
public enum CPEPart: String, CaseIterable, Sendable, Hashable, Codable {
    /// `a`: an application.
    case application = "a"
    /// `o`: an operating system (including firmware).
    case operatingSystem = "o"
    /// `h`: a hardware device.
    case hardware = "h"

    /// The attribute value for this part, e.g. `.value("a")`.
    public var attribute: CPEAttribute { .value(rawValue) }
}
