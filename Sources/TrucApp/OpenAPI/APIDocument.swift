import Foundation

enum APIDocument {
    static func json() throws -> String { "{}" }
}
