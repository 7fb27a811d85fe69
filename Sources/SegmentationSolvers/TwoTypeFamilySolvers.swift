// Sec 3.1.1: the two-type market family q ∈ [0, 1] (q = weight of the
// second type): its exact pieces, its summary (also for the 2 × 2 example
// given by four scalar valuations, for sweeps), and one market of it.

import Harness
import Numerics
import Segmentation

// MARK: segmentation.two-type-family

struct TwoTypeFamilyRow: SolverRow {
    var qLower: Rational
    var qUpper: Rational
    var mechanism: String
    var csFirst: Rational
    var csSecond: Rational
    var marketClass: String
    var witness: String

    static let columns: [RowColumn<Self>] = [
        .init("q_lower", \.qLower, key: true, doc: "lower end of the piece"),
        .init("q_upper", \.qUpper, key: true, doc: "upper end (equal to q_lower for a single market)"),
        .init("mechanism", \.mechanism, doc: "selected optimal mechanism on the piece: each type's alternative and gross price (net payment = price − cost)"),
        .init("cs_first", \.csFirst, doc: "surplus of the first type"),
        .init("cs_second", \.csSecond, doc: "surplus of the second type"),
        .init("class", \.marketClass, doc: "efficient / inefficient-improvable / inefficient-not-improvable"),
        .init("witness", \.witness, doc: "a verified Pareto-improving segmentation of the piece's representative market"),
    ]
}

let twoTypeFamilyKind = SolverKind(
    "segmentation.two-type-family",
    summary: "exact pieces of the two-type market family q ∈ [0, 1] (q = weight of the second type): mechanism, surplus and classification of each piece",
    parameters: EnvironmentParameters.self,
    validate: { p in _ = try p.twoTypeEnvironment() },
    run: { p, _ in
        let c = try p.environment().classifyTwoTypeMarkets(selection: p.selection.rule)
        return c.pieces.map { cp in
            let w = cp.classification.twoSegmentWitness ?? cp.classification.threeSegmentWitness
            return TwoTypeFamilyRow(qLower: cp.piece.lower, qUpper: cp.piece.upper, mechanism: describeMechanism(cp.piece.mechanism),
                                    csFirst: cp.piece.consumerSurplus[0] ?? .zero, csSecond: cp.piece.consumerSurplus[1] ?? .zero,
                                    marketClass: cp.classification.marketClass.rawValue,
                                    witness: w.map { "q = \(cp.classification.q): " + describeSegmentation($0) } ?? "none")
        }
    })

// MARK: segmentation.two-type-summary

let twoTypeSummaryKind = SolverKind(
    "segmentation.two-type-summary",
    summary: "which markets of a two-type environment are efficient, Pareto improvable, or inefficient but not improvable (exact)",
    parameters: EnvironmentParameters.self,
    validate: { p in _ = try p.twoTypeEnvironment() },
    run: { p, _ in [try FamilySummaryColumns(try p.environment(), p.selection.rule)] })

// MARK: segmentation.two-by-two-summary

struct TwoByTwoParameters: SolverParameters {
    @Parameter("v_low_aL", doc: "v(t_L, a_L)")
    var lowAL: Rational
    @Parameter("v_low_aH", doc: "v(t_L, a_H)")
    var lowAH: Rational
    @Parameter("v_high_aL", doc: "v(t_H, a_L)")
    var highAL: Rational
    @Parameter("v_high_aH", doc: "v(t_H, a_H)")
    var highAH: Rational
    var selection = SelectionParameter()

    /// The environment t_L, t_H × a_L, a_H; a type with two efficient
    /// alternatives is reported at its valuation of the last one tied.
    func environment() throws -> Environment {
        try reportingModelErrors(SegmentationError.self, as: { e in
            let keys = [[$lowAL, $lowAH], [$highAL, $highAH]]
            if case let .tiedEfficientAlternatives(type, alternatives, _) = e, let a = alternatives.last, a >= 1 {
                return SolverInputError(keys[type][a - 1], expected: "a unique efficient alternative per type", found: e.description)
            }
            return SolverInputError($lowAL, expected: "a valid environment", found: e.description)
        }) {
            try Environment(valuations: [[lowAL, lowAH], [highAL, highAH]], typeNames: ["t_L", "t_H"], alternativeNames: ["a_L", "a_H"])
        }
    }
}

