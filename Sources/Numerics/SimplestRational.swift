// The simplest rational in a closed interval (smallest denominator, then
// smallest numerator magnitude): the Stern–Brocot / continued-fraction
// descent. Used to certify that a numerically found root is an exact
// rational one (the caller checks the candidate exactly): if q = a/b is the
// only rational with denominator ≤ b within ε of x, and |x − q| ≤ ε, then the
// simplest rational in [x − ε, x + ε] is q whenever 2ε < 1/b².

extension Rational {
    /// The rational with the smallest denominator in [lo, hi] (lo ≤ hi);
    /// among those, the one of smallest magnitude.
    /// - Complexity: O(log(denominators)) BigInt steps (the continued-fraction terms).
    public static func simplest(in lo: Rational, _ hi: Rational) -> Rational {
        precondition(lo <= hi, "Rational.simplest: empty interval")
        if lo <= .zero && hi >= .zero { return .zero }
        if hi < .zero { return -simplest(in: -hi, -lo) }
        // 0 < lo ≤ hi: descend by continued fractions.
        let f = lo.ceiling
        if Rational(f) <= hi {
            // An integer lies in [lo, hi]: the smallest one.
            return Rational(f)
        }
        // lo and hi share the integer part n = ⌊lo⌋: x = n + 1/y with y in [1/(hi − n), 1/(lo − n)].
        let n = Rational(lo.floor)
        let y = simplest(in: .one / (hi - n), .one / (lo - n))
        return n + .one / y
    }

    /// The simplest rational in [x − tolerance, x + tolerance] for a finite x
    /// and tolerance ≥ 0 (nil otherwise).
    public static func simplest(near x: Double, tolerance: Double) -> Rational? {
        guard let lo = Rational(exactly: x - tolerance), let hi = Rational(exactly: x + tolerance), tolerance >= 0 else { return nil }
        return simplest(in: lo, hi)
    }
}
