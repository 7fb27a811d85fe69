// Section 3.1 and Theorem 1 (Sec 4.2), without the genericity assumption: the
// exact set of weights ε for which the two-segment segmentation
//   f = ε f′ + (1 − ε) f″,   f″ = (f − ε f′)/(1 − ε),
// with a given first segment f′ is Pareto improving.
//
// As ε runs over (0, b], b = min_{t ∈ supp f′} f(t)/f′(t) (the largest weight
// keeping f″ ≥ 0), f″ = f + λ (f − f′) with λ = ε/(1 − ε) moves along the
// segment from f to h = (f − b f′)/(1 − b); so the f″ are the family
// g(s) = (1 − s) f + s h, s ∈ (0, 1], with ε(s) = s b/(1 − b + s b) (increasing
// in s). `Environment.analyze` gives its exact pieces. On an open piece the
// selected mechanism of g(s) is constant (so CS(·, f″) and hence "f″ weakly
// dominates f" are constant) and g(s) has one optimal payment vertex, so
// whether f's selected payment rule p is optimal for f″ too is constant; the
// revenue rises strictly iff p is not optimal for both f′ and f″ (R convex,
// f = ε f′ + (1 − ε) f″, footnote 9). Hence the verdict of Sec 3.1's three
// conditions is constant on every piece, and checking one representative per
// piece (independently, `verifyParetoImprovement`) gives the exact ε-set.
//
// When f has a unique optimal payment rule and f′ is Prop. 2's dominating
// market, Theorem 1's ε* = min(ε̄, b) is a lower bound of the supremum of the
// run of improving weights that starts at 0 (ε̄ keeps p uniquely optimal and
// so CS unchanged; beyond ε̄, f″ may still weakly dominate f). At a market
// with several optimal payment rules (Figure 4's ties) Theorem 1 does not
// apply but the search does.

import Numerics

/// A maximal run of weights: an interval of (0, 1] with open or closed ends
/// (lower == upper, both closed, for a single weight).
public struct WeightInterval: Sendable, Hashable, CustomStringConvertible {
    /// Lower end.
    public let lower: Rational
    /// Upper end.
    public let upper: Rational
    /// Whether `lower` belongs to the interval.
    public let lowerClosed: Bool
    /// Whether `upper` belongs to the interval.
    public let upperClosed: Bool
    /// "(0, 2/15]", "{1/5}".
    public var description: String {
        lower == upper ? "{\(lower)}" : (lowerClosed ? "[" : "(") + "\(lower), \(upper)" + (upperClosed ? "]" : ")")
    }
}

/// The exact set of weights ε for which {ε: f′, 1 − ε: f″} is Pareto improving.
public struct SplitWeightSearch: Sendable {
    /// f.
    public let market: Market
    /// f′, the first segment.
    public let first: Market
    /// b = min_{t ∈ supp f′} f(t)/f′(t): ε ≤ b keeps f″ a market.
    public let supportBound: Rational
    /// The improving weights, as maximal runs in increasing order (empty: no
    /// weight works).
    public let improvingWeights: [WeightInterval]
    /// A verified Pareto-improving split: at ε*/2 when a run starts at 0,
    /// else at the first improving piece's representative weight; nil if none.
    public let witness: SegmentationVerification?
    /// The witness segmentation.
    public let witnessSegmentation: MarketSegmentation?

    /// The supremum of the run of improving weights (0, ε*) that starts at 0,
    /// nil when no run starts at 0.
    public var safeWeightSupremum: Rational? {
        guard let r = improvingWeights.first, r.lower == .zero else { return nil }
        return r.upper
    }
}

