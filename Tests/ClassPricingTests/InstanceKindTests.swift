import XCTest
import Harness
import Numerics
@testable import ClassPricing
import ClassPricingSolvers

/// The (MSC+LR) checker, the min-SSD comparison, Remark 1B's closed forms, the
/// seeded instance generators and the instance solver kinds' glue.
final class InstanceKindTests: XCTestCase {
    func problem(_ costs: [Double], _ exponents: [Double]) throws -> SellerProblem {
        try SellerProblem(versions: zip(costs, exponents).map { try Version(cost: $0, distribution: $1 == 1 ? .uniform : .power($1)) }, r: 0, B: 1)
    }

    // MARK: (MSC+LR)

    /// Identical uniform F: G_{n+1} − G_n = (c_{n+1} − c_n)(P − p)/(p(1 − P)), so the scaled
    /// margin is min Δc / max p(1 − P) over the grid, attained next to the diagonal at p ≈ 1/2.
    func testMSCLRClosedFormIdenticalUniform() throws {
        let prob = try problem([0.1, 0.13, 0.5], [1, 1, 1])
        let check = try prob.checkMSCLR(gridSize: 100)
        var best = 0.0
        for i in 1..<99 { for j in (i + 1)..<100 { best = max(best, Double(i) / 100 * (1 - Double(j) / 100)) } }
        XCTAssertEqual(check.margin, 0.03 / best, accuracy: 1e-9)
        XCTAssertEqual(check.n, 0)
        XCTAssertTrue(check.holds)
        XCTAssertEqual(check.skipped, 0)
        // Decreasing costs violate it.
        XCTAssertFalse(try problem([0.5, 0.1], [1, 1]).checkMSCLR().holds)
        XCTAssertEqual(try problem([0.2], [1]).checkMSCLR().margin, .infinity)
    }

    /// (MSC+LR) is the single-crossing condition of the proof of Proposition 3:
    /// on an accepted instance, (20) and (21) never hold together at a grid point.
    func testMSCLRImpliesSingleCrossingOnGrid() throws {
        let prob = try problem([0.16, 0.48, 0.63, 0.72], [1.04, 1.11, 1.19, 1.16])
        let M = 60
        let check = try prob.checkMSCLR(gridSize: M)
        XCTAssertTrue(check.holds, "\(check)")
        func pi(_ n: Int, _ x: Double) -> Double {
            let v = prob.versions[n]; return (x - v.cost) * (1 - v.distribution.cdf(x))
        }
        for n in 0..<3 {
            for i in 1..<(M - 1) {
                for j in (i + 1)..<M {
                    let p = Double(i) / Double(M), P = Double(j) / Double(M)
                    XCTAssertFalse(pi(n, P) > pi(n, p) && pi(n + 1, p) > pi(n + 1, P), "n = \(n), p = \(p), P = \(P)")
                }
            }
        }
        // A violating instance does have such a point.
        let bad = try problem([0.5, 0.1], [1, 1])
        XCTAssertFalse(try bad.checkMSCLR(gridSize: M).holds)
    }

    /// The grid check tabulates each F_n once; it must return exactly what a
    /// direct loop over `mscLRTerm` returns (margin, argmin, skipped), with and
    /// without the early exit, on seeded random power instances.
    func testMSCLRTabulatedCheckEqualsDirectLoop() throws {
        var rng = SplitMix64(seed: 20)
        for trial in 0..<40 {
            let n = 2 + trial % 3, M = 5 + trial % 17
            let costs = (0..<n).map { _ in Double(Int.random(in: 0...60, using: &rng)) / 100 }.sorted()
            let exps = (0..<n).map { _ in Double(Int.random(in: 50...300, using: &rng)) / 100 }
            let prob = try problem(costs, exps)
            for stop in [false, true] {
                var best = (margin: Double.infinity, n: -1, p: Double.nan, P: Double.nan)
                var skipped = 0, early: (Double, Int, Double, Double)?
                search: for k in 0..<(n - 1) {
                    for i in 1..<(M - 1) {
                        for j in (i + 1)..<M {
                            let p = Double(i) / Double(M), P = Double(j) / Double(M)
                            let a = prob.mscLRTerm(k, p: p, P: P), b = prob.mscLRTerm(k + 1, p: p, P: P)
                            if a.isNaN || b.isNaN { skipped += 1; continue }
                            let gap = (b - a) / (P - p)
                            if gap < best.margin { best = (gap, k, p, P) }
                            if stop && gap <= 0 { early = (gap, k, p, P); break search }
                        }
                    }
                }
                let check = try prob.checkMSCLR(gridSize: M, stopAtViolation: stop)
                let expected = early ?? (best.margin, best.n, best.p, best.P)
                XCTAssertEqual(check.margin, expected.0, "trial \(trial)")
                XCTAssertEqual(check.n, expected.1)
                XCTAssertEqual(check.p, expected.2)
                XCTAssertEqual(check.P, expected.3)
                XCTAssertEqual(check.skipped, skipped)
            }
        }
    }

