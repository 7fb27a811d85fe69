// swift-tools-version:6.0
// The replication harness: no third-party dependencies, toolchain only.
import PackageDescription

let package = Package(
    name: "EconReplication",
    products: [
        .library(name: "Numerics", targets: ["Numerics"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    targets: [
        .target(name: "Numerics"),
        .executableTarget(name: "bench", dependencies: ["Numerics"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
    ]
)
