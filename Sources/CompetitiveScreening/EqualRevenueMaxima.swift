// Theorem 3.1 / Corollary 3.1: under density-regularity the best response is
// single-valued. Off that condition it can be two-valued: this tuner moves
// one parameter (an opponent's price, or a mixture weight) until firm 1's two
// local revenue maxima are equal, exhibiting a two-valued BR_1.

import Foundation
import Distributions
import Numerics

/// The one parameter a tie search tunes.
public enum TieSearchParameter: Sendable, Equatable {
    /// The posted price p_j of opponent j (0-based).
    case opponentPrice(opponent: Int)
    /// The weight w of firm k's valuation distribution w·low + (1 − w)·high.
    case mixtureWeight(firm: Int, low: TypeDistribution, high: TypeDistribution)
}

/// A parameter value at which firm 1's revenue has two global maximisers.
public struct EqualRevenueMaxima: Sendable, Equatable {
    /// The tuned parameter's value.
    public let parameter: Double
    /// The valuation distributions at that value (firm 1 first).
    public let valuations: [TypeDistribution]
    /// The price profile at that value (firm 1's entry is 0).
    public let prices: [Double]
    /// The best price below the split (given or found) and its revenue.
    public let low: RevenuePoint
    /// The best price above the split (given or found) and its revenue.
    public let high: RevenuePoint
    /// The full global best response of firm 1 there (401-point grid and polish).
    public let response: PostedPriceBestResponse
    /// For each firm, min over [0, θ̄] of 2f(θ) + θ f′(θ) (Def 3.1, by
    /// `DensityConditionChecker`; −∞ when not applicable): evidence that it holds.
    public let densityRegularityMinima: [Double]
}