    /// With a common cost c > 0 an MLR family violates (MSC+LR) as stated (p ≪ c), with c = 0 it holds.
    func testMSCLRIdenticalCostsMLR() throws {
        XCTAssertTrue(try problem([0, 0, 0], [1, 1.5, 2]).checkMSCLR().holds)
        let c = try problem([0.1, 0.1, 0.1], [1, 1.5, 2]).checkMSCLR()
        XCTAssertFalse(c.holds)
        XCTAssertLessThan(c.p, 0.1)
        // Early exit agrees on the verdict.
        XCTAssertFalse(try problem([0.1, 0.1, 0.1], [1, 1.5, 2]).checkMSCLR(stopAtViolation: true).holds)
        XCTAssertEqual(try problem([0.1, 0.2], [1, 1]).checkMSCLR(stopAtViolation: true).margin,
                       try problem([0.1, 0.2], [1, 1]).checkMSCLR().margin)
    }

    // MARK: Min-SSD heuristic

    func testMinimumSSDExactForUniformAndBoundedOtherwise() throws {
        let costs = [Rational(5, 100), Rational(20, 100), Rational(22, 100), Rational(60, 100), Rational(90, 100)]
        let uni = try SellerProblem(versions: costs.map { try Version(cost: $0) }, r: 0, B: 1)
        for c in try MinimumSSDHeuristic.compare(uni, costs: costs) {
            XCTAssertTrue(c.minimumSSDIsOptimal, "K = \(c.K)")
            XCTAssertEqual(c.relativeLoss, 0, accuracy: 1e-12)
        }
        let pow = try SellerProblem(versions: zip(costs, [2.9, 1.3, 2.7, 0.6, 2.0]).map { try Version(cost: $0, distribution: .power($1)) }, r: 0, B: 1)
        let cmp = try MinimumSSDHeuristic.compare(pow, costs: costs)
        XCTAssertEqual(cmp.count, 5)
        for c in cmp {
            XCTAssertGreaterThanOrEqual(c.optimalProfit, c.minimumSSDProfit - 1e-12)
            XCTAssertGreaterThanOrEqual(c.relativeLoss, 0)
            // The min-SSD partition's profit is its objective (19) value.
            XCTAssertEqual(c.minimumSSDProfit, try pow.objective(c.minimumSSDPartition), accuracy: 1e-12)
        }
        XCTAssertTrue(cmp[0].minimumSSDIsOptimal && cmp[4].minimumSSDIsOptimal)   // K = 1, K = N: one partition
        XCTAssertThrowsError(try MinimumSSDHeuristic.compare(pow, costs: Array(costs.dropLast()))) {
            XCTAssertEqual($0 as? ClassPricingError, .costsDoNotMatchProblem(costs: Array(costs.dropLast())))
        }
    }

