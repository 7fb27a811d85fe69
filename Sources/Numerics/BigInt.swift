// Arbitrary-precision signed integers.
//
// Representation: a value that fits in `Int` is stored inline (`.small`), so
// the common case of small numbers costs no allocation; anything larger is a
// sign and a normalised little-endian array of 64-bit limbs (`.large`). The
// representation is canonical (a `.large` value never fits in `Int`), so the
// synthesised `==` is value equality and `hash(into:)` hashes the stored limbs
// as they are (no re-normalising).
//
// The arithmetic works on raw limbs (LimbKernels.swift): a `.small` operand is
// viewed as a one-limb run on the stack, so mixed small/large operations
// allocate nothing but their result, and `+=`/`-=` on a uniquely referenced
// `.large` value add into its own limbs.
//
// Division truncates toward zero and the remainder has the sign of the
// dividend, as for Swift's `Int`: a == (a / b) * b + a % b, |a % b| < |b|.

import Foundation

/// An arbitrary-precision signed integer.
public struct BigInt: Sendable, Hashable {
    @usableFromInline
    enum Storage: Sendable, Hashable {
        case small(Int)
        case large(negative: Bool, magnitude: [UInt64])
    }

    @usableFromInline var storage: Storage

    @inlinable init(storage: Storage) { self.storage = storage }

    /// Exact conversion from a machine integer. O(1).
    @inlinable public init(_ value: Int) { storage = .small(value) }

    /// Builds the canonical value sign·magnitude. O(n).
    @usableFromInline
    init(negative: Bool, magnitude: [UInt64]) {
        var m = magnitude
        Limbs.normalize(&m)
        if m.isEmpty {
            storage = .small(0)
        } else if m.count == 1 {
            let x = m[0]
            if !negative && x <= UInt64(Int.max) {
                storage = .small(Int(x))
            } else if negative && x <= UInt64(Int.max) + 1 {
                storage = .small(x == UInt64(Int.max) + 1 ? Int.min : -Int(x))
            } else {
                storage = .large(negative: negative, magnitude: m)
            }
        } else {
            storage = .large(negative: negative, magnitude: m)
        }
    }

    /// (isNegative, magnitude) view. O(1) for large values.
    @usableFromInline
    var parts: (negative: Bool, magnitude: [UInt64]) {
        switch storage {
        case let .small(x):
            return (x < 0, x == 0 ? [] : [UInt64(x.magnitude)])
        case let .large(negative, magnitude):
            return (negative, magnitude)
        }
    }

    /// 0 and 1.
    public static let zero = BigInt(0)
    public static let one = BigInt(1)

    /// The value as an `Int` when it fits, else nil. O(1).
    @inlinable public var intValue: Int? {
        if case let .small(x) = storage { return x }
        return nil
    }

    /// True for zero. O(1).
    @inlinable public var isZero: Bool {
        if case .small(0) = storage { return true }
        return false
    }

    /// True for values below zero. O(1).
    @inlinable public var isNegative: Bool {
        switch storage {
        case let .small(x): return x < 0
        case let .large(negative, _): return negative
        }
    }

    /// −1, 0 or 1. O(1).
    @inlinable public var signum: Int {
        switch storage {
        case let .small(x): return x.signum()
        case let .large(negative, _): return negative ? -1 : 1
        }
    }

    /// Number of bits of |self| (0 for zero). O(1).
    public var magnitudeBitWidth: Int {
        switch storage {
        case let .small(x): return x == 0 ? 0 : Int.bitWidth - x.magnitude.leadingZeroBitCount
        case let .large(_, m): return Limbs.bitWidth(m)
        }
    }

    /// |self|. O(n).
    public var magnitude: BigInt {
        switch storage {
        case let .small(x):
            if x == Int.min { return BigInt(negative: false, magnitude: [UInt64(x.magnitude)]) }
            return BigInt(abs(x))
        case let .large(_, m):
            return BigInt(storage: .large(negative: false, magnitude: m))
        }
    }
}

// MARK: - Arithmetic

