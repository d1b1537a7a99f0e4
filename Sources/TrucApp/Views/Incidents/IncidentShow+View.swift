import Foundation
import TrucCore

extension IncidentShow {
    /// On a phone the response forms (triage, assign, status, situation update) come right after the summary; the
    /// sharing, the reports to VNCERT/CC and the final report follow the record of the response.
    struct View {
        let ctx: PageContext
        let model: Model

        var i: IncidentSummaryDTO { model.incident }
        var dto: IncidentDTO { model.dto }

        func document() -> HTML {
            PageFrame.page(ctx, title: i.reference, body: """
            \(header())
            \(response())
            \(timeline())
            \(tasks())
            \(observables())
            \(evidence())
            \(sharing())
            \(national())
            \(finalReport())
            """)
        }

        func header() -> HTML {
            let id = model.id
            let support: HTML = i.supportRequested
                ? "<p class=\"gap\">\(ctx.t("Đơn vị đề nghị hỗ trợ ứng cứu khẩn cấp", "The unit requests emergency support")): \(dto.report?.supportDetails ?? "")</p>" : .empty
            let printFinal: HTML = dto.finalReport != nil
                ? "<a href=\"\(IncidentRoute.printForm(id, form: "final"))\">\(ctx.t("In Mẫu 04", "Print form 04"))</a> · " : .empty
            return """
            <h1>\(i.reference): \(i.title) \(IncidentViews.tlp(i.tlp))</h1>
            <p>\(model.unitName) · <strong>\(ctx.t(i.status.vietnamese, i.status.english))</strong>
            · \(ctx.t(.severity)): \(i.severity.map { ctx.t($0.vietnamese, $0.english) } ?? "—") · \(ctx.t("Loại", "Category")): \(i.category.map { ctx.t($0.vietnamese, $0.english) } ?? "—")</p>
            <p class="\(i.reportedLate ? "gap" : "muted")">\(ctx.t("Phát hiện", "Detected")) \(ctx.date(i.detectedAt)) · \(ctx.t("Báo cáo", "Reported")) \(ctx.date(i.reportedAt)) · \(ctx.t("Hạn báo cáo ban đầu (5 ngày)", "Initial report due (5 days)")) \(ctx.date(i.reportDeadline)) · \(dto.clock)</p>
            \(support)
            <p><a href="\(IncidentRoute.printForm(id, form: "initial"))">\(ctx.t("In Mẫu 03", "Print form 03"))</a> · \(printFinal)
            <a href="\(IncidentRoute.stix(id))">STIX 2.1</a> · <a href="\(IncidentRoute.misp(id))">MISP</a></p>
            <div class="card"><p style="white-space: pre-wrap">\(dto.report?.summary ?? "")</p></div>
            """
        }

        /// Triage, assignment, status and the situation update.
        func response() -> HTML {
            let id = model.id
            let team: HTML = model.responseTeam ? """
            <form method="post" action="\(IncidentRoute.triage(id))">\(ctx.csrfField)
            \(Select(name: "severity", IncidentSeverity.allCases, selected: i.severity, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))
            \(Select(name: "category", IncidentCategory.allCases, selected: i.category, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))
            <button>\(ctx.t("Phân loại", "Triage"))</button></form>
            <form method="post" action="\(IncidentRoute.assign(id))">\(ctx.csrfField)
            \(IncidentViews.personSelect(name: "personID", model.people, selected: i.assigneeID))
            <button>\(ctx.t("Phân công", "Assign"))</button></form>
            """ : .empty
            let status: HTML = dto.allowedStatuses.isEmpty ? .empty : """
            <form method="post" action="\(IncidentRoute.setStatus(id))">\(ctx.csrfField)
            \(Select(name: "status", dto.allowedStatuses, selected: nil, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))
            <input name="note" placeholder="\(ctx.t(.note))"> <button>\(ctx.t("Chuyển trạng thái", "Change status"))</button></form>
            """
            let kinds = [Select.Option("update", ctx.t("Cập nhật tình hình", "Situation update")), Select.Option("comment", ctx.t("Bình luận", "Comment"))]
            return """
            <h2>\(ctx.t("Xử lý", "Response"))</h2>
            <div class="filters">
            \(team)
            \(status)
            </div>
            <form class="stack" method="post" action="\(IncidentRoute.addUpdate(id))">\(ctx.csrfField)
            <label>\(ctx.t("Cập nhật tình hình", "Situation update")) <textarea name="text" required></textarea></label>
            \(Select(name: "kind", options: kinds, selected: nil))
            <button>\(ctx.t("Thêm vào diễn biến", "Add to the timeline"))</button></form>
            """
        }

