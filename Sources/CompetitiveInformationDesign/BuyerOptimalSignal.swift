// The buyer-optimal signal of Roesler & Szentes (2017, AER 107(7), "Buyer-
// Optimal Learning and Monopoly Pricing"), Theorem 1, as summarised in BBM
// Sec. III.B ("the consumer's interim expected value has a truncated Pareto
// distribution, so that the producer is willing to price at the bottom of the
// support, and the parameters of that distribution minimize the price subject
// to the constraint that the interim value distribution is a mean-preserving
// contraction of the prior").
//
// In units w = v − c (the gains from trade, ≥ 0 under common knowledge of gains
// from trade), with prior mean μ, the truncated equal-revenue law is
//   G_{π,B}(w) = 0 (w < π),  1 − π/w (π ≤ w < B),  1 (w ≥ B)  (atom π/B at B),
// with mean π(1 + ln(B/π)) = μ, i.e. B = π·exp(μ/π − 1). The seller earns π at
// every price in [π, B]. The optimum is the least π such that G_{π,B} is a
// mean-preserving contraction of F:
//   C_F(x) = Σ_k p_k (x − w_k)^+  ≥  C_G(x) = ∫_0^x G = x − π − π ln(x/π) on [π, B]
// (0 below π, x − μ above B). C_F is linear between support points and C_G is
// convex, so checking the support points in [π, B] suffices (C_G ≤ C_F at π
// and beyond B always). Feasibility is monotone in π (G_{π',B'} is a contraction
// of G_{π,B} for π' > π) and π = μ (a point mass, no information) is feasible,
// so the least π is found by bisection.
import Foundation
import Numerics

/// Roesler–Szentes's buyer-optimal information for a monopoly market.
///
/// Without common knowledge of gains from trade (some v < c) the consumer can also be sent a
/// no-trade signal: RS's appendix and BBM's Example 3 say the optimum can then be inefficient.
/// This type searches the class "pool a lowest tail of the prior, of mass t and mean ≤ c, into a
/// no-trade signal; give the rest the truncated equal-revenue law above" (a signal with mean ≤ c
/// never moves the seller's price), maximising CS over t by a global 1-D search. Within that class
/// the result is exact (to the tolerances); that it is optimal over all signals is checked, not
/// proved: a grid LP over all interim distributions approaches it from below (tests).
public struct BuyerOptimalSignal: Sendable {
    public let market: MonopolyMarket
    /// π*: the lowest price in gains-from-trade units.
    public let lowerEnd: Double
    /// B*: the upper end of the traded interim values in gains-from-trade units.
    public let upperEnd: Double
    /// The prior value at which the contraction constraint binds (nil when the traded part is a point mass).
    public let bindingValue: Rational?
    /// μ = E[v − c] over the whole prior.
    public let meanGain: Double
    /// t: the prior mass pooled into the no-trade signal (0 under common knowledge of gains from trade).
    public let excludedMass: Double
    /// The no-trade signal's mean gain E[v − c | no-trade] ≤ 0 (nil when t = 0).
    public let noTradeMeanGain: Double?
    /// E[v − c; traded part] = (1 − t)·μ_traded.
    public let tradedGain: Double
    /// 1 − t: the prior mass of the traded part.
    public let tradedMass: Double

    /// The bracket width of the bisection for π*, relative to the traded part's mean.
    public static let relativeTolerance = 1e-13

