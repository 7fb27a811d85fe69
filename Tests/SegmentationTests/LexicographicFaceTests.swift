import XCTest
import Numerics
@testable import Segmentation

/// `MechanismProgram.lexicographic` solves the stages after the first over
/// the optimal face written as a reduced program (zero variables dropped,
/// tight rows as equalities); `lexicographicPinned` is the former method
/// (full program, earlier optima pinned by equality rows). Both must return
/// the same first solution, the same first-stage value and the same
/// lexicographic optimum, on seeded random environments and markets.
final class LexicographicFaceTests: XCTestCase {
    func testReducedFaceStagesMatchPinnedStages() throws {
        var rng = SplitMix64(seed: 20261207)
        var compared = 0
        for _ in 0..<60 {
            let n = rng.nextInt(in: 2...4), k = rng.nextInt(in: 1...3)
            let env = PropertyCheck.randomEnvironment(types: n, alternatives: k, using: &rng)
            let weights = (0..<n).map { _ in rng.nextInt(in: 0...6) }
            guard weights.contains(where: { $0 > 0 }) else { continue }
            let market = try Market(weights)
            let types = market.support
            let program = MechanismProgram(environment: env, types: types)
            for rule in SelectionRule.allCases {
                let objectives = [program.paymentObjective(types.map { market[$0] })] + program.selectionObjectives(rule)
                let new = try program.lexicographic(objectives, context: "test")
                let old = try program.lexicographicPinned(objectives, context: "test")
                XCTAssertEqual(new.x, old.x, "market \(market), rule \(rule)")
                XCTAssertEqual(new.stageValues[0], old.stageValues[0])
                XCTAssertEqual(new.first.x, old.first.x)
                XCTAssertEqual(new.first.duals, old.first.duals)
                compared += 1
            }
            // The payment-vertex objectives (only the payments are unique).
            let g = types.map { _ in Rational(rng.nextInt(in: -5...5), rng.nextInt(in: 1...3)) }
            let objectives = [program.paymentObjective(g)] + types.indices.map { program.unit(program.pIndex($0)) }
            let new = try program.lexicographic(objectives, context: "test")
            let old = try program.lexicographicPinned(objectives, context: "test")
            XCTAssertEqual(types.indices.map { new.x[program.pIndex($0)] }, types.indices.map { old.x[program.pIndex($0)] }, "direction \(g)")
            XCTAssertEqual(new.stageValues[0], old.stageValues[0])
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// `selectionObjective(rule, s)` (built on demand by `optimalMechanism`)
    /// is entry s of `selectionObjectives(rule)`.
    func testSelectionObjectiveByIndexMatchesTheList() throws {
        var rng = SplitMix64(seed: 41)
        for _ in 0..<10 {
            let n = rng.nextInt(in: 2...4), k = rng.nextInt(in: 1...3)
            let env = PropertyCheck.randomEnvironment(types: n, alternatives: k, using: &rng)
            let program = MechanismProgram(environment: env, types: Array(0..<n).filter { _ in rng.nextInt(in: 0...3) != 0 }.ifEmpty([0]))
            for rule in SelectionRule.allCases {
                // The list as the rule states it: two surplus/welfare stages, every p(i), every x(i, a).
                var expected: [[Rational]]
                switch rule {
                case .welfareFirst: expected = [program.welfareObjective(sign: 1), program.surplusObjective(sign: 1)]
                case .consumerFirst: expected = [program.surplusObjective(sign: 1), program.welfareObjective(sign: 1)]
                case .buyerWorst: expected = [program.surplusObjective(sign: -1), program.welfareObjective(sign: -1)]
                }
                for i in 0..<program.m { expected.append(program.unit(program.pIndex(i))) }
                for i in 0..<program.m { for a in 1...program.k { expected.append(program.unit(program.xIndex(i, a))) } }
                XCTAssertEqual(program.selectionObjectiveCount, expected.count)
                XCTAssertEqual(program.selectionObjectives(rule), expected, "rule \(rule)")
            }
        }
    }

    /// The first stage's equality span returned by `lexicographic` gives
    /// the same determined variables as the span `determinedVariables`
    /// builds itself, and the ranges that use it agree with fresh ones.
    func testFirstFaceSpanGivesTheSameDeterminedVariables() throws {
        var rng = SplitMix64(seed: 1_234)
        var checked = 0
        for _ in 0..<40 {
            let n = rng.nextInt(in: 2...4), k = rng.nextInt(in: 1...3)
            let env = PropertyCheck.randomEnvironment(types: n, alternatives: k, using: &rng)
            let weights = (0..<n).map { _ in rng.nextInt(in: 0...6) }
            guard weights.contains(where: { $0 > 0 }) else { continue }
            let market = try Market(weights)
            let optimum = try env.optimalMechanism(for: market)
            var program = MechanismProgram(environment: env, types: market.support)
            program.lp.objective = program.paymentObjective(market.support.map { market[$0] })
            let all = Array(0..<program.variableCount)
            let fresh = try MechanismProgram.determinedVariables(program.lp, optimum.revenueSolution, among: all)
            let known = try MechanismProgram.determinedVariables(program.lp, optimum.revenueSolution, among: all, knownSpan: optimum.revenueFaceSpan)
            XCTAssertNotNil(optimum.revenueFaceSpan)
            XCTAssertEqual(known, fresh, "market \(market)")
            XCTAssertEqual(try env.optimalPaymentRanges(for: market, revenueSolution: optimum.revenueSolution, revenueFaceSpan: optimum.revenueFaceSpan),
                           try env.optimalPaymentRanges(for: market))
            XCTAssertEqual(try env.hasUniqueOptimalMechanism(for: market, revenueSolution: optimum.revenueSolution, revenueFaceSpan: optimum.revenueFaceSpan),
                           try env.hasUniqueOptimalMechanism(for: market))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 30)
    }
}

private extension Array {
    func ifEmpty(_ replacement: [Element]) -> [Element] { isEmpty ? replacement : self }
}

extension MechanismProgram {
    /// The former `lexicographic`: every stage on the full program with the
    /// earlier optima pinned by equality rows. Kept as the reference of the
    /// equivalence tests (the lexicographic optimum is unique in the
    /// coordinates the callers read, so both return the same x).
    func lexicographicPinned(_ objectives: [[Rational]], context: String) throws -> (x: [Rational], stageValues: [Rational], first: LPSolution<Rational>) {
        var program = lp
        var values: [Rational] = []
        var last: LPSolution<Rational>? = nil
        var first: LPSolution<Rational>? = nil
        // The span of the equalities so far: an objective in it is constant
        // on the face (orthogonal to the equalities' null space); full rank
        // means the face is a point.
        var equalities = RowSpaceBasis<Rational>(columns: variableCount)
        // Constraint rows and unit rows e_j already in the span (the program
        // only grows by appended rows, so an index names the same row in
        // every stage).
        var insertedRows = Set<Int>(), insertedUnits = Set<Int>()
        var solved = false
        for (s, c) in objectives.enumerated() {
            if solved {
                if equalities.rank == variableCount { break }
                if equalities.contains(c) { continue }
            }
            program.objective = c
            let current = program
            let solution = try SegmentationError.solving(context) { try current.solve() }
            values.append(solution.objectiveValue)
            last = solution
            if first == nil { first = solution }
            solved = true
            if s + 1 == objectives.count { break }
            if let tight = MechanismProgram.optimalFaceEqualityIndices(current, solution) {
                for i in tight.rows where insertedRows.insert(i).inserted { equalities.insert(current.constraints[i].coefficients) }
                for j in tight.zeroVariables where insertedUnits.insert(j).inserted { equalities.insert(unit(j)) }
            }
            program.add(c, .equal, solution.objectiveValue, label: "lexicographic stage \(s)")
        }
        return (last!.x, values, first!)
    }
}
