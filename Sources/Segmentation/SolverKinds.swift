// The solver kinds this module offers to experiment specs. Every number comes
// from the module's solvers called with the spec's parameters.

import Harness
import Numerics

extension SegmentationError {
    /// The error as a spec input error (exit status 2) naming the parameter.
    var inputError: SolverInputError {
        switch self {
        case let .invalidParameter(parameter, detail): return SolverInputError(parameter: parameter, expected: "a valid value (\(detail))")
        default: return SolverInputError(parameter: "valuations", expected: description)
        }
    }
}

enum SegmentationParameters {
    static let valuations = ParameterSpec("valuations", .list(.list(.rational)),
                                          doc: "v(t, a): one row per type, one column per alternative (the outside option, worth 0, is implicit); may be negative",
                                          minimumCount: 1)
    static let costs = ParameterSpec("costs", .list(.rational), doc: "c(a) per alternative (empty: all 0); net valuations are v − c, prices are reported gross",
                                     default: .list([]))
    static let typeNames = ParameterSpec("type_names", .list(.text), doc: "labels of the types (empty: t1, t2, ...)", default: .list([]))
    static let alternativeNames = ParameterSpec("alternative_names", .list(.text), doc: "labels of the alternatives (empty: a1, a2, ...)", default: .list([]))
    static let selection = ParameterSpec("selection", .choice(SelectionRule.allCases.map(\.rawValue)),
                                         doc: "selection rule among optimal mechanisms (welfare-first reproduces the paper's tie-breaks)",
                                         default: .text(SelectionRule.standard.rawValue))
    static let market = ParameterSpec("market", .list(.rational), doc: "type weights (normalised to a distribution)", domain: .nonNegative, minimumCount: 1)
    static let environmentParameters = [valuations, costs, typeNames, alternativeNames, selection]

    static func texts(_ p: ParameterValues, _ name: String) -> [String]? {
        let xs = p.list(name).map { v -> String in if case let .text(s) = v { return s }; return v.description }
        return xs.isEmpty ? nil : xs
    }

    static func environment(_ p: ParameterValues) throws -> Environment {
        let costs = p.rationalList("costs")
        return try Environment(valuations: p.rationalMatrix("valuations"), costs: costs.isEmpty ? nil : costs,
                               typeNames: texts(p, "type_names"), alternativeNames: texts(p, "alternative_names"))
    }

    static func selection(_ p: ParameterValues) throws -> SelectionRule { try SelectionRule(name: p.text("selection")) }

    static func market(_ p: ParameterValues, _ env: Environment) throws -> Market {
        let m = try Market(p.rationalList("market"))
        try env.validate(m)
        return m
    }
}

/// Runs `body`, turning model-input errors into spec input errors.
func validatingSegmentation(_ body: () throws -> Void) throws {
    do { try body() } catch let e as SegmentationError { throw e.inputError }
}

// MARK: - Text renderings (deterministic)

func describe(_ x: [Rational], _ env: Environment) -> String {
    let names = ["0"] + env.alternativeNames
    let support = x.indices.filter { x[$0] != .zero }
    if support.count == 1 { return names[support[0]] }
    return "{" + support.map { "\(names[$0]): \(x[$0])" }.joined(separator: ", ") + "}"
}

/// "t_L: a_L at 3/4; t_H: a_H at 7/4" (gross prices).
func describeMechanism(_ m: Mechanism) -> String {
    m.support.map { t in "\(m.environment.typeNames[t]): \(describe(m.allocation[t]!, m.environment)) at \(m.grossPrice(t)!)" }.joined(separator: "; ")
}

func describeVector(_ v: [Rational?]) -> String {
    "(" + v.map { $0?.description ?? "-" }.joined(separator: ", ") + ")"
}

func describeTypes(_ ts: [Int], _ env: Environment) -> String {
    ts.isEmpty ? "none" : ts.map { env.typeNames[$0] }.joined(separator: ", ")
}

func describeSegmentation(_ s: MarketSegmentation) -> String {
    s.segments.map { "\($0.weight) × \($0.market)" }.joined(separator: " + ")
}

/// Interval notation for the pieces of a class: "[0, 1/4] ∪ {1}".
func describeIntervals(_ intervals: [(lower: Rational, upper: Rational, lowerClosed: Bool, upperClosed: Bool, marketClass: MarketClass)], _ c: MarketClass) -> String {
    let parts = intervals.filter { $0.marketClass == c }.map { i -> String in
        if i.lower == i.upper { return "{\(i.lower)}" }
        return (i.lowerClosed ? "[" : "(") + "\(i.lower), \(i.upper)" + (i.upperClosed ? "]" : ")")
    }
    return parts.isEmpty ? "none" : parts.joined(separator: " ∪ ")
}

