import Foundation

/// Why the outbound policy refused a destination. Saying it does not reveal more than needed: when a name was
/// refused for what it resolves to, the address itself is not named (`host` is the name).
public struct OutboundRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host as checked: an address ("10.1.2.3") or a name ("intranet.example").
    public let host: String
    /// What the refused destination is.
    public let addressClass: OutboundAddressClass
    /// True when `host` is a name that resolves to (or redirects to) an address of `addressClass`.
    public let viaName: Bool

    public init(host: String, addressClass: OutboundAddressClass, viaName: Bool) {
        self.host = host
        self.addressClass = addressClass
        self.viaName = viaName
    }

    /// Whether the coordinator's allow-list could allow it.
    public var canBeAllowed: Bool { !addressClass.isAlwaysRefused }

    /// One sentence for the person who typed the target, in Vietnamese: what it is and how it could be allowed.
    public var vietnamese: String {
        let what = viaName ? "Tên \(host) trỏ tới \(addressClass.vietnamese)" : "\(host) là \(addressClass.vietnamese)"
        switch addressClass {
        case .loopback:
            return what + "; máy chủ chỉ kết nối tới đó khi điều phối viên cấp tỉnh cho phép một dải nằm trong 127.0.0.0/8 hoặc ::1 "
                + "trong danh sách cho phép kết nối ra ngoài (trang /outbound)."
        case .privateUse, .reserved, .internalName:
            return what + "; máy chủ chỉ kết nối tới đó khi điều phối viên cấp tỉnh thêm dải địa chỉ hoặc tên miền này "
                + "vào danh sách cho phép kết nối ra ngoài (trang /outbound)."
        default:
            return what + "; máy chủ không bao giờ kết nối tới những địa chỉ này."
        }
    }

    /// The same in English.
    public var english: String {
        let what = viaName ? "the name \(host) resolves to \(addressClass.english)" : "\(host) is \(addressClass.english)"
        switch addressClass {
        case .loopback:
            return what + "; the server connects there only if the provincial coordinator allows a range within 127.0.0.0/8 "
                + "or ::1 on the outbound allow-list (page /outbound)."
        case .privateUse, .reserved, .internalName:
            return what + "; the server connects there only if the provincial coordinator adds the range or the name "
                + "to the outbound allow-list (page /outbound)."
        default:
            return what + "; the server never connects to such addresses."
        }
    }

    /// The problem for a form field (the English sentence starts with the field's name).
    public func problem(field: String) -> FieldValidationError.Problem {
        FieldValidationError.Problem(field: field, vietnamese: vietnamese.prefix(1).uppercased() + vietnamese.dropFirst(),
                                     english: "\(field): \(english)")
    }

    /// A neutral message for a check result or a delivery error: the class only, never an address or what is there.
    public var probeMessage: String {
        let note = canBeAllowed ? ", not on the allow-list" : ""
        return "blocked by the outbound policy: " + (viaName ? "the name resolves to a \(addressClass.shortName)" : addressClass.shortName) + note
    }

    public var description: String { probeMessage }
}
