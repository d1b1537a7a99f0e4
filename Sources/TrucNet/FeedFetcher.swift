import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TrucCore

/// Fetches feed documents (NVD API pages, the KEV catalog, EPSS files, CSAF provider documents) over HTTP(S).
///
/// Each request goes through the `OutboundGuard` (addresses checked just before connecting, the connection pinned to
/// a checked address; `truc sync --url`, the operator's own choice, passes a guard that also allows loopback and
/// private addresses). Redirects are followed here, at most `maxRedirects`, each hop checked again. The body is read up to
/// `limit` bytes; a longer one throws `FeedFetchError.tooLarge`, a body cut before its announced length
/// `FeedFetchError.truncated`.
public struct FeedFetcher: FeedFetching {
    public static let userAgent = "TrucATTT-feeds/1"
    public static let maxRedirects = 5

    private let clients: PinnedHTTPClients
    private let outbound: OutboundGuard

    /// Fetches with `clients` (owned by the caller; make them with ``configuration()``), checking hosts with
    /// `outbound`.
    public init(clients: PinnedHTTPClients, outbound: OutboundGuard) {
        self.clients = clients
        self.outbound = outbound
    }

    /// Redirects not followed by the client (this type follows them, checking each hop).
    public static func configuration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        return configuration
    }

    public func get(_ url: URL, headers: [(String, String)], limit: Int, timeout: Duration) async throws -> FeedResponse {
        var current = url
        for _ in 0...Self.maxRedirects {
            let response = try await once(current, headers: headers, limit: limit, timeout: timeout)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location") else {
                return response
            }
            guard let next = URL(string: location, relativeTo: current)?.absoluteURL,
                  next.scheme == "https" || next.scheme == "http" else {
                throw FeedFetchError.network("redirect to an invalid address")
            }
            current = next
        }
        throw FeedFetchError.network("more than \(Self.maxRedirects) redirects")
    }

    private func once(_ url: URL, headers: [(String, String)], limit: Int, timeout: Duration) async throws -> FeedResponse {
        guard let host = HTTPProbe.hostOf(url), url.scheme == "https" || url.scheme == "http" else {
            throw FeedFetchError.network("invalid URL")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let clients = self.clients
        let outbound = self.outbound
        do {
            return try await TimeLimit.run(timeout) { [request] in
                let address = try await outbound.addresses(for: host, timeout: timeout)[0]
                return try await clients.withClient(host: host, address: address) { client in
                    let response = try await client.execute(request, timeout: timeout.timeAmount)
                    var body = ByteBuffer()
                    if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                        throw FeedFetchError.tooLarge(limit: limit)
                    }
                    do {
                        for try await var chunk in response.body {
                            guard body.readableBytes + chunk.readableBytes <= limit else { throw FeedFetchError.tooLarge(limit: limit) }
                            body.writeBuffer(&chunk)
                        }
                    } catch let error as FeedFetchError {
                        throw error
                    } catch {
                        throw FeedFetchError.truncated(received: body.readableBytes)
                    }
                    if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), body.readableBytes < length {
                        throw FeedFetchError.truncated(received: body.readableBytes)
                    }
                    return FeedResponse(status: Int(response.status.code),
                                        headers: response.headers.map { ($0.name, $0.value) },
                                        body: Array(buffer: body))
                }
            }
        } catch let error as FeedFetchError {
            throw error
        } catch let refusal as OutboundRefusal {
            throw FeedFetchError.refused(refusal.probeMessage)
        } catch {
            throw FeedFetchError.network(ProbeErrorMessage.describe(error, timeout: timeout))
        }
    }
}
