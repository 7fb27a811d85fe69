// Sec 5.1, correlated types: Def 5.1 (the joint distribution is stochastically
// decreasing in own type: ∂/∂θ F_{2|1}(x | θ) ≥ 0), Def 5.2
// (correlation-adjusted density-regularity for firm 1:
//   [2f₁(θ) + θf₁′(θ)] F_{2|1}(x | θ) + θ f₁(θ) ∂/∂θ F_{2|1}(x | θ) ≥ 0
// on [0, θ̄₁] × [0, θ̄₂]) and Example 5.1 (FGM copula, uniform marginals: the
// condition holds iff ρ ≤ 1/2).
//
// In copula coordinates u = F₁(θ), v = F₂(x): F_{2|1} = C_u(u, v) and
// ∂_θ F_{2|1} = f₁(θ) C_uu(u, v). The Def 5.2 expression is therefore
//   raw(θ, x) = D(θ) C_u(u, v) + θ f₁(θ)² C_uu(u, v),   D = 2f₁ + θf₁′,
// and it vanishes identically at x = 0 (C_u(u, 0) = 0). As the paper does for
// uniform marginals (dividing by 2F₂(x) to get 1 + ρ(1 − θ₂)(1 − 3θ₁)), the
// checker minimises the normalised form
//   N(θ, v) = raw / (2v) = [D(θ) K(u, v) + θ f₁(θ)² L(u, v)] / 2,
// K = C_u/v, L = C_uu/v, continuous at v = 0. For FGM, K = 1 + ρ(1 − 2u)(1 − v)
// and L = −2ρ(1 − v) are affine in v, so the minimum over x is at the ends of
// the range of v (F₂(0) and 1): the opponent marginal matters only through
// F₂(0) (0 for any continuous F₂). At v = 1, N = D/2 (plain density-regularity,
// as a weak inequality). In θ: exact at θ ∈ {0, θ̄₁} when f₁ is uniform (N is
// then affine in θ), otherwise a grid refined by Brent's method.

import Foundation
import Distributions
import Numerics

extension Copula {
    /// K(u, v) = C_u(u, v)/v (= F_{2|1}/F₂), continued to v = 0 by its limit.
    public func conditionalOverMarginal(_ v: Double, given u: Double) -> Double {
        switch self {
        case .independent: return 1
        case let .fgm(rho): return 1 + rho * (1 - 2 * u) * (1 - v)
        }
    }

    /// L(u, v) = C_uu(u, v)/v, continued to v = 0 by its limit.
    public func conditionalDerivativeOverMarginal(_ v: Double, given u: Double) -> Double {
        switch self {
        case .independent: return 0
        case let .fgm(rho): return -2 * rho * (1 - v)
        }
    }
}

/// The minimum of a condition over one edge v = const of the copula square.
public struct CopulaEdgeMinimum: Sendable, Equatable {
    /// v = F₂(x) on this edge.
    public let v: Double
    /// The opponent valuation x with F₂(x) = v at this edge (0 or θ̄₂).
    public let x: Double
    public let margin: Double
    public let argminTheta: Double
}

/// Def 5.2 for one valuation pair.
public struct CorrelationAdjustedResult: Sendable, Equatable {
    /// min over [0, θ̄₁] × [0, θ̄₂] of the normalised form N = raw/(2F₂(x)).
    public let margin: Double
    public let argminTheta: Double
    /// The opponent valuation at the argmin (a corner: 0 or θ̄₂).
    public let argminX: Double
    /// F₂(argminX).
    public let argminV: Double
    /// The minimum along each edge, v = F₂(0) first, then v = 1.
    public let edges: [CopulaEdgeMinimum]
    /// The size of N's terms at the argmin (scale of the zero tolerance).
    public let scale: Double
    /// Def 5.2 is a weak inequality: holds iff margin ≥ 0.
    public let verdict: ConditionVerdict
    /// min over the square of the raw expression (≤ 0 when F₂(0) = 0: raw = 0 at x = 0).
    public let rawMargin: Double
    public let rawArgminTheta: Double
    public let rawArgminX: Double
    /// How the minimum was found.
    public let method: String