    /// - Throws: `.noGainsFromTrade` when every value is at most the cost and some is below it.
    ///   Complexity O(n·log(1/tolerance)), times ~450 evaluations of t when some value is below the cost.
    public init(market: MonopolyMarket) throws {
        self.market = market
        let all = Self.gains(market).sorted { $0.w < $1.w }
        meanGain = all.reduce(0.0) { $0 + $1.p * $1.w }
        guard all.contains(where: { $0.w < 0 }) else {
            let rs = try Self.equalRevenue(all, market: market)
            (lowerEnd, upperEnd, bindingValue) = (rs.pi, rs.B, rs.binding)
            (excludedMass, noTradeMeanGain, tradedGain, tradedMass) = (0, nil, meanGain, all.reduce(0.0) { $0 + $1.p })
            return
        }
        guard all.contains(where: { $0.w > 0 }) else {
            throw CompetitiveInformationDesignError.noGainsFromTrade(cost: market.cost)
        }
        // The largest tail mass with mean ≤ 0.
        var tMax = 0.0, sum = 0.0
        for g in all {
            if sum + g.w * g.p <= 0 { tMax += g.p; sum += g.w * g.p; continue }
            tMax += -sum / g.w
            break
        }
        let csAt = { (t: Double) throws -> Double in
            let rest = Self.removingTail(all, mass: t)
            let m = rest.reduce(0.0) { $0 + $1.p * $1.w }
            guard m > 0 else { return 0 }
            let mass = rest.reduce(0.0) { $0 + $1.p }
            return m - mass * (try Self.equalRevenue(rest, market: market).pi)
        }
        let best = try Optimize.maximizeGlobal(csAt, in: 0, tMax, gridPoints: 401, tolerance: 1e-12)
        let t = best.maximizers[0]
        let rest = Self.removingTail(all, mass: t)
        let rs = try Self.equalRevenue(rest, market: market)
        (lowerEnd, upperEnd, bindingValue) = (rs.pi, rs.B, rs.binding)
        excludedMass = t
        let tail = all.reduce(0.0) { $0 + $1.p * $1.w } - rest.reduce(0.0) { $0 + $1.p * $1.w }
        noTradeMeanGain = t > 0 ? tail / t : nil
        tradedGain = rest.reduce(0.0) { $0 + $1.p * $1.w }
        tradedMass = rest.reduce(0.0) { $0 + $1.p }
    }

    /// The prior minus its lowest tail of the given mass (sorted by gain).
    static func removingTail(_ sorted: [(w: Double, p: Double)], mass t: Double) -> [(w: Double, p: Double)] {
        var left = t
        return sorted.compactMap { g in
            let cut = min(g.p, left)
            left -= cut
            return g.p - cut > 0 ? (g.w, g.p - cut) : nil
        }
    }

    /// RS on a sub-measure (normalised to a prior): the least π with G_{π,B(π)} a contraction, and the binding value.
    static func equalRevenue(_ measure: [(w: Double, p: Double)], market: MonopolyMarket) throws -> (pi: Double, B: Double, binding: Rational?) {
        let total = measure.reduce(0.0) { $0 + $1.p }
        let gains = measure.map { ($0.w, $0.p / total) }
        let mu = gains.reduce(0.0) { $0 + $1.1 * $1.0 }
        if gains.count == 1 || mu <= 0 { return (mu, mu, nil) }   // a point mass: every signal is uninformative
        // π ≥ min w is necessary (C_F(min w) = 0 < C_G(min w) otherwise); there C_G − C_F is quadratic
        // in π, so that case is decided exactly: π* = min w when G_{min w, B} is feasible. Otherwise
        // bisect on (max(min w, μ·1e-9), μ]: π = μ·1e-9 is infeasible (B would exceed max w by a factor ≈ e^(1e9)).
        let bottom = max(gains.map(\.0).min()!, mu * 1e-9)
        let pi: Double
        if isContraction(lowerEnd: bottom, gains: gains, mean: mu) {
            pi = bottom
        } else {
            pi = try Roots.bisect(in: bottom, mu, tolerance: mu * relativeTolerance) { pi in
                isContraction(lowerEnd: pi, gains: gains, mean: mu)
            }.holds
        }
        // The binding value: the bottom value when π* = min w, else the value in (π*, B*] with the least slack C_F − C_G.
        let value = { (w: Double) in market.values.first { ($0 - market.cost).doubleValue == w }! }
        let interior = gains.map(\.0).filter { $0 > pi * (1 + 1e-9) }
        let binding: Double
        if pi == bottom || interior.isEmpty {
            binding = gains.map(\.0).min()!
        } else {
            let slack = { (w: Double) in priorCallValue(gains, at: w) - signalCallValue(lowerEnd: pi, mean: mu, at: w) }
            binding = interior.min { slack($0) < slack($1) }!
        }
        return (pi, upperEnd(lowerEnd: pi, mean: mu), value(binding))
    }

