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
public struct BuyerOptimalSignal: Sendable {
    public let market: MonopolyMarket
    /// π*: the lowest price in gains-from-trade units (the seller's profit).
    public let lowerEnd: Double
    /// B*: the upper end of the interim-value support in gains-from-trade units.
    public let upperEnd: Double
    /// The prior value at which the contraction constraint binds (nil when π* = μ: no information is optimal).
    public let bindingValue: Rational?
    /// μ = E[v − c].
    public let meanGain: Double

    /// The bracket width of the bisection for π*, relative to μ.
    public static let relativeTolerance = 1e-13

    /// - Throws: `.valueBelowCost` when some value with positive probability is below the cost
    ///   (no common knowledge of gains from trade). Complexity O(n·log(1/tolerance)).
    public init(market: MonopolyMarket) throws {
        if let k = market.values.indices.first(where: { market.prior[$0] > .zero && market.values[$0] < market.cost }) {
            throw CompetitiveInformationDesignError.valueBelowCost(index: k, value: market.values[k], cost: market.cost)
        }
        self.market = market
        let gains = Self.gains(market)
        let mu = gains.reduce(0.0) { $0 + $1.p * $1.w }
        meanGain = mu
        if gains.count == 1 || mu <= 0 {   // a point-mass prior: every signal is uninformative
            lowerEnd = mu; upperEnd = mu; bindingValue = nil
            return
        }
        // π ≥ min w is necessary (C_F(min w) = 0 < C_G(min w) otherwise); there C_G − C_F is quadratic
        // in π, so that case is decided exactly: π* = min w when G_{min w, B} is feasible. Otherwise
        // bisect on (max(min w, μ·1e-9), μ]: π = μ·1e-9 is infeasible (B would exceed max w by a factor ≈ e^(1e9)).
        let bottom = max(gains.map(\.w).min()!, mu * 1e-9)
        let pi: Double
        if Self.isContraction(lowerEnd: bottom, gains: gains, mean: mu) {
            pi = bottom
        } else {
            pi = try Roots.bisect(in: bottom, mu, tolerance: mu * Self.relativeTolerance) { pi in
                Self.isContraction(lowerEnd: pi, gains: gains, mean: mu)
            }.holds
        }
        lowerEnd = pi
        upperEnd = Self.upperEnd(lowerEnd: pi, mean: mu)
        // The binding value: the bottom value when π* = min w, else the value in (π*, B*] with the least slack C_F − C_G.
        let support = market.values.indices.filter { market.prior[$0] > .zero }
        let interior = support.map { k in (k, (market.values[k] - market.cost).doubleValue) }.filter { $0.1 > pi * (1 + 1e-9) }
        if pi == bottom || interior.isEmpty {
            bindingValue = support.map { market.values[$0] }.min()
        } else {
            bindingValue = interior.min { a, b in
                Self.priorCallValue(gains, at: a.1) - Self.signalCallValue(lowerEnd: pi, mean: mu, at: a.1)
                    < Self.priorCallValue(gains, at: b.1) - Self.signalCallValue(lowerEnd: pi, mean: mu, at: b.1)
            }.map { market.values[$0.0] }
        }
    }

    /// The prior as (gain w = v − c, probability) pairs with positive probability.
    static func gains(_ m: MonopolyMarket) -> [(w: Double, p: Double)] {
        m.values.indices.filter { m.prior[$0] > .zero }.map { ((m.values[$0] - m.cost).doubleValue, m.prior[$0].doubleValue) }
    }

    /// B = π·exp(μ/π − 1), the upper end giving G_{π,B} the mean μ.
    public static func upperEnd(lowerEnd pi: Double, mean mu: Double) -> Double { pi * exp(mu / pi - 1) }

    /// C_F(x) = E[(x − w)^+] for the prior.
    static func priorCallValue(_ gains: [(w: Double, p: Double)], at x: Double) -> Double {
        gains.reduce(0.0) { $0 + $1.p * max(0, x - $1.w) }
    }

    /// C_G(x) = ∫_0^x G_{π,B} for the truncated equal-revenue law with mean μ.
    public static func signalCallValue(lowerEnd pi: Double, mean mu: Double, at x: Double) -> Double {
        if x <= pi { return 0 }
        if x >= upperEnd(lowerEnd: pi, mean: mu) { return x - mu }
        return x - pi - pi * log(x / pi)
    }

    /// Whether G_{π,B(π)} is a mean-preserving contraction of the prior: C_F ≥ C_G at every
    /// support point in [π, B] (in log form, B ≤ max w first, to avoid overflow of exp(μ/π)).
    static func isContraction(lowerEnd pi: Double, gains: [(w: Double, p: Double)], mean mu: Double) -> Bool {
        let top = gains.map(\.w).max() ?? 0
        guard top > 0, log(pi) + mu / pi - 1 <= log(top) * (1 + 1e-15) + 1e-15 else { return false }
        let scale = 1e-14 * max(1, mu)
        return gains.allSatisfy { g in
            priorCallValue(gains, at: g.w) - signalCallValue(lowerEnd: pi, mean: mu, at: g.w) >= -scale
        }
    }

    /// The price the seller charges in value units: c + π* (consumer-preferred tie) or c + B* (the highest optimal price).
    public func price(highestOptimalPrice: Bool) -> Double { market.cost.doubleValue + (highestOptimalPrice ? upperEnd : lowerEnd) }
    /// Producer surplus π* (the same at every optimal price).
    public var producerSurplus: Double { lowerEnd }
    /// Consumer surplus: μ − π* at the lowest optimal price (everyone buys); 0 at c + B* (only the atom at B* buys, at its value).
    public func consumerSurplus(highestOptimalPrice: Bool) -> Double { highestOptimalPrice ? 0 : meanGain - lowerEnd }
    /// Total surplus: μ (efficient: every value ≥ c trades) at c + π*; π* at c + B* (only the atom, mass π*/B*, trades).
    public func totalSurplus(highestOptimalPrice: Bool) -> Double { highestOptimalPrice ? lowerEnd : meanGain }
    /// The mass π*/B* of the atom at the top of the support (1 when no information is optimal).
    public var upperAtom: Double { upperEnd > lowerEnd ? lowerEnd / upperEnd : 1 }

    /// The cdf of the consumer's interim (posterior-mean) value v: G(v − c).
    public func cdf(_ v: Double) -> Double {
        let w = v - market.cost.doubleValue
        if w >= upperEnd { return 1 }
        if w < lowerEnd { return 0 }
        return 1 - lowerEnd / w
    }

    /// The prior cdf F(v) = P(value ≤ v).
    public func priorCdf(_ v: Double) -> Double {
        market.values.indices.reduce(0.0) { $0 + (market.values[$1].doubleValue <= v ? market.prior[$1].doubleValue : 0) }
    }
}