    public var holds: Bool { margin >= 0 }
}

/// Def 5.1 for one valuation pair.
public struct NegativeDependenceResult: Sendable, Equatable {
    /// min over (θ, x) of ∂/∂θ F_{2|1}(x | θ) (0 at x = 0 and x = θ̄₂ for every θ).
    public let rawMargin: Double
    public let rawArgminTheta: Double
    public let rawArgminX: Double
    /// min over θ and v ∈ (0, 1) of C_uu(F₁(θ), v)/(v(1 − v)) (= −2ρ for FGM): the raw
    /// form divided by f₁(θ) v(1 − v), which removes its zeros at the edges.
    public let normalisedMargin: Double
    public let normalisedArgminTheta: Double
    public let normalisedArgminV: Double
    /// From the normalised form (a weak inequality): strict when > 0, weak at 0 (independence), fails when < 0.
    public let verdict: ConditionVerdict

    public var holds: Bool { verdict != .fails }
}

/// A grid minimum of the generic (θ, v) check.
public struct CorrelationGridMinimum: Sendable, Equatable {
    public let margin: Double
    public let theta: Double
    public let v: Double
}

/// One side of a threshold in ρ.
public struct RhoBracket: Sendable, Equatable {
    /// A ρ at which the condition holds (the end of [−1, 1] when it holds all the way).
    public let holds: Double
    /// The adjacent ρ at which it fails (nil when it holds all the way to the end).
    public let fails: Double?
    /// Bisection steps (0 when the condition holds at the end).
    public let iterations: Int

    /// |fails − holds| (0 when it holds at the end).
    public var width: Double { fails.map { abs($0 - holds) } ?? 0 }
}

/// The range of FGM ρ for which Def 5.2 holds.
public struct RhoThreshold: Sendable, Equatable {
    /// The largest ρ ∈ [0, 1] for which the condition holds (bisected).
    public let largest: RhoBracket
    /// The smallest ρ ∈ [−1, 0].
    public let smallest: RhoBracket
}

/// Checkers for Defs 5.1 and 5.2.
public enum CorrelatedConditions {
    /// The smallest v of the generic grid (v = 0 itself divides by zero; the paper: "by continuity").
    public static let generalGridFloor = 1e-12

    /// Checks that the own marginal has a bounded density without atoms (Def 5.2 needs F_{2|1} C¹ in θ).
    public static func requireBoundedDensity(_ d: TypeDistribution, _ role: LawRole) throws {
        try require(d.atoms.isEmpty, .lawHasAtoms(role: role, law: d.description, purpose: "Def 5.2 differentiates F_{2|1} in θ"))
        let local = DensityForms(d)
        try require((local.lowerOrder ?? 0) >= 0 && (local.upperOrder ?? 0) >= 0, .unboundedDensity(role: role, law: d.description))
    }

    /// N(θ, v) with the closed-form K and L: (value, scale).
    package static func normalised(_ pair: ValuationPair, _ local: DensityForms, theta: Double, v: Double, side: DerivativeSide) -> (value: Double, scale: Double) {
        let f = pair.own.pdf(theta), u = pair.own.cdf(theta)
        let dr = local.expression(.densityRegularity, .raw, at: theta, side: side).value
        let a = dr * pair.copula.conditionalOverMarginal(v, given: u)
        let b = theta * f * f * pair.copula.conditionalDerivativeOverMarginal(v, given: u)
        return ((a + b) / 2, max(abs(a), abs(b)) / 2)
    }

