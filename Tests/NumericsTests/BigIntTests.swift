import XCTest
@testable import Numerics

/// Random BigInt with `digits` decimal digits (first digit nonzero), random sign.
func randomBigInt(digits: Int, using rng: inout SplitMix64) -> BigInt {
    var s = String(Int.random(in: 1...9, using: &rng))
    for _ in 1..<max(digits, 1) { s.append(Character(String(Int.random(in: 0...9, using: &rng)))) }
    let x = try! BigInt(parsing: s)
    return Bool.random(using: &rng) ? -x : x
}

/// Random BigInt built from adversarial 64-bit limbs (0, all ones, top bit only, random).
func randomLimbBigInt(limbs: Int, using rng: inout SplitMix64) -> BigInt {
    var m: [UInt64] = []
    for _ in 0..<limbs {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: m.append(0)
        case 1: m.append(UInt64.max)
        case 2: m.append(1 << 63)
        default: m.append(rng.next())
        }
    }
    if m.last == 0 { m[m.count - 1] = 1 }
    return BigInt(negative: Bool.random(using: &rng), magnitude: m)
}

final class BigIntTests: XCTestCase {
    func testFactorial100() {
        var f = BigInt.one
        for k in 1...100 { f *= BigInt(k) }
        XCTAssertEqual(f.description, "93326215443944152681699238856266700490715968264381621468592963895217599993229915608941463976156518286253697920827223758251185210916864000000000000000000000000")
        // 100! / 98! = 9900 exactly.
        var g = BigInt.one
        for k in 1...98 { g *= BigInt(k) }
        XCTAssertEqual(f / g, BigInt(9900))
        XCTAssertEqual(f % g, .zero)
    }

    func testMachineWordBoundaries() {
        let max = BigInt(Int.max), min = BigInt(Int.min)
        XCTAssertEqual((max + 1).description, "9223372036854775808")
        XCTAssertEqual((min - 1).description, "-9223372036854775809")
        XCTAssertEqual((-min).description, "9223372036854775808")
        XCTAssertEqual(min / BigInt(-1), -min)
        XCTAssertEqual(min % BigInt(-1), .zero)
        XCTAssertEqual((max + 1 - 1).intValue, Int.max)   // back to the inline form
        XCTAssertEqual(-(-min), min)
        XCTAssertEqual((-min).intValue, nil)
        XCTAssertEqual((max * max).description, "85070591730234615847396907784232501249")
        XCTAssertEqual(min * min, BigInt(2).power(126))
        XCTAssertEqual(BigInt(UInt64.max).description, "18446744073709551615")
        XCTAssertEqual(BigInt(-5).magnitude, BigInt(5))
        XCTAssertEqual(BigInt(Int.min).magnitude.description, "9223372036854775808")
    }

