import XCTest
@testable import Numerics

/// The exact solve's certified path reads the slacks off the slack and
/// surplus columns instead of computing b − a·x; on seeded random programs
/// (all three relations, negative right-hand sides, free variables) they must
/// equal the slacks recomputed from x, and `binding` must match them.
final class CertifiedSlackTests: XCTestCase {
    func testSlacksEqualRecomputedSlacks() throws {
        var rng = SplitMix64(seed: 2_026)
        var optimal = 0
        for _ in 0..<300 {
            let n = rng.nextInt(in: 1...6), m = rng.nextInt(in: 1...7)
            var lp = LinearProgram<Rational>(maximize: (0..<n).map { _ in Rational(rng.nextInt(in: -5...5), rng.nextInt(in: 1...3)) })
            for _ in 0..<m {
                let row = (0..<n).map { _ in rng.nextInt(in: 0...2) == 0 ? Rational.zero : Rational(rng.nextInt(in: -6...6), rng.nextInt(in: 1...2)) }
                let relation: ConstraintRelation = [.lessOrEqual, .lessOrEqual, .greaterOrEqual, .equal][rng.nextInt(in: 0...3)]
                lp.add(row, relation, Rational(rng.nextInt(in: -8...8), rng.nextInt(in: 1...2)))
            }
            // Keep the program bounded: 0 ≤ x_j ≤ 10 (or |x_j| ≤ 10 when free).
            if rng.nextInt(in: 0...2) == 0 { lp.freeVariables = [rng.nextInt(in: 0...(n - 1))] }
            for j in 0..<n {
                var e = [Rational](repeating: .zero, count: n)
                e[j] = 1
                lp.add(e, .lessOrEqual, 10)
                if lp.freeVariables.contains(j) { lp.add(e, .greaterOrEqual, -10) }
            }
            let s = try lp.solve()
            guard s.status == .optimal else { continue }
            optimal += 1
            for (i, c) in lp.constraints.enumerated() {
                let ax = (0..<n).reduce(Rational.zero) { $0 + c.coefficients[$1] * s.x[$1] }
                let expected = c.relation == .greaterOrEqual ? ax - c.rhs : c.rhs - ax
                XCTAssertEqual(s.slacks[i], expected, "row \(i) (\(c.relation.rawValue))")
                XCTAssertEqual(s.binding[i], c.relation == .equal || expected == .zero)
                XCTAssertGreaterThanOrEqual(c.relation == .equal ? .zero : expected, .zero)
            }
        }
        XCTAssertGreaterThan(optimal, 100)
    }
}