    /// Def 5.2 for firm 1 (the own marginal of `pair`): exact in x (N is affine
    /// in v for both copulas), exact in θ for a uniform own marginal, otherwise
    /// grid + Brent in θ with `gridPoints` points.
    ///
    /// - Throws: `CompetitiveScreeningError` (`.lawHasAtoms` / `.unboundedDensity`
    ///   for the own law, `.setting(.conditionGrid, …)` for a bad grid size).
    public static func correlationAdjustedDensityRegularity(_ pair: ValuationPair, gridPoints: Int = 401,
                                                           zeroTolerance: Double = 1e-10) throws -> CorrelationAdjustedResult {
        let (checker, local, exactTheta) = try setUp(pair, gridPoints: gridPoints, zeroTolerance: zeroTolerance)
        let edges = edgeMinima(pair, checker, local, exactTheta: exactTheta)
        let best = edges.min { $0.margin < $1.margin }!
        // Raw form 2v·N(θ, v) = 2v(a + b v) with a = N(θ, 0), b = N(θ, 1) − N(θ, 0):
        // exact in v (ends of [F₂(0), 1] and the vertex −a/2b), grid + Brent in θ.
        let lo = edges[0].v
        func rawInV(_ theta: Double, _ side: DerivativeSide) -> (value: Double, v: Double, scale: Double) {
            let n0 = normalised(pair, local, theta: theta, v: 0, side: side), n1 = normalised(pair, local, theta: theta, v: 1, side: side)
            let a = n0.value, b = n1.value - n0.value
            var candidates = [lo, 1.0]
            if b > 0, -a / (2 * b) > lo, -a / (2 * b) < 1 { candidates.append(-a / (2 * b)) }
            var out = (value: Double.infinity, v: lo, scale: 2 * max(n0.scale, n1.scale))
            for v in candidates where 2 * v * (a + b * v) < out.value { out.value = 2 * v * (a + b * v); out.v = v }
            return out
        }
        let raw = checker.minimise(pieces: local.pieces, exact: false) { theta, side in
            let r = rawInV(theta, side)
            return (r.value, r.scale)
        }
        let rawV = rawInV(raw.x, .right).v
        let method = (exactTheta ? "exact corners (affine in θ and in v = F₂(x))" : "exact in v = F₂(x) (affine: ends of its range), grid + Brent in θ")
            + "; normalised form raw/(2F₂(x)) (the raw form vanishes at x = 0)"
        let scale = normalised(pair, local, theta: best.argminTheta, v: best.v, side: .right).scale
        return CorrelationAdjustedResult(
            margin: best.margin, argminTheta: best.argminTheta, argminX: best.x, argminV: best.v, edges: edges, scale: scale,
            verdict: .of(best.margin, scale: scale, tolerance: zeroTolerance),
            rawMargin: raw.value, rawArgminTheta: raw.x, rawArgminX: opponentQuantile(pair.opponent, rawV), method: method)
    }

    static func setUp(_ pair: ValuationPair, gridPoints: Int, zeroTolerance: Double) throws -> (DensityConditionChecker, DensityForms, Bool) {
        try requireBoundedDensity(pair.own, .own)
        let checker = try DensityConditionChecker(gridPoints: gridPoints, zeroTolerance: zeroTolerance)
        if case .uniform = pair.own.family { return (checker, DensityForms(pair.own), true) }
        return (checker, DensityForms(pair.own), false)
    }

    /// The minimum of N over θ along the edges v = F₂(0) (x = 0) and v = 1 (x = θ̄₂).
    static func edgeMinima(_ pair: ValuationPair, _ checker: DensityConditionChecker, _ local: DensityForms, exactTheta: Bool) -> [CopulaEdgeMinimum] {
        let vLow = pair.opponent.cdf(0)
        let edges: [(v: Double, x: Double)] = vLow < 1 ? [(vLow, 0), (1, pair.opponent.upper)] : [(1, 0)]
        return edges.map { edge in
            let m = checker.minimise(pieces: local.pieces, exact: exactTheta) { theta, side in
                normalised(pair, local, theta: theta, v: edge.v, side: side)
            }
            return CopulaEdgeMinimum(v: edge.v, x: edge.x, margin: m.value, argminTheta: m.x)
        }
    }