    func testTruncatingDivisionSignConvention() throws {
        // Like Int: the quotient truncates toward zero; the remainder has the dividend's sign.
        let cases: [(Int, Int)] = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (0, 5)]
        let big = BigInt(10).power(30)
        for (a, b) in cases {
            XCTAssertEqual(BigInt(a) / BigInt(b), BigInt(a / b))
            XCTAssertEqual(BigInt(a) % BigInt(b), BigInt(a % b))
            // The same convention on multi-limb operands.
            let (q, r) = try (BigInt(a) * big + BigInt(a.signum())).quotientAndRemainder(dividingBy: BigInt(b) * big)
            XCTAssertEqual(q, BigInt(a / b))
            XCTAssertEqual(r.signum, a == 0 ? 0 : a.signum())
        }
        XCTAssertThrowsError(try BigInt(5).quotientAndRemainder(dividingBy: .zero)) { error in
            guard case NumericsError.divisionByZero = error else { return XCTFail("\(error)") }
        }
    }

    func testRandomPropertiesUpTo3000Digits() throws {
        var rng = SplitMix64(seed: 20261123)
        for trial in 0..<240 {
            let da = [1, 5, 18, 19, 20, 40, 100, 400, 1000, 3000][trial % 10]
            let db = Int.random(in: 1...max(1, da), using: &rng)
            let a = randomBigInt(digits: da, using: &rng)
            var b = randomBigInt(digits: db, using: &rng)
            if b.isZero { b = BigInt(7) }
            XCTAssertEqual((a * b) / b, a, "trial \(trial)")
            XCTAssertEqual((a * b) % b, .zero, "trial \(trial)")
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            XCTAssertEqual(q * b + r, a, "trial \(trial)")
            XCTAssertTrue(r.magnitude < b.magnitude, "trial \(trial)")
            XCTAssertTrue(r.isZero || r.isNegative == a.isNegative, "trial \(trial)")
            XCTAssertEqual(try BigInt(parsing: a.description), a, "trial \(trial)")
            XCTAssertEqual((a + b) - b, a)
            XCTAssertEqual(a - a, .zero)
            XCTAssertEqual(BigInt.compare(a, b), (a - b).signum)
        }
    }

    func testAlgorithmDOnAdversarialLimbs() throws {
        // Limbs of 0, 2^64−1 and 2^63 exercise the q̂ correction and add-back steps.
        var rng = SplitMix64(seed: 7)
        for trial in 0..<2000 {
            let a = randomLimbBigInt(limbs: Int.random(in: 1...12, using: &rng), using: &rng)
            let b = randomLimbBigInt(limbs: Int.random(in: 1...6, using: &rng), using: &rng)
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            XCTAssertEqual(q * b + r, a, "trial \(trial)")
            XCTAssertTrue(r.magnitude < b.magnitude, "trial \(trial)")
            XCTAssertEqual((a * b) / b, a, "trial \(trial)")
        }
        // A classic add-back case (Knuth 4.3.1 exercise): u = 2^192 − 1, v = 2^128 − 2^64 + ... .
        let u = BigInt(2).power(192) - 1
        let v = BigInt(2).power(128) - BigInt(2).power(64) + 1
        let (q, r) = try u.quotientAndRemainder(dividingBy: v)
        XCTAssertEqual(q * v + r, u)
        XCTAssertTrue(r < v && !r.isNegative)
    }

    func testPowerAndShifts() {
        XCTAssertEqual(BigInt(2).power(200).description, "1606938044258990275541962092341162602522202993782792835301376")
        XCTAssertEqual(BigInt(3).power(0), .one)
        XCTAssertEqual(BigInt(-3).power(3), BigInt(-27))
        XCTAssertEqual(BigInt(5).shiftedLeft(by: 130), BigInt(5) * BigInt(2).power(130))
        XCTAssertEqual((BigInt(5) * BigInt(2).power(130) + 3).shiftedRight(by: 130), BigInt(5))
        XCTAssertEqual(BigInt(2).power(200).magnitudeBitWidth, 201)
    }

    func testGCD() {
        XCTAssertEqual(BigInt.gcd(0, 0), 0)
        XCTAssertEqual(BigInt.gcd(-12, 18), 6)
        XCTAssertEqual(BigInt.gcd(0, -7), 7)
        // Consecutive Fibonacci numbers are coprime: the worst case of Euclid.
        var f0 = BigInt(0), f1 = BigInt(1)
        for _ in 0..<1000 { (f0, f1) = (f1, f0 + f1) }
        XCTAssertEqual(BigInt.gcd(f1, f0), 1)
        XCTAssertEqual(BigInt.gcd(f1 * f0, f0 * 12), f0 * BigInt.gcd(f1 * f0 / f0, 12))
        // A machine word against a multi-limb number, in both orders (and with 0).
        let big = BigInt(2).power(200) * 3 * 35
        for (w, expected) in [(BigInt(0), big), (BigInt(7), BigInt(7)), (BigInt(-21), BigInt(21)),
                              (BigInt(1 << 40), BigInt(1 << 40)), (BigInt(11), BigInt(1))] {
            XCTAssertEqual(BigInt.gcd(big, w), expected, "gcd(big, \(w))")
            XCTAssertEqual(BigInt.gcd(w, big), expected, "gcd(\(w), big)")
            XCTAssertEqual(BigInt.gcd(w, -big), expected)
        }
        // Against Euclid with the % operator on random multi-limb inputs.
        var rng = SplitMix64(seed: 99)
        for trial in 0..<300 {
            let g = randomBigInt(digits: Int.random(in: 1...60, using: &rng), using: &rng)
            let a = randomBigInt(digits: Int.random(in: 1...200, using: &rng), using: &rng) * g
            let b = randomBigInt(digits: Int.random(in: 1...200, using: &rng), using: &rng) * g
            var (x, y) = (a.magnitude, b.magnitude)
            while !y.isZero { (x, y) = (y, x % y) }
            let lehmer = BigInt.gcd(a, b)
            XCTAssertEqual(lehmer, x, "trial \(trial)")
            XCTAssertEqual(a % lehmer, .zero)
            XCTAssertEqual(BigInt.gcd(a / lehmer, b / lehmer), .one)
        }
    }

    func testDoubleConversionIsCorrectlyRounded() {
        XCTAssertEqual(BigInt(2).power(64).doubleValue, 18446744073709551616.0)
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: round half to even → 2^53.
        XCTAssertEqual((BigInt(2).power(53) + 1).doubleValue, 9007199254740992.0)
        // 2^70 + 2^17 is a tie → even (2^70); 2^70 + 2^17 + 1 must round up.
        let t = BigInt(2).power(70) + BigInt(2).power(17)
        XCTAssertEqual(t.doubleValue, BigInt(2).power(70).doubleValue)
        XCTAssertEqual((t + 1).doubleValue, (BigInt(2).power(70) + BigInt(2).power(18)).doubleValue)
        XCTAssertEqual((-BigInt(2).power(1024)).doubleValue, -.infinity)
        // Against Foundation's correctly rounded decimal parser.
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let x = randomBigInt(digits: Int.random(in: 1...300, using: &rng), using: &rng)
            XCTAssertEqual(x.doubleValue, Double(x.description)!, "\(x)")
        }
        XCTAssertEqual(BigInt(exactly: 1e30)?.doubleValue, 1e30)
        XCTAssertEqual(BigInt(exactly: -123.0), BigInt(-123))
        XCTAssertNil(BigInt(exactly: 0.5))
        XCTAssertNil(BigInt(exactly: .nan))
    }

    func testParsingErrors() {
        for bad in ["", "-", "+", "12a", "1 2", "0x10", "1.0", "--1"] {
            XCTAssertThrowsError(try BigInt(parsing: bad), bad) { error in
                guard case NumericsError.malformedNumber = error else { return XCTFail("\(error)") }
            }
            XCTAssertNil(BigInt(bad))
        }
        XCTAssertEqual(try BigInt(parsing: " +0042 "), 42)
        XCTAssertEqual(try BigInt(parsing: "-0"), 0)
        XCTAssertEqual(try BigInt(parsing: "-123456789012345678901234567890").description, "-123456789012345678901234567890")
    }

    func testHashableMatchesEquality() {
        let a = BigInt(2).power(100) - BigInt(2).power(100) + 5
        XCTAssertEqual(a, 5)
        XCTAssertEqual(Set([a, BigInt(5), BigInt(2).power(70), BigInt(2).power(35) * BigInt(2).power(35)]).count, 2)
    }
}
