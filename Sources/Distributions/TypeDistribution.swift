// A distribution on [0, θ̄], shared by the models. ho-2026 (Sec 2): each
// valuation θ_i is drawn from F_i on Θ_i = [0, θ̄_i]. The paper
// assumes a C¹ strictly positive density; Examples 3.1 and 5.3 use two-point
// types as the limit of sharply bimodal densities, so finite atoms are
// supported as well (alone or mixed with densities).

import Foundation
import Numerics

/// A distribution of one valuation on the support [0, θ̄] (`upper` = θ̄).
///
/// `pdf` and its derivatives describe the absolutely continuous part (zero
/// outside the support); `atoms` the point masses. `cdf` is right-continuous
/// and clamped: 0 below 0, 1 at or above θ̄. Values are Doubles; families are
/// evaluated in closed form (Beta through the regularised incomplete beta),
/// formulas through their symbolic derivatives and a quadrature table
/// (FormulaLaw.swift). `exact` is the rational cdf where the text wrote one.
public struct TypeDistribution: Sendable, Equatable, CustomStringConvertible {
    /// The family and its parameters.
    public indirect enum Family: Sendable, Equatable {
        /// Uniform on [0, θ̄].
        case uniform
        /// Linear density f(x) = (1 + s(2x/θ̄ − 1))/θ̄, slope parameter s ∈ [−1, 1].
        case linear(slope: Double)
        /// Beta(a, b) scaled to [0, θ̄].
        case beta(a: Double, b: Double)
        /// f ∝ e^{−λx} on [0, θ̄] (λ may be negative: increasing density; λ = 0 is uniform).
        case truncatedExponential(rate: Double)
        /// Normal(μ, σ²) truncated to [0, θ̄].
        case truncatedNormal(mean: Double, sd: Double)
        /// f(x) = Σ_k c_k x^k on [0, θ̄] (must be non-negative and integrate to 1).
        case polynomial(coefficients: [Double])
        /// Piecewise-linear density through (knots[k], densities[k]); knots run from 0 to θ̄.
        case piecewiseLinear(knots: [Double], densities: [Double])
        /// Finite support: Pr(θ = values[k]) = masses[k].
        case atoms(values: [Double], masses: [Double])
        /// Σ_k w_k F_k, components on the same support.
        case mixture(weights: [Double], components: [TypeDistribution])
        /// A density or cdf written as a formula (FormulaLaw.swift), normalised on [0, θ̄].
        case formula(FormulaLaw)
    }

    /// The upper end θ̄ of the support [0, θ̄].
    public let upper: Double
    /// The family.
    public let family: Family
    /// Normalising constant of the family (1/B(a,b), the truncation mass, …), precomputed.
    private let norm: Double
    /// The exact piecewise-polynomial cdf when the text form wrote one with rational
    /// numbers (uniform, linear, polynomial, piecewise and their mixtures, F(θ̄) = 1
    /// exactly); nil otherwise. Not part of equality (the family and θ̄ are).
    public var exact: ExactCDF? { extras.exact }
    /// The exact cdf and the flattened mixture, behind one reference so that
    /// copies of a distribution (mixture components) stay small.
    private let extras: Extras

    private final class Extras: Sendable {
        let exact: ExactCDF?
        let flatMixture: [FlatComponent]?
        /// A formula law's compiled evaluator (read without copying the law out of the indirect enum).
        let formula: FormulaLaw.Evaluator?
        /// `atoms`, computed once (read by `cdfLeft`, `isContinuous` and `continuousMass` on hot paths).
        let atoms: [(value: Double, mass: Double)]
        /// log B(a, b) of a beta family (0 otherwise), computed once for its cdf.
        let logBeta: Double
        init(exact: ExactCDF?, flatMixture: [FlatComponent]?, formula: FormulaLaw.Evaluator?, atoms: [(value: Double, mass: Double)],
             logBeta: Double) {
            self.exact = exact; self.flatMixture = flatMixture; self.formula = formula; self.atoms = atoms; self.logBeta = logBeta
        }
    }

