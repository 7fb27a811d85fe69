// App A.3.3: bundling. Additive values for m products, every nonempty
// bundle an alternative; the optimal mechanism of a market given by
// (possibly unnormalised) weights, as footnote 32 prints them.

import Harness
import Numerics
import Segmentation

struct BundlingParameters: SolverParameters {
    @Parameter("product_values", doc: "v(t, {g}) > 0: one row per type, one column per product", domain: .positive, minimumCount: 1)
    var productValues: [[Rational]]
    @Parameter("weights", doc: "type weights as printed (normalised before solving; their sum is reported)", domain: .nonNegative, minimumCount: 1)
    var weights: [Rational]
    var selection = SelectionParameter()

    /// The bundling environment, with its errors named at the spec keys.
    func environment() throws -> BundlingEnvironment {
        try reportingModelErrors(SegmentationError.self, as: { e in
            switch e {
            case let .raggedProductValues(type, products, expected):
                return SolverInputError($productValues[type], expected: "a rectangular matrix: \(expected) product values like the first row (ragged)", found: "\(products)")
            case let .nonPositiveProductValue(type, product, value):
                return SolverInputError($productValues[type, product], expected: "a product value > 0", found: value.description)
            case let .tiedEfficientAlternatives(type, _, _):
                return SolverInputError($productValues[type], expected: "a unique efficient bundle per type", found: e.description)
            case let .tooManyProducts(count, limit):
                return SolverInputError($productValues[0], expected: "at most \(limit) products (2^m bundles)", found: "\(count) products")
            default:
                return SolverInputError($productValues, expected: "one row of product values per type", found: e.description)
            }
        }) {
            try BundlingEnvironment(productValues: productValues)
        }
    }

    /// The market of the printed weights, checked against `env`.
    func market(in env: Environment) throws -> Market {
        try reportingModelErrors(SegmentationError.self, as: { e in
            switch e {
            case let .negativeWeight(type, weight):
                return SolverInputError($weights[type], expected: "a weight ≥ 0", found: weight.description)
            case .zeroMarket:
                return SolverInputError($weights, expected: "at least one positive weight", found: "all weights 0")
            default:
                return SolverInputError($weights, expected: "one weight per type (\(env.typeCount))", found: e.description)
            }
        }) {
            let m = try Market(weights)
            try env.validate(m)
            return m
        }
    }
}

struct BundlingRow: SolverRow {
    var weightsSum: Rational
    var market: String
    var mechanism: MechanismColumns

    static let columns: [RowColumn<Self>] = [
        .init("weights_sum", \.weightsSum, doc: "the sum of the printed weights (1 for a distribution)"),
        .init("market", \.market, doc: "the normalised market"),
    ] + RowColumn.group(\.mechanism)
}

let bundlingKind = SolverKind(
    "segmentation.bundling",
    summary: "App A.3.3 bundling: additive values for m products, every bundle an alternative; the optimal mechanism of a market given by (possibly unnormalised) weights",
    parameters: BundlingParameters.self,
    validate: { p in _ = try p.market(in: try p.environment().environment) },
    run: { p, _ in
        let b = try p.environment()
        let m = try p.market(in: b.environment)
        return [BundlingRow(weightsSum: p.weights.reduce(.zero, +), market: m.description,
                            mechanism: try MechanismColumns(b.environment, m, p.selection.rule))]
    })
