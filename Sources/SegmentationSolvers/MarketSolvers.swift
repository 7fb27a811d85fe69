// Sec 4.1 and Sec 5: the selected optimal mechanism of any market (exact
// LP) with the Prop. 2 / Theorem 1 construction of a Pareto-improving
// split, in a general environment and in the linear environment
// v(t, a) = t·a with costs (where Myerson's ironing is checked against the LP).

import Harness
import Numerics
import Segmentation

// MARK: segmentation.market

struct MarketParameters: SolverParameters {
    var environment = EnvironmentParameters()
    var market = MarketParameter()
}

struct MarketRow: SolverRow {
    var mechanism: MechanismColumns
    var construction: ConstructionColumns

    static let columns: [RowColumn<Self>] = RowColumn.group(\.mechanism) + RowColumn.group(\.construction)
}

let marketKind = SolverKind(
    "segmentation.market",
    summary: "the selected optimal mechanism of any market (exact LP), and the Prop. 2 / Theorem 1 construction of a Pareto-improving split",
    parameters: MarketParameters.self,
    validate: { p in _ = try p.market.market(in: try p.environment.environment()) },
    run: { p, _ in
        let env = try p.environment.environment()
        let m = try p.market.market(in: env)
        let s = p.environment.selection.rule
        return [MarketRow(mechanism: try MechanismColumns(env, m, s), construction: ConstructionColumns(env, m, s))]
    })

// MARK: segmentation.linear-environment

struct LinearEnvironmentParameters: SolverParameters {
    @Parameter("types", doc: "0 < t_1 < … < t_n", domain: .positive, minimumCount: 1)
    var types: [Rational]
    @Parameter("qualities", doc: "0 < a_1 < … < a_k", domain: .positive, minimumCount: 1)
    var qualities: [Rational]
    @Parameter("costs", doc: "c(a_j) ≥ 0, increasing and convex (footnote 24); prices are reported gross of cost (t·a is the gross value), revenue and payments net (price − c)", domain: .nonNegative, minimumCount: 1)
    var costs: [Rational]
    var market = MarketParameter()
    var selection = SelectionParameter()

    /// The linear environment, with its errors named at the spec keys.
    func environment() throws -> LinearEnvironment {
        try reportingModelErrors(SegmentationError.self, as: inputError) { try LinearEnvironment(types: types, qualities: qualities, costs: costs) }
    }

    /// The key path of a linear-environment error.
    func inputError(_ e: SegmentationError) -> SolverInputError {
        switch e {
        case let .typesNotIncreasing(_, index):
            return SolverInputError($types[index], expected: "positive, strictly increasing types", found: e.description)
        case let .qualitiesNotIncreasing(_, index):
            return SolverInputError($qualities[index], expected: "positive, strictly increasing qualities", found: e.description)
        case .costCountMismatch:
            return SolverInputError($costs, expected: "one cost per quality", found: e.description)
        case let .costsNotIncreasing(_, index), let .costsNotConvex(index, _, _, _):
            return SolverInputError($costs[index], expected: "nonnegative, increasing and convex costs", found: e.description)
        case let .tiedEfficientAlternatives(_, alternatives, _) where alternatives.last ?? 0 >= 1:
            // t·a − c(a) ties: the cost of the last tied quality makes the type indifferent.
            return SolverInputError($costs[alternatives.last! - 1], expected: "a unique efficient quality per type", found: e.description)
        default:
            return SolverInputError($types, expected: "a valid linear environment", found: e.description)
        }
    }
}

struct LinearEnvironmentRow: SolverRow {
    var virtualValues: String
    var ironedVirtualValues: String
    var ironed: Bool
    var myersonMechanism: String
    var myersonMatchesLP: Bool
    var mechanism: MechanismColumns
    var construction: ConstructionColumns

    static let columns: [RowColumn<Self>] = [
        .init("virtual_values", \.virtualValues, doc: "φ_i = t_i − (t_{i+1} − t_i) Σ_{i'>i} f(t_{i'}) / f(t_i) on the support (Sec 5), exact; \"-\" off the support"),
        .init("ironed_virtual_values", \.ironedVirtualValues, doc: "φ̄_i: the virtual values ironed with weights f (pool adjacent violators: slopes of the lower convex hull of the cumulative f-weighted φ); nondecreasing; \"-\" off the support"),
        .init("ironed", \.ironed, doc: "ironing changed some virtual value (ironed_virtual_values ≠ virtual_values)"),
        .init("myerson_mechanism", \.myersonMechanism, doc: "the mechanism from maximising ironed virtual surplus φ̄_i a − c(a): each type's quality and gross price (net payment = price − c(a))"),
        .init("myerson_matches_lp", \.myersonMatchesLP, doc: "Myerson's revenue equals the exact LP optimum"),
    ] + RowColumn.group(\.mechanism) + RowColumn.group(\.construction)
}

let linearEnvironmentKind = SolverKind(
    "segmentation.linear-environment",
    summary: "Sec 5's linear environment v(t, a) = t·a with costs: Myerson virtual values with ironing against the LP, and the construction (prices gross of cost, revenue and payments net)",
    parameters: LinearEnvironmentParameters.self,
    validate: { p in _ = try p.market.market(in: try p.environment().environment) },
    run: { p, _ in
        let l = try p.environment()
        let m = try p.market.market(in: l.environment)
        let s = p.selection.rule
        let my = try l.myersonSolution(for: m)
        let lp = try l.environment.optimalRevenue(for: m)
        return [LinearEnvironmentRow(virtualValues: describeVector(my.virtualValues),
                                     ironedVirtualValues: describeVector(my.ironedVirtualValues), ironed: my.isIroned,
                                     myersonMechanism: describeMechanism(my.mechanism), myersonMatchesLP: my.revenue == lp,
                                     mechanism: try MechanismColumns(l.environment, m, s),
                                     construction: ConstructionColumns(l.environment, m, s))]
    })