    /// The prior as (gain w = v − c, probability) pairs with positive probability.
    static func gains(_ m: MonopolyMarket) -> [(w: Double, p: Double)] {
        m.values.indices.filter { m.prior[$0] > .zero }.map { ((m.values[$0] - m.cost).doubleValue, m.prior[$0].doubleValue) }
    }

    /// B = π·exp(μ/π − 1), the upper end giving G_{π,B} the mean μ.
    public static func upperEnd(lowerEnd pi: Double, mean mu: Double) -> Double { pi * exp(mu / pi - 1) }

    /// C_F(x) = E[(x − w)^+] for the prior.
    static func priorCallValue(_ gains: [(Double, Double)], at x: Double) -> Double {
        gains.reduce(0.0) { $0 + $1.1 * max(0, x - $1.0) }
    }

    /// C_G(x) = ∫_0^x G_{π,B} for the truncated equal-revenue law with mean μ.
    public static func signalCallValue(lowerEnd pi: Double, mean mu: Double, at x: Double) -> Double {
        if x <= pi { return 0 }
        if x >= upperEnd(lowerEnd: pi, mean: mu) { return x - mu }
        return x - pi - pi * log(x / pi)
    }

    /// Whether G_{π,B(π)} is a mean-preserving contraction of the prior: C_F ≥ C_G at every
    /// support point in [π, B] (in log form, B ≤ max w first, to avoid overflow of exp(μ/π)).
    static func isContraction(lowerEnd pi: Double, gains: [(Double, Double)], mean mu: Double) -> Bool {
        let top = gains.map(\.0).max() ?? 0
        guard top > 0, log(pi) + mu / pi - 1 <= log(top) * (1 + 1e-15) + 1e-15 else { return false }
        let scale = 1e-14 * max(1, mu)
        return gains.allSatisfy { g in
            priorCallValue(gains, at: g.0) - signalCallValue(lowerEnd: pi, mean: mu, at: g.0) >= -scale
        }
    }

    /// The price the seller charges in value units: c + π* (consumer-preferred tie) or c + B* (the highest optimal price).
    public func price(highestOptimalPrice: Bool) -> Double { market.cost.doubleValue + (highestOptimalPrice ? upperEnd : lowerEnd) }
    /// Producer surplus (1 − t)·π* (the same at every price in [c + π*, c + B*]).
    public var producerSurplus: Double { tradedMass * lowerEnd }
    /// Consumer surplus: (1 − t)(μ_traded − π*) at the lowest optimal price (the traded part buys);
    /// 0 at c + B* (only the atom at B* buys, at its value).
    public func consumerSurplus(highestOptimalPrice: Bool) -> Double { highestOptimalPrice ? 0 : tradedGain - producerSurplus }
    /// Total surplus: (1 − t)·μ_traded at c + π* (μ, efficient, when t = 0 and every value ≥ c); PS at c + B*.
    public func totalSurplus(highestOptimalPrice: Bool) -> Double { highestOptimalPrice ? producerSurplus : tradedGain }
    /// The prior mass (1 − t)·π*/B* of the atom at the top of the support ((1 − t) when the traded part is a point mass).
    public var upperAtom: Double { upperEnd > lowerEnd ? tradedMass * lowerEnd / upperEnd : tradedMass }

    /// The cdf of the consumer's interim (posterior-mean) value v: the no-trade atom t at c + its mean gain,
    /// plus (1 − t)·G_{π*,B*}(v − c).
    public func cdf(_ v: Double) -> Double {
        let w = v - market.cost.doubleValue
        let noTrade = noTradeMeanGain.map { w >= $0 ? excludedMass : 0 } ?? 0
        if w >= upperEnd { return noTrade + tradedMass }
        if w < lowerEnd { return noTrade }
        return noTrade + tradedMass * (1 - lowerEnd / w)
    }

    /// The prior cdf F(v) = P(value ≤ v).
    public func priorCdf(_ v: Double) -> Double {
        market.values.indices.reduce(0.0) { $0 + (market.values[$1].doubleValue <= v ? market.prior[$1].doubleValue : 0) }
    }
}