    /// Whether Def 5.2 holds (margin ≥ 0, exact sign), without the raw form: the threshold predicate.
    static func correlationAdjustedHolds(_ pair: ValuationPair, gridPoints: Int) throws -> Bool {
        let (checker, local, exactTheta) = try setUp(pair, gridPoints: gridPoints, zeroTolerance: 0)
        return edgeMinima(pair, checker, local, exactTheta: exactTheta).allSatisfy { $0.margin >= 0 }
    }

    /// Whether the RAW Def 5.2 expression raw(θ, x) = 2F₂(x)·N(θ, F₂(x)) is
    /// ≥ 0 on [0, θ̄₁] × [x₀, θ̄₂] for x₀ = `floor`·θ̄₂ > 0, i.e. checked away
    /// from θ₂ = 0, where it vanishes whatever ρ. For v = F₂(x) > 0 its sign is
    /// N's, and N is affine in v, so the check is min over θ of raw at
    /// v₀ = F₂(x₀) and at v = 1 (exact sign, no tolerance).
    static func rawFormHolds(_ pair: ValuationPair, floor: Double, gridPoints: Int) throws -> Bool {
        let (checker, local, exactTheta) = try setUp(pair, gridPoints: gridPoints, zeroTolerance: 0)
        let v0 = pair.opponent.cdf(floor * pair.opponent.upper)
        return [v0, 1.0].allSatisfy { v in
            checker.minimise(pieces: local.pieces, exact: exactTheta) { theta, side in
                let n = normalised(pair, local, theta: theta, v: v, side: side)
                return (2 * v * n.value, 2 * v * n.scale)
            }.value >= 0
        }
    }

    /// The largest FGM ρ ∈ [0, 1] for which the RAW Def 5.2 expression is ≥ 0
    /// on [0, θ̄₁] × [`floor`·θ̄₂, θ̄₂] (`rawFormHolds`), bisected to `tolerance`
    /// (the set is an interval containing 0: N is affine in ρ). For uniform
    /// marginals raw = 2θ₂[1 + ρ(1 − θ₂)(1 − 3θ₁)], smallest at θ₁ = 1, so the
    /// answer is 1/(2(1 − h)) with h = `floor` (> 1/2, the normalised form's
    /// answer, which is the limit h → 0: "by continuity").
    ///
    /// - Returns: nil when the raw form fails at ρ = 0.
    /// - Throws: `.setting(.rawFloor, …)` unless 0 < floor < 1; as `fgmThreshold`.
    public static func fgmRawThreshold(own: TypeDistribution, opponent: TypeDistribution, floor: Double, tolerance: Double = 1e-12,
                                       gridPoints: Int = 401) throws -> RhoBracket? {
        try require(floor > 0 && floor < 1, .setting(.rawFloor, value: "\(floor)", allowed: "a fraction of the opponent's support in (0, 1)"))
        try require(tolerance.isFinite && tolerance > 0 && tolerance <= 0.5, .setting(.bisectionTolerance, value: "\(tolerance)", allowed: "a bisection tolerance in (0, 0.5]"))
        func holds(_ rho: Double) throws -> Bool {
            try rawFormHolds(ValuationPair(own: own, opponent: opponent, copula: .fgm(rho: rho)), floor: floor, gridPoints: gridPoints)
        }
        guard try holds(0) else { return nil }
        if try holds(1) { return RhoBracket(holds: 1, fails: nil, iterations: 0) }
        let r = try Roots.bisect(in: 0, 1, tolerance: tolerance, predicate: holds)
        return RhoBracket(holds: r.holds, fails: r.fails, iterations: r.iterations)
    }

