// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "banche",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "banche", targets: ["banche"]),
        .library(name: "BancheCore", targets: ["BancheCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "BancheCore"),
        .target(name: "BancheIO", dependencies: ["BancheCore"]),
        .target(name: "BancheStore", dependencies: [
            "BancheCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The province's shared PostgreSQL store (docs/province.md).
        .target(name: "BancheStorePG", dependencies: [
            "BancheCore", "BancheStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .executableTarget(name: "banche", dependencies: [
            "BancheCore", "BancheIO", "BancheStore", "BancheStorePG",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "BancheCoreTests", dependencies: ["BancheCore"]),
        .testTarget(name: "BancheIOTests", dependencies: ["BancheCore", "BancheIO"]),
        // A throwaway PostgreSQL cluster for the tests (scripts/pg-cluster.sh); test code only.
        .target(name: "PGTestCluster", path: "Tests/PGTestCluster"),
        .testTarget(name: "BancheStoreTests", dependencies: ["BancheCore", "BancheIO", "BancheStore", "BancheStorePG", "PGTestCluster"]),
        .testTarget(name: "BancheCLITests", dependencies: [
            "BancheCore", "BancheIO", "BancheStore", "PGTestCluster",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)
