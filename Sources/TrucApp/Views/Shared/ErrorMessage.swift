import Foundation

/// Why a form was refused, shown above it (nothing when there is no error).
struct ErrorMessage: HTMLComponent {
    let text: String?
    var html: HTML { text.map { "<p class=\"error reason\" role=\"alert\">\($0)</p>" as HTML } ?? .empty }
}
