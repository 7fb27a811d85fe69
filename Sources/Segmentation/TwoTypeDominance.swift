// Sec 3.1, Sec 4.1.1 and App A.3 (Lemma 6): the two-type markets that Pareto
// dominate a given market, found exactly.
//
// Definition (Sec 3.1): f′ Pareto dominates f if supp f′ ⊆ supp f,
// CS(t, f′) ≥ CS(t, f) for every t in supp f′, and the inequality is strict
// for some t in supp f′ (weakly dominates: without the strict part). CS is
// the surplus in the selected optimal mechanism of each market.
//
// The two-type markets of f are, for each pair {t_i, t_j} ⊆ supp f (i < j),
// the open segment f(s) = (1 − s) e_i + s e_j, s ∈ (0, 1) (s = weight of t_j).
// `Environment.analyze` gives its exact pieces; the selected mechanism, hence
// CS and the dominance verdict, is constant on each piece, so one solve per
// piece decides every market of the pair exactly. (One-type markets, s = 0 or
// 1, are left out: the single type's surplus is 0 in any optimal mechanism,
// so they never dominate strictly.)
//
// For each strictly dominating piece the search also asks whether its
// representative f′ is the first segment of a Pareto-improving two-segment
// split of f (`splitWeights`, exact in ε). In a two-type environment this is
// complete: whether a segment q″ on the other side of q weakly dominates q does
// not depend on f′, and neither does whether p is optimal for f′ on a piece,
// so one f′ per piece suffices. With more types a split may exist for another
// f′ of the same piece; the search reports the representatives only.

import Numerics

/// One piece of a pair family compared with f.
public struct PairDominancePiece: Sendable {
    /// The pair (t_i, t_j), i < j; s is the weight of t_j.
    public let pair: (first: Int, second: Int)
    /// The piece of the family (lower < upper: open interval; equal: a point).
    public let piece: FamilyPiece
    /// The representative market f′ (the point, or the piece's midpoint),
    /// solved independently and compared with f.
    public let comparison: DominanceComparison
    /// For strictly dominating pieces: the split search with f′ first; nil otherwise.
    public let split: SplitWeightSearch?

    /// The representative market.
    public var market: Market { comparison.candidate.market }
}

/// All two-type markets of f, by pair and piece, with their verdicts.
public struct TwoTypeDominanceSearch: Sendable {
    /// f's selected optimal mechanism.
    public let original: OptimalMechanism
    /// Every interior piece of every pair family, pairs in lexicographic
    /// order, pieces in increasing s.
    public let pieces: [PairDominancePiece]

    /// The pieces whose markets Pareto dominate f.
    public var dominating: [PairDominancePiece] { pieces.filter { $0.comparison.dominates } }
    /// Whether some two-type market Pareto dominates f.
    public var someTwoTypeMarketDominates: Bool { pieces.contains { $0.comparison.dominates } }
    /// Whether some dominating piece's representative starts a
    /// Pareto-improving two-segment split.
    public var someSplitFound: Bool { pieces.contains { $0.split?.witness != nil } }
}

extension Environment {
    /// The exact search for two-type markets that Pareto dominate `market`
    /// (header of this file), with the split search for each dominating piece.
    ///
    /// - Complexity: for each of the ≤ n(n − 1)/2 pairs of supp f, one
    ///   `analyze` (O(V) oracle calls) and one selected mechanism per piece;
    ///   per strictly dominating piece one `splitWeights`.
    /// - Throws: `.marketSizeMismatch`; `.linearProgramFailed`.
    public func twoTypeDominance(of market: Market, selection: SelectionRule = .standard) throws -> TwoTypeDominanceSearch {
        try validate(market)
        let original = try optimalMechanism(for: market, selection: selection)
        let support = market.support
        var out: [PairDominancePiece] = []
        for (a, i) in support.enumerated() {
            for j in support[(a + 1)...] {
                var from = [Rational](repeating: .zero, count: typeCount)
                var to = from
                from[i] = 1; to[j] = 1
                let family = try MarketFamily(from: Market(from), to: Market(to))
                let analysis = try analyze(family, selection: selection)
                for piece in analysis.pieces where piece.upper > .zero && piece.lower < 1 {
                    let candidate = try optimalMechanism(for: family.market(at: piece.representative), selection: selection)
                    let comparison = DominanceComparison(candidate: candidate, original: original)
                    let split = comparison.dominates ? try splitWeights(of: market, first: candidate.market, selection: selection) : nil
                    out.append(PairDominancePiece(pair: (i, j), piece: piece, comparison: comparison, split: split))
                }
            }
        }
        return TwoTypeDominanceSearch(original: original, pieces: out)
    }
}
