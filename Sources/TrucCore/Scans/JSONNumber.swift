import Foundation

/// Numbers from `JSONSerialization` (an `NSNumber`, an integer or a double) or a numeric string, as a `Double`.
enum JSONNumber {
    static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber:
            // A JSON true/false is an NSNumber too; it is not a score.
            if isBoolean(number) { return nil }
            return number.doubleValue
        case let text as String: return Double(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    static func int(_ value: Any?) -> Int? {
        double(value).flatMap { $0.rounded() == $0 && abs($0) < 1e9 ? Int($0) : nil }
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // `NSNumber(value: true)` reports the ObjC type "c" (char) for booleans on every platform.
        String(cString: number.objCType) == "c"
    }
}