extension PostedPriceMarket {
    /// Tunes one parameter t (an opponent's price, or the weight of a mixture)
    /// by Brent's root finder on t ↦ max_{p ≤ split} ER_1 − max_{p ≥ split} ER_1
    /// over `range` until firm 1's two local revenue maxima are equal: at the
    /// root BR_1 has two global maximisers (Theorem 3.1 and Corollary 3.1 say it
    /// is single-valued under density-regularity). Both maxima must be interior
    /// to their sides (farther than two grid steps from the split), else the
    /// revenue is single-peaked there (`.splitNotBetweenMaxima`); `.maximaDoNotSwap`
    /// when the difference does not change sign on `range`.
    ///
    /// Without a `split` (nil), the split is found: every local maximum of
    /// ER_1 over [0, θ̄_1] is located (`Optimize.maximizeGlobal` on the
    /// `gridPoints` grid, FOC-polished as in `bestResponse`) at the dyadic
    /// points of `range` and then its ends, and at the first t with two or
    /// more the split is the midpoint of the two largest (a split
    /// is needed at every t: near an end of `range` one maximum can vanish,
    /// its side's best price then being the split itself). At the root the two
    /// side maxima are then interior local maxima, as with a given split.
    /// `.fewerThanTwoLocalMaxima` (the tuned value with the fewest) when ER_1
    /// is single-peaked at all 33 values tried.
    public static func equalRevenueMaxima(valuations: [TypeDistribution], prices: [Double], tuning: TieSearchParameter,
                                          range: ClosedRange<Double>, split given: Double?, copula: Copula = .independent,
                                          tieBreaking: TieBreaking = .weak, gridPoints: Int = 401) throws -> EqualRevenueMaxima {
        try require(valuations.count >= 2, .tooFewFirms(valuations.count))
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, .setting(.bestResponseGrid, value: "\(gridPoints)", allowed: "between 3 and 10⁶ grid points"))
        if let split = given { try require(split > 0 && split < valuations[0].upper, .splitOutsideSupport(split: split, upper: valuations[0].upper)) }
        try require(range.lowerBound < range.upperBound,
                    .tuningInterval(lower: range.lowerBound, upper: range.upperBound, allowed: "with lower < upper"))
        switch tuning {
        case let .opponentPrice(j):
            try require(j >= 1 && j < valuations.count, .tunedOpponent(j, firms: valuations.count))
            try require(range.lowerBound >= 0 && range.upperBound <= valuations[j].upper,
                        .tuningInterval(lower: range.lowerBound, upper: range.upperBound,
                                        allowed: "of prices inside [0, θ̄_\(j + 1)] = [0, \(TypeDistribution.number(valuations[j].upper))]"))
        case let .mixtureWeight(k, low, high):
            try require(k >= 0 && k < valuations.count, .noSuchFirm(k, firms: valuations.count))
            try require(high.upper == low.upper, .mixtureSupports(low: low.upper, high: high.upper))
            try require(range.lowerBound >= 0 && range.upperBound <= 1,
                        .tuningInterval(lower: range.lowerBound, upper: range.upperBound, allowed: "of weights inside [0, 1]"))
        }
        func instance(_ t: Double) throws -> (market: PostedPriceMarket, prices: [Double]) {
            var ds = valuations, ps = prices
            ps[0] = 0
            switch tuning {
            case let .opponentPrice(j): ps[j] = t
            case let .mixtureWeight(k, low, high):
                ds[k] = try valuationLaw { try TypeDistribution(.mixture(weights: [t, 1 - t], components: [low, high]), upper: low.upper) }
            }
            let m = try PostedPriceMarket(valuations: ds, copula: copula, tieBreaking: tieBreaking)
            try m.checkPrices(ps)
            return (m, ps)
        }
        let spacing = valuations[0].upper / Double(gridPoints - 1)
        /// Without a split: the first tuned value t (the dyadic points 1/2,
        /// 1/4, 3/4, … 31/32 of `range`, then its ends) at which ER_1 has two
        /// or more local maxima over [0, θ̄_1] (`smoothLocalMaxima`, i.e.
        /// `Optimize.maximizeGlobal`); the split is the midpoint of the two
        /// largest (not the revenue valley between them: a narrow hump's
        /// valley sits at its foot, which the hump crosses as t moves).
        func separatingPrice() throws -> Double {
            var ts: [Double] = []
            for level in 1...5 {
                let n = 1 << level
                for k in stride(from: 1, to: n, by: 2) { ts.append(range.lowerBound + (range.upperBound - range.lowerBound) * Double(k) / Double(n)) }
            }
            ts += [range.lowerBound, range.upperBound]
            var fewest = Int.max, fewestAt = range.lowerBound
            for t in ts {
                let (m, ps) = try instance(t)
                let all = try m.smoothLocalMaxima(firm: 0, prices: ps, in: 0, m.valuations[0].upper, gridPoints: gridPoints)
                if all.count < fewest { fewest = all.count; fewestAt = t }
                guard all.count >= 2 else { continue }
                let top = all.sorted { $0.revenue > $1.revenue }.prefix(2).map(\.price)
                return (top[0] + top[1]) / 2
            }
            throw CompetitiveScreeningError.fewerThanTwoLocalMaxima(parameter: fewestAt, found: fewest)
        }
        let split = try given ?? separatingPrice()
        func sides(_ t: Double) throws -> (low: RevenuePoint, high: RevenuePoint) {
            let (m, ps) = try instance(t)
            let l = try m.smoothLocalMaxima(firm: 0, prices: ps, in: 0, split, gridPoints: gridPoints).max { $0.revenue < $1.revenue }!
            let h = try m.smoothLocalMaxima(firm: 0, prices: ps, in: split, m.valuations[0].upper, gridPoints: gridPoints)
                .max { $0.revenue < $1.revenue }!
            return (l, h)
        }
        let a = try sides(range.lowerBound), b = try sides(range.upperBound)
        let da = a.low.revenue - a.high.revenue, db = b.low.revenue - b.high.revenue
        try require(da * db < 0, .maximaDoNotSwap(differenceAtLower: da, differenceAtUpper: db))
        let root = try Roots.brent({ t in let s = try sides(t); return s.low.revenue - s.high.revenue },
                                   in: range.lowerBound, range.upperBound, absoluteTolerance: 1e-15, relativeTolerance: 0)
        let (m, ps) = try instance(root.root)
        let s = try sides(root.root)
        try require(split - s.low.price > 2 * spacing && s.high.price - split > 2 * spacing,
                    .splitNotBetweenMaxima(split: split, low: s.low.price, high: s.high.price))
        let checker = try DensityConditionChecker()
        let margins = m.valuations.map { checker.check(.densityRegularity, $0).raw?.margin ?? -.infinity }
        return EqualRevenueMaxima(parameter: root.root, valuations: m.valuations, prices: ps, low: s.low, high: s.high,
                                  response: try m.bestResponseUnchecked(firm: 0, prices: ps, gridPoints: gridPoints),
                                  densityRegularityMinima: margins)
    }
}
