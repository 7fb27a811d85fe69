import Numerics

// Seeded random instances for the property checks of Finding 1 and
// Propositions 1–3 (SplitMix64 streams are identical on every platform).

public enum RandomInstances {
    /// n exact costs on the grid k/denominator, k uniform in
    /// [⌈low·den⌉, ⌊high·den⌋]; with `distinct`, repeated draws are rejected
    /// (redrawn); sorted ascending when `sorted`.
    /// - Throws: `.invalidCostDenominator` unless ≥ 1; `.invalidCostRange` unless
    ///   0 ≤ low ≤ high ≤ 1; `.tooFewGridCosts` if the grid range is empty or
    ///   (with `distinct`) has fewer than n points.
    public static func costs(_ rng: inout SplitMix64, n: Int, low: Rational, high: Rational, denominator: Int,
                             distinct: Bool, sorted: Bool) throws -> [Rational] {
        try require(denominator >= 1, .invalidCostDenominator(denominator))
        try require(low >= .zero && low <= high && high <= .one, .invalidCostRange(low: low, high: high))
        let d = Rational(denominator)
        guard let kLo = (low * d).ceiling.intValue, let kHi = (high * d).floor.intValue, kLo <= kHi else {
            throw ClassPricingError.tooFewGridCosts(needed: 1, available: 0, low: low, high: high, denominator: denominator)
        }
        try require(!distinct || kHi - kLo + 1 >= n,
                    .tooFewGridCosts(needed: n, available: kHi - kLo + 1, low: low, high: high, denominator: denominator))
        let ks = draw(&rng, n: n, in: kLo...kHi, distinct: distinct, sorted: sorted)
        return ks.map { Rational($0, denominator) }
    }

    /// n power-family exponents on the grid k/100 in [low, high] (both > 0),
    /// distinct when `distinct`, sorted ascending when `sorted`.
    /// - Throws: `.invalidExponentRange` unless 0 < low ≤ high; `.tooFewGridExponents`
    ///   unless the grid has a point (with `distinct`, ≥ n points).
    public static func exponents(_ rng: inout SplitMix64, n: Int, low: Rational, high: Rational,
                                 distinct: Bool, sorted: Bool) throws -> [Rational] {
        try require(low > .zero && low <= high, .invalidExponentRange(low: low, high: high))
        guard let kLo = (low * 100).ceiling.intValue, let kHi = (high * 100).floor.intValue, kLo <= kHi,
              !distinct || kHi - kLo + 1 >= n else {
            throw ClassPricingError.tooFewGridExponents(needed: distinct ? n : 1, low: low, high: high)
        }
        let ks = draw(&rng, n: n, in: kLo...kHi, distinct: distinct, sorted: sorted)
        return ks.map { Rational($0, 100) }
    }

    /// n integers uniform in `range` (rejecting repeats when `distinct`; the
    /// caller ensures the range is large enough), sorted when `sorted`.
    private static func draw(_ rng: inout SplitMix64, n: Int, in range: ClosedRange<Int>, distinct: Bool, sorted: Bool) -> [Int] {
        var ks: [Int] = []
        while ks.count < n {
            let k = rng.nextInt(in: range)
            if distinct && ks.contains(k) { continue }
            ks.append(k)
        }
        return sorted ? ks.sorted() : ks
    }
}
