import XCTest
@testable import Numerics

final class UncheckedTruncationTests: XCTestCase {
    /// `uncheckedTruncation` against Int(_:) on seeded random doubles in [0, 2⁵¹): wide and narrow
    /// magnitudes, exact integers, halves (where x + 2⁵² rounds to even, up or down), and their
    /// neighbours one ulp away.
    func testMatchesIntConversionBitForBit() {
        var rng = SplitMix64(seed: 20261207)
        var samples: [Double] = [0, 0.5, 1, 1.5, 2.5, 4095.999, 0x1p51 - 1, 0x1p51 - 0.5, Double.leastNonzeroMagnitude, 0.1]
        for _ in 0..<20_000 {
            let scale = Double(1 << rng.nextInt(in: 0...50))
            let x = Double(rng.next() >> 11) / 0x1p53 * scale
            let whole = Double(rng.nextInt(in: 0...100_000))
            samples += [x, whole, whole + 0.5, whole.nextUp, whole.nextDown, (whole + 0.5).nextUp, (whole + 0.5).nextDown]
        }
        for x in samples where x >= 0 && x < 0x1p51 {
            let (index, value) = x.uncheckedTruncation()
            XCTAssertEqual(index, Int(x), "x = \(x)")
            XCTAssertEqual(value.bitPattern, Double(Int(x)).bitPattern, "x = \(x)")
        }
        XCTAssertEqual(4095.999.uncheckedTruncation().index, 4095)
        XCTAssertEqual(2.5.uncheckedTruncation().index, 2)
        XCTAssertEqual(1.5.uncheckedTruncation().index, 1)
    }
}