let twoByTwoSummaryKind = SolverKind(
    "segmentation.two-by-two-summary",
    summary: "the Sec 3.1.1 family with scalar valuations (for sweeps): v(t_L, a_L), v(t_L, a_H), v(t_H, a_L), v(t_H, a_H)",
    parameters: TwoByTwoParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in [try FamilySummaryColumns(try p.environment(), p.selection.rule)] })

// MARK: segmentation.two-type-market

struct TwoTypeMarketParameters: SolverParameters {
    var environment = EnvironmentParameters()
    @Parameter("q", doc: "weight of the second type", domain: .probability)
    var q: Rational
}

struct TwoTypeMarketRow: SolverRow {
    var mechanism: String
    var csFirst: Rational
    var csSecond: Rational
    var revenue: Rational
    var marketClass: String
    var averageCS: Rational
    var averageCSConcavified: Rational
    var averageCSConcavifiedPareto: Rational
    var uniquePaymentRule: Bool

    static let columns: [RowColumn<Self>] = [
        .init("mechanism", \.mechanism, doc: "selected optimal mechanism: each type's alternative and gross price (net payment = price − cost)"),
        .init("cs_first", \.csFirst, doc: "surplus of the first type"),
        .init("cs_second", \.csSecond, doc: "surplus of the second type"),
        .init("revenue", \.revenue, doc: "optimal expected revenue, net of costs (Σ_t f(t) × net payment)"),
        .init("class", \.marketClass, doc: "efficient / inefficient-improvable / inefficient-not-improvable"),
        .init("average_cs", \.averageCS, doc: "Σ_t f(t) CS(t, f)"),
        .init("average_cs_concavified", \.averageCSConcavified, doc: "the concave envelope of average CS over the family at q (footnote 12: the sup over all segmentations)"),
        .init("average_cs_concavified_pareto", \.averageCSConcavifiedPareto, doc: "the concave envelope at q of average CS over the markets that weakly Pareto dominate q (no type's surplus falls): the sup over segmentations whose segments all weakly dominate q; between average_cs and average_cs_concavified"),
        .init("unique_payment_rule", \.uniquePaymentRule, doc: "every optimal mechanism of market q has the same payments"),
    ]
}

let twoTypeMarketKind = SolverKind(
    "segmentation.two-type-market",
    summary: "one market q of a two-type family: surplus, class, average surplus and its concavification (footnote 12)",
    parameters: TwoTypeMarketParameters.self,
    validate: { p in _ = try p.environment.twoTypeEnvironment() },
    run: { p, _ in
        let env = try p.environment.environment()
        let q = p.q
        let c = try env.classifyTwoTypeMarkets(selection: p.environment.selection.rule)
        let piece = try c.analysis.piece(containing: q)
        let concave = try c.analysis.averageSurplusConcavification()
        return [TwoTypeMarketRow(mechanism: describeMechanism(piece.mechanism),
                                 csFirst: piece.consumerSurplus[0] ?? .zero, csSecond: piece.consumerSurplus[1] ?? .zero,
                                 revenue: try c.analysis.revenue(at: q), marketClass: try c.classify(q).marketClass.rawValue,
                                 averageCS: try c.analysis.averageConsumerSurplus(at: q),
                                 averageCSConcavified: try concave.value(at: q),
                                 averageCSConcavifiedPareto: try c.paretoRestrictedAverageSurplusEnvelope(at: q),
                                 uniquePaymentRule: try env.hasUniqueOptimalPaymentRule(for: try Market.twoType(q: q)))]
    })
