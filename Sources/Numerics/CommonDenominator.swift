// Common denominators: writing a finite set of rationals as integers over one
// denominator D (the least common multiple of their denominators).
//
// Algorithms that only add, subtract, compare and multiply by integers (never
// divide) stay on the lattice (1/D)·Z, so they can run exactly on integer
// numerators (machine words or `BigInt`) without a gcd per operation and
// convert back with `Rational(k, D)` at the end.

extension BigInt {
    /// The non-negative least common multiple |a·b| / gcd(a, b); lcm(0, x) = 0.
    ///
    /// - Complexity: one gcd, one exact division and one product: O(n²) limb
    ///   operations for n-limb operands. Never fails.
    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.isZero || b.isZero { return .zero }
        let g = gcd(a, b)
        return (exactQuotient(a, g) * b).magnitude
    }
}

extension Rational {
    /// The least common multiple of the denominators of `values` (1 for an
    /// empty sequence): the smallest D > 0 with v·D an integer for every v.
    ///
    /// - Complexity: one lcm per element. Never fails.
    public static func commonDenominator<S: Sequence>(of values: S) -> BigInt where S.Element == Rational {
        var d = BigInt.one
        for v in values where v.denominator != .one {
            d = BigInt.lcm(d, v.denominator)
        }
        return d
    }

    /// The integer self·D for a common denominator D of self.
    ///
    /// - Complexity: one exact division and one product.
    /// - Throws: `NumericsError.invalidArgument` when D ≤ 0 or D is not a
    ///   multiple of `denominator` (self·D would not be an integer).
    public func scaledNumerator(commonDenominator d: BigInt) throws -> BigInt {
        guard d.signum > 0 else {
            throw NumericsError.invalidArgument(routine: "Rational.scaledNumerator", detail: "the common denominator must be positive, got \(d)")
        }
        let (q, r) = d.uncheckedQuotientAndRemainder(denominator)
        guard r.isZero else {
            throw NumericsError.invalidArgument(
                routine: "Rational.scaledNumerator",
                detail: "\(d) is not a multiple of the denominator of \(self)")
        }
        return numerator * q
    }
}