extension BigInt {
    /// Calls body with (isNegative, limbs of |self|) without allocating: a
    /// `.small` value is a run of zero or one limb on the stack.
    @inlinable
    func withLimbs<R>(_ body: (Bool, UnsafeBufferPointer<UInt64>) -> R) -> R {
        switch storage {
        case let .small(x):
            var limb = UInt64(x.magnitude)
            return withUnsafePointer(to: &limb) { body(x < 0, UnsafeBufferPointer(start: $0, count: x == 0 ? 0 : 1)) }
        case let .large(negative, magnitude):
            return magnitude.withUnsafeBufferPointer { body(negative, $0) }
        }
    }

    /// Sum. O(max(n, m)); one allocation for a multi-limb result.
    @inlinable
    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            let (s, o) = a.addingReportingOverflow(b)
            if !o { return BigInt(s) }
        }
        return signedSum(lhs, rhs, negatingRight: false)
    }

    /// lhs ± rhs on limbs (the slow path of `+` and `-`).
    @usableFromInline
    static func signedSum(_ lhs: BigInt, _ rhs: BigInt, negatingRight: Bool) -> BigInt {
        lhs.withLimbs { an, a in
            rhs.withLimbs { bnRaw, b in
                signedSum(an, a, bnRaw != negatingRight, b)
            }
        }
    }

    /// (−1)^an·a + (−1)^bn·b on raw limbs. One allocation.
    @usableFromInline
    static func signedSum(_ an: Bool, _ a: UnsafeBufferPointer<UInt64>, _ bn: Bool, _ b: UnsafeBufferPointer<UInt64>) -> BigInt {
        if b.isEmpty { return BigInt(negative: an, magnitude: Array(a)) }
        if a.isEmpty { return BigInt(negative: bn, magnitude: Array(b)) }
        if an == bn {
            let (l, s) = a.count >= b.count ? (a, b) : (b, a)
            let m = Limbs.build(capacity: l.count + 1) { r in
                r[l.count] = Limbs.add(r, l.baseAddress!, l.count, s.baseAddress!, s.count)
            }
            return BigInt(negative: an, magnitude: m)
        }
        let c = a.count != b.count ? (a.count < b.count ? -1 : 1) : Limbs.compareN(a.baseAddress!, b.baseAddress!, a.count)
        if c == 0 { return .zero }
        let (l, s, negative) = c > 0 ? (a, b, an) : (b, a, bn)
        let m = Limbs.build(capacity: l.count) { r in
            _ = Limbs.sub(r, l.baseAddress!, l.count, s.baseAddress!, s.count)
        }
        return BigInt(negative: negative, magnitude: m)
    }

    /// Difference. O(max(n, m)); one allocation for a multi-limb result.
    @inlinable
    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            let (s, o) = a.subtractingReportingOverflow(b)
            if !o { return BigInt(s) }
        }
        return signedSum(lhs, rhs, negatingRight: true)
    }

    /// self ± rhs into self's own limbs when self is `.large` (no allocation
    /// when they are uniquely referenced and have room), else a new value.
    @usableFromInline
    mutating func addInPlace(_ rhs: BigInt, negatingRight: Bool) {
        guard case .large(let an, var am) = storage else {
            self = BigInt.signedSum(self, rhs, negatingRight: negatingRight)
            return
        }
        storage = .small(0)   // drop self's reference: am is now unique unless shared
        self = rhs.withLimbs { bnRaw, b -> BigInt in
            let bn = bnRaw != negatingRight
            if b.isEmpty { return BigInt(storage: .large(negative: an, magnitude: am)) }
            if an == bn {
                let oldCount = am.count
                am.reserveCapacity(max(oldCount, b.count) + 1)
                if b.count > oldCount { am.append(contentsOf: repeatElement(0, count: b.count - oldCount)) }
                let carry = am.withUnsafeMutableBufferPointer { p in
                    Limbs.add(p.baseAddress!, p.baseAddress!, p.count, b.baseAddress!, b.count)
                }
                if carry != 0 { am.append(carry) }
                return BigInt(storage: .large(negative: an, magnitude: am))
            }
            let c = am.count != b.count
                ? (am.count < b.count ? -1 : 1)
                : am.withUnsafeBufferPointer { Limbs.compareN($0.baseAddress!, b.baseAddress!, b.count) }
            if c == 0 { return .zero }
            if c > 0 {
                am.withUnsafeMutableBufferPointer { p in
                    _ = Limbs.sub(p.baseAddress!, p.baseAddress!, p.count, b.baseAddress!, b.count)
                }
                Limbs.normalize(&am)
                return BigInt(negative: an, magnitude: am)
            }
            // |self| < |rhs|: am = b − am, in place.
            am.append(contentsOf: repeatElement(0, count: b.count - am.count))
            am.withUnsafeMutableBufferPointer { p in
                _ = Limbs.subN(p.baseAddress!, b.baseAddress!, p.baseAddress!, b.count)
            }
            Limbs.normalize(&am)
            return BigInt(negative: bn, magnitude: am)
        }
    }

    /// Negation. O(n).
    public static prefix func - (x: BigInt) -> BigInt {
        switch x.storage {
        case let .small(a):
            if a != Int.min { return BigInt(-a) }
            return BigInt(negative: false, magnitude: [UInt64(a.magnitude)])
        case let .large(n, m):
            return BigInt(negative: !n, magnitude: m)   // 2^63 becomes Int.min
        }
    }

    /// Product: one limb by many in one pass, schoolbook or Karatsuba
    /// (Karatsuba.swift) otherwise.
    @inlinable
    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o { return BigInt(p) }
        }
        return product(lhs, rhs)
    }

    @usableFromInline
    static func product(_ lhs: BigInt, _ rhs: BigInt) -> BigInt {
        lhs.withLimbs { an, a in
            rhs.withLimbs { bn, b in
                if a.isEmpty || b.isEmpty { return .zero }
                let (l, s) = a.count >= b.count ? (a, b) : (b, a)
                if s.count == 1 && s[0] == 1 { return a.count >= b.count ? (bn ? -lhs : lhs) : (an ? -rhs : rhs) }
                let m = Limbs.build(capacity: l.count + s.count) { r in
                    Limbs.multiplyInto(r, l.baseAddress!, l.count, s.baseAddress!, s.count)
                }
                return BigInt(negative: an != bn, magnitude: m)
            }
        }
    }

    /// Truncated quotient and remainder: q = trunc(self / divisor),
    /// r = self − q·divisor has the sign of self and |r| < |divisor|.
    /// Knuth's Algorithm D: O(m·n). Throws `.divisionByZero`.
    public func quotientAndRemainder(dividingBy divisor: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        if divisor.isZero { throw NumericsError.divisionByZero(operation: "BigInt.quotientAndRemainder(\(self), 0)") }
        return uncheckedQuotientAndRemainder(divisor)
    }

    @usableFromInline
    func uncheckedQuotientAndRemainder(_ divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        if case let .small(a) = storage, case let .small(b) = divisor.storage {
            if !(a == Int.min && b == -1) { return (BigInt(a / b), BigInt(a % b)) }
        }
        let (an, am) = parts
        if case let .small(b) = divisor.storage {
            let (q, r) = Limbs.divide(am, small: UInt64(b.magnitude))
            return (BigInt(negative: an != (b < 0), magnitude: q), BigInt(negative: an, magnitude: r == 0 ? [] : [r]))
        }
        let (bn, bm) = divisor.parts
        let (q, r) = Limbs.divide(am, bm)
        return (BigInt(negative: an != bn, magnitude: q), BigInt(negative: an, magnitude: r))
    }

    /// Truncating division (toward zero). Traps on a zero divisor, like `Int`;
    /// use `quotientAndRemainder(dividingBy:)` for a throwing version.
    public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "BigInt division by zero")
        return lhs.uncheckedQuotientAndRemainder(rhs).quotient
    }

    /// Remainder with the sign of the dividend. Traps on a zero divisor.
    public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
        precondition(!rhs.isZero, "BigInt remainder by zero")
        return lhs.uncheckedQuotientAndRemainder(rhs).remainder
    }

    /// |self| mod m for a nonzero word m, without building a quotient. O(n).
    @usableFromInline
    func remainderMagnitude(dividingBy m: UInt64) -> UInt {
        switch storage {
        case let .small(x): return UInt(UInt64(x.magnitude) % m)
        case let .large(_, limbs): return UInt(Limbs.remainder(limbs, small: m))
        }
    }

    /// Exact quotient when the caller knows rhs divides lhs. O(m·n).
    @usableFromInline
    static func exactQuotient(_ lhs: BigInt, _ rhs: BigInt) -> BigInt {
        if case let .small(b) = rhs.storage {
            if b == 1 { return lhs }
            if case let .small(a) = lhs.storage, !(a == Int.min && b == -1) { return BigInt(a / b) }
        }
        return lhs.uncheckedQuotientAndRemainder(rhs).quotient
    }

    /// In place when lhs is a uniquely referenced multi-limb value.
    @inlinable
    public static func += (lhs: inout BigInt, rhs: BigInt) {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            let (s, o) = a.addingReportingOverflow(b)
            if !o { lhs.storage = .small(s); return }
        }
        lhs.addInPlace(rhs, negatingRight: false)
    }

    /// In place when lhs is a uniquely referenced multi-limb value.
    @inlinable
    public static func -= (lhs: inout BigInt, rhs: BigInt) {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            let (s, o) = a.subtractingReportingOverflow(b)
            if !o { lhs.storage = .small(s); return }
        }
        lhs.addInPlace(rhs, negatingRight: true)
    }
    public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }
    public static func /= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs / rhs }
    public static func %= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs % rhs }

    /// self^exponent by repeated squaring (exponent ≥ 0). O(M(n·e)) overall.
    public func power(_ exponent: Int) -> BigInt {
        precondition(exponent >= 0, "BigInt.power: negative exponent")
        var result = BigInt.one
        var base = self
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= base }
            e >>= 1
            if e > 0 { base *= base }
        }
        return result
    }

    /// self · 2^bits (bits ≥ 0). O(n).
    public func shiftedLeft(by bits: Int) -> BigInt {
        precondition(bits >= 0)
        let (n, m) = parts
        return BigInt(negative: n, magnitude: Limbs.shiftLeft(m, bits))
    }

    /// sign(self) · ⌊|self| / 2^bits⌋ (truncating, bits ≥ 0). O(n).
    public func shiftedRight(by bits: Int) -> BigInt {
        precondition(bits >= 0)
        let (n, m) = parts
        return BigInt(negative: n, magnitude: Limbs.shiftRight(m, bits))
    }
}

