import XCTest
@testable import Plot

/// Tick positions of linear and log axes, and the tick-label format.
final class TicksTests: XCTestCase {
    func testLinearTicksOfTheUnitInterval() {
        XCTAssertEqual(Ticks.linear(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1])
        // Target 4: 0.5 steps give 3 ticks (off by 1), 0.2 steps give 6 (off by 2).
        XCTAssertEqual(Ticks.linear(0, 1, target: 4), [0, 0.5, 1])
        // Target 11: 0.1 steps give exactly 11.
        XCTAssertEqual(Ticks.linear(0, 1, target: 11), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    }

    func testLinearTicksOfAMixedSignRange() {
        // Steps of 2 give 8 ticks, steps of 5 give 3 (0, 5, 10): 8 is nearer to 6.
        XCTAssertEqual(Ticks.linear(-3.7, 12.2), [-2, 0, 2, 4, 6, 8, 10, 12])
        XCTAssertEqual(Ticks.linear(-12.2, 3.7), [-12, -10, -8, -6, -4, -2, 0, 2])
    }

    func testLinearTicksOfTinyAndHugeRanges() {
        XCTAssertEqual(Ticks.linear(1e-9, 5e-9), [1e-9, 2e-9, 3e-9, 4e-9, 5e-9])
        XCTAssertEqual(Ticks.linear(1, 1.000001), [1, 1.0000002, 1.0000004, 1.0000006, 1.0000008, 1.000001])
        XCTAssertEqual(Ticks.linear(0, 3e12), [0, 5e11, 1e12, 1.5e12, 2e12, 2.5e12, 3e12])
        XCTAssertEqual(Ticks.linear(-2e20, 0), [-2e20, -1.5e20, -1e20, -5e19, 0])
    }

    func testLinearTicksOfDegenerateAndInvalidRanges() {
        XCTAssertEqual(Ticks.linear(2, 2), [2])
        XCTAssertEqual(Ticks.linear(1, 0), [])
        XCTAssertEqual(Ticks.linear(.nan, 1), [])
        XCTAssertEqual(Ticks.linear(0, .infinity), [])
    }

    func testLogTicksFromFiveToAMillion() {
        let ticks = Ticks.log(5, 1e6)
        XCTAssertEqual(ticks, [10, 100, 1000, 1e4, 1e5, 1e6])
        XCTAssertEqual(ticks.map(Ticks.label), ["10", "100", "1000", "10⁴", "10⁵", "10⁶"])
        // Minor ticks: 5…9, then 2…9 × 10^k for k = 1…5.
        let minor = Ticks.logMinor(5, 1e6)
        XCTAssertEqual(minor.count, 5 + 5 * 8)
        XCTAssertEqual(Array(minor.prefix(7)), [5, 6, 7, 8, 9, 20, 30])
        XCTAssertEqual(minor.last, 9e5)
        XCTAssertTrue(Set(minor).isDisjoint(with: ticks))
    }

    func testLogTicksUnderTwoDecadesAddTwoAndFive() {
        XCTAssertEqual(Ticks.log(1, 50), [1, 2, 5, 10, 20, 50])
        XCTAssertEqual(Ticks.logMinor(1, 50), [3, 4, 6, 7, 8, 9, 30, 40])
        XCTAssertEqual(Ticks.log(0.003, 0.09), [0.005, 0.01, 0.02, 0.05])
        // No power of ten, 2 or 5 inside: the linear ticks of the range.
        XCTAssertEqual(Ticks.log(1.1, 1.9), [1.2, 1.4, 1.6, 1.8])
    }

    func testLogTicksOverManyDecadesAreThinned() {
        XCTAssertEqual(Ticks.log(1e-20, 1e20), [1e-20, 1e-15, 1e-10, 1e-5, 1, 1e5, 1e10, 1e15, 1e20])
        XCTAssertEqual(Ticks.logMinor(1e-20, 1e20), [])
        // 11 powers: every second exponent.
        XCTAssertEqual(Ticks.log(1, 1e10), [1, 100, 1e4, 1e6, 1e8, 1e10])
        XCTAssertEqual(Ticks.log(0, 10), [])
    }

    func testTickLabelsUseOneShortestFormat() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (0.25, "0.25"), (-3, "-3"), (1000, "1000"), (9999.5, "9999.5"), (0.001, "0.001"),
            (0.1 + 0.2, "0.3"), (1e-6, "10⁻⁶"), (2.5e-6, "2.5×10⁻⁶"), (12000, "1.2×10⁴"), (-5e11, "-5×10¹¹"),
            (1e300, "10³⁰⁰"), (1.0000002, "1.0000002"), (0.0005, "5×10⁻⁴"),
        ]
        for (value, label) in cases {
            XCTAssertEqual(Ticks.label(value), label, "\(value)")
        }
    }

    func testExtremeRangesNeverTrap() {
        XCTAssertEqual(Ticks.linear(-1.7e308, 1.7e308), [-1.7e308, 1.7e308])
        XCTAssertEqual(Ticks.linear(0, 5e-324), [0, 5e-324])
        XCTAssertEqual(Ticks.linear(-.greatestFiniteMagnitude, .greatestFiniteMagnitude), [-.greatestFiniteMagnitude, .greatestFiniteMagnitude])
        XCTAssertFalse(Ticks.log(5e-324, 1e308).isEmpty)
    }
}
