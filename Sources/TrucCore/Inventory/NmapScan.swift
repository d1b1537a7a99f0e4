import Foundation

/// A parsed Nmap XML scan (`nmap -oX`, root element `nmaprun`): the hosts with their addresses, ports, services
/// and OS guesses, as Nmap reported them. Read one with `NmapScan(data:)`; turn it into assets with `assetDrafts()`.
///
/// Only what an inventory needs is kept: script output, traces, timing and fingerprints are skipped, and so are
/// `hosthint` elements (Nmap 7.80+ announces hosts before scanning them).
public struct NmapScan: Sendable, Hashable {
    /// What Nmap's version detection found on a port (`<service>`).
    public struct Service: Sendable, Hashable {
        /// The service name, e.g. `ssh`, `http`.
        public var name: String?
        /// The product, e.g. `OpenSSH`, `Apache httpd`.
        public var product: String?
        /// The version as Nmap prints it: `7.4p1`, but also `2.0.x`, `1.2.8 - 1.2.9` or `8.00.528.00; SP1+`.
        public var version: String?
        public var extraInfo: String?
        /// The kind of device the service suggests, e.g. `router`, `storage-misc`.
        public var deviceType: String?
        /// The operating system the service suggests, e.g. `Windows`.
        public var osType: String?
        /// CPE names exactly as written in the scan, usually 2.2 URIs such as `cpe:/a:openbsd:openssh:7.4`.
        public var cpes: [String]

        public init(name: String? = nil, product: String? = nil, version: String? = nil, extraInfo: String? = nil,
                    deviceType: String? = nil, osType: String? = nil, cpes: [String] = []) {
            self.name = name
            self.product = product
            self.version = version
            self.extraInfo = extraInfo
            self.deviceType = deviceType
            self.osType = osType
            self.cpes = cpes
        }
    }

    /// A port Nmap reported individually (ports summed up in `extraports` are not listed).
    public struct Port: Sendable, Hashable {
        /// `tcp`, `udp` or `sctp`.
        public var proto: String
        public var number: Int
        /// `open`, `closed`, `filtered`, `open|filtered`, …
        public var state: String
        public var service: Service?

        public init(proto: String, number: Int, state: String, service: Service? = nil) {
            self.proto = proto
            self.number = number
            self.state = state
            self.service = service
        }

        /// Whether Nmap found the port open.
        public var isOpen: Bool { state == "open" }
    }

    /// One class of operating system an OS guess belongs to (`<osclass>`).
    public struct OSClass: Sendable, Hashable {
        /// The device type, e.g. `general purpose`, `router`, `WAP`, `switch`, `firewall`.
        public var type: String?
        public var vendor: String?
        /// The OS family, e.g. `Linux`, `Windows`, `IOS`, `embedded`.
        public var family: String?
        /// The OS generation, e.g. `2.6.X`, `2008`, `7`.
        public var generation: String?
        /// 0–100.
        public var accuracy: Int?
        /// CPE names exactly as written in the scan (Nmap 6 and later).
        public var cpes: [String]

        public init(type: String? = nil, vendor: String? = nil, family: String? = nil, generation: String? = nil,
                    accuracy: Int? = nil, cpes: [String] = []) {
            self.type = type
            self.vendor = vendor
            self.family = family
            self.generation = generation
            self.accuracy = accuracy
            self.cpes = cpes
        }
    }

    /// One OS guess (`<osmatch>`), most likely first as Nmap lists them.
    public struct OSMatch: Sendable, Hashable {
        /// E.g. `Linux 2.6.13 (embedded)`, `Microsoft Windows 7 Professional`.
        public var name: String
        /// 0–100.
        public var accuracy: Int
        /// Its classes (Nmap 6 and later; older versions list classes beside the matches, see `Host.osClasses`).
        public var classes: [OSClass]

        public init(name: String, accuracy: Int, classes: [OSClass] = []) {
            self.name = name
            self.accuracy = accuracy
            self.classes = classes
        }
    }

    /// One scanned host (`<host>`).
    public struct Host: Sendable, Hashable {
        /// `up`, `down` or `unknown`.
        public var status: String
        public var ipv4: String?
        public var ipv6: String?
        /// The MAC address as Nmap writes it (`6C:2E:85:19:AF:00`), when scanned on the local network.
        public var mac: String?
        /// The vendor Nmap derived from the MAC address.
        public var macVendor: String?
        /// Host names in the order Nmap gives them (user-supplied first, then PTR).
        public var hostnames: [String]
        public var ports: [Port]
        /// OS guesses, in the scan's order.
        public var osMatches: [OSMatch]
        /// OS classes listed directly under `<os>`, as Nmap before version 6 wrote them (newer scans put them
        /// inside each `osMatches` entry and leave this empty).
        public var osClasses: [OSClass]

        public init(status: String, ipv4: String? = nil, ipv6: String? = nil, mac: String? = nil,
                    macVendor: String? = nil, hostnames: [String] = [], ports: [Port] = [],
                    osMatches: [OSMatch] = [], osClasses: [OSClass] = []) {
            self.status = status
            self.ipv4 = ipv4
            self.ipv6 = ipv6
            self.mac = mac
            self.macVendor = macVendor
            self.hostnames = hostnames
            self.ports = ports
            self.osMatches = osMatches
            self.osClasses = osClasses
        }

        /// Whether Nmap found the host up.
        public var isUp: Bool { status == "up" }

        /// The IPv4 address, else the IPv6 address.
        public var ipAddress: String? { ipv4 ?? ipv6 }
    }

    /// Normally `nmap`.
    public var scanner: String
    /// The command line, e.g. `nmap -sV -O -oX scan.xml 192.168.1.0/24`.
    public var args: String?
    public var startTime: Date?
    /// Every host in the scan, up or down, in file order.
    public var hosts: [Host]

    public init(scanner: String = "nmap", args: String? = nil, startTime: Date? = nil, hosts: [Host] = []) {
        self.scanner = scanner
        self.args = args
        self.startTime = startTime
        self.hosts = hosts
    }
}