// MARK: - Comparison

extension BigInt: Comparable {
    @inlinable public static func < (lhs: BigInt, rhs: BigInt) -> Bool { compare(lhs, rhs) < 0 }
    @inlinable public static func > (lhs: BigInt, rhs: BigInt) -> Bool { compare(lhs, rhs) > 0 }
    @inlinable public static func <= (lhs: BigInt, rhs: BigInt) -> Bool { compare(lhs, rhs) <= 0 }
    @inlinable public static func >= (lhs: BigInt, rhs: BigInt) -> Bool { compare(lhs, rhs) >= 0 }

    /// Three-way comparison: −1, 0 or 1. O(n).
    @inlinable
    public static func compare(_ lhs: BigInt, _ rhs: BigInt) -> Int {
        if case let .small(a) = lhs.storage, case let .small(b) = rhs.storage {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        switch (lhs.storage, rhs.storage) {
        case let (.large(an, am), .large(bn, bm)):
            if an != bn { return an ? -1 : 1 }
            let c = Limbs.compare(am, bm)
            return an ? -c : c
        case let (.large(an, _), _):
            return an ? -1 : 1      // canonical: a large value lies outside Int's range
        case let (_, .large(bn, _)):
            return bn ? 1 : -1
        default:
            return 0                // unreachable: both small was handled above
        }
    }
}

// MARK: - Protocols

extension BigInt {
    /// Hashes the canonical representation as stored: the machine word, or
    /// the sign and the limbs' bytes in one call.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        switch storage {
        case let .small(x):
            hasher.combine(x)
        case let .large(negative, m):
            hasher.combine(negative)
            m.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: SignedNumeric {
    /// Exact conversion from any binary integer; never fails for finite widths.
    public init?<T: BinaryInteger>(exactly source: T) {
        self.init(source)
    }

    /// Exact conversion from any binary integer. O(bit width).
    public init<T: BinaryInteger>(_ source: T) {
        if let x = Int(exactly: source) {
            self.init(x)
            return
        }
        var mag = source.magnitude
        var limbs: [UInt64] = []
        while mag != 0 {
            limbs.append(UInt64(truncatingIfNeeded: mag))
            mag >>= 64
        }
        self.init(negative: source < 0, magnitude: limbs)
    }
}

extension BigInt {
    /// The integer value of a finite `Double` with no fractional part, else nil.
    public init?(exactly value: Double) {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        if let x = Int(exactly: value) {
            self.init(x)
            return
        }
        let significand = BigInt(negative: false, magnitude: [value.significandBitPattern | (1 << 52)])
        let shift = Int(value.exponent) - 52
        let m = significand.shiftedLeft(by: shift)
        self = value < 0 ? -m : m
    }

