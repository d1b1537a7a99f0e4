extension Int {
    /// Division rounding towards negative infinity.
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }

    /// Remainder with the sign of `divisor` (always `0..<divisor` for a positive divisor).
    func floorMod(_ divisor: Int) -> Int {
        self - floorDiv(divisor) * divisor
    }

    /// Decimal digits left-padded with zeros to at least `width`.
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
