import Foundation

extension CPEName {
    /// A CPE name made up from the texts when the dictionary has nothing better (see `CPEProposer`), following
    /// NVD's naming habits: vendor and product lower-case with spaces as `_` and punctuation quoted (as in
    /// `CPEName(part:vendor:product:version:)`); company suffixes dropped from the vendor ("Fortinet, Inc." →
    /// `fortinet`, "Công ty Cổ phần BKAV" → `bkav`); the vendor's name dropped from the front of the product
    /// ("Microsoft Windows Server 2019" → `windows_server_2019`) and the version from its end ("Tomcat 9.0.62" with
    /// version "9.0.62" → `tomcat`). The version is taken literally: "15.2(4)M1" → `15.2\(4\)m1`; `nil`, blank or
    /// `*` → ANY, `-` → NA.
    ///
    /// Throws `CPEError.emptyValue` for a blank vendor or product, and `.invalidCharacter` for characters CPE
    /// cannot hold after folding Vietnamese diacritics (e.g. Chinese).
    public static func proposed(part: CPEPart, vendor: String, product: String, version: String?) throws(CPEError)
        -> CPEName {
        let vendorWords = Self.proposalWords(vendor)
        var vendorKept = vendorWords
        while vendorKept.count > 1, let last = vendorKept.last, Self.companyWords.contains(SearchText.fold(last)) {
            vendorKept.removeLast()
        }
        for phrase in Self.companyPrefixes {
            let words = phrase.split(separator: " ").map(String.init)
            if vendorKept.count > words.count, vendorKept.prefix(words.count).map(SearchText.fold) == words {
                vendorKept.removeFirst(words.count)
                break
            }
        }
        guard !vendorKept.isEmpty else { throw .emptyValue(.vendor) }

        var productWords = Self.proposalWords(product)
        let foldedVendor = vendorKept.map(SearchText.fold)
        if productWords.count > foldedVendor.count,
           Array(productWords.prefix(foldedVendor.count)).map(SearchText.fold) == foldedVendor {
            productWords.removeFirst(foldedVendor.count)
        }
        if let version = version?.trimmingCharacters(in: .whitespacesAndNewlines), !version.isEmpty,
           productWords.count > 1, let last = productWords.last,
           SearchText.fold(last) == SearchText.fold(version)
            || SearchText.fold(last) == "v" + SearchText.fold(version) {
            productWords.removeLast()
        }
        guard !productWords.isEmpty else { throw .emptyValue(.product) }

        var name = CPEName(part: part.attribute,
                           vendor: try CPEAttribute(literal: vendorKept.joined(separator: " "), of: .vendor),
                           product: try CPEAttribute(literal: productWords.joined(separator: " "), of: .product))
        name.version = try CPEProduct.versionAttribute(version)
        return name
    }

    /// Words of a typed name: split on whitespace, with commas and trailing periods of abbreviations ("Inc.") cut.
    private static func proposalWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "," })
            .map { word in
                var word = Substring(word)
                while word.count > 1, word.last == "." { word = word.dropLast() }
                return String(word)
            }
            .filter { !$0.isEmpty && $0 != "." }
    }

    /// Folded words that end a company name and are not part of NVD vendor names.
    static let companyWords: Set<String> = [
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "gmbh", "ag",
        "sa", "s.a", "bv", "b.v", "plc", "jsc", "pte", "pty", "srl", "oy", "ab", "kk", "group",
    ]

    /// Folded phrases that start a Vietnamese company name ("Công ty Cổ phần BKAV", "Tập đoàn Viettel"), longest
    /// first.
    static let companyPrefixes = [
        "tong cong ty co phan", "cong ty trach nhiem huu han mot thanh vien", "cong ty trach nhiem huu han",
        "cong ty tnhh mot thanh vien", "cong ty tnhh mtv", "cong ty co phan", "cong ty tnhh", "tong cong ty",
        "cong ty", "tap doan",
    ]
}
