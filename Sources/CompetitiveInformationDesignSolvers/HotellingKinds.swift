// Sec. IV of Bergemann, Brooks & Morris (the Hotelling model): Theorem 3's
// consumer-surplus-maximising G_b^B, the family G_b^B at given (b, B) and
// Example 4's b-curve, Figure 2's densities, and the Armstrong–Zhou benchmark
// with uninformed producers.

import Harness
import Numerics
import CompetitiveInformationDesign

// MARK: information-design.hotelling-optimum

struct HotellingOptimumRow: SolverRow {
    var bStar: Double
    var BStar: Double
    var consumerSurplus: Double
    var totalSurplus: Double
    var producerSurplus: Double
    var efficientSurplus: Double
    var atomMass: Double
    var tangencyPoint: Double
    var tangencyGap: Double

    static let columns: [RowColumn<Self>] = [
        .init("b_star", \.bStar, doc: "b*: the efficient producer's price"),
        .init("B_star", \.BStar, doc: "B*: the upper truncation"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS of G_{b*}^{B*}"),
        .init("total_surplus", \.totalSurplus, doc: "TS (eq. 3)"),
        .init("producer_surplus", \.producerSurplus, doc: "PS = TS − CS"),
        .init("efficient_surplus", \.efficientSurplus, doc: "TS under efficient allocation"),
        .init("atom_mass", \.atomMass, doc: "mass of G at each of ±B*"),
        .init("tangency_point", \.tangencyPoint, doc: "r* ≥ 0 where the mean-preserving-contraction constraint binds: Ψ_G(r) = E_G[(x − r)⁺] comes closest to Ψ_F (interior: the two stop-loss curves are tangent; at B* both vanish)"),
        .init("tangency_gap", \.tangencyGap, doc: "Ψ_G(r*) − Ψ_F(r*): ≈ 0 when the constraint binds, < 0 when it is slack everywhere"),
    ]
}

let hotellingOptimum = SolverKind(
    "information-design.hotelling-optimum",
    summary: "Theorem 3: the consumer-surplus-maximising G_b^B for a symmetric residual prior, by a general constrained optimiser (MPC checked exactly for atoms)",
    parameters: ResidualPriorParameters.self,
    validate: { p in _ = try p.prior() },
    run: { p, _ in
        let o = try Hotelling.maximizeConsumerSurplus(prior: try p.prior())
        let g = o.distribution
        return [HotellingOptimumRow(bStar: g.b, BStar: g.B, consumerSurplus: o.consumerSurplus, totalSurplus: o.totalSurplus,
                                    producerSurplus: o.producerSurplus, efficientSurplus: o.efficientSurplus, atomMass: g.atomMass,
                                    tangencyPoint: o.constraint.argmax, tangencyGap: o.constraint.maxViolation)]
    })

// MARK: information-design.hotelling-family

/// CS, TS and feasibility of G_b^B: the family kind's row and the start of the b-curve kind's.
struct FamilyRow: SolverRow {
    var feasible: Bool
    var consumerSurplus: Double
    var totalSurplus: Double

    static let columns: [RowColumn<Self>] = [
        .init("feasible", \.feasible, doc: "the prior is a mean-preserving spread of G_b^B"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS of G_b^B"),
        .init("total_surplus", \.totalSurplus, doc: "TS of G_b^B"),
    ]

    init(_ p: FamilyParameters, prior: SymmetricResidualPrior) throws {
        let pt = try Hotelling.sweep(prior: prior, bValues: [p.b], BValues: [p.B])[0]
        feasible = pt.feasible
        consumerSurplus = pt.consumerSurplus
        totalSurplus = pt.totalSurplus
    }
}

let hotellingFamily = SolverKind(
    "information-design.hotelling-family",
    summary: "CS, TS and MPC feasibility of G_b^B for given (b, B) against a symmetric prior (for sweeps and figures)",
    parameters: FamilyParameters.self,
    validate: { p in _ = try p.validated() },
    run: { p, _ in [try FamilyRow(p, prior: try p.prior.prior())] })

// MARK: information-design.hotelling-b-curve

struct BCurveRow: SolverRow {
    var family: FamilyRow
    var bStar: Double
    var consumerSurplusAtBStar: Double
    var totalSurplusAtBStar: Double

