// Exact rational numbers over `BigInt`.
//
// Always normalised: gcd(numerator, denominator) = 1 and denominator > 0, so
// equal values have equal representations and the synthesised `Hashable` is
// value equality. Addition and multiplication use the gcd-saving forms of
// Knuth, TAOCP vol. 2, 4.5.1 (Henrici): the gcds are taken of the smaller
// cross terms, which keeps sums like harmonic numbers fast.

import Foundation

/// An exact rational number a/b with gcd(a, b) = 1 and b > 0.
public struct Rational: Sendable, Hashable {
    /// The numerator; carries the sign.
    public let numerator: BigInt
    /// The denominator; always positive.
    public let denominator: BigInt

    /// Trusts the caller: (n, d) already normalised.
    @usableFromInline
    init(normalized n: BigInt, _ d: BigInt) {
        numerator = n
        denominator = d
    }

    /// n/d in lowest terms. O(gcd). Throws `.divisionByZero` when d = 0.
    public init(numerator n: BigInt, denominator d: BigInt) throws {
        if d.isZero { throw NumericsError.divisionByZero(operation: "Rational(\(n)/0)") }
        self = Rational.reduce(n, d)
    }

    /// n/d in lowest terms for machine integers; traps when d = 0 (like
    /// integer division). Use `init(numerator:denominator:)` to throw instead.
    public init(_ n: Int, _ d: Int) {
        precondition(d != 0, "Rational: zero denominator")
        self = Rational.reduce(BigInt(n), BigInt(d))
    }

    /// n/d in lowest terms; traps when d = 0.
    public init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "Rational: zero denominator")
        self = Rational.reduce(n, d)
    }

    /// The integer n. O(1).
    @inlinable public init(_ n: Int) { self.init(normalized: BigInt(n), .one) }

    /// The integer n. O(1).
    @inlinable public init(_ n: BigInt) { self.init(normalized: n, .one) }

    @usableFromInline
    static func reduce(_ n: BigInt, _ d: BigInt) -> Rational {
        var n = n
        var d = d
        if d.isNegative { n = -n; d = -d }
        let g = BigInt.gcd(n, d)
        if g == .one { return Rational(normalized: n, d) }
        if g.isZero { return Rational(normalized: .zero, .one) }
        return Rational(normalized: BigInt.exactQuotient(n, g), BigInt.exactQuotient(d, g))
    }

    /// 0 and 1.
    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// True for zero. O(1).
    @inlinable public var isZero: Bool { numerator.isZero }
    /// −1, 0 or 1. O(1).
    @inlinable public var signum: Int { numerator.signum }
    /// True when the denominator is 1. O(1).
    @inlinable public var isInteger: Bool { denominator == .one }

    /// ⌊self⌋. O(division).
    public var floor: BigInt {
        let (q, r) = numerator.uncheckedQuotientAndRemainder(denominator)
        return r.isNegative ? q - .one : q
    }

    /// ⌈self⌉. O(division).
    public var ceiling: BigInt {
        let (q, r) = numerator.uncheckedQuotientAndRemainder(denominator)
        return (!r.isZero && !r.isNegative) ? q + .one : q
    }

    /// 1/self. Throws `.divisionByZero` for zero.
    public func reciprocal() throws -> Rational {
        if isZero { throw NumericsError.divisionByZero(operation: "Rational.reciprocal of 0") }
        return numerator.isNegative
            ? Rational(normalized: -denominator, -numerator)
            : Rational(normalized: denominator, numerator)
    }

    /// self / divisor. Throws `.divisionByZero` when divisor = 0.
    public func dividing(by divisor: Rational) throws -> Rational {
        if divisor.isZero { throw NumericsError.divisionByZero(operation: "\(self) / 0") }
        return self / divisor
    }

    /// self^exponent for any integer exponent (negative: of the reciprocal).
    /// Traps for 0 to a negative power.
    public func power(_ exponent: Int) -> Rational {
        if exponent >= 0 {
            return Rational(normalized: numerator.power(exponent), denominator.power(exponent))
        }
        precondition(!isZero, "Rational.power: 0 to a negative power")
        let r = try! reciprocal()
        return r.power(-exponent)
    }
}

// MARK: - Arithmetic (Knuth 4.5.1)