    /// A mixture whose components are all uniform, truncated exponential or truncated normal,
    /// flattened to plain numbers (nil otherwise): `pdf` and `cdf` then evaluate
    /// the components' own expressions in the same order without walking the
    /// indirect enum (the hot path of the posted-price revenue integrals).
    private var flatMixture: [FlatComponent]? { extras.flatMixture }

    /// One component of `flatMixture`: weight w_k; for an exponential the rate λ
    /// (0 for uniform) with the component's `norm` (e^{−λθ̄} − 1 when λ ≠ 0); for
    /// a normal (`isNormal`) μ in `rate`, σ in `sd`, the truncation mass in
    /// `norm` and Φ(−μ/σ) in `lowerCDF`.
    private struct FlatComponent: Sendable {
        let weight: Double
        let rate: Double
        let norm: Double
        var isNormal = false
        var sd = 1.0
        var lowerCDF = 0.0
    }

    public static func == (lhs: TypeDistribution, rhs: TypeDistribution) -> Bool {
        lhs.upper == rhs.upper && lhs.family == rhs.family
    }

    /// Validates the parameters; errors name the family's offending argument
    /// (`.argument`: the slope, densities[2], masses, …).
    public init(_ family: Family, upper: Double = 1) throws {
        try self.init(family, upper: upper, exact: nil)
    }

