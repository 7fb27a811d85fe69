// The parameters several kinds share (an environment, a selection rule, a
// market), and the mapping of the model's input errors to their key paths.

import Harness
import Numerics
import Segmentation

/// The selection rule among optimal mechanisms.
struct SelectionParameter: SolverParameters {
    @Parameter("selection", doc: "selection rule among optimal mechanisms (welfare-first reproduces the paper's tie-breaks)",
               default: SelectionRule.standard, convention: "which optimal mechanism the seller uses when several are optimal")
    var rule: SelectionRule
}

/// An environment given by its valuation matrix, with the selection rule.
struct EnvironmentParameters: SolverParameters {
    @Parameter("valuations", doc: "v(t, a): one row per type, one column per alternative (the outside option, worth 0, is implicit); may be negative",
               minimumCount: 1)
    var valuations: [[Rational]]
    @Parameter("costs", doc: "c(a) per alternative (empty: all 0); net valuations are v − c, prices are reported gross", default: [])
    var costs: [Rational]
    @Parameter("type_names", doc: "labels of the types (empty: t1, t2, ...)", default: [])
    var typeNames: [String]
    @Parameter("alternative_names", doc: "labels of the alternatives (empty: a1, a2, ...)", default: [])
    var alternativeNames: [String]
    var selection = SelectionParameter()

    /// The environment, with its errors named at the spec keys.
    func environment() throws -> Environment {
        try reportingModelErrors(SegmentationError.self, as: inputError) {
            try Environment(valuations: valuations, costs: costs.isEmpty ? nil : costs,
                            typeNames: typeNames.isEmpty ? nil : typeNames,
                            alternativeNames: alternativeNames.isEmpty ? nil : alternativeNames)
        }
    }

    /// The environment, which must have two types (`valuations` two rows).
    func twoTypeEnvironment() throws -> Environment {
        let env = try environment()
        if env.typeCount != 2 {
            throw SolverInputError($valuations, expected: "two rows (a two-type environment)", found: "\(env.typeCount)")
        }
        return env
    }

    /// The key path of an environment error.
    func inputError(_ e: SegmentationError) -> SolverInputError {
        switch e {
        case let .raggedValuations(type, alternatives, expected):
            return SolverInputError($valuations[type], expected: "a rectangular matrix: \(expected) valuations like the first row (ragged)", found: "\(alternatives)")
        case let .tiedEfficientAlternatives(type, _, _):
            return SolverInputError($valuations[type], expected: "a unique efficient alternative per type", found: e.description)
        case .costCountMismatch:
            return SolverInputError($costs, expected: "one cost per alternative (or none)", found: e.description)
        case .typeNameCountMismatch:
            return SolverInputError($typeNames, expected: "one name per type (or none)", found: e.description)
        case .alternativeNameCountMismatch:
            return SolverInputError($alternativeNames, expected: "one name per alternative (or none)", found: e.description)
        default:
            return SolverInputError($valuations, expected: "a valid environment", found: e.description)
        }
    }
}

/// A market of the environment.
struct MarketParameter: SolverParameters {
    @Parameter("market", doc: "type weights (normalised to a distribution)", domain: .nonNegative, minimumCount: 1)
    var weights: [Rational]

    /// The market, checked against `env`, with its errors named at the key.
    func market(in env: Environment) throws -> Market {
        try reportingModelErrors(SegmentationError.self, as: inputError) {
            let m = try Market(weights)
            try env.validate(m)
            return m
        }
    }

    /// The key path of a market error.
    func inputError(_ e: SegmentationError) -> SolverInputError {
        switch e {
        case let .negativeWeight(type, weight):
            return SolverInputError($weights[type], expected: "a weight ≥ 0", found: weight.description)
        case .zeroMarket:
            return SolverInputError($weights, expected: "at least one positive weight", found: "all weights 0")
        case let .marketSizeMismatch(weights, types):
            return SolverInputError($weights, expected: "one weight per type (\(types))", found: "\(weights)")
        default:
            return SolverInputError($weights, expected: "a market", found: e.description)
        }
    }
}

