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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "Parquet",
            dependencies: ["CZlib"]
        ),
        .target(name: "SluiceCore"),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "Parquet",
                "SluiceCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"]),
        .testTarget(name: "SluiceCoreTests", dependencies: ["SluiceCore"]),
    ]
)