extension Rational {
    /// Sum: g = gcd(b, d); if g = 1 the cross sum is already in lowest terms,
    /// else only gcd(t, g) remains to be removed. Word-sized operands use
    /// 128-bit arithmetic (no allocation); otherwise O(n²) for n-limb parts.
    /// Never fails.
    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        if let a = lhs.numerator.intValue, let b = lhs.denominator.intValue,
           let c = rhs.numerator.intValue, let d = rhs.denominator.intValue {
            return wordSum(a, b, c, d)
        }
        let a = lhs.numerator, b = lhs.denominator, c = rhs.numerator, d = rhs.denominator
        // One side a fraction of machine words (sums like Σ 1/k): one division pass.
        if let cw = c.intValue, let dw = d.intValue, b.intValue == nil { return sumWithWordFraction(a, b, cw, dw) }
        if let aw = a.intValue, let bw = b.intValue, d.intValue == nil { return sumWithWordFraction(c, d, aw, bw) }
        if b == d {
            if b == .one { return Rational(normalized: a + c, .one) }
            let n = a + c
            let g = BigInt.gcd(n, b)
            if g == .one { return Rational(normalized: n, b) }
            if n.isZero { return .zero }
            return Rational(normalized: BigInt.exactQuotient(n, g), BigInt.exactQuotient(b, g))
        }
        let g = BigInt.gcd(b, d)
        if g == .one { return Rational(normalized: a * d + b * c, b * d) }
        let bg = BigInt.exactQuotient(b, g)
        let t = a * BigInt.exactQuotient(d, g) + c * bg
        if t.isZero { return .zero }
        let g2 = BigInt.gcd(t, g)
        if g2 == .one { return Rational(normalized: t, bg * d) }
        return Rational(normalized: BigInt.exactQuotient(t, g2), bg * BigInt.exactQuotient(d, g2))
    }

    /// a/b + c/d for a multi-limb b and machine words c, d > 0 (Knuth 4.5.1):
    /// b = q·d + r in one pass gives g = gcd(b, d) = gcd(d, r) and, when g = d,
    /// b/g = q for free; t = a·(d/g) + c·(b/g) accumulates in place; then only
    /// gcd(t, g) = gcd(g, t mod g) remains to be removed.
    @usableFromInline
    static func sumWithWordFraction(_ a: BigInt, _ b: BigInt, _ c: Int, _ d: Int) -> Rational {
        let (q, r) = b.uncheckedQuotientAndRemainder(BigInt(d))
        let g = Int(BigInt.wordGCD(UInt(d), r.intValue!.magnitude))
        let bg = g == 1 ? b : (g == d ? q : BigInt.exactQuotient(b, BigInt(g)))
        let cb = c == 1 ? bg : (c == -1 ? -bg : BigInt(c) * bg)
        var t: BigInt
        if g == d {
            t = a + cb                      // one pass, a stays shared
        } else {
            t = a * BigInt(d / g)           // a new value: cb accumulates in place
            t += cb
        }
        if t.isZero { return .zero }
        // (b/g)·d is b itself when g = d.
        if g == 1 { return Rational(normalized: t, b * BigInt(d)) }
        let g2 = Int(BigInt.wordGCD(UInt(g), t.remainderMagnitude(dividingBy: UInt64(g))))
        if g2 == 1 { return Rational(normalized: t, g == d ? b : bg * BigInt(d)) }
        return Rational(normalized: BigInt.exactQuotient(t, BigInt(g2)), bg * BigInt(d / g2))
    }

    /// a/b + c/d for machine-word parts, in 128-bit arithmetic (Knuth 4.5.1).
    /// A gcd of 1 (integers, coprime denominators) skips the 128-bit
    /// divisions; remainders of word-sized sums use 64-bit division.
    @usableFromInline
    static func wordSum(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Rational {
        if b == d {
            let n = Int128(a) + Int128(c)
            if n == 0 { return .zero }
            if b == 1 { return fromWords(n, 1) }
            let g = BigInt.wordGCD(UInt(b), remainder(n, UInt(b)))
            if g == 1 { return fromWords(n, Int128(b)) }
            return fromWords(n / Int128(g), Int128(b / Int(g)))
        }
        let g = Int(BigInt.wordGCD(UInt(b), UInt(d)))
        if g == 1 {
            // b ≠ d coprime: the cross sum is in lowest terms and never 0.
            return fromWords(Int128(a) * Int128(d) + Int128(c) * Int128(b), Int128(b) * Int128(d))
        }
        let bg = b / g
        let t = Int128(a) * Int128(d / g) + Int128(c) * Int128(bg)
        if t == 0 { return .zero }
        let g2 = Int(BigInt.wordGCD(UInt(g), remainder(t, UInt(g))))
        if g2 == 1 { return fromWords(t, Int128(bg) * Int128(d)) }
        return fromWords(t / Int128(g2), Int128(bg) * Int128(d / g2))
    }

    /// |x| mod m for m > 0, in 64-bit division when |x| fits a word.
    @inline(__always) @usableFromInline
    static func remainder(_ x: Int128, _ m: UInt) -> UInt {
        let u = x.magnitude
        if let w = UInt(exactly: u) { return w % m }
        return UInt(u % UInt128(m))
    }

    /// n/d already in lowest terms with d > 0, from 128-bit parts.
    @usableFromInline
    static func fromWords(_ n: Int128, _ d: Int128) -> Rational {
        if let n64 = Int(exactly: n), let d64 = Int(exactly: d) {
            return Rational(normalized: BigInt(n64), BigInt(d64))
        }
        return Rational(normalized: BigInt(n), BigInt(d))
    }

    public static prefix func - (x: Rational) -> Rational {
        Rational(normalized: -x.numerator, x.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

    /// Product: cancel gcd(a, d) and gcd(c, b) before multiplying. O(n²) for
    /// n-limb parts (128-bit fast path for word-sized ones). Never fails.
    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.isZero || rhs.isZero { return .zero }
        if let a = lhs.numerator.intValue, let b = lhs.denominator.intValue,
           let c = rhs.numerator.intValue, let d = rhs.denominator.intValue {
            // Machine-word operands: 128-bit products never overflow.
            if b == 1 && d == 1 { return fromWords(Int128(a) * Int128(c), 1) }
            let g1 = d == 1 ? 1 : Int(BigInt.wordGCD(a.magnitude, UInt(d)))
            let g2 = b == 1 ? 1 : Int(BigInt.wordGCD(c.magnitude, UInt(b)))
            return fromWords(Int128(a / g1) * Int128(c / g2), Int128(b / g2) * Int128(d / g1))
        }
        let a = lhs.numerator, b = lhs.denominator, c = rhs.numerator, d = rhs.denominator
        if b == .one && d == .one { return Rational(normalized: a * c, .one) }
        let g1 = BigInt.gcd(a, d)
        let g2 = BigInt.gcd(c, b)
        let n = BigInt.exactQuotient(a, g1) * BigInt.exactQuotient(c, g2)
        let m = BigInt.exactQuotient(b, g2) * BigInt.exactQuotient(d, g1)
        return Rational(normalized: n, m)
    }

    /// Quotient; traps on a zero divisor (use `dividing(by:)` to throw).
    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(!rhs.isZero, "Rational division by zero")
        let inv = rhs.numerator.isNegative
            ? Rational(normalized: -rhs.denominator, -rhs.numerator)
            : Rational(normalized: rhs.denominator, rhs.numerator)
        return lhs * inv
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
    public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
    public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
    public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }
}

