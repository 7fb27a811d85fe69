import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

final class FiniteTypeMenuTests: XCTestCase {
    func problem(_ own: String, _ opponents: String, _ dependence: String = "independent", _ tie: TieBreaking = .weak) throws -> FiniteTypeProblem {
        let env = try WinningProbability(own: TypeDistribution(parsing: own), opponents: opponents, dependence: dependence, tie: tie)
        return try FiniteTypeProblem(environment: env)
    }

    let example31 = "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])"
    let example53 = "atoms(values=[0.4, 1], masses=[0.5, 0.5])"

    /// Example 3.1 by hand. With P(u) = u + 0.4 (u ≤ 0.6) the binding family has u_L = 0,
    /// u_H = 0.4 q, so ER(q) = ½·0.3q·0.4 + ½(0.7 − 0.4q)(0.4q + 0.4) = 7/50 + (3/25)q − (2/25)q²,
    /// maximal at q = 3/4 with 37/200. Allowing u_L > 0 does not help: at u_L = 0 the derivative of
    /// the objective along (u_L, u_H = u_L + 0.4q) is ½(0.3q − 0.4) + ½(0.3 − 0.8q) < 0; and with the
    /// high type's IC slack (u_H = 0.15, its own optimum) revenue is 0.06q + 0.15125 ≤ 0.17375
    /// (q ≤ 3/8). Posted prices: pooling at 0.3 earns 0.3·(½·0.4 + 0.4) = 9/50, skimming at
    /// (0.7 + 0.4)/2 = 11/20 earns ½·(11/20)² = 121/800.
    func testExample31Exactly() throws {
        let p = try problem(example31, "posted(0.4)")
        let best = try p.optimize()
        XCTAssertEqual(best.revenue, Rational(37, 200))
        XCTAssertEqual(best.allocations, [Rational(3, 4), 1])
        XCTAssertEqual(best.utilities, [0, Rational(3, 10)])
        XCTAssertEqual(best.transfers, [Rational(9, 40), Rational(2, 5)])
        XCTAssertTrue(best.attained)
        XCTAssertEqual(try p.optimize(.bindingIC).revenue, Rational(37, 200))
        let quad = try p.bindingQuadratic(leftOf: 1)
        XCTAssertEqual(quad.a, Rational(-2, 25)); XCTAssertEqual(quad.b, Rational(3, 25)); XCTAssertEqual(quad.c, Rational(7, 50))
        let pool = try p.optimize(.posted(excluded: 0)), skim = try p.optimize(.posted(excluded: 1))
        XCTAssertEqual(pool.revenue, Rational(9, 50)); XCTAssertEqual(Rational(3, 10) - pool.utilities[0], Rational(3, 10))
        XCTAssertEqual(skim.revenue, Rational(121, 800)); XCTAssertEqual(Rational(7, 10) - skim.utilities[1], Rational(11, 20))
        XCTAssertEqual(try p.optimize(.posted(excluded: nil)).revenue, Rational(9, 50))
        XCTAssertEqual(try p.bindingRevenue([1]), Rational(9, 50))
    }

    /// Under strict winning the low type at U_L = 0 goes to the opponent's walk-away contract, so the
    /// supremum 37/200 (approached with U_L = ε) is not attained; the posted supremum 9/50 neither.
    func testExample31StrictSupremumIsNotAttained() throws {
        let p = try problem(example31, "posted(0.4)", "independent", .strict)
        let best = try p.optimize()
        XCTAssertEqual(best.revenue, Rational(37, 200))
        XCTAssertFalse(best.attained)
        XCTAssertFalse(try p.optimize(.posted(excluded: nil)).attained)
        XCTAssertTrue(try p.optimize(.posted(excluded: 1)).attained)   // skimming involves no tie
        // The true revenue at the limit menu: the low type never wins.
        XCTAssertEqual(try p.revenue(allocations: best.allocations, utilities: best.utilities), Rational(1, 2) * Rational(2, 5) * Rational(7, 10))
    }

    /// Example 5.3: with two types every menu is two contracts, so the optimum is the supremum over
    /// all menus. Serving both with u_L = 0, u_H ≥ max(0.3, 0.6 q_L) gives 0.2q_L + 0.5 − ½ max(0.3, 0.6q_L),
    /// maximal at q_L = ½: 0.45 = 9/20, which needs ties at both types (U_L = 0 = U₂(0.4), U_H = 0.3 = U₂(1)).
    func testExample53Exactly() throws {
        for tie in [TieBreaking.weak, .strict] {
            let p = try problem(example53, "posted(0.7)", "perfect", tie)
            let best = try p.optimize()
            XCTAssertEqual(best.revenue, Rational(9, 20))
            XCTAssertEqual(best.contracts, [Contract(allocation: Rational(1, 2), transfer: Rational(1, 5)), Contract(allocation: 1, transfer: Rational(7, 10))])
            XCTAssertEqual(best.attained, tie == .weak)
            let posted = try p.optimize(.posted(excluded: nil))
            XCTAssertEqual(posted.revenue, Rational(2, 5))
            XCTAssertEqual(posted.attained, tie == .weak)
        }
    }

