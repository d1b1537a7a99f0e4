import Foundation

/// A labelled form control: `<label>Text <input …></label>` with an optional hint.
struct FormField: HTMLComponent {
    let label: String
    let control: HTML
    let hint: String?

    init(_ label: String, control: HTML, hint: String? = nil) {
        self.label = label
        self.control = control
        self.hint = hint
    }

    var html: HTML {
        "<label>\(label) \(control)\(hint.map { " <small class=\"muted\">\($0)</small>" as HTML } ?? .empty)</label>"
    }

    /// A one-line text input (type text, email, tel, url, number, date, datetime-local, password…).
    static func input(_ label: String, name: String, value: String? = nil, type: String = "text", maxLength: Int? = nil,
                      required: Bool = false, placeholder: String? = nil, hint: String? = nil) -> FormField {
        let attributes: HTML = """
        \(maxLength.map { " maxlength=\"\($0)\"" as HTML } ?? .empty)\(required ? HTML(raw: " required") : .empty)\
        \(placeholder.map { " placeholder=\"\($0)\"" as HTML } ?? .empty)
        """
        return FormField(label, control: "<input type=\"\(type)\" name=\"\(name)\" value=\"\(value ?? "")\"\(attributes)>", hint: hint)
    }

    /// A multi-line text area.
    static func textarea(_ label: String, name: String, value: String? = nil, maxLength: Int? = nil, required: Bool = false,
                         hint: String? = nil) -> FormField {
        FormField(label, control: """
        <textarea name="\(name)"\(maxLength.map { " maxlength=\"\($0)\"" as HTML } ?? .empty)\(required ? HTML(raw: " required") : .empty)>\(value ?? "")</textarea>
        """, hint: hint)
    }

    /// A select with its options.
    static func select(_ label: String, _ select: Select, hint: String? = nil) -> FormField {
        FormField(label, control: select.html, hint: hint)
    }
}
