// Sec 4, the non-exclusive duopoly: the agent's choice depends on the relative
// preference Δ = θ₁ − θ₂, with cdf H and density h on [Δ_lo, Δ_hi].
//
// - Prop 4.3 (finite menus): if φ(Δ) = Δh(Δ) + 2H(Δ) is strictly monotone,
//   the posted price is the unique active contract with positive allocation
//   (equation (5) then has no solution). φ′ = 3h + Δh′.
// - Prop 4.4 (continuous tariffs): an interior allocation needs ψ′(Δ) = 1,
//   ψ = (1 − 2H)/h; so ψ′ ≠ 1 almost everywhere rules interior allocations
//   out. ψ′ = −2 − (1 − 2H)h′/h².
//
// Δ is either the difference of independent θ₁ ~ F₁ on [0, a] and θ₂ ~ F₂ on
// [0, b] (support [−b, a]), computed by quadrature split at every kink:
//   H(Δ) = ∫ F₁(Δ + s) f₂(s) ds,   h(Δ) = ∫_L^U f₁(Δ + s) f₂(s) ds,
//   h′(Δ) = ∫_L^U f₁′(Δ + s) f₂(s) ds + 1[Δ < 0] f₁(0) f₂(−Δ) − 1[Δ > a − b] f₁(a) f₂(a − Δ),
// with L = max(0, −Δ), U = min(b, a − Δ) (Leibniz's rule: the boundary terms
// are where f₁ jumps from 0 at the ends of its support); or Δ is given
// directly as a TypeDistribution shifted by Δ_lo.

import Foundation
import Distributions
import Numerics

/// The distribution of the relative preference Δ = θ₁ − θ₂ (Sec 4).
public struct RelativePreference: Sendable, Equatable, CustomStringConvertible {
    public enum Source: Sendable, Equatable {
        /// Δ = θ₁ − θ₂ with θ₁ ~ own, θ₂ ~ opponent independent.
        case difference(own: TypeDistribution, opponent: TypeDistribution)
        /// Δ = Δ_lo + X with X ~ base.
        case shifted(base: TypeDistribution, lower: Double)
    }

    public let source: Source
    /// Δ_lo and Δ_hi.
    public let lower: Double
    public let upper: Double

    /// Δ = θ₁ − θ₂. - Throws: `.lawHasAtoms` (own or opponent law) for atoms.
    public init(own: TypeDistribution, opponent: TypeDistribution) throws {
        try require(own.atoms.isEmpty, .lawHasAtoms(role: .own, law: own.description, purpose: "Δ needs a density h"))
        try require(opponent.atoms.isEmpty, .lawHasAtoms(role: .opponent(index: 0), law: opponent.description, purpose: "Δ needs a density h"))
        source = .difference(own: own, opponent: opponent)
        lower = -opponent.upper
        upper = own.upper
    }

    /// Δ = lower + X. - Throws: `.lawHasAtoms` (the base law) for atoms, `.nonFiniteShift`.
    public init(shifting base: TypeDistribution, by lower: Double) throws {
        try require(base.atoms.isEmpty, .lawHasAtoms(role: .relativeBase, law: base.description, purpose: "Δ needs a density h"))
        try require(lower.isFinite, .nonFiniteShift(lower))
        source = .shifted(base: base, lower: lower)
        self.lower = lower
        upper = lower + base.upper
    }