/// The two-type family's summary row.
func familySummary(_ env: Environment, _ selection: SelectionRule) throws -> [String: TableValue] {
    let c = try env.classifyTwoTypeMarkets(selection: selection)
    let notImprovable = c.pieces.filter { $0.classification.marketClass == .notImprovable }
    let breakpoints = c.analysis.breakpoints
    // The run of efficient markets that starts at q = 0 ([0, 1/4] in Sec 3.1.1).
    let firstRun = c.intervals.first
    let efficientUpTo = firstRun.map { $0.marketClass == .efficient ? $0.upper : .zero } ?? .zero
    return ["breakpoints": .text(breakpoints.map(\.description).joined(separator: ", ")),
            "breakpoint_count": .int(breakpoints.count),
            "lower_breakpoint": .rational(breakpoints.first ?? 1), "upper_breakpoint": .rational(breakpoints.last ?? 1),
            "efficient_up_to": .rational(efficientUpTo),
            "first_not_improvable": .rational(notImprovable.first?.piece.lower ?? .zero),
            "efficient_markets": .text(describeIntervals(c.intervals, .efficient)),
            "improvable_markets": .text(describeIntervals(c.intervals, .improvable)),
            "not_improvable_markets": .text(describeIntervals(c.intervals, .notImprovable)),
            "not_improvable_count": .int(notImprovable.filter(\.piece.isPoint).count),
            "not_improvable_is_finite": .boolean(notImprovable.allSatisfy(\.piece.isPoint)),
            "selection": .text(selection.rawValue)]
}

let familySummaryColumns = [
    Column("breakpoints", .text, doc: "exact breakpoints in q of the optimal mechanism"),
    Column("breakpoint_count", .integer, doc: "number of breakpoints"),
    Column("lower_breakpoint", .rational, doc: "the smallest breakpoint (1 when there is none)"),
    Column("upper_breakpoint", .rational, doc: "the largest breakpoint (1 when there is none)"),
    Column("efficient_up_to", .rational, doc: "e such that the markets [0, e] (or [0, e) when e is not efficient) form the efficient run starting at q = 0 (0 when market 0 alone)"),
    Column("first_not_improvable", .rational, doc: "the smallest inefficient market that is not Pareto improvable (0 when there is none: filter on not_improvable_count)"),
    Column("efficient_markets", .text, doc: "markets q (fraction of the second type) whose selected mechanism is efficient"),
    Column("improvable_markets", .text, doc: "inefficient markets with a verified Pareto-improving segmentation"),
    Column("not_improvable_markets", .text, doc: "inefficient markets that are not Pareto improvable"),
    Column("not_improvable_count", .integer, doc: "number of isolated non-improvable inefficient markets"),
    Column("not_improvable_is_finite", .boolean, doc: "the non-improvable inefficient markets are finitely many points (non-generic)"),
    Column("selection", .text, doc: "selection rule used"),
]

/// The Prop. 2 / Theorem 1 construction for a market, as cells ("n/a" when it does not apply).
func constructionCells(_ env: Environment, _ market: Market, _ selection: SelectionRule) -> [String: TableValue] {
    var cells: [String: TableValue] = [:]
    do {
        let d = try env.dominatingMarket(for: market, selection: selection)
        cells["binding_path"] = .text(describeTypes(d.bindingPath, env))
        cells["deviator"] = .text(env.typeNames[d.deviator])
        cells["dominating_market"] = .text(d.dominatingMarket.description)
        cells["dominating_mechanism"] = .text(describeMechanism(d.constructedMechanism))
        cells["dominating_cs_change"] = .text(describeVector(d.dominance.surplusChange))
        cells["dominates"] = .boolean(d.dominance.dominates && d.isUniqueOptimum && d.dominatingOptimum.isEfficient)
    } catch {
        for k in ["binding_path", "deviator", "dominating_market", "dominating_mechanism", "dominating_cs_change"] { cells[k] = .text("n/a") }
        cells["dominates"] = .boolean(false)
    }
    do {
        let s = try env.paretoImprovingSplit(of: market, selection: selection)
        cells["safe_weight_supremum"] = .text(s.safeWeightSupremum.description)
        cells["split"] = .text(describeSegmentation(s.segmentation))
        cells["split_verified"] = .boolean(s.verification.isParetoImproving)
    } catch {
        cells["safe_weight_supremum"] = .text("n/a")
        cells["split"] = .text("n/a: \(error)")
        cells["split_verified"] = .boolean(false)
    }
    return cells
}

let constructionColumns = [
    Column("binding_path", .text, doc: "S̄: binding IC path from the inefficient type to a zero-surplus type (Sec 4.1.2)"),
    Column("deviator", .text, doc: "t′: the type that would mimic t once t is served efficiently"),
    Column("dominating_market", .text, doc: "f′: the efficient Pareto dominating market (Prop. 2, Lemma 4)"),
    Column("dominating_mechanism", .text, doc: "M*: its unique optimal mechanism (gross prices)"),
    Column("dominating_cs_change", .text, doc: "CS(t, f′) − CS(t, f) per type of f′"),
    Column("dominates", .boolean, doc: "f′ is efficient, has M* as unique optimum and Pareto dominates f"),
    Column("safe_weight_supremum", .text, doc: "ε*: Theorem 1's split f = ε f′ + (1 − ε) f″ is Pareto improving for every ε in (0, ε*)"),
    Column("split", .text, doc: "the split used (ε = ε*/2)"),
    Column("split_verified", .boolean, doc: "independent check: every segment weakly dominates, one strictly, revenue strictly rises"),
]

