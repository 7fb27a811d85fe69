// The remark after Theorem 3 of Bergemann, Brooks & Morris (Sec. III.C):
// symmetry of the residual prior is not essential. The consumer-optimal
// interim distribution for any discrete prior, by an LP over grid-supported
// distributions (a lower bound that increases to the optimum as the grid is
// refined; `cells` is swept for the convergence study).

import Harness
import Numerics
import CompetitiveInformationDesign

struct AsymmetricHotellingParameters: SolverParameters {
    @Parameter("atoms", doc: "atoms of the prior of r = v_1 − v_2 (any; symmetry not required)", minimumCount: 1)
    var atoms: [Double]
    @Parameter("probabilities", doc: "their probabilities (sum 1)", domain: .nonNegative, minimumCount: 1)
    var probabilities: [Double]
    @Parameter("v_bar", doc: "v̄: values lie in [0, v̄] (v_1 + v_2 = v̄) and residuals in [−v̄, v̄]", domain: .positive)
    var vBar: Double
    @Parameter("cells", doc: "grid cells on [−v̄, v̄] supporting the interim distribution (F's atoms and 0 are added)", default: 200, domain: .between(2, 1000))
    var cells: Int

    /// The prior, its errors at their keys.
    func prior() throws -> DiscreteResidualPrior {
        do {
            return try DiscreteResidualPrior(atoms: atoms, probabilities: probabilities, vBar: vBar)
        } catch let e as CompetitiveInformationDesignError {
            let key: ParameterKey
            switch e {
            case .invalidResidualBound: key = $vBar
            case let .atomOutsideSupport(index, _, _): key = $atoms[index]
            case let .invalidAtomProbability(index, _): key = $probabilities[index]
            default: key = $probabilities
            }
            throw SolverInputError(key, expected: "a valid value (\(e.description))")
        }
    }
}

struct AsymmetricHotellingRow: SolverRow {
    var priorMean: Double
    var consumerSurplus: Double
    var consumerSurplusBound: Double
    var producerSurplus: Double
    var totalSurplus: Double
    var efficientSurplus: Double
    var price1: Double
    var price2: Double
    var top1: Double
    var top2: Double
    var massPositive: Double
    var massZero: Double
    var massNegative: Double
    var attained: Bool

    static let columns: [RowColumn<Self>] = [
        .init("prior_mean", \.priorMean, doc: "E_F[r]: 0 for a symmetric prior; its sign says which producer is more often efficient"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS of the equilibrium at the LP's interim distribution G (each efficient producer at its lowest optimal price, the rival at cost)"),
        .init("consumer_surplus_bound", \.consumerSurplusBound, doc: "the LP value v̄/2 + ½E_G|r| − π_1 − π_2: max CS over G on the grid"),
        .init("producer_surplus", \.producerSurplus, doc: "PS of that equilibrium (both producers)"),
        .init("total_surplus", \.totalSurplus, doc: "TS = CS + PS"),
        .init("efficient_surplus", \.efficientSurplus, doc: "v̄/2 + ½E_F|r|"),
        .init("price_1", \.price1, doc: "producer 1's price when efficient (r > 0): its lowest optimal price against G (0: G has no mass on r > 0)"),
        .init("price_2", \.price2, doc: "producer 2's price when efficient (r < 0)"),
        .init("top_1", \.top1, doc: "B_1: the largest point of G's support (0 when none is positive)"),
        .init("top_2", \.top2, doc: "B_2: minus the smallest point of G's support (0 when none is negative)"),
        .init("mass_positive", \.massPositive, doc: "G(r > 0)"),
        .init("mass_zero", \.massZero, doc: "G(r = 0)"),
        .init("mass_negative", \.massNegative, doc: "G(r < 0)"),
        .init("attained", \.attained, doc: "the equilibrium attains the LP bound (CS within 1e-9, every efficient producer prices at its side's lowest support point)"),
    ]
}

let hotellingAsymmetric = SolverKind(
    "information-design.hotelling-asymmetric",
    summary: "Sec. III.C remark: the consumer-surplus-maximising interim distribution for a discrete, possibly asymmetric residual prior (LP over grid-supported distributions; converges as cells grows)",
    parameters: AsymmetricHotellingParameters.self,
    validate: { p in _ = try p.prior() },
    run: { p, _ in
        let prior = try p.prior()
        let o = try AsymmetricHotelling.consumerOptimum(prior: prior, cells: p.cells)
        return [AsymmetricHotellingRow(
            priorMean: prior.mean,
            consumerSurplus: o.consumerSurplus, consumerSurplusBound: o.consumerSurplusBound, producerSurplus: o.producerSurplus,
            totalSurplus: o.totalSurplus, efficientSurplus: o.efficientSurplus,
            price1: o.prices[0] ?? 0, price2: o.prices[1] ?? 0,
            top1: max(0, o.support.last ?? 0), top2: max(0, -(o.support.first ?? 0)),
            massPositive: o.sideMasses.positive, massZero: o.sideMasses.zero, massNegative: o.sideMasses.negative,
            attained: o.pricesAtLowestSupport && abs(o.consumerSurplus - o.consumerSurplusBound) <= 1e-9)]
    })
