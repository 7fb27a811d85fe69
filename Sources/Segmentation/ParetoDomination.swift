// Section 3.1: Pareto domination between markets and Pareto-improving
// segmentations.
//
// Definitions (Sec 3.1, verbatim in substance):
// * f' weakly Pareto dominates f if the set of types in f' is a subset of the
//   set of types in f and CS(t, f') ≥ CS(t, f) for every type t in f'; it
//   Pareto dominates f if, in addition, the inequality is strict for some
//   type in f'. (Revenue plays no role in domination between markets.)
// * A segmentation of f is a distribution μ over finitely many markets with
//   E_{f'∼μ}[f'] = f (Sec 3). It is Pareto improving if every segment weakly
//   Pareto dominates f, some segment Pareto dominates f, and the segmentation
//   strictly increases the seller's revenue: Σ_i μ_i R(f_i) > R(f), where R
//   is the optimal revenue (the comparison is in aggregate, not per segment).

import Numerics

/// The outcome of comparing a candidate market f' with a market f.
public enum DominanceVerdict: String, Sendable, Hashable, CustomStringConvertible {
    /// f' Pareto dominates f (weakly, and strictly for some type in f').
    case dominates
    /// f' weakly but not strictly Pareto dominates f.
    case weaklyDominates = "weakly-dominates"
    /// f' does not weakly Pareto dominate f.
    case doesNotDominate = "does-not-dominate"
    public var description: String { rawValue }
}

/// A type-by-type comparison of CS(t, f') with CS(t, f).
public struct DominanceComparison: Sendable {
    /// The candidate f' (selected optimal mechanism and market).
    public let candidate: OptimalMechanism
    /// The original f.
    public let original: OptimalMechanism
    /// Whether supp f' ⊆ supp f.
    public let supportIsSubset: Bool
    /// CS(t, f') − CS(t, f) for t in supp f' ∩ supp f, nil otherwise.
    public let surplusChange: [Rational?]
    /// The verdict.
    public let verdict: DominanceVerdict

    /// Compares two already solved markets of the same environment. O(n·k).
    public init(candidate: OptimalMechanism, original: OptimalMechanism) {
        self.candidate = candidate
        self.original = original
        let inOriginal = Set(original.market.support)
        supportIsSubset = candidate.market.support.allSatisfy { inOriginal.contains($0) }
        var change = [Rational?](repeating: nil, count: candidate.environment.typeCount)
        for t in candidate.market.support where inOriginal.contains(t) {
            change[t] = candidate.mechanism.surplus(t)! - original.mechanism.surplus(t)!
        }
        surplusChange = change
        if !supportIsSubset || change.contains(where: { $0 != nil && $0! < .zero }) {
            verdict = .doesNotDominate
        } else if change.contains(where: { $0 != nil && $0! > .zero }) {
            verdict = .dominates
        } else {
            verdict = .weaklyDominates
        }
    }

    /// Whether f' weakly Pareto dominates f.
    public var weaklyDominates: Bool { verdict != .doesNotDominate }
    /// Whether f' Pareto dominates f.
    public var dominates: Bool { verdict == .dominates }
}

/// A segment μ_i f_i of a segmentation.
public struct Segment: Sendable, Hashable {
    /// μ_i > 0.
    public let weight: Rational
    /// f_i.
    public let market: Market
    /// A segment (validated by `MarketSegmentation.init`). O(1).
    public init(weight: Rational, market: Market) { self.weight = weight; self.market = market }
}

/// A segmentation of a market: finitely many segments whose weights are
/// positive and sum to one. (Named `MarketSegmentation` because the module is
/// called `Segmentation`.)
public struct MarketSegmentation: Sendable, Hashable {
    /// The segments, in the order given.
    public let segments: [Segment]

    /// Validates the weights.
    ///
    /// - Complexity: O(s·n).
    /// - Throws: `.emptySegmentation`, `.nonPositiveSegmentWeight`,
    ///   `.segmentWeightsSum` (not one) or `.segmentSizesDiffer`.
    public init(_ segments: [Segment]) throws {
        guard let first = segments.first else {
            throw SegmentationError.emptySegmentation
        }
        if let bad = segments.firstIndex(where: { $0.weight <= .zero }) {
            throw SegmentationError.nonPositiveSegmentWeight(segment: bad, weight: segments[bad].weight)
        }
        let total = segments.reduce(Rational.zero) { $0 + $1.weight }
        guard total == 1 else {
            throw SegmentationError.segmentWeightsSum(total: total)
        }
        guard segments.allSatisfy({ $0.market.weights.count == first.market.weights.count }) else {
            throw SegmentationError.segmentSizesDiffer
        }
        self.segments = segments
    }

