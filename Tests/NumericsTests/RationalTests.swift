import XCTest
@testable import Numerics

final class RationalTests: XCTestCase {
    func harmonic(_ n: Int) -> Rational {
        var h = Rational.zero
        for k in 1...n { h += Rational(1, k) }
        return h
    }

    func testHarmonicNumbers() {
        let h50 = harmonic(50)
        XCTAssertEqual(h50.numerator.description, "13943237577224054960759")
        XCTAssertEqual(h50.denominator.description, "3099044504245996706400")
        let h500 = harmonic(500)
        XCTAssertEqual(h500.denominator.description.count, 216)
        XCTAssertTrue(h500.numerator.description.hasSuffix("78238909694581687099"))
        XCTAssertTrue(h500.denominator.description.hasSuffix("2629415184926954240"))
        XCTAssertEqual(h500.doubleValue, 6.792823429990524, accuracy: 1e-15)
    }

    func testDecimalSumIsExact() throws {
        XCTAssertEqual(try Rational(parsing: "0.1") + Rational(parsing: "0.2"), Rational(3, 10))
    }

    func testNormalisation() {
        let r = Rational(6, -8)
        XCTAssertEqual(r.numerator, -3)
        XCTAssertEqual(r.denominator, 4)
        XCTAssertEqual(r, Rational(-3, 4))
        XCTAssertEqual(Set([r, Rational(-3, 4), Rational(9, -12)]).count, 1)
        XCTAssertEqual(Rational(0, -5).denominator, 1)
        XCTAssertEqual((Rational(1, 3) - Rational(1, 3)), .zero)
    }

    func testWindowsLineEndsAroundNumbersAreWhiteSpace() throws {
        // "\r\n" is one Swift Character; it must still be trimmed (issue 18).
        XCTAssertEqual(BigInt("12\r\n"), BigInt(12))
        XCTAssertEqual(try Rational(parsing: "\r\n 3/4\r\n"), Rational(3, 4))
        XCTAssertEqual(try Rational(parsing: "0.5\r\n"), Rational(1, 2))
    }

    func testParsing() throws {
        let cases: [(String, Rational)] = [
            ("3/4", Rational(3, 4)), ("-7", Rational(-7)), ("0.75", Rational(3, 4)), ("1e-3", Rational(1, 1000)),
            ("-2.5E+2", Rational(-250)), (" 6/8 ", Rational(3, 4)), ("+.5", Rational(1, 2)), ("5.", Rational(5)),
        ]
        for (text, value) in cases {
            XCTAssertEqual(try Rational(parsing: text), value, text)
        }
        XCTAssertEqual(try Rational(parsing: "-0.000125"), Rational(-1, 8000))
        XCTAssertEqual(try Rational(parsing: "12345678901234567890.5").description, "24691357802469135781/2")
        for bad in ["", "3/", "/4", "1/-2", "abc", "1e", "1.2.3", "e5", ".", "1/2e3", "1e100001", "- 1", "1,5"] {
            XCTAssertThrowsError(try Rational(parsing: bad), bad) { error in
                guard case NumericsError.malformedNumber = error else { return XCTFail("\(bad): \(error)") }
            }
        }
        XCTAssertThrowsError(try Rational(parsing: "1/0")) { error in
            guard case NumericsError.divisionByZero = error else { return XCTFail("\(error)") }
        }
    }

    func testPrinting() {
        XCTAssertEqual(Rational(-3, 4).description, "-3/4")
        XCTAssertEqual(Rational(8, 4).description, "2")
        XCTAssertEqual(Rational(2, 3).decimalString(places: 4), "0.6667")
        XCTAssertEqual(Rational(-1, 8).decimalString(places: 2), "-0.13")
        XCTAssertEqual(Rational(3, 4).exactDecimalString(maxPlaces: 6), "0.75")
        XCTAssertEqual(Rational(-7).exactDecimalString(maxPlaces: 6), "-7")
        XCTAssertEqual(Rational(1, 1_000_000).exactDecimalString(maxPlaces: 6), "0.000001")
        XCTAssertNil(Rational(1, 10_000_000).exactDecimalString(maxPlaces: 6))
        XCTAssertNil(Rational(1, 3).exactDecimalString(maxPlaces: 12))
        XCTAssertEqual(Rational(1, 3).decimalString(places: 0), "0")
        XCTAssertEqual(Rational(-1, 1000).decimalString(places: 2), "0.00")
        XCTAssertEqual(Rational(1234567, 1000).decimalString(places: 1), "1234.6")
    }

