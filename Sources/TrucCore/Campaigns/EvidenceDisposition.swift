import Foundation

/// How a browser is told to handle a downloaded evidence file (the `Content-Disposition` type, RFC 6266).
public enum EvidenceDisposition: String, Sendable, Codable, CaseIterable {
    /// Shown in the page (only for images and PDFs verified by their content: `EvidencePolicy`).
    case inline
    /// Saved to disk, never rendered by the browser.
    case attachment
}