    /// Σ_i μ_i f_i, the market this segmentation segments. O(s·n).
    public func average() throws -> Market {
        let n = segments[0].market.weights.count
        var w = [Rational](repeating: .zero, count: n)
        for s in segments { for t in 0..<n { w[t] += s.weight * s.market[t] } }
        return try Market(w)
    }
}

/// The independent check that a segmentation is Pareto improving (Sec 3.1).
public struct SegmentationVerification: Sendable {
    /// The original market's selected optimal mechanism.
    public let original: OptimalMechanism
    /// Each segment's selected optimal mechanism, compared with the original.
    public let comparisons: [DominanceComparison]
    /// The segment weights μ_i.
    public let weights: [Rational]
    /// R(f).
    public let originalRevenue: Rational
    /// Σ_i μ_i R(f_i).
    public let segmentedRevenue: Rational

    /// Every segment weakly Pareto dominates f.
    public var everySegmentWeaklyDominates: Bool { comparisons.allSatisfy(\.weaklyDominates) }
    /// Some segment Pareto dominates f.
    public var someSegmentDominates: Bool { comparisons.contains(where: \.dominates) }
    /// The segmentation strictly increases revenue.
    public var revenueStrictlyIncreases: Bool { segmentedRevenue > originalRevenue }
    /// Non-trivial: not every segment equals the original market.
    public var isNonTrivial: Bool { comparisons.contains { $0.candidate.market != original.market } }
    /// All three conditions of Sec 3.1.
    public var isParetoImproving: Bool { everySegmentWeaklyDominates && someSegmentDominates && revenueStrictlyIncreases }

    /// Which conditions fail, in words (empty when Pareto improving).
    public var failures: [String] {
        var out: [String] = []
        let names = original.environment.typeNames
        for (i, c) in comparisons.enumerated() where !c.weaklyDominates {
            if !c.supportIsSubset {
                out.append("segment \(i) contains a type outside the original market")
            }
            for t in c.candidate.market.support {
                if let d = c.surplusChange[t], d < .zero {
                    out.append("segment \(i): CS(\(names[t])) falls by \(-d)")
                }
            }
        }
        if !someSegmentDominates { out.append("no segment gives some type strictly more surplus") }
        if !revenueStrictlyIncreases { out.append("revenue does not rise (\(segmentedRevenue) vs \(originalRevenue))") }
        return out
    }
}

extension Environment {
    /// Compares CS(·, f') with CS(·, f) under `selection` (Sec 3.1).
    ///
    /// - Complexity: two selected optimal mechanisms.
    /// - Throws: `.marketSizeMismatch` for markets of the wrong
    ///   length; `.linearProgramFailed`.
    public func dominance(of candidate: Market, over original: Market, selection: SelectionRule = .standard) throws -> DominanceComparison {
        DominanceComparison(candidate: try optimalMechanism(for: candidate, selection: selection),
                            original: try optimalMechanism(for: original, selection: selection))
    }

    /// Verifies independently that `segmentation` of `market` is Pareto
    /// improving: it recomputes the selected optimal mechanism of every
    /// segment from scratch and checks the three conditions of Sec 3.1.
    ///
    /// - Complexity: s + 1 selected optimal mechanisms (s segments).
    /// - Throws: `.segmentationAverage` when the segments do not average to
    ///   `market` exactly; `.marketSizeMismatch`
    ///   for wrong lengths; `.linearProgramFailed`.
    public func verifyParetoImprovement(of market: Market, by segmentation: MarketSegmentation, selection: SelectionRule = .standard) throws -> SegmentationVerification {
        try verifyParetoImprovement(of: market, by: segmentation, selection: selection, solved: [])
    }

    /// As the public `verifyParetoImprovement`, taking the selected
    /// mechanism of a market from `solved` when it is listed there (same
    /// market and selection rule: `optimalMechanism` is deterministic, so
    /// this is the value it would return) instead of solving it again.
    func verifyParetoImprovement(of market: Market, by segmentation: MarketSegmentation, selection: SelectionRule,
                                 solved known: [OptimalMechanism]) throws -> SegmentationVerification {
        try validate(market)
        guard try segmentation.average() == market else {
            throw SegmentationError.segmentationAverage(average: try segmentation.average(), market: market)
        }
        func optimum(_ f: Market) throws -> OptimalMechanism {
            if let hit = known.first(where: { $0.market == f && $0.selection == selection }) { return hit }
            return try optimalMechanism(for: f, selection: selection)
        }
        let original = try optimum(market)
        var comparisons: [DominanceComparison] = []
        var revenue = Rational.zero
        for segment in segmentation.segments {
            let solved = try optimum(segment.market)
            comparisons.append(DominanceComparison(candidate: solved, original: original))
            revenue += segment.weight * solved.revenue
        }
        return SegmentationVerification(original: original, comparisons: comparisons,
                                        weights: segmentation.segments.map(\.weight),
                                        originalRevenue: original.revenue, segmentedRevenue: revenue)
    }
}
