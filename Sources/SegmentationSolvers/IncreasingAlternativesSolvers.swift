// App A.4, Fig 6: the environments E_k (alternatives {0, 1/k, …, 1}, cost
// a²/2, types valuing a and 2a), their continuum limit, and the exact
// pieces of CS^k(t_2, ·) and q·CS^k(t_2, q) with its concavification.

import Harness
import Numerics
import Segmentation

// MARK: segmentation.increasing-alternatives

struct IncreasingAlternativesParameters: SolverParameters {
    @Parameter("k", doc: "number of non-zero alternatives", domain: .between(1, 64))
    var k: Int
    @Parameter("types", doc: "the two types' marginal values (valuation t·a)", default: [1, 2], domain: .positive)
    var types: [Rational]
    @Parameter("curvature", doc: "κ in the cost c(a) = κ a²/2", default: 1, domain: .positive)
    var curvature: Rational
    @Parameter("cutoff", doc: "the largest gains are taken over markets q < cutoff (the paper: 1/2)", default: Rational(1, 2),
               domain: NumericDomain(minimum: 0, minimumInclusive: false, maximum: 1))
    var cutoff: Rational

    /// E_k (alternatives {0, 1/k, …, 1}), with its errors named at the spec keys.
    func environment() throws -> LinearEnvironment {
        if types.count != 2 { throw SolverInputError($types, expected: "two types", found: "\(types.count)") }
        return try reportingModelErrors(SegmentationError.self, as: { e in
            environmentInputError(e, types: $types, curvature: $curvature, otherwise: $k)
        }) {
            try LinearEnvironment.quadraticCostGrid(types: types, gridSize: k, maxQuality: 1, curvature: curvature)
        }
    }
}

/// A model error of a quadratic-cost environment at its spec key: the types,
/// the curvature, or (e.g. a type indifferent between two qualities of the
/// grid) `otherwise`.
func environmentInputError(_ e: SegmentationError, types: ParameterKey, curvature: ParameterKey, otherwise: ParameterKey) -> SolverInputError {
    switch e {
    case let .typesNotIncreasing(_, index):
        return SolverInputError(types[index], expected: "positive, strictly increasing types", found: e.description)
    case .nonPositiveCurvature:
        return SolverInputError(curvature, expected: "a positive curvature", found: e.description)
    default:
        return SolverInputError(otherwise, expected: "a grid on which every type has a unique efficient quality", found: e.description)
    }
}

struct IncreasingAlternativesRow: SolverRow {
    var thresholds: String
    var surplusLevels: String
    var closedOnTheRight: Bool
    var concaveOnThresholds: Bool
    var largestAverageGain: Rational
    var largestAverageGainAt: Rational
    var largestAverageGainUpToLastThreshold: Rational
    var largestRevenueGain: Rational

    static let columns: [RowColumn<Self>] = [
        .init("thresholds", \.thresholds, doc: "τ_0, …, τ_k: the breakpoints of CS^k(t_2, ·)"),
        .init("surplus_levels", \.surplusLevels, doc: "CS^k(t_2, q) on [0, τ_0], (τ_0, τ_1], …"),
        .init("closed_on_the_right", \.closedOnTheRight, doc: "the intervals are (τ_{i−1}, τ_i] as the paper states"),
        .init("concave_on_thresholds", \.concaveOnThresholds, doc: "q·CS^k(t_2, q) is concave over the thresholds"),
        .init("largest_average_gain", \.largestAverageGain, doc: "sup over markets q < 1/2 and Pareto-improving segmentations of the average-CS gain"),
        .init("largest_average_gain_at", \.largestAverageGainAt, doc: "a market where it is approached"),
        .init("largest_average_gain_up_to_last_threshold", \.largestAverageGainUpToLastThreshold, doc: "the same over markets q ≤ τ_{k−1}"),
        .init("largest_revenue_gain", \.largestRevenueGain, doc: "sup of the revenue gain over markets q < 1/2 (revenue net of the cost κ a²/2)"),
    ]
}

let increasingAlternativesKind = SolverKind(
    "segmentation.increasing-alternatives",
    summary: "App A.4: environments E_k (alternatives {0, 1/k, …, 1}, cost a²/2, types valuing a and 2a): thresholds, surplus levels and the largest gains",
    parameters: IncreasingAlternativesParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let r = try GridRefinementReport(environment: try p.environment(), cutoff: p.cutoff)
        return [IncreasingAlternativesRow(thresholds: r.thresholds.map(\.description).joined(separator: ", "),
                                          surplusLevels: r.surplusLevels.map(\.description).joined(separator: ", "),
                                          closedOnTheRight: r.intervalsClosedOnTheRight, concaveOnThresholds: r.concaveOnThresholds,
                                          largestAverageGain: r.largestAverageGain, largestAverageGainAt: r.largestAverageGainAt,
                                          largestAverageGainUpToLastThreshold: r.largestAverageGainUpToLastThreshold,
                                          largestRevenueGain: r.largestRevenueGain)]
    })

