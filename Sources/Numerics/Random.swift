// Seeded pseudo-random number generators with streams that are identical on
// every platform and every Swift version (only wrapping 64-bit integer
// arithmetic is used, and the convenience draws below do not depend on the
// standard library's `random(in:using:)` algorithms, which may change).
//
// * SplitMix64: Steele, Lea & Flood 2014, "Fast Splittable Pseudorandom
//   Number Generators", OOPSLA '14.
// * xoshiro256**: Blackman & Vigna 2018 (published 2021), "Scrambled Linear
//   Pseudorandom Number Generators", ACM TOMS 47(4); seeded, as the authors
//   recommend, from four consecutive SplitMix64 outputs.
// * Bounded integers: Lemire 2019, "Fast Random Integer Generation in an
//   Interval", ACM TOMACS 29(1) (multiply-shift with rejection; unbiased).

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit state advanced by the
/// golden-ratio increment 0x9E3779B97F4A7C15 and scrambled by a variant of
/// the MurmurHash3 finaliser (Stafford's "Mix13" constants). Period 2^64;
/// over one period every 64-bit value is output exactly once.
///
/// Fast and of adequate quality for seeding and light simulation; prefer
/// `Xoshiro256StarStar` for long simulations.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state; the next output is a function of `state + γ`.
    /// Every value is a valid state, so it may be saved and restored freely.
    public var state: UInt64

    /// A generator whose first output is the SplitMix64 output for `seed`
    /// (e.g. seed 0 gives 0xE220A8397B1DCDAF first).
    ///
    /// - Complexity: O(1). Never fails.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1). Never fails.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** (Blackman & Vigna 2018): a 256-bit xor/shift/rotate linear
/// engine with the `**` scrambler `rotl(s1 · 5, 7) · 9`. Period 2^256 − 1;
/// passes BigCrush and PractRand according to its authors. Not
/// cryptographically secure.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    /// The four state words (never all zero).
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is four consecutive outputs of
    /// `SplitMix64(seed: seed)`, the seeding procedure recommended by the
    /// authors. SplitMix64's output function is a bijection and its states
    /// are distinct, so at most one of the four words can be 0 and the
    /// forbidden all-zero state cannot occur.
    ///
    /// - Complexity: O(1). Never fails.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// The next 64 random bits.
    ///
    /// - Complexity: O(1). Never fails.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = RandomKernels.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = RandomKernels.rotateLeft(s3, 45)
        return result
    }
}

// MARK: - Shared conveniences

/// A generator with a reproducible stream for each 64-bit seed.
public protocol SeededRandomNumberGenerator: RandomNumberGenerator, Sendable {
    /// The generator whose stream is fixed by `seed` on every platform.
    init(seed: UInt64)
}

extension SplitMix64: SeededRandomNumberGenerator {}
extension Xoshiro256StarStar: SeededRandomNumberGenerator {}

extension SeededRandomNumberGenerator {
    /// A uniform double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³,
    /// so every multiple of 2⁻⁵³ in [0, 1) is equally likely.
    ///
    /// - Complexity: O(1), one call of `next()`. Never fails.
    @inlinable
    public mutating func nextDouble() -> Double {
        RandomKernels.uniformDouble(next())
    }

    /// A uniform integer in `range`, without modulo bias (Lemire 2019,
    /// multiply-shift with rejection). The full range `Int.min...Int.max` is
    /// supported.
    ///
    /// - Complexity: expected O(1): one call of `next()`, and a rejected
    ///   draw (probability < range.count / 2⁶⁴) costs one more each time.
    ///   Never fails.
    @inlinable
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        RandomKernels.boundedInt(in: range) { self.next() }
    }
}

// MARK: - Shared helpers

/// Bit-level kernels shared by the generators (namespaced to keep the module's
/// top level free of generic names).
@usableFromInline
enum RandomKernels {
    @inlinable
    static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// The top 53 bits of `bits` scaled by 2⁻⁵³: uniform on {0, 2⁻⁵³, ..., 1 − 2⁻⁵³}.
    @inlinable
    static func uniformDouble(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1.0p-53
    }

    /// Lemire's nearly divisionless unbiased bounded draw (Lemire 2019).
    ///
    /// With s = range.count (as a UInt64; 0 encodes 2⁶⁴), the high word of the
    /// 128-bit product x · s of a uniform 64-bit x is uniform on [0, s) once
    /// draws whose low word falls below 2⁶⁴ mod s are rejected. The span is
    /// computed in 64-bit arithmetic so the stream of draws is the same on
    /// 32- and 64-bit platforms.
    @inlinable
    static func boundedInt(in range: ClosedRange<Int>, _ next: () -> UInt64) -> Int {
        let lower = Int64(range.lowerBound)
        let span = UInt64(bitPattern: Int64(range.upperBound) &- lower) &+ 1
        if span == 0 {
            // The full 64-bit range: every output is acceptable.
            return Int(truncatingIfNeeded: next())
        }
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span  // 2⁶⁴ mod span
            while product.low < threshold {
                product = next().multipliedFullWidth(by: span)
            }
        }
        return Int(truncatingIfNeeded: lower &+ Int64(bitPattern: product.high))
    }
}
