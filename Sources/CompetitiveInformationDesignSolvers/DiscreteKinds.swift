// Sec. I–III and Example 1 of Bergemann, Brooks & Morris on discrete Bertrand
// environments: the residual willingness to pay (eq. (2)), the efficient
// producer's conditional residuals and their segmentation (BBM 2015), and
// Theorem 1's construction (welfare on one instance, Proposition 1's bounds on
// seeded random instances).

import Harness
import Numerics
import CompetitiveInformationDesign

/// "{r: mass, …}".
func describeDistribution(_ d: ResidualDistribution) -> String {
    "{" + d.support.map { "\($0): \(d.mass(at: $0))" }.joined(separator: ", ") + "}"
}

// MARK: information-design.residual-table

struct ResidualTableRow: SolverRow {
    var own: String
    var rival: String
    var residual: Rational
    var efficient: Bool

    static let columns: [RowColumn<Self>] = [
        .init("own", \.own, key: true, doc: "(v_i, c_i)"),
        .init("rival", \.rival, key: true, doc: "(v_j, c_j)"),
        .init("residual", \.residual, doc: "r_i"),
        .init("efficient", \.efficient, doc: "producer i is an efficient producer"),
    ]
}

let residualTable = SolverKind(
    "information-design.residual-table",
    summary: "eq. (2): producer i's residual willingness to pay r_i = v_i − TS(v_−i, c_−i) for every pair of own and rival types (two producers)",
    parameters: IndependentTypesParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let m = try p.marginal.marginal()
        return m.flatMap { a in m.map { b in
            let prof = BertrandProfile(values: [a.value, b.value], costs: [a.cost, b.cost])
            return ResidualTableRow(own: "(\(a.value), \(a.cost))", rival: "(\(b.value), \(b.cost))",
                                    residual: prof.residual(of: 0), efficient: prof.efficientProducers().contains(0))
        } }
    })

// MARK: information-design.conditional-residuals

/// How the efficient producer's conditional residual distribution is segmented.
enum SegmentationRule: String, CaseIterable, ParameterChoice {
    /// Pool every lower residual proportionally with the mass at the optimal price (BBM greedy when that fails).
    case proportionalPooling = "proportional-pooling"
    /// BBM's greedy extremal segmentation.
    case bbmGreedy = "bbm-greedy"
}

struct ConditionalResidualsParameters: SolverParameters {
    var environment = IndependentTypesParameters()
    @Parameter("segmentation", doc: "segmentation rule", default: .proportionalPooling, convention: "which profit-preserving segmentation of the conditional residuals is built")
    var segmentation: SegmentationRule
}

struct ConditionalResidualsRow: SolverRow {
    var cost: Rational
    var probability: Rational
    var residuals: String
    var optimalPrices: String
    var segments: String
    var segmentsValid: Bool
    var producerSurplusUnchanged: Bool
    var saleAlways: Bool

    static let columns: [RowColumn<Self>] = [
        .init("cost", \.cost, key: true, doc: "c_i"),
        .init("probability", \.probability, doc: "probability that i is the (sole) efficient producer with this cost, among such events"),
        .init("residuals", \.residuals, doc: "conditional distribution of r_i"),
        .init("optimal_prices", \.optimalPrices, doc: "prices maximising (p − c)·P(r ≥ p)"),
        .init("segments", \.segments, doc: "the segmentation: probability × distribution (price = lowest value)"),
        .init("segments_valid", \.segmentsValid, doc: "segments average to the distribution, each segment's lowest value is an optimal price, and the unsegmented optimal price stays optimal"),
        .init("producer_surplus_unchanged", \.producerSurplusUnchanged, doc: "the segmentation leaves the producer's profit unchanged"),
        .init("sale_always", \.saleAlways, doc: "every segment is priced at its lowest residual (the efficient producer always sells)"),
    ]
}

