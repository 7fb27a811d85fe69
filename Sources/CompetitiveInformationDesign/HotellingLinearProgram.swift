// Second method for Theorem 3 (App. A3) of BBM (alignment paper): instead of
// optimising over the family G_b^B, optimise over *all* symmetric interim
// residual distributions supported on a grid of [0, v̄], as a linear program
// for each producer-surplus level b, then maximise over b.
import Foundation
import Numerics

/// Result of the grid LP for one producer-surplus level.
public struct InterimLPResult: Sendable {
    /// The surplus level b (PS ≤ b).
    public let b: Double
    /// max E_G[r⁺] over grid-supported symmetric G with 2p·G(r ≥ p) ≤ b for
    /// every p and Ψ_G ≤ Ψ_F at every grid point.
    public let expectedPositiveResidual: Double
    /// The consumer-surplus value base + E_G[r⁺] − b.
    public let consumerSurplus: Double
    /// Masses on the grid points (positive half; total 1/2).
    public let masses: [Double]
    /// The grid.
    public let grid: [Double]
}

extension Hotelling {
    /// For a fixed b, solves max E_G[r⁺] over symmetric G supported on the grid
    /// {v̄·k/cells : k = 0…cells} (positive half, mass 1/2), subject to the
    /// price constraints 2·r_j·G(r ≥ r_j) ≤ b for every grid point (for a
    /// grid-supported G these are all prices: between grid points demand is
    /// constant) and the MPC constraint Ψ_G(r_j) ≤ Ψ_F(r_j) at every grid
    /// point. For a discrete F with atoms on the grid, Ψ_G − Ψ_F is affine
    /// between grid points, so the LP is exactly the problem restricted to
    /// grid-supported G (a lower bound that converges as the grid is refined);
    /// for a continuous F the MPC is imposed at grid points only.
    /// Solved by the floating simplex (LinearProgram<Double>).
    /// - Throws: `.lowerBoundNotPositive` if b ≤ 0; `.gridLinearProgram` if the LP is infeasible; LP errors.
    /// Complexity: one dense simplex with cells + 1 variables and 2·cells + 3 rows.
    public static func interimLP(b: Double, prior: SymmetricResidualPrior, cells: Int = 100, base: Double? = nil) throws -> InterimLPResult {
        guard b > 0, b.isFinite else { throw CompetitiveInformationDesignError.lowerBoundNotPositive(b: b) }
        let n = cells + 1
        let grid = (0..<n).map { prior.vBar * Double($0) / Double(cells) }
        var lp = LinearProgram<Double>(maximize: grid)
        var total = [Double](repeating: 1, count: n)
        total[0] = 1 // mass at 0 counts half to each side; treat the positive half as including 0
        lp.add(total, .equal, 0.5, label: "half mass")
        for j in 1..<n {
            let row = (0..<n).map { $0 >= j ? 2 * grid[j] : 0.0 }
            lp.add(row, .lessOrEqual, b, label: "price \(grid[j])")
        }
        for j in 0..<n {
            let row = (0..<n).map { max(0, grid[$0] - grid[j]) }
            lp.add(row, .lessOrEqual, prior.stopLoss(grid[j]), label: "mpc \(grid[j])")
        }
        let sol = try lp.solve(options: SimplexOptions(tolerance: 1e-11, pivotTolerance: 1e-11))
        guard sol.status == .optimal else {
            throw CompetitiveInformationDesignError.gridLinearProgram(status: "\(sol.status)", b: b)
        }
        return InterimLPResult(b: b, expectedPositiveResidual: sol.objectiveValue,
                               consumerSurplus: (base ?? prior.vBar / 2) + sol.objectiveValue - b,
                               masses: sol.x, grid: grid)
    }

    /// max over b of the grid LP's consumer surplus (LP value is concave in b,
    /// so Optimize.maximizeBrent on [bLow, E_F|r|] applies).
    /// Complexity: ≈ 30–60 LP solves.
    public static func maximizeConsumerSurplusByGridLP(prior: SymmetricResidualPrior, cells: Int = 100, base: Double? = nil) throws -> InterimLPResult {
        let m = prior.meanAbsoluteResidual
        let opt = try Optimize.maximizeBrent({ b in try interimLP(b: b, prior: prior, cells: cells, base: base).consumerSurplus },
                                             in: 1e-6 * prior.vBar, m, tolerance: 1e-9)
        return try interimLP(b: opt.x, prior: prior, cells: cells, base: base)
    }
}
