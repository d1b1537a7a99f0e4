import Foundation

/// What an e-mail to the national coordinator (VNCERT/CC) about an incident carries.
public enum NationalNoticeKind: String, Sendable, Codable, CaseIterable {
    /// The initial report (Mẫu 03).
    case initial
    /// A situation update (the sender's text).
    case update
    /// The final report (Mẫu 04), once written.
    case final

    public var vietnamese: String {
        switch self {
        case .initial: "Báo cáo ban đầu (Mẫu 03)"
        case .update: "Cập nhật tình hình"
        case .final: "Báo cáo kết thúc ứng phó (Mẫu 04)"
        }
    }

    public var english: String {
        switch self {
        case .initial: "Initial report (form 03)"
        case .update: "Situation update"
        case .final: "Final report (form 04)"
        }
    }
}
