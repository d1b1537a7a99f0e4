import Fluent
import Foundation
import TrucCore
import Vapor

/// Pages without sign-in: a unit's public status page (opt-in, public monitors only) and the acknowledgement
/// link of alert e-mails.
struct PublicStatusController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(MonitorRoute.publicStatus(code: .routeKey), use: statusPage)
        routes.on(MonitorRoute.ackLink(token: .routeKey), use: ackPage)
        routes.on(MonitorRoute.ackLinkSubmit(token: .routeKey), use: ack)
    }

    func statusPage(req: Request) async throws -> HTML {
        let code = req.parameters.get("code") ?? ""
        guard let unit = try await OrgUnit.query(on: req.db).filter(\.$code == code).first(), unit.statusPagePublic == true else {
            throw BilingualError.notFound("Không có trang trạng thái này.", "No such status page.")
        }
        let model = try await PublicStatus.Model.query(unit: unit, now: Date(), timeZone: req.timeZone, on: req.db)
        return PublicStatus.View(ctx: PageContext(req), model: model).document()
    }

    func ackPage(req: Request) async throws -> HTML {
        let token = req.parameters.get("token") ?? ""
        guard let delivery = try await AckLinks.verify(token, on: req.db) else {
            throw BilingualError.notFound("Liên kết xác nhận không hợp lệ.", "This acknowledgement link is not valid.")
        }
        let monitor = try await Monitor.find(delivery.alert.$monitor.id, on: req.db)
        let model = AckLink.Model(token: token, alert: delivery.alert, monitorName: monitor?.name,
                                  recipientName: delivery.recipientName, recipient: delivery.recipient)
        return AckLink.View(ctx: PageContext(req), model: model).document()
    }

    func ack(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let delivery = try await AckLinks.verify(token, on: req.db) else {
            throw BilingualError.notFound("Liên kết xác nhận không hợp lệ.", "This acknowledgement link is not valid.")
        }
        let done = try await MonitorAlertService.acknowledge(delivery.alert, viaLinkOf: delivery, on: req.db)
        return req.redirect(to: MonitorRoute.ackLink(token: token), flash: Flash(done ? .alertAcknowledged : .alertAlreadyAcknowledged))
    }
}
