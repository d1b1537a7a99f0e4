/// Deterministic synthetic assets shaped like a provincial inventory, for `truc-bench match` and property tests.
///
/// Built from the products a `VulnerabilityIndex` knows — so that a realistic share of assets hits CVEs — mixed
/// with products no CVE names (local software, unlisted devices). The mix:
/// - about 15% network devices: a firmware name (`o`) and a hardware name (`h`), taken together from the
///   firmware-on-hardware configurations of the index, or made up with vendor versions like `15.2(4)M1` or
///   `7.2.0-build1234`;
/// - about 35% servers: an operating system and 2–6 software components;
/// - about 50% single software components.
///
/// Versions are drawn from the criteria of the product — range bounds and exact versions — often perturbed a
/// little (last number ± 1, an extra `.1`), and some are unknown (ANY). The same index and seed always give the
/// same assets.
public struct SyntheticAssets: Sendable {
    private let catalog: Catalog
    private var random: Generator

    public init(index: VulnerabilityIndex, seed: UInt64) {
        catalog = Catalog(index)
        random = Generator(seed: seed)
    }

    /// The next asset: its CPE names (1–7).
    public mutating func next() -> [CPEName] {
        let shape = random.below(100)
        if shape < 15 { return networkDevice() }
        if shape < 50 { return server() }
        return [software()]
    }

    /// The next `count` assets.
    public mutating func generate(_ count: Int) -> [[CPEName]] {
        var assets: [[CPEName]] = []
        assets.reserveCapacity(count)
        for _ in 0..<count { assets.append(next()) }
        return assets
    }

    // MARK: Shapes

    private mutating func networkDevice() -> [CPEName] {
        if !catalog.pairs.isEmpty, random.below(100) < 70 {
            let pair = catalog.pairs[random.below(catalog.pairs.count)]
            return [name(catalog.firmware[pair.firmware]), name(catalog.hardware[pair.hardware])]
        }
        if !catalog.firmware.isEmpty, random.below(100) < 50 {
            let firmware = catalog.firmware[random.below(catalog.firmware.count)]
            let hardware = catalog.hardware.isEmpty || random.below(2) == 0
                ? Product(part: "h", vendor: firmware.vendor, product: madeUpModel(), versions: [])
                : catalog.hardware[random.below(catalog.hardware.count)]
            return [name(firmware), name(hardware)]
        }
        // A device no CVE names, with a vendor-style firmware version.
        let vendor = Self.localVendors[random.below(Self.localVendors.count)]
        let model = madeUpModel()
        let version: String
        switch random.below(3) {
        case 0: version = "\(12 + random.below(5)).\(random.below(10))(\(1 + random.below(9)))M\(random.below(10))"
        case 1: version = "7.\(random.below(5)).\(random.below(12))-build\(1000 + random.below(9000))"
        default: version = "v\(1 + random.below(4)).\(random.below(10)).\(random.below(30))"
        }
        return [Self.name(part: "o", vendor: vendor, product: "\(model)_firmware", version: version),
                Self.name(part: "h", vendor: vendor, product: model, version: random.below(2) == 0 ? "-" : "\(1 + random.below(5))")]
    }

    private mutating func server() -> [CPEName] {
        var names: [CPEName] = []
        if !catalog.systems.isEmpty, random.below(100) < 75 {
            names.append(name(pick(catalog.systems, weights: catalog.systemWeights)))
        } else {
            let system = Self.localSystems[random.below(Self.localSystems.count)]
            names.append(Self.name(part: "o", vendor: system.vendor, product: system.product,
                                   version: "\(random.below(20) + 5).\(random.below(10))"))
        }
        let count = 2 + random.below(5)
        for _ in 0..<count { names.append(software()) }
        return names
    }

    private mutating func software() -> CPEName {
        if !catalog.applications.isEmpty, random.below(100) < 65 {
            return name(pick(catalog.applications, weights: catalog.applicationWeights))
        }
        let vendor = Self.localVendors[random.below(Self.localVendors.count)]
        let product = Self.localProducts[random.below(Self.localProducts.count)]
        return Self.name(part: "a", vendor: vendor, product: product,
                         version: "\(1 + random.below(6)).\(random.below(10)).\(random.below(20))")
    }

    /// Half the time any product alike, half the time weighted by how many criteria name it (popular products).
    private mutating func pick(_ products: [Product], weights: [Int]) -> Product {
        guard random.below(2) == 0, let total = weights.last, total > 0 else {
            return products[random.below(products.count)]
        }
        let target = random.below(total)
        var low = 0
        var high = weights.count - 1
        while low < high {
            let mid = (low + high) / 2
            if weights[mid] > target { high = mid } else { low = mid + 1 }
        }
        return products[low]
    }

    private mutating func name(_ product: Product) -> CPEName {
        CPEName(part: .value(product.part), vendor: product.vendor, product: product.product,
                version: version(of: product))
    }

