// Sec. III.C of BBM (alignment paper): the Hotelling duopoly (c_1 = c_2 = 0,
// v_1 + v_2 = v̄), the two-sided truncated Pareto family G_b^B, its welfare
// (eq. 3 and the CS formula after it), the mean-preserving-contraction (MPC)
// constraint of App. A3, and the consumer-surplus maximisation over (b, B) of
// Theorem 3. Double precision: the Example 4 optimum b* = e⁻² is irrational.
import Foundation
import Numerics

/// A symmetric distribution G of the interim residual (G(−r) = 1 − G(r⁻))
/// described through its positive half.
public protocol SymmetricInterimDistribution: Sendable {
    /// Top of the support, the largest r with positive mass or density.
    var top: Double { get }
    /// Stop-loss transform Ψ_G(r) = E_G[(X − r)⁺] for r ≥ 0.
    func stopLoss(_ r: Double) -> Double
    /// ∫_{r ≥ 0} r G(dr) = Ψ_G(0): the interim efficiency gain of eq. (3).
    var expectedPositiveResidual: Double { get }
    /// Total producer surplus in the equilibrium this distribution supports.
    var producerSurplus: Double { get }
    /// Points where Ψ_G is not smooth (used by the MPC check for continuous priors).
    var kinks: [Double] { get }
}

/// The two-sided truncated Pareto distribution G_b^B of Sec. III.C:
/// G = −b/(2r) on (−B, −b], 1/2 on (−b, b], 1 − b/(2r) on (b, B], atoms
/// b/(2B) at ±B. With it the efficient producer (the one with r > 0) prices
/// at b and sells with probability one (Theorem 3), so PS = b.
public struct TruncatedParetoFamily: SymmetricInterimDistribution, Equatable {
    /// Lower bound b (the price).
    public let b: Double
    /// Upper bound B.
    public let B: Double

    /// - Parameter strict: when true (default) b < B is required, as in the
    ///   paper's definition (0 < b < B); pass false to admit the two-atom
    ///   limit G_b^b used in the proof of Theorem 3.
    /// - Throws: `.lowerBoundNotPositive` if b ≤ 0 or not finite,
    ///   `.boundsNotOrdered` if b ≥ B (strict) or B < b, or B not finite. O(1).
    public init(b: Double, B: Double, strict: Bool = true) throws {
        guard b.isFinite, b > 0 else { throw CompetitiveInformationDesignError.lowerBoundNotPositive(b: b) }
        guard B.isFinite, strict ? B > b : B >= b else {
            throw CompetitiveInformationDesignError.boundsNotOrdered(b: b, B: B)
        }
        self.b = b; self.B = B
    }

    /// The CDF G_b^B(r) (right-continuous). O(1).
    public func cdf(_ r: Double) -> Double {
        if r < -B { return 0 }
        if r < -b { return -b / (2 * r) }
        if r < b { return 0.5 }
        if r < B { return 1 - b / (2 * r) }
        return 1
    }

    /// Density b/(2r²) on b < |r| < B (0 elsewhere); the atoms are `atomMass`.
    public func density(_ r: Double) -> Double {
        let a = abs(r)
        return (a > b && a < B) ? b / (2 * a * a) : 0
    }

    /// Mass b/(2B) of each atom at ±B.
    public var atomMass: Double { b / (2 * B) }

    /// B. O(1).
    public var top: Double { B }

    /// Ψ_G(r) = (b − r)/2 + (b/2)ln(B/b) on [0, b], (b/2)ln(B/r) on [b, B], 0 above.
    public func stopLoss(_ r: Double) -> Double {
        if r >= B { return 0 }
        if r >= b { return 0.5 * b * log(B / r) }
        return 0.5 * (b - max(r, 0)) + 0.5 * b * log(B / b)
    }

    /// (b/2)(1 + ln(B/b)).
    public var expectedPositiveResidual: Double { 0.5 * b * (1 + log(B / b)) }

    /// PS = b (each producer earns b on the half of the market it serves).
    /// PS = b. O(1).
    public var producerSurplus: Double { b }

    /// Kinks of Ψ_G: b and B.
    public var kinks: [Double] { [b, B] }
}

/// The censored Pareto distribution H_p^X used for the Armstrong–Zhou (2022)
/// benchmark (uninformed producers, symmetric pure price p): the pointwise
/// largest tail consistent with no profitable upward deviation,
/// 1 − H(x) = p/(2(p + x)) on [0, X), an atom p/(2(p + X)) at ±X. It has no
/// flat part around zero ("extra mass around zero").
public struct CensoredParetoFamily: SymmetricInterimDistribution, Equatable {
    /// The common price p.
    public let p: Double
    /// The censoring point X.
    public let X: Double

