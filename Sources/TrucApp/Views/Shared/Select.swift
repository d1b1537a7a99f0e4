import Foundation

/// A `<select>` with its options, the selected one marked. The one place option lists are written.
struct Select: HTMLComponent {
    struct Option {
        let value: String
        let label: String
        init(_ value: String, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    let name: String
    let options: [Option]
    let selected: String?
    let required: Bool

    init(name: String, options: [Option], selected: String?, required: Bool = false) {
        self.name = name
        self.options = options
        self.selected = selected
        self.required = required
    }

    /// Options from values and their labels (an enum's cases, say); `none` adds a first empty option.
    init<T>(name: String, _ values: [T], selected: T?, none: String? = nil, value: (T) -> String, label: (T) -> String) {
        let empty = none.map { [Option("", $0)] } ?? []
        self.init(name: name, options: empty + values.map { Option(value($0), label($0)) }, selected: selected.map(value) ?? (none == nil ? nil : ""))
    }

    var html: HTML {
        "<select name=\"\(name)\"\(required ? HTML(raw: " required") : .empty)>\(Self.options(options, selected: selected))</select>"
    }

    /// Just the `<option>` elements.
    static func options(_ options: [Option], selected: String?) -> HTML {
        options.html { option in
            "<option value=\"\(option.value)\"\(option.value == selected ? HTML(raw: " selected") : .empty)>\(option.label)</option>"
        }
    }
}
