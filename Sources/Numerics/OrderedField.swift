// The numeric protocols shared by exact (`Rational`, lattice `Int`) and
// floating (`Double`) arithmetic, so that one implementation of an algorithm
// (the simplex method, the upper concave envelope, a candidate search, ...)
// runs in either mode.

/// An ordered ring with the integers embedded: `+ - *`, negation, comparison,
/// and division by an integer that divides exactly.
///
/// Conformers: every `OrderedField`, and `Int` (exact; its operators trap on
/// overflow, so an algorithm runs on `Int` only under an a-priori bound on
/// its magnitudes: lattice arithmetic, numerators over a common denominator).
public protocol OrderedRing: SignedNumeric, Comparable, Hashable, Sendable {
    /// Exact conversion from a machine integer.
    init(_ value: Int)
    /// `true` when arithmetic is exact (no rounding), e.g. `Rational`, `Int`.
    static var isExact: Bool { get }
    /// self / m for an integer m ≠ 0. In a field, plain division; in `Int`,
    /// m must divide self (a precondition: callers scale values so it does).
    func exactlyDivided(by m: Int) -> Self
}

/// An ordered field: `+ - * /`, negation, comparison and magnitude.
///
/// Conformers: `Rational` (exact) and `Double` (floating point). Generic
/// algorithms never compare with an implicit epsilon: they take a tolerance
/// of type `Self` that is `0` in exact mode and an explicit caller-chosen
/// value in floating mode.
public protocol OrderedField: OrderedRing, CustomStringConvertible
where Magnitude == Self {
    /// Field division. Dividing by zero is a programming error for `Rational`
    /// (use `Rational.dividing(by:)` for a throwing version); for `Double` it
    /// follows IEEE 754.
    static func / (lhs: Self, rhs: Self) -> Self
    static func /= (lhs: inout Self, rhs: Self)
    /// The nearest `Double` (correctly rounded for `Rational`).
    var doubleValue: Double { get }
}

extension OrderedField {
    /// self / m.
    @inlinable public func exactlyDivided(by m: Int) -> Self { self / Self(m) }
}

extension Double: OrderedField {
    @inlinable public var doubleValue: Double { self }
    @inlinable public static var isExact: Bool { false }
}

extension Int: OrderedRing {
    @inlinable public static var isExact: Bool { true }
    /// self / m; m must divide self.
    @inlinable public func exactlyDivided(by m: Int) -> Int {
        precondition(m != 0 && self % m == 0, "Int.exactlyDivided: \(m) does not divide \(self)")
        return self / m
    }
}
