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
        .target(name: "StorableGoods", dependencies: ["Numerics"]),
        .target(name: "Segmentation", dependencies: ["Numerics"]),
        .target(name: "CompetitiveInformationDesign", dependencies: ["Numerics"]),
        .target(name: "ClassPricing", dependencies: ["Numerics"]),
        .target(name: "CompetitiveScreening", dependencies: ["Numerics"]),
        .target(name: "Plot"),
        // Each model module's solver declarations: spec parameters and rows, model errors mapped to key paths.
        .target(name: "StorableGoodsSolvers", dependencies: ["StorableGoods", "Harness", "Numerics"]),
        .target(name: "SegmentationSolvers", dependencies: ["Segmentation", "Harness", "Numerics"]),
        .target(name: "CompetitiveInformationDesignSolvers", dependencies: ["CompetitiveInformationDesign", "Harness", "Numerics"]),
        .target(name: "ClassPricingSolvers", dependencies: ["ClassPricing", "Harness", "Numerics"]),
        .target(name: "CompetitiveScreeningSolvers", dependencies: ["CompetitiveScreening", "Harness", "Numerics"]),
        // The composition root: every model module's solver kinds.
        .target(name: "Papers", dependencies: ["Harness", "StorableGoodsSolvers", "SegmentationSolvers", "CompetitiveInformationDesignSolvers", "ClassPricingSolvers", "CompetitiveScreeningSolvers"]),
        .executableTarget(name: "replicate", dependencies: ["Harness", "Papers"]),
        .executableTarget(name: "bench", dependencies: ["Numerics", "Harness", "Papers", "StorableGoods", "Segmentation", "CompetitiveInformationDesign", "ClassPricing", "CompetitiveScreening"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Numerics"]),
        .testTarget(name: "StorableGoodsTests", dependencies: ["StorableGoodsSolvers", "StorableGoods", "Numerics", "Harness"]),
        .testTarget(name: "SegmentationTests", dependencies: ["SegmentationSolvers", "Segmentation", "Numerics", "Harness"]),
        .testTarget(name: "CompetitiveInformationDesignTests", dependencies: ["CompetitiveInformationDesignSolvers", "CompetitiveInformationDesign", "Numerics", "Harness"]),
        .testTarget(name: "ClassPricingTests", dependencies: ["ClassPricingSolvers", "ClassPricing", "Numerics", "Harness"]),
        .testTarget(name: "CompetitiveScreeningTests", dependencies: ["CompetitiveScreeningSolvers", "CompetitiveScreening", "Numerics", "Harness"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "PapersTests", dependencies: ["Papers", "Harness", "StorableGoodsSolvers", "SegmentationSolvers", "CompetitiveInformationDesignSolvers", "ClassPricingSolvers", "CompetitiveScreeningSolvers"]),
    ]
)
