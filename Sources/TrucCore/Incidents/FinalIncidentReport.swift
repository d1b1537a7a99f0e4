import Foundation

/// The final report, "Báo cáo kết thúc ứng phó sự cố" — form Mẫu 04 of Circular 20/2017/TT-BTTTT — sent when the
/// response is over; the platform needs it before an incident can be closed (`IncidentTransition`).
///
/// The national form repeats the reporter and system details of the initial report (the platform prints those
/// from the incident) and asks for the incident's name and description, its detection time, "kết quả xử lý sự
/// cố" (a summary of what happened and how it was handled, and proposals to handle similar incidents faster and
/// reduce their damage) and the attached documents. The platform splits "kết quả xử lý" into the parts a
/// reviewer checks one by one: course and causes, impact, actions, root cause, prevention and recommendations.
public struct FinalIncidentReport: Sendable, Codable, Equatable {
    /// The longest text of one part: 10,000 characters.
    public static let textLimit = 10_000

    /// Diễn biến sự cố: what happened, when, in what order.
    public var whatHappened: String
    /// Thiệt hại, ảnh hưởng: data, services, users and time affected.
    public var impact: String
    /// Các biện pháp đã xử lý: what was done to contain and repair.
    public var actionsTaken: String
    /// Nguyên nhân gốc: why it could happen (the exploited weakness, the missed control).
    public var rootCause: String
    /// Biện pháp phòng ngừa tái diễn: what is done so that it does not happen again.
    public var preventionMeasures: String
    /// When the systems were back to normal.
    public var resolvedAt: Date
    /// Kiến nghị, đề xuất (to the province, the national coordinator, providers), if any.
    public var recommendations: String?

    public init(whatHappened: String, impact: String, actionsTaken: String, rootCause: String,
                preventionMeasures: String, resolvedAt: Date, recommendations: String? = nil) {
        self.whatHappened = whatHappened
        self.impact = impact
        self.actionsTaken = actionsTaken
        self.rootCause = rootCause
        self.preventionMeasures = preventionMeasures
        self.resolvedAt = resolvedAt
        self.recommendations = recommendations
    }

    /// Checks every part and returns the normalised copy (texts trimmed line by line, NFC, control characters
    /// removed; blank recommendations `nil`), or throws every problem, each on its property's name: the five texts
    /// required; every text at most `textLimit` characters; `resolvedAt` not before `detectedAt` (the incident's)
    /// and not after `now` + 5 minutes.
    public func validated(detectedAt: Date, now: Date) throws(IncidentValidationError) -> FinalIncidentReport {
        var v = IncidentFormValidator()
        var copy = self
        let limit = Self.textLimit
        copy.whatHappened = v.required(whatHappened, field: "whatHappened", vietnamese: "diễn biến sự cố",
                                       english: "what happened", limit: limit, multiline: true)
        copy.impact = v.required(impact, field: "impact", vietnamese: "thiệt hại, ảnh hưởng",
                                 english: "the impact", limit: limit, multiline: true)
        copy.actionsTaken = v.required(actionsTaken, field: "actionsTaken", vietnamese: "các biện pháp đã xử lý",
                                       english: "the description of the actions taken", limit: limit, multiline: true)
        copy.rootCause = v.required(rootCause, field: "rootCause", vietnamese: "nguyên nhân gốc",
                                    english: "the root cause", limit: limit, multiline: true)
        copy.preventionMeasures = v.required(preventionMeasures, field: "preventionMeasures",
                                             vietnamese: "biện pháp phòng ngừa tái diễn",
                                             english: "the description of the prevention measures", limit: limit, multiline: true)
        if resolvedAt > now.addingTimeInterval(IncidentFormValidator.clockSkew) {
            v.add("resolvedAt", "Thời điểm khắc phục xong ở tương lai.", "The resolution time is in the future.")
        } else if resolvedAt < detectedAt {
            v.add("resolvedAt", "Thời điểm khắc phục xong sớm hơn thời điểm phát hiện sự cố.",
                  "The resolution time is earlier than the detection time.")
        }
        copy.recommendations = v.optional(recommendations, field: "recommendations",
                                          vietnamese: "kiến nghị, đề xuất", english: "the text of the recommendations",
                                          limit: limit, multiline: true)
        try v.check()
        return copy
    }
}