/// The optimal mechanism of a market, as cells.
func mechanismCells(_ env: Environment, _ market: Market, _ selection: SelectionRule) throws -> [String: TableValue] {
    let o = try env.optimalMechanism(for: market, selection: selection)
    let ranges = try env.optimalPaymentRanges(for: market)
    return ["mechanism": .text(describeMechanism(o.mechanism)), "revenue": .rational(o.revenue),
            "consumer_surplus": .text(describeVector(o.consumerSurplus)), "efficient": .boolean(o.isEfficient),
            "inefficient_types": .text(describeTypes(o.inefficientTypes, env)),
            "unique_payment_rule": .boolean(ranges.allSatisfy(\.isUnique)),
            "binding_ir": .text(describeTypes(o.bindingIR, env)),
            "binding_ic": .text(o.bindingIC.isEmpty ? "none" : o.bindingIC.map { "\(env.typeNames[$0.from])→\(env.typeNames[$0.to])" }.joined(separator: ", ")),
            "selection": .text(selection.rawValue)]
}

let mechanismColumns = [
    Column("mechanism", .text, doc: "selected optimal mechanism: each type's alternative and gross price"),
    Column("revenue", .rational, doc: "optimal expected revenue (net of costs)"),
    Column("consumer_surplus", .text, doc: "CS(t, f) per type"),
    Column("efficient", .boolean, doc: "every type gets its efficient alternative"),
    Column("inefficient_types", .text, doc: "types served inefficiently"),
    Column("unique_payment_rule", .boolean, doc: "every optimal mechanism has the same payments (range over the optimal face)"),
    Column("binding_ir", .text, doc: "types whose IR binds (zero surplus)"),
    Column("binding_ic", .text, doc: "binding IC constraints t→t′ (t indifferent to reporting t′)"),
    Column("selection", .text, doc: "selection rule used"),
]

