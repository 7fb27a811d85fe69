// swift-tools-version:6.0
// The replication harness: no third-party dependencies, toolchain only.
import PackageDescription

let package = Package(
    name: "EconReplication",
    products: [
        .library(name: "Numerics", targets: ["Numerics"]),
        .library(name: "Harness", targets: ["Harness"]),
        .executable(name: "replicate", targets: ["replicate"]),
        .executable(name: "bench", targets: ["bench"]),
    ],
    targets: [
        .target(name: "Numerics"),
        .target(name: "Harness", dependencies: ["Numerics"]),
        .target(name: "StorableGoods", dependencies: ["Numerics"]),
        .executableTarget(name: "replicate", dependencies: ["Harness", "Numerics", "StorableGoods"]),
        .executableTarget(name: "bench", dependencies: ["Numerics"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Numerics"]),
        .testTarget(name: "StorableGoodsTests", dependencies: ["StorableGoods", "Numerics"]),
    ]
)