    func testFieldAxiomsOnRandomValues() {
        var rng = SplitMix64(seed: 11)
        func random() -> Rational {
            let n = randomBigInt(digits: Int.random(in: 1...40, using: &rng), using: &rng)
            var d = randomBigInt(digits: Int.random(in: 1...40, using: &rng), using: &rng).magnitude
            if d.isZero { d = 1 }
            return Rational(n, d)
        }
        for _ in 0..<300 {
            let a = random(), b = random(), c = random()
            XCTAssertEqual((a + b) - b, a)
            XCTAssertEqual(a * (b + c), a * b + a * c)
            if !b.isZero { XCTAssertEqual((a / b) * b, a) }
            XCTAssertEqual(Rational.compare(a, b), (a - b).signum)
            XCTAssertEqual(BigInt.gcd((a * b).numerator, (a * b).denominator), 1)
            XCTAssertTrue((a + c).denominator.signum == 1)
        }
    }

    /// The machine-word paths of + and · (shared or coprime denominators,
    /// integers, extreme words) give the canonical value of the BigInt cross
    /// products reduced by one gcd.
    func testWordSumAndProductEqualTheCrossProducts() throws {
        var rng = SplitMix64(seed: 12)
        let extremes = [Int.max, Int.min + 1, Int.max - 1, 1 << 62, -(1 << 62), 1, -1, 0]
        func word() -> Int {
            switch Int.random(in: 0...3, using: &rng) {
            case 0: return extremes.randomElement(using: &rng)!
            case 1: return Int.random(in: -12...12, using: &rng)
            default: return Int.random(in: Int.min + 1...Int.max, using: &rng)
            }
        }
        func denominator() -> Int {
            switch Int.random(in: 0...3, using: &rng) {
            case 0: return 1
            case 1: return [2, 3, 6, 12, 1 << 40, Int.max].randomElement(using: &rng)!
            default: return Int.random(in: 1...Int.max, using: &rng)
            }
        }
        for _ in 0..<2000 {
            let x = Rational(BigInt(word()), BigInt(denominator()))
            let y = Bool.random(using: &rng) ? Rational(BigInt(word()), x.denominator) : Rational(BigInt(word()), BigInt(denominator()))
            let (a, b, c, d) = (x.numerator, x.denominator, y.numerator, y.denominator)
            XCTAssertEqual(x + y, try Rational(numerator: a * d + c * b, denominator: b * d), "\(x) + \(y)")
            XCTAssertEqual(x - y, try Rational(numerator: a * d - c * b, denominator: b * d), "\(x) - \(y)")
            XCTAssertEqual(x * y, try Rational(numerator: a * c, denominator: b * d), "\(x) · \(y)")
            for z in [x + y, x * y] {
                XCTAssertEqual(BigInt.gcd(z.numerator, z.denominator), 1)
                XCTAssertEqual(z.numerator.intValue, Int(z.numerator.description))   // canonical: words stored as words
            }
        }
    }

    func testFloorCeilingPowerReciprocal() throws {
        XCTAssertEqual(Rational(-7, 2).floor, -4)
        XCTAssertEqual(Rational(-7, 2).ceiling, -3)
        XCTAssertEqual(Rational(7, 2).floor, 3)
        XCTAssertEqual(Rational(7, 2).ceiling, 4)
        XCTAssertEqual(Rational(4).floor, 4)
        XCTAssertEqual(Rational(2, 3).power(-2), Rational(9, 4))
        XCTAssertEqual(try Rational(-2, 5).reciprocal(), Rational(-5, 2))
        XCTAssertThrowsError(try Rational.zero.reciprocal())
        XCTAssertThrowsError(try Rational(1).dividing(by: .zero))
        XCTAssertThrowsError(try Rational(numerator: 1, denominator: 0))
    }

    func testDoubleConversion() {
        XCTAssertEqual(Rational(1, 3).doubleValue, 1.0 / 3.0)
        XCTAssertEqual(Rational(-2, 7).doubleValue, -2.0 / 7.0)
        var rng = SplitMix64(seed: 5)
        for _ in 0..<1000 {
            let x = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // finite doubles
            guard x.isNormal else { continue }
            let r = Rational(exactly: x)!
            XCTAssertEqual(r.doubleValue, x)
            XCTAssertEqual(Rational(exactly: -x)!, -r)
        }
        // Large numerator and denominator: 10^400 / (3·10^399) = 10/3.
        let big = BigInt(10).power(400)
        XCTAssertEqual(Rational(big, BigInt(3) * BigInt(10).power(399)).doubleValue, 10.0 / 3.0)
        XCTAssertEqual(Rational(big).doubleValue, .infinity)
        XCTAssertEqual(Rational(BigInt(1), big).doubleValue, 0)
        // Decimal strings: the correctly rounded double equals Foundation's parse.
        for _ in 0..<300 {
            let n = randomBigInt(digits: Int.random(in: 1...40, using: &rng), using: &rng)
            let e = Int.random(in: 1...40, using: &rng)
            let text = "\(n)e-\(e)"
            XCTAssertEqual(try Rational(parsing: text).doubleValue, Double(text)!, text)
        }
        XCTAssertNil(Rational(exactly: .infinity))
        XCTAssertEqual(Rational(exactly: 0.1)!.denominator, BigInt(2).power(55))
    }
}