    /// As `init(_:upper:)`, with the exact cdf the parser built from the numbers as written.
    init(_ family: Family, upper: Double, exact: ExactCDF?) throws {
        func bad(_ argument: LawArgument, _ index: Int?, _ requirement: String, _ found: String) -> DistributionError {
            .argument(family: family.syntaxName, argument: argument, index: index, requirement: requirement, found: found)
        }
        try require(upper.isFinite && upper > 0, bad(.upper, nil, "a finite support end θ̄ > 0", "\(upper)"))
        self.upper = upper
        self.family = family
        var norm = 1.0
        var logBeta = 0.0
        var flatMixture: [FlatComponent]?
        var formula: FormulaLaw.Evaluator?
        switch family {
        case .uniform:
            break
        case let .linear(s):
            try require(s.isFinite && abs(s) <= 1, bad(.slope, nil, "a slope s ∈ [−1, 1] (the density must stay non-negative)", "\(s)"))
        case let .beta(a, b):
            try require(a.isFinite && a > 0, bad(.a, nil, "a > 0", "\(a)"))
            try require(b.isFinite && b > 0, bad(.b, nil, "b > 0", "\(b)"))
            logBeta = SpecialFunctions.logBeta(a, b)
            norm = exp(-logBeta)
        case let .truncatedExponential(rate):
            try require(rate.isFinite && abs(rate * upper) <= 700, bad(.rate, nil, "a finite rate λ with |λ θ̄| ≤ 700", "\(rate)"))
            // e^{−λθ̄} − 1, the (negated) truncation mass times λ, shared by pdf and cdf.
            if rate != 0 { norm = expm1(-rate * upper) }
        case let .truncatedNormal(mean, sd):
            try require(mean.isFinite, bad(.mean, nil, "a finite mean", "\(mean)"))
            try require(sd.isFinite && sd > 0, bad(.sd, nil, "a standard deviation σ > 0", "\(sd)"))
            let mass = SpecialFunctions.normalCDF((upper - mean) / sd) - SpecialFunctions.normalCDF(-mean / sd)
            try require(mass > 1e-300, bad(.mean, nil, "a normal with positive mass on [0, θ̄]", "mass \(mass)"))
            norm = mass
        case let .polynomial(c):
            try require(!c.isEmpty && c.allSatisfy(\.isFinite), bad(.coefficients, nil, "a non-empty list of finite coefficients", "\(c)"))
            let total = c.enumerated().reduce(0.0) { $0 + $1.element * pow(upper, Double($1.offset + 1)) / Double($1.offset + 1) }
            try require(abs(total - 1) <= 1e-9, bad(.coefficients, nil, "a density integrating to 1 over [0, \(upper)]", "integral \(total)"))
            // Non-negativity: the minimum over a fine grid (each interior local
            // minimum of a polynomial of degree d is isolated; 4001 points and a
            // Brent refinement at each grid minimum locate it).
            let f = { (x: Double) in c.reversed().reduce(0.0) { $0 * x + $1 } }
            let n = 4000
            var worst = (x: 0.0, value: f(0))
            for i in 0...n {
                let x = upper * Double(i) / Double(n)
                let v = f(x)
                if v < worst.value { worst = (x, v) }
            }
            if let r = try? Optimize.minimizeBrent(f, in: max(0, worst.x - upper / Double(n)), min(upper, worst.x + upper / Double(n)), tolerance: 1e-12),
               r.value < worst.value { worst = (r.x, r.value) }
            try require(worst.value >= -1e-12, bad(.coefficients, nil, "a non-negative density on [0, \(upper)]", "f(\(worst.x)) = \(worst.value)"))
        case let .piecewiseLinear(knots, densities):
            try require(knots.count >= 2 && knots.count == densities.count, bad(.knots, nil, "at least two knots and as many densities as knots", "\(knots.count) knots, \(densities.count) densities"))
            try require(knots.first == 0 && knots.last == upper, bad(.knots, nil, "knots running from 0 to θ̄ = \(upper)", "\(knots)"))
            for k in 1..<knots.count {
                try require(knots[k] > knots[k - 1], bad(.knots, k, "strictly increasing knots", "\(knots[k]) after \(knots[k - 1])"))
            }
            for (k, d) in densities.enumerated() {
                try require(d.isFinite && d >= 0, bad(.densities, k, "a non-negative density value", "\(d)"))
            }
            var total = 0.0
            for k in 1..<knots.count { total += (knots[k] - knots[k - 1]) * (densities[k] + densities[k - 1]) / 2 }
            try require(abs(total - 1) <= 1e-9, bad(.densities, nil, "a density integrating to 1", "integral \(total)"))
        case let .atoms(values, masses):
            try require(!values.isEmpty && values.count == masses.count, bad(.values, nil, "a non-empty list of values and as many masses", "\(values.count) values, \(masses.count) masses"))
            for (k, v) in values.enumerated() {
                try require(v.isFinite && v >= 0 && v <= upper, bad(.values, k, "a value in the support [0, \(upper)]", "\(v)"))
                if k > 0 { try require(v > values[k - 1], bad(.values, k, "strictly increasing values", "\(v) after \(values[k - 1])")) }
            }
            for (k, m) in masses.enumerated() {
                try require(m.isFinite && m >= 0 && m <= 1, bad(.masses, k, "a probability in [0, 1]", "\(m)"))
            }
            let total = masses.reduce(0, +)
            try require(abs(total - 1) <= 1e-12, bad(.masses, nil, "probabilities summing to 1", "sum \(total)"))
        case let .mixture(weights, components):
            try require(!components.isEmpty && weights.count == components.count, bad(.weights, nil, "a non-empty list of components and as many weights", "\(weights.count) weights, \(components.count) components"))
            for (k, w) in weights.enumerated() {
                try require(w.isFinite && w >= 0 && w <= 1, bad(.weights, k, "a weight in [0, 1]", "\(w)"))
            }
            let total = weights.reduce(0, +)
            try require(abs(total - 1) <= 1e-12, bad(.weights, nil, "weights summing to 1", "sum \(total)"))
            for (k, c) in components.enumerated() {
                try require(c.upper == upper, bad(.components, k, "the mixture's support end θ̄ = \(upper)", "\(c.upper)"))
            }
            var flat: [FlatComponent] = []
            for (w, c) in zip(weights, components) {
                switch c.family {
                case .uniform: flat.append(FlatComponent(weight: w, rate: 0, norm: c.norm))
                case let .truncatedExponential(rate): flat.append(FlatComponent(weight: w, rate: rate, norm: c.norm))
                case let .truncatedNormal(mean, sd):
                    flat.append(FlatComponent(weight: w, rate: mean, norm: c.norm, isNormal: true, sd: sd,
                                              lowerCDF: SpecialFunctions.normalCDF(-mean / sd)))
                default: break
                }
            }
            if flat.count == components.count { flatMixture = flat }
        case let .formula(law):
            try require(law.upper == upper, bad(.upper, nil, "the formula's support end θ̄ = \(law.upper)", "\(upper)"))
            formula = law.evaluator
        }
        self.norm = norm
        self.extras = Extras(exact: exact, flatMixture: flatMixture, formula: formula, atoms: Self.atoms(of: family), logBeta: logBeta)
    }