    /// Where the min-SSD partition is flagged suboptimal for power-family F_n, the gap survives
    /// re-evaluating both partitions with class prices by direct maximisation (second method).
    func testMinimumSSDSuboptimalityConfirmedByMaximization() throws {
        var rng = SplitMix64(seed: 2008)
        var flagged = 0
        for n in [5, 6, 6] {
            let costs = try RandomInstances.costs(&rng, n: n, low: 0, high: Rational(4, 5), denominator: 100, distinct: false, sorted: true)
            let a = try RandomInstances.exponents(&rng, n: n, low: Rational(1, 2), high: 3, distinct: false, sorted: false)
            let prob = try SellerProblem(versions: zip(costs, a).map { try Version(cost: $0, distribution: .power($1.doubleValue)) }, r: 0, B: 1)
            for c in try MinimumSSDHeuristic.compare(prob, costs: costs) where !c.minimumSSDIsOptimal {
                flagged += 1
                let opt = try c.optimalPartition.classes.reduce(0.0) { $0 + (try prob.classPriceByMaximization($1).profit) }
                let ssd = try c.minimumSSDPartition.classes.reduce(0.0) { $0 + (try prob.classPriceByMaximization($1).profit) }
                XCTAssertEqual(opt, c.optimalProfit, accuracy: 1e-10)
                XCTAssertEqual(ssd, c.minimumSSDProfit, accuracy: 1e-10)
                XCTAssertGreaterThan(opt - ssd, 1e-8)
            }
        }
        XCTAssertGreaterThan(flagged, 0)
    }

    func testOptimalClassCount() throws {
        // gross 0.10, 0.13, 0.14: increments 0.03, 0.01.
        let g = [0.10, 0.13, 0.14]
        XCTAssertEqual(try optimalClassCount(grossByK: g, rOverB: 0), 3)
        XCTAssertEqual(try optimalClassCount(grossByK: g, rOverB: 0.02), 2)
        XCTAssertEqual(try optimalClassCount(grossByK: g, rOverB: 0.01), 2)   // tie between 2 and 3 → smaller
        XCTAssertEqual(try optimalClassCount(grossByK: g, rOverB: 0.05), 1)
        XCTAssertThrowsError(try optimalClassCount(grossByK: [], rOverB: 0))
        XCTAssertThrowsError(try optimalClassCount(grossByK: g, rOverB: -1)) { XCTAssertEqual($0 as? ClassPricingError, .invalidPricingCost(-1)) }
    }

    // MARK: Remark 1B

    func testTwoTypeValuesClosedForms() throws {
        // ρ = 0: both types identical, no gain.
        let t0 = try TwoTypeValues(rho: .zero, cost: Rational(1, 5))
        XCTAssertEqual(try t0.problem.classPrice([0, 1]).profit, t0.splitProfitClosedForm.doubleValue, accuracy: 1e-12)
        // c = 0, ρ ≥ 1/2: one class at price ρ sells only to the high type, so the gain is (1 − ρ)/8 (N = 2).
        for rho in [Rational(1, 2), Rational(3, 5), Rational(9, 10), Rational(99, 100)] {
            let t = try TwoTypeValues(rho: rho, cost: .zero)
            let one = try t.problem.classPrice([0, 1])
            XCTAssertEqual(one.price, rho.doubleValue, accuracy: 1e-9)
            XCTAssertEqual(one.profit, rho.doubleValue / 2, accuracy: 1e-12)
            XCTAssertEqual(t.splitProfitClosedForm.doubleValue - one.profit, (1 - rho.doubleValue) / 8, accuracy: 1e-12)
        }
        // Closed form of a single-type class against root finding and maximisation, several costs.
        for (rho, c) in [(Rational(3, 10), Rational(0)), (Rational(7, 10), Rational(1, 5)), (Rational(1, 4), Rational(1, 2)), (Rational(3, 5), Rational(1, 2))] {
            let t = try TwoTypeValues(rho: rho, cost: c, high: 2, low: 1)
            let split = try t.problem.classPrice(t.highClass).profit + t.problem.classPrice(t.lowClass).profit
            let splitM = try t.problem.classPriceByMaximization(t.highClass).profit + t.problem.classPriceByMaximization(t.lowClass).profit
            XCTAssertEqual(split, t.splitProfitClosedForm.doubleValue, accuracy: 1e-12)
            XCTAssertEqual(splitM, t.splitProfitClosedForm.doubleValue, accuracy: 1e-10)
        }
        let cls = TwoTypeValues.uniformClass(lo: Rational(1, 2), hi: .one, cost: .zero, members: 1, N: 1)
        XCTAssertEqual(cls.price, Rational(1, 2)); XCTAssertEqual(cls.profit, Rational(1, 2))
        XCTAssertEqual(TwoTypeValues.uniformClass(lo: .zero, hi: Rational(1, 2), cost: Rational(1, 2), members: 1, N: 1).profit, .zero)
        func failure(_ f: () throws -> Void) -> ClassPricingError? {
            do { try f(); return nil } catch let e as ClassPricingError { return e } catch { XCTFail("\(error)"); return nil }
        }
        XCTAssertEqual(failure { _ = try TwoTypeValues(rho: .one, cost: .zero) }, .rhoOutOfRange(.one))
        XCTAssertEqual(failure { _ = try TwoTypeValues(rho: .zero, cost: Rational(3, 2)) }, .costOutOfRange(version: nil, cost: Rational(3, 2)))
        XCTAssertEqual(failure { _ = try TwoTypeValues(rho: .zero, cost: .zero, high: 0) }, .noHighTypeVersions(count: 0))
        XCTAssertEqual(failure { _ = try TwoTypeValues(rho: .zero, cost: .zero, low: 0) }, .noLowTypeVersions(count: 0))
    }

