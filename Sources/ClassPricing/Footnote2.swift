import Foundation
import Numerics

// Footnote 2: equally spaced costs (h, 2h, …, Nh) with uniform F (the paper
// takes h = 0.01 and N < 100).
//
// Derivation used here. For K | N the optimal classes are K blocks of
// m = N/K consecutive costs (Finding 1; the DP confirms it), each with SSD
// h²(m³ − m)/12, so SSD* = h² N (N² − K²)/(12 K²). By (5) the loss from class
// pricing in the net advantage (6)–(7) is SSD*/(4N) = h²(N² − K²)/(48 K²)
// (the paper's (6)–(7) drop the factor 1/4 that (5) carries). Treating K as
// continuous, (N − K) r/B − h²(N² − K²)/(48 K²) is maximised where
//   24 r K³ = h² B N²   (for h = 0.01: 240000 r K³ = B N²).

extension UniformClassPricing {
    /// The solver for costs (h, 2h, …, Nh).
    /// - Throws: `.noVersions` unless N ≥ 1; `.invalidCostStep` unless h > 0 and N·h ≤ 1.
    public static func equallySpaced(N: Int, step h: Rational) throws -> UniformClassPricing {
        try require(N >= 1, .noVersions)
        try require(h > .zero && Rational(N) * h <= .one, .invalidCostStep(versions: N, step: h))
        return try UniformClassPricing(costs: (1...N).map { Rational($0) * h })
    }

    /// The closed form h²(N² − K²)/(48 K²) of the loss SSD*/(4N) for K | N
    /// (exact only then; nil otherwise).
    public static func equallySpacedLoss(N: Int, K: Int, step h: Rational) -> Rational? {
        guard K >= 1, K <= N, N % K == 0 else { return nil }
        return h * h * Rational(N * N - K * K) / Rational(48 * K * K)
    }

    /// The continuous optimum K = (h² B N² / (24 r))^{1/3} of the net advantage
    /// for equally spaced costs (+∞ when r = 0); not clamped to [1, N].
    public static func equallySpacedContinuumK(N: Int, step h: Double, rOverB: Double) -> Double {
        rOverB <= 0 ? .infinity : cbrt(h * h * Double(N * N) / (24 * rOverB))
    }
}