    /// The nearest `Double`, correctly rounded (half to even); ±infinity
    /// beyond the `Double` range. O(n).
    public var doubleValue: Double {
        switch storage {
        case let .small(x):
            return Double(x)
        case let .large(negative, m):
            let d = Limbs.toDouble(m, timesTwoToThe: 0)
            return negative ? -d : d
        }
    }
}

// MARK: - gcd

extension BigInt {
    /// The non-negative greatest common divisor (gcd(0, 0) = 0).
    ///
    /// Binary gcd (Stein) on machine words; for multi-limb operands,
    /// Lehmer's algorithm (Knuth, TAOCP vol. 2, 4.5.2, Algorithm L) with
    /// 62-bit single-precision simulation, falling back to one Euclidean
    /// division step when the simulation cannot decide a quotient.
    /// O(n²) limb operations for n-limb operands.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if case let .small(x) = a.storage, case let .small(y) = b.storage {
            let g = wordGCD(x.magnitude, y.magnitude)
            return BigInt(negative: false, magnitude: [UInt64(g)])
        }
        // One operand a machine word (b, after swapping the arguments): one
        // pass of remainders, then Stein.
        if case .small = a.storage, case .large = b.storage { return gcd(b, a) }
        if case let .small(y) = b.storage, case let .large(_, m) = a.storage {
            if y == 0 { return a.magnitude }
            let r = Limbs.remainder(m, small: UInt64(y.magnitude))
            return BigInt(negative: false, magnitude: [UInt64(wordGCD(y.magnitude, UInt(r)))])
        }
        var u = a.parts.magnitude
        var v = b.parts.magnitude
        if Limbs.compare(u, v) < 0 { swap(&u, &v) }
        if v.isEmpty { return BigInt(negative: false, magnitude: u) }
        if v.count == 1 {
            let r = Limbs.remainder(u, small: v[0])
            return BigInt(negative: false, magnitude: [UInt64(wordGCD(UInt(v[0]), UInt(r)))])
        }
        return BigInt(negative: false, magnitude: lehmerGCD(u, v))
    }