    /// - Throws: `.priceNotPositive` if p ≤ 0, `.negativeCensoringPoint` if X < 0.
    public init(p: Double, X: Double) throws {
        guard p.isFinite, p > 0 else { throw CompetitiveInformationDesignError.priceNotPositive(p: p) }
        guard X.isFinite, X >= 0 else { throw CompetitiveInformationDesignError.negativeCensoringPoint(X: X) }
        self.p = p; self.X = X
    }
    /// X. O(1).
    public var top: Double { X }
    /// Density p/(2(p + |x|)²) on |x| < X.
    public func density(_ x: Double) -> Double { abs(x) < X ? p / (2 * (p + abs(x)) * (p + abs(x))) : 0 }
    /// Mass p/(2(p + X)) of each atom at ±X.
    public var atomMass: Double { p / (2 * (p + X)) }
    /// Ψ(r) = (p/2) ln((p + X)/(p + r)) on [0, X].
    public func stopLoss(_ r: Double) -> Double { r >= X ? 0 : 0.5 * p * log((p + X) / (p + max(r, 0))) }
    /// (p/2) ln(1 + X/p). O(1).
    public var expectedPositiveResidual: Double { stopLoss(0) }
    /// PS = p: both producers price at p and the market is covered.
    public var producerSurplus: Double { p }
    /// Kink of Ψ: X.
    public var kinks: [Double] { [X] }
}

/// The outcome of an MPC check Ψ_G ≤ Ψ_F on [0, ∞) (App. A3; by symmetry of
/// F and G the constraint for r < 0 is the same as for −r).
public struct MeanPreservingContractionCheck: Sendable, Equatable {
    /// sup_{r ≥ 0} [Ψ_G(r) − Ψ_F(r)] = sup_r ∫_r^∞ [G − F]·(−1)… i.e. the
    /// largest violation of ∫_r^∞ [G(x) − F(x)] dx ≥ 0 (≤ 0 means feasible).
    public let maxViolation: Double
    /// A point attaining it.
    public let argmax: Double
    /// maxViolation ≤ tolerance.
    public let feasible: Bool
    /// True when the check is exact up to rounding (discrete prior).
    public let exactUpToRounding: Bool
}

/// The welfare and parameters of a consumer-surplus-maximising interim
/// distribution found by the optimiser.
public struct HotellingOptimum<D: SymmetricInterimDistribution>: Sendable {
    /// The optimal member of the family.
    public let distribution: D
    /// Consumer surplus TS(G) − PS(G).
    public let consumerSurplus: Double
    /// TS(G) of eq. (3): base + ∫_{r≥0} r G(dr).
    public let totalSurplus: Double
    /// PS(G).
    public let producerSurplus: Double
    /// Efficient (full-information) surplus base + ∫_{r≥0} r F(dr).
    public let efficientSurplus: Double
    /// MPC check at the optimum.
    public let constraint: MeanPreservingContractionCheck
    /// Whether the optimum was polished by a root of the first-order condition.
    public let firstOrderConditionRefined: Bool
    /// Objective evaluations used.
    public let evaluations: Int
}

/// Solvers for the Hotelling model of Sec. III.C.
public enum Hotelling {

    /// MPC check of a symmetric G against a symmetric prior F: the largest
    /// value of Ψ_G(r) − Ψ_F(r) over r ≥ 0. For a discrete F, Ψ_F is affine
    /// between atoms and Ψ_G is convex, so the supremum over each piece is at
    /// its ends: evaluating at 0, the atoms below G's top and the top is exact
    /// up to rounding. Otherwise Optimize.maximizeGlobal (grid `gridPoints`)
    /// on [0, top] plus G's kinks. Above G's top Ψ_G = 0 ≤ Ψ_F.
    /// Complexity O(n) for n atoms; O(gridPoints + Brent) otherwise.
    /// - Throws: optimiser errors only (none for discrete priors).
    public static func checkContraction<D: SymmetricInterimDistribution>(
        _ g: D, against prior: SymmetricResidualPrior, tolerance: Double = 1e-15, gridPoints: Int = 65
    ) throws -> MeanPreservingContractionCheck {
        let top = g.top
        var best = -Double.infinity, arg = 0.0
        func consider(_ r: Double) {
            let v = g.stopLoss(r) - prior.stopLoss(r)
            if v > best { best = v; arg = r }
        }
        consider(0); consider(top)
        for k in g.kinks where k > 0 && k < top { consider(k) }
        if prior.kind == .atoms {
            for a in prior.positiveAtoms where a < top { consider(a) }
        } else if top > 0 {
            let m = try Optimize.maximizeGlobal({ g.stopLoss($0) - prior.stopLoss($0) }, in: 0, top,
                                                gridPoints: gridPoints, tolerance: 1e-12)
            for x in m.maximizers { consider(x) }
        }
        let tol = tolerance * max(1, prior.vBar)
        return MeanPreservingContractionCheck(maxViolation: best, argmax: arg, feasible: best <= tol,
                                              exactUpToRounding: prior.kind == .atoms)
    }

