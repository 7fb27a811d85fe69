import Numerics

// Sec. III.3, Proposition 3 and its hypothesis (MSC+LR): for adjacent indices
// n, n+1 and all 0 < p < P < 1,
//   G_n(p, P) < G_{n+1}(p, P),  where
//   G_n(p, P) = [c_n/p][F_n(P) − F_n(p)]/[1 − F_n(P)] − [1 − F_n(p)]/[1 − F_n(P)].
// (The paper states P ∈ [p, 1]; at P = p every G_n equals −1, so the strict
// inequality can only hold for P > p, and at P = 1 it is undefined.)
// Proof of Prop. 3, (20)–(22): version n weakly prefers the higher price P to p
// iff −G_n(p, P) ≤ P/p, so (MSC+LR) is a single-crossing condition: a version
// with a higher index never strictly prefers a lower price than one below it.

/// The outcome of checking (MSC+LR) on a finite grid of (p, P).
public struct MSCLRCheck: Sendable, Equatable {
    /// The smallest scaled gap [G_{n+1}(p, P) − G_n(p, P)]/(P − p) over every
    /// adjacent pair n and every grid point; positive iff (MSC+LR) holds
    /// strictly on the grid. (Dividing by P − p keeps the margin away from the
    /// trivial 0 on the diagonal: the gap vanishes like P − p there.)
    /// +∞ when N = 1 (no pair to compare).
    public let margin: Double
    /// The 0-based lower index n of the pair (n, n+1) attaining the margin (−1 when N = 1).
    public let n: Int
    /// The grid point (p, P) attaining the margin.
    public let p: Double
    public let P: Double
    /// Grid points skipped because 1 − F_n(P) = 0 for a version of the pair
    /// (the inequality is undefined there).
    public let skipped: Int
    /// True when the margin is positive.
    public var holds: Bool { margin > 0 }
}

extension SellerProblem {
    /// G_n(p, P) of (MSC+LR) (0-based n). NaN when 1 − F_n(P) = 0.
    public func mscLRTerm(_ n: Int, p: Double, P: Double) -> Double {
        let F = versions[n].distribution.cdf
        return Self.mscLRTerm(cost: versions[n].cost, p: p, Fp: F(p), FP: F(P))
    }

    /// G(p, P) from c, p and the values F(p), F(P): the one formula the grid
    /// check and `mscLRTerm` share. NaN when 1 − F(P) = 0.
    @inline(__always)
    static func mscLRTerm(cost: Double, p: Double, Fp: Double, FP: Double) -> Double {
        let tail = 1 - FP
        if !(tail > 0) { return .nan }
        return (cost / p) * (FP - Fp) / tail - (1 - Fp) / tail
    }

    /// Checks (MSC+LR) in the given version order on the grid
    /// p = i/M < P = j/M, 1 ≤ i < j ≤ M − 1 (M = `gridSize`), for every
    /// adjacent pair, and returns the smallest scaled gap with its argmin
    /// (first in the order n, i, j). Points where 1 − F(P) = 0 for either
    /// version are skipped and counted.
    ///
    /// With `stopAtViolation`, returns as soon as a gap ≤ 0 is found (the
    /// margin is then that gap, not necessarily the minimum): used to reject
    /// random instances quickly.
    ///
    /// Each F_n is tabulated once on the grid (M cdf evaluations per
    /// version, not 2M² per pair); the terms are the same floating-point
    /// expressions as `mscLRTerm`, so the result is identical.
    ///
    /// - Complexity: O(N · M) cdf evaluations and O(N · M²) arithmetic.
    /// - Throws: `.gridSizeOutOfRange` unless 3 ≤ M ≤ 2000.
    public func checkMSCLR(gridSize M: Int = 100, stopAtViolation: Bool = false) throws -> MSCLRCheck {
        try require(M >= 3 && M <= 2000, .gridSizeOutOfRange(M))
        var best = MSCLRCheck(margin: .infinity, n: -1, p: .nan, P: .nan, skipped: 0)
        var skipped = 0
        guard N >= 2 else { return best }
        let grid = (0..<M).map { Double($0) / Double(M) }
        var upper = versions[0].distribution.cdf
        var upperF = grid.map { upper($0) }
        for n in 0..<(N - 1) {
            let lowerF = upperF, lowerCost = versions[n].cost, upperCost = versions[n + 1].cost
            upper = versions[n + 1].distribution.cdf
            upperF = grid.map { upper($0) }
            for i in 1..<(M - 1) {
                let p = grid[i]
                for j in (i + 1)..<M {
                    let P = grid[j]
                    let a = Self.mscLRTerm(cost: lowerCost, p: p, Fp: lowerF[i], FP: lowerF[j])
                    let b = Self.mscLRTerm(cost: upperCost, p: p, Fp: upperF[i], FP: upperF[j])
                    if a.isNaN || b.isNaN { skipped += 1; continue }
                    let gap = (b - a) / (P - p)
                    if gap < best.margin { best = MSCLRCheck(margin: gap, n: n, p: p, P: P, skipped: 0) }
                    if stopAtViolation && gap <= 0 { return MSCLRCheck(margin: gap, n: n, p: p, P: P, skipped: skipped) }
                }
            }
        }
        return MSCLRCheck(margin: best.margin, n: best.n, p: best.p, P: best.P, skipped: skipped)
    }
}

/// Brute force of Propositions 1–3 on one instance: for every K, all optimal
/// partitions (within 1e-12) over all Bell(N) set partitions, whether each is
/// an interval partition in the given (index) order, and the interval DP's value.
public struct NoInterlacingCheck: Sendable {
    /// K = index + 1.
    public let optimaByK: [[ClassPartition]]
    /// Brute-force optimal gross profit Σ π_k for each K.
    public let bruteForceValueByK: [Double]
    /// Interval-DP (`optimalIntervalPartitions`) gross profit for each K.
    public let intervalDPValueByK: [Double]
    /// The DP's partition for each K.
    public let intervalDPPartitionByK: [ClassPartition]

    /// Runs brute force and the interval DP on `problem`.
    /// - Complexity: O(2ᴺ + Bell(N)·N) plus N² class prices.
    /// - Throws: `.tooManyVersionsForBruteForce` unless N ≤ 12.
    public init(_ problem: SellerProblem) throws {
        let bf = try BruteForcePartitions.seller(problem)
        let dp = try problem.optimalIntervalPartitions(maxK: problem.N)
        optimaByK = bf.allOptimaByK
        bruteForceValueByK = bf.valueByK
        intervalDPValueByK = dp.map { $0.grossProfit }
        intervalDPPartitionByK = dp.map { $0.partition }
    }
}
