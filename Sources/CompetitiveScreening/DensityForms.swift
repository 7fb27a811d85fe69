// The local quantities of a valuation density the Def 3.1 / Myerson /
// log-concavity forms need (DensityConditions.swift): f, f′, f″ and F on each
// smooth piece of [0, θ̄], one-sided values at breakpoints, and the local power
// law f ~ c·θ^k (or c·(θ̄ − θ)^k) at singular support ends, whose one-sided
// limits replace the forms there.

import Foundation
import Distributions
import Numerics

/// Which one-sided derivative to use at a breakpoint.
package enum DerivativeSide { case left, right }

/// A density's local quantities, with its pieces and endpoint orders.
package struct DensityForms {
    let d: TypeDistribution
    /// [0, θ̄] split at the breakpoints.
    let pieces: [(lo: Double, hi: Double)]
    /// k with f ~ c·θ^k as θ → 0 (nil: f ≡ 0 near 0).
    package let lowerOrder: Double?
    /// k with f ~ c·(θ̄ − θ)^k as θ → θ̄.
    package let upperOrder: Double?

    package init(_ d: TypeDistribution) {
        self.d = d
        let cuts = [0] + d.breakpoints + [d.upper]
        pieces = (1..<cuts.count).map { (cuts[$0 - 1], cuts[$0]) }
        lowerOrder = Self.order(d.family, upper: d.upper, atUpperEnd: false)
        upperOrder = Self.order(d.family, upper: d.upper, atUpperEnd: true)
    }

    /// f′ with the given one-sided convention (`pdfDerivative` is the right
    /// derivative inside the support and the left one at θ̄; the left one at
    /// an interior kink is the right derivative of the previous piece).
    func fPrime(_ x: Double, _ side: DerivativeSide) -> Double {
        side == .left && x > 0 && x < d.upper ? d.pdfDerivative(x.nextDown) : d.pdfDerivative(x)
    }

    func fSecond(_ x: Double, _ side: DerivativeSide) -> Double {
        side == .left && x > 0 && x < d.upper ? d.pdfSecondDerivative(x.nextDown) : d.pdfSecondDerivative(x)
    }

    /// The endpoint order k of the local power law f ~ c·t^k (t = θ or θ̄ − θ), per family.
    static func order(_ family: TypeDistribution.Family, upper: Double, atUpperEnd: Bool) -> Double? {
        switch family {
        case .uniform, .truncatedExponential, .truncatedNormal: return 0
        case let .linear(s): return (atUpperEnd ? s == -1 : s == 1) ? 1 : 0
        case let .beta(a, b): return atUpperEnd ? b - 1 : a - 1
        case let .polynomial(c):
            if !atUpperEnd { return c.firstIndex { $0 != 0 }.map(Double.init) }
            // Multiplicity of the root at θ̄: the first derivative p⁽ʲ⁾(θ̄) that is not 0.
            var coefficients = c
            var j = 0
            while !coefficients.isEmpty {
                let value = coefficients.reversed().reduce(0.0) { $0 * upper + $1 }
                let scale = coefficients.enumerated().reduce(0.0) { $0 + abs($1.element) * pow(upper, Double($1.offset)) }
                if abs(value) > 1e-12 * scale { return Double(j) }
                coefficients = coefficients.count > 1 ? (1..<coefficients.count).map { Double($0) * coefficients[$0] } : []
                j += 1
            }
            return nil
        case let .piecewiseLinear(_, densities):
            let ds = atUpperEnd ? Array(densities.reversed()) : densities
            if ds[0] > 0 { return 0 }
            return ds[1] > 0 ? 1 : nil
        case .atoms: return nil
        case let .formula(law): return law.endOrder(atUpperEnd: atUpperEnd)
        case let .mixture(w, cs):
            let orders = zip(w, cs).filter { $0.0 > 0 }.compactMap { order($0.1.family, upper: upper, atUpperEnd: atUpperEnd) }
            return orders.min()
        }
    }

    /// One form of a condition at x, with the scale of its terms. At the
    /// support ends where f is 0 or ∞ the one-sided limit from the local power
    /// law (order k) is returned: derivations in the comments.
    func expression(_ c: DensityCondition, _ form: ConditionForm, at x: Double, side: DerivativeSide) -> (value: Double, scale: Double) {
        let f = d.pdf(x)
        let atLower = x == 0, atUpper = x == d.upper
        let k: Double? = atLower ? lowerOrder : (atUpper ? upperOrder : nil)
        let singularEnd = (atLower || atUpper) && (k ?? 1) != 0
        switch (c, form) {
        case (.densityRegularity, .raw):
            if atLower {
                // θf′(θ) → 0 when k ≥ 0 (θ·c k θ^{k−1} = c k θ^k); for k < 0, 2f + θf′ = f·(2 + k + o(1)) → +∞ (k > −1).
                if let k, k < 0 { return (.infinity, .infinity) }
                return (2 * f, 2 * f)
            }
            let t = x * fPrime(x, side)
            return (2 * f + t, max(abs(2 * f), abs(t)))
        case (.densityRegularity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                // Near 0: θf′/f → k. Near θ̄: θf′/f ~ −θ̄k/(θ̄ − θ) → −∞·sign(k).
                if atLower { return (2 + k, max(2, abs(k))) }
                return (k > 0 ? -.infinity : .infinity, .infinity)
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let t = x * fPrime(x, side) / f
            return (2 + t, max(2, abs(t)))
        case (.myersonRegularity, .raw):
            let s = 1 - d.cdf(x)
            if singularEnd {
                guard let k else { return (0, 0) }
                if atLower {
                    // F(0) = 0: 2f² + f′ → f′(0) (= +∞, finite or 0) for k > 0; f²·v′ → −∞ for k < 0.
                    if k < 0 { return (-.infinity, .infinity) }
                    let fp = fPrime(0, .right)
                    return (fp, abs(fp))
                }
                // At θ̄: f²·v′ with v′ → 2 − k/(k + 1) > 0: → 0 for k > 0, +∞ for k < 0.
                return k > 0 ? (0, 0) : (.infinity, .infinity)
            }
            let t = atUpper ? 0 : s * fPrime(x, side)
            return (2 * f * f + t, max(2 * f * f, abs(t)))
        case (.myersonRegularity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                if atLower {
                    // (1 − F)f′/f² ~ k/(c θ^{k+1}) → +∞·sign(k).
                    return (k > 0 ? .infinity : -.infinity, .infinity)
                }
                // (1 − F) ~ c t^{k+1}/(k+1), f′ ~ −c k t^{k−1}: (1 − F)f′/f² → −k/(k + 1).
                let v = 2 - k / (k + 1)
                return (v, max(2, abs(k / (k + 1))))
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let t = atUpper ? 0 : (1 - d.cdf(x)) * fPrime(x, side) / (f * f)
            return (2 + t, max(2, abs(t)))
        case (.logConcavity, .raw):
            if singularEnd {
                guard let k else { return (0, 0) }
                // f′² − f f″ ~ c² k t^{2k−2}: 0 for k > 1, c² (= f′²) for k = 1, ±∞ (sign k) for k < 1.
                if k > 1 { return (0, 0) }
                if k == 1 { let fp = fPrime(x, side); return (fp * fp, fp * fp) }
                return (k > 0 ? .infinity : -.infinity, .infinity)
            }
            let fp = fPrime(x, side), fpp = fSecond(x, side)
            return (fp * fp - f * fpp, max(fp * fp, abs(f * fpp)))
        case (.logConcavity, .normalised):
            if singularEnd {
                guard let k else { return (.nan, 0) }
                // −(ln f)″ ~ k/t² → ±∞ (sign k).
                return (k > 0 ? .infinity : -.infinity, .infinity)
            }
            guard f > 0 && f.isFinite else { return (.nan, 0) }
            let a = fPrime(x, side) / f, b = fSecond(x, side) / f
            return (a * a - b, max(a * a, abs(b)))
        }
    }

    /// The first interior breakpoint where f′ jumps up (f′₊ − f′₋ > tolerance·scale), if any.
    func convexKink(tolerance: Double) -> Double? {
        for b in d.breakpoints {
            let left = fPrime(b, .left), right = fPrime(b, .right)
            if right - left > tolerance * max(abs(left), abs(right), 1) { return b }
        }
        return nil
    }
}