    /// Efficient (full-information) surplus of the Hotelling model: base +
    /// E_F[r⁺], with base = E[(v_1 + v_2)/2] (= v̄/2 when v_1 + v_2 = v̄).
    public static func efficientSurplus(prior: SymmetricResidualPrior, base: Double? = nil) -> Double {
        (base ?? prior.vBar / 2) + prior.stopLoss(0)
    }

    /// Welfare (TS, PS, CS) of an interim distribution: TS = base + Ψ_G(0)
    /// (eq. 3), PS from the family, CS = TS − PS.
    public static func welfare<D: SymmetricInterimDistribution>(_ g: D, base: Double) -> (total: Double, producer: Double, consumer: Double) {
        let ts = base + g.expectedPositiveResidual
        return (ts, g.producerSurplus, ts - g.producerSurplus)
    }

    /// Consumer-surplus maximisation over a two-parameter family (price
    /// parameter x, upper end t) subject to the MPC constraint (Theorem 3):
    /// CS is increasing in t for fixed x in both families (Ψ_G(0) grows with t,
    /// PS does not depend on t), and feasibility is monotone in t (Ψ_G grows
    /// pointwise with t), so the inner problem is the largest feasible t, found
    /// by bisection (Roots.largestSatisfying, tolerance 1e-15·v̄); the outer
    /// problem x ↦ CS(x, t̄(x)) is maximised by Optimize.maximizeGlobal on
    /// [xLow, xHigh] and then polished by a Brent root (Roots.brent) of a
    /// central-difference first-order condition when one brackets the maximum.
    static func maximize<D: SymmetricInterimDistribution>(
        prior: SymmetricResidualPrior, base: Double, xRange: (Double, Double),
        minimalTop: (Double) -> Double, make: (Double, Double) throws -> D, gridPoints: Int,
        fixedTop: Double? = nil
    ) throws -> HotellingOptimum<D> {
        var evaluations = 0
        let tTop = prior.supportMaximum
        let tTol = 1e-15 * max(1, prior.vBar)
        func topBar(_ x: Double) throws -> Double? {
            let lo = minimalTop(x)
            // Upper end held fixed: x is admissible iff make(x, t) is an MPC of F.
            if let t = fixedTop {
                guard lo <= t else { return nil }
                return try checkContraction(try make(x, t), against: prior).feasible ? t : nil
            }
            guard lo <= tTop else { return nil }
            if try checkContraction(try make(x, tTop), against: prior).feasible { return tTop }
            guard try checkContraction(try make(x, lo), against: prior).feasible else { return nil }
            return try Roots.largestSatisfying(in: lo, tTop, tolerance: tTol) { t in
                try checkContraction(try make(x, t), against: prior).feasible
            }
        }
        func phi(_ x: Double) throws -> Double {
            evaluations += 1
            guard let t = try topBar(x) else { return -.infinity }
            return welfare(try make(x, t), base: base).consumer
        }
        let global = try Optimize.maximizeGlobal(phi, in: xRange.0, xRange.1, gridPoints: gridPoints, tolerance: 1e-13)
        var xStar = global.maximizers[0]
        var bestValue = -Double.infinity
        for x in global.maximizers {
            let v = try phi(x)
            if v > bestValue { bestValue = v; xStar = x }
        }
        var refined = false
        let spacing = (xRange.1 - xRange.0) / Double(gridPoints - 1)
        let h = 1e-6 * max(xStar, 1e-3 * prior.vBar)
        func dphi(_ x: Double) throws -> Double {
            let up = try phi(x + h), dn = try phi(x - h)
            guard up.isFinite, dn.isFinite else { return .nan }
            return (up - dn) / (2 * h)
        }
        let lo = max(xRange.0 + h, xStar - spacing), hi = min(xRange.1 - h, xStar + spacing)
        if lo < hi {
            let dlo = try dphi(lo), dhi = try dphi(hi)
            if dlo.isFinite, dhi.isFinite, dlo > 0, dhi < 0 {
                let root = try Roots.brent({ x in let d = try dphi(x); return d.isFinite ? d : 0 }, in: lo, hi,
                                           absoluteTolerance: 1e-14, relativeTolerance: 1e-14)
                if try phi(root.root) >= global.value - 1e-12 { xStar = root.root; refined = true }
            }
        }
        guard let tStar = try topBar(xStar) else {
            throw CompetitiveInformationDesignError.noFeasibleInterimDistribution
        }
        let g = try make(xStar, tStar)
        let w = welfare(g, base: base)
        return HotellingOptimum(distribution: g, consumerSurplus: w.consumer, totalSurplus: w.total,
                                producerSurplus: w.producer, efficientSurplus: efficientSurplus(prior: prior, base: base),
                                constraint: try checkContraction(g, against: prior),
                                firstOrderConditionRefined: refined, evaluations: evaluations)
    }

