import Foundation

/// Proposes CPE names for an asset from the vendor, product and version a person typed ("Cisco", "IOS",
/// "15.2(4)M1"; "Fortinet", "FortiOS", "7.2.0"; "Apache", "Tomcat", "9.0.62"; "Microsoft", "Windows Server 2019"),
/// by searching the products of the CPE dictionary (`CPEDictionary.products(_:)`).
///
/// Texts are compared as words, case- and accent-insensitively, so "windows server 2019" meets
/// `windows_server_2019`, and also with the words run together, so "Forti OS" meets `fortios` and "Trend Micro"
/// meets `trendmicro`. A vendor matches by the share of the dictionary vendor's words it contains, so
/// "Apache Software Foundation" still finds `apache` and "Microsoft Corporation" `microsoft`. A product whose
/// numbers contradict the typed ones ("Windows Server 2019" against `windows_server_2012`) is never proposed.
/// Words are looked up in an inverted index built once in `init`, so a query costs well under a millisecond
/// for the ~13,500 products of the 2015 dictionary (a release build; see the tests for measured times).
public struct CPEProposer: Sendable {
    public struct Proposal: Sendable, Hashable {
        /// The product's name with the typed version (every other attribute ANY).
        public var name: CPEName
        /// The product's title from the dictionary, e.g. "Cisco IOS".
        public var title: String
        /// 0…1 and a little more for often-versioned products: 1 means vendor and product both match exactly.
        public var score: Double
        /// The dictionary product proposed.
        public var product: CPEProduct

        public init(name: CPEName, title: String, score: Double, product: CPEProduct) {
            self.name = name
            self.title = title
            self.score = score
            self.product = product
        }
    }

    /// The lowest score proposed.
    public static let minimumScore = 0.35

    /// A product prepared for matching; words are numbers in `vocabulary`.
    private struct Entry: Sendable {
        var product: CPEProduct
        var vendorAttribute: CPEAttribute
        var productAttribute: CPEAttribute
        var vendorWords: [Int32]
        var productWords: [Int32]
        /// Whether each of `productWords` has a digit.
        var productDigits: [Bool]
        /// Product and title words together.
        var allWords: [Int32]
        /// The vendor and the product with their words run together ("trendmicro", "windowsserver2012").
        var vendorJoined: Int32
        var productJoined: Int32
        /// 0…1 by the number of versions: a tie-breaker for the product people mean ("o:cisco:ios" over "h:cisco:ios").
        var popularity: Double
    }

    /// A typed word: its number in the vocabulary (-1 when unknown) and whether it has a digit.
    private struct Word: Equatable {
        var id: Int32
        var hasDigit: Bool
    }

    private let entries: [Entry]
    /// Word (or run-together vendor or product) → its number.
    private let vocabulary: [String: Int32]
    /// Word number → indices into `entries` that have it.
    private let postings: [[Int32]]
    /// Word number → whether the word has a digit.
    private let digits: [Bool]

    public init(products: [CPEProduct]) {
        var entries: [Entry] = []
        entries.reserveCapacity(products.count)
        var vocabulary: [String: Int32] = [:]
        var postings: [[Int32]] = []
        var digits: [Bool] = []
        func id(_ word: String) -> Int32 {
            if let known = vocabulary[word] { return known }
            let new = Int32(postings.count)
            vocabulary[word] = new
            postings.append([])
            digits.append(word.contains { $0.isNumber })
            return new
        }
        for product in products {
            guard let vendorAttribute = try? CPEName.unbindFormatted(Substring(product.vendor), .vendor),
                  let productAttribute = try? CPEName.unbindFormatted(Substring(product.product), .product)
            else { continue }
            let vendorWords = Self.words(vendorAttribute.unescaped ?? "")
            let productWords = Self.words(productAttribute.unescaped ?? "")
            guard !vendorWords.isEmpty, !productWords.isEmpty else { continue }
            let titleWords = Self.words(product.title)
            let entry = Entry(
                product: product, vendorAttribute: vendorAttribute, productAttribute: productAttribute,
                vendorWords: vendorWords.map(id), productWords: productWords.map(id),
                productDigits: productWords.map { $0.contains { $0.isNumber } },
                allWords: Array(Set((productWords + titleWords).map(id))),
                vendorJoined: id(vendorWords.joined()), productJoined: id(productWords.joined()),
                popularity: min(1, log10(Double(product.versionCount) + 1) / 3))
            let position = Int32(entries.count)
            entries.append(entry)
            var keys = Set(entry.vendorWords + entry.allWords)
            keys.insert(entry.vendorJoined)
            keys.insert(entry.productJoined)
            for key in keys { postings[Int(key)].append(position) }
        }
        self.entries = entries
        self.vocabulary = vocabulary
        self.postings = postings
        self.digits = digits
    }

    /// The number of products searched.
    public var productCount: Int { entries.count }

