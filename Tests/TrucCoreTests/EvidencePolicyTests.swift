import Foundation
import Testing
@testable import TrucCore

@Suite struct EvidencePolicyTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8)
    static let gif = Array("GIF89a".utf8) + [1, 0, 1, 0]
    static let webp = Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)
    static let pdf = Array("%PDF-1.7\n".utf8)
    static let exe: [UInt8] = Array("MZ".utf8) + [0x90, 0, 3, 0, 0, 0, 4, 0]
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1]
    static let html = Array("<!DOCTYPE html><html><script>alert(1)</script>".utf8)
    static let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".utf8)
    static let text = Array("2026-04-29 01:30:00 GET /wp-admin 200 — truy cập bất thường\n".utf8)
    static let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0]
    static let pcap: [UInt8] = [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0]

    private func decide(_ name: String, _ declared: String?, _ bytes: [UInt8]) -> String {
        let (type, disposition) = EvidencePolicy.safeContentType(forFilename: name, declared: declared, sniffed: bytes)
        return "\(type) \(disposition.rawValue)"
    }

    @Test func realImagesAndPDFsAreInline() {
        #expect(decide("anh-chup.png", "image/png", Self.png) == "image/png inline")
        #expect(decide("ANH.JPG", "image/jpeg", Self.jpeg) == "image/jpeg inline")
        #expect(decide("a.gif", nil, Self.gif) == "image/gif inline")
        #expect(decide("a.webp", "image/webp", Self.webp) == "image/webp inline")
        #expect(decide("bao-cao.pdf", "application/pdf", Self.pdf) == "application/pdf inline")
        // The served type is the content's: a PNG named .jpg is served as PNG.
        #expect(decide("mislabelled.jpg", "image/jpeg", Self.png) == "image/png inline")
        // No extension: the declared type decides the family, the bytes the type.
        #expect(decide("screenshot", "image/png", Self.png) == "image/png inline")
        #expect(decide("screenshot", nil, Self.png) == "image/png inline")
        #expect(decide("scan", nil, Self.pdf) == "application/pdf inline")
        // A declared active type does not matter when the name and content agree.
        #expect(decide("a.png", "text/html", Self.png) == "image/png inline")
        // Sniffing reads a Data too.
        let (type, disposition) = EvidencePolicy.safeContentType(forFilename: "a.png", declared: nil,
                                                                 sniffed: Data(Self.png))
        #expect(type == "image/png" && disposition == .inline)
    }

    @Test func activeAndExecutableTypesAreNeverServed() {
        let octet = "application/octet-stream attachment"
        #expect(decide("trang.html", "text/html", Self.html) == octet)
        #expect(decide("trang.htm", "text/html", Self.html) == octet)
        #expect(decide("a.xhtml", "application/xhtml+xml", Self.html) == octet)
        #expect(decide("logo.svg", "image/svg+xml", Self.svg) == octet)
        #expect(decide("x.js", "application/javascript", Array("alert(1)".utf8)) == octet)
        #expect(decide("x.mjs", "text/javascript", Array("alert(1)".utf8)) == octet)
        #expect(decide("x.xml", "application/xml", Array("<?xml version=\"1.0\"?><a/>".utf8)) == octet)
        #expect(decide("setup.exe", "application/x-msdownload", Self.exe) == octet)
        #expect(decide("run.sh", "application/x-sh", Array("#!/bin/sh\nrm -rf /\n".utf8)) == octet)
        #expect(decide("a.jar", "application/java-archive", Self.zip) == octet)
        #expect(decide("a.elf", "application/x-executable", Self.elf) == octet)
        // An .exe renamed .png: the MZ header is not a PNG.
        #expect(decide("anh.png", "image/png", Self.exe) == octet)
        // A PNG renamed .html or .svg is not shown either.
        #expect(decide("x.html", "image/png", Self.png) == octet)
        #expect(decide("x.svg", nil, Self.png) == octet)
        // SVG declared as an image, without an extension.
        #expect(decide("logo", "image/svg+xml", Self.svg) == octet)
        // HTML claiming to be an image or a PDF.
        #expect(decide("a.png", "image/png", Self.html) == octet)
        #expect(decide("a.pdf", "application/pdf", Self.html) == octet)
        // A PDF named .png.
        #expect(decide("a.png", nil, Self.pdf) == octet)
        // Nothing sniffed.
        #expect(decide("a.png", "image/png", []) == octet)
        #expect(decide("noext", nil, Self.exe) == octet)
        // Executables disguised as text.
        #expect(decide("note.txt", "text/plain", Self.exe) == octet)
        #expect(decide("note.txt", "text/plain", Array("#!/usr/bin/env python\n".utf8)) == octet)
    }

    @Test func textIsAnAttachmentInUTF8() {
        let text = "text/plain; charset=utf-8 attachment"
        #expect(decide("access.log", "text/plain", Self.text) == text)
        #expect(decide("iocs.csv", "text/csv", Self.text) == text)
        #expect(decide("note.TXT", nil, Self.text) == text)
        #expect(decide("readme", "text/plain", Self.text) == text)
        // HTML inside a .txt is served as text, as an attachment.
        #expect(decide("page.txt", nil, Self.html) == text)
        // A multi-byte character cut by the sniffing window is fine; binary or invalid UTF-8 is not text.
        #expect(decide("a.log", nil, Array("truy cập".utf8).dropLast()) == text)
        let vietnamese = Array("ệ".utf8), emoji = Array("🔒".utf8)
        #expect(decide("a.log", nil, [0x61] + vietnamese.prefix(1)) == text)
        #expect(decide("a.log", nil, [0x61] + vietnamese.prefix(2)) == text)
        #expect(decide("a.log", nil, [0x61] + emoji.prefix(3)) == text)
        #expect(decide("a.log", nil, [0x61, 0x80]) == "application/octet-stream attachment")
        #expect(decide("a.log", nil, [0x61, 0x1B, 0x5B]) == "application/octet-stream attachment")
        #expect(decide("a.log", nil, [0x61, 0x00, 0x62]) == "application/octet-stream attachment")
        #expect(decide("a.log", nil, [0x61, 0xC3, 0x28, 0x62]) == "application/octet-stream attachment")
        #expect(decide("readme", "text/html", Self.text) == "application/octet-stream attachment")
        #expect(decide("readme", nil, Self.text) == "application/octet-stream attachment")
    }

    @Test func archivesAndCaptures() {
        #expect(decide("mau-ma-doc.zip", "application/zip", Self.zip) == "application/zip attachment")
        #expect(decide("logs.tgz", nil, [0x1F, 0x8B, 8, 0]) == "application/gzip attachment")
        #expect(decide("a.7z", nil, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) == "application/x-7z-compressed attachment")
        #expect(decide("a.rar", nil, Array("Rar!".utf8) + [0x1A, 0x07, 0]) == "application/vnd.rar attachment")
        #expect(decide("cap.pcap", nil, Self.pcap) == "application/vnd.tcpdump.pcap attachment")
        #expect(decide("cap.pcapng", nil, [0x0A, 0x0D, 0x0D, 0x0A]) == "application/vnd.tcpdump.pcap attachment")
        // Office documents are ZIP inside but are not served as such.
        #expect(decide("bao-cao.docx", nil, Self.zip) == "application/octet-stream attachment")
        #expect(decide("a.zip", nil, Self.exe) == "application/octet-stream attachment")
    }

    @Test func onlyAllowListedTypesComeOut() {
        let allowed: Set<String> = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf",
                                    "application/zip", "application/gzip", "application/x-7z-compressed",
                                    "application/vnd.rar", "application/vnd.tcpdump.pcap", "text/plain; charset=utf-8",
                                    "application/octet-stream"]
        let names = ["a.png", "a.html", "a.svg", "a", "a.txt", "a.pdf", "a.zip", "a.exe", "a.js", ".png", "a.png.exe",
                     "a.exe.png"]
        let declared: [String?] = [nil, "text/html", "image/svg+xml", "image/png", "text/plain", "application/javascript"]
        let contents = [Self.png, Self.jpeg, Self.pdf, Self.exe, Self.html, Self.svg, Self.text, Self.zip, []]
        for name in names {
            for type in declared {
                for bytes in contents {
                    let (contentType, disposition) = EvidencePolicy.safeContentType(forFilename: name, declared: type,
                                                                                    sniffed: bytes)
                    #expect(allowed.contains(contentType))
                    if disposition == .inline {
                        #expect(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]
                            .contains(contentType))
                    }
                }
            }
        }
    }

    @Test func filenames() {
        let s = EvidencePolicy.sanitizedFilename
        #expect(s("Ảnh chụp màn hình.png") == "Ảnh chụp màn hình.png")
        #expect(s("Ba\u{0301}o ca\u{0301}o.pdf") == "Báo cáo.pdf")
        #expect(s("C:\\Users\\an\\Desktop\\nhật ký.log") == "nhật ký.log")
        #expect(s("../../etc/passwd") == "passwd")
        #expect(s("/var/log/") == "log")
        #expect(s("a\u{0000}b\u{0007}c\r\n.txt") == "abc.txt")
        #expect(s("\"quoted\" 'name' `x`.txt") == "quoted name x.txt")
        #expect(s("a<b>c:d*e?f|g;h.png") == "abcdefgh.png")
        #expect(s("invoice\u{202E}gnp.exe") == "invoicegnp.exe")
        #expect(s("zero\u{200B}width.txt") == "zerowidth.txt")
        #expect(s("  many    spaces\tand\ttabs  .txt  ") == "many spaces and tabs .txt")
        #expect(s(".htaccess") == "htaccess")
        #expect(s("name.") == "name")
        for empty in ["", "   ", "...", "/", "\u{202E}", "\"\"", "../.."] {
            #expect(s(empty) == "evidence.bin", "\(empty)")
        }
        let long = String(repeating: "ệ", count: 300) + ".pcapng"
        let cut = s(long)
        #expect(cut.count == 200)
        #expect(cut.hasSuffix(".pcapng") && cut.hasPrefix("ệệệ"))
        let noExtension = String(repeating: "a", count: 250)
        #expect(s(noExtension) == String(repeating: "a", count: 200))
        let longExtension = "a." + String(repeating: "b", count: 250)
        #expect(s(longExtension).count == 200)
        #expect(s(s(long)) == s(long))
    }

    @Test func contentDisposition() {
        #expect(EvidencePolicy.contentDisposition(.attachment, filename: "Nhật ký đăng nhập.log")
            == "attachment; filename=\"Nhat ky dang nhap.log\"; "
            + "filename*=UTF-8''Nh%E1%BA%ADt%20k%C3%BD%20%C4%91%C4%83ng%20nh%E1%BA%ADp.log")
        #expect(EvidencePolicy.contentDisposition(.inline, filename: "a\"b.png")
            == "inline; filename=\"ab.png\"; filename*=UTF-8''ab.png")
        #expect(EvidencePolicy.contentDisposition(.attachment, filename: "100%.txt")
            == "attachment; filename=\"100_.txt\"; filename*=UTF-8''100%25.txt")
        #expect(EvidencePolicy.contentDisposition(.attachment, filename: "线索.txt").hasPrefix("attachment; filename=\"__.txt\""))
    }

    @Test func sizes() throws {
        let policy = EvidencePolicy()
        #expect(policy.maxBytes == 20 * 1024 * 1024)
        try policy.validate(size: 1)
        try policy.validate(size: 20 * 1024 * 1024)
        #expect(throws: IncidentValidationError.self) { try policy.validate(size: 20 * 1024 * 1024 + 1) }
        do {
            try policy.validate(size: 25 * 1024 * 1024)
            Issue.record("should throw")
        } catch {
            #expect(error.problems.map(\.field) == ["size"])
            #expect(error.vietnamese == "Tệp chứng cứ có dung lượng 25 MiB; tối đa 20 MiB.")
            #expect(error.english == "The evidence file is 25 MiB; at most 20 MiB is allowed.")
        }
        #expect(throws: IncidentValidationError(field: "size", vietnamese: "Tệp chứng cứ trống.",
                                                english: "The evidence file is empty.")) {
            try policy.validate(size: 0)
        }
        let small = EvidencePolicy(maxBytes: 1536)
        #expect(throws: IncidentValidationError.self) { try small.validate(size: 1537) }
        #expect(EvidencePolicy.sizeText(1536) == "1.5 KiB")
        #expect(EvidencePolicy.sizeText(300) == "300 B")
        #expect(EvidencePolicy(maxBytes: 0).maxBytes == 1)
        #expect(EvidencePolicy.hardeningHeaders.contains { $0.name == "X-Content-Type-Options" && $0.value == "nosniff" })
    }
}