extension Environment {
    /// The exact set of weights ε ∈ (0, b] for which f = ε f′ + (1 − ε) f″ is
    /// a Pareto-improving segmentation (header of this file).
    ///
    /// - Complexity: one `analyze` of the family from f to h (O(V) oracle
    ///   calls) plus one verification (three selected mechanisms) per piece.
    /// - Throws: `.familyEndsEqual` when f′ = f; `.constructionFailed` when
    ///   supp f′ ⊄ supp f (no segmentation of f has f′ as a segment);
    ///   `.marketSizeMismatch`; `.linearProgramFailed`.
    public func splitWeights(of market: Market, first: Market, selection: SelectionRule = .standard) throws -> SplitWeightSearch {
        try validate(market)
        try validate(first)
        guard first != market else {
            throw SegmentationError.familyEndsEqual
        }
        guard first.support.allSatisfy({ market[$0] > .zero }) else {
            throw SegmentationError.constructionFailed(reason: "the segment \(first) has a type outside the market \(market)")
        }
        let bound = first.support.map { market[$0] / first[$0] }.min()!
        // b < 1 because f′ ≠ f and both sum to one.
        let far = try Market((0..<typeCount).map { (market[$0] - bound * first[$0]) / (1 - bound) })
        let analysis = try analyze(MarketFamily(from: market, to: far), selection: selection)
        func weight(_ s: Rational) -> Rational { s * bound / (1 - bound + s * bound) }
        func split(_ s: Rational) throws -> MarketSegmentation {
            let eps = weight(s)
            return try MarketSegmentation([Segment(weight: eps, market: first),
                                           Segment(weight: 1 - eps, market: analysis.family.market(at: s))])
        }
        // Pieces after the point s = 0 (which is f itself, ε = 0).
        var improving: [Bool] = []
        for piece in analysis.pieces.dropFirst() {
            improving.append(try verifyParetoImprovement(of: market, by: split(piece.representative), selection: selection).isParetoImproving)
        }
        var runs: [WeightInterval] = []
        var start: Int? = nil
        let pieces = Array(analysis.pieces.dropFirst())
        for i in 0...pieces.count {
            if i < pieces.count && improving[i] {
                if start == nil { start = i }
                continue
            }
            guard let a = start else { continue }
            let lo = pieces[a], hi = pieces[i - 1]
            runs.append(WeightInterval(lower: weight(lo.lower), upper: weight(hi.upper), lowerClosed: lo.isPoint, upperClosed: hi.isPoint))
            start = nil
        }
        var witness: SegmentationVerification? = nil
        var segmentation: MarketSegmentation? = nil
        if let firstRun = runs.first {
            let s: Rational
            if firstRun.lower == .zero {
                // ε*/2 ↦ s: invert ε = s b/(1 − b + s b).
                let eps = firstRun.upper / 2
                s = eps * (1 - bound) / (bound * (1 - eps))
            } else {
                s = pieces[improving.firstIndex(of: true)!].representative
            }
            let candidate = try split(s)
            let check = try verifyParetoImprovement(of: market, by: candidate, selection: selection)
            guard check.isParetoImproving else {
                throw SegmentationError.constructionFailed(reason: "the split at weight \(weight(s)) lies in an improving run but fails the verification (\(check.failures.joined(separator: "; ")))")
            }
            witness = check
            segmentation = candidate
        }
        return SplitWeightSearch(market: market, first: first, supportBound: bound, improvingWeights: runs,
                                 witness: witness, witnessSegmentation: segmentation)
    }
}

extension Environment {
    /// A two-segment Pareto-improving split of a market with several optimal
    /// payment rules (where Theorem 1's ε̄ is undefined): first the exact
    /// weight search with Prop. 2's dominating market f′ as the first
    /// segment, then, if no weight works, with each two-type market that
    /// dominates f (`twoTypeDominance`, pieces in order). Returns the first
    /// search with a verified witness, else the search with Prop. 2's f′
    /// (empty). In a two-type environment an empty answer means no
    /// two-segment split exists (see `twoTypeDominance`).
    ///
    /// - Complexity: one construction, then one `splitWeights`, and at most
    ///   one `twoTypeDominance`.
    /// - Throws: `.efficientMarket` for efficient markets; others as
    ///   `dominatingMarket` and `splitWeights`.
    public func splitSearchAtTiedMarket(of market: Market, selection: SelectionRule = .standard) throws -> SplitWeightSearch {
        let construction = try dominatingMarket(for: market, selection: selection)
        let first = try splitWeights(of: market, first: construction.dominatingMarket, selection: selection)
        if first.witness != nil { return first }
        let pairs = try twoTypeDominance(of: market, selection: selection)
        return pairs.pieces.compactMap(\.split).first { $0.witness != nil } ?? first
    }
}