    /// Uniform on [0, θ̄] (never fails for θ̄ > 0).
    public static func uniform(upper: Double = 1) -> TypeDistribution {
        // swiftlint:disable:next force_try
        try! TypeDistribution(.uniform, upper: upper)
    }

    // MARK: - Evaluation

    /// The density of the continuous part at x (0 outside [0, θ̄]).
    public func pdf(_ x: Double) -> Double {
        guard x >= 0 && x <= upper else { return 0 }
        if let flat = flatMixture {
            // Each term is the component's pdf (uniform: 1/θ̄; truncated exponential as below).
            var total = 0.0
            for t in flat {
                if t.isNormal {
                    total += t.weight * (SpecialFunctions.normalPDF((x - t.rate) / t.sd) / (t.sd * t.norm))
                } else {
                    total += t.weight * (t.rate == 0 ? 1 / upper : t.rate * exp(-t.rate * x) / -t.norm)
                }
            }
            return total
        }
        switch family {
        case .uniform: return 1 / upper
        case let .linear(s): return (1 + s * (2 * x / upper - 1)) / upper
        case let .beta(a, b):
            let z = x / upper
            return norm * Self.term(1, z, a - 1) * Self.term(1, 1 - z, b - 1) / upper
        case let .truncatedExponential(rate):
            if rate == 0 { return 1 / upper }
            return rate * exp(-rate * x) / -norm
        case let .truncatedNormal(mean, sd):
            return SpecialFunctions.normalPDF((x - mean) / sd) / (sd * norm)
        case let .polynomial(c):
            return c.reversed().reduce(0.0) { $0 * x + $1 }
        case let .piecewiseLinear(knots, densities):
            let k = Self.segment(knots, x)
            let t = (x - knots[k]) / (knots[k + 1] - knots[k])
            return densities[k] + t * (densities[k + 1] - densities[k])
        case .atoms:
            return 0
        case let .mixture(w, cs):
            // Same left-to-right sum as a reduce, without the zip's per-call retains (hot path).
            var total = 0.0
            for k in w.indices { total += w[k] * cs[k].pdf(x) }
            return total
        case .formula:
            return extras.formula!.pdf(x)
        }
    }

    /// f′(x) on the support (one-sided at the ends and at kinks: the right
    /// derivative, the left one at θ̄); 0 outside. May be ±∞ where the
    /// density is singular (Beta with a < 2 at 0, for instance).
    public func pdfDerivative(_ x: Double) -> Double {
        guard x >= 0 && x <= upper else { return 0 }
        switch family {
        case .uniform: return 0
        case let .linear(s): return 2 * s / (upper * upper)
        case let .beta(a, b):
            let z = x / upper
            let d = Self.term(a - 1, z, a - 2) * Self.term(1, 1 - z, b - 1)
                - Self.term(1, z, a - 1) * Self.term(b - 1, 1 - z, b - 2)
            return norm * d / (upper * upper)
        case let .truncatedExponential(rate):
            return -rate * pdf(x)
        case let .truncatedNormal(mean, sd):
            return -(x - mean) / (sd * sd) * pdf(x)
        case let .polynomial(c):
            guard c.count > 1 else { return 0 }
            let d = (1..<c.count).map { Double($0) * c[$0] }
            return d.reversed().reduce(0.0) { $0 * x + $1 }
        case let .piecewiseLinear(knots, densities):
            let k = Self.segment(knots, x)
            return (densities[k + 1] - densities[k]) / (knots[k + 1] - knots[k])
        case .atoms:
            return 0
        case let .mixture(w, cs):
            return zip(w, cs).reduce(0.0) { $0 + $1.0 * $1.1.pdfDerivative(x) }
        case .formula:
            return extras.formula!.pdfDerivative(x)
        }
    }

