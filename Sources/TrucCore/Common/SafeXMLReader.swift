import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Base of the SAX readers (Nmap scans, the CPE dictionary): runs Foundation's parser over a stream (libxml2 refuses a
/// single chunk over 10 MB), refuses documents that declare entities, remembers the first parse error (Foundation on
/// Linux can report one and still return success) and tells a truncated document from a malformed one.
///
/// Subclasses override the three element callbacks (declared here so that the protocol dispatches to the overrides),
/// set `sawRoot` / `sawRootEnd`, and call `abort` to stop with an error of their own.
class SafeXMLReader: NSObject, XMLParserDelegate {
    var sawRoot = false
    var sawRootEnd = false
    private(set) var abortError: InventoryError?
    private(set) var failure: (line: Int, column: Int, code: Int)?

    /// Parses `data` with this reader as the delegate; `root` is the expected root element, for the messages.
    func read(_ data: Data, root: String) throws(InventoryError) {
        try InventoryError.checkProlog(data)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let succeeded = parser.parse()
        parser.delegate = nil
        if let abortError { throw abortError }
        guard succeeded, failure == nil else {
            // An error on the last line of a document whose root never closed: the file was cut short.
            if sawRoot, !sawRootEnd, let line = failure?.line, line >= InventoryError.lastContentLine(data) {
                throw .truncated(root: root)
            }
            throw malformed(parser)
        }
        guard sawRoot else { throw .emptyDocument }
        guard sawRootEnd else { throw .truncated(root: root) }
    }

    func malformed(_ parser: XMLParser) -> InventoryError {
        if let failure {
            return .malformedXML(line: failure.line, column: failure.column, code: failure.code)
        }
        return .malformedXML(line: parser.lineNumber, column: parser.columnNumber,
                             code: parser.parserError.map(InventoryError.xmlCode) ?? 1)
    }

    /// Stops parsing with `error` (the first one wins).
    func abort(_ parser: XMLParser, _ error: InventoryError) {
        guard abortError == nil else { return }
        abortError = error
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if failure == nil {
            failure = (parser.lineNumber, parser.columnNumber, InventoryError.xmlCode(parseError))
        }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        abort(parser, .entityDeclaration(line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
                systemID: String?) {
        abort(parser, .entityDeclaration(line: parser.lineNumber))
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    /// CDATA is text (scanner reports wrap plugin output and CPE names in it).
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {}
}
