/// Contacts every unit needs during an alert period, as listed in the 2023 directive.
public struct NationalContact: Sendable, Equatable {
    public var key: String
    public var name: String
    public var organization: String
    public var phone: String
    public var hotline: String?
    public var email: String
    public var note: String

    public static let all: [NationalContact] = [
        NationalContact(
            key: "vncert",
            name: "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)",
            organization: "Cục An toàn thông tin, Bộ Thông tin và Truyền thông",
            phone: "024 3640 4421",
            hotline: "086 9100 317",
            email: "ir@vncert.vn",
            note: "Đường dây nóng ứng cứu sự cố"
        ),
        NationalContact(
            key: "ncsc",
            name: "Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)",
            organization: "Cục An toàn thông tin, Bộ Thông tin và Truyền thông",
            phone: "024 3209 1616",
            hotline: "033 6666 905",
            email: "ais@mic.gov.vn",
            note: "Đường dây nóng hỗ trợ giám sát, cảnh báo sớm"
        ),
        NationalContact(
            key: "province-ict-center",
            name: "Trung tâm Công nghệ thông tin và Truyền thông",
            organization: "Sở Thông tin và Truyền thông",
            phone: "0203 3533338",
            hotline: nil,
            email: "qnict@quangninh.gov.vn",
            note: "Đầu mối trao đổi thông tin của tỉnh"
        ),
    ]
}