    /// Brute force on a grid never beats the exact optimum and comes close to it (seeded random
    /// two-type instances against posted prices, finite menus and atom opponents).
    func testBruteForceAgreesWithTheExactOptimum() throws {
        var rng = SplitMix64(seed: 31)
        for _ in 0..<10 {
            let lo = Double(rng.nextInt(in: 1...5)) / 10, hi = lo + Double(rng.nextInt(in: 1...5)) / 10
            let m = Double(rng.nextInt(in: 2...8)) / 10
            let own = "atoms(values=[\(lo), \(hi)], masses=[\(m), \(1 - m)])"
            let opponents = ["posted(0.\(rng.nextInt(in: 1...8)))", "menu([(0.5, 0.1), (1, 0.45)])",
                             "posted(0.3) @ atoms(values=[0.2, 0.6, 0.9], masses=[0.3, 0.3, 0.4])"][rng.nextInt(in: 0...2)]
            let dependence = rng.nextInt(in: 0...2) == 0 ? "perfect" : "independent"
            let p = try problem(own, opponents, dependence)
            let exact = try p.optimize().revenue.doubleValue
            let brute = try p.bruteForce(grid: 100).revenue
            XCTAssertLessThanOrEqual(brute, exact + 1e-12, "\(own) \(opponents) \(dependence)")
            XCTAssertGreaterThan(brute, exact - 0.02, "\(own) \(opponents) \(dependence)")
        }
    }

    /// Three types against a finite menu: the exact optimum bounds the DP's menu and the brute force.
    func testThreeTypes() throws {
        let p = try problem("atoms(values=[0.2, 0.5, 0.9], masses=[0.3, 0.3, 0.4])", "posted(0.5)")
        let best = try p.optimize()
        let value = best.revenue.doubleValue
        XCTAssertEqual(try p.revenue(allocations: best.allocations, utilities: best.utilities), best.revenue)
        XCTAssertTrue(best.attained)
        XCTAssertLessThanOrEqual(try p.bruteForce(grid: 16).revenue, value + 1e-12)
        let dp = try p.environment.menuBestResponse(LatticeSettings(cells: 90, allocationLevels: 60, utilityLevels: 181))
        XCTAssertLessThanOrEqual(dp.revenue, value + 1e-12)
        XCTAssertEqual(dp.revenue, value, accuracy: 0.003)
        // IC/IR/t ≥ 0 of the optimum.
        let th = p.types
        for k in th.indices {
            XCTAssertGreaterThanOrEqual(best.utilities[k], 0)
            XCTAssertGreaterThanOrEqual(best.transfers[k], 0)
            for j in th.indices { XCTAssertGreaterThanOrEqual(best.utilities[k], th[k] * best.allocations[j] - best.transfers[j]) }
        }
    }

    /// `bestPosted` over the optima of `.posted(excluded: j)` is `optimize(.posted(excluded: nil))`
    /// (the solver reuses its skimming and pooling optima): same menu, revenue and attainment,
    /// across the rival's price and both tie rules, two and three types.
    func testBestPostedFromTheExcludedOptimaIsThePostedOptimum() throws {
        let owns = [example31, example53, "atoms(values=[0.2, 0.5, 0.9], masses=[0.3, 0.3, 0.4])"]
        for own in owns {
            for price in ["0", "0.25", "0.4", "0.7", "1"] {
                for tie in [TieBreaking.weak, .strict] {
                    let p = try problem(own, "posted(\(price))", "independent", tie)
                    let parts = try p.types.indices.map { try p.optimize(.posted(excluded: $0)) }
                    let combined = FiniteTypeProblem.bestPosted(parts), direct = try p.optimize(.posted(excluded: nil))
                    XCTAssertEqual(combined.revenue, direct.revenue, "\(own) p2 = \(price) \(tie)")
                    XCTAssertEqual(combined.attained, direct.attained)
                    XCTAssertEqual(combined.allocations, direct.allocations)
                    XCTAssertEqual(combined.utilities, direct.utilities)
                    XCTAssertEqual(combined.transfers, direct.transfers)
                    XCTAssertEqual(combined.winning, direct.winning)
                }
            }
        }
    }

