import Foundation

/// The form to change a contact.
enum ContactEdit {}

extension ContactEdit {
    struct Model {
        var contact: Contact
        var contactID: UUID
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let contact = model.contact
            return PageFrame.page(ctx, title: ctx.t("Sửa liên hệ", "Edit contact"), body: """
            <h1>\(ctx.t("Sửa liên hệ", "Edit contact"))</h1>
            <form class="stack" method="post" action="\(DirectoryRoute.updateContact(model.contactID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.name), name: "name", value: contact.name, maxLength: 300, required: true))
              \(FormField.input(ctx.t("Tổ chức", "Organisation"), name: "organization", value: contact.organization))
              \(FormField.input(ctx.t(.jobTitle), name: "title", value: contact.title))
              \(FormField.input(ctx.t(.phone), name: "phone", value: contact.phone))
              \(FormField.input(ctx.t(.hotline), name: "hotline", value: contact.hotline))
              \(FormField.input("Email", name: "email", value: contact.email, type: "email"))
              \(FormField.input(ctx.t(.note), name: "note", value: contact.note))
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            """)
        }
    }
}
