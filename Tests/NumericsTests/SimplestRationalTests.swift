import XCTest
@testable import Numerics

final class SimplestRationalTests: XCTestCase {
    /// Against a scan of denominators 1, 2, … (the definition).
    func testMatchesDenominatorScan() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<300 {
            let a = Double(rng.next() % 2001) / 1000 - 1, w = Double(rng.next() % 100 + 1) / 10_000
            let lo = Rational(exactly: a)!, hi = Rational(exactly: a + w)!
            let s = Rational.simplest(in: lo, hi)
            XCTAssertTrue(lo <= s && s <= hi)
            var scanned: Rational? = nil
            for d in 1...20_000 where scanned == nil {
                // The smallest-magnitude numerator n with n/d in [lo, hi].
                let dd = Rational(d)
                let nLo = (lo * dd).ceiling, nHi = (hi * dd).floor
                if nLo <= nHi {
                    let n = nLo > .zero ? nLo : (nHi < .zero ? nHi : BigInt.zero)
                    scanned = Rational(n, BigInt(d))
                }
            }
            XCTAssertEqual(s, scanned, "[\(a), \(a + w)]")
        }
    }

    func testRecoversSmallRationalsFromDoubles() {
        for (n, d) in [(1, 3), (-2, 7), (355, 113), (22, 7), (5, 1), (0, 1), (12345, 67891)] {
            let q = Rational(n, d)
            XCTAssertEqual(Rational.simplest(near: q.doubleValue, tolerance: 1e-12), q)
        }
        XCTAssertNil(Rational.simplest(near: .nan, tolerance: 1e-12))
    }
}