// MARK: segmentation.continuum-limit

struct ContinuumLimitParameters: SolverParameters {
    @Parameter("q", doc: "weight of type t_2", domain: .probability)
    var q: Rational
    @Parameter("types", doc: "the two types' marginal values (valuation t·a)", default: [1, 2], domain: .positive)
    var types: [Rational]
    @Parameter("curvature", doc: "κ in the cost c(a) = κ a²/2", default: 1, domain: .positive)
    var curvature: Rational

    /// The continuum of alternatives [0, 1], with its errors named at the spec keys.
    func environment() throws -> ContinuumQuadraticEnvironment {
        if types.count != 2 { throw SolverInputError($types, expected: "two types", found: "\(types.count)") }
        return try reportingModelErrors(SegmentationError.self, as: { e in
            environmentInputError(e, types: $types, curvature: $curvature, otherwise: $types)
        }) {
            try ContinuumQuadraticEnvironment(types: types, maxQuality: 1, curvature: curvature)
        }
    }
}

struct ContinuumLimitRow: SolverRow {
    var csT2: Rational
    var csT2Menu: Rational
    var qualityT1: Rational
    var exclusionThreshold: Rational

    static let columns: [RowColumn<Self>] = [
        .init("cs_t2", \.csT2, doc: "CS(t_2, q) (0 at q = 0, where t_2 is not in the market)"),
        .init("cs_t2_menu", \.csT2Menu, doc: "t_2's surplus facing market q's optimal menu (= cs_t2 for q > 0; at q = 0 the limit the paper's curve starts from)"),
        .init("quality_t1", \.qualityT1, doc: "quality sold to t_1"),
        .init("exclusion_threshold", \.exclusionThreshold, doc: "q above which t_1 is excluded"),
    ]
}

let continuumLimitKind = SolverKind(
    "segmentation.continuum-limit",
    summary: "App A.4's limit with a continuum of alternatives [0, 1], cost κa²/2, two types valuing t_1·a and t_2·a (default 1, 2): CS(t_2, q)",
    parameters: ContinuumLimitParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let c = try p.environment()
        let market = try Market.twoType(q: p.q)
        let o = try c.optimum(for: market)
        return [ContinuumLimitRow(csT2: o.surplus[1] ?? .zero, csT2Menu: try c.menuSurplus(of: 1, in: market),
                                  qualityT1: o.quality[0] ?? .zero, exclusionThreshold: try c.exclusionThreshold())]
    })

// MARK: segmentation.increasing-alternatives-pieces

// Figure 6 (a), (c) and (b), (d): the exact pieces of CS^k(t_2, ·) and of
// q·CS^k(t_2, q) for the environments E_k of App A.4, the vertices of the
// concavification of q·CS^k(t_2, q), and samples of the continuum limit
// (k = "limit").

struct IncreasingAlternativesPiecesParameters: SolverParameters {
    @Parameter("grid_sizes", doc: "the environments E_k (k non-zero alternatives j·max_quality/k)", domain: .between(1, 64), minimumCount: 1)
    var gridSizes: [Int]
    @Parameter("limit_samples", doc: "n: sample the continuum limit at q = i/n, i = 0..n (0: no limit rows)", default: 0, domain: .between(0, 1000))
    var limitSamples: Int
    @Parameter("types", doc: "the two types' marginal values (valuation t·a)", default: [1, 2], domain: .positive)
    var types: [Rational]
    @Parameter("max_quality", doc: "the largest alternative", default: 1, domain: .positive)
    var maxQuality: Rational
    @Parameter("curvature", doc: "κ in the cost c(a) = κ a²/2", default: 1, domain: .positive)
    var curvature: Rational

