// swift-tools-version:6.0
// The replication harness: no third-party dependencies, toolchain only.
import PackageDescription

// Code that only declares and connects is compiled without optimisation even
// in the release build all `make` targets share: the test targets and the
// solver layers (typed declarations, error mapping, row assembly) are thin,
// and the kernels and models they call are optimised. Measured on 2 cores:
// the build takes about 70 s less, `replicate --check` is no slower.
let declarativeCode: [SwiftSetting] = [.unsafeFlags(["-Onone"])]

let package = Package(
    name: "EconReplication",
    products: [
        .library(name: "Numerics", targets: ["Numerics"]),
        .library(name: "Harness", targets: ["Harness"]),
        .executable(name: "replicate", targets: ["replicate"]),
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "fuzz", targets: ["fuzz"]),
    ],
    targets: [
        .target(name: "Numerics"),
        // Distributions on [0, θ̄] and their text form, shared by the models (ho-2026's valuations, wernerfelt-2008's demand).
        .target(name: "Distributions", dependencies: ["Numerics"]),
        .target(name: "Harness", dependencies: ["Numerics", "Plot"]),
        .target(name: "StorableGoods", dependencies: ["Numerics"]),
        .target(name: "Segmentation", dependencies: ["Numerics"]),
        .target(name: "CompetitiveInformationDesign", dependencies: ["Numerics"]),
        .target(name: "ClassPricing", dependencies: ["Distributions", "Numerics"]),
        .target(name: "CompetitiveScreening", dependencies: ["Distributions", "Numerics"]),
        .target(name: "Plot"),
        // Each model module's solver declarations: spec parameters and rows, model errors mapped to key paths.
        .target(name: "StorableGoodsSolvers", dependencies: ["StorableGoods", "Harness", "Numerics"], swiftSettings: declarativeCode),
        .target(name: "SegmentationSolvers", dependencies: ["Segmentation", "Harness", "Numerics"], swiftSettings: declarativeCode),
        .target(name: "CompetitiveInformationDesignSolvers", dependencies: ["CompetitiveInformationDesign", "Harness", "Numerics"], swiftSettings: declarativeCode),
        .target(name: "ClassPricingSolvers", dependencies: ["ClassPricing", "Distributions", "Harness", "Numerics"], swiftSettings: declarativeCode),
        .target(name: "CompetitiveScreeningSolvers", dependencies: ["CompetitiveScreening", "Distributions", "Harness", "Numerics"], swiftSettings: declarativeCode),
        // The composition root: every model module's solver kinds.
        .target(name: "Papers", dependencies: ["Harness", "StorableGoodsSolvers", "SegmentationSolvers", "CompetitiveInformationDesignSolvers", "ClassPricingSolvers", "CompetitiveScreeningSolvers"], swiftSettings: declarativeCode),
        .executableTarget(name: "replicate", dependencies: ["Harness", "Papers"]),
        .executableTarget(name: "bench", dependencies: ["Numerics", "Harness", "Papers", "StorableGoods", "Segmentation", "CompetitiveInformationDesign", "ClassPricing", "CompetitiveScreening", "Distributions"]),
        // The spec and golden fuzzer: runs a built `replicate` on seeded mutations (`make fuzz`).
        .target(name: "Fuzzing", dependencies: ["Harness", "Numerics"]),
        .executableTarget(name: "fuzz", dependencies: ["Fuzzing"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"], swiftSettings: declarativeCode),
        .testTarget(name: "DistributionsTests", dependencies: ["Distributions", "Numerics"], swiftSettings: declarativeCode),
        .testTarget(name: "HarnessTests", dependencies: ["Harness", "Numerics"], swiftSettings: declarativeCode),
        .testTarget(name: "StorableGoodsTests", dependencies: ["StorableGoodsSolvers", "StorableGoods", "Numerics", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "SegmentationTests", dependencies: ["SegmentationSolvers", "Segmentation", "Numerics", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "CompetitiveInformationDesignTests", dependencies: ["CompetitiveInformationDesignSolvers", "CompetitiveInformationDesign", "Numerics", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "ClassPricingTests", dependencies: ["ClassPricingSolvers", "ClassPricing", "Distributions", "Numerics", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "CompetitiveScreeningTests", dependencies: ["CompetitiveScreeningSolvers", "CompetitiveScreening", "Distributions", "Numerics", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "Harness"], swiftSettings: declarativeCode),
        .testTarget(name: "PlotTests", dependencies: ["Plot"], swiftSettings: declarativeCode),
        .testTarget(name: "PapersTests", dependencies: ["Papers", "Harness", "StorableGoodsSolvers", "SegmentationSolvers", "CompetitiveInformationDesignSolvers", "ClassPricingSolvers", "CompetitiveScreeningSolvers"], swiftSettings: declarativeCode),
    ]
)
