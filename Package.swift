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
        .target(name: "Harness", dependencies: ["Numerics", "Plot"]),
        .target(name: "StorableGoods", dependencies: ["Numerics", "Harness"]),
        .target(name: "Segmentation", dependencies: ["Numerics", "Harness"]),
        .target(name: "CompetitiveInformationDesign", dependencies: ["Numerics", "Harness"]),
        .target(name: "ClassPricing", dependencies: ["Numerics", "Harness"]),
        .target(name: "CompetitiveScreening", dependencies: ["Numerics", "Harness"]),
        .target(name: "Plot"),
        // The composition root: every model module's solver kinds.
        .target(name: "Papers", dependencies: ["Harness", "StorableGoods", "Segmentation", "CompetitiveInformationDesign", "ClassPricing", "CompetitiveScreening"]),
        .executableTarget(name: "replicate", dependencies: ["Harness", "Papers"]),
        .executableTarget(name: "bench", dependencies: ["Numerics", "Harness", "Papers", "StorableGoods", "Segmentation", "CompetitiveInformationDesign", "ClassPricing", "CompetitiveScreening"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Numerics"]),
        .testTarget(name: "StorableGoodsTests", dependencies: ["StorableGoods", "Numerics", "Harness"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "Numerics", "Harness"]),
        .testTarget(name: "CompetitiveInformationDesignTests", dependencies: ["CompetitiveInformationDesign", "Numerics", "Harness"]),
        .testTarget(name: "ClassPricingTests", dependencies: ["ClassPricing", "Numerics"]),
        .testTarget(name: "CompetitiveScreeningTests", dependencies: ["CompetitiveScreening", "Numerics", "Harness"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
    ]
)