    func testUnsupportedInstancesNameTheConcept() throws {
        func key(_ own: String, _ opponents: String, _ dependence: String = "independent") -> String? {
            thrown { try problem(own, opponents, dependence) }
        }
        XCTAssertEqual(key(example31, "tariff(c=1)"), "tariffInExactOptimiser")                 // inverse not piecewise linear
        XCTAssertEqual(key(example31, "posted(0.4) @ beta(2, 2)"), "opponentLawInExactOptimiser")    // F₂ not piecewise linear
        XCTAssertEqual(key("atoms(values=[0.1, 0.2, 0.3, 0.4], masses=[0.25, 0.25, 0.25, 0.25])", "posted(0.4)"), "finiteTypeCount")
        XCTAssertEqual(key("uniform", "posted(0.4)"), "ownLawNotFinite")
        XCTAssertNil(key(example31, "tariff(c=1)", "perfect"))                    // thresholds are exact under perfect correlation
    }
}

extension FiniteTypeMenuTests {
    /// `bruteForce` as first written (P evaluated at every profile), the reference of
    /// `testBruteForceMatchesTheReferenceBitForBit`.
    func referenceBruteForce(_ p: FiniteTypeProblem, grid N: Int) -> (revenue: Double, allocations: [Double], utilities: [Double]) {
        let K = p.types.count
        let th = p.types.map(\.doubleValue), ms = p.masses.map(\.doubleValue)
        let top = th[K - 1]
        let tol = 1e-12
        var best = (revenue: -Double.infinity, allocations: [Double](), utilities: [Double]())
        var q = [Double](repeating: 1, count: K), u = [Double](repeating: 0, count: K)
        func gridU(_ i: Int) -> Double { Double(i) * top / Double(N) }
        func chooseU(_ k: Int) {
            if k == K {
                var r = 0.0
                for j in 0..<K { r += ms[j] * (th[j] * q[j] - u[j]) * p.environment.probability(theta: th[j], utility: u[j]) }
                if r > best.revenue + 1e-15 { best = (r, q, u) }
                return
            }
            let lo = k == 0 ? 0 : u[k - 1] + q[k - 1] * (th[k] - th[k - 1])
            let hiIC = k == 0 ? Double.infinity : u[k - 1] + q[k] * (th[k] - th[k - 1])
            let hi = min(hiIC, th[k] * q[k])
            guard hi >= lo - tol else { return }
            var i = max(0, Int(((lo - tol) * Double(N) / top).rounded(.up)))
            while gridU(i) <= hi + tol {
                u[k] = gridU(i)
                chooseU(k + 1)
                i += 1
            }
        }
        func chooseQ(_ k: Int, _ minimum: Int) {
            if k == K - 1 { q[k] = 1; chooseU(0); return }
            for i in minimum...N { q[k] = Double(i) / Double(N); chooseQ(k + 1, i) }
        }
        chooseQ(0, 0)
        return best
    }

    /// The brute force with P tabulated on the utility grid against `referenceBruteForce` on seeded
    /// random finite-type problems (two or three atoms, independent and perfectly correlated
    /// opponents, both tie rules): the same revenue bit for bit and the same profile.
    func testBruteForceMatchesTheReferenceBitForBit() throws {
        var rng = SplitMix64(seed: 20261211)
        let owns = ["atoms(values=[0.3, 0.7], masses=[0.5, 0.5])", "atoms(values=[0.4, 1], masses=[0.5, 0.5])",
                    "atoms(values=[0.2, 0.5, 0.9], masses=[0.3, 0.3, 0.4])", "atoms(values=[0.25, 0.75], masses=[0.6, 0.4])"]
        for trial in 0..<12 {
            let own = owns[trial % owns.count]
            let dependence = rng.nextInt(in: 0...1) == 0 ? "independent" : "perfect"
            let opponents = ["posted(0.4)", "posted(0.7)", "menu([(0.5, 0.15), (1, 0.55)])"][rng.nextInt(in: 0...2)]
            let tie: TieBreaking = rng.nextInt(in: 0...1) == 0 ? .weak : .strict
            let env = try WinningProbability(own: TypeDistribution(parsing: own), opponents: opponents, dependence: dependence, tie: tie)
            let problem = try FiniteTypeProblem(environment: env)
            let N = own.contains("0.9") ? rng.nextInt(in: 5...20) : rng.nextInt(in: 20...80)
            let fast = try problem.bruteForce(grid: N), reference = referenceBruteForce(problem, grid: N)
            let label = "trial \(trial): \(own) vs \(opponents), \(dependence), \(tie), N = \(N)"
            XCTAssertEqual(fast.revenue.bitPattern, reference.revenue.bitPattern, label)
            XCTAssertEqual(fast.allocations, reference.allocations, label)
            XCTAssertEqual(fast.utilities, reference.utilities, label)
            XCTAssertGreaterThan(fast.revenue, 0, label)
        }
    }
}