    // MARK: Random instances

    func testRandomInstancesSeededAndValid() throws {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
        let x = try RandomInstances.costs(&a, n: 8, low: 0, high: 1, denominator: 10, distinct: true, sorted: true)
        let y = try RandomInstances.costs(&b, n: 8, low: 0, high: 1, denominator: 10, distinct: true, sorted: true)
        XCTAssertEqual(x, y)
        XCTAssertEqual(Set(x).count, 8)
        XCTAssertEqual(x, x.sorted())
        XCTAssertTrue(x.allSatisfy { $0 >= .zero && $0 <= .one && ($0 * 10).isInteger })
        let e = try RandomInstances.exponents(&a, n: 5, low: Rational(1, 2), high: 3, distinct: true, sorted: true)
        XCTAssertEqual(e, e.sorted()); XCTAssertEqual(Set(e).count, 5)
        XCTAssertTrue(e.allSatisfy { $0 >= Rational(1, 2) && $0 <= 3 })
        XCTAssertThrowsError(try RandomInstances.costs(&a, n: 12, low: 0, high: 1, denominator: 10, distinct: true, sorted: true)) {
            XCTAssertEqual($0 as? ClassPricingError, .tooFewGridCosts(needed: 12, available: 11, low: 0, high: 1, denominator: 10))
        }
        XCTAssertThrowsError(try RandomInstances.costs(&a, n: 1, low: 0, high: 1, denominator: 0, distinct: false, sorted: false)) {
            XCTAssertEqual($0 as? ClassPricingError, .invalidCostDenominator(0))
        }
        XCTAssertThrowsError(try RandomInstances.costs(&a, n: 1, low: Rational(1, 2), high: Rational(1, 4), denominator: 10, distinct: false, sorted: false)) {
            XCTAssertEqual($0 as? ClassPricingError, .invalidCostRange(low: Rational(1, 2), high: Rational(1, 4)))
        }
        XCTAssertThrowsError(try RandomInstances.exponents(&a, n: 1, low: 0, high: 1, distinct: false, sorted: false)) {
            XCTAssertEqual($0 as? ClassPricingError, .invalidExponentRange(low: 0, high: 1))
        }
        XCTAssertThrowsError(try RandomInstances.exponents(&a, n: 3, low: 1, high: Rational(101, 100), distinct: true, sorted: false)) {
            XCTAssertEqual($0 as? ClassPricingError, .tooFewGridExponents(needed: 3, low: 1, high: Rational(101, 100)))
        }
    }

