import Testing
import TrucCore

@Suite struct VendorVersionTests {
    func v(_ text: String) -> VendorVersion { VendorVersion(text) }

    /// Each list is in strictly increasing order.
    @Test(arguments: [
        ["1.0.0-dev", "1.0.0-alpha", "1.0.0-alpha2", "1.0.0-beta", "1.0.0-beta.11", "1.0.0-pre1", "1.0.0-rc1",
         "1.0.0-rc2", "1.0.0", "1.0.0a", "1.0.1"],
        ["3.0.0_alpha3", "3.0.0_beta1", "3.0.0_beta2", "3.0.0", "3.0.1"],
        ["2.3.1", "2.3.1a", "2.3.1b", "2.3.1z", "2.3.2", "2.3.10"],
        ["5.3.9", "5.3.17", "5.4", "5.10"],
        ["2.4.9", "2.4.10", "2.4.49", "2.4.50"],
        ["7.2.0", "7.2.0-build999", "7.2.0-build1234", "7.2.1"],
        ["12.2(55)SE", "12.2(55)SE10", "12.2(58)SE", "15.0(2)SE", "15.2(4)M", "15.2(4)M1", "15.2(4)M10", "15.2(5)"],
        ["10.0.17763.1", "10.0.19041.1415", "10.0.19041.2006", "10.0.19042.1"],
        ["13.1", "13.1-37.164", "13.1-49.14", "13.1-49.15", "14.1-8.50"],
        ["2.3-4ubuntu1", "2.3-4ubuntu2", "2.3-5", "9.9", "1:2.3-4ubuntu1", "1:2.3-4ubuntu2", "2:0.1"],
        ["1.1.524.0", "1.1.553.0"],
        ["99999999999999999999", "100000000000000000000", "100000000000000000001"],
    ])
    func ordersRealVendorVersions(list: [String]) {
        for (lower, higher) in zip(list, list.dropFirst()) {
            #expect(v(lower) < v(higher), "\(lower) < \(higher)")
            #expect(!(v(higher) < v(lower)), "\(higher) ≮ \(lower)")
            #expect(v(lower) != v(higher))
        }
        // Sorting any permutation gives the list back.
        #expect(list.reversed().map(v).sorted().map(\.text) == list)
    }

    @Test(arguments: [
        ("1.0", "1.0.0"),
        ("1", "1.0.0.0"),
        ("2.4", "v2.4"),
        ("15.2(4)M1", "15.2.4.m1"),
        ("15.2(4)M1", "15.2(4)m1"),
        ("13.1-49.15", "13.1.49.15"),
        ("1.0.0-RC1", "1.0.0-rc.1"),
        ("0:2.3", "2.3"),
        ("007", "7"),
        ("  5.3.17 ", "5.3.17"),
    ])
    func equalVersions(lhs: String, rhs: String) {
        #expect(v(lhs) == v(rhs))
        #expect(v(lhs).hashValue == v(rhs).hashValue)
        #expect(VendorVersion.compare(v(lhs), v(rhs)) == 0)
        #expect(!(v(lhs) < v(rhs)) && !(v(rhs) < v(lhs)))
    }

    @Test func keepsTheTextAndTheEpoch() {
        let version = v("1:2.3-4ubuntu1")
        #expect(version.text == "1:2.3-4ubuntu1")
        #expect(version.description == "1:2.3-4ubuntu1")
        #expect(version.epoch == 1)
        #expect(v("2.3").epoch == 0)
        #expect(v("10:30").epoch == 10) // a leading N: is always an epoch
        #expect(v("abc:1").epoch == 0)
    }

    @Test func versionsWithoutDigitsAreNotComparable() {
        #expect(v("15.2(4)M1").isComparable)
        #expect(v("r2").isComparable)
        #expect(!v("").isComparable)
        #expect(!v("-").isComparable)
        #expect(!v("latest").isComparable)
        #expect(!v("unknown").isComparable)
    }

    @Test func orderIsTotalOnAMixedSample() {
        let sample = ["1.0", "1.0.0", "1.0a", "1.0.1", "1.0-rc1", "1.0.0-beta", "1.a", "1.1", "1", "0.9", "a", "",
                      "1.0-build5", "1.0.0.1", "2:0", "1:1.0", "v1.0", "1.0.0-final", "1.0.0-dev"].map(v)
        for a in sample {
            for b in sample {
                let ab = VendorVersion.compare(a, b)
                #expect(ab == -VendorVersion.compare(b, a), "antisymmetric: \(a) \(b)")
                #expect((ab == 0) == (a == b))
                for c in sample where ab <= 0 && VendorVersion.compare(b, c) <= 0 {
                    #expect(VendorVersion.compare(a, c) <= 0, "transitive: \(a) ≤ \(b) ≤ \(c)")
                }
            }
        }
    }
}