    /// Proposals ranked best first (ties: the product with more versions, then by name), at most `limit`, none
    /// scoring under `minimumScore`; empty when nothing matches. `part` restricts to applications, operating
    /// systems or hardware. The version, if given, goes into the version attribute quoted as CPE requires
    /// ("15.2(4)M1" → `15.2\(4\)m1` in the formatted string); a version CPE cannot hold (e.g. Chinese text) is
    /// left out (ANY). With only a vendor, that vendor's products are listed, most versioned first.
    public func propose(vendor: String?, product: String?, version: String?, part: CPEPart? = nil,
                        limit: Int = 5) -> [Proposal] {
        let vendorTexts = Self.words(vendor ?? "")
        let productTexts = Self.words(product ?? "")
        guard limit > 0, !vendorTexts.isEmpty || !productTexts.isEmpty else { return [] }
        func word(_ text: String) -> Word {
            let id = vocabulary[text] ?? -1
            return Word(id: id, hasDigit: id >= 0 ? digits[Int(id)] : text.contains { $0.isNumber })
        }
        let vendorQuery = vendorTexts.map(word)
        let productQuery = productTexts.map(word)
        let vendorJoined = vendorTexts.isEmpty ? -1 : word(vendorTexts.joined()).id
        let productJoined = productTexts.isEmpty ? -1 : word(productTexts.joined()).id

        // A product scores only when a typed product word is among its words (or its title's, or its vendor's when
        // no vendor is typed); with only a vendor typed, the vendor's products.
        let keys = productQuery.isEmpty ? vendorQuery.map(\.id) + [vendorJoined] : productQuery.map(\.id) + [productJoined]
        var candidates = Set<Int32>()
        for key in Set(keys) where key >= 0 {
            candidates.formUnion(postings[Int(key)])
        }

        var scored: [(entry: Int32, score: Double)] = []
        for candidate in candidates {
            let entry = entries[Int(candidate)]
            if let part, entry.product.part != part { continue }
            if let score = Self.score(entry, vendor: vendorQuery, vendorJoined: vendorJoined,
                                      product: productQuery, productJoined: productJoined),
               score >= Self.minimumScore {
                scored.append((candidate, score))
            }
        }
        scored.sort { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            let left = entries[Int(lhs.entry)].product, right = entries[Int(rhs.entry)].product
            if left.versionCount != right.versionCount { return left.versionCount > right.versionCount }
            return (left.part.rawValue, left.vendor, left.product) < (right.part.rawValue, right.vendor, right.product)
        }

        let versionAttribute = (try? CPEProduct.versionAttribute(version)) ?? .any
        return scored.prefix(limit).map { item in
            let entry = entries[Int(item.entry)]
            let name = CPEName(part: entry.product.part.attribute, vendor: entry.vendorAttribute,
                               product: entry.productAttribute, version: versionAttribute)
            return Proposal(name: name, title: entry.product.title, score: item.score, product: entry.product)
        }
    }

    /// Lower-case ASCII-folded words: "Windows Server 2019" and "windows_server_2019" → windows, server, 2019.
    static func words(_ text: String) -> [String] {
        SearchText.fold(text).split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// Nil when the product does not match at all; vendor 35 %, product 65 %, plus up to 0.03 for popularity.
    private static func score(_ entry: Entry, vendor: [Word], vendorJoined: Int32, product: [Word],
                              productJoined: Int32) -> Double? {
        var vendor = vendor
        var vendorJoined = vendorJoined
        var product = product
        var productJoined = productJoined
        // Without a vendor, words that name the vendor ("Cisco IOS") count as the vendor.
        if vendor.isEmpty {
            let hits = product.filter { entry.vendorWords.contains($0.id) }
            if !hits.isEmpty, hits.count < product.count {
                vendor = hits
                vendorJoined = -1
                product.removeAll { hits.contains($0) }
                productJoined = -1
            }
        }
        let vendorScore = vendor.isEmpty ? nil : Self.vendorScore(entry, vendor, joined: vendorJoined)
        if product.isEmpty {
            // Only a vendor: list its products.
            guard let vendorScore, vendorScore >= 0.5 else { return nil }
            return 0.6 * vendorScore + 0.03 * entry.popularity
        }
        guard let productScore = Self.productScore(entry, product, joined: productJoined), productScore > 0.2 else {
            return nil
        }
        let combined = vendorScore.map { 0.35 * $0 + 0.65 * productScore } ?? productScore
        return combined + 0.03 * entry.popularity
    }

    /// 1 for the same vendor; else the share of the vendor's words typed, slightly lowered for extra typed words.
    private static func vendorScore(_ entry: Entry, _ query: [Word], joined: Int32) -> Double {
        if joined >= 0, joined == entry.vendorJoined { return 1 }
        let matched = entry.vendorWords.filter { id in query.contains { $0.id == id } }.count
        guard matched > 0 else { return 0 }
        let precision = Double(matched) / Double(entry.vendorWords.count)
        let recall = Double(query.filter { entry.vendorWords.contains($0.id) }.count) / Double(query.count)
        return precision * (0.85 + 0.15 * recall)
    }

    /// 1 for the same product; else a blend of the word overlap with the product (F1) and the share of typed words
    /// found in the product or its title; `nil` when the numbers contradict ("2019" typed, `2012` in the product).
    private static func productScore(_ entry: Entry, _ query: [Word], joined: Int32) -> Double? {
        if joined >= 0, joined == entry.productJoined { return 1 }
        var matchedQuery = 0
        var unmatchedQueryDigit = false
        for word in query {
            if entry.productWords.contains(word.id) {
                matchedQuery += 1
            } else if word.hasDigit {
                unmatchedQueryDigit = true
            }
        }
        var matchedProduct = 0
        var unmatchedProductDigit = false
        for (id, hasDigit) in zip(entry.productWords, entry.productDigits) {
            if query.contains(where: { $0.id == id }) {
                matchedProduct += 1
            } else if hasDigit {
                unmatchedProductDigit = true
            }
        }
        if unmatchedQueryDigit, unmatchedProductDigit { return nil }
        let inTitle = query.filter { entry.allWords.contains($0.id) }.count
        let titleRecall = Double(inTitle) / Double(query.count)
        guard matchedQuery > 0 else { return 0.25 * titleRecall }
        let precision = Double(matchedProduct) / Double(entry.productWords.count)
        let recall = Double(matchedQuery) / Double(query.count)
        let f1 = 2 * precision * recall / (precision + recall)
        return 0.75 * f1 + 0.25 * titleRecall
    }
}
