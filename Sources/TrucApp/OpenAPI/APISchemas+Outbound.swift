import Foundation
import OpenAPIKit
import TrucCore

extension APISchemas {
    /// The outbound allow-list.
    static let outbound: [String: JSONSchema] = [
        "OutboundAllowEntry": object("A range or name monitors, webhooks and DNS resolvers may reach although it is private "
                                        + "/ Mục cho phép kết nối ra ngoài.", [
            "id": uuid,
            "unitID": uuid.optional.described("Absent: the whole province; else only that unit's monitors and webhooks"),
            "kind": .string(allowedValues: ["range", "name"]),
            "value": .string(description: "10.1.0.0/16, 127.0.0.1/32, intranet.so-a.gov.vn or *.so-a.gov.vn"),
            "note": .string,
            "createdAt": dateTime.optional,
        ]),
        "OutboundAllowInput": object("A new allow-list entry (coordinator). Link-local, metadata, unspecified, multicast and "
                                        + "broadcast ranges are refused; loopback only as a range within 127.0.0.0/8 or ::1.", [
            "value": .string(description: "A CIDR range, one address, a host name, or *. and a name", minLength: 1,
                             maxLength: OutboundAllowEntry.maxLength),
            "unitID": uuid.optional.described("Only this unit; absent: the whole province"),
            "note": .string(minLength: 1, maxLength: OutboundAllowList.maxNoteLength),
        ]),
    ]
}
