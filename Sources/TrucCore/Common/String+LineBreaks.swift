import Foundation

extension StringProtocol {
    /// `true` if the text has a CR or LF anywhere (checked on Unicode scalars, because Swift
    /// treats "\r\n" as a single Character).
    var containsLineBreak: Bool {
        unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }

    /// The text with every CR and LF replaced by a space.
    var withoutLineBreaks: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : $0 }))
    }
}
