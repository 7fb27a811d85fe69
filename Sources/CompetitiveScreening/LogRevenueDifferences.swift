// Appendix A.3 (Lemma A.2): ln ER_i has non-decreasing differences in
// (p_i, p_j), checked on a grid by the discrete mixed differences.

import Foundation
import Numerics

/// Lemma A.2 on a grid: discrete mixed differences of ln ER_i in (p_i, p_j).
public struct LogRevenueDifferences: Sendable, Equatable {
    /// min over grid cells of [L(a+1,b+1) − L(a+1,b) − L(a,b+1) + L(a,b)]/(Δp_i Δp_j), L = ln ER_i.
    public let minimum: Double
    /// The cell's lower-left corner (p_i, p_j) where the minimum is attained.
    public let at: (ownPrice: Double, opponentPrice: Double)
    /// Cells with a difference below −`tolerance` (quadrature noise) in un-normalised units.
    public let negativeCells: Int
    /// Cells evaluated (those with ER_i > 0 at all four corners).
    public let cells: Int

    public static func == (a: Self, b: Self) -> Bool {
        a.minimum == b.minimum && a.at == b.at && a.negativeCells == b.negativeCells && a.cells == b.cells
    }
}

extension PostedPriceMarket {
    // MARK: - Lemma A.2 on a grid

    /// Discrete mixed differences of ln ER_i over a `gridPoints` × `gridPoints`
    /// grid of p_i ∈ (0, θ̄_i) (interior points) and p_j ∈ [0, θ̄_j], the other
    /// prices as in `prices`. Non-decreasing differences (Lemma A.2) means every
    /// cell's difference is ≥ 0; cells where ER_i = 0 at a corner are skipped.
    /// A difference below −1e-9 counts as negative (quadrature noise is ~1e-12).
    public func logRevenueDifferences(firm i: Int, opponent j: Int, prices: [Double],
                                      gridPoints: Int = 41) throws -> LogRevenueDifferences {
        try checkFirm(i)
        try checkFirm(j)
        try require(j != i, .opponentIsFirm(j))
        var p = prices
        if i < p.count { p[i] = 0 }
        if j < p.count { p[j] = 0 }
        try checkPrices(p)
        try require(gridPoints >= 2 && gridPoints <= 2000, .setting(.differenceGrid, value: "\(gridPoints)", allowed: "between 2 and 2000 grid points per axis"))
        let m = gridPoints
        let ownStep = valuations[i].upper / Double(m + 1)
        let oppStep = valuations[j].upper / Double(m - 1)
        let own = (1...m).map { Double($0) * ownStep }
        let opp = (0..<m).map { $0 == m - 1 ? valuations[j].upper : Double($0) * oppStep }
        var logs = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in 0..<m {
                p[i] = own[a]; p[j] = opp[b]
                let v = try revenueUnchecked(firm: i, prices: p)
                logs[a][b] = v > 0 ? log(v) : -.infinity
            }
        }
        var minimum = Double.infinity, at = (ownPrice: Double.nan, opponentPrice: Double.nan)
        var negative = 0, cells = 0
        for a in 0..<(m - 1) {
            for b in 0..<(m - 1) {
                let corners = [logs[a][b], logs[a + 1][b], logs[a][b + 1], logs[a + 1][b + 1]]
                guard corners.allSatisfy(\.isFinite) else { continue }
                cells += 1
                let d = logs[a + 1][b + 1] - logs[a + 1][b] - logs[a][b + 1] + logs[a][b]
                if d < -1e-9 { negative += 1 }
                let scaled = d / (ownStep * oppStep)
                if scaled < minimum { minimum = scaled; at = (own[a], opp[b]) }
            }
        }
        return LogRevenueDifferences(minimum: minimum, at: at, negativeCells: negative, cells: cells)
    }
}