let conditionalResiduals = SolverKind(
    "information-design.conditional-residuals",
    summary: "the efficient producer's conditional residual distribution given its cost, its optimal price, and the profit-preserving segmentation (BBM 2015)",
    parameters: ConditionalResidualsParameters.self,
    validate: { p in _ = try p.environment.environment() },
    run: { p, _ in
        let env = try p.environment.environment()
        return try env.conditionalResiduals(producer: 0).map { c in
            let segs: [Segment]
            switch p.segmentation {
            case .bbmGreedy:
                segs = try ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
            case .proportionalPooling:
                segs = try ExtremalSegmentation.proportionalPooling(c.distribution, cost: c.cost) ?? ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
            }
            let check = ExtremalSegmentation.check(segs, of: c.distribution, cost: c.cost)
            return ConditionalResidualsRow(
                cost: c.cost, probability: c.share, residuals: describeDistribution(c.distribution),
                optimalPrices: c.optimalPrices.map(\.description).joined(separator: ", "),
                segments: segs.map { "\($0.probability) × \(describeDistribution($0.distribution))" }.joined(separator: " + "),
                segmentsValid: check.aggregatesToPrior && check.lowestValueOptimal && check.unsegmentedPriceOptimal,
                producerSurplusUnchanged: check.producerSurplusUnchanged, saleAlways: check.lowestValueOptimal)
        }
    })

// MARK: information-design.theorem-1-welfare

struct Theorem1WelfareRow: SolverRow {
    var producerSurplus: String
    var producerSurplusBound: String
    var completeInformationPS: String
    var psAtBound: Bool
    var prices: String
    var totalSurplus: Rational
    var efficientSurplus: Rational
    var consumerSurplus: Rational
    var consumerSurplusBound: Rational
    var completeInformationCS: Rational
    var equilibrium: Bool
    var largestDeviationGain: Double

    static let columns: [RowColumn<Self>] = [
        .init("producer_surplus", \.producerSurplus, doc: "PS_i per producer"),
        .init("producer_surplus_bound", \.producerSurplusBound, doc: "Prop 1's lower bound per producer"),
        .init("complete_information_producer_surplus", \.completeInformationPS, doc: "PS_i per producer under complete information, E[max(0, r_i − c_i)]: the efficient producer earns its marginal contribution"),
        .init("ps_at_bound", \.psAtBound, doc: "every producer earns exactly its lower bound"),
        .init("prices", \.prices, doc: "each producer's optimal price against its residual distribution when it is the efficient producer (Prop 1)"),
        .init("total_surplus", \.totalSurplus, doc: "TS of the construction"),
        .init("efficient_surplus", \.efficientSurplus, doc: "E[TS(v, c)]"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS of the construction"),
        .init("consumer_surplus_bound", \.consumerSurplusBound, doc: "TS − Σ PS_i bounds"),
        .init("complete_information_consumer_surplus", \.completeInformationCS, doc: "CS under complete information: E[TS(v, c)] − Σ_i complete-information PS_i (trade is efficient)"),
        .init("equilibrium", \.equilibrium, doc: "no profitable deviation found (fine grid plus support points): largest_deviation_gain ≤ 1e-10"),
        .init("largest_deviation_gain", \.largestDeviationGain, doc: "the largest ex ante gain of any price deviation found (≤ 0 up to rounding in an equilibrium)"),
    ]
}

let theorem1Welfare = SolverKind(
    "information-design.theorem-1-welfare",
    summary: "Theorem 1's construction on a discrete instance: producer surpluses (= Prop 1 bounds), total and consumer surplus, equilibrium check",
    parameters: TypesOrProfilesParameters.self,
    validate: { p in _ = try p.environment() },
    run: { p, _ in
        let env = try p.environment()
        let con = try Theorem1Construction(environment: env, segmentation: .proportionalPoolingWhenPossible)
        let w = con.welfare()
        let check = con.checkEquilibrium()
        let bounds = try (0..<env.producerCount).map { try env.producerSurplusLowerBound(producer: $0) }
        let complete = try (0..<env.producerCount).map { try env.completeInformationProducerSurplus(producer: $0) }
        let prices = try (0..<env.producerCount).map { i in
            try env.conditionalResiduals(producer: i).map { "c=\($0.cost): \($0.optimalPrices.map(\.description).joined(separator: "/"))" }.joined(separator: "; ")
        }.joined(separator: " | ")
        return [Theorem1WelfareRow(
            producerSurplus: w.producerSurplus.map(\.description).joined(separator: ", "),
            producerSurplusBound: bounds.map(\.description).joined(separator: ", "),
            completeInformationPS: complete.map(\.description).joined(separator: ", "),
            psAtBound: w.producerSurplus == bounds, prices: prices,
            totalSurplus: w.totalSurplus, efficientSurplus: env.expectedEfficientSurplus,
            consumerSurplus: w.consumerSurplus, consumerSurplusBound: try env.consumerSurplusBound(),
            completeInformationCS: env.expectedEfficientSurplus - complete.reduce(Rational.zero, +),
            equilibrium: check.maximalGain <= 1e-10, largestDeviationGain: check.maximalGain)]
    })

// MARK: information-design.theorem-1-property

/// The rival's tie-breaking mixing of Theorem 1's construction.
enum MixingRule: String, CaseIterable, ParameterChoice {
    case corrected, paper

