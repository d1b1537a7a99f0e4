import OpenAPIKit

extension APISchemas {
    static let twoFactor: [String: JSONSchema] = [
        "TwoFactorStatus": object("Your two-factor sign-in.", [
            "enabled": .boolean(description: "Two-factor sign-in is on"),
            "pending": .boolean(description: "An enrolment waits for its first code"),
            "required": .boolean(description: "Your roles require it (the coordinator's setting)"),
            "recoveryCodesLeft": .integer(minimum: (0, exclusive: false)),
        ]),
        "TwoFactorPassword": object("Your current password, asked again before a change to how you sign in.", [
            "password": .string(format: .password, minLength: 1, maxLength: 1024),
        ]),
        "TwoFactorEnrolment": object("A new authenticator secret: add it to a TOTP app (SHA-1, 6 digits, 30 s), then confirm with a code. Shown only in this answer.", [
            "secret": .string(description: "Base32 secret to type into the app"),
            "uri": .string(description: "otpauth:// URI with the same secret, for apps that accept one"),
        ]),
        "TwoFactorCode": object("A current code from the authenticator or a recovery code (`code`), or, where allowed, your password instead.", [
            "code": .string(maxLength: 20).optional,
            "password": .string(format: .password, maxLength: 1024).optional,
        ]),
        "RecoveryCodes": object("One-time recovery codes, shown only in this answer; each works once, in place of a code.", [
            "codes": .array(items: .string),
        ]),
        "TwoFactorPolicy": object("Whether provincial coordinators and unit admins must use two-factor sign-in.", [
            "requiredForAdmins": .boolean,
        ]),
    ]
}
