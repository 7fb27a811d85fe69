import XCTest
@testable import Numerics

/// The subquadratic and allocation-lean BigInt paths against the schoolbook
/// ones and known values: Karatsuba (unbalanced and leading-zero operands),
/// Burnikel–Ziegler division against Algorithm D, reciprocal single-limb
/// division against `dividingFullWidth`, divide-and-conquer printing against
/// chunked printing, in-place `+=`/`-=` against `+`/`-` (including shared
/// storage), all on seeded sizes around each threshold.
final class FastBigIntAlgorithmsTests: XCTestCase {
    /// Random limbs with some 0, all-ones and top-bit-only limbs; top limb nonzero.
    private func magnitude(_ limbs: Int, _ g: inout SplitMix64) -> [UInt64] {
        if limbs == 0 { return [] }
        var a = (0..<limbs).map { _ -> UInt64 in
            switch g.next() % 5 {
            case 0: return 0
            case 1: return .max
            case 2: return 1 << 63
            default: return g.next()
            }
        }
        if a[limbs - 1] == 0 { a[limbs - 1] = g.next() | 1 }
        return a
    }

    func testKaratsubaOnUnbalancedOperands() {
        var g = SplitMix64(seed: 31)
        let t = Limbs.karatsubaThreshold
        for (n, m) in [(t, 3 * t + 5), (t + 1, 2 * t + 2), (2 * t - 1, 2 * t), (t, 7 * t), (3 * t, 3 * t + 1), (4 * t + 3, 2 * t + 1)] {
            let a = magnitude(n, &g), b = magnitude(m, &g)
            XCTAssertEqual(Limbs.multiplyFast(a, b), Limbs.multiply(a, b), "\(n) × \(m)")
            XCTAssertEqual(Limbs.multiplyFast(b, a), Limbs.multiply(a, b), "\(m) × \(n)")
        }
        // All-ones against all-ones and a power of two: the largest carries and borrows.
        let ones = [UInt64](repeating: .max, count: 2 * t + 3)
        let power = [UInt64](repeating: 0, count: 2 * t) + [1]
        XCTAssertEqual(Limbs.multiplyFast(ones, power), Limbs.multiply(ones, power))
        XCTAssertEqual(Limbs.multiplyFast(ones, ones), Limbs.multiply(ones, ones))
        // Signs through BigInt.
        let x = BigInt(negative: true, magnitude: magnitude(3 * t, &g)), y = BigInt(negative: false, magnitude: magnitude(2 * t, &g))
        XCTAssertEqual(x * y, -((-x) * y))
        XCTAssertEqual(x * x, (-x) * (-x))
        XCTAssertFalse((x * x).isNegative)
    }

    func testRecursiveDivisionEqualsAlgorithmD() {
        var g = SplitMix64(seed: 32)
        let t = Limbs.burnikelZieglerThreshold
        for n in [t - 1, t, t + 1, 2 * t - 1, 2 * t, 2 * t + 1, 4 * t + 3, 9 * t] {
            for extra in [t, t + 1, 2 * t + 7, n, n + 1, 3 * n] {
                let v = magnitude(n, &g), u = magnitude(n + extra, &g)
                let (q, r) = Limbs.divideRecursive(u, v)
                let (q2, r2) = Limbs.divideSchoolbook(u, v)
                XCTAssertEqual(q, q2, "quotient \(n + extra) / \(n) limbs")
                XCTAssertEqual(r, r2, "remainder \(n + extra) / \(n) limbs")
            }
        }
        // Divisors that make q̂ = B^h − 1 and the add-back steps of D3n/2n likely:
        // all-ones limbs, and a dividend just below divisor · B^k.
        let v = [UInt64](repeating: .max, count: 2 * t)
        let u = Limbs.subtract(Limbs.multiply(v, [UInt64](repeating: .max, count: 2 * t)), [1])
        XCTAssertTrue(Limbs.divideRecursive(u, v) == Limbs.divideSchoolbook(u, v))
        let w = [UInt64](repeating: 0, count: 2 * t - 1) + [1 << 63]
        let u2 = Limbs.subtract(Limbs.shiftLeft(w, 64 * 3 * t), [5])
        XCTAssertTrue(Limbs.divideRecursive(u2, w) == Limbs.divideSchoolbook(u2, w))
    }