    /// Parses "difference(<own>, <opponent>)" or "shifted(<distribution>, by=<Δ_lo>)". Throws
    /// `.syntax` (the position in the text), the inner laws' errors, or the validation errors above.
    public init(parsing text: String) throws {
        let usage = "difference(<own>, <opponent>) or shifted(<distribution>, by=<Δ_lo>), e.g. difference(uniform, beta(2, 1))"
        func fail(_ expected: String, at part: String? = nil) -> CompetitiveScreeningError {
            let offset = part.flatMap { text.range(of: $0) }.map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
            return .syntax(form: .relativePreference, position: TextPosition(text: text, offset: offset), expected: expected)
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else { throw fail(usage) }
        let name = t[..<open].trimmingCharacters(in: .whitespaces).lowercased()
        let args = Self.splitTopLevel(t[t.index(after: open)..<t.index(before: t.endIndex)])
        switch name {
        case "difference":
            guard args.count == 2 else { throw fail("\(usage) (found \(args.count) arguments)") }
            try self.init(own: try Self.law(args[0], .own), opponent: try Self.law(args[1], .opponent(index: 0)))
        case "shifted":
            guard args.count == 2 else { throw fail("\(usage) (found \(args.count) arguments)") }
            let base = try Self.law(args[0], .relativeBase)
            let by = args[1].split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard by.count == 2, by[0] == "by", let r = try? Rational(parsing: by[1]) else {
                throw fail("by=<number>, the lower end Δ_lo", at: args[1])
            }
            try self.init(shifting: base, by: r.doubleValue)
        default:
            throw fail(usage)
        }
    }

    /// One of Δ's laws, its errors wrapped with its role.
    static func law(_ text: String, _ role: LawRole) throws -> TypeDistribution {
        do { return try valuationLaw { try TypeDistribution(parsing: text) } } catch let e as CompetitiveScreeningError { throw CompetitiveScreeningError.inLaw(role: role, e) }
    }

    /// Splits at commas outside parentheses and brackets.
    static func splitTopLevel(_ s: Substring) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        for c in s {
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" { depth -= 1 }
            if c == "," && depth == 0 { parts.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(c)
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    public var description: String {
        switch source {
        case let .difference(own, opponent): return "difference(\(own), \(opponent))"
        case let .shifted(base, lower): return "shifted(\(base), by=\(TypeDistribution.number(lower)))"
        }
    }

    /// Interior points of (Δ_lo, Δ_hi) where h′ may jump: 0 and a − b for a
    /// difference (where the boundary terms switch on), the shifted
    /// breakpoints otherwise.
    public var kinks: [Double] {
        switch source {
        case let .difference(own, opponent):
            let a = own.upper, b = opponent.upper
            return Array(Set([0, a - b].filter { $0 > -b && $0 < a })).sorted()
        case let .shifted(base, lower):
            return base.breakpoints.map { $0 + lower }
        }
    }

    /// [Δ_lo, Δ_hi] split at the kinks.
    var pieces: [(lo: Double, hi: Double)] {
        let cuts = [lower] + kinks + [upper]
        return (1..<cuts.count).map { (cuts[$0 - 1], cuts[$0]) }
    }

    private static func integrate(_ g: (Double) -> Double, _ lo: Double, _ hi: Double, _ breaks: [Double]) throws -> Double {
        guard hi > lo else { return 0 }
        let inside = Array(Set(breaks.filter { $0 > lo && $0 < hi })).sorted()
        return try Quadrature.integrate(g, from: lo, to: hi, absoluteTolerance: 1e-13, relativeTolerance: 1e-12,
                                        breakpoints: inside).value
    }

    /// The s-breakpoints of the convolution integrands at Δ.
    private static func breaks(_ own: TypeDistribution, _ opponent: TypeDistribution, _ delta: Double) -> [Double] {
        opponent.breakpoints + own.breakpoints.map { $0 - delta } + [-delta, own.upper - delta]
    }

    /// H(Δ) = Pr(θ₁ − θ₂ ≤ Δ).
    public func cdf(_ delta: Double) throws -> Double {
        switch source {
        case let .shifted(base, lower): return base.cdf(delta - lower)
        case let .difference(own, opponent):
            if delta <= lower { return 0 }
            if delta >= upper { return 1 }
            let a = own.upper, b = opponent.upper
            let lo = max(0, -delta), hi = min(b, a - delta)
            let inner = try Self.integrate({ s in own.cdf(delta + s) * opponent.pdf(s) }, lo, hi, Self.breaks(own, opponent, delta))
            return min(1, max(0, inner + (hi < b ? 1 - opponent.cdf(hi) : 0)))
        }
    }

    /// h(Δ).
    public func pdf(_ delta: Double) throws -> Double {
        switch source {
        case let .shifted(base, lower): return base.pdf(delta - lower)
        case let .difference(own, opponent):
            guard delta >= lower && delta <= upper else { return 0 }
            let lo = max(0, -delta), hi = min(opponent.upper, own.upper - delta)
            return try Self.integrate({ s in own.pdf(delta + s) * opponent.pdf(s) }, lo, hi, Self.breaks(own, opponent, delta))
        }
    }

    /// h′(Δ), one-sided at the kinks (`side`), the right derivative at Δ_lo and the left one at Δ_hi.
    func pdfDerivative(_ delta: Double, side: DerivativeSide) throws -> Double {
        let left = (side == .left && delta > lower) || delta >= upper
        switch source {
        case let .shifted(base, lower):
            let x = delta - lower
            return left && x > 0 && x < base.upper ? base.pdfDerivative(x.nextDown) : base.pdfDerivative(x)
        case let .difference(own, opponent):
            guard delta >= lower && delta <= upper else { return 0 }
            let a = own.upper, b = opponent.upper
            let lo = max(0, -delta), hi = min(b, a - delta)
            var value = try Self.integrate({ s in own.pdfDerivative(delta + s) * opponent.pdf(s) }, lo, hi, Self.breaks(own, opponent, delta))
            // Leibniz boundary terms (one-sided where they switch on or off).
            if left ? delta <= 0 : delta < 0 { value += own.pdf(0) * opponent.pdf(-delta) }
            if left ? delta > a - b : delta >= a - b { value -= own.pdf(a) * opponent.pdf(a - delta) }
            return value
        }
    }

    /// h′(Δ) (the right derivative at a kink; the left one at Δ_hi).
    public func pdfDerivative(_ delta: Double) throws -> Double { try pdfDerivative(delta, side: .right) }

    /// φ, ψ and their derivatives at Δ.
    public func point(_ delta: Double) throws -> RelativePreferencePoint { try point(delta, side: .right) }

    func point(_ delta: Double, side: DerivativeSide) throws -> RelativePreferencePoint {
        let H = try cdf(delta), h = try pdf(delta), hp = try pdfDerivative(delta, side: side)
        return RelativePreferencePoint(delta: delta, H: H, h: h, hPrime: hp)
    }
}

/// H, h, h′, φ, φ′, ψ, ψ′ at one Δ.
public struct RelativePreferencePoint: Sendable, Equatable {
    public let delta: Double
    public let H: Double
    public let h: Double
    public let hPrime: Double

    /// φ(Δ) = Δh(Δ) + 2H(Δ) (Prop 4.3).
    public var phi: Double { delta * h + 2 * H }
    /// φ′(Δ) = 3h(Δ) + Δh′(Δ).
    public var phiPrime: Double { 3 * h + delta * hPrime }
    /// ψ(Δ) = (1 − 2H)/h (Prop 4.4); nil where h = 0.
    public var psi: Double? { h > 0 ? (1 - 2 * H) / h : nil }
    /// ψ′(Δ) = −2 − (1 − 2H)h′/h²; nil where h = 0.
    public var psiPrime: Double? { h > 0 ? -2 - (1 - 2 * H) * hPrime / (h * h) : nil }
}

/// An extremum over the support.
public struct SlopeExtremum: Sendable, Equatable {
    public let value: Double
    public let at: Double
}

/// Prop 4.3's condition on one Δ distribution.
public struct PhiMonotonicity: Sendable, Equatable {
    public enum Direction: String, Sendable {
        case increasing = "strictly increasing"
        case decreasing = "strictly decreasing"
        case notMonotone = "not monotone"
    }
    public let minimumSlope: SlopeExtremum
    public let maximumSlope: SlopeExtremum
    /// Where φ′ changes sign (roots by Brent's method, or a kink where it jumps across 0).
    public let signChanges: [Double]
    public let direction: Direction
    /// φ strictly monotone (φ′ of one sign, zero at most at isolated points).
    public var holds: Bool { direction != .notMonotone }
}

/// Prop 4.4's condition on one Δ distribution.
public struct PsiSlopeCondition: Sendable, Equatable {
    /// sup ψ′ over the points of the support where h > 0.
    public let supremumSlope: SlopeExtremum
    /// inf |ψ′ − 1| over the same points.
    public let distanceFromOne: SlopeExtremum
    /// Where ψ′ crosses 1.
    public let crossings: [Double]
    /// ψ′ = 1 on a whole grid cell (the a.e. condition fails).
    public let equalsOneOnAnInterval: Bool
    /// ψ′ ≠ 1 almost everywhere.
    public var holds: Bool { !equalsOneOnAnInterval }
}

/// The conditions of Props 4.3 and 4.4, checked on a grid split at the kinks
/// of h (one-sided values at each kink), refined by Brent's method.
public struct NonExclusiveConditions: Sendable {
    public let phi: PhiMonotonicity
    public let psi: PsiSlopeCondition

    /// - Throws: `.setting(.relativeGrid, …)` unless 3 ≤ gridPoints ≤ 100 000; quadrature failures.
    public init(_ delta: RelativePreference, gridPoints: Int = 801, zeroTolerance: Double = 1e-10) throws {
        try require(gridPoints >= 3 && gridPoints <= 100_000, .setting(.relativeGrid, value: "\(gridPoints)", allowed: "a grid of 3 to 100000 points (3 quadratures each)"))
        let checker = try DensityConditionChecker(gridPoints: gridPoints)
        // Samples in order; a kink contributes its left then its right value.
        var samples: [(x: Double, p: RelativePreferencePoint, piece: Int)] = []
        for (k, piece) in delta.pieces.enumerated() {
            let n = max(3, Int((Double(gridPoints) * (piece.hi - piece.lo) / (delta.upper - delta.lower)).rounded()))
            for i in 0..<n {
                let x = i == n - 1 ? piece.hi : piece.lo + (piece.hi - piece.lo) * Double(i) / Double(n - 1)
                samples.append((x, try delta.point(x, side: i == n - 1 ? .left : .right), k))
            }
        }
        var failure: Error?
        func evaluate(_ x: Double, _ side: DerivativeSide, _ g: (RelativePreferencePoint) -> Double?) -> Double {
            do { return g(try delta.point(x, side: side)) ?? .nan } catch { failure = failure ?? error; return .nan }
        }
        func extremum(_ g: @escaping (RelativePreferencePoint) -> Double?, sign: Double) -> SlopeExtremum {
            let m = checker.minimise(pieces: delta.pieces, exact: false) { x, side in
                let v = evaluate(x, side, g)
                return (sign * v, abs(v))
            }
            return SlopeExtremum(value: sign * m.value, at: m.x)
        }
        let phiPrime: (RelativePreferencePoint) -> Double? = { $0.phiPrime }
        let psiGap: (RelativePreferencePoint) -> Double? = { $0.psiPrime.map { $0 - 1 } }
        let minPhi = extremum(phiPrime, sign: 1), maxPhi = extremum(phiPrime, sign: -1)
        let phiScale = max(abs(minPhi.value), abs(maxPhi.value), 1e-300)
        let phiChanges = try Self.signChanges(samples, phiPrime, tolerance: zeroTolerance * phiScale, delta: delta)
        let flatPhi = Self.zeroRun(samples, phiPrime, tolerance: zeroTolerance * phiScale)
        let direction: PhiMonotonicity.Direction
        if !phiChanges.isEmpty || flatPhi { direction = .notMonotone } else {
            direction = minPhi.value >= -zeroTolerance * phiScale ? .increasing : .decreasing
        }
        phi = PhiMonotonicity(minimumSlope: minPhi, maximumSlope: maxPhi, signChanges: phiChanges, direction: direction)
        let supPsi = extremum({ $0.psiPrime }, sign: -1)
        let dist = extremum({ $0.psiPrime.map { abs($0 - 1) } }, sign: 1)
        psi = PsiSlopeCondition(supremumSlope: supPsi, distanceFromOne: dist,
                                crossings: try Self.signChanges(samples, psiGap, tolerance: zeroTolerance, delta: delta),
                                equalsOneOnAnInterval: Self.zeroRun(samples, psiGap, tolerance: zeroTolerance))
        if let failure { throw failure }
    }

    /// The points where g changes sign along the samples (skipping values within `tolerance` of 0 and nil).
    static func signChanges(_ samples: [(x: Double, p: RelativePreferencePoint, piece: Int)],
                            _ g: @escaping (RelativePreferencePoint) -> Double?, tolerance: Double,
                            delta: RelativePreference) throws -> [Double] {
        var out: [Double] = []
        var last: (x: Double, value: Double, piece: Int)?
        for s in samples {
            guard let v = g(s.p), abs(v) > tolerance else { continue }
            if let l = last, (l.value > 0) != (v > 0) {
                if l.x == s.x {
                    out.append(s.x)   // a jump across 0 at a kink
                } else if l.piece == s.piece {
                    let (a, b, va, vb) = (l.x, s.x, l.value, v)
                    let root = try Roots.brent({ x in
                        if x <= a { return va }
                        if x >= b { return vb }
                        return g(try delta.point(x, side: .right)) ?? va
                    }, in: a, b, absoluteTolerance: 1e-13)
                    out.append(root.root)
                } else {
                    out.append(delta.pieces[s.piece].lo)   // crosses at the kink between the pieces
                }
            }
            last = (s.x, v, s.piece)
        }
        return out
    }

    /// Whether g is within `tolerance` of 0 at two consecutive samples of one piece (a flat stretch).
    static func zeroRun(_ samples: [(x: Double, p: RelativePreferencePoint, piece: Int)],
                        _ g: (RelativePreferencePoint) -> Double?, tolerance: Double) -> Bool {
        for i in 1..<samples.count where samples[i].piece == samples[i - 1].piece && samples[i].x > samples[i - 1].x {
            if let a = g(samples[i - 1].p), let b = g(samples[i].p), abs(a) <= tolerance, abs(b) <= tolerance { return true }
        }
        return false
    }
}