    /// f″(x) on the support (same one-sided conventions as `pdfDerivative`).
    public func pdfSecondDerivative(_ x: Double) -> Double {
        guard x >= 0 && x <= upper else { return 0 }
        switch family {
        case .uniform, .linear, .piecewiseLinear, .atoms: return 0
        case let .beta(a, b):
            let z = x / upper
            let d = Self.term((a - 1) * (a - 2), z, a - 3) * Self.term(1, 1 - z, b - 1)
                - 2 * Self.term(a - 1, z, a - 2) * Self.term(b - 1, 1 - z, b - 2)
                + Self.term(1, z, a - 1) * Self.term((b - 1) * (b - 2), 1 - z, b - 3)
            return norm * d / (upper * upper * upper)
        case let .truncatedExponential(rate):
            return rate * rate * pdf(x)
        case let .truncatedNormal(mean, sd):
            let z = (x - mean) / sd
            return (z * z - 1) / (sd * sd) * pdf(x)
        case let .polynomial(c):
            guard c.count > 2 else { return 0 }
            let d = (2..<c.count).map { Double($0 * ($0 - 1)) * c[$0] }
            return d.reversed().reduce(0.0) { $0 * x + $1 }
        case let .mixture(w, cs):
            return zip(w, cs).reduce(0.0) { $0 + $1.0 * $1.1.pdfSecondDerivative(x) }
        case .formula:
            return extras.formula!.pdfSecondDerivative(x)
        }
    }

    /// F(x) = Pr(θ ≤ x): right-continuous, 0 below 0, 1 at or above θ̄.
    public func cdf(_ x: Double) -> Double {
        if x < 0 { return 0 }
        if x >= upper { return 1 }
        if let flat = flatMixture {
            // Each term is the component's clamped cdf (uniform: x/θ̄; truncated exponential as below).
            var total = 0.0
            for t in flat {
                let value = t.isNormal ? (SpecialFunctions.normalCDF((x - t.rate) / t.sd) - t.lowerCDF) / t.norm
                    : t.rate == 0 ? x / upper : expm1(-t.rate * x) / t.norm
                total += t.weight * min(1, max(0, value))
            }
            return min(1, max(0, total))
        }
        let value: Double
        switch family {
        case .uniform: value = x / upper
        case let .linear(s):
            let z = x / upper
            value = z + s * (z * z - z)
        case let .beta(a, b):
            value = SpecialFunctions.regularizedIncompleteBeta(a, b, x / upper, logBeta: extras.logBeta)
        case let .truncatedExponential(rate):
            value = rate == 0 ? x / upper : expm1(-rate * x) / norm
        case let .truncatedNormal(mean, sd):
            value = (SpecialFunctions.normalCDF((x - mean) / sd) - SpecialFunctions.normalCDF(-mean / sd)) / norm
        case let .polynomial(c):
            value = c.enumerated().reversed().reduce(0.0) { $0 * x + $1.element / Double($1.offset + 1) } * x
        case let .piecewiseLinear(knots, densities):
            var total = 0.0
            var k = 0
            while k + 1 < knots.count && knots[k + 1] <= x {
                total += (knots[k + 1] - knots[k]) * (densities[k] + densities[k + 1]) / 2
                k += 1
            }
            if k + 1 < knots.count {
                let h = x - knots[k]
                total += h * (densities[k] + pdf(x)) / 2
            }
            value = total
        case let .atoms(values, masses):
            value = zip(values, masses).reduce(0.0) { $0 + ($1.0 <= x ? $1.1 : 0) }
        case let .mixture(w, cs):
            var total = 0.0
            for k in w.indices { total += w[k] * cs[k].cdf(x) }
            value = total
        case .formula:
            value = extras.formula!.cdf(x)
        }
        return min(1, max(0, value))
    }

    /// Pr(θ < x), the left limit of the cdf (differs from `cdf` only at atoms).
    public func cdfLeft(_ x: Double) -> Double {
        let jump = atoms.reduce(0.0) { $0 + ($1.value == x ? $1.mass : 0) }
        return jump == 0 ? cdf(x) : max(0, cdf(x) - jump)
    }

