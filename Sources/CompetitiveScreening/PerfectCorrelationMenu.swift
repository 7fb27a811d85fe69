// Sec 5.2 (perfect correlation): problem (3) is one-dimensional. Firm i's
// type θ has a continuous law F on [0, θ̄]; a menu is a convex U with
// U′ = q ∈ [0, 1], U(0) ≥ 0, and type θ buys from firm i iff U(θ) ≥ τ(θ) =
// max(0, max_j U_j(θ + d_j)) (weak ties; strict ties win less). τ is convex,
// non-decreasing with slope ≤ 1.
//
// Full participation is without loss when τ(0) = 0. For any menu U, Ũ =
// max(U, τ) is a menu (convex, slopes in [0, 1], Ũ(0) = U(0)) that wins every
// type; it keeps U's transfers where U ≥ τ (Ũ′ = U′ a.e. on {U = τ}) and
// collects the rival's transfer θτ′ − τ ≥ −τ(0) = 0 (convexity) elsewhere.
// So the supremum is that of the convex problem
//   max ∫ (θq − U) dF = ∫ q(s) J(s) ds − U(0),  J(s) = s f(s) − (1 − F(s)),
//   subject to U ≥ τ.
// Upper bound (weak duality; monotonicity of q dropped): for ν ≥ 0 on (0, θ̄]
// with N(s) = ν((s, θ̄]) ≤ 1,
//   ∫ qJ − U(0) ≤ ∫ qJ − U(0) + ∫ (U − τ) dν = ∫ q(J + N) ds − τ-term + U(0)(N(0) − 1)
//             ≤ ∫ [(J + N)⁺ − N τ′] ds =: B(N)
// (∫ τ dν = ∫ N τ′ ds as τ(0) = 0). Every non-increasing N with values in
// [0, 1] gives a valid bound; B is minimised pointwise by N = (−J)⁺ (≤ 1 as
// J ≥ −1), which is non-increasing when J is non-decreasing (Myerson-regular
// F). Here N is a step function on `cells` cells: the running maximum from
// the right of −J at the cell midpoints, clamped to [0, 1] — valid whatever
// J is, tight up to O(h²) when J is smooth and non-decreasing.
// Primal (a feasible menu, the exact optimum when J is non-decreasing): U* =
// max(τ, τ(θ*) + θ − θ*) — match the rival below θ*, q = 1 above — with
// revenue R(θ*) = ∫₀^{θ*} (θτ′ − τ) dF + (1 − F(θ*))(θ* − τ(θ*)); R′(θ*) =
// −(1 − τ′)J(θ*), so θ* is where J turns positive (maximised on the cell grid
// and refined by Brent). Example 5.2 (F uniform, τ = θ²/2): J = 2s − 1,
// θ* = 1/2 and B = R = 5/24.

import Foundation
import Numerics

/// The one-dimensional best response under perfect correlation, with a certified upper bound.
public struct PerfectCorrelationBestResponse: Sendable {
    /// θ*: the menu matches the strongest rival (U = τ) below θ* and sells q = 1 above.
    public let threshold: Double
    /// The revenue of that menu (every type is won under weak ties; under strict
    /// ties the types with U = τ are lost and the value is a supremum, approached).
    public let revenue: Double
    /// B(N): no menu earns more (weak or strict ties); quadrature error estimates are added.
    public let upperBound: Double
    /// Cells of the step function N.
    public let cells: Int
    /// upperBound − revenue (≥ 0; the distance of `revenue` to the supremum is at most this).
    public var optimalityGap: Double { upperBound - revenue }
}

extension WinningProbability {
    /// Whether the one-dimensional bound applies: perfect correlation, an atomless
    /// own law and τ(0) = 0 (no rival gives type 0 positive utility).
    public var hasPerfectCorrelationBound: Bool {
        guard case .perfect = dependence, own.isContinuous else { return false }
        return (rivalUtility(theta: 0) ?? 0) <= 0
    }

    /// τ(θ) = max(0, max_j U_j(θ + d_j)) and its right derivative (the strongest rival's allocation).
    func matchedRival(_ theta: Double) -> (value: Double, slope: Double) {
        guard case let .perfect(d) = dependence else { return (0, 0) }
        var best = (value: 0.0, slope: 0.0)
        for j in opponents.indices {
            let u = opponents[j].menu.utility
            let v = u.value(theta + d[j])
            if v > best.value || (v == best.value && v > 0 && u.allocation(theta + d[j]) > best.slope) {
                best = (v, u.allocation(theta + d[j]))
            }
        }
        return best
    }

