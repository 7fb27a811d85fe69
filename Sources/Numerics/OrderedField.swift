// The numeric protocol shared by exact (`Rational`) and floating (`Double`)
// arithmetic, so that one implementation of an algorithm (the simplex method,
// the upper concave envelope, ...) runs in either mode.

/// An ordered field: `+ - * /`, negation, comparison and magnitude.
///
/// Conformers: `Rational` (exact) and `Double` (floating point). Generic
/// algorithms never compare with an implicit epsilon: they take a tolerance
/// of type `Self` that is `0` in exact mode and an explicit caller-chosen
/// value in floating mode.
public protocol OrderedField: SignedNumeric, Comparable, Hashable, Sendable, CustomStringConvertible
where Magnitude == Self {
    /// Field division. Dividing by zero is a programming error for `Rational`
    /// (use `Rational.dividing(by:)` for a throwing version); for `Double` it
    /// follows IEEE 754.
    static func / (lhs: Self, rhs: Self) -> Self
    static func /= (lhs: inout Self, rhs: Self)
    /// Exact conversion from a machine integer.
    init(_ value: Int)
    /// The nearest `Double` (correctly rounded for `Rational`).
    var doubleValue: Double { get }
    /// `true` when arithmetic is exact (no rounding), e.g. `Rational`.
    static var isExact: Bool { get }
}

extension Double: OrderedField {
    @inlinable public var doubleValue: Double { self }
    @inlinable public static var isExact: Bool { false }
}
