extension String {
    /// `true` if the text has CR, LF, space or tab: never acceptable inside an SMTP command argument.
    var containsLineBreakOrSpace: Bool {
        unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == " " || $0 == "\t" }
    }
}
