import Foundation

/// A figure holding a server-drawn SVG chart (see `SVGChart`) with its caption; scales down on a narrow screen.
struct ChartSlot: HTMLComponent {
    let svg: String
    let caption: String

    var html: HTML { "<figure class=\"chart\">\(HTML(raw: svg))<figcaption>\(caption)</figcaption></figure>" }
}
