/// Why a `ShiftPattern` could not generate shifts. Descriptions are in Vietnamese, for display.
public enum ShiftPatternError: Error, Equatable, CustomStringConvertible {
    case emptyPattern
    /// The slot at this index has a start outside 0..<1440 or a duration outside 1...1440.
    case invalidSlot(Int)
    case rangeReversed
    /// The range spans this many days, more than `ShiftPattern.maxDays`.
    case tooManyDays(Int)
    case noAssignees

    public var description: String {
        switch self {
        case .emptyPattern:
            "Mẫu ca trực không có ca nào."
        case .invalidSlot(let index):
            "Ca thứ \(index + 1) của mẫu không hợp lệ (giờ bắt đầu 00:00–23:59, thời lượng 1 phút–24 giờ)."
        case .rangeReversed:
            "Ngày kết thúc phải không sớm hơn ngày bắt đầu."
        case .tooManyDays(let days):
            "Khoảng thời gian \(days) ngày quá dài (tối đa \(ShiftPattern.maxDays) ngày)."
        case .noAssignees:
            "Cần ít nhất một người trực."
        }
    }
}
