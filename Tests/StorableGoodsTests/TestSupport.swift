import XCTest
import Numerics
@testable import StorableGoods

/// r(text) parses an exact rational ("0.8", "3/4").
func r(_ text: String) -> Rational { try! Rational(parsing: text) }

/// The paper's introductory market (Section 1): consumer I values 1 at t = 1,
/// consumer II values 2 at t = 2.
func introMarket(_ epsilon: Rational) throws -> StorableGoodsMarket {
    try StorableGoodsMarket(values: [[1, 0], [0, 2]], storageCost: epsilon)
}

/// A seeded random tiny market: N ∈ 1...maxN, T ∈ 1...maxT, values 0 with
/// probability zeroOdds/(zeroOdds+1) else k/2 (k ∈ 1...6), ε = k/4 (k ∈ 0...6).
func randomMarket(_ rng: inout SplitMix64, maxN: Int = 3, maxT: Int = 4, zeroOdds: Int = 1) throws -> StorableGoodsMarket {
    let n = rng.nextInt(in: 1...maxN), t = rng.nextInt(in: 1...maxT)
    let values = (0..<n).map { _ in
        (0..<t).map { _ in rng.nextInt(in: 0...zeroOdds) > 0 ? Rational.zero : Rational(rng.nextInt(in: 1...6), 2) }
    }
    return try StorableGoodsMarket(values: values, storageCost: Rational(rng.nextInt(in: 0...6), 4))
}

/// Asserts that `body` throws exactly `expected`, whose message says what was expected.
func assertInvalid(_ expected: StorableGoodsError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        XCTAssertEqual(error as? StorableGoodsError, expected, file: file, line: line)
        XCTAssertTrue("\(error)".contains("expected"), "\(error)", file: file, line: line)
    }
}