    /// E_k for grid size `gridSizes[i]`, with its errors named at the spec keys.
    func environment(_ i: Int) throws -> LinearEnvironment {
        try reportingModelErrors(SegmentationError.self, as: { e in
            switch e {
            case let .typesNotIncreasing(_, index):
                return SolverInputError($types[index], expected: "positive, strictly increasing types", found: e.description)
            case .nonPositiveMaxQuality:
                return SolverInputError($maxQuality, expected: "a positive quality", found: e.description)
            case .nonPositiveCurvature:
                return SolverInputError($curvature, expected: "a positive curvature", found: e.description)
            default:
                // E.g. a type indifferent between two qualities of this grid.
                return SolverInputError($gridSizes[i], expected: "a grid on which every type has a unique efficient quality", found: e.description)
            }
        }) {
            try LinearEnvironment.quadraticCostGrid(types: types, gridSize: gridSizes[i], maxQuality: maxQuality, curvature: curvature)
        }
    }
}

struct IncreasingAlternativesPiecesRow: SolverRow {
    var k: String
    var part: String
    var piece: Int
    var qLower: Rational
    var qUpper: Rational
    var value: Rational
    var valueUpper: Rational
    var attained: Bool

    static let columns: [RowColumn<Self>] = [
        .init("k", \.k, key: true, doc: "the environment E_k, or \"limit\" for the continuum of alternatives [0, max_quality]"),
        .init("part", \.part, key: true, doc: "cs: CS(t_2, ·) on a piece; average_cs: q·CS(t_2, q) on a piece; concavification: a vertex of the concave envelope of q·CS(t_2, q) over [0, τ_{k−1}] (Fig 6 (c), dashed); concavification_all: over [0, 1]"),
        .init("piece", \.piece, key: true, doc: "index of the row within (k, part), increasing in q"),
        .init("q_lower", \.qLower, doc: "lower end of the piece (from < to: the open interval; from == to: the single market)"),
        .init("q_upper", \.qUpper, doc: "upper end of the piece"),
        .init("value", \.value, doc: "cs: the constant value on the piece; average_cs: the value at q_lower (limit from inside); concavification: the envelope's value"),
        .init("value_upper", \.valueUpper, doc: "the value at q_upper (equal to value for cs and concavification rows)"),
        .init("attained", \.attained, doc: "concavification: the vertex is a point (q, q·CS(t_2, q)) of the average surplus at market q itself; other rows: true"),
    ]
}

let increasingAlternativesPiecesKind = SolverKind(
    "segmentation.increasing-alternatives-pieces",
    summary: "App A.4, Fig 6: exact pieces of CS^k(t_2, q) and of q·CS^k(t_2, q) with its concavification for E_k, k in grid_sizes, and samples of the continuum limit",
    parameters: IncreasingAlternativesPiecesParameters.self,
    validate: { p in
        if p.types.count != 2 { throw SolverInputError(p.$types, expected: "two types", found: "\(p.types.count)") }
        for i in p.gridSizes.indices { _ = try p.environment(i) }
    },
    run: { p, _ in
        var rows: [IncreasingAlternativesPiecesRow] = []
        func row(_ k: String, _ part: String, _ i: Int, _ lo: Rational, _ hi: Rational, _ v: Rational, _ v2: Rational, attained: Bool = true) -> IncreasingAlternativesPiecesRow {
            IncreasingAlternativesPiecesRow(k: k, part: part, piece: i, qLower: lo, qUpper: hi, value: v, valueUpper: v2, attained: attained)
        }
        for (index, k) in p.gridSizes.enumerated() {
            let env = try p.environment(index)
            let s = try env.environment.analyze(.twoType).surplusPieces(of: 1)
            for (i, piece) in s.pieces.enumerated() {
                rows.append(row("\(k)", "cs", i, piece.lower, piece.upper, piece.surplus, piece.surplus))
            }
            for (i, piece) in s.pieces.enumerated() {
                rows.append(row("\(k)", "average_cs", i, piece.lower, piece.upper, piece.averageAtLower, piece.averageAtUpper))
            }
            for (i, v) in s.concavificationUpToLastBreakpoint.enumerated() {
                rows.append(row("\(k)", "concavification", i, v.x, v.x, v.y, v.y, attained: s.concavificationVertexAttained[i]))
            }
            for (i, v) in s.concavification.enumerated() {
                rows.append(row("\(k)", "concavification_all", i, v.x, v.x, v.y, v.y))
            }
        }
        let n = p.limitSamples
        if n > 0 {
            let c = try ContinuumQuadraticEnvironment(types: p.types, maxQuality: p.maxQuality, curvature: p.curvature)
            var average: [IncreasingAlternativesPiecesRow] = []
            for i in 0...n {
                let q = Rational(i, n)
                let cs = try c.menuSurplus(of: 1, in: try Market.twoType(q: q))
                rows.append(row("limit", "cs", i, q, q, cs, cs))
                average.append(row("limit", "average_cs", i, q, q, q * cs, q * cs))
            }
            rows += average
        }
        return rows
    })