        func timeline() -> HTML {
            """
            <h2>\(ctx.t("Diễn biến", "Timeline"))</h2>
            <ol class="timeline">\(dto.timeline.html { "<li><span class=\"muted\">\(ctx.date($0.at)) · \($0.actorName) · \($0.kind)</span><br><span style=\"white-space: pre-wrap\">\($0.text)</span></li>" })</ol>
            """
        }

        func tasks() -> HTML {
            let rows = Table(headers: [ctx.t("Công việc", "Task"), ctx.t(.deadline), ctx.t(.status), ""], dto.tasks) { t in
                let done: HTML = model.responseTeam && t.status == .open
                    ? "\(PostButton(IncidentRoute.taskStatus(task: t.id), label: ctx.t("Xong", "Done"), ctx: ctx, hidden: [("status", "done")]))" : .empty
                return ["\(t.title)", "\(t.dueAt.map { ctx.date($0) } ?? "")", "\(t.status.rawValue)", done]
            }
            let add: HTML = model.responseTeam ? """
            <form class="filters" method="post" action="\(IncidentRoute.addTask(model.id))">\(ctx.csrfField)
            <input name="title" required placeholder="\(ctx.t("Công việc", "Task"))">
            \(IncidentViews.personSelect(name: "assigneeID", model.people, selected: nil))
            <input type="datetime-local" name="dueAt"> <button>\(ctx.t("Thêm công việc", "Add task"))</button></form>
            """ : .empty
            return """
            <h2>\(ctx.t("Công việc", "Tasks"))</h2>
            \(dto.tasks.isEmpty ? .empty : rows.html)
            \(add)
            """
        }

        func observables() -> HTML {
            let id = model.id
            let rows = Table(headers: [ctx.t(.kind), ctx.t("Giá trị", "Value"), "TLP", ctx.t("Cũng có trong", "Also in")], dto.observables) { o in
                let tlp: HTML = model.mayManageSharing ? """
                <form class="inline" method="post" action="\(IncidentRoute.observableTLP(id, observable: o.id))">\(ctx.csrfField)<select name="tlp" aria-label="TLP">\(Select.options(TLP.allCases.map { Select.Option($0.rawValue, $0.label) }, selected: o.tlp.rawValue))</select> <button>\(ctx.t("Đổi", "Set"))</button></form>
                """ : "\(IncidentViews.tlp(o.tlp))"
                let notShared: HTML = o.tlp > i.tlp ? " <span class=\"muted\">\(ctx.t("không chia sẻ cùng sự cố", "not shared with the incident"))</span>" : .empty
                let others = o.otherIncidents ?? []
                return ["\(o.kind.rawValue)",
                        "<a href=\"\(IncidentRoute.observables.path(query: [("kind", o.kind.rawValue), ("value", o.value)]))\"><code>\(o.defanged)</code></a>",
                        "\(tlp)\(notShared)",
                        "\(others.isEmpty ? "" : ctx.t("Cũng có trong", "Also in") + " " + others.joined(separator: ", "))"]
            }
            return """
            <h2>\(ctx.t("Dấu hiệu (IOC)", "Observables"))</h2>
            \(dto.observables.isEmpty ? .empty : rows.html)
            <form class="filters" method="post" action="\(IncidentRoute.addObservables(id))">\(ctx.csrfField)
            <textarea name="text" placeholder="203.0.113[.]7, hxxp://…, CVE-…"></textarea> <button>\(ctx.t("Thêm dấu hiệu", "Add observables"))</button></form>
            """
        }

        func evidence() -> HTML {
            let id = model.id
            return """
            <h2>\(ctx.t("Tệp minh chứng", "Evidence"))</h2>
            <ul>\(dto.evidence.html { "<li><a href=\"\(IncidentRoute.evidence(id, evidence: $0.id))\">\($0.filename)</a> (\($0.size) B, SHA-256 <code>\($0.sha256)</code>)</li>" })</ul>
            <form method="post" action="\(IncidentRoute.uploadEvidence(id))" enctype="multipart/form-data">\(ctx.csrfField)
            <input type="file" name="file" required> <input name="note" placeholder="\(ctx.t(.note))"> <button>\(ctx.t("Tải lên", "Upload"))</button></form>
            """
        }