    /// The smallest x with F₂(x) ≥ v (bisection on the cdf); 0 at v ≤ F₂(0) and θ̄₂ at v = 1.
    static func opponentQuantile(_ d: TypeDistribution, _ v: Double) -> Double {
        if v <= d.cdf(0) { return 0 }
        if v >= 1 { return d.upper }
        return (try? Roots.bisect(in: 0, d.upper, tolerance: 0) { d.cdf($0) < v }.fails) ?? d.upper
    }

    /// The generic check of Def 5.2: N(θ, v) = raw/(2v) evaluated through the
    /// copula's C_u and C_uu (no closed-form K, L, no affinity in v assumed) on
    /// a `gridPoints` × `gridPoints` grid of [0, θ̄₁] × [max(F₂(0), 10⁻¹²), 1],
    /// refined by Nelder–Mead (`Optimize.maximize2D`) on the cells around the best node.
    public static func correlationAdjustedGrid(_ pair: ValuationPair, gridPoints: Int = 101) throws -> CorrelationGridMinimum {
        try requireBoundedDensity(pair.own, .own)
        try require(gridPoints >= 3 && gridPoints <= 3000, .setting(.pairGrid, value: "\(gridPoints)", allowed: "3 to 3000 points per axis (n² evaluations)"))
        let local = DensityForms(pair.own)
        let top = pair.own.upper
        func n(_ theta: Double, _ v: Double) -> Double {
            let f = pair.own.pdf(theta), u = pair.own.cdf(theta)
            let dr = local.expression(.densityRegularity, .raw, at: theta, side: .right).value
            let raw = dr * pair.copula.conditional(v, given: u) + theta * f * f * pair.copula.conditionalDerivative(v, given: u)
            return raw / (2 * v)
        }
        let vLow = max(pair.opponent.cdf(0), generalGridFloor)
        let k = gridPoints
        let thetas = (0..<k).map { $0 == k - 1 ? top : top * Double($0) / Double(k - 1) }
        let vs = (0..<k).map { $0 == k - 1 ? 1 : vLow + (1 - vLow) * Double($0) / Double(k - 1) }
        var best = (i: 0, j: 0, value: Double.infinity)
        for i in 0..<k {
            for j in 0..<k {
                let value = n(thetas[i], vs[j])
                if value < best.value { best = (i, j, value) }
            }
        }
        var result = CorrelationGridMinimum(margin: best.value, theta: thetas[best.i], v: vs[best.j])
        let xr = thetas[max(best.i - 1, 0)]...thetas[min(best.i + 1, k - 1)]
        let yr = vs[max(best.j - 1, 0)]...vs[min(best.j + 1, k - 1)]
        if let r = try? Optimize.maximize2D({ -n($0, $1) }, x: xr, y: yr, gridPoints: 5, tolerance: 1e-13), -r.value < result.margin {
            result = CorrelationGridMinimum(margin: -r.value, theta: r.x, v: r.y)
        }
        return result
    }