    static let columns: [RowColumn<Self>] = RowColumn.group(\.family) + [
        .init("b_star", \.bStar, doc: "the b maximising CS of G_b^B at this B over MPC-feasible b (global grid + Brent on the first-order condition)"),
        .init("consumer_surplus_at_b_star", \.consumerSurplusAtBStar, doc: "CS of G_{b_star}^B"),
        .init("total_surplus_at_b_star", \.totalSurplusAtBStar, doc: "TS of G_{b_star}^B"),
    ]
}

let hotellingBCurve = SolverKind(
    "information-design.hotelling-b-curve",
    summary: "Example 4 figure data: CS, TS and MPC feasibility of G_b^B at (b, B), with the b maximising CS at this B found by the general optimiser (to mark the optimum)",
    parameters: FamilyParameters.self,
    validate: { p in _ = try p.validated() },
    run: { p, _ in
        let prior = try p.prior.prior()
        let o: HotellingOptimum<TruncatedParetoFamily>
        do {
            o = try Hotelling.maximizeConsumerSurplus(prior: prior, upperBound: p.B)
        } catch let e as CompetitiveInformationDesignError {
            switch e {
            case .upperBoundNotPositive, .noContractionWithUpperBound:
                throw SolverInputError(p.$B, expected: "a valid value (\(e.description))")
            default:
                throw p.prior.inputError(e)
            }
        }
        return [BCurveRow(family: try FamilyRow(p, prior: prior), bStar: o.distribution.b,
                          consumerSurplusAtBStar: o.consumerSurplus, totalSurplusAtBStar: o.totalSurplus)]
    })

// MARK: information-design.hotelling-density

struct DensityParameters: SolverParameters {
    var prior = ResidualPriorParameters()
    @Parameter("r", doc: "residual at which to evaluate the densities")
    var r: Double
}

struct DensityRow: SolverRow {
    var densityOptimal: Double
    var densityUninformed: Double

    static let columns: [RowColumn<Self>] = [
        .init("density_optimal", \.densityOptimal, doc: "density of G_{b*}^{B*} at r (atoms at ±B* reported separately)"),
        .init("density_uninformed", \.densityUninformed, doc: "density of the CS-maximising censored Pareto distribution with uninformed producers (Armstrong–Zhou shape)"),
    ]
}

let hotellingDensity = SolverKind(
    "information-design.hotelling-density",
    summary: "Figure 2: the density of the consumer-surplus-maximising interim residual distribution at r (and the Armstrong–Zhou censored Pareto density)",
    parameters: DensityParameters.self,
    validate: { p in _ = try p.prior.prior() },
    run: { p, _ in
        let prior = try p.prior.prior()
        let g = try Hotelling.maximizeConsumerSurplus(prior: prior).distribution
        let h = try Hotelling.maximizeConsumerSurplusUninformedProducers(prior: prior).distribution
        return [DensityRow(densityOptimal: g.density(p.r), densityUninformed: h.density(p.r))]
    })

// MARK: information-design.uninformed-producers

struct UninformedProducersRow: SolverRow {
    var price: Double
    var consumerSurplus: Double
    var totalSurplus: Double
    var producerSurplus: Double

    static let columns: [RowColumn<Self>] = [
        .init("price", \.price, doc: "the common price p"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS"),
        .init("total_surplus", \.totalSurplus, doc: "TS"),
        .init("producer_surplus", \.producerSurplus, doc: "PS = TS − CS (both producers)"),
    ]
}

let uninformedProducers = SolverKind(
    "information-design.uninformed-producers",
    summary: "Armstrong–Zhou benchmark as derivable from the paper: producers uninformed, symmetric pure price p, censored Pareto interim distribution",
    parameters: ResidualPriorParameters.self,
    validate: { p in _ = try p.prior() },
    run: { p, _ in
        let o = try Hotelling.maximizeConsumerSurplusUninformedProducers(prior: try p.prior())
        return [UninformedProducersRow(price: o.distribution.p, consumerSurplus: o.consumerSurplus, totalSurplus: o.totalSurplus,
                                       producerSurplus: o.producerSurplus)]
    })
