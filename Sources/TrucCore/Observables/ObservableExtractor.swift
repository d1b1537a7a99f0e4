import Foundation

/// Finds the observables (indicators of compromise) in free text such as an incident report, an e-mail from a
/// CERT or a pasted log, in Vietnamese or English.
///
/// The text is first re-fanged (`refang(_:)`: "hxxps://evil[.]example" becomes "https://evil.example"), then
/// scanned once for each kind, in this order, each finding claiming its characters so that later kinds do not
/// report a part of it again:
/// 1. URLs with the scheme http, https or ftp, ending at whitespace or at a character that is not allowed in URLs
///    (at most `ObservableScanner.maxURLLength`, 8192, characters);
///    trailing punctuation `) , . ; : ' " ! ? ] } >` is dropped unless a bracket closes one opened in the URL.
///    Hosts, addresses and hashes inside a URL are not reported separately.
/// 2. E-mail addresses (dot-atom local part, a domain name as in 4).
/// 3. CVE identifiers, in any case ("cve-2021-44228" → "CVE-2021-44228").
/// 4. IPv6 addresses (with at least one decimal digit, "::" alone excluded), IPv4 addresses (four numbers 0–255
///    without leading zeros, not inside a longer dotted run such as "1.2.3.4.5"), and domain names: at least two
///    labels of letters, digits and hyphens, a top-level label of two or more letters (or punycode) that is not a
///    file extension in `ignoredTopLevelLabels` ("bao-cao.pdf", "setup.exe", "index.html").
/// 5. MD5, SHA-1 and SHA-256 hashes: runs of exactly 32, 40 or 64 hexadecimal digits with both digits and letters,
///    not touching other letters or digits.
///
/// A candidate touching a letter outside ASCII ("TT.Huế") is part of a word and not reported. Dates, times,
/// decimals and version numbers ("24.11.2026", "10.30", "3,14", "1.2.3") are not addresses. The scan is linear in
/// the length of the text.
public enum ObservableExtractor {
    /// Top-level labels that end file names far more often than domain names in incident reports, so that a word
    /// with one of these after its last dot is not taken for a domain name ("bao-cao.pdf", "setup.exe"), plus "hcm"
    /// for the Vietnamese abbreviation "TP.HCM". Some are real top-level domains (.zip, .mov, .sh, .md): such
    /// domains are still found inside URLs and e-mail addresses, and can be entered by hand.
    public static let ignoredTopLevelLabels: Set<String> = [
        // documents
        "pdf", "doc", "docx", "docm", "dot", "xls", "xlsx", "xlsm", "ppt", "pptx", "pptm", "odt", "ods", "odp",
        "rtf", "txt", "csv", "tsv", "md", "rst", "tex", "eml", "msg", "pst", "ost", "one", "vsd", "vsdx",
        // executables and scripts
        "exe", "dll", "sys", "drv", "ocx", "cpl", "scr", "msi", "msp", "bat", "cmd", "psm", "vbs",
        "vbe", "js", "jse", "wsf", "wsh", "hta", "lnk", "jar", "class", "apk", "ipa", "dmg", "pkg", "deb", "rpm",
        "elf", "bin", "sh", "bash", "py", "pyc", "rb", "php", "phtml", "asp", "aspx", "ashx", "asmx",
        "jsp", "jspx", "cgi", "war", "ear", "so", "dylib", "ko",
        // archives and images
        "zip", "rar", "tar", "gz", "tgz", "xz", "cab", "iso", "img", "vhd", "vhdx", "vmdk", "ova",
        // media
        "png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "ico", "tif", "tiff", "heic", "mov", "avi",
        "mkv", "wmv", "wav", "flac", "ogg", "webm",
        // web and configuration
        "html", "htm", "xhtml", "shtml", "css", "scss", "json", "xml", "yml", "yaml", "toml", "ini", "cfg", "conf",
        "config", "properties", "env", "log", "bak", "old", "tmp", "temp", "swp", "dat", "db", "sqlite", "sql",
        "mdb", "accdb", "pem", "crt", "cer", "der", "key", "pfx", "csr", "ovpn", "reg", "inf",
        // source code
        "swift", "java", "kt", "go", "cs", "cpp", "hpp", "hh", "ts", "tsx", "jsx", "vue", "lua",
        "gradle", "plist", "xib", "storyboard",
        // Vietnamese abbreviations written with a dot ("TP.HCM")
        "hcm",
    ]

    /// The observables found in `text`, each once (in normal form), in the order of their first appearance.
    public static func extract(from text: String) -> [Observable] {
        var scanner = ObservableScanner(text: refang(text))
        return scanner.scan()
    }
}