// MARK: - Comparison

extension Rational: Comparable {
    /// Three-way comparison: −1, 0 or 1 (compares a·d with c·b).
    public static func compare(_ lhs: Rational, _ rhs: Rational) -> Int {
        let ls = lhs.signum, rs = rhs.signum
        if ls != rs { return ls < rs ? -1 : 1 }
        if lhs.denominator == rhs.denominator { return BigInt.compare(lhs.numerator, rhs.numerator) }
        if let a = lhs.numerator.intValue, let b = lhs.denominator.intValue,
           let c = rhs.numerator.intValue, let d = rhs.denominator.intValue {
            let x = Int128(a) * Int128(d), y = Int128(c) * Int128(b)
            return x < y ? -1 : (x == y ? 0 : 1)
        }
        return BigInt.compare(lhs.numerator * rhs.denominator, rhs.numerator * lhs.denominator)
    }

    public static func < (lhs: Rational, rhs: Rational) -> Bool { compare(lhs, rhs) < 0 }
}

// MARK: - Protocols

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: OrderedField {
    public init?<T: BinaryInteger>(exactly source: T) { self.init(BigInt(source)) }

    /// |self|. O(1).
    public var magnitude: Rational {
        numerator.isNegative ? Rational(normalized: -numerator, denominator) : self
    }

    public static var isExact: Bool { true }

    /// The nearest `Double`, correctly rounded (half to even) in the normal
    /// range; subnormal results may be one ulp off. O(division).
    public var doubleValue: Double {
        if let n = numerator.intValue, let d = denominator.intValue,
           n.magnitude <= 1 << 53, d <= 1 << 53 {
            // Both exact in Double: IEEE division rounds correctly.
            return Double(n) / Double(d)
        }
        let (negative, nm) = numerator.parts
        let dm = denominator.parts.magnitude
        // Scale so that the integer quotient has at least 65 significant bits.
        let s = 66 - (Limbs.bitWidth(nm) - Limbs.bitWidth(dm))
        let (q, r) = s >= 0
            ? Limbs.divide(Limbs.shiftLeft(nm, s), dm)
            : Limbs.divide(nm, Limbs.shiftLeft(dm, -s))
        let d = Limbs.toDouble(q, timesTwoToThe: -s, sticky: !r.isEmpty)
        return negative ? -d : d
    }
}

