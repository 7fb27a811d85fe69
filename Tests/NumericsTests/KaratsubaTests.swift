import XCTest
@testable import Numerics

/// Karatsuba products and divide-and-conquer parsing against the schoolbook
/// and chunk-by-chunk methods, on seeded random sizes around each threshold.
final class KaratsubaTests: XCTestCase {
    private func randomMagnitude(_ limbs: Int, _ g: inout SplitMix64) -> [UInt64] {
        var a = (0..<limbs).map { _ in g.next() }
        // Some all-ones and zero limbs exercise the carries.
        if limbs > 2 { a[limbs / 2] = .max; a[limbs / 3] = 0 }
        if var last = a.last, last == 0 { last = 1; a[limbs - 1] = last }
        return a
    }

    func testKaratsubaEqualsSchoolbookAroundTheThreshold() {
        var g = SplitMix64(seed: 20)
        let t = Limbs.karatsubaThreshold
        let sizes = [1, 2, t - 1, t, t + 1, 2 * t - 1, 2 * t, 2 * t + 1, 3 * t + 7, 5 * t]
        for n in sizes {
            for m in sizes {
                let a = randomMagnitude(n, &g), b = randomMagnitude(m, &g)
                XCTAssertEqual(Limbs.multiplyFast(a, b), Limbs.multiply(a, b), "\(n) × \(m) limbs")
            }
        }
        // All-ones operands: the largest carries.
        let ones = [UInt64](repeating: .max, count: 3 * t)
        XCTAssertEqual(Limbs.multiplyFast(ones, ones), Limbs.multiply(ones, ones))
    }

    func testKnownProducts() {
        // (10^1000 − 1)² = 10^2000 − 2·10^1000 + 1.
        let nines = BigInt(String(repeating: "9", count: 1000))!
        let expected = String(repeating: "9", count: 999) + "8" + String(repeating: "0", count: 999) + "1"
        XCTAssertEqual((nines * nines).description, expected)
    }

    /// x ← x·10^k + (next k ≤ 9 digits) with BigInt's public product and sum: a
    /// parse that shares neither chunk size nor kernel with the library's.
    static func hornerParse(_ text: String) -> BigInt {
        var x = BigInt.zero
        var chunk = 0, length = 0, scale = 1
        for c in text.utf8 {
            chunk = chunk * 10 + Int(c - 48)
            length += 1
            scale *= 10
            if length == 9 {
                x = x * BigInt(scale) + BigInt(chunk)
                chunk = 0; length = 0; scale = 1
            }
        }
        return length == 0 ? x : x * BigInt(scale) + BigInt(chunk)
    }

    func testDivideAndConquerParsingEqualsChunkedParsing() {
        var g = SplitMix64(seed: 200)
        let t = Limbs.divideAndConquerDigits
        for n in [t - 1, t, t + 1, 2 * t + 37, 19 * 256, 19 * 256 + 1, 12_345] {
            var digits = (0..<n).map { _ in Character(String(g.next() % 10)) }
            digits[0] = "7"
            if n > 100 { for k in 50..<90 { digits[k] = "0" } }   // a run of zeros inside
            let text = String(digits)
            XCTAssertEqual(Limbs.fromDecimalDigitsFast(Substring(text).utf8), Limbs.fromDecimalDigits(Substring(text).utf8), "\(n) digits")
            // Below the threshold both sides are the chunked parse: an independent reference too.
            XCTAssertEqual(BigInt(text), Self.hornerParse(text), "Horner, \(n) digits")
            XCTAssertEqual(BigInt(text)!.description, text, "round trip, \(n) digits")
        }
        // Leading zeros.
        XCTAssertEqual(BigInt(String(repeating: "0", count: 5000) + "42"), BigInt(42))
    }
}