    /// Stein's binary gcd on machine words. O(64) iterations.
    @usableFromInline
    static func wordGCD(_ a: UInt, _ b: UInt) -> UInt {
        var u = a
        var v = b
        if u == 0 { return v }
        if v == 0 { return u }
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    /// Lehmer's gcd for u ≥ v, both multi-limb or larger. O(n²).
    static func lehmerGCD(_ u0: [UInt64], _ v0: [UInt64]) -> [UInt64] {
        var u = u0
        var v = v0
        while v.count > 1 {
            // Leading 62 bits of u and the bits of v at the same positions
            // (62 so that x̂ + Â and ŷ + D̂ cannot overflow an Int).
            let shift = max(Limbs.bitWidth(u) - 62, 0)
            let mask: UInt64 = (1 << 62) - 1
            var uh = Int(Limbs.bits64(u, from: shift) & mask)
            var vh = Int(Limbs.bits64(v, from: shift) & mask)
            var A = 1, B = 0, C = 0, D = 1
            // Simulate Euclid on (uh, vh) while both bounds give the same quotient
            // (Knuth's condition, in the form of Collins/Jebelean).
            while true {
                let d1 = vh + C
                let d2 = vh + D
                if d1 == 0 || d2 == 0 { break }
                let q = (uh + A) / d1
                if q != (uh + B) / d2 { break }
                (A, C) = (C, A - q * C)
                (B, D) = (D, B - q * D)
                (uh, vh) = (vh, uh - q * vh)
            }
            if B == 0 {
                // No progress from the simulation: one full-precision step.
                let r = Limbs.divide(u, v).remainder
                u = v
                v = r
            } else {
                let nu = linearCombination(A, u, B, v)
                let nv = linearCombination(C, u, D, v)
                u = nu
                v = nv
            }
        }
        if v.isEmpty { return u }
        let r = Limbs.remainder(u, small: v[0])
        return [UInt64(wordGCD(UInt(v[0]), UInt(r)))]
    }

    /// x·u + y·v for cofactors of opposite sign with a non-negative result.
    private static func linearCombination(_ x: Int, _ u: [UInt64], _ y: Int, _ v: [UInt64]) -> [UInt64] {
        let xu = Limbs.multiply(u, small: UInt64(x.magnitude))
        let yv = Limbs.multiply(v, small: UInt64(y.magnitude))
        if x >= 0 && y >= 0 { return Limbs.add(xu, yv) }
        if x >= 0 { return Limbs.subtract(xu, yv) }
        return Limbs.subtract(yv, xu)
    }
}

// MARK: - Text

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
    /// Decimal digits with a leading "-" for negatives. Divide and conquer
    /// (DecimalConversion.swift) above a threshold: O(D(n) log n).
    public var description: String {
        switch storage {
        case let .small(x):
            return String(x)
        case let .large(negative, m):
            return (negative ? "-" : "") + Limbs.decimalString(m)
        }
    }