    /// Theorem 3: the consumer-surplus-maximising G_b^B that is a mean-
    /// preserving contraction of the symmetric prior F, found by the general
    /// nested optimiser (see `maximize`): b ranges over [1e-9·v̄, E_F|r|]
    /// (G_b^b is feasible iff b ≤ E_F|r|), B over [b, max supp F].
    /// - Parameters:
    ///   - base: E[(v_1 + v_2)/2]; default v̄/2 (Hotelling: v_1 + v_2 = v̄).
    ///   - gridPoints: outer grid (≥ 3); a maximiser narrower than two grid
    ///     cells can be missed.
    /// - Throws: `.pointMassAtZero` if E_F|r| = 0 (nothing to contract); optimiser errors.
    /// Complexity: about (gridPoints + 100) outer evaluations, each a
    /// bisection of ≈ 50 MPC checks (O(n) each for n atoms).
    public static func maximizeConsumerSurplus(
        prior: SymmetricResidualPrior, base: Double? = nil, gridPoints: Int = 201
    ) throws -> HotellingOptimum<TruncatedParetoFamily> {
        let m = prior.meanAbsoluteResidual
        guard m > 0 else { throw CompetitiveInformationDesignError.pointMassAtZero }
        return try maximize(prior: prior, base: base ?? prior.vBar / 2, xRange: (1e-9 * prior.vBar, m),
                            minimalTop: { $0 }, make: { try TruncatedParetoFamily(b: $0, B: $1, strict: false) }, gridPoints: gridPoints)
    }

    /// Example 4 with the upper bound held fixed: the b maximising CS of
    /// G_b^B = ½[1 − b + b ln(B/b)] + (base − ½) at the given B among the b
    /// for which G_b^B is a mean-preserving contraction of F — the outer
    /// problem of Theorem 3's (b, B) search with B fixed, solved by the same
    /// optimiser (global grid on b ∈ [1e-9·v̄, min(B, E_F|r|)], then a Brent
    /// root of the first-order condition). Used to mark the optimum on the
    /// CS-against-b figure; the closed form b* = e⁻² (B = 1) is only a claim.
    /// - Throws: `.upperBoundNotPositive` if B ≤ 0, `.noContractionWithUpperBound`
    ///   if no b gives a feasible G_b^B; optimiser errors.
    /// Complexity: about (gridPoints + 100) evaluations of one MPC check each.
    public static func maximizeConsumerSurplus(
        prior: SymmetricResidualPrior, upperBound B: Double, base: Double? = nil, gridPoints: Int = 201
    ) throws -> HotellingOptimum<TruncatedParetoFamily> {
        guard B.isFinite, B > 0 else { throw CompetitiveInformationDesignError.upperBoundNotPositive(B: B) }
        let lowest = 1e-9 * prior.vBar
        let highest = min(B, prior.meanAbsoluteResidual)
        // Ψ_{G_b^B} grows pointwise with b, so feasibility only gets harder as
        // b rises: if the smallest b is infeasible, every b is.
        guard highest > lowest,
              try checkContraction(try TruncatedParetoFamily(b: lowest, B: B, strict: false), against: prior).feasible else {
            throw CompetitiveInformationDesignError.noContractionWithUpperBound(B: B)
        }
        return try maximize(prior: prior, base: base ?? prior.vBar / 2, xRange: (lowest, highest),
                            minimalTop: { $0 }, make: { try TruncatedParetoFamily(b: $0, B: $1, strict: false) },
                            gridPoints: gridPoints, fixedTop: B)
    }

