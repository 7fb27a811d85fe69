// swift-tools-version:6.0
// The replication harness: no third-party dependencies, toolchain only.
import PackageDescription

// Test code is compiled without optimisation even in the release build that
// `make test` uses: it is thin (the solvers it calls are optimised), and this
// saves about 30 s of the one build on 2 cores.
let testCode: [SwiftSetting] = [.unsafeFlags(["-Onone"])]

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
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"], swiftSettings: testCode),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Numerics"], swiftSettings: testCode),
        .testTarget(name: "StorableGoodsTests", dependencies: ["StorableGoodsSolvers", "StorableGoods", "Numerics", "Harness"], swiftSettings: testCode),
        .testTarget(name: "SegmentationTests", dependencies: ["SegmentationSolvers", "Segmentation", "Numerics", "Harness"], swiftSettings: testCode),
        .testTarget(name: "CompetitiveInformationDesignTests", dependencies: ["CompetitiveInformationDesignSolvers", "CompetitiveInformationDesign", "Numerics", "Harness"], swiftSettings: testCode),
        .testTarget(name: "ClassPricingTests", dependencies: ["ClassPricingSolvers", "ClassPricing", "Numerics", "Harness"], swiftSettings: testCode),
        .testTarget(name: "CompetitiveScreeningTests", dependencies: ["CompetitiveScreeningSolvers", "CompetitiveScreening", "Numerics", "Harness"], swiftSettings: testCode),
        .testTarget(name: "PlotTests", dependencies: ["Plot"], swiftSettings: testCode),
        .testTarget(name: "PapersTests", dependencies: ["Papers", "Harness", "StorableGoodsSolvers", "SegmentationSolvers", "CompetitiveInformationDesignSolvers", "ClassPricingSolvers", "CompetitiveScreeningSolvers"], swiftSettings: testCode),
    ]
)