    var mixing: TieBreakingMixing { self == .paper ? .paper : .corrected }
}

struct Theorem1PropertyParameters: SolverParameters {
    @Parameter("instances", doc: "random instances (at most 2,000: each solves a segmentation and checks every deviation, a few ms)", domain: .between(1, 2_000))
    var instances: Int
    var random = RandomSeed()
    @Parameter("mixing", doc: "the rival's tie-breaking mixing: the paper's (Appendix A1) or the corrected one", default: .corrected)
    var mixing: MixingRule
}

struct Theorem1PropertyRow: SolverRow {
    var instances: Int
    var equilibria: Int
    var psAtLowerBound: Int
    var efficient: Int
    var csAtBound: Int
    var largestDeviationGain: Double
    var meanPSBound: Double
    var meanPSCompleteInformation: Double
    var psBoundBelowCompleteInformation: Int

    static let columns: [RowColumn<Self>] = [
        .init("instances", \.instances, doc: "instances"),
        .init("equilibria", \.equilibria, doc: "no profitable deviation (fine price grid plus all support points)"),
        .init("ps_at_lower_bound", \.psAtLowerBound, doc: "every producer earns exactly its Prop 1 lower bound"),
        .init("efficient", \.efficient, doc: "the outcome is efficient"),
        .init("cs_at_bound", \.csAtBound, doc: "CS = TS − Σ PS_i"),
        .init("largest_deviation_gain", \.largestDeviationGain, doc: "largest gain from a deviation found"),
        .init("mean_ps_bound", \.meanPSBound, doc: "mean over instances of Σ_i PS_i's Prop 1 lower bound (exact mean, printed as a real)"),
        .init("mean_ps_complete_information", \.meanPSCompleteInformation, doc: "mean over instances of Σ_i PS_i under complete information, E[max(0, r_i − c_i)] summed over i (exact mean, printed as a real)"),
        .init("ps_bound_below_complete_information", \.psBoundBelowCompleteInformation, doc: "instances where the lower bound is strictly below the complete-information PS"),
    ]
}

let theorem1Property = SolverKind(
    "information-design.theorem-1-property",
    summary: "Theorem 1 / Proposition 1 on seeded random discrete Bertrand instances: equilibrium, PS at its lower bound, efficiency",
    parameters: Theorem1PropertyParameters.self,
    run: { p, _ in
        let r = try Theorem1Construction.propertyCheck(instances: p.instances, seed: UInt64(p.random.seed), mixing: p.mixing.mixing)
        return [Theorem1PropertyRow(instances: r.instances, equilibria: r.equilibria, psAtLowerBound: r.producerSurplusAtBound,
                                    efficient: r.efficient, csAtBound: r.consumerSurplusAtBound, largestDeviationGain: r.maximalGain,
                                    meanPSBound: r.meanProducerSurplusBound.doubleValue,
                                    meanPSCompleteInformation: r.meanCompleteInformationProducerSurplus.doubleValue,
                                    psBoundBelowCompleteInformation: r.boundBelowCompleteInformation)]
    })