    /// Parses an optionally signed decimal integer; nil when malformed.
    public init?(_ description: String) {
        guard let value = try? BigInt(parsing: description) else { return nil }
        self = value
    }

    /// Parses an optionally signed ("+" or "-") decimal integer with at least
    /// one digit and nothing else (surrounding white space is ignored).
    /// O(M(n) log n) in the number of digits (divide and conquer with
    /// Karatsuba products; DecimalConversion.swift). Throws `.malformedNumber`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        var body = Substring(trimmed)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        if body.isEmpty {
            throw NumericsError.malformedNumber(text: text, reason: "expected at least one decimal digit")
        }
        for byte in body.utf8 where byte < 48 || byte > 57 {
            throw NumericsError.malformedNumber(
                text: text, reason: "unexpected character \"\(Character(Unicode.Scalar(byte)))\" in an integer")
        }
        if body.utf8.count <= 18 {
            let x = Int(body)!
            self.init(negative ? -x : x)
        } else {
            self.init(negative: negative, magnitude: Limbs.fromDecimalDigitsFast(body.utf8))
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    /// Drops leading and trailing spaces, tabs, CR and LF. Works on Unicode
    /// scalars: "\r\n" is one Swift Character, so "12\r\n" (a Windows line
    /// end) would otherwise keep its CRLF.
    func trimmingWhitespace() -> String {
        let ws: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        var s = Substring(self).unicodeScalars
        while let f = s.first, ws.contains(f) { s = s.dropFirst() }
        while let l = s.last, ws.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
