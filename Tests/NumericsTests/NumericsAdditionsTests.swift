import XCTest
import Numerics

/// Tests of the Numerics additions (CommonDenominator.swift, Summation.swift).
final class NumericsAdditionsTests: XCTestCase {
    func testLcmAndCommonDenominator() throws {
        XCTAssertEqual(BigInt.lcm(4, 6), 12)
        XCTAssertEqual(BigInt.lcm(-4, 6), 12)
        XCTAssertEqual(BigInt.lcm(0, 6), 0)
        let values = [Rational(1, 6), Rational(3, 4), Rational(5), Rational(-2, 9)]
        let d = Rational.commonDenominator(of: values)
        XCTAssertEqual(d, 36)
        XCTAssertEqual(try values.map { try $0.scaledNumerator(commonDenominator: d) }, [6, 27, 180, -8])
        XCTAssertEqual(Rational.commonDenominator(of: [Rational]()), 1)
        XCTAssertThrowsError(try Rational(1, 7).scaledNumerator(commonDenominator: 36))
        XCTAssertThrowsError(try Rational(1, 2).scaledNumerator(commonDenominator: 0))
    }

    /// The binary-splitting sum against naive reduced addition and a second exact sum (H_n).
    func testExactSummation() throws {
        XCTAssertEqual(ExactSummation.sum([]), 0)
        XCTAssertEqual(ExactSummation.sum([Rational(3, 4)]), Rational(3, 4))
        var rng = SplitMix64(seed: 16)
        let values = (0..<101).map { _ in Rational(Int(rng.next() % 201) - 100, Int(rng.next() % 97) + 1) }
        XCTAssertEqual(ExactSummation.sum(values), values.reduce(Rational.zero, +))
        XCTAssertEqual(ExactSummation.sum((1...300).map { Rational(1, $0) }), try HarmonicNumbers.exact(300))
    }

    func testExactHarmonicNumbers() throws {
        XCTAssertEqual(try HarmonicNumbers.exact(0), 0)
        XCTAssertEqual(try HarmonicNumbers.exact(1), 1)
        XCTAssertEqual(try HarmonicNumbers.exact(4), Rational(25, 12))
        var h = Rational.zero
        for k in 1...200 {
            h += Rational(1, k)
            if k % 37 == 0 || k == 200 { XCTAssertEqual(try HarmonicNumbers.exact(k), h) }
        }
        XCTAssertEqual(try HarmonicNumbers.exact(50).numerator.description, "13943237577224054960759")
        XCTAssertThrowsError(try HarmonicNumbers.exact(-1))
    }

    func testApproximateHarmonicNumbersAreRigorous() throws {
        for n in [1, 2, 10, 100, 1000, 3000] {
            let exact = try HarmonicNumbers.exact(n).doubleValue
            let a = try HarmonicNumbers.approximate(n)
            XCTAssertTrue(a.contains(exact), "n = \(n): \(a) vs \(exact)")
            XCTAssertLessThan(a.absoluteErrorBound, 4 * exact.ulp)
        }
        let big = try HarmonicNumbers.approximate(1_000_000)
        XCTAssertEqual(big.value, 14.392726722865772, accuracy: 1e-13)   // H_{10^6} = 14.3927267228657236...
        XCTAssertTrue(big.contains(14.392726722865723))
        XCTAssertThrowsError(try HarmonicNumbers.approximate(-1))
    }

    func testCompensatedSum() {
        var s = CompensatedSum()
        for x in [1e16, 1.0, -1e16, 1.0] { s.add(x) }
        XCTAssertEqual(s.result.value, 2)
        XCTAssertEqual(s.count, 4)
        XCTAssertTrue(s.result.contains(2))
        var p = CompensatedSum()
        for _ in 0..<10 { p.add(0.1) }
        XCTAssertEqual(p.result.value, 1.0)
        XCTAssertEqual(CompensatedSum().result.value, 0)
    }

    /// Richardson extrapolation on known sequences.
    func testRichardsonExtrapolation() {
        // 1 − h + h² at h = 1, ½, ¼: first order gives 2·(13/16) − 3/4 = 7/8, and it moved 3/8 from 2·¾ − 1 = ½.
        let r = Extrapolation.richardson([1, 1 - 0.5 + 0.25, 1 - 0.25 + 0.0625])
        XCTAssertEqual(r.limit, 0.875, accuracy: 1e-15)
        XCTAssertEqual(r.error, 0.375, accuracy: 1e-15)
        // A pure second-order error 5 + 3h² is removed exactly by order 2, at any number of levels.
        let values = [1.0, 0.5, 0.25, 0.125].map { 5 + 3 * $0 * $0 }
        let s = Extrapolation.richardson(values, order: 2)
        XCTAssertEqual(s.limit, 5, accuracy: 1e-14)
        XCTAssertEqual(s.error, 0, accuracy: 1e-14)
    }

    /// The partition point of a monotone predicate, against a linear scan.
    func testBinarySearchFirstIndex() {
        let sorted = [1, 3, 3, 7, 9]
        for v in 0...10 {
            let linear = sorted.firstIndex { $0 >= v } ?? sorted.count
            XCTAssertEqual(BinarySearch.firstIndex(in: sorted.indices) { sorted[$0] >= v }, linear, "v = \(v)")
        }
        XCTAssertEqual(BinarySearch.firstIndex(in: 5..<5) { _ in true }, 5)
        XCTAssertEqual(BinarySearch.firstIndex(in: 10..<20) { $0 >= 13 }, 13)
        XCTAssertEqual(BinarySearch.firstIndex(in: 10..<20) { _ in false }, 20)
    }
}