    /// Armstrong–Zhou benchmark as derived from what the paper states
    /// (uninformed producers, symmetric pure price p, censored Pareto shape):
    /// maximise CS over the censored Pareto family H_p^X subject to the MPC
    /// constraint, by the same nested optimiser (p ∈ [1e-9·v̄, v̄], X ∈ [0, max supp F]).
    /// The family is the pointwise-largest tail with no profitable upward
    /// deviation (p'(1 − H(p' − p)) ≤ p/2); downward deviations are then
    /// unprofitable as well ((p − y)(p + 2y) ≤ p(p + y)).
    /// - Throws: optimiser errors.
    public static func maximizeConsumerSurplusUninformedProducers(
        prior: SymmetricResidualPrior, base: Double? = nil, gridPoints: Int = 201
    ) throws -> HotellingOptimum<CensoredParetoFamily> {
        try maximize(prior: prior, base: base ?? prior.vBar / 2, xRange: (1e-9 * prior.vBar, prior.vBar),
                     minimalTop: { _ in 0 }, make: { try CensoredParetoFamily(p: $0, X: $1) }, gridPoints: gridPoints)
    }

    /// Largest B such that G_b^B is an MPC of F (nil if even G_b^b is not).
    /// Bisection to 1e-15·v̄. Complexity ≈ 50 MPC checks.
    public static func largestFeasibleUpperBound(b: Double, prior: SymmetricResidualPrior) throws -> Double? {
        _ = try TruncatedParetoFamily(b: b, B: b, strict: false)
        let top = prior.supportMaximum
        guard b <= top else { return nil }
        if try checkContraction(try TruncatedParetoFamily(b: b, B: top, strict: false), against: prior).feasible { return top }
        guard try checkContraction(try TruncatedParetoFamily(b: b, B: b, strict: false), against: prior).feasible else { return nil }
        return try Roots.largestSatisfying(in: b, top, tolerance: 1e-15 * max(1, prior.vBar)) { t in
            try checkContraction(try TruncatedParetoFamily(b: b, B: t, strict: false), against: prior).feasible
        }
    }

    /// A sweep point for figures: (b, B, feasible, CS, TS) of G_b^B.
    public struct SweepPoint: Sendable, Equatable {
        /// Parameters, MPC feasibility against the prior, and CS/TS of G_b^B.
        public let b: Double, B: Double, feasible: Bool, consumerSurplus: Double, totalSurplus: Double
    }

    /// CS and TS of G_b^B on a grid of (b, B) values (pairs with B < b are
    /// skipped), each flagged by the MPC check against F. O(|bs|·|Bs|·check).
    public static func sweep(prior: SymmetricResidualPrior, bValues: [Double], BValues: [Double], base: Double? = nil) throws -> [SweepPoint] {
        var out: [SweepPoint] = []
        for b in bValues {
            for B in BValues where B >= b {
                let g = try TruncatedParetoFamily(b: b, B: B, strict: false)
                let w = welfare(g, base: base ?? prior.vBar / 2)
                out.append(SweepPoint(b: b, B: B, feasible: try checkContraction(g, against: prior).feasible,
                                      consumerSurplus: w.consumer, totalSurplus: w.total))
            }
        }
        return out
    }

    /// Figure 2 data: the density of an interim distribution on a grid of r
    /// in [−v̄, v̄] (continuous part), with its atoms listed separately.
    public static func densitySeries(_ g: TruncatedParetoFamily, points: Int, vBar: Double) -> (r: [Double], density: [Double], atoms: [(Double, Double)]) {
        let rs = (0..<points).map { -vBar + 2 * vBar * Double($0) / Double(points - 1) }
        return (rs, rs.map { g.density($0) }, [(-g.B, g.atomMass), (g.B, g.atomMass)])
    }

    /// Figure 2 data for the Armstrong–Zhou-type censored Pareto distribution.
    public static func densitySeries(_ g: CensoredParetoFamily, points: Int, vBar: Double) -> (r: [Double], density: [Double], atoms: [(Double, Double)]) {
        let rs = (0..<points).map { -vBar + 2 * vBar * Double($0) / Double(points - 1) }
        return (rs, rs.map { g.density($0) }, [(-g.X, g.atomMass), (g.X, g.atomMass)])
    }
}
