// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "truc-attt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "truc", targets: ["truc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.110.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "TrucCore",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "TrucApp",
            dependencies: [
                "TrucCore",
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
        .testTarget(
            name: "TrucCoreTests",
            dependencies: ["TrucCore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "TrucAppTests",
            dependencies: [
                "TrucApp",
                "TrucCore",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
