import XCTest
@testable import Numerics

/// The Double LP on badly scaled data (issue 18): every status and optimum
/// it returns is certified, or recomputed exactly.
final class LinearProgramCertificateTests: XCTestCase {
    private let options = SimplexOptions<Double>(tolerance: 1e-9, pivotTolerance: 1e-11)

    func testReportedInfeasibleReproducer() throws {
        // max 2e6·x0 s.t. −60x0 ≤ −57, −50x0 + 1e5·x1 = 299900, 8e6·x0 − 9e6·x1 ≤ −10999999, x ≥ 0.
        var lp = LinearProgram<Double>(maximize: [2e6, 0])
        lp.add([-60, 0], .lessOrEqual, -57)
        lp.add([-50, 1e5], .equal, 299900)
        lp.add([8e6, -9e6], .lessOrEqual, -10999999)
        let s = try lp.solve(options: options)
        let exact = try lp.exactCopy.solve()
        XCTAssertEqual(exact.status, .optimal)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(s.objectiveValue, exact.objectiveValue.doubleValue, accuracy: 1e-9 * exact.objectiveValue.doubleValue.magnitude)
        XCTAssertEqual(s.objectiveValue, 4000000.25, accuracy: 0.01)
        XCTAssertEqual(s.x[0], 2.000000125, accuracy: 1e-8)
    }

    func testReportedUnboundedReproducer() throws {
        // max 4e6·x0 − 4x1 s.t. 6e5·x0 − 5000x1 ≥ 1095647, 8x0 − 7e6·x1 ≤ −20999976, −7x1 ≥ −409685.
        for tolerance in [1e-9, 1e-8, 1e-7, 1e-6] {
            var lp = LinearProgram<Double>(maximize: [4e6, -4])
            lp.add([6e5, -5000], .greaterOrEqual, 1095647)
            lp.add([8, -7e6], .lessOrEqual, -20999976)
            lp.add([0, -7], .greaterOrEqual, -409685)
            let s = try lp.solve(options: SimplexOptions(tolerance: tolerance, pivotTolerance: 1e-11))
            XCTAssertEqual(s.status, .optimal, "tolerance \(tolerance)")
            XCTAssertEqual(s.objectiveValue, 2.04832e17, accuracy: 1e-5 * 2.04832e17, "tolerance \(tolerance)")
            let exact = try lp.exactCopy.solve().objectiveValue.doubleValue
            XCTAssertTrue(lp.certifies(s) || s.objectiveValue == exact)
        }
    }

    func testTheCertificateRejectsWrongAnswers() throws {
        var lp = LinearProgram<Double>(maximize: [3, 2])
        lp.add([1, 1], .lessOrEqual, 4)
        lp.add([1, 3], .lessOrEqual, 6)
        let s = try lp.solve(options: options)
        XCTAssertTrue(lp.certifies(s))
        XCTAssertEqual(s.objectiveValue, 12, accuracy: 1e-12)
        // Perturbed optimum, perturbed duals, or a wrong status are not certified.
        let wrongX = LPSolution(status: .optimal, x: [3.9, 0], objectiveValue: 11.7, slacks: s.slacks, duals: s.duals, binding: s.binding, iterations: 0)
        XCTAssertFalse(lp.certifies(wrongX))
        let wrongY = LPSolution(status: .optimal, x: s.x, objectiveValue: s.objectiveValue, slacks: s.slacks, duals: [2, 1], binding: s.binding, iterations: 0)
        XCTAssertFalse(lp.certifies(wrongY))
        let wrongStatus = LPSolution(status: .infeasible, x: [], objectiveValue: 0, slacks: [], duals: [], binding: [], iterations: 0)
        XCTAssertFalse(lp.certifies(wrongStatus))
    }

    /// Seeded differential test: random programs with integer data over a
    /// wide range (1 to 10⁷), Double against exact. Status must agree, and
    /// the optimum to a relative 1e-7.
    func testRandomWideRangeProgramsAgreeWithTheExactSolver() throws {
        var g = SplitMix64(seed: 18)
        func entry(_ wide: Bool) -> Double {
            let magnitude = wide ? [1.0, 10, 1e3, 1e5, 1e6, 9e6][Int(g.next() % 6)] : 10
            let v = Double(Int(g.next() % UInt64(2 * magnitude + 1)) - Int(magnitude))
            return g.next() % 3 == 0 ? 0 : v
        }
        var statuses: [LPStatus: Int] = [:]
        for trial in 0..<300 {
            let n = 2 + Int(g.next() % 3), m = 2 + Int(g.next() % 3)
            let wide = trial % 2 == 0
            var lp = LinearProgram<Double>(maximize: (0..<n).map { _ in entry(wide) })
            for _ in 0..<m {
                let relation: ConstraintRelation = [.lessOrEqual, .greaterOrEqual, .equal][Int(g.next() % 3)]
                lp.add((0..<n).map { _ in entry(wide) }, relation, entry(wide))
            }
            if g.next() % 4 == 0 { lp.freeVariables = [0] }
            let s = try lp.solve(options: options)
            let e = try lp.exactCopy.solve()
            XCTAssertEqual(s.status, e.status, "trial \(trial)")
            statuses[e.status, default: 0] += 1
            if e.status == .optimal {
                let v = e.objectiveValue.doubleValue
                XCTAssertEqual(s.objectiveValue, v, accuracy: 1e-7 * max(1, v.magnitude), "trial \(trial)")
            }
        }
        // The sample exercises every status.
        XCTAssertGreaterThan(statuses[.optimal] ?? 0, 30)
        XCTAssertGreaterThan(statuses[.infeasible] ?? 0, 30)
        XCTAssertGreaterThan(statuses[.unbounded] ?? 0, 10)
    }
}