    /// The best response over all menus under perfect correlation (see the
    /// file comment): the menu U* = max(τ, τ(θ*) + θ − θ*) and the dual bound
    /// B(N) on `cells` cells.
    ///
    /// - Complexity: O(cells) adaptive quadratures.
    /// - Throws: `.setting(.boundCells, …)` unless 2 ≤ cells ≤ 100000;
    ///   `.perfectCorrelationBound` unless `hasPerfectCorrelationBound`.
    public func perfectCorrelationBestResponse(cells n: Int = 2000) throws -> PerfectCorrelationBestResponse {
        try require(n >= 2 && n <= 100_000, .setting(.boundCells, value: "\(n)", allowed: "2 to 100000 cells"))
        guard case let .perfect(d) = dependence else { throw CompetitiveScreeningError.perfectCorrelationBound(reason: "valuations are not perfectly correlated") }
        try require(own.isContinuous, .perfectCorrelationBound(reason: "the own law has atoms (use the finite-type optimiser)"))
        try require((rivalUtility(theta: 0) ?? 0) <= 0, .perfectCorrelationBound(reason: "a rival gives type 0 positive utility (τ(0) > 0)"))
        let top = own.upper
        func j(_ s: Double) -> Double { s * own.pdf(s) - (1 - own.cdf(s)) }
        // Kinks of the integrands: the law's breakpoints and the rivals' kinks, shifted.
        var kinks = own.breakpoints
        for k in opponents.indices { kinks += opponents[k].menu.kinks.map { $0 - d[k] } }
        kinks = Array(Set(kinks.filter { $0 > 0 && $0 < top })).sorted()
        let grid = (0...n).map { $0 == n ? top : top * Double($0) / Double(n) }
        func inside(_ a: Double, _ b: Double) -> [Double] { kinks.filter { $0 > a && $0 < b } }
        func integrate(_ f: (Double) -> Double, _ a: Double, _ b: Double, extra: [Double] = []) throws -> QuadratureResult {
            try Quadrature.integrate(f, from: a, to: b, absoluteTolerance: 1e-15, relativeTolerance: 1e-13,
                                     breakpoints: Array(Set(inside(a, b) + extra.filter { $0 > a && $0 < b })).sorted())
        }
        // The dual step function N (non-increasing, in [0, 1]).
        // The multiplier N: K_i = the running maximum from the right of −J at the cell starts (clamped
        // to [0, 1]); on a cell where J is non-decreasing (2f + θf′ ≥ 0 at 9 points: Def 3.1's
        // expression is J′) N = max(K_{i+1}, min(K_i, −J)) — exactly (−J)⁺ for a regular law, so B is
        // the supremum up to quadrature — elsewhere the constant K_i. N is non-increasing either way.
        var k = [Double](repeating: 0, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) { k[i] = min(1, max(k[i + 1], -j(grid[i]))) }
        func regularOn(_ a: Double, _ b: Double) -> Bool {
            (0...8).allSatisfy { m in
                let s = a + (b - a) * Double(m) / 8
                return 2 * own.pdf(s) + s * own.pdfDerivative(s) >= 0
            }
        }
        var bound = 0.0, error = 0.0
        for i in 0..<n {
            let (a, b, hi, lo) = (grid[i], grid[i + 1], k[i], k[i + 1])
            let regular = regularOn(a, b)
            let level = { (s: Double) -> Double in regular ? max(lo, min(hi, -j(s))) : hi }
            // Kinks where −J crosses K_i or K_{i+1}.
            var extra: [Double] = []
            for c in [hi, lo] where (j(a) + c) * (j(b) + c) < 0 {
                if let r = try? Roots.brent({ j($0) + c }, in: a, b) { extra.append(r.root) }
            }
            let q = try integrate({ max(0, j($0) + level($0)) - level($0) * self.matchedRival($0).slope }, a, b, extra: extra)
            bound += q.value
            error += q.errorEstimate
        }
        // The primal: R(θ*) on the grid from cumulative integrals, refined by Brent in the best cell.
        let rivalTransfer = { (theta: Double) -> Double in
            let r = self.matchedRival(theta)
            return (theta * r.slope - r.value) * self.own.pdf(theta)
        }
        var cumulative = [0.0]
        for i in 0..<n { cumulative.append(cumulative[i] + (try integrate(rivalTransfer, grid[i], grid[i + 1])).value) }
        func revenue(_ i: Int, _ theta: Double) throws -> Double {
            let partial = theta > grid[i] ? (try integrate(rivalTransfer, grid[i], theta)).value : 0
            return cumulative[i] + partial + (1 - own.cdf(theta)) * (theta - matchedRival(theta).value)
        }
        var best = (i: 0, theta: 0.0, value: try revenue(0, 0))
        for i in 1...n {
            let v = try revenue(min(i, n - 1), grid[i])
            if v > best.value { best = (min(i, n - 1), grid[i], v) }
        }
        for i in [best.i - 1, best.i] where i >= 0 && i < n {
            if let m = try? Optimize.maximizeBrent({ (try? revenue(i, $0)) ?? -.infinity }, in: grid[i], grid[i + 1], tolerance: 1e-13),
               m.value > best.value {
                best = (i, m.x, m.value)
            }
        }
        // Conservative: the quadrature error estimates and a rounding margin go into the bound.
        let upper = bound + error + 1e-13 * max(1, abs(bound))
        return PerfectCorrelationBestResponse(threshold: best.theta, revenue: best.value, upperBound: max(upper, best.value), cells: n)
    }
}
