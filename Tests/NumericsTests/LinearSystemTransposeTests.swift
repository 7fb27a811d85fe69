import XCTest
@testable import Numerics

/// `LinearSystem.solveWithTranspose` (one elimination for M·x = b and
/// Mᵀ·y = c, used by the exact LP certificate) against two `solve` calls,
/// on seeded random sparse rational matrices (unit columns, as in a basis
/// with slacks, and singular ones).
final class LinearSystemTransposeTests: XCTestCase {
    func testMatchesTwoSeparateSolves() throws {
        var rng = SplitMix64(seed: 7_700)
        var nonsingular = 0, singular = 0
        for _ in 0..<400 {
            let m = rng.nextInt(in: 1...9)
            var matrix = [[Rational]](repeating: [Rational](repeating: .zero, count: m), count: m)
            for i in 0..<m {
                for j in 0..<m where rng.nextInt(in: 0...2) != 0 {
                    matrix[i][j] = Rational(rng.nextInt(in: -9...9), rng.nextInt(in: 1...4))
                }
            }
            // Some unit columns (a slack's ±1 in a single row).
            for j in 0..<m where rng.nextInt(in: 0...3) == 0 {
                let r = rng.nextInt(in: 0...(m - 1))
                for i in 0..<m { matrix[i][j] = i == r ? (rng.nextInt(in: 0...1) == 0 ? 1 : -1) : .zero }
            }
            let b = (0..<m).map { _ in Rational(rng.nextInt(in: -20...20), rng.nextInt(in: 1...6)) }
            let c = (0..<m).map { _ in Rational(rng.nextInt(in: -20...20), rng.nextInt(in: 1...6)) }
            let transposed = (0..<m).map { j in (0..<m).map { i in matrix[i][j] } }
            let x = try LinearSystem.solve(matrix, b)
            let y = try LinearSystem.solve(transposed, c)
            let pair = try LinearSystem.solveWithTranspose(matrix, b, transposedRhs: c)
            XCTAssertEqual(pair?.x, x)
            XCTAssertEqual(pair?.y, y)
            XCTAssertEqual(x == nil, y == nil)
            if let pair {
                nonsingular += 1
                for i in 0..<m {
                    XCTAssertEqual((0..<m).reduce(Rational.zero) { $0 + matrix[i][$1] * pair.x[$1] }, b[i])
                    XCTAssertEqual((0..<m).reduce(Rational.zero) { $0 + matrix[$1][i] * pair.y[$1] }, c[i])
                }
            } else {
                singular += 1
            }
        }
        XCTAssertGreaterThan(nonsingular, 100)
        XCTAssertGreaterThan(singular, 10)
        XCTAssertThrowsError(try LinearSystem.solveWithTranspose([[1, 2]] as [[Rational]], [1], transposedRhs: [1]))
    }
}