extension Rational {
    /// The exact value of a finite `Double` (every finite double is a dyadic
    /// rational); nil for NaN and infinities.
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if value == 0 { self = .zero; return }
        let significand = BigInt(Int64(value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)))
        let exponent = (value.isNormal ? Int(value.exponent) : -1022) - 52
        let n = value < 0 ? -significand : significand
        if exponent >= 0 {
            self.init(n.shiftedLeft(by: exponent))
        } else {
            self = Rational.reduce(n, BigInt.one.shiftedLeft(by: -exponent))
        }
    }
}

// MARK: - Text

extension Rational: CustomStringConvertible, LosslessStringConvertible {
    /// "a/b", or "a" for integers.
    public var description: String {
        denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Parses like `init(parsing:)`; nil when malformed.
    public init?(_ description: String) {
        guard let value = try? Rational(parsing: description) else { return nil }
        self = value
    }

    /// Parses a fraction "a/b" (integers, optional sign on a), an integer
    /// "-7", an exact decimal "0.75" or "-.5", or scientific notation "1e-3",
    /// "2.5E+4" (exponent magnitude at most 100000). Surrounding white space
    /// is ignored. Throws `.malformedNumber` for anything else and
    /// `.divisionByZero` for a zero denominator.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingWhitespace()
        if let slash = trimmed.firstIndex(of: "/") {
            let num = String(trimmed[..<slash])
            let den = String(trimmed[trimmed.index(after: slash)...])
            if den.first == "-" || den.first == "+" {
                throw NumericsError.malformedNumber(text: text, reason: "the denominator must be an unsigned integer")
            }
            let n: BigInt, d: BigInt
            do {
                n = try BigInt(parsing: num)
                d = try BigInt(parsing: den)
            } catch {
                throw NumericsError.malformedNumber(text: text, reason: "expected integers on both sides of \"/\"")
            }
            if d.isZero { throw NumericsError.divisionByZero(operation: "parsing \"\(text)\"") }
            self = Rational.reduce(n, d)
            return
        }
        var body = Substring(trimmed)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let expText = body[body.index(after: e)...]
            var expBody = expText
            var expNegative = false
            if let f = expBody.first, f == "-" || f == "+" {
                expNegative = f == "-"
                expBody = expBody.dropFirst()
            }
            guard !expBody.isEmpty, expBody.utf8.count <= 6, expBody.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let ev = Int(expBody), ev <= 100_000
            else {
                throw NumericsError.malformedNumber(text: text, reason: "expected a decimal exponent of at most 100000 after \"e\"")
            }
            exponent = expNegative ? -ev : ev
            body = body[..<e]
        }
        var intPart = body
        var fracPart: Substring = ""
        if let dot = body.firstIndex(of: ".") {
            intPart = body[..<dot]
            fracPart = body[body.index(after: dot)...]
        }
        let isDigits: (Substring) -> Bool = { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard isDigits(intPart), isDigits(fracPart), !(intPart.isEmpty && fracPart.isEmpty) else {
            throw NumericsError.malformedNumber(
                text: text, reason: "expected an integer, a fraction a/b, a decimal such as 0.75, or 1e-3")
        }
        let digits = String(intPart) + String(fracPart)
        var n = try BigInt(parsing: digits)
        if negative { n = -n }
        exponent -= fracPart.count
        if exponent >= 0 {
            self.init(n * BigInt(10).power(exponent))
        } else {
            self = Rational.reduce(n, BigInt(10).power(-exponent))
        }
    }

    /// Decimal rendering rounded half away from zero to `places` digits
    /// after the point, e.g. (2/3).decimalString(places: 4) == "0.6667".
    public func decimalString(places: Int) -> String {
        precondition(places >= 0)
        let scale = BigInt(10).power(places)
        let scaled = magnitude * Rational(scale)
        // round half away from zero
        let twice = scaled.numerator * 2 + scaled.denominator
        let rounded = twice / (scaled.denominator * 2)
        var digits = rounded.description
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        let isNegativeNonZero = numerator.isNegative && !rounded.isZero
        return (isNegativeNonZero ? "-" : "") + digits
    }

    /// The shortest decimal with at most `maxPlaces` digits after the point
    /// that equals this value exactly ("3", "0.75"), or nil when there is none
    /// (e.g. 1/3).
    public func exactDecimalString(maxPlaces: Int) -> String? {
        var scale = BigInt.one
        for places in 0...max(maxPlaces, 0) {
            if (self * Rational(scale)).isInteger { return decimalString(places: places) }
            scale = scale * BigInt(10)
        }
        return nil
    }
}