    private mutating func version(of product: Product) -> CPEAttribute {
        let roll = random.below(100)
        if roll < 6 || product.versions.isEmpty && roll < 30 { return .any }
        guard !product.versions.isEmpty else {
            return Self.attribute("\(random.below(10)).\(random.below(10)).\(random.below(20))")
        }
        let text = product.versions[random.below(product.versions.count)]
        if text == "-" { return .na }
        switch roll {
        case ..<55: return Self.attribute(text)
        case ..<85: return Self.attribute(Self.bumped(text, by: random.below(2) == 0 ? -1 : 1))
        default: return Self.attribute(text + ".\(1 + random.below(3))")
        }
    }

    private mutating func madeUpModel() -> String {
        let series = ["gw", "sw", "rt", "fw", "ap", "olt", "ont", "cam"]
        return "\(series[random.below(series.count)])\(100 + random.below(900))\(random.below(3) == 0 ? "n" : "")"
    }

    // MARK: Names

    static func name(part: String, vendor: String, product: String, version: String) -> CPEName {
        CPEName(part: .value(part), vendor: attribute(vendor), product: attribute(product), version: attribute(version))
    }

    /// A raw text as a WFN value: ANY for empty or `*`, NA for `-`, otherwise lower-cased and quoted (bytes that
    /// are not printable ASCII become `_`).
    static func attribute(_ text: String) -> CPEAttribute {
        switch text {
        case "", "*": return .any
        case "-": return .na
        default: break
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 4)
        for byte in text.utf8 {
            if WFN.isPlain(byte) {
                out.append(WFN.lowercased(byte))
            } else if WFN.isPrintable(byte) {
                out.append(WFN.backslash)
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "_"))
            }
        }
        return .value(String(decoding: out, as: UTF8.self))
    }

    /// The text with its last number moved by `delta` (not below 0): `2.5.10` → `2.5.11`.
    static func bumped(_ text: String, by delta: Int) -> String {
        var bytes = Array(text.utf8)
        guard let last = bytes.lastIndex(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return text
        }
        var first = last
        while first > 0, bytes[first - 1] >= UInt8(ascii: "0"), bytes[first - 1] <= UInt8(ascii: "9") { first -= 1 }
        guard last - first < 9, let number = Int(String(decoding: bytes[first...last], as: UTF8.self)) else {
            return text
        }
        bytes.replaceSubrange(first...last, with: Array(String(max(0, number + delta)).utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    static let localVendors = ["vnpt", "viettel", "bkav", "misa", "fpt", "cmc", "so_tttt", "hanoi_telecom", "vng",
                               "mobifone", "tinh_uy", "vietsens"]
    static let localProducts = ["qlvb_dieu_hanh", "mot_cua_dien_tu", "cong_thong_tin", "ehoadon", "ke_toan_hcsn",
                                "quan_ly_can_bo", "hop_truc_tuyen", "chu_ky_so_client", "antivirus_endpoint",
                                "backup_agent", "monitoring_agent", "portal_cms"]
    static let localSystems: [(vendor: String, product: String)] = [
        ("bkav", "bphone_os"), ("vnpt", "smartcloud_os"), ("viettel", "vos"), ("so_tttt", "hardened_linux"),
    ]

    // MARK: Catalog

    /// A product to draw names from: part, vendor and product as WFN values, raw version texts (`-` for NA).
    struct Product: Sendable {
        let part: String
        let vendor: CPEAttribute
        let product: CPEAttribute
        let versions: [String]

        init(part: String, vendor: CPEAttribute, product: CPEAttribute, versions: [String]) {
            self.part = part
            self.vendor = vendor
            self.product = product
            self.versions = versions
        }

        init(part: String, vendor: CPEAttribute, product: String, versions: [String]) {
            self.init(part: part, vendor: vendor, product: SyntheticAssets.attribute(product), versions: versions)
        }
    }

    /// The products of an index, sorted by key so that it is the same from run to run.
    final class Catalog: Sendable {
        let applications: [Product]
        /// Cumulative criteria counts of `applications`, for weighted picks.
        let applicationWeights: [Int]
        /// Server operating systems (`isServerSystem`).
        let systems: [Product]
        let systemWeights: [Int]
        let firmware: [Product]
        /// Hardware named by (mostly non-vulnerable) platform criteria.
        let hardware: [Product]
        /// Firmware and hardware named together in a configuration.
        let pairs: [(firmware: Int, hardware: Int)]

        static let networkVendors: Set<String> = [
            "cisco", "juniper", "fortinet", "paloaltonetworks", "tp-link", "d-link", "dlink", "netgear", "huawei",
            "zyxel", "mikrotik", "ubiquiti", "aruba", "arubanetworks", "sonicwall", "f5", "citrix", "hp",
            "linksys", "asus", "draytek", "hikvision", "dahua", "schneider-electric", "siemens",
        ]

        init(_ index: VulnerabilityIndex) {
            var applications: [Product] = []
            var applicationWeights: [Int] = []
            var systems: [Product] = []
            var systemWeights: [Int] = []
            var firmware: [Product] = []
            var firmwareByKey: [ProductKey: Int] = [:]
            for bucket in index.buckets {
                guard let first = bucket.all.first else { continue }
                let criteria = index.criteria[Int(first.index)].criteria
                let part = criteria.cpePart ?? .application
                let product = Product(part: part.rawValue, vendor: criteria.vendor, product: criteria.product,
                                      versions: Self.versions(bucket.all.lazy.map { index.criteria[Int($0.index)] }))
                switch part {
                case .application:
                    applications.append(product)
                    applicationWeights.append((applicationWeights.last ?? 0) + bucket.all.count)
                case .operatingSystem:
                    if bucket.key.product.hasSuffix("_firmware") || Self.networkVendors.contains(bucket.key.vendor) {
                        firmwareByKey[bucket.key] = firmware.count
                        firmware.append(product)
                    } else if Self.isServerSystem(bucket.key) {
                        systems.append(product)
                        systemWeights.append((systemWeights.last ?? 0) + bucket.all.count)
                    }
                case .hardware:
                    break
                }
            }

            // Hardware platforms, and which firmware runs on them, from the configurations (in CVE id order).
            var hardwareCriteria: [ProductKey: [CPEMatchCriterion]] = [:]
            var hardwareOrder: [ProductKey] = []
            var pairKeys: [(ProductKey, ProductKey)] = []
            var seenPairs = Set<[ProductKey]>()
            for configurations in index.configurations {
                for configuration in configurations {
                    let criteria = configuration.allCriteria
                    var firmwareKeys: [ProductKey] = []
                    var hardwareKeys: [ProductKey] = []
                    for criterion in criteria {
                        guard let key = ProductKey(criterion.criteria) else { continue }
                        if criterion.criteria.cpePart == .hardware {
                            if hardwareCriteria[key] == nil { hardwareOrder.append(key) }
                            hardwareCriteria[key, default: []].append(criterion)
                            if !hardwareKeys.contains(key) { hardwareKeys.append(key) }
                        } else if criterion.vulnerable, firmwareByKey[key] != nil, !firmwareKeys.contains(key) {
                            firmwareKeys.append(key)
                        }
                    }
                    for f in firmwareKeys {
                        for h in hardwareKeys where seenPairs.insert([f, h]).inserted {
                            pairKeys.append((f, h))
                        }
                    }
                }
            }
            var hardware: [Product] = []
            var hardwareIndex: [ProductKey: Int] = [:]
            for key in hardwareOrder {
                let criteria = hardwareCriteria[key]!
                hardwareIndex[key] = hardware.count
                hardware.append(Product(part: "h", vendor: criteria[0].criteria.vendor,
                                        product: criteria[0].criteria.product, versions: Self.versions(criteria)))
            }

            self.applications = applications
            self.applicationWeights = applicationWeights
            self.systems = systems
            self.systemWeights = systemWeights
            self.firmware = firmware
            self.hardware = hardware
            self.pairs = pairKeys.map { (firmwareByKey[$0.0]!, hardwareIndex[$0.1]!) }
        }

        /// Whether an operating system is one that servers run: Windows Server, Linux distributions and kernels,
        /// Unix systems, hypervisors (not phones, tablets, TVs or desktops).
        static func isServerSystem(_ key: ProductKey) -> Bool {
            switch key.vendor {
            case "microsoft": key.product.hasPrefix("windows_server")
            case "redhat", "canonical", "debian", "centos", "suse", "opensuse", "novell", "fedoraproject", "freebsd",
                 "openbsd", "netbsd", "linux", "oracle", "ibm", "hp", "vmware", "citrix", "xen", "gentoo",
                 "slackware", "mageia", "amazon", "alpinelinux", "archlinux", "sun":
                !["android", "iphone_os", "tvos", "watchos", "ipados"].contains(key.product)
            default: false
            }
        }

        /// Distinct version texts of criteria, in order: exact versions (`-` for NA) and range bounds.
        static func versions(_ criteria: some Sequence<CPEMatchCriterion>) -> [String] {
            var seen = Set<String>()
            var result: [String] = []
            func add(_ text: String?) {
                guard let text, !text.isEmpty, seen.insert(text).inserted else { return }
                result.append(text)
            }
            for criterion in criteria {
                switch criterion.criteria.version {
                case .na: add("-")
                case .value(let wfn) where !WFN.hasWildcards(wfn): add(WFN.unescaped(wfn))
                default: break
                }
                add(criterion.range?.start?.version.text)
                add(criterion.range?.end?.version.text)
            }
            return result
        }
    }

    // MARK: Random numbers

    /// SplitMix64: small, fast and the same on every platform.
    struct Generator: Sendable {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in 0..<bound (bound > 0), without modulo bias worth speaking of for small bounds.
        mutating func below(_ bound: Int) -> Int {
            Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
        }
    }
}
