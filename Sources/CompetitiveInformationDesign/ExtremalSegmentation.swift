// The uniform profit-preserving segmentation of Bergemann, Brooks and Morris
// (2015, AER, "The Limits of Price Discrimination", Theorem 1 and its greedy
// "extremal market" construction), used in Sec. II.A and App. A1 (Theorem 1B
// of BBM) of the alignment paper, with a producer cost c.
import Numerics

/// One segment of a segmentation: its probability, its conditional residual
/// distribution, and the price the producer sets in it (the lowest residual).
public struct Segment: Sendable, Hashable {
    /// Probability of the segment (σ(x | c)).
    public let probability: Rational
    /// The conditional distribution x of the residual in the segment.
    public let distribution: ResidualDistribution
    /// The segment price: min supp x.
    public var price: Rational { distribution.support[0] }
}

/// The outcome of checking a segmentation against the properties required by
/// Theorem 1B of BBM (App. A1 of the alignment paper).
public struct SegmentationCheck: Sendable, Hashable {
    /// Σ σ(x) x = ν exactly and the σ sum to one.
    public let aggregatesToPrior: Bool
    /// In every segment the lowest residual is an optimal price.
    public let lowestValueOptimal: Bool
    /// In every segment the unsegmented optimal price p* is optimal.
    public let unsegmentedPriceOptimal: Bool
    /// In every segment every support point is optimal (the stronger property
    /// stated in App. A1; BBM's extremal segments satisfy it).
    public let everySupportPointOptimal: Bool
    /// Σ σ(x)·max-profit(x) — producer surplus with the segmentation.
    public let segmentedProfit: Rational
    /// Profit without segmentation, (p* − c)·ν(r ≥ p*).
    public let unsegmentedProfit: Rational
    /// Whether every residual in the support buys at its segment's price
    /// (the segment price is ≤ every residual of the segment: true by construction).
    public var producerSurplusUnchanged: Bool { segmentedProfit == unsegmentedProfit }
}

/// Constructors and checks for uniform profit-preserving segmentations.
public enum ExtremalSegmentation {

    /// The equal-profit ("extremal") distribution on a support S with cost c:
    /// every price in S earns s_1 − c (BBM 2015, Sec. II). Requires s_1 > c.
    static func equalProfitMasses(_ s: [Rational], cost c: Rational) -> [Rational] {
        let level = s[0] - c
        let tail = s.map { level / ($0 - c) }  // P(r ≥ s_k)
        return s.indices.map { k in k + 1 < s.count ? tail[k] - tail[k + 1] : tail[k] }
    }

    /// BBM's greedy extremal segmentation of ν (with cost c): repeatedly take
    /// the equal-profit distribution on the support of what remains, with the
    /// largest weight that keeps the remainder nonnegative. Every segment makes
    /// every support point (in particular its lowest point and, by BBM's
    /// argument, the unsegmented optimal price) optimal; producer surplus is
    /// unchanged and every residual buys.
    /// - Throws: `.costNotBelowResiduals` if some residual is ≤ c (the producer could not earn
    ///   a positive margin there). Complexity O(n²) exact operations (at most n
    ///   segments of size ≤ n).
    public static func bbmGreedy(_ nu: ResidualDistribution, cost c: Rational) throws -> [Segment] {
        guard nu.support[0] > c else {
            throw CompetitiveInformationDesignError.costNotBelowResiduals(cost: c, lowestResidual: nu.support[0])
        }
        var points = nu.support
        var remaining = nu.probabilities
        var segments: [Segment] = []
        while !points.isEmpty {
            let e = equalProfitMasses(points, cost: c)
            var alpha: Rational? = nil
            for k in points.indices {
                let ratio = remaining[k] / e[k]
                if alpha == nil || ratio < alpha! { alpha = ratio }
            }
            let a = alpha!
            segments.append(Segment(probability: a, distribution: try ResidualDistribution(masses: Array(zip(points, e)))))
            var nextPoints: [Rational] = []
            var nextRemaining: [Rational] = []
            for k in points.indices {
                let r = remaining[k] - a * e[k]
                if r > .zero { nextPoints.append(points[k]); nextRemaining.append(r) }
            }
            points = nextPoints
            remaining = nextRemaining
        }
        return segments
    }

    /// The two-level segmentation printed in Example 1: each residual w below
    /// the optimal price p* is pooled with a proportional slice of the mass at
    /// or above p*, just large enough that price w and price p* are equally
    /// profitable ((w − c) = (p* − c)·u/(m_w + u)); the leftover mass at or
    /// above p* forms one last segment priced at p*. Returns nil when the mass
    /// at or above p* is too small to pool every lower residual this way (then
    /// use `bbmGreedy`).
    /// - Throws: `.costNotBelowResiduals` as for `bbmGreedy`. Complexity O(n²).
    public static func proportionalPooling(_ nu: ResidualDistribution, cost c: Rational) throws -> [Segment]? {
        guard nu.support[0] > c else {
            throw CompetitiveInformationDesignError.costNotBelowResiduals(cost: c, lowestResidual: nu.support[0])
        }
        let pStar = nu.optimalPrices(cost: c).prices[0]
        let upper = zip(nu.support, nu.probabilities).filter { $0.0 >= pStar }
        let upperMass = upper.reduce(Rational.zero) { $0 + $1.1 }
        var used = Rational.zero
        var segments: [Segment] = []
        for (w, m) in zip(nu.support, nu.probabilities) where w < pStar {
            let u = m * (w - c) / (pStar - w)
            used += u
            let scale = u / upperMass
            let masses = [(w, m)] + upper.map { ($0.0, $0.1 * scale) }
            segments.append(Segment(probability: m + u, distribution: try ResidualDistribution(masses: masses)))
        }
        guard used <= upperMass else { return nil }
        if used < upperMass {
            let scale = (upperMass - used) / upperMass
            segments.append(Segment(probability: upperMass - used,
                                    distribution: try ResidualDistribution(masses: upper.map { ($0.0, $0.1 * scale) })))
        }
        return segments
    }

    /// Checks a segmentation against ν and cost c: aggregation, optimality of
    /// the lowest value and of the unsegmented optimal price (the smallest one
    /// if several) in every segment, and producer surplus. Exact. O(S·n²).
    public static func check(_ segments: [Segment], of nu: ResidualDistribution, cost c: Rational) -> SegmentationCheck {
        var agg: [Rational: Rational] = [:]
        var totalWeight = Rational.zero
        for s in segments {
            totalWeight += s.probability
            for (r, m) in zip(s.distribution.support, s.distribution.probabilities) { agg[r, default: .zero] += s.probability * m }
        }
        let aggregates = totalWeight == .one && agg.filter { $0.value != .zero }.count == nu.support.count
            && zip(nu.support, nu.probabilities).allSatisfy { agg[$0.0] == $0.1 }
        let unseg = nu.optimalPrices(cost: c)
        let pStar = unseg.prices.first ?? c
        var lowest = true, pstarOpt = true, every = true
        var segProfit = Rational.zero
        for s in segments {
            let opt = s.distribution.optimalPrices(cost: c)
            segProfit += s.probability * opt.profit
            if !opt.prices.contains(s.price) { lowest = false }
            if s.distribution.profit(price: pStar, cost: c) != opt.profit { pstarOpt = false }
            if opt.prices.count != s.distribution.support.count { every = false }
        }
        return SegmentationCheck(aggregatesToPrior: aggregates, lowestValueOptimal: lowest,
                                 unsegmentedPriceOptimal: pstarOpt, everySupportPointOptimal: every,
                                 segmentedProfit: segProfit, unsegmentedProfit: unseg.profit)
    }
}
