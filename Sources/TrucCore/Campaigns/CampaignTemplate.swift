import Foundation

/// A ready-made campaign: directive text, cited documents and checklist items per kind of unit.
public struct CampaignTemplate: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var title: String
        public var detail: String
        public var targetKinds: [UnitKind]
        /// Deadline as hours after the start of the period (negative: before it starts).
        public var dueOffsetHours: Int
    }

    public var key: String
    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    public var timeZone: TimeZone
    public var directive: String
    public var documents: [ReferencedDocument]
    public var items: [Item]

    public static let keys = ["le-30-4"]

    public static func named(_ key: String, year: Int = 2023) -> CampaignTemplate? {
        key == "le-30-4" ? holiday30April(year: year) : nil
    }

    /// The 2023 directive "Vv tăng cường công tác bảo đảm an toàn thông tin mạng trong thời gian nghỉ lễ 30/4 và 01/5":
    /// the alert period runs 29/4 00:00 through 3/5 24:00 local time; its five numbered demands become five items.
    public static func holiday30April(year: Int) -> CampaignTemplate {
        let tz = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        let start = calendar.date(from: DateComponents(year: year, month: 4, day: 29))!
        let end = calendar.date(from: DateComponents(year: year, month: 5, day: 4))!
        let all = UnitKind.allCases
        return CampaignTemplate(
            key: "le-30-4",
            title: "Bảo đảm ATTT mạng dịp nghỉ Lễ 30/4 và 01/5/\(year)",
            startsAt: start,
            endsAt: end,
            timeZone: tz,
            directive: """
            Thực hiện văn bản số 1520/BTTTT-CATTT ngày 26/4/2023 của Bộ Thông tin và Truyền thông; Văn bản số 2643/VP-XD6 \
            ngày 28/4/2023 của UBND tỉnh; Văn bản số 973/STTTT-CNTT ngày 27/4/2023 của Sở Thông tin và Truyền thông về việc \
            tăng cường công tác bảo đảm an toàn thông tin mạng trong dịp nghỉ lễ 30/4 và 01/5, trước tình hình an toàn thông tin \
            diễn biến phức tạp, tấn công mạng gia tăng về quy mô, số lượng và mức độ nguy hiểm, để không bất ngờ trong mọi tình \
            huống, chủ động sẵn sàng ứng phó sự cố đối với các hệ thống, dịch vụ CNTT, đề nghị các cơ quan, đơn vị thực hiện \
            các biện pháp sau.
            """,
            documents: [
                ReferencedDocument(number: "1520/BTTTT-CATTT", date: "2023-04-26", issuer: "Bộ Thông tin và Truyền thông",
                                   title: "Tăng cường bảo đảm ATTT mạng dịp nghỉ lễ 30/4 và 01/5/2023"),
                ReferencedDocument(number: "973/STTTT-CNTT", date: "2023-04-27", issuer: "Sở Thông tin và Truyền thông"),
                ReferencedDocument(number: "2643/VP-XD6", date: "2023-04-28", issuer: "Văn phòng UBND tỉnh"),
                ReferencedDocument(number: "708/QĐ-UBND", date: "2014-04-14", issuer: "UBND tỉnh",
                                   title: "Quy chế đảm bảo an toàn thông tin trong hoạt động ứng dụng CNTT của các cơ quan nhà nước tỉnh"),
                ReferencedDocument(number: "1278/QĐ-UBND", date: "2018-04-18", issuer: "UBND tỉnh",
                                   title: "Quy chế hoạt động của Đội ứng cứu sự cố an toàn thông tin mạng tỉnh"),
            ],
            items: [
                Item(
                    title: "Thực hiện nghiêm quy chế bảo đảm ATTT (QĐ 708/QĐ-UBND) và quy chế nội bộ",
                    detail: "Thực hiện nghiêm các quy định về đảm bảo an toàn thông tin theo Quyết định số 708/QĐ-UBND ngày 14/4/2014 của UBND tỉnh và Quy chế đảm bảo an toàn thông tin trong nội bộ của đơn vị.",
                    targetKinds: all,
                    dueOffsetHours: 0
                ),
                Item(
                    title: "Rà soát điểm yếu, lỗ hổng, đặc biệt thiết bị router/switch; cử cán bộ trực giám sát liên tục",
                    detail: "Chủ động rà soát các điểm yếu, lỗ hổng, đặc biệt là các thiết bị router/switch; tăng cường biện pháp quản lý và kỹ thuật bảo đảm ATTT cho hệ thống thông tin nội bộ; cử cán bộ trực theo dõi, giám sát liên tục hệ thống trong những ngày nghỉ lễ.",
                    targetKinds: [.stateAgency],
                    dueOffsetHours: 0
                ),
                Item(
                    title: "Năng lực hệ thống, phương án dự phòng, đường truyền tới Trung tâm tích hợp dữ liệu tỉnh; lãnh đạo trực kỹ thuật, trực 24/7",
                    detail: "Tăng cường năng lực hệ thống, nền tảng, duy trì hoạt động ổn định, chất lượng mạng lưới, đường truyền và dịch vụ; chuẩn bị phương án, giải pháp kỹ thuật dự phòng đáp ứng thông tin khẩn cấp, đột xuất (đặc biệt đảm bảo đường truyền tới Trung tâm tích hợp dữ liệu tỉnh); thực hiện kịp thời các biện pháp xử lý khi có yêu cầu của cơ quan có thẩm quyền; phân công lãnh đạo trực kỹ thuật và điều hành thông tin; cử cán bộ kỹ thuật trực theo dõi, giám sát liên tục 24/7.",
                    targetKinds: [.telecomProvider, .platformProvider],
                    dueOffsetHours: 0
                ),
                Item(
                    title: "Thành viên Đội ƯCSC giữ liên lạc thường xuyên (Điều 2, QĐ 1278/QĐ-UBND)",
                    detail: "Các thành viên Đội ƯCSC thường xuyên trao đổi và giữ liên lạc với nhau và với Bộ phận giúp việc của Đội ƯCSC theo Điều 2 Quy chế hoạt động ban hành kèm theo Quyết định số 1278/QĐ-UBND ngày 18/4/2018.",
                    targetKinds: [.responseTeam],
                    dueOffsetHours: 0
                ),
                Item(
                    title: "Trung tâm CNTT&TT: rà soát thiết bị tại Trung tâm tích hợp dữ liệu tỉnh, hỗ trợ các đơn vị",
                    detail: "Chủ động rà soát các điểm yếu, lỗ hổng, đặc biệt là các thiết bị được giao quản lý, vận hành tại Trung tâm tích hợp dữ liệu tỉnh; chủ động phối hợp với các cơ quan, đơn vị trên địa bàn tỉnh tư vấn, hỗ trợ, xử lý các vấn đề phát sinh.",
                    targetKinds: [.itCenter],
                    dueOffsetHours: 0
                ),
            ]
        )
    }

    public func dueDate(of item: Item) -> Date {
        startsAt.addingTimeInterval(TimeInterval(item.dueOffsetHours) * 3600)
    }
}