    func testDivisionIdentityWithSignsAboveTheThreshold() throws {
        var g = SplitMix64(seed: 33)
        let t = Limbs.burnikelZieglerThreshold
        for (n, m) in [(2 * t, t), (3 * t + 5, t + 2), (5 * t, 2 * t + 1), (2 * t, 2 * t - 3)] {
            for signs in [(false, false), (false, true), (true, false), (true, true)] {
                let a = BigInt(negative: signs.0, magnitude: magnitude(n, &g))
                let b = BigInt(negative: signs.1, magnitude: magnitude(m, &g))
                let (q, r) = try a.quotientAndRemainder(dividingBy: b)
                XCTAssertEqual(q * b + r, a, "\(n)/\(m) limbs, signs \(signs)")
                XCTAssertTrue(r.magnitude < b.magnitude)
                XCTAssertTrue(r.isZero || r.isNegative == a.isNegative)
                XCTAssertEqual((a * b) / b, a)
                XCTAssertEqual(a % b, r)
                XCTAssertEqual((a - r) % b, .zero)
            }
        }
    }

    func testReciprocalSingleLimbDivision() {
        var g = SplitMix64(seed: 34)
        var divisors: [UInt64] = [1, 2, 3, 7, 10, 1 << 32, Limbs.decimalChunk]
        divisors += [(1 << 63) - 1, 1 << 63, (1 << 63) + 1, UInt64.max - 1, UInt64.max]
        for _ in 0..<20 {
            let shift = g.next() % 64
            divisors.append((g.next() >> shift) | 1)
        }
        for d in divisors {
            let divisor = Limbs.LimbDivisor(d)
            for _ in 0..<50 {
                let u1 = g.next() % d, u0 = g.next()
                let (q, r) = divisor.divide(u1 << UInt64(divisor.shift) | (divisor.shift == 0 ? 0 : u0 >> UInt64(64 - divisor.shift)), u0 << UInt64(divisor.shift))
                let (q2, r2) = d.dividingFullWidth((u1, u0))
                XCTAssertEqual(q, q2, "d = \(d)")
                XCTAssertEqual(r >> UInt64(divisor.shift), r2, "d = \(d)")
            }
            for n in [0, 1, 2, 5, 40] {
                let a = magnitude(n, &g)
                // Schoolbook reference: one dividingFullWidth per limb.
                var expected = [UInt64](repeating: 0, count: n)
                var rem: UInt64 = 0
                for i in stride(from: n - 1, through: 0, by: -1) { (expected[i], rem) = d.dividingFullWidth((rem, a[i])) }
                Limbs.normalize(&expected)
                let (q, r) = Limbs.divide(a, small: d)
                XCTAssertEqual(q, expected, "\(n) limbs / \(d)")
                XCTAssertEqual(r, rem)
                XCTAssertEqual(Limbs.remainder(a, small: d), rem)
            }
        }
    }

