// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "banche",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "banche", targets: ["banche"]),
        .library(name: "BancheCore", targets: ["BancheCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // The planner is built optimised in debug builds too (`-O`, with testing enabled as
        // SwiftPM does): the tests plan real seasons, which unoptimised code runs ten times slower.
        .target(name: "BancheCore", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "BancheIO", dependencies: [
            "BancheCore",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "BancheHTML", dependencies: [
            "BancheCore", "BancheIO",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "BancheStore", dependencies: [
            "BancheCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The province's shared PostgreSQL store (docs/province.md).
        .target(name: "BancheStorePG", dependencies: [
            "BancheCore", "BancheStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .target(name: "BancheServer", dependencies: [
            "BancheCore", "BancheIO", "BancheStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        .executableTarget(name: "banche", dependencies: [
            "BancheCore", "BancheIO", "BancheStore", "BancheStorePG", "BancheHTML", "BancheServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BancheCoreTests", dependencies: ["BancheCore"]),
        .testTarget(name: "BancheHTMLTests", dependencies: ["BancheCore", "BancheIO", "BancheHTML"]),
        // A test-only .xlsx writer (real ZIP archives) for the spreadsheet reader's tests.
        .target(name: "XLSXTestSupport", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], path: "Tests/XLSXTestSupport"),
        .testTarget(name: "BancheIOTests", dependencies: [
            "BancheCore", "BancheIO", "XLSXTestSupport",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // A throwaway PostgreSQL cluster for the tests (scripts/pg-cluster.sh); test code only.
        .target(name: "PGTestCluster", path: "Tests/PGTestCluster"),
        .testTarget(name: "BancheStoreTests", dependencies: ["BancheCore", "BancheIO", "BancheStore", "BancheStorePG", "PGTestCluster"]),
        .testTarget(name: "BancheServerTests", dependencies: [
            "BancheCore", "BancheIO", "BancheStore", "BancheServer", "BancheStorePG", "PGTestCluster",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "BancheCLITests", dependencies: [
            "BancheCore", "BancheIO", "BancheStore", "XLSXTestSupport", "PGTestCluster",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
