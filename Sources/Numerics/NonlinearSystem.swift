// Small square nonlinear systems F(x) = 0 by Newton's method with a
// forward-difference Jacobian and a backtracking line search on ‖F‖₂.
//
// Reference: Dennis & Schnabel, "Numerical Methods for Unconstrained
// Optimization and Nonlinear Equations" (1983): §5.4 (finite-difference
// Jacobians, step h_j = √ε · max(|x_j|, typical size)) and §6.3 (backtracking
// along the Newton direction until ‖F‖ decreases, Armijo constant 1e-4).
// Meant for a handful of unknowns (one Jacobian costs n extra evaluations of F
// and a dense O(n³) solve per iteration).

import Foundation

/// The outcome of `NonlinearSystem.newton`.
public struct NewtonResult: Sendable, Equatable {
    /// The approximate root.
    public let x: [Double]
    /// F at `x`.
    public let residual: [Double]
    /// max_i |F_i(x)|.
    public let residualNorm: Double
    /// Newton iterations taken.
    public let iterations: Int
    /// Evaluations of F (including those for Jacobians and line searches).
    public let evaluations: Int
}

/// Namespace for small nonlinear systems.
public enum NonlinearSystem {

    /// Solves F(x) = 0 for F: ℝⁿ → ℝⁿ from `initial` by Newton's method.
    ///
    /// Each iteration forms the Jacobian by forward differences (column j from
    /// F(x + h_j e_j), h_j = √ε · max(|x_j|, `typicalSize`)), solves J·s = −F by
    /// Gaussian elimination with partial pivoting (`LinearSystem.solve`), and
    /// backtracks s ← s/2 (at most 30 times) until ‖F(x + s)‖₂² ≤ (1 − 2·10⁻⁴ λ)‖F(x)‖₂²
    /// for the step fraction λ. If `lower`/`upper` are given, each trial point
    /// is clamped into the box first (a projected Newton step).
    ///
    /// Stops when max_i |F_i| ≤ `tolerance` (success) or when a step moves no
    /// coordinate by more than `stepTolerance`·max(1, |x_j|) while the
    /// residual is at most 1e3 · `tolerance`, or when the line search finds no
    /// decrease at such a residual (also accepted: the residual is then at
    /// rounding level for F's own accuracy).
    ///
    /// - Complexity: per iteration n + 1 evaluations for F and the Jacobian,
    ///   plus one per line-search trial, and O(n³) for the linear solve.
    /// - Throws: `NumericsError.invalidArgument` for an empty or non-finite
    ///   initial point, a non-positive tolerance, bounds of the wrong length
    ///   or with lower > upper, or `maxIterations < 1`;
    ///   `.dimensionMismatch` if F returns a vector of another length;
    ///   `.nonFinite` if F returns NaN or ±∞; `.noConvergence` if the
    ///   Jacobian is singular, the line search fails, or `maxIterations` is
    ///   reached (the detail gives the last residual); anything F throws.
    public static func newton(
        _ f: ([Double]) throws -> [Double],
        initial: [Double],
        lower: [Double]? = nil,
        upper: [Double]? = nil,
        tolerance: Double = 1e-12,
        stepTolerance: Double = 1e-14,
        typicalSize: Double = 1,
        maxIterations: Int = 50
    ) throws -> NewtonResult {
        let routine = "NonlinearSystem.newton"
        let n = initial.count
        guard n > 0, initial.allSatisfy(\.isFinite) else {
            throw NumericsError.invalidArgument(routine: routine, detail: "the initial point must be a non-empty finite vector, got \(initial)")
        }
        guard tolerance > 0, tolerance.isFinite, stepTolerance >= 0, typicalSize > 0 else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "tolerance and typicalSize must be positive and stepTolerance non-negative, got \(tolerance), \(typicalSize), \(stepTolerance)")
        }
        guard maxIterations >= 1 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "maxIterations must be at least 1, got \(maxIterations)")
        }
        for (name, bound) in [("lower", lower), ("upper", upper)] {
            if let b = bound, b.count != n {
                throw NumericsError.invalidArgument(routine: routine, detail: "\(name) has \(b.count) entries for \(n) unknowns")
            }
        }
        if let lo = lower, let hi = upper, zip(lo, hi).contains(where: { !($0.0 <= $0.1) }) {
            throw NumericsError.invalidArgument(routine: routine, detail: "lower bounds must not exceed upper bounds, got \(lo) and \(hi)")
        }

        var evaluations = 0
        func eval(_ x: [Double]) throws -> [Double] {
            let y = try f(x)
            evaluations += 1
            guard y.count == n else {
                throw NumericsError.dimensionMismatch(routine: routine, detail: "F returned \(y.count) values for \(n) unknowns")
            }
            guard y.allSatisfy(\.isFinite) else {
                throw NumericsError.nonFinite(routine: routine, detail: "F(\(x)) = \(y)")
            }
            return y
        }
        func clamp(_ x: [Double]) -> [Double] {
            (0..<n).map { j in
                var v = x[j]
                if let lo = lower { v = max(v, lo[j]) }
                if let hi = upper { v = min(v, hi[j]) }
                return v
            }
        }
        func maxNorm(_ y: [Double]) -> Double { y.reduce(0) { max($0, abs($1)) } }
        func squared(_ y: [Double]) -> Double { y.reduce(0) { $0 + $1 * $1 } }

        var x = clamp(initial)
        var fx = try eval(x)
        let root = Double.ulpOfOne.squareRoot()
        for iteration in 1...maxIterations {
            if maxNorm(fx) <= tolerance {
                return NewtonResult(x: x, residual: fx, residualNorm: maxNorm(fx), iterations: iteration - 1, evaluations: evaluations)
            }
            // Forward-difference Jacobian, column by column.
            var jacobian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for j in 0..<n {
                var h = root * max(abs(x[j]), typicalSize)
                if let hi = upper, x[j] + h > hi[j] { h = -h }   // stay inside the box
                var xh = x
                xh[j] += h
                h = xh[j] - x[j]   // the step actually representable
                let fh = try eval(xh)
                for i in 0..<n { jacobian[i][j] = (fh[i] - fx[i]) / h }
            }
            guard let step = try LinearSystem.solve(jacobian, fx.map { -$0 }, singularTolerance: 1e-300) else {
                throw NumericsError.noConvergence(routine: routine, iterations: iteration,
                                                  detail: "singular Jacobian at x = \(x) (residual \(maxNorm(fx)))")
            }
            // Backtracking line search on ‖F‖₂².
            let f0 = squared(fx)
            var lambda = 1.0
            var accepted: (x: [Double], fx: [Double])?
            for _ in 0..<30 {
                let trial = clamp((0..<n).map { x[$0] + lambda * step[$0] })
                let ft = try eval(trial)
                if squared(ft) <= (1 - 2e-4 * lambda) * f0 { accepted = (trial, ft); break }
                lambda /= 2
            }
            guard let next = accepted else {
                // At rounding level for F's own accuracy no decrease may be
                // possible: accept a residual within 1e3 · tolerance.
                if maxNorm(fx) <= 1e3 * tolerance {
                    return NewtonResult(x: x, residual: fx, residualNorm: maxNorm(fx), iterations: iteration, evaluations: evaluations)
                }
                throw NumericsError.noConvergence(routine: routine, iterations: iteration,
                                                  detail: "the line search found no decrease of ‖F‖ at x = \(x) (residual \(maxNorm(fx)))")
            }
            let moved = (0..<n).map { abs(next.x[$0] - x[$0]) / max(1, abs(x[$0])) }.max() ?? 0
            x = next.x
            fx = next.fx
            if moved <= stepTolerance && maxNorm(fx) <= 1e3 * tolerance {
                return NewtonResult(x: x, residual: fx, residualNorm: maxNorm(fx), iterations: iteration, evaluations: evaluations)
            }
        }
        if maxNorm(fx) <= tolerance {
            return NewtonResult(x: x, residual: fx, residualNorm: maxNorm(fx), iterations: maxIterations, evaluations: evaluations)
        }
        throw NumericsError.noConvergence(routine: routine, iterations: maxIterations,
                                          detail: "residual \(maxNorm(fx)) at x = \(x), tolerance \(tolerance)")
    }
}
