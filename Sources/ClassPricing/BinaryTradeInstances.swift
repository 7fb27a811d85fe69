import Numerics

// Sec. III.4's bilateral trade with binomial types, as general as the paper
// states it: "a case with two versions … costs that are binomial and I.I.D.
// across versions", values likewise, values independent of costs. The paper
// then fixes an instance (values γ or 1 − γ, costs 1/3 or 2/3, each with
// probability ½); everything the solver computes holds for any two value
// levels, any two cost levels and any probabilities of the high level:
//
//   v_i ∈ {v_L, v_H}, P(v_i = v_H) = q_v;   c_i ∈ {c_L, c_H}, P(c_i = c_H) = q_c,
//
// i.i.d. over the versions i = 1, 2 and independent of each other. The
// symmetric parameterisation values {γ, 1 − γ}, costs {δ, 1 − δ} (γ, δ ∈ [0, ½])
// has both midpoints at ½; shifting each pair to its own midpoint m_v, m_c
// gives any two values and any two costs (spreads ≤ 1). A common shift of all
// values and costs changes no surplus or loss (prices shift with it), so only
// m_v − m_c matters. "Spread" below is v_H − v_L = 1 − 2γ
// and c_H − c_L = 1 − 2δ: the paper's "more (less) varied" valuations.

/// Which side of the trade a set of binomial types belongs to.
public enum BinaryTradeSide: String, Sendable {
    case value
    case cost
}

extension BilateralTrade {
    /// Two versions with binomial i.i.d. values v_L or v_H (v_H with probability
    /// `highValueProbability`) and costs c_L or c_H (c_H with probability
    /// `highCostProbability`), values independent of costs (Sec. III.4). Outcomes
    /// are listed low first, so the designer's own types enumerate as (low, low),
    /// (low, high), (high, low), (high, high).
    /// - Throws: `.unorderedLevels` unless low ≤ high; `.typeProbabilityOutOfRange` unless 0 < q < 1.
    public static func binomial(values: (low: T, high: T), highValueProbability qv: T,
                                costs: (low: T, high: T), highCostProbability qc: T) throws -> BilateralTrade<T> {
        try require(values.low <= values.high,
                    .unorderedLevels(side: .value, low: values.low.doubleValue, high: values.high.doubleValue))
        try require(costs.low <= costs.high,
                    .unorderedLevels(side: .cost, low: costs.low.doubleValue, high: costs.high.doubleValue))
        try require(qv > .zero && qv < T(1), .typeProbabilityOutOfRange(side: .value, probability: qv.doubleValue))
        try require(qc > .zero && qc < T(1), .typeProbabilityOutOfRange(side: .cost, probability: qc.doubleValue))
        let v = try DiscreteDistribution([(values.low, T(1) - qv), (values.high, qv)])
        let c = try DiscreteDistribution([(costs.low, T(1) - qc), (costs.high, qc)])
        return try BilateralTrade(values: [v, v], costs: [c, c])
    }

    /// Values γ or 1 − γ and costs δ or 1 − δ (γ, δ ∈ [0, ½]), the high level with
    /// probabilities q_v and q_c, each pair shifted so that its midpoint is
    /// m_v (m_c) instead of ½: values m_v ∓ (½ − γ), costs m_c ∓ (½ − δ). Any two
    /// value levels with spread ≤ 1 are γ = ½ − spread/2 with m_v their midpoint
    /// (likewise costs). The Appendix's instance is δ = 1/3, q_v = q_c = ½, m_v = m_c = ½.
    /// - Throws: `.gammaOutOfRange`, `.deltaOutOfRange` outside [0, ½]; as `binomial`.
    public static func symmetricLevels(gamma: T, delta: T, highValueProbability qv: T = T(1) / T(2),
                                       highCostProbability qc: T = T(1) / T(2),
                                       valueMidpoint mv: T = T(1) / T(2), costMidpoint mc: T = T(1) / T(2)) throws -> BilateralTrade<T> {
        let half = T(1) / T(2)
        try require(gamma >= .zero && gamma <= half, .gammaOutOfRange(gamma.doubleValue))
        try require(delta >= .zero && delta <= half, .deltaOutOfRange(delta.doubleValue))
        let sv = mv - half, sc = mc - half   // exactly 0 at the defaults, so the levels are γ, 1 − γ, δ, 1 − δ bit for bit
        return try binomial(values: (gamma + sv, T(1) - gamma + sv), highValueProbability: qv,
                            costs: (delta + sc, T(1) - delta + sc), highCostProbability: qc)
    }

    /// The Appendix example: two versions; values γ or 1 − γ and costs 1/3 or
    /// 2/3, each with probability ½, independent across versions.
    /// - Throws: `.gammaOutOfRange` unless 0 ≤ γ ≤ ½.
    public static func appendixExample(gamma: T) throws -> BilateralTrade<T> {
        try symmetricLevels(gamma: gamma, delta: T(1) / T(3))
    }

    /// The mirror image x ↦ 1 − x of a two-version binomial environment with
    /// the roles swapped: values 1 − c, costs 1 − v. Seller-Design-Buyer-Choice
    /// here is Buyer-Design-Seller-Choice there with the same payoffs (a price p
    /// becomes 1 − p: the seller's p − c is the buyer's (1 − c) − (1 − p), and the
    /// buyer's v − p the seller's (1 − p) − (1 − v)). So with values {γ, 1 − γ},
    /// costs {δ, 1 − δ} and q_v = 1 − q_c (and m_v = 1 − m_c), the two forms tie at γ = δ.
    /// - Throws: as `DiscreteDistribution.init` (never for a valid `self`).
    public func mirrored() throws -> BilateralTrade<T> {
        func flipped(_ d: DiscreteDistribution<T>) throws -> DiscreteDistribution<T> {
            try DiscreteDistribution(d.outcomes.reversed().map { (value: T(1) - $0.value, probability: $0.probability) })
        }
        return try BilateralTrade(values: try costs.map(flipped), costs: try values.map(flipped))
    }
}