    /// Def 5.1 for firm 1: raw ∂/∂θ F_{2|1}(x | θ) on a grid of [0, θ̄₁] × [0, θ̄₂]
    /// (through `ValuationPair.conditionalCDFDerivative`), and the normalised
    /// C_uu(F₁(θ), v)/(v(1 − v)) on [0, θ̄₁] × (0, 1), each refined by
    /// Nelder–Mead around the best node.
    public static func negativeDependence(_ pair: ValuationPair, gridPoints: Int = 101, zeroTolerance: Double = 1e-10) throws -> NegativeDependenceResult {
        try require(pair.own.atoms.isEmpty, .lawHasAtoms(role: .own, law: pair.own.description, purpose: "Def 5.1 differentiates F_{2|1} in θ"))
        try require(gridPoints >= 3 && gridPoints <= 3000, .setting(.pairGrid, value: "\(gridPoints)", allowed: "3 to 3000 points per axis (n² evaluations)"))
        let k = gridPoints
        let a = pair.own.upper, b = pair.opponent.upper
        func gridMin(_ g: (Double, Double) -> Double, _ xs: [Double], _ ys: [Double]) -> (x: Double, y: Double, value: Double) {
            var best = (i: 0, j: 0, value: Double.infinity)
            for i in xs.indices {
                for j in ys.indices {
                    let value = g(xs[i], ys[j])
                    if value < best.value { best = (i, j, value) }
                }
            }
            var out = (x: xs[best.i], y: ys[best.j], value: best.value)
            let xr = xs[max(best.i - 1, 0)]...xs[min(best.i + 1, xs.count - 1)]
            let yr = ys[max(best.j - 1, 0)]...ys[min(best.j + 1, ys.count - 1)]
            if xr.lowerBound < xr.upperBound, yr.lowerBound < yr.upperBound,
               let r = try? Optimize.maximize2D({ -g($0, $1) }, x: xr, y: yr, gridPoints: 5, tolerance: 1e-13), -r.value < out.value {
                out = (r.x, r.y, -r.value)
            }
            return out
        }
        let thetas = (0..<k).map { $0 == k - 1 ? a : a * Double($0) / Double(k - 1) }
        let xs = (0..<k).map { $0 == k - 1 ? b : b * Double($0) / Double(k - 1) }
        let raw = gridMin({ pair.conditionalCDFDerivative($1, given: $0) }, thetas, xs)
        let vs = (1...k).map { Double($0) / Double(k + 1) }
        let norm = gridMin({ theta, v in pair.copula.conditionalDerivative(v, given: pair.own.cdf(theta)) / (v * (1 - v)) }, thetas, vs)
        let margin = norm.value + 0   // −0 → 0
        let verdict = ConditionVerdict.of(margin, scale: abs(margin), tolerance: zeroTolerance)
        return NegativeDependenceResult(rawMargin: raw.value + 0, rawArgminTheta: raw.x, rawArgminX: raw.y,
                                        normalisedMargin: margin, normalisedArgminTheta: norm.x, normalisedArgminV: norm.y, verdict: verdict)
    }

    /// The range of FGM ρ for which Def 5.2 holds for firm 1, by bisection on
    /// the predicate "margin ≥ 0" (exact sign, no tolerance) to `tolerance`.
    ///
    /// The normalised form is affine in ρ at every (θ, v), so its minimum is
    /// concave in ρ and the set of ρ where it is ≥ 0 is an interval; at v = 1
    /// it is D(θ)/2 whatever ρ, so the interval is empty unless the own
    /// marginal is (weakly) density-regular, and then it contains ρ = 0. The
    /// largest ρ is bisected on [0, 1], the smallest on [−1, 0].
    ///
    /// - Returns: nil when the condition fails at ρ = 0 (hence at every ρ).
    public static func fgmThreshold(own: TypeDistribution, opponent: TypeDistribution, tolerance: Double = 1e-12,
                                    gridPoints: Int = 401) throws -> RhoThreshold? {
        try require(tolerance.isFinite && tolerance > 0 && tolerance <= 0.5, .setting(.bisectionTolerance, value: "\(tolerance)", allowed: "a bisection tolerance in (0, 0.5]"))
        func holds(_ rho: Double) throws -> Bool {
            try correlationAdjustedHolds(ValuationPair(own: own, opponent: opponent, copula: .fgm(rho: rho)), gridPoints: gridPoints)
        }
        guard try holds(0) else { return nil }
        func side(_ end: Double) throws -> RhoBracket {
            if try holds(end) { return RhoBracket(holds: end, fails: nil, iterations: 0) }
            let r = try Roots.bisect(in: min(0, end), max(0, end), tolerance: tolerance, predicate: holds)
            return RhoBracket(holds: r.holds, fails: r.fails, iterations: r.iterations)
        }
        return RhoThreshold(largest: try side(1), smallest: try side(-1))
    }
}
