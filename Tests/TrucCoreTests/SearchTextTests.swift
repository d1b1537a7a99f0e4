import Testing
@testable import TrucCore

@Suite struct SearchTextTests {
    @Test func foldsVietnameseAccentsAndCase() {
        #expect(SearchText.fold("Sở Thông tin và Truyền thông") == "so thong tin va truyen thong")
        #expect(SearchText.fold("Đội ƯCSC  tỉnh") == "doi ucsc tinh")
        #expect(SearchText.fold("ir@VNCERT.vn") == "ir@vncert.vn")
    }
}
