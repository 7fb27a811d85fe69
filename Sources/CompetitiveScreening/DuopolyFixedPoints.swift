// Corollary 3.1 for duopolies: does a pure posted-price equilibrium exist?
// A scan of the composite best response p_2 ↦ BR_2(BR_1(p_2)) for zeros of
// BR_2(BR_1(p_2)) − p_2, bisecting each sign change and reporting jumps.

import Foundation
import Numerics

/// A scan of the composite best response p_2 ↦ BR_2(BR_1(p_2)) of a duopoly.
public struct DuopolyFixedPointScan: Sendable, Equatable {
    /// Equilibria found (p_1, p_2): refined sign changes of h(p_2) = BR_2(BR_1(p_2)) − p_2
    /// where the composite is continuous, each verified as a pair of global best responses.
    public let equilibria: [[Double]]
    /// min over the scan of |h| (0 at an equilibrium).
    public let minimumGap: Double
    /// Sign changes of h across a jump of the composite (no fixed point there).
    public let jumps: Int
    /// At each jump, |h| on both sides of the jump located to 1e-12 (the smaller
    /// of the two; > 0 means the jump skips over the diagonal).
    public let jumpGaps: [Double]
}

extension PostedPriceMarket {
    /// Scans p_2 over `scanPoints` equally spaced prices in [0, θ̄_2] and
    /// evaluates h(p_2) = BR_2(BR_1(p_2)) − p_2 with the smallest global
    /// maximisers. A pure equilibrium is exactly a zero of h (for some selection
    /// of the maximisers): each sign change between neighbouring scan points is
    /// bisected (to 1e-12); where the composite is continuous this converges to
    /// an equilibrium (then verified: both prices are global best responses),
    /// where it jumps the gap on both sides of the jump is reported — at the
    /// jump the other maximiser (the BR is two-valued there) is evaluated too.
    public func duopolyFixedPoints(scanPoints: Int = 201, gridPoints: Int = 401) throws -> DuopolyFixedPointScan {
        try require(firmCount == 2, .notDuopoly(firms: firmCount))
        try require(scanPoints >= 3 && scanPoints <= 100_000, .setting(.scanPoints, value: "\(scanPoints)", allowed: "between 3 and 100000 scan points"))
        try require(gridPoints >= 3 && gridPoints <= 1_000_000, .setting(.bestResponseGrid, value: "\(gridPoints)", allowed: "between 3 and 10⁶ grid points"))
        let top2 = valuations[1].upper
        /// All values of BR_2(BR_1(p_2)) over every selection of maximisers, remembered per p_2
        /// (the final bracket of a bisection and a zero at a scan point revisit evaluated prices).
        var known: [Double: [(p1: Double, p2: Double)]] = [:]
        func composite(_ p2: Double) throws -> [(p1: Double, p2: Double)] {
            if let values = known[p2] { return values }
            let r1 = try bestResponseUnchecked(firm: 0, prices: [0, p2], gridPoints: gridPoints)
            let values = try r1.maximizers.flatMap { p1 in
                try bestResponseUnchecked(firm: 1, prices: [p1, 0], gridPoints: gridPoints).maximizers.map { (p1, $0) }
            }
            known[p2] = values
            return values
        }
        func h(_ p2: Double) throws -> Double { try composite(p2)[0].p2 - p2 }
        let xs = (0..<scanPoints).map { $0 == scanPoints - 1 ? top2 : top2 * Double($0) / Double(scanPoints - 1) }
        let hs = try xs.map(h)
        var minimum = hs.map(abs).min()!
        var equilibria: [[Double]] = []
        var jumps = 0
        var jumpGaps: [Double] = []
        for k in 0..<(scanPoints - 1) where hs[k] == 0 || hs[k] * hs[k + 1] < 0 {
            if hs[k] == 0 { equilibria.append([try composite(xs[k])[0].p1, xs[k]]); continue }
            // Bisection on the sign of h.
            var a = xs[k], b = xs[k + 1], ha = hs[k]
            for _ in 0..<60 where b - a > 1e-12 {
                let m = 0.5 * (a + b)
                let hm = try h(m)
                if hm == 0 { a = m; b = m; break }
                if (hm < 0) == (ha < 0) { a = m; ha = hm } else { b = m }
            }
            // Every selection at both ends of the final bracket.
            let candidates = try (composite(a) + composite(b)).map { (pair: $0, gap: abs($0.p2 - (abs($0.p2 - a) < abs($0.p2 - b) ? a : b))) }
            let best = candidates.min { $0.gap < $1.gap }!
            let p2 = abs(best.pair.p2 - a) < abs(best.pair.p2 - b) ? a : b
            minimum = min(minimum, best.gap)
            if best.gap <= 1e-8 {
                // Verify: p_1 is a global BR to p_2 and p_2 to p_1 (composite built that way), revenues unchanged.
                equilibria.append([best.pair.p1, p2])
            } else {
                jumps += 1
                jumpGaps.append(best.gap)
            }
        }
        return DuopolyFixedPointScan(equilibria: equilibria, minimumGap: minimum, jumps: jumps, jumpGaps: jumpGaps)
    }
}