    func testNoInterlacingCheckIdenticalF() throws {
        let prob = try problem([0.05, 0.3, 0.35, 0.7, 0.8, 0.95], [2, 2, 2, 2, 2, 2])
        let r = try NoInterlacingCheck(prob)
        for k in 0..<6 {
            XCTAssertTrue(r.optimaByK[k].allSatisfy { $0.isIntervalPartition })
            XCTAssertEqual(r.intervalDPValueByK[k], r.bruteForceValueByK[k], accuracy: 1e-12)
        }
        XCTAssertEqual(r.intervalDPPartitionByK[0], ClassPartition([[0, 1, 2, 3, 4, 5]]))
    }

    // MARK: Solver kinds (glue)

    func kind(_ name: String) throws -> SolverKind {
        try XCTUnwrap(classPricingSolvers.first { $0.name == name })
    }

    func values(_ kind: SolverKind, _ given: [String: ParameterValue]) -> ParameterValues {
        var v: [String: ParameterValue] = [:]
        for p in kind.parameters { if let d = p.defaultValue { v[p.name] = d } }
        for (k, x) in given { v[k] = x }
        return ParameterValues(v)
    }

    func testKindsProduceDeclaredColumns() throws {
        let cases: [(String, [String: ParameterValue])] = [
            ("class-pricing.finding-1-uniform", ["seed": .integer(1), "sizes": .list([.integer(4), .integer(5)])]),
            ("class-pricing.min-ssd-vs-optimum", ["seed": .integer(1), "sizes": .list([.integer(4)])]),
            ("class-pricing.min-ssd-vs-optimum-summary", ["seed": .integer(1), "sizes": .list([.integer(4), .integer(5)])]),
            ("class-pricing.no-interlacing", ["seed": .integer(1), "sizes": .list([.integer(4)]), "hypothesis": .text("msc-lr"),
                                              "exponent_low": .rational(Rational(9, 10)), "exponent_high": .rational(Rational(11, 10))]),
            ("class-pricing.two-type-values", ["rho": .rational(Rational(1, 2)), "cost": .rational(.zero)]),
            ("class-pricing.optimal-classes", ["costs": .list([.rational(Rational(1, 10)), .rational(Rational(9, 10))]), "r": .rational(.zero), "B": .rational(1)]),
            ("class-pricing.optimal-classes-spaced", ["N": .integer(5), "cost_low": .rational(.zero), "cost_high": .rational(1), "r": .rational(1), "B": .rational(100)]),
            ("class-pricing.optimal-classes-power", ["costs": .list([.rational(Rational(1, 10)), .rational(Rational(9, 10))]),
                                                     "exponent_deviations": .list([.rational(-1 / Rational(2)), .rational(Rational(1, 2))]), "r": .rational(.zero), "B": .rational(1)]),
            ("class-pricing.game-forms", ["gamma": .rational(Rational(12, 25)), "r": .rational(Rational(1, 1000))]),
            ("class-pricing.game-form-ties", ["gamma": .rational(Rational(12, 25))]),
        ]
        for (name, given) in cases {
            let k = try kind(name)
            let p = values(k, given)
            try k.validate(p)
            // Rows come out, each with exactly the declared columns and types.
            let rows = try k.run(p, .silent)
            XCTAssertFalse(rows.isEmpty, name)
            for row in rows {
                XCTAssertEqual(Set(row.keys), Set(k.columns.map(\.name)), name)
                for c in k.columns { XCTAssertEqual(row[c.name]?.type, c.type, "\(name): \(c.name)") }
            }
        }
        // Finding 1 holds on the generated instances; the two-type gain at ρ = 1/2, c = 0 is 1/16.
        let f1 = try kind("class-pricing.finding-1-uniform")
        let rows = try f1.run(values(f1, ["seed": .integer(3), "sizes": .list([.integer(6)])]), .silent)
        XCTAssertTrue(rows.allSatisfy { $0["optima_coincide"] == .boolean(true) && $0["dp_optimal"] == .boolean(true) })
        let tt = try kind("class-pricing.two-type-values")
        let g = try tt.run(values(tt, ["rho": .rational(Rational(1, 2)), "cost": .rational(.zero)]), .silent)[0]
        XCTAssertEqual(g["gain"]?.doubleValue ?? .nan, 1.0 / 16, accuracy: 1e-12)
        XCTAssertEqual(g["methods_agree"], .boolean(true))
        // Uniform F, costs (1/10, 9/10), r = 0: two classes at prices (1 + c)/2 = 11/20, 19/20 and
        // profit Σ(1 − c)²/(4N) = (81/100 + 1/100)/8 = 41/400, exact.
        let oc = try kind("class-pricing.optimal-classes")
        let o = try oc.run(values(oc, ["costs": .list([.rational(Rational(1, 10)), .rational(Rational(9, 10))]),
                                       "r": .rational(.zero), "B": .rational(1)]), .silent)[0]
        XCTAssertEqual(o["profit"], .rational(Rational(41, 400)))
        XCTAssertEqual(o["class_prices"], .text("(11/20, 19/20)"))
        // Finding 4 at γ = 12/25: ties exactly on [0, (1 − 2γ)/16] = [0, 1/400]; at r = 1/1000 both losses are 2r = 1/500.
        let ties = try kind("class-pricing.game-form-ties")
        let t = try ties.run(values(ties, ["gamma": .rational(Rational(12, 25))]), .silent)[0]
        XCTAssertEqual(t["r_max"], .rational(Rational(1, 400)))
        XCTAssertEqual(t["tie_set"], .text("[0, 1/400]"))
        let gf = try kind("class-pricing.game-forms")
        let l = try gf.run(values(gf, ["gamma": .rational(Rational(12, 25)), "r": .rational(Rational(1, 1000))]), .silent)[0]
        XCTAssertEqual(l["seller_design_loss"], .rational(Rational(1, 500)))
        XCTAssertEqual(l["buyer_design_loss"], .rational(Rational(1, 500)))
        XCTAssertEqual(l["more_efficient"], .text("tie"))
    }

