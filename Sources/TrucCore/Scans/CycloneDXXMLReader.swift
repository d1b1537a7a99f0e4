import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

extension ScanReport {
    /// Reads a CycloneDX XML document (1.4–1.6, any namespace prefix): the metadata component, components (nested
    /// too) and vulnerabilities with their ratings, references, VEX analysis and affected components.
    public static func parseCycloneDXXML(_ data: Data) throws(ScanError) -> ScanReport {
        let reader = CycloneDXXMLReader()
        do {
            try reader.read(data, root: "bom")
        } catch {
            throw .xml(error)
        }
        return reader.document.report()
    }
}

/// SAX delegate for `ScanReport.parseCycloneDXXML(_:)`.
final class CycloneDXXMLReader: SafeXMLReader {
    private(set) var document = CycloneDXDocument()
    private var path: [String] = []
    private var text = ""
    /// Components being read, innermost last (components nest).
    private var components: [CycloneDXDocument.Component] = []
    private var vulnerability: CycloneDXDocument.Vulnerability?
    private var metadataName: String?
    private var metadataVersion: String?
    private var toolName: String?
    private var toolVersion: String?

    private static func local(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?, attributes: [String: String] = [:]) {
        guard abortError == nil else { return }
        let name = Self.local(elementName)
        path.append(name)
        text = ""
        if path.count == 1 {
            guard name == "bom" else { return abort(parser, .unexpectedRoot(found: elementName, expected: "bom")) }
            sawRoot = true
            document.serialNumber = attributes["serialNumber"]
            return
        }
        guard path.count <= 64 else { return abort(parser, .invalidAttribute(line: parser.lineNumber, element: name, attribute: "depth", value: "\(path.count)")) }
        switch name {
        case "component" where path.dropLast().last == "components" && path.contains("components") && !path.contains("metadata"):
            components.append(.init(ref: attributes["bom-ref"], name: ""))
        case "vulnerability" where path.dropLast().last == "vulnerabilities":
            vulnerability = .init(id: "")
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard abortError == nil else { return }
        if text.utf8.count < 200_000 { text += string }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName: String?) {
        guard abortError == nil else { return }
        defer {
            path.removeLast()
            text = ""
        }
        if path.count == 1 {
            sawRootEnd = true
            return
        }
        let name = Self.local(elementName)
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if var current = vulnerability {
            switch (name, parent) {
            case ("id", "vulnerability"): current.id = value
            case ("id", "reference"): current.references.append(value)
            case ("severity", "rating"): current.severities.append(value)
            case ("score", "rating"): if let score = Double(value) { current.scores.append(score) }
            case ("description", "vulnerability"): current.description = value
            case ("recommendation", "vulnerability"): current.recommendation = value
            case ("state", "analysis"): current.state = value
            case ("justification", "analysis"): current.justification = value
            case ("detail", "analysis"): current.detail = value
            case ("ref", "target"): current.affects.append(value)
            case ("vulnerability", "vulnerabilities"):
                if !current.id.isEmpty { document.vulnerabilities.append(current) }
                vulnerability = nil
                return
            default: break
            }
            vulnerability = current
            return
        }
        if path.contains("metadata") {
            switch (name, parent) {
            case ("name", "component") where path.count == 4: metadataName = value
            case ("version", "component") where path.count == 4: metadataVersion = value
            case ("name", "tool"): toolName = value
            case ("version", "tool"): toolVersion = value
            case ("metadata", _):
                if let metadataName { document.subject = metadataName + (metadataVersion.map { " \($0)" } ?? "") }
                if let toolName { document.tool = toolName + (toolVersion.map { " \($0)" } ?? "") }
            default: break
            }
            return
        }
        guard !components.isEmpty else { return }
        switch (name, parent) {
        case ("name", "component"): components[components.count - 1].name = value
        case ("group", "component"): components[components.count - 1].group = value
        case ("version", "component"): components[components.count - 1].version = value
        case ("purl", "component"): components[components.count - 1].purl = value
        case ("cpe", "component"): components[components.count - 1].cpe = value
        case ("component", _):
            let component = components.removeLast()
            if !component.name.isEmpty { document.components.append(component) }
        default: break
        }
    }
}
