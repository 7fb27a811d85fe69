import XCTest
import Numerics
@testable import Segmentation

func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

/// Requires `body` to throw exactly the `SegmentationError` `expected`.
func assertSegmentationError<T>(_ body: @autoclosure () throws -> T, _ expected: SegmentationError,
                                file: StaticString = #filePath, line: UInt = #line) {
    do {
        let value = try body()
        XCTFail("expected \(expected), got \(value)", file: file, line: line)
    } catch let error as SegmentationError {
        XCTAssertEqual(error, expected, "message: \(error)", file: file, line: line)
        XCTAssertFalse(error.description.isEmpty, file: file, line: line)
    } catch {
        XCTFail("expected a SegmentationError, got \(error)", file: file, line: line)
    }
}

/// The environment of Section 3.1.1 as the paper states it: v(t_L, a_L) = 0.75,
/// v(t_L, a_H) = 1, v(t_H, a_L) = 1, v(t_H, a_H) = 2 (α = v(t_L, a_L) may be varied).
func section311(alpha: Rational = r(3, 4)) throws -> Environment {
    try Environment(valuations: [[alpha, 1], [1, 2]], typeNames: ["tL", "tH"], alternativeNames: ["aL", "aH"])
}

/// Our instance for Section 4.1.1 (the paper gives only a picture): values
/// (v(t, a_1), v(t, a_2)) = t1 (2, 1), t2 (4, 5), t3 (3, 6), market (1/2, 1/4, 1/4).
func section411() throws -> (Environment, Market) {
    (try Environment(valuations: [[2, 1], [4, 5], [3, 6]]), try Market([2, 1, 1]))
}

/// A random environment for brute-force comparisons (unique efficient alternatives).
func randomEnvironment(types n: Int, alternatives k: Int, rng: inout SplitMix64) -> Environment {
    PropertyCheck.randomEnvironment(types: n, alternatives: k, using: &rng)
}

func randomMarket(types n: Int, rng: inout SplitMix64) -> Market {
    try! Market((0..<n).map { _ in rng.nextInt(in: 1...12) })
}
