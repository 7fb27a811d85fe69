// Exact number representations used inside the solvers.
//
// The pre-announced DP and the contingent-pricing backward induction on
// single-demand markets only add, subtract, compare and multiply by integers,
// so every quantity they produce lies on the lattice (1/D)·Z, with D the common
// denominator of the values and ε (`Rational.commonDenominator`, Numerics). On
// that lattice they run exactly on integer numerators: machine `Int` when an
// a-priori bound on every intermediate magnitude fits in 62 bits (Swift's `+`
// traps rather than wrap, so a wrong bound could never give a wrong answer),
// `BigInt` otherwise. Backward induction on multi-demand markets divides by
// unit differences (breakpoint prices Δc/Δq) and uses `Rational`.

import Numerics

/// An exact ordered ring element as used by the solvers (internal).
protocol ExactScalar: Comparable, Hashable, Sendable {
    static var zero: Self { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    /// lhs + rhs in place (for `BigInt` without a new allocation when lhs is uniquely referenced).
    static func += (lhs: inout Self, rhs: Self)
    /// self · k.
    func times(_ k: Int) -> Self
    /// self / k, exact. Lattice types support only k = ±1 (callers guarantee it).
    func divided(by k: Int) -> Self
    /// r·scale in this representation (scale = the lattice denominator; ignored by `Rational`).
    static func fromRational(_ r: Rational, scale: BigInt) throws -> Self
    /// The rational value self/scale.
    func rational(scale: BigInt) -> Rational
}

extension Int: ExactScalar {
    func times(_ k: Int) -> Int { self * k }
    func divided(by k: Int) -> Int {
        precondition(k == 1 || k == -1, "lattice division by \(k)")
        return self * k
    }
    static func fromRational(_ r: Rational, scale: BigInt) throws -> Int {
        let n = try r.scaledNumerator(commonDenominator: scale)
        guard let v = n.intValue else {
            throw StorableGoodsError.latticeOverflow(value: r)
        }
        return v
    }
    func rational(scale: BigInt) -> Rational { Rational(BigInt(self), scale) }
}

extension BigInt: ExactScalar {
    func times(_ k: Int) -> BigInt { self * BigInt(k) }
    func divided(by k: Int) -> BigInt {
        precondition(k == 1 || k == -1, "lattice division by \(k)")
        return k == 1 ? self : -self
    }
    static func fromRational(_ r: Rational, scale: BigInt) throws -> BigInt {
        try r.scaledNumerator(commonDenominator: scale)
    }
    func rational(scale: BigInt) -> Rational { Rational(self, scale) }
}

extension Rational: ExactScalar {
    func times(_ k: Int) -> Rational { self * Rational(k) }
    func divided(by k: Int) -> Rational { self / Rational(k) }
    static func fromRational(_ r: Rational, scale: BigInt) throws -> Rational { r }
    func rational(scale: BigInt) -> Rational { self }
}

/// Which exact representation a solver should use for a market.
enum ScalarChoice {
    case machineLattice(BigInt)
    case bigLattice(BigInt)
    case rational

    /// The lattice choice for values and ε whose intermediate results are
    /// bounded in magnitude by `bound` (a rational).
    static func lattice(values: [Rational], bound: Rational) -> ScalarChoice {
        let d = Rational.commonDenominator(of: values)
        let scaled = (bound.magnitude * Rational(d)).ceiling
        if scaled.magnitudeBitWidth <= 61 { return .machineLattice(d) }
        return .bigLattice(d)
    }
}
