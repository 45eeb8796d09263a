// swift-tools-version:6.1
import PackageDescription

// Layers follow ../shared/DESIGN.md: a target may import only the ones below it.
let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "SluiceCore", targets: ["SluiceCore"]),
        .library(name: "SluiceLake", targets: ["SluiceLake"]),
        .library(name: "SluiceGovernance", targets: ["SluiceGovernance"]),
        .library(name: "SluiceCatalog", targets: ["SluiceCatalog"]),
        .library(name: "SluiceSQLite", targets: ["SluiceSQLite"]),
        .library(name: "SluiceSearch", targets: ["SluiceSearch"]),
        .library(name: "SluiceEval", targets: ["SluiceEval"]),
        .library(name: "SluiceProvision", targets: ["SluiceProvision"]),
        .library(name: "SluicePostgres", targets: ["SluicePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "Parquet",
            dependencies: ["CZlib"]
        ),
        .target(name: "SluiceCore"),
        .target(
            name: "SluiceLake",
            dependencies: [
                "Parquet",
                "SluiceCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "SluiceGovernance",
            dependencies: [
                "SluiceCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SluiceCatalog",
            dependencies: [
                "Parquet",
                "SluiceCore",
                "SluiceLake",
                "SluiceGovernance",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/demo-lake.yaml")]
        ),
        // The dot-product kernel, per instruction set with run-time dispatch (see its source).
        .target(name: "CVectorKernels"),
        .target(
            name: "SluiceSearch",
            dependencies: [
                "CVectorKernels",
                "SluiceCore",
                "SluiceCatalog",
                "SluiceGovernance",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "SluiceProvision",
            dependencies: [
                "SluiceCore",
                "SluiceLake",
                "SluiceCatalog",
                "SluiceGovernance",
                "SluiceSearch",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/mart-spec.schema.json")]
        ),
        .target(
            name: "SluiceSQLite",
            dependencies: [
                "SluiceCatalog",
                "SluiceGovernance",
                "SluiceSearch",
                "SluiceProvision",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The server backend; postgres-nio (and its TLS stack) stays out of every lower layer.
        .target(
            name: "SluicePostgres",
            dependencies: [
                "Parquet",
                "SluiceCore",
                "SluiceLake",
                "SluiceCatalog",
                "SluiceGovernance",
                "SluiceSearch",
                "SluiceProvision",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SluiceEval",
            dependencies: ["SluiceCore", "SluiceCatalog", "SluiceSearch", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "Parquet",
                "SluiceCore",
                "SluiceLake",
                "SluiceGovernance",
                "SluiceCatalog",
                "SluiceSQLite",
                "SluiceSearch",
                "SluiceEval",
                "SluiceProvision",
                "SluicePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Runs pyarrow and finds ../shared for the test targets; never shipped.
        .target(name: "SluiceTestSupport", path: "Tests/SluiceTestSupport"),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "SluiceTestSupport"]),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
        .testTarget(name: "SluiceLakeTests", dependencies: ["SluiceLake", "SluiceTestSupport"]),
        .testTarget(name: "SluiceGovernanceTests", dependencies: ["SluiceGovernance", "SluiceTestSupport"]),
        .testTarget(name: "SluiceCatalogTests", dependencies: ["SluiceCatalog", "SluiceLake", "SluiceTestSupport"]),
        .testTarget(name: "SluiceSQLiteTests", dependencies: ["SluiceSQLite", "SluiceCatalog", "SluiceSearch", "SluiceTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SluiceScanTests", dependencies: ["SluiceCatalog", "SluiceSQLite", "SluiceLake", "SluiceGovernance", "SluiceTestSupport"]),
        .testTarget(name: "SluiceSearchTests", dependencies: ["SluiceSearch", "SluiceCatalog", "SluiceLake", "SluiceSQLite", "SluiceGovernance", "SluiceEval", "SluiceTestSupport"]),
        .testTarget(name: "SluiceEvalTests", dependencies: ["SluiceEval", "SluiceSearch", "SluiceCatalog", "SluiceSQLite", "SluiceTestSupport"]),
        .testTarget(name: "SluiceProvisionTests", dependencies: ["SluiceProvision", "SluiceSQLite", "SluicePostgres", "SluicePostgresTestSupport", "SluiceSearch", "SluiceCatalog", "SluiceLake", "SluiceGovernance", "SluiceTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // Connects to the test server of `scripts/services.sh` and makes a database per test.
        .target(name: "SluicePostgresTestSupport", dependencies: ["SluicePostgres", "SluiceTestSupport"],
                path: "Tests/SluicePostgresTestSupport"),
        .testTarget(name: "SluicePostgresTests", dependencies: [
            "SluicePostgres", "SluicePostgresTestSupport", "SluiceSQLite", "SluiceProvision", "SluiceSearch", "SluiceCatalog",
            "SluiceLake", "SluiceGovernance", "SluiceTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "SluiceCLITests", dependencies: ["sluice", "SluiceLake", "SluiceTestSupport", "SluicePostgresTestSupport"]),
    ]
)
