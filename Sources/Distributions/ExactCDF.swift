// The exact form of a distribution whose cdf is piecewise polynomial with
// rational coefficients: uniform, linear, polynomial and piecewise-linear
// densities and their mixtures, written with decimal or fractional numbers.
// The parser builds it next to the floating-point family from the numbers as
// written (0.1 is 1/10, not the nearest double), so models can evaluate F
// and f exactly at rational points.

import Numerics

/// F on [0, θ̄] as polynomials in x (absolute powers) between rational knots.
public struct ExactCDF: Sendable, Equatable {
    /// 0 = knots[0] < … < knots[m] = θ̄.
    public let knots: [Rational]
    /// pieces[i][k]: the coefficient of x^k of F on [knots[i], knots[i + 1]].
    public let pieces: [[Rational]]

    /// A cdf from its pieces; nil unless the knots increase from 0, there is one
    /// piece per interval, and F(0) = 0, F(θ̄) = 1 exactly.
    init?(knots: [Rational], pieces: [[Rational]]) {
        guard knots.count >= 2, knots.first == .zero, pieces.count == knots.count - 1,
              zip(knots, knots.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.knots = knots
        self.pieces = pieces.map(Self.trimmed)
        guard Self.evaluate(self.pieces[0], at: .zero) == .zero,
              Self.evaluate(self.pieces[pieces.count - 1], at: knots[knots.count - 1]) == .one else { return nil }
    }

    /// θ̄.
    public var upper: Rational { knots[knots.count - 1] }

    /// The piece whose closed interval holds x (the right one at an interior knot,
    /// the last at θ̄); nil outside [0, θ̄].
    public func piece(containing x: Rational) -> Int? {
        guard x >= .zero && x <= upper else { return nil }
        var i = 0
        while i + 1 < pieces.count && knots[i + 1] <= x { i += 1 }
        return i
    }

    /// F(x): 0 below 0, 1 above θ̄.
    public func cdf(_ x: Rational) -> Rational {
        if x < .zero { return .zero }
        if x >= upper { return .one }
        return Self.evaluate(pieces[piece(containing: x)!], at: x)
    }

    /// f(x) on [0, θ̄] (the right derivative at interior knots, the left one at θ̄); 0 outside.
    public func pdf(_ x: Rational) -> Rational {
        guard let i = piece(containing: x) else { return .zero }
        return Self.evaluate(Self.derivative(pieces[i]), at: x)
    }

    /// Σ_k c_k x^k (Horner).
    public static func evaluate(_ c: [Rational], at x: Rational) -> Rational {
        c.reversed().reduce(Rational.zero) { $0 * x + $1 }
    }

    /// The coefficients of p′.
    public static func derivative(_ c: [Rational]) -> [Rational] {
        c.count <= 1 ? [] : (1..<c.count).map { Rational($0) * c[$0] }
    }

    private static func trimmed(_ c: [Rational]) -> [Rational] {
        var c = c
        while let last = c.last, last == .zero { c.removeLast() }
        return c
    }

    // MARK: - Families

    /// Uniform on [0, θ̄]: F = x/θ̄.
    static func uniform(upper u: Rational) -> ExactCDF? {
        ExactCDF(knots: [.zero, u], pieces: [[.zero, .one / u]])
    }

    /// f = (1 + s(2x/θ̄ − 1))/θ̄: F = (1 − s)x/θ̄ + s x²/θ̄².
    static func linear(slope s: Rational, upper u: Rational) -> ExactCDF? {
        ExactCDF(knots: [.zero, u], pieces: [[.zero, (1 - s) / u, s / (u * u)]])
    }

    /// f = Σ c_k x^k: F = Σ c_k x^{k+1}/(k + 1).
    static func polynomial(density c: [Rational], upper u: Rational) -> ExactCDF? {
        ExactCDF(knots: [.zero, u], pieces: [[.zero] + c.enumerated().map { $0.element / Rational($0.offset + 1) }])
    }

    /// f linear between (knots[i], densities[i]): F(x) = F(k_i) + a(x − k_i) + m(x² − k_i²)/2 with m the slope, a = d_i − m k_i.
    static func piecewiseLinear(knots k: [Rational], densities d: [Rational]) -> ExactCDF? {
        guard k.count >= 2, k.count == d.count else { return nil }
        var pieces: [[Rational]] = []
        var mass = Rational.zero
        for i in 0..<(k.count - 1) {
            let h = k[i + 1] - k[i]
            guard h > .zero else { return nil }
            let m = (d[i + 1] - d[i]) / h, a = d[i] - m * k[i]
            let half = m / 2
            pieces.append([mass - a * k[i] - half * k[i] * k[i], a, half])
            mass += h * (d[i] + d[i + 1]) / 2
        }
        return ExactCDF(knots: k, pieces: pieces)
    }

    /// Σ w_j F_j on the union of the components' knots.
    static func mixture(weights w: [Rational], components: [ExactCDF]) -> ExactCDF? {
        guard !components.isEmpty, w.count == components.count,
              components.allSatisfy({ $0.upper == components[0].upper }) else { return nil }
        let knots = Array(Set(components.flatMap(\.knots))).sorted()
        var pieces: [[Rational]] = []
        for i in 0..<(knots.count - 1) {
            let mid = (knots[i] + knots[i + 1]) / 2
            var sum: [Rational] = []
            for (weight, c) in zip(w, components) {
                let p = c.pieces[c.piece(containing: mid)!]
                if sum.count < p.count { sum += Array(repeating: .zero, count: p.count - sum.count) }
                for (k, x) in p.enumerated() { sum[k] += weight * x }
            }
            pieces.append(sum)
        }
        return ExactCDF(knots: knots, pieces: pieces)
    }
}