    /// The point masses (value, mass), merged and sorted by value; empty for a density.
    public var atoms: [(value: Double, mass: Double)] { extras.atoms }

    /// The point masses of a family (the components' own, already computed, for a mixture).
    private static func atoms(of family: Family) -> [(value: Double, mass: Double)] {
        switch family {
        case let .atoms(values, masses):
            return zip(values, masses).filter { $0.1 > 0 }.map { (value: $0.0, mass: $0.1) }
        case let .mixture(w, cs):
            var merged: [Double: Double] = [:]
            for (weight, c) in zip(w, cs) where weight > 0 {
                for a in c.atoms { merged[a.value, default: 0] += weight * a.mass }
            }
            return merged.keys.sorted().map { (value: $0, mass: merged[$0]!) }
        default:
            return []
        }
    }

    /// Total mass of the continuous part (1 for a density, 0 for pure atoms).
    public var continuousMass: Double { 1 - atoms.reduce(0) { $0 + $1.mass } }

    /// `true` when there are no atoms.
    public var isContinuous: Bool { atoms.isEmpty }

    /// Interior points of (0, θ̄) where the density or its derivative is not
    /// smooth (piecewise-linear knots) or where an atom sits: breakpoints for
    /// quadrature and grids. Sorted, without duplicates.
    public var breakpoints: [Double] {
        var points: [Double]
        switch family {
        case let .piecewiseLinear(knots, _): points = Array(knots.dropFirst().dropLast())
        case let .atoms(values, _): points = values
        case let .mixture(_, cs): points = cs.flatMap(\.breakpoints)
        default: points = []
        }
        return Array(Set(points.filter { $0 > 0 && $0 < upper })).sorted()
    }

    // MARK: - Helpers

    /// coefficient · base^exponent with 0 · (anything) = 0, so that endpoint
    /// evaluations of Beta densities do not produce 0 · ∞ = NaN.
    private static func term(_ coefficient: Double, _ base: Double, _ exponent: Double) -> Double {
        if coefficient == 0 { return 0 }
        if exponent == 0 { return coefficient }
        return coefficient * pow(base, exponent)
    }

    /// Index k with knots[k] ≤ x < knots[k + 1] (the last segment at the top end).
    private static func segment(_ knots: [Double], _ x: Double) -> Int {
        var lo = 0, hi = knots.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if knots[mid] <= x { lo = mid } else { hi = mid }
        }
        return lo
    }

    // MARK: - Description

    public var description: String {
        let up = upper == 1 ? "" : "upper=\(Self.number(upper))"
        func call(_ name: String, _ args: [String]) -> String {
            let all = args + (up.isEmpty ? [] : [up])
            return all.isEmpty ? name : name + "(" + all.joined(separator: ", ") + ")"
        }
        func list(_ xs: [Double]) -> String { "[" + xs.map(Self.number).joined(separator: ", ") + "]" }
        switch family {
        case .uniform: return call("uniform", [])
        case let .linear(s): return call("linear", ["slope=\(Self.number(s))"])
        case let .beta(a, b): return call("beta", ["a=\(Self.number(a))", "b=\(Self.number(b))"])
        case let .truncatedExponential(r): return call("truncexp", ["rate=\(Self.number(r))"])
        case let .truncatedNormal(m, s): return call("truncnormal", ["mean=\(Self.number(m))", "sd=\(Self.number(s))"])
        case let .polynomial(c): return call("polynomial", ["coefficients=" + list(c)])
        case let .piecewiseLinear(k, d): return call("piecewise", ["knots=" + list(k), "densities=" + list(d)])
        case let .atoms(v, m): return call("atoms", ["values=" + list(v), "masses=" + list(m)])
        case let .mixture(w, cs):
            return "mixture(" + zip(w, cs).map { Self.number($0.0) + "*" + $0.1.description }.joined(separator: ", ") + ")"
        case let .formula(law):
            return call(law.kind.rawValue, [law.text])
        }
    }

    /// Shortest round-tripping decimal of a Double.
    public static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }
}
