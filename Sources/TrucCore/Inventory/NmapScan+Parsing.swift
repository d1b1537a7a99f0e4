import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension NmapScan {
    /// Reads an Nmap XML document (`nmap -oX`) of any Nmap version from 4 on.
    ///
    /// Throws `InventoryError.emptyDocument`, `.malformedXML` (with the line and column, e.g. for a scan cut short),
    /// `.unexpectedRoot` when the root is not `nmaprun`, `.entityDeclaration` for a document declaring entities,
    /// `.truncated` for a document that ends before `</nmaprun>`, and `.invalidAttribute` for a port without a
    /// protocol or a numeric `portid`.
    public init(data: Data) throws(InventoryError) {
        let reader = Reader()
        try reader.read(data, root: "nmaprun")
        self = reader.scan
    }

    /// The SAX delegate: keeps the element path and fills in the current host, port, service, OS match and class.
    private final class Reader: SafeXMLReader {
        var scan = NmapScan()

        private var path: [String] = []
        private var host: Host?
        private var port: Port?
        private var service: Service?
        private var osMatch: OSMatch?
        private var osClass: OSClass?
        private var text: String?

        override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard abortError == nil else { return }
            path.append(elementName)
            let attribute = { (name: String) -> String? in
                guard let value = attributes[name]?.trimmingCharacters(in: .whitespacesAndNewlines),
                      !value.isEmpty else { return nil }
                return value
            }
            if path.count == 1 {
                guard elementName == "nmaprun" else {
                    return abort(parser, .unexpectedRoot(found: elementName, expected: "nmaprun"))
                }
                sawRoot = true
                scan.scanner = attribute("scanner") ?? "nmap"
                scan.args = attribute("args")
                scan.startTime = attribute("start").flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
                return
            }
            guard path[1] == "host" else { return }
            switch path.dropFirst(2).joined(separator: "/") {
            case "":
                host = Host(status: "unknown")
            case "status":
                host?.status = attribute("state") ?? "unknown"
            case "address":
                guard var current = host, let address = attribute("addr") else { return }
                switch attribute("addrtype") {
                case "ipv6": current.ipv6 = current.ipv6 ?? address
                case "mac":
                    current.mac = current.mac ?? address
                    current.macVendor = current.macVendor ?? attribute("vendor")
                default: current.ipv4 = current.ipv4 ?? address
                }
                host = current
            case "hostnames/hostname":
                if let name = attribute("name"), host?.hostnames.contains(name) == false {
                    host?.hostnames.append(name)
                }
            case "ports/port":
                guard let proto = attribute("protocol") else {
                    return abort(parser, .invalidAttribute(line: parser.lineNumber, element: "port",
                                                           attribute: "protocol", value: nil))
                }
                guard let text = attribute("portid"), let number = Int(text), (0...65535).contains(number) else {
                    return abort(parser, .invalidAttribute(line: parser.lineNumber, element: "port",
                                                           attribute: "portid", value: attributes["portid"]))
                }
                port = Port(proto: proto, number: number, state: "unknown")
            case "ports/port/state":
                port?.state = attribute("state") ?? "unknown"
            case "ports/port/service":
                service = Service(name: attribute("name"), product: attribute("product"),
                                  version: attribute("version"), extraInfo: attribute("extrainfo"),
                                  deviceType: attribute("devicetype"), osType: attribute("ostype"))
            case "os/osmatch":
                osMatch = OSMatch(name: attribute("name") ?? "", accuracy: attribute("accuracy").flatMap { Int($0) } ?? 0)
            case "os/osmatch/osclass", "os/osclass":
                osClass = OSClass(type: attribute("type"), vendor: attribute("vendor"), family: attribute("osfamily"),
                                  generation: attribute("osgen"), accuracy: attribute("accuracy").flatMap { Int($0) })
            case "ports/port/service/cpe", "os/osmatch/osclass/cpe", "os/osclass/cpe":
                text = ""
            default:
                break
            }
        }

        override func parser(_ parser: XMLParser, foundCharacters string: String) {
            text? += string
        }

        override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            guard abortError == nil else { return }
            defer { path.removeLast() }
            if path.count == 1 { sawRootEnd = true }
            guard path.count >= 2, path[1] == "host" else { return }
            switch path.dropFirst(2).joined(separator: "/") {
            case "":
                if let host { scan.hosts.append(host) }
                host = nil
            case "ports/port":
                if let port { host?.ports.append(port) }
                port = nil
            case "ports/port/service":
                port?.service = service
                service = nil
            case "ports/port/service/cpe":
                if let cpe = trimmedText() { service?.cpes.append(cpe) }
            case "os/osmatch":
                if let osMatch { host?.osMatches.append(osMatch) }
                osMatch = nil
            case "os/osmatch/osclass":
                if let osClass { osMatch?.classes.append(osClass) }
                osClass = nil
            case "os/osclass":
                if let osClass { host?.osClasses.append(osClass) }
                osClass = nil
            case "os/osmatch/osclass/cpe", "os/osclass/cpe":
                if let cpe = trimmedText() { osClass?.cpes.append(cpe) }
            default:
                break
            }
        }

        private func trimmedText() -> String? {
            defer { text = nil }
            guard let value = text?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
    }
}
