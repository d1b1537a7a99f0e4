import Foundation
import TrucCore

/// The print-ready national forms (Mẫu 03 initial report, Mẫu 04 final report): a bare A4 page without navigation,
/// in Vietnamese as the forms are.
enum IncidentPrint {}

extension IncidentPrint {
    enum Form: String {
        case initial, final
    }

    struct Model {
        let form: Form
        let reference: String
        let title: String
        let detectedAt: Date
        let unitName: String
        let report: InitialIncidentReport?
        let finalReport: FinalIncidentReport?

        init(form: Form, incident: Incident, unit: OrgUnit) {
            self.form = form
            reference = incident.reference
            title = incident.title
            detectedAt = incident.detectedAt
            unitName = unit.name
            report = incident.report
            finalReport = incident.finalReport
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            switch model.form {
            case .initial: page(title: "Mẫu 03 – \(model.reference)", body: initial())
            case .final: page(title: "Mẫu 04 – \(model.reference)", body: final())
            }
        }

        func page(title: String, body: HTML) -> HTML {
            """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><title>\(title)</title>
            <style>body { font: 13pt "Times New Roman", serif; max-width: 19cm; margin: 1.5cm auto; } h1 { font-size: 15pt; text-align: center; }
            .head { display: flex; justify-content: space-between; text-align: center; } table { width: 100%; border-collapse: collapse; }
            td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; } th { width: 38%; text-align: left; font-weight: normal; }
            @media print { a { display: none; } @page { size: A4; margin: 1.5cm; } }</style></head>
            <body>\(body)</body></html>
            """
        }

        func row(_ label: String, _ value: String?) -> HTML { "<tr><th>\(label)</th><td style=\"white-space: pre-wrap\">\(value ?? "")</td></tr>" }

        func initial() -> HTML {
            let r = model.report
            return """
            <div class="head"><div><strong>\(r?.reporterOrganization ?? model.unitName)</strong><br>Số: \(model.reference)</div>
            <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập – Tự do – Hạnh phúc</div></div>
            <p style="text-align:right"><em>Mẫu số 03 – Ban hành kèm theo Thông tư số 20/2017/TT-BTTTT</em></p>
            <h1>BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG</h1>
            <p>Kính gửi: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)</p>
            <table>
            \((r?.formLines(timeZone: ctx.timeZone) ?? []).html { row($0.label, $0.value) })
            </table>
            <p><em>Gửi qua thư điện tử với tiêu đề bắt đầu bằng "[TBSC]".</em></p>
            <p style="text-align:right"><strong>NGƯỜI BÁO CÁO</strong><br><br><br>\(r?.reporterName ?? "")</p>
            """
        }

        func final() -> HTML {
            let lines = model.finalReport?.formLines(reference: model.reference, title: model.title, systemName: model.report?.systemName,
                                                     detectedAt: model.detectedAt, timeZone: ctx.timeZone) ?? []
            return """
            <div class="head"><div><strong>\(model.report?.reporterOrganization ?? model.unitName)</strong><br>Số: \(model.reference)</div>
            <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập – Tự do – Hạnh phúc</div></div>
            <p style="text-align:right"><em>Mẫu số 04 – Ban hành kèm theo Thông tư số 20/2017/TT-BTTTT</em></p>
            <h1>BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ</h1>
            <table>
            \(lines.html { row($0.label, $0.value) })
            </table>
            <p style="text-align:right"><strong>THỦ TRƯỞNG ĐƠN VỊ</strong></p>
            """
        }
    }
}