    func testInPlaceAdditionMatchesOperators() {
        var g = SplitMix64(seed: 35)
        for trial in 0..<400 {
            let sizes = [0, 1, 2, 3, 10, 45, 46]
            let a = BigInt(negative: g.next() % 2 == 0, magnitude: magnitude(sizes[Int(g.next() % 7)], &g))
            let b = BigInt(negative: g.next() % 2 == 0, magnitude: magnitude(sizes[Int(g.next() % 7)], &g))
            var x = a
            x += b
            XCTAssertEqual(x, a + b, "trial \(trial)")
            var y = a
            y -= b
            XCTAssertEqual(y, a - b, "trial \(trial)")
            // A shared value is not modified through another variable.
            let shared = x
            x += a
            XCTAssertEqual(shared, a + b)
            XCTAssertEqual(x, a + b + a)
            x -= x
            XCTAssertEqual(x, .zero)
            // Results that fall back into a machine word are canonical.
            var z = a
            z -= a - BigInt(5)
            XCTAssertEqual(z.intValue, 5)
        }
        // Carry out of the top limb and cancellation to a small value.
        var m = BigInt(negative: false, magnitude: [.max, .max, .max])
        m += 1
        XCTAssertEqual(m, BigInt(2).power(192))
        m -= BigInt(2).power(192) - 1
        XCTAssertEqual(m, .one)
        var n = BigInt(Int.min)
        n -= 1
        XCTAssertEqual(n.description, "-9223372036854775809")
        n += 1
        XCTAssertEqual(n.intValue, Int.min)
    }

    func testProductsByWordsAndComparisons() {
        var g = SplitMix64(seed: 36)
        for _ in 0..<100 {
            let a = BigInt(negative: g.next() % 2 == 0, magnitude: magnitude(Int(g.next() % 50) + 2, &g))
            let k = Int(truncatingIfNeeded: g.next()) >> Int(g.next() % 63)
            let kb = BigInt(negative: k < 0, magnitude: [UInt64(k.magnitude)])
            XCTAssertEqual(a * BigInt(k), BigInt(negative: a.isNegative != (k < 0), magnitude: Limbs.multiply(a.parts.magnitude, kb.parts.magnitude)))
            XCTAssertEqual(BigInt(k) * a, a * BigInt(k))
            // A multi-limb value lies outside every machine word.
            XCTAssertEqual(BigInt.compare(a, BigInt(k)), a.isNegative ? -1 : 1)
            XCTAssertEqual(BigInt.compare(BigInt(k), a), a.isNegative ? 1 : -1)
            XCTAssertEqual(a > BigInt(k), !a.isNegative)
            XCTAssertEqual(a <= BigInt(k), a.isNegative)
        }
        // Int.min edge cases through the one-limb paths.
        let minimum = BigInt(Int.min)
        XCTAssertEqual((minimum * minimum).description, "85070591730234615865843651857942052864")
        XCTAssertEqual(minimum * BigInt(-1), BigInt(Int.max) + 1)
        XCTAssertEqual((BigInt(2).power(100) / BigInt(Int.min)).description, "-137438953472")
        XCTAssertEqual(BigInt(2).power(100) % BigInt(Int.min), .zero)
        // 2^100 ≡ 1 (mod 3): the remainder takes the dividend's sign.
        XCTAssertEqual((BigInt(2).power(100) + 7) % BigInt(-3), BigInt(2))
        XCTAssertEqual((-(BigInt(2).power(100) + 7)) % BigInt(3), BigInt(-2))
    }

    func testDecimalPrintingEqualsChunkedPrinting() {
        var g = SplitMix64(seed: 37)
        let t = Limbs.divideAndConquerPrintLimbs
        for n in [t - 1, t, t + 1, 2 * t, 2 * t + 1, 4 * t + 5, 700] {
            let a = magnitude(n, &g)
            let width = Limbs.bitWidth(a) * 30103 / 100000 + 2
            var chunked = [UInt8](repeating: 0, count: width)
            chunked.withUnsafeMutableBufferPointer { Limbs.emitChunked(a, $0.baseAddress!, width) }
            let reference = String(decoding: chunked.drop { $0 == 48 }, as: UTF8.self)
            XCTAssertEqual(Limbs.decimalString(a), reference, "\(n) limbs")
            XCTAssertEqual(Limbs.fromDecimalDigitsFast(Substring(reference).utf8), a, "round trip, \(n) limbs")
        }
    }

