import Foundation

/// The message shown once after a form was saved (see `Flash`).
struct FlashMessage: HTMLComponent {
    let text: String
    var html: HTML { "<p class=\"flash\" role=\"status\">\(text)</p>" }
}
