// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "truc-attt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "truc", targets: ["truc"]),
        .executable(name: "truc-bench", targets: ["truc-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.17.0"),
    ],
    targets: [
        .target(
            name: "TrucCore",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "TrucNet",
            dependencies: [
                "TrucCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Loopback SMTP, DNS, HTTP and TCP servers and the certificate maker: for the tests and `truc-bench` only,
        // never linked into the shipped `truc`.
        .target(
            name: "TrucTestSupport",
            dependencies: [
                "TrucCore",
                "TrucNet",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "TrucApp",
            dependencies: [
                "TrucCore",
                "TrucNet",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .executableTarget(
            name: "truc",
            dependencies: ["TrucApp"]
        ),
        // The benchmarks (`truc-bench match|monitor|vcard`): the app plus the loopback targets of TrucTestSupport.
        .executableTarget(
            name: "truc-bench",
            dependencies: [
                "TrucApp",
                "TrucTestSupport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TrucCoreTests",
            dependencies: ["TrucCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "TrucNetTests",
            dependencies: [
                "TrucNet",
                "TrucTestSupport",
                "TrucCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "TrucAppTests",
            dependencies: [
                "TrucApp",
                "TrucCore",
                "TrucNet",
                "TrucTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            // `Fixtures` holds test data files (CSAF documents, hashes, OpenPGP key and signatures) that the tests
            // read by path next to their source (#filePath), byte for byte: excluded so that SwiftPM neither warns
            // about unhandled files nor copies them into a resource bundle.
            exclude: ["Snapshots/__Snapshots__", "Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