extension Environment {
    /// Every solver kind of the segmentation paper.
    public static var solverKinds: [SolverKind] {
        typealias P = SegmentationParameters
        let validateEnvironment: @Sendable (ParameterValues) throws -> Void = { p in
            try validatingSegmentation { _ = try P.environment(p); _ = try P.selection(p) }
        }
        let validateTwoType: @Sendable (ParameterValues) throws -> Void = { p in
            try validatingSegmentation {
                let env = try P.environment(p)
                if env.typeCount != 2 { throw SegmentationError.invalidParameter(parameter: "valuations", detail: "two rows (a two-type environment), found \(env.typeCount)") }
            }
        }

        let market = SolverKind(
            name: "segmentation.market",
            summary: "the selected optimal mechanism of any market (exact LP), and the Prop. 2 / Theorem 1 construction of a Pareto-improving split",
            parameters: P.environmentParameters + [P.market],
            columns: mechanismColumns + constructionColumns,
            validate: { p in try validatingSegmentation { let env = try P.environment(p); _ = try P.market(p, env) } },
            run: { p, _ in
                let env = try P.environment(p)
                let m = try P.market(p, env)
                let s = try P.selection(p)
                return [try mechanismCells(env, m, s).merging(constructionCells(env, m, s)) { a, _ in a }]
            })

        let family = SolverKind(
            name: "segmentation.two-type-family",
            summary: "exact pieces of the two-type market family q ∈ [0, 1] (q = weight of the second type): mechanism, surplus and classification of each piece",
            parameters: P.environmentParameters,
            columns: [
                Column("q_lower", .rational, key: true, doc: "lower end of the piece"),
                Column("q_upper", .rational, key: true, doc: "upper end (equal to q_lower for a single market)"),
                Column("mechanism", .text, doc: "selected optimal mechanism on the piece"),
                Column("cs_first", .rational, doc: "surplus of the first type"),
                Column("cs_second", .rational, doc: "surplus of the second type"),
                Column("class", .text, doc: "efficient / inefficient-improvable / inefficient-not-improvable"),
                Column("witness", .text, doc: "a verified Pareto-improving segmentation of the piece's representative market"),
            ],
            validate: validateTwoType,
            run: { p, _ in
                let env = try P.environment(p)
                let c = try env.classifyTwoTypeMarkets(selection: try P.selection(p))
                return c.pieces.map { cp in
                    let w = cp.classification.twoSegmentWitness ?? cp.classification.threeSegmentWitness
                    return ["q_lower": .rational(cp.piece.lower), "q_upper": .rational(cp.piece.upper),
                            "mechanism": .text(describeMechanism(cp.piece.mechanism)),
                            "cs_first": .rational(cp.piece.consumerSurplus[0] ?? .zero), "cs_second": .rational(cp.piece.consumerSurplus[1] ?? .zero),
                            "class": .text(cp.classification.marketClass.rawValue),
                            "witness": .text(w.map { "q = \(cp.classification.q): " + describeSegmentation($0) } ?? "none")]
                }
            })

        let summary = SolverKind(
            name: "segmentation.two-type-summary",
            summary: "which markets of a two-type environment are efficient, Pareto improvable, or inefficient but not improvable (exact)",
            parameters: P.environmentParameters, columns: familySummaryColumns, validate: validateTwoType,
            run: { p, _ in [try familySummary(try P.environment(p), try P.selection(p))] })

        let example = SolverKind(
            name: "segmentation.two-by-two-summary",
            summary: "the Sec 3.1.1 family with scalar valuations (for sweeps): v(t_L, a_L), v(t_L, a_H), v(t_H, a_L), v(t_H, a_H)",
            parameters: [ParameterSpec("v_low_aL", .rational, doc: "v(t_L, a_L)"), ParameterSpec("v_low_aH", .rational, doc: "v(t_L, a_H)"),
                         ParameterSpec("v_high_aL", .rational, doc: "v(t_H, a_L)"), ParameterSpec("v_high_aH", .rational, doc: "v(t_H, a_H)"), P.selection],
            columns: familySummaryColumns,
            validate: { p in
                try validatingSegmentation {
                    _ = try Environment(valuations: [[p.rational("v_low_aL"), p.rational("v_low_aH")], [p.rational("v_high_aL"), p.rational("v_high_aH")]])
                }
            },
            run: { p, _ in
                let env = try Environment(valuations: [[p.rational("v_low_aL"), p.rational("v_low_aH")], [p.rational("v_high_aL"), p.rational("v_high_aH")]],
                                          typeNames: ["t_L", "t_H"], alternativeNames: ["a_L", "a_H"])
                return [try familySummary(env, try P.selection(p))]
            })

        let grid = SolverKind(
            name: "segmentation.two-type-market",
            summary: "one market q of a two-type family: surplus, class, average surplus and its concavification (footnote 12)",
            parameters: P.environmentParameters + [ParameterSpec("q", .rational, doc: "weight of the second type", domain: .probability)],
            columns: [
                Column("mechanism", .text, doc: "selected optimal mechanism"),
                Column("cs_first", .rational, doc: "surplus of the first type"),
                Column("cs_second", .rational, doc: "surplus of the second type"),
                Column("revenue", .rational, doc: "optimal revenue"),
                Column("class", .text, doc: "efficient / inefficient-improvable / inefficient-not-improvable"),
                Column("average_cs", .rational, doc: "Σ_t f(t) CS(t, f)"),
                Column("average_cs_concavified", .rational, doc: "the concave envelope of average CS over the family at q"),
                Column("unique_payment_rule", .boolean, doc: "every optimal mechanism of market q has the same payments"),
            ],
            validate: validateTwoType,
            run: { p, _ in
                let env = try P.environment(p)
                let q = p.rational("q")
                let c = try env.classifyTwoTypeMarkets(selection: try P.selection(p))
                let piece = try c.analysis.piece(containing: q)
                let concave = try c.analysis.averageSurplusConcavification()
                return [["mechanism": .text(describeMechanism(piece.mechanism)),
                         "cs_first": .rational(piece.consumerSurplus[0] ?? .zero), "cs_second": .rational(piece.consumerSurplus[1] ?? .zero),
                         "revenue": .rational(try c.analysis.revenue(at: q)), "class": .text(try c.classify(q).marketClass.rawValue),
                         "average_cs": .rational(try c.analysis.averageConsumerSurplus(at: q)),
                         "average_cs_concavified": .rational(try concave.value(at: q)),
                         "unique_payment_rule": .boolean(try env.hasUniqueOptimalPaymentRule(for: try Market.twoType(q: q)))]]
            })

        let polytope = SolverKind(
            name: "segmentation.payment-polytope",
            summary: "vertices of the polytope P of IC-IR payment rules (Sec 4.2, Fig 4) and the markets that select each vertex",
            parameters: P.environmentParameters,
            columns: [
                Column("vertex", .text, key: true, doc: "a vertex of P (payments per type, net)"),
                Column("vertex_count", .integer, doc: "number of vertices of P"),
                Column("selected_by", .text, doc: "vertices of the set of markets for which this vertex is an optimal payment rule"),
                Column("cell_dimension", .integer, doc: "dimension of that set of markets (n − 1: uniquely optimal on an open set; −1: never optimal)"),
            ],
            validate: validateEnvironment,
            run: { p, _ in
                let env = try P.environment(p)
                let poly = try PaymentPolytope(environment: env)
                let vertices = try poly.vertices()
                let cells = try poly.marketCells()
                return vertices.map { v in
                    let cell = cells.cells.first { $0.vertex == v }
                    return ["vertex": .text(describeVector(v)), "vertex_count": .int(vertices.count),
                            "selected_by": .text(cell.map { $0.marketVertices.map { describeVector($0) }.joined(separator: " – ") } ?? "no market"),
                            "cell_dimension": .int(cell?.dimension ?? -1)]
                }
            })

        let ties = SolverKind(
            name: "segmentation.payment-polytope-ties",
            summary: "tie hyperplanes between optimal vertices of the payment polytope (markets with several optimal payment rules)",
            parameters: P.environmentParameters,
            columns: [
                Column("vertices", .text, key: true, doc: "the two tied vertices"),
                Column("hyperplane", .text, doc: "Σ_t c_t f(t) = 0 with primitive integer c"),
                Column("markets", .text, doc: "the markets on the hyperplane where both are optimal"),
            ],
            validate: validateEnvironment,
            run: { p, _ in
                let env = try P.environment(p)
                let cells = try PaymentPolytope(environment: env).marketCells()
                return cells.hyperplanes.map { h in
                    let terms = h.coefficients.enumerated().filter { !$0.element.isZero }.map { i, c -> String in
                        let name = "f(\(env.typeNames[i]))"
                        let mag = c.magnitude == .one ? name : "\(c.magnitude)\(name)"
                        return (c.isNegative ? "− " : "+ ") + mag
                    }
                    var eq = terms.joined(separator: " ")
                    if eq.hasPrefix("+ ") { eq.removeFirst(2) } else if eq.hasPrefix("− ") { eq = "−" + eq.dropFirst(2) }
                    return ["vertices": .text(describeVector(cells.cells[h.first].vertex) + " ~ " + describeVector(cells.cells[h.second].vertex)),
                            "hyperplane": .text(eq + " = 0"), "markets": .text(h.sharedMarkets.map { describeVector($0) }.joined(separator: " – "))]
                }
            })

        let linear = SolverKind(
            name: "segmentation.linear-environment",
            summary: "Sec 5's linear environment v(t, a) = t·a with costs: Myerson virtual values with ironing against the LP, and the construction",
            parameters: [ParameterSpec("types", .list(.rational), doc: "0 < t_1 < … < t_n", domain: .positive, minimumCount: 1),
                         ParameterSpec("qualities", .list(.rational), doc: "0 < a_1 < … < a_k", domain: .positive, minimumCount: 1),
                         ParameterSpec("costs", .list(.rational), doc: "c(a_j) ≥ 0, increasing and convex", domain: .nonNegative, minimumCount: 1),
                         P.market, P.selection],
            columns: [
                Column("virtual_values", .text, doc: "φ_i = t_i − (t_{i+1} − t_i) Σ_{i'>i} f(t_{i'}) / f(t_i)"),
                Column("ironed", .boolean, doc: "ironing changed some virtual value"),
                Column("myerson_mechanism", .text, doc: "the mechanism from maximising ironed virtual surplus"),
                Column("myerson_matches_lp", .boolean, doc: "Myerson's revenue equals the exact LP optimum"),
            ] + mechanismColumns + constructionColumns,
            validate: { p in
                try validatingSegmentation {
                    let l = try LinearEnvironment(types: p.rationalList("types"), qualities: p.rationalList("qualities"), costs: p.rationalList("costs"))
                    _ = try P.market(p, l.environment)
                }
            },
            run: { p, _ in
                let l = try LinearEnvironment(types: p.rationalList("types"), qualities: p.rationalList("qualities"), costs: p.rationalList("costs"))
                let m = try P.market(p, l.environment)
                let s = try P.selection(p)
                let my = try l.myersonSolution(for: m)
                let lp = try l.environment.optimalRevenue(for: m)
                var cells: [String: TableValue] = ["virtual_values": .text(describeVector(my.virtualValues)), "ironed": .boolean(my.isIroned),
                                             "myerson_mechanism": .text(describeMechanism(my.mechanism)), "myerson_matches_lp": .boolean(my.revenue == lp)]
                cells.merge(try mechanismCells(l.environment, m, s)) { a, _ in a }
                cells.merge(constructionCells(l.environment, m, s)) { a, _ in a }
                return [cells]
            })

        let bundling = SolverKind(
            name: "segmentation.bundling",
            summary: "App A.3.3 bundling: additive values for m products, every bundle an alternative; the optimal mechanism of a market given by (possibly unnormalised) weights",
            parameters: [ParameterSpec("product_values", .list(.list(.rational)), doc: "v(t, {g}) > 0: one row per type, one column per product", domain: .positive, minimumCount: 1),
                         ParameterSpec("weights", .list(.rational), doc: "type weights as printed (normalised before solving; their sum is reported)", domain: .nonNegative, minimumCount: 1),
                         P.selection],
            columns: [Column("weights_sum", .rational, doc: "the sum of the printed weights (1 for a distribution)"),
                      Column("market", .text, doc: "the normalised market")] + mechanismColumns,
            validate: { p in
                try validatingSegmentation {
                    let b = try BundlingEnvironment(productValues: p.rationalMatrix("product_values"))
                    try b.environment.validate(try Market(p.rationalList("weights")))
                }
            },
            run: { p, _ in
                let b = try BundlingEnvironment(productValues: p.rationalMatrix("product_values"))
                let w = p.rationalList("weights")
                let m = try Market(w)
                var cells = try mechanismCells(b.environment, m, try P.selection(p))
                cells["weights_sum"] = .rational(w.reduce(.zero, +))
                cells["market"] = .text(m.description)
                return [cells]
            })

        let grids = SolverKind(
            name: "segmentation.increasing-alternatives",
            summary: "App A.4: environments E_k (alternatives {0, 1/k, …, 1}, cost a²/2, types valuing a and 2a): thresholds, surplus levels and the largest gains",
            parameters: [ParameterSpec("k", .integer, doc: "number of non-zero alternatives", domain: .between(1, 64))],
            columns: [
                Column("thresholds", .text, doc: "τ_0, …, τ_k: the breakpoints of CS^k(t_2, ·)"),
                Column("surplus_levels", .text, doc: "CS^k(t_2, q) on [0, τ_0], (τ_0, τ_1], …"),
                Column("closed_on_the_right", .boolean, doc: "the intervals are (τ_{i−1}, τ_i] as the paper states"),
                Column("concave_on_thresholds", .boolean, doc: "q·CS^k(t_2, q) is concave over the thresholds"),
                Column("largest_average_gain", .rational, doc: "sup over markets q < 1/2 and Pareto-improving segmentations of the average-CS gain"),
                Column("largest_average_gain_at", .rational, doc: "a market where it is approached"),
                Column("largest_average_gain_up_to_last_threshold", .rational, doc: "the same over markets q ≤ τ_{k−1}"),
                Column("largest_revenue_gain", .rational, doc: "sup of the revenue gain over markets q < 1/2"),
            ],
            run: { p, _ in
                let k = p.integer("k")
                let env = try LinearEnvironment.quadraticCostGrid(types: [1, 2], gridSize: k, maxQuality: 1, curvature: 1)
                let r = try GridRefinementReport(environment: env, cutoff: Rational(1, 2))
                return [["thresholds": .text(r.thresholds.map(\.description).joined(separator: ", ")),
                         "surplus_levels": .text(r.surplusLevels.map(\.description).joined(separator: ", ")),
                         "closed_on_the_right": .boolean(r.intervalsClosedOnTheRight), "concave_on_thresholds": .boolean(r.concaveOnThresholds),
                         "largest_average_gain": .rational(r.largestAverageGain), "largest_average_gain_at": .rational(r.largestAverageGainAt),
                         "largest_average_gain_up_to_last_threshold": .rational(r.largestAverageGainUpToLastThreshold),
                         "largest_revenue_gain": .rational(r.largestRevenueGain)]]
            })

        let continuum = SolverKind(
            name: "segmentation.continuum-limit",
            summary: "App A.4's limit with a continuum of alternatives [0, 1], cost a²/2, types valuing a and 2a: CS(t_2, q)",
            parameters: [ParameterSpec("q", .rational, doc: "weight of type t_2", domain: .probability)],
            columns: [Column("cs_t2", .rational, doc: "CS(t_2, q)"), Column("quality_t1", .rational, doc: "quality sold to t_1"),
                      Column("exclusion_threshold", .rational, doc: "q above which t_1 is excluded")],
            run: { p, _ in
                let c = try ContinuumQuadraticEnvironment(types: [1, 2], maxQuality: 1, curvature: 1)
                let q = p.rational("q")
                let o = try c.optimum(for: try Market.twoType(q: q))
                return [["cs_t2": .rational(o.surplus[1] ?? .zero), "quality_t1": .rational(o.quality[0] ?? .zero),
                         "exclusion_threshold": .rational(try c.exclusionThreshold())]]
            })

        let property = SolverKind(
            name: "segmentation.property-check",
            summary: "Theorem 1 and Props 1–2 on seeded random environments (n ≤ max_types, k ≤ max_alternatives) and markets",
            parameters: [ParameterSpec("markets", .integer, doc: "random markets", domain: .between(1, 100_000)),
                         .seed,
                         ParameterSpec("max_types", .integer, doc: "n ≤ max_types", default: .integer(5), domain: .between(2, 8)),
                         ParameterSpec("max_alternatives", .integer, doc: "k ≤ max_alternatives", default: .integer(4), domain: .between(1, 6)),
                         P.selection],
            columns: [
                Column("markets", .integer, doc: "markets drawn"),
                Column("efficient", .integer, doc: "efficient markets"),
                Column("efficient_dominated", .integer, doc: "efficient markets found dominated (must be 0)"),
                Column("inefficient", .integer, doc: "inefficient markets"),
                Column("dominating_built", .integer, doc: "inefficient markets with a verified efficient Pareto dominating market"),
                Column("unique_payment", .integer, doc: "inefficient markets with a unique optimal payment rule"),
                Column("verified_splits", .integer, doc: "of those, markets with a verified two-segment Pareto-improving split"),
                Column("single_product_inefficient", .integer, doc: "inefficient markets of single-alternative environments"),
                Column("single_product_improved", .integer, doc: "of those, improved (Prop 1)"),
                Column("failures", .integer, doc: "failures of any check"),
            ],
            run: { p, _ in
                let r = try PropertyCheck.run(seed: UInt64(p.integer("seed")), markets: p.integer("markets"), maxTypes: p.integer("max_types"),
                                              maxAlternatives: p.integer("max_alternatives"), selection: try P.selection(p))
                return [["markets": .int(r.markets), "efficient": .int(r.efficientMarkets), "efficient_dominated": .int(r.efficientMarketsDominated),
                         "inefficient": .int(r.inefficientMarkets), "dominating_built": .int(r.dominatingMarketsBuilt),
                         "unique_payment": .int(r.uniquePaymentMarkets), "verified_splits": .int(r.verifiedSplits),
                         "single_product_inefficient": .int(r.singleProductInefficient), "single_product_improved": .int(r.singleProductImproved),
                         "failures": .int(r.failures.count)]]
            })

        // Figure 4 (a): P as a polygon (vertices in counter-clockwise order,
        // each row's (x2, y2) the next vertex, i.e. P's edges) and each
        // market f as an arrow from the centroid of its optimal face of P (the
        // vertex it selects, or the midpoint of the edge it is orthogonal to)
        // in the direction f (Sec 4.2: a payment rule is optimal for f iff it
        // is maximal in P in the direction f).
        let polytopeDirections = SolverKind(
            name: "segmentation.payment-polytope-directions",
            summary: "Fig 4 (a) for two types: the polygon P of IC-IR payment rules and each market as a direction drawn from its optimal face of P",
            parameters: P.environmentParameters + [
                ParameterSpec("markets", .list(.list(.rational)), doc: "markets f drawn as directions (type weights, normalised)", domain: .nonNegative, minimumCount: 1),
                ParameterSpec("market_names", .list(.text), doc: "labels of the markets (empty: their weights)", default: .list([])),
                ParameterSpec("arrow_scale", .rational, doc: "length factor: the arrow of f ends at base + arrow_scale·f", default: .rational(Rational(1, 2)), domain: .positive),
            ],
            columns: [
                Column("part", .text, key: true, doc: "vertex (a vertex of P) or market (a market's direction)"),
                Column("label", .text, key: true, doc: "the vertex (p(t_1), p(t_2)) or the market's name"),
                Column("x", .rational, doc: "vertex: p(first type); market: the arrow's base (centroid of the optimal face), first coordinate"),
                Column("y", .rational, doc: "vertex: p(second type); market: the arrow's base, second coordinate"),
                Column("x2", .rational, doc: "vertex: the next vertex counter-clockwise (the edge of P from this vertex); market: the arrow's head, base + arrow_scale·f"),
                Column("y2", .rational, doc: "second coordinate of x2's point"),
                Column("face_dimension", .integer, doc: "vertex: 0; market: dimension of the set of optimal payment rules (0: unique, 1: the market is orthogonal to an edge of P)"),
                Column("optimal", .text, doc: "vertex: the listed markets for which it is an optimal payment rule; market: the vertices of P that are optimal for it"),
                Column("revenue", .rational, doc: "vertex: 0; market: max over P of f·p, the optimal revenue"),
            ],
            validate: { p in
                try validatingSegmentation {
                    let env = try P.environment(p)
                    if env.typeCount != 2 { throw SegmentationError.invalidParameter(parameter: "valuations", detail: "two rows (a two-type environment), found \(env.typeCount)") }
                    let markets = p.rationalMatrix("markets")
                    if markets.contains(where: { $0.count != 2 || $0.allSatisfy { $0 == .zero } }) {
                        throw SegmentationError.invalidParameter(parameter: "markets", detail: "each market two nonnegative weights, not both 0")
                    }
                    let names = P.texts(p, "market_names") ?? []
                    if !names.isEmpty && names.count != markets.count {
                        throw SegmentationError.invalidParameter(parameter: "market_names", detail: "\(names.count) names for \(markets.count) markets")
                    }
                }
            },
            run: { p, _ in
                let env = try P.environment(p)
                let poly = try PaymentPolytope(environment: env)
                let vertices = try poly.vertices()
                let cycle = try poly.counterClockwiseVertices(vertices)
                let markets = p.rationalMatrix("markets")
                let names = P.texts(p, "market_names") ?? markets.map { describeVector($0) }
                let faces = try markets.map { try poly.optimalFace(for: $0, vertices: vertices) }
                let scale = p.rational("arrow_scale")
                var rows: [[String: TableValue]] = []
                for (i, v) in cycle.enumerated() {
                    let next = cycle[(i + 1) % cycle.count]
                    let selecting = markets.indices.filter { faces[$0].vertices.contains(v) }.map { names[$0] }
                    rows.append(["part": .text("vertex"), "label": .text(describeVector(v)), "x": .rational(v[0]), "y": .rational(v[1]),
                                 "x2": .rational(next[0]), "y2": .rational(next[1]), "face_dimension": .int(0),
                                 "optimal": .text(selecting.isEmpty ? "none" : selecting.joined(separator: ", ")), "revenue": .rational(.zero)])
                }
                for (i, face) in faces.enumerated() {
                    let base = face.centroid
                    rows.append(["part": .text("market"), "label": .text(names[i]), "x": .rational(base[0]), "y": .rational(base[1]),
                                 "x2": .rational(base[0] + scale * face.market[0]), "y2": .rational(base[1] + scale * face.market[1]),
                                 "face_dimension": .int(face.dimension),
                                 "optimal": .text(face.vertices.map { describeVector($0) }.joined(separator: ", ")), "revenue": .rational(face.revenue)])
                }
                return rows
            })

        // Figure 6 (a), (c) and (b), (d): the exact pieces of CS^k(t_2, ·) and
        // of q·CS^k(t_2, q) for the environments E_k of App A.4, the vertices of
        // the concavification of q·CS^k(t_2, q), and samples of the continuum
        // limit (k = "limit").
        let surplusPieces = SolverKind(
            name: "segmentation.increasing-alternatives-pieces",
            summary: "App A.4, Fig 6: exact pieces of CS^k(t_2, q) and of q·CS^k(t_2, q) with its concavification for E_k, k in grid_sizes, and samples of the continuum limit",
            parameters: [
                ParameterSpec("grid_sizes", .list(.integer), doc: "the environments E_k (k non-zero alternatives j·max_quality/k)", domain: .between(1, 64), minimumCount: 1),
                ParameterSpec("limit_samples", .integer, doc: "n: sample the continuum limit at q = i/n, i = 0..n (0: no limit rows)", default: .integer(0), domain: .between(0, 1000)),
                ParameterSpec("types", .list(.rational), doc: "the two types' marginal values (valuation t·a)", default: .list([.rational(1), .rational(2)]), domain: .positive),
                ParameterSpec("max_quality", .rational, doc: "the largest alternative", default: .rational(1), domain: .positive),
                ParameterSpec("curvature", .rational, doc: "κ in the cost c(a) = κ a²/2", default: .rational(1), domain: .positive),
            ],
            columns: [
                Column("k", .text, key: true, doc: "the environment E_k, or \"limit\" for the continuum of alternatives [0, max_quality]"),
                Column("part", .text, key: true, doc: "cs: CS(t_2, ·) on a piece; average_cs: q·CS(t_2, q) on a piece; concavification: a vertex of the concave envelope of q·CS(t_2, q) over [0, τ_{k−1}] (Fig 6 (c), dashed); concavification_all: over [0, 1]"),
                Column("piece", .integer, key: true, doc: "index of the row within (k, part), increasing in q"),
                Column("q_lower", .rational, doc: "lower end of the piece (from < to: the open interval; from == to: the single market)"),
                Column("q_upper", .rational, doc: "upper end of the piece"),
                Column("value", .rational, doc: "cs: the constant value on the piece; average_cs: the value at q_lower (limit from inside); concavification: the envelope's value"),
                Column("value_upper", .rational, doc: "the value at q_upper (equal to value for cs and concavification rows)"),
                Column("attained", .boolean, doc: "concavification: the vertex is a point (q, q·CS(t_2, q)) of the average surplus at market q itself; other rows: true"),
            ],
            validate: { p in
                try validatingSegmentation {
                    let t = p.rationalList("types")
                    if t.count != 2 { throw SegmentationError.invalidParameter(parameter: "types", detail: "two types, found \(t.count)") }
                    _ = try LinearEnvironment.quadraticCostGrid(types: t, gridSize: 1, maxQuality: p.rational("max_quality"), curvature: p.rational("curvature"))
                }
            },
            run: { p, _ in
                let types = p.rationalList("types"), maxQuality = p.rational("max_quality"), curvature = p.rational("curvature")
                var rows: [[String: TableValue]] = []
                func row(_ k: String, _ part: String, _ i: Int, _ lo: Rational, _ hi: Rational, _ v: Rational, _ v2: Rational) -> [String: TableValue] {
                    ["k": .text(k), "part": .text(part), "piece": .int(i), "q_lower": .rational(lo), "q_upper": .rational(hi),
                     "value": .rational(v), "value_upper": .rational(v2), "attained": .boolean(true)]
                }
                for k in p.integerList("grid_sizes") {
                    let env = try LinearEnvironment.quadraticCostGrid(types: types, gridSize: k, maxQuality: maxQuality, curvature: curvature)
                    let s = try env.environment.analyze(.twoType).surplusPieces(of: 1)
                    for (i, piece) in s.pieces.enumerated() {
                        rows.append(row("\(k)", "cs", i, piece.lower, piece.upper, piece.surplus, piece.surplus))
                    }
                    for (i, piece) in s.pieces.enumerated() {
                        rows.append(row("\(k)", "average_cs", i, piece.lower, piece.upper, piece.averageAtLower, piece.averageAtUpper))
                    }
                    for (i, v) in s.concavificationUpToLastBreakpoint.enumerated() {
                        var r = row("\(k)", "concavification", i, v.x, v.x, v.y, v.y)
                        r["attained"] = .boolean(s.concavificationVertexAttained[i])
                        rows.append(r)
                    }
                    for (i, v) in s.concavification.enumerated() {
                        rows.append(row("\(k)", "concavification_all", i, v.x, v.x, v.y, v.y))
                    }
                }
                let n = p.integer("limit_samples")
                if n > 0 {
                    let c = try ContinuumQuadraticEnvironment(types: types, maxQuality: maxQuality, curvature: curvature)
                    var average: [[String: TableValue]] = []
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

        return [market, family, summary, example, grid, polytope, ties, linear, bundling, grids, continuum, property, polytopeDirections, surplusPieces]
    }
}