    func testKindsRejectBadInputNamingTheParameter() throws {
        func rejected(_ name: String, _ given: [String: ParameterValue]) throws -> String? {
            let k = try kind(name)
            do { try k.validate(values(k, given)); return nil } catch let e as SolverInputError { return e.parameter }
        }
        XCTAssertEqual(try rejected("class-pricing.optimal-classes",
                                    ["costs": .list([.rational(.zero), .rational(1)]), "cost_spread": .rational(2), "r": .rational(.zero), "B": .rational(1)]), "cost_spread")
        XCTAssertEqual(try rejected("class-pricing.optimal-classes-power",
                                    ["costs": .list([.rational(.zero), .rational(1)]), "exponent_deviations": .list([.rational(1)]), "r": .rational(.zero), "B": .rational(1)]), "exponent_deviations")
        XCTAssertEqual(try rejected("class-pricing.optimal-classes-power",
                                    ["costs": .list([.rational(.zero), .rational(1)]), "exponent_deviations": .list([.rational(-1), .rational(1)]),
                                     "demand_spread": .rational(2), "r": .rational(.zero), "B": .rational(1)]), "demand_spread")
        XCTAssertEqual(try rejected("class-pricing.optimal-classes-spaced",
                                    ["N": .integer(3), "cost_low": .rational(1), "cost_high": .rational(.zero), "r": .rational(.zero), "B": .rational(1)]), "cost_low")
        XCTAssertEqual(try rejected("class-pricing.no-interlacing",
                                    ["seed": .integer(1), "sizes": .list([.integer(8)]), "hypothesis": .text("identical-uniform"), "cost_denominator": .integer(5)]), "cost_denominator")
        XCTAssertEqual(try rejected("class-pricing.no-interlacing",
                                    ["seed": .integer(1), "sizes": .list([.integer(8)]), "hypothesis": .text("msc-lr"), "max_draws": .integer(1),
                                     "exponent_low": .rational(Rational(1, 2)), "exponent_high": .rational(3)]), "max_draws")
        XCTAssertEqual(try rejected("class-pricing.two-type-values", ["rho": .rational(.one), "cost": .rational(.zero)]), "rho")
    }
}