    func testRoundTripsAroundTheDecimalThresholds() {
        var g = SplitMix64(seed: 38)
        let t = Limbs.divideAndConquerDigits
        for n in [t - 1, t, t + 1, 19 * 64 - 1, 19 * 64, 19 * 64 + 1, 19 * 128 + 1, 2 * t + 19, 9_000] {
            var digits = [UInt8]((0..<n).map { _ in UInt8(48 + g.next() % 10) })
            digits[0] = 49 + UInt8(g.next() % 9)
            if n > 400 { for k in 100..<300 { digits[k] = 48 } }            // a run of zeros inside
            if n > 40 { for k in (n - 40)..<n { digits[k] = 48 } }          // trailing zeros: a zero low part
            let text = String(decoding: digits, as: UTF8.self)
            let x = BigInt(text)!
            XCTAssertEqual(x.description, text, "\(n) digits")
            XCTAssertEqual((-x).description, "-" + text)
            XCTAssertEqual(Limbs.fromDecimalDigitsFast(Substring(text).utf8), Limbs.fromDecimalDigits(Substring(text).utf8))
            XCTAssertEqual(x, KaratsubaTests.hornerParse(text), "Horner, \(n) digits")
        }
    }

    func testKnownValues() {
        // 10^k prints as 1 followed by k zeros, on both sides of each threshold.
        for k in [18, 19, 20, 1_139, 1_140, 1_500, 2_432, 2_433, 5_000] {
            let p = BigInt(10).power(k)
            XCTAssertEqual(p.description, "1" + String(repeating: "0", count: k), "10^\(k)")
            XCTAssertEqual(BigInt("1" + String(repeating: "0", count: k)), p)
            XCTAssertEqual((p - 1).description, String(repeating: "9", count: k))
        }
        // 2^10000: 3011 digits, leading digits 19950631168807583848…, and its
        // last 18 digits from modular exponentiation in machine words.
        let p = BigInt(2).power(10_000).description
        XCTAssertEqual(p.count, 3011)
        XCTAssertTrue(p.hasPrefix("19950631168807583848837421626835850838"))
        var tail: UInt64 = 1
        let modulus: UInt64 = 1_000_000_000_000_000_000
        for _ in 0..<10_000 { tail = UInt64((UInt128(tail) * 2) % UInt128(modulus)) }
        let tailText = String(tail)
        XCTAssertTrue(p.hasSuffix(String(repeating: "0", count: 18 - tailText.count) + tailText))
        // 1000!: 2568 digits, 249 trailing zeros (Legendre: ⌊1000/5⌋ + ⌊1000/25⌋ + …),
        // digit sum 10539; and 1000!/998! = 999000.
        var f = BigInt.one
        for k in 1...1000 { f *= BigInt(k) }
        let s = f.description
        XCTAssertEqual(s.count, 2568)
        XCTAssertEqual(s.reversed().prefix { $0 == "0" }.count, 249)
        XCTAssertEqual(s.utf8.reduce(0) { $0 + Int($1) - 48 }, 10539)
        var f998 = BigInt.one
        for k in 1...998 { f998 *= BigInt(k) }
        XCTAssertEqual(f / f998, BigInt(999_000))
        // (2^4000 − 1) / (2^2000 − 1) = 2^2000 + 1 exactly (recursive division sizes).
        let big = BigInt(2).power(4000) - 1, small = BigInt(2).power(2000) - 1
        XCTAssertEqual(big / small, BigInt(2).power(2000) + 1)
        XCTAssertEqual(big % small, .zero)
        XCTAssertEqual((big + 5) % small, BigInt(5))
    }

    func testHashingFollowsValueEquality() {
        var g = SplitMix64(seed: 39)
        let a = BigInt(negative: false, magnitude: magnitude(45, &g))
        let b = BigInt(negative: false, magnitude: magnitude(45, &g))
        var sum = a
        sum += b
        let viaOperators = (a * 3 + b * 3) / 3
        XCTAssertEqual(sum, viaOperators)
        XCTAssertEqual(sum.hashValue, viaOperators.hashValue)
        XCTAssertEqual(Set([sum, viaOperators, -sum, BigInt(7), BigInt(7)]).count, 3)
    }
}
