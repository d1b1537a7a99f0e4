import Foundation

/// Runs Tests/stix/validate_stix.py, the OASIS STIX 2.1 validator (`pip install stix2-validator`), with python3.
enum PythonSTIXValidator {
    /// Tests/stix/validate_stix.py, found from this file's path.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("stix/validate_stix.py")

    /// Whether `python3 -c "import stix2validator"` succeeds.
    static var isAvailable: Bool {
        (try? run(["-c", "import stix2validator"]).status) == 0
    }

    /// Runs python3 (found on PATH) with `arguments`; returns its exit status and its output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