        /// The TLP, the people named on the incident and, for those who may, the form to change them.
        func sharing() -> HTML {
            let named = dto.namedPeople.map { "\($0.fullName) <\($0.email)>" }.joined(separator: ", ")
            let form: HTML = model.mayManageSharing ? """
            <details><summary>\(ctx.t("Đổi mức chia sẻ, người được xem", "Change the sharing and who may see it"))</summary>
            <form class="stack" method="post" action="\(IncidentRoute.sharing(model.id))">\(ctx.csrfField)
            \(FormField.select("TLP", Select(name: "tlp", TLP.allCases, selected: i.tlp, value: \.rawValue, label: { "\($0.label) — \(ctx.t($0.vietnamese, $0.english))" })))
            \(IncidentViews.peoplePicker(ctx, model.people, selected: Set(dto.namedPeople.map(\.id))))
            <button>\(ctx.t(.save))</button></form></details>
            """ : .empty
            return """
            <h2>\(ctx.t("Chia sẻ", "Sharing"))</h2>
            <p>\(IncidentViews.tlp(i.tlp)) \(ctx.t(i.tlp.vietnamese, i.tlp.english))\(named.isEmpty ? "" : " · \(ctx.t("Người được nêu tên", "Named people")): \(named)")</p>
            \(form)
            """
        }

        /// Sending the "[TBSC]" reports to VNCERT/CC from the server, and the e-mails already queued about the incident.
        func national() -> HTML {
            let kinds = NationalNoticeKind.allCases.filter { $0 != .final || dto.finalReport != nil }
            let form: HTML
            if !model.mayNotifyNational {
                form = .empty
            } else if i.tlp == .red {
                form = "<p class=\"muted\">\(ctx.t("Sự cố TLP:RED không gửi ra ngoài; đổi mức TLP để gửi VNCERT/CC.", "A TLP:RED incident is not sent outside; change its TLP to send it to VNCERT/CC."))</p>"
            } else if let nationalEmail = model.nationalEmail {
                form = """
                <form class="stack" method="post" action="\(IncidentRoute.notifyNational(model.id))">\(ctx.csrfField)
                \(FormField.select(ctx.t("Nội dung gửi", "What to send"),
                                   Select(name: "kind", kinds, selected: dto.finalReport != nil ? NationalNoticeKind.final : nil, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) })))
                \(FormField.textarea(ctx.t("Nội dung cập nhật / lời nhắn", "Update text / covering note"), name: "note"))
                <button>\(ctx.t("Gửi tới", "Send to")) \(nationalEmail)</button></form>
                """
            } else {
                form = "<p class=\"gap\">\(ctx.t("Danh bạ chưa có e-mail của VNCERT/CC.", "The contact directory has no e-mail for VNCERT/CC.")) <a href=\"\(DirectoryRoute.contacts)\">\(ctx.t(.contacts))</a></p>"
            }
            let mails = Table(headers: [ctx.t("Thư", "E-mail"), ctx.t("Người nhận", "To"), ctx.t(.status), ctx.t("Gửi lúc", "Sent")], dto.mails) { m in
                ["\(m.subject)", "\(m.recipient)",
                 "\(IncidentViews.deliveryStatus(ctx, m.status))\(m.lastError.map { " <span class=\"muted\">(\($0))</span>" as HTML } ?? .empty)",
                 "\(m.sentAt.map { ctx.date($0) } ?? "")"]
            }
            return """
            <h2>\(ctx.t("Thông báo VNCERT/CC", "Notify VNCERT/CC"))</h2>
            <p class="muted">\(ctx.t("Tiêu đề", "Subject")): <code>\(dto.nationalSubject)</code></p>
            \(form)
            \(dto.mails.isEmpty ? .empty : mails.html)
            """
        }

        func finalReport() -> HTML {
            let f = dto.finalReport
            func area(_ label: String, _ name: String, _ value: String?, required: Bool = true) -> FormField {
                .textarea(required ? label + " *" : label, name: name, value: value, required: required)
            }
            return """
            <h2>\(ctx.t("Báo cáo kết thúc ứng phó (Mẫu 04)", "Final report (form 04)"))</h2>
            <form class="stack" method="post" action="\(IncidentRoute.finalReport(model.id))">\(ctx.csrfField)
            \(area(ctx.t("Diễn biến, nguyên nhân", "What happened"), "whatHappened", f?.whatHappened))
            \(area(ctx.t("Thiệt hại, ảnh hưởng", "Impact"), "impact", f?.impact))
            \(area(ctx.t("Biện pháp đã xử lý", "Actions taken"), "actionsTaken", f?.actionsTaken))
            \(area(ctx.t("Nguyên nhân gốc", "Root cause"), "rootCause", f?.rootCause))
            \(area(ctx.t("Biện pháp phòng ngừa tái diễn", "Prevention"), "preventionMeasures", f?.preventionMeasures))
            \(FormField.input(ctx.t("Thời điểm khắc phục", "Resolved at") + " *", name: "resolvedAt", value: f.map { ctx.inputDate($0.resolvedAt) },
                              type: "datetime-local", required: true))
            \(area(ctx.t("Kiến nghị", "Recommendations"), "recommendations", f?.recommendations, required: false))
            <button>\(ctx.t("Lưu báo cáo kết thúc", "Save the final report"))</button></form>
            """
        }
    }
}
