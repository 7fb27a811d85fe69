// The consumer-side benchmark of BBM Sec. III.B (Roesler–Szentes 2017): the
// consumer-surplus-maximising information for the consumer in a monopoly
// market, with the interim-value cdf sampled for a figure against the prior.

import Harness
import Numerics
import CompetitiveInformationDesign

struct BuyerOptimalSignalParameters: SolverParameters {
    var market = MonopolyMarketParameters()
    @Parameter("price_ties", doc: "which optimal price the monopolist charges (it is indifferent on [c + π*, c + B*]): the lowest (consumer-preferred, Roesler–Szentes's selection) or the highest (consumer-worst)",
               default: .consumerPreferred, convention: "the seller's choice among its optimal prices against the buyer-optimal interim-value distribution")
    var priceTies: SellerPriceTies
    @Parameter("points", doc: "number of equally spaced values on [min v, max v] at which the cdfs are sampled (the ends of the support and the values are added)",
               default: 41, domain: .between(2, 2001))
    var points: Int

    /// The model, its errors at their keys (no value above the cost: at `cost`).
    func signal() throws -> BuyerOptimalSignal {
        let m = try market.market()
        do {
            return try BuyerOptimalSignal(market: m)
        } catch let e as CompetitiveInformationDesignError {
            throw SolverInputError(market.$cost, expected: "a cost below some value (\(e.description))")
        }
    }
}

struct BuyerOptimalSignalRow: SolverRow {
    var value: Double
    var signalCdf: Double
    var priorCdf: Double
    var price: Double
    var lowerEnd: Double
    var upperEnd: Double
    var upperAtom: Double
    var excludedMass: Double
    var bindingValue: String
    var consumerSurplus: Double
    var producerSurplus: Double
    var totalSurplus: Double
    var efficientSurplus: Rational
    var fullInformationConsumerSurplus: Rational
    var noInformationConsumerSurplus: Rational
    var noInformationProducerSurplus: Rational

    static let columns: [RowColumn<Self>] = [
        .init("value", \.value, key: true, doc: "an interim (posterior-mean) value v at which the cdfs are sampled"),
        .init("signal_cdf", \.signalCdf, doc: "G(v): the buyer-optimal interim-value cdf: the no-trade atom t at its mean value, plus (1 − t)·(1 − π*/(v − c)) on [c + π*, c + B*) and (1 − t) from c + B*"),
        .init("prior_cdf", \.priorCdf, doc: "F(v): the prior cdf of the value (full information)"),
        .init("price", \.price, doc: "the monopoly price against G: c + π* (consumer-preferred) or c + B* (consumer-worst)"),
        .init("lower_end", \.lowerEnd, doc: "c + π*: the bottom of the traded support (π* minimal subject to the traded part of F being a mean-preserving spread of G)"),
        .init("upper_end", \.upperEnd, doc: "c + B*, B* = π*·exp(μ/π* − 1) with μ = E[v − c | traded]: the top of the support"),
        .init("upper_atom", \.upperAtom, doc: "(1 − t)·π*/B*: the interim distribution's atom at c + B*"),
        .init("excluded_mass", \.excludedMass, doc: "t: the prior mass (the lowest values, mean ≤ c) pooled into a no-trade signal; 0 when every value is ≥ c (RS), chosen by a global search over t otherwise"),
        .init("binding_value", \.bindingValue, doc: "the prior value at which the contraction constraint C_F ≥ C_G binds (none: no information is optimal)"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS = (1 − t)(μ − π*) (consumer-preferred price; 0 at c + B*)"),
        .init("producer_surplus", \.producerSurplus, doc: "PS = (1 − t)·π*"),
        .init("total_surplus", \.totalSurplus, doc: "TS = CS + PS (E[v − c], efficient, at c + π* when every value ≥ c)"),
        .init("efficient_surplus", \.efficientSurplus, doc: "E[max(0, v − c)]"),
        .init("full_information_cs", \.fullInformationConsumerSurplus, doc: "CS when the consumer learns her value (exact, the monopoly-consumer-information solver)"),
        .init("no_information_cs", \.noInformationConsumerSurplus, doc: "CS when the consumer learns nothing (exact)"),
        .init("no_information_ps", \.noInformationProducerSurplus, doc: "PS when the consumer learns nothing: μ, the most PS can be"),
    ]
}

let monopolyBuyerOptimalSignal = SolverKind(
    "information-design.monopoly-consumer-optimal-signal",
    summary: "Sec. III.B (Roesler–Szentes 2017): the consumer-surplus-maximising information for the consumer in a monopoly market (truncated equal-revenue interim values, π* by bisection to 1e-13·μ); with values below the cost (Example 3), the best of the class 'a no-trade signal pooling a lowest tail + RS on the rest' (global search over the tail mass); one row per sampled value of the interim-value and prior cdfs",
    parameters: BuyerOptimalSignalParameters.self,
    validate: { p in _ = try p.signal() },
    run: { p, _ in
        let s = try p.signal()
        let m = s.market
        let worst = p.priceTies == .consumerWorst
        let full = try MonopolyConsumerInformation.outcome(values: m.values, prior: m.prior, cost: m.cost, signal: .fullInformation(values: m.values.count))
        let none = try MonopolyConsumerInformation.outcome(values: m.values, prior: m.prior, cost: m.cost, signal: .noInformation(values: m.values.count))
        let lo = m.values.min()!.doubleValue, hi = m.values.max()!.doubleValue
        let c = m.cost.doubleValue
        var xs = (0..<p.points).map { lo + (hi - lo) * Double($0) / Double(p.points - 1) }
        xs += m.values.map(\.doubleValue) + [c + s.lowerEnd, c + s.upperEnd] + (s.noTradeMeanGain.map { [c + $0] } ?? [])
        xs = Array(Set(xs)).sorted()
        return xs.map { x in
            BuyerOptimalSignalRow(value: x, signalCdf: s.cdf(x), priorCdf: s.priorCdf(x), price: s.price(highestOptimalPrice: worst),
                                  lowerEnd: c + s.lowerEnd, upperEnd: c + s.upperEnd, upperAtom: s.upperAtom, excludedMass: s.excludedMass,
                                  bindingValue: s.bindingValue?.description ?? "none",
                                  consumerSurplus: s.consumerSurplus(highestOptimalPrice: worst), producerSurplus: s.producerSurplus,
                                  totalSurplus: s.totalSurplus(highestOptimalPrice: worst), efficientSurplus: m.efficientSurplus,
                                  fullInformationConsumerSurplus: full.consumerSurplus, noInformationConsumerSurplus: none.consumerSurplus,
                                  noInformationProducerSurplus: none.producerSurplus)
        }
    })
