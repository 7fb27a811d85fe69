import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

final class MenuEvaluationTests: XCTestCase {
    let uniform = TypeDistribution.uniform()

    func environment(_ own: String, _ opponents: String, _ dependence: String = "independent", _ tie: TieBreaking = .weak) throws -> WinningProbability {
        try WinningProbability(own: TypeDistribution(parsing: own), opponents: opponents, dependence: dependence, tie: tie)
    }

    func testOpponentUtilitiesInversesAndChoices() throws {
        // Tariff {(q, q²/2)}: q*(θ) = min(θ, 1), U = θ²/2 on [0, 1], θ − 1/2 beyond.
        let tariff = try OpponentMenu(parsing: "tariff(c=1)")
        XCTAssertEqual(tariff.utility(at: 0.6), 0.18, accuracy: 1e-15)
        XCTAssertEqual(tariff.utility(at: 1.5), 1.0, accuracy: 1e-15)
        XCTAssertEqual(tariff.inverseUtility(0.18, upper: 1), 0.6, accuracy: 1e-14)
        XCTAssertEqual(tariff.inverseUtility(0.7, upper: 2), 1.2, accuracy: 1e-14)
        XCTAssertEqual(tariff.chosenContract(at: 0.6).q, 0.6, accuracy: 1e-15)
        // Posted price: U = (θ − p)₊, generalised inverse sup{θ : U ≤ u} = u + p (p at u = 0), −∞ below 0.
        let posted = try OpponentMenu(parsing: "posted(0.4)")
        XCTAssertEqual(posted.inverseUtility(0, upper: 1), 0.4)
        XCTAssertEqual(posted.inverseUtility(0.3, upper: 1), 0.7, accuracy: 1e-15)
        XCTAssertEqual(posted.inverseUtility(0.9, upper: 1), 1)
        XCTAssertEqual(posted.inverseUtility(-0.1, upper: 1), -.infinity)
        // Finite menu: envelope of 0, 0.5θ − 0.1 (from θ = 0.2), θ − 0.45 (from θ = 0.7); the
        // dominated (0.5, 0.3) is never chosen. At θ = 0.7 both lines give 0.25: the higher transfer wins.
        let menu = try OpponentMenu(parsing: "menu([(0.5, 0.1), (1, 0.45), (0.5, 0.3)])")
        XCTAssertEqual(menu.kinks, [0.2, 0.7])
        XCTAssertEqual(menu.utility(at: 0.5), 0.15, accuracy: 1e-15)
        XCTAssertEqual(menu.chosenContract(at: 0.7).t, 0.45)
        XCTAssertEqual(menu.chosenContract(at: 0.69).t, 0.1)
        XCTAssertEqual(menu.chosenContract(at: 0.1).q, 0)
        XCTAssertEqual(menu.inverseUtility(0.25, upper: 1), 0.7, accuracy: 1e-14)
        // Expressions in x.
        let shifted = try OpponentMenu(parsing: "menu([(0.5, 0.2 - x), (1, 0.7 - 2*x)])", x: Rational(1, 100))
        XCTAssertEqual(shifted.description, "menu([(0.5, 0.19), (1, 0.68)])")
    }

    func testMenuTextErrorsNameTheConcept() {
        func error(_ text: String, own: String = "uniform") -> CompetitiveScreeningError? {
            do { _ = try AllocationRule(parsing: text, own: try TypeDistribution(parsing: own)); return nil } catch { return error as? CompetitiveScreeningError }
        }
        XCTAssertEqual(error("menu([(1.5, 0.2)])"), .contractAllocation(contract: 0, allocation: Rational(3, 2)))
        XCTAssertEqual(error("menu([(0.5, -0.2)])"), .contractTransfer(contract: 0, transfer: Rational(-1, 5)))
        XCTAssertEqual(error("posted(-1)"), .negativePrice(-1))
        guard case let .syntax(form, position, expected)? = error("posted(x)") else { return XCTFail("x used but not given") }
        XCTAssertEqual(form, .ownMenu)
        XCTAssertEqual(position.offset, 7)
        XCTAssertTrue(expected.contains("posted price"), expected)
        XCTAssertEqual(error("binding([0.5])", own: "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])"), .bindingAllocationCount(allocations: 1, atoms: 2))
        XCTAssertEqual(error("rule(knots=[0, 0.5], values=[0.6, 0.5], slopes=[0, 0])"), .ruleDecreasing(piece: 1, allocation: 0.5, previous: 0.6))   // decreasing q
        XCTAssertEqual(error("rule(knots=[0], values=[0.5], slopes=[1])"), .ruleAllocationRange(piece: 0, from: 0.5, to: 1.5))                // q exceeds 1
        XCTAssertEqual(error("auction(3)").map(shortForm), "syntax")
        XCTAssertThrowsError(try OpponentMenu(parsing: "tariff(c=0)")) { XCTAssertEqual($0 as? CompetitiveScreeningError, .tariffCost(0)) }
        XCTAssertThrowsError(try WinningProbability(own: uniform, opponents: "posted(0.4); posted(0.5)", dependence: "fgm(rho=0.5)", tie: .weak)) {
            XCTAssertEqual($0 as? CompetitiveScreeningError, .copulaOpponentCount(menus: 2))
        }
        XCTAssertThrowsError(try WinningProbability(own: uniform, opponents: "posted(0.4)", dependence: "fgm(rho=2)", tie: .weak)) {
            XCTAssertEqual($0 as? CompetitiveScreeningError, .fgmParameter(rho: 2))
        }
    }

    /// Example 5.2, derived independently: with δ > 0, U₁ = θ²/2 + δθ > θ²/2 = U₂ on (0, ½) and
    /// U₁ = θ − 3/8 + δ/2 > θ²/2 on [½, 1] (θ − 3/8 − θ²/2 = 1/8 − (θ − 1)²/2 ≥ 0), so firm 1 wins
    /// every θ > 0 and ER = ∫₀^½ θ²/2 dθ + ½(3/8 − δ/2) = 1/48 + 3/16 − δ/4. At δ = 0 the types in
    /// (0, ½) tie: weak winning keeps them (5/24), strict winning loses them (½·3/8 = 3/16).
    func testExample52MenuClosedForms() throws {
        for tie in [TieBreaking.weak, .strict] {
            let env = try environment("uniform", "tariff(c=1)", "perfect", tie)
            for delta in [0.001, 0.01, 0.05] {
                let rule = try AllocationRule(parsing: "rule(knots=[0, 0.5], values=[x, 1], slopes=[1, 0])",
                                              own: uniform, x: Rational(exactDecimal: delta))
                let e = try env.evaluate(rule)
                XCTAssertEqual(e.revenue, 1.0 / 48 + 3.0 / 16 - delta / 4, accuracy: 1e-13, "\(tie) δ = \(delta)")
                XCTAssertEqual(e.winningMass, 1, accuracy: 1e-13)
                XCTAssertEqual(e.interiorMass, 0.5, accuracy: 1e-13)
            }
            let atZero = try env.evaluate(AllocationRule(parsing: "rule(knots=[0, 0.5], values=[0, 1], slopes=[1, 0])", own: uniform))
            XCTAssertEqual(atZero.revenue, tie == .weak ? 5.0 / 24 : 3.0 / 16, accuracy: 1e-13)
        }
    }

    /// A posted price p against U₂ = θ²/2 under perfect correlation wins where θ − p ≥ θ²/2,
    /// i.e. θ ≥ 1 − √(1 − 2p): revenue p√(1 − 2p), maximised where 1 − 2p = p: p = 1/3,
    /// revenue (1/3)·√(1/3) = 1/(3√3), marginal type 1 − 1/√3.
    func testPostedPriceAgainstTariffClosedForm() throws {
        let env = try environment("uniform", "tariff(c=1)", "perfect")
        for p in [0.1, 0.25, 0.4] {
            XCTAssertEqual(try env.evaluate(.posted(p)).revenue, p * (1 - 2 * p).squareRoot(), accuracy: 1e-13)
        }
        let best = try env.bestPostedPrice()
        XCTAssertEqual(best.price, 1.0 / 3, accuracy: 1e-7)
        XCTAssertEqual(best.revenue, 1 / (3 * 3.0.squareRoot()), accuracy: 1e-13)
        XCTAssertEqual(best.marginalType ?? 0, 1 - 1 / 3.0.squareRoot(), accuracy: 1e-7)
        XCTAssertTrue(best.attained)
    }

    /// Uniform own and opponent, opponent price p₂ = 0.4: ER(p) = p ∫_p^1 min(1, θ − p + p₂) dθ.
    /// For p = 0.7 ≥ 1 − p₂ the min is never 1: 0.7·[(0.3)²/2 + 0.4·0.3] = 0.1155.
    /// For p = 0.3 it is 1 from θ = 0.9 on: 0.3·[∫_{0.3}^{0.9} (θ + 0.1) dθ + 0.1] = 0.3·(0.42 + 0.1) = 0.156.
    /// The best price solves d/dp p[(1 − p)²/2 + 0.4(1 − p)] = 0 on p ≥ 0.4: 1.5p² − 2.8p + 0.9 = 0.
    func testPostedPriceAgainstUniformOpponent() throws {
        for tie in [TieBreaking.weak, .strict] {
            let env = try environment("uniform", "posted(0.4)", "independent", tie)
            XCTAssertEqual(try env.evaluate(.posted(0.7)).revenue, 0.1155, accuracy: 1e-14)
            XCTAssertEqual(try env.evaluate(.posted(0.3)).revenue, 0.156, accuracy: 1e-14)
            let best = try env.bestPostedPrice()
            let root = (2.8 - (2.8 * 2.8 - 4 * 1.5 * 0.9).squareRoot()) / 3
            XCTAssertEqual(best.price, root, accuracy: 1e-7)
            XCTAssertEqual(best.revenue, root * ((1 - root) * (1 - root) / 2 + 0.4 * (1 - root)), accuracy: 1e-13)
        }
    }

    /// A two-contract menu against no opponent (P ≡ 1), θ ~ U[0,1]: {(0.5, 0.1), (1, 0.45)} is chosen
    /// by θ ∈ [0.2, 0.7) and [0.7, 1]: revenue 0.1·0.5 + 0.45·0.3 = 0.185.
    func testFiniteMenuAgainstMonopoly() throws {
        let env = try environment("uniform", "none")
        let e = try env.evaluate(AllocationRule(parsing: "menu([(0.5, 0.1), (1, 0.45)])", own: uniform))
        XCTAssertEqual(e.revenue, 0.185, accuracy: 1e-14)
        XCTAssertEqual(e.contracts.count, 2)
        XCTAssertEqual(e.contracts[0].chosen, 0.5, accuracy: 1e-14)
        XCTAssertEqual(e.contracts[1].chosen, 0.3, accuracy: 1e-14)
        XCTAssertEqual(e.contracts[1].transfer, 0.45, accuracy: 1e-14)
        XCTAssertEqual(e.interiorMass, 0.5, accuracy: 1e-14)
    }

    /// FGM with uniform marginals: a posted price p against posted p₂ earns
    /// p ∫_p^1 F_{2|1}(θ − p + p₂ | θ) dθ, F_{2|1}(v | θ) = v[1 + ρ(1 − 2θ)(1 − v)] (v clamped to [0, 1]);
    /// the evaluator's quadrature against a direct integration of that formula; ρ = 0 is independence.
    func testFGMPostedRevenueAgainstDirectIntegration() throws {
        for rho in [0.0, 0.5, 0.9, -0.7] {
            let env = try environment("uniform", "posted(0.4)", "fgm(rho=\(rho))")
            for p in [0.3, 0.55] {
                let direct = try Quadrature.integrate({ theta in
                    let v = min(1, max(0, theta - p + 0.4))
                    return p * v * (1 + rho * (1 - 2 * theta) * (1 - v))
                }, from: p, to: 1, absoluteTolerance: 1e-14, relativeTolerance: 1e-13, breakpoints: [p + 0.6].filter { $0 < 1 }).value
                XCTAssertEqual(try env.evaluate(.posted(p)).revenue, direct, accuracy: 1e-12, "ρ = \(rho), p = \(p)")
            }
        }
        let independent = try environment("beta(2, 1)", "menu([(0.5, 0.1), (1, 0.45)])")
        let fgm0 = try environment("beta(2, 1)", "menu([(0.5, 0.1), (1, 0.45)])", "fgm(rho=0)")
        let rule = try AllocationRule(parsing: "menu([(0.4, 0.05), (1, 0.5)])", own: independent.own)
        XCTAssertEqual(try independent.evaluate(rule).revenue, try fgm0.evaluate(rule).revenue, accuracy: 1e-13)
    }

    /// Example 5.3's posted prices (two atoms, perfect correlation, p₂ = 0.7): revenue p below 0.4,
    /// p/2 on (0.4, 0.7), 0.35 at 0.7 under weak and 0 under strict winning; the supremum 0.4 is
    /// attained only under weak winning.
    func testTieBreakingAtAtoms() throws {
        let own = "atoms(values=[0.4, 1], masses=[0.5, 0.5])"
        let weak = try environment(own, "posted(0.7)", "perfect", .weak)
        let strict = try environment(own, "posted(0.7)", "perfect", .strict)
        XCTAssertEqual(try weak.evaluate(.posted(0.3)).revenue, 0.3, accuracy: 1e-15)
        XCTAssertEqual(try weak.evaluate(.posted(0.5)).revenue, 0.25, accuracy: 1e-15)
        XCTAssertEqual(try weak.evaluate(.posted(0.7)).revenue, 0.35, accuracy: 1e-15)
        XCTAssertEqual(try strict.evaluate(.posted(0.7)).revenue, 0)
        XCTAssertEqual(try weak.evaluate(.posted(0.4)).revenue, 0.4, accuracy: 1e-15)
        XCTAssertEqual(try strict.evaluate(.posted(0.4)).revenue, 0.2, accuracy: 1e-15)
        let bw = try weak.bestPostedPrice(), bs = try strict.bestPostedPrice()
        XCTAssertEqual(bw.revenue, 0.4, accuracy: 1e-15); XCTAssertTrue(bw.attained)
        XCTAssertEqual(bs.revenue, 0.4, accuracy: 1e-15); XCTAssertFalse(bs.attained)
        XCTAssertEqual(bs.price, 0.4)
    }
}

/// The screened posted-price benchmark (loose-tolerance integrals decide the
/// grid) against the all-1e-12 scan, and the screen's bound.
final class ScreenedPostedBenchmarkTests: XCTestCase {
    let cases: [(own: String, opponents: String, dependence: String)] = [
        ("uniform", "posted(0.4)", "independent"), ("uniform", "posted(0.4)", "fgm(rho=0.5)"), ("uniform", "posted(0.4)", "fgm(rho=-1)"),
        ("uniform", "tariff(c=1)", "perfect"), ("beta(2, 3)", "tariff(c=1)", "independent"),
        ("mixture(0.2*uniform, 0.8*truncexp(rate=-40))", "posted(0.3)", "independent"),
        ("mixture(0.5*uniform, 0.5*atoms(values=[0.6], masses=[1]))", "posted(0.4)", "independent"),
        ("truncnormal(mean=0.6, sd=0.1)", "posted(0.2); posted(0.5)", "independent"),
    ]

    func testScreenedBenchmarkEqualsTheAllAdaptiveScan() throws {
        for c in cases {
            for tie in [TieBreaking.weak, .strict] {
                let env = try WinningProbability(own: TypeDistribution(parsing: c.own), opponents: c.opponents, dependence: c.dependence, tie: tie)
                for grid in [41, 201] {
                    let screened = try env.bestPostedPrice(gridPoints: grid, screened: true)
                    let reference = try env.bestPostedPrice(gridPoints: grid, screened: false)
                    XCTAssertEqual(screened.price, reference.price, "\(c) \(tie)")
                    XCTAssertEqual(screened.revenue, reference.revenue, "\(c) \(tie)")
                    XCTAssertEqual(screened.attained, reference.attained)
                    XCTAssertEqual(screened.marginalType, reference.marginalType)
                }
                for k in 0...20 {
                    let rule = AllocationRule.posted(Double(k) / 20 * env.own.upper)
                    let screen = env.revenueScreen(rule)
                    let exact = try env.evaluate(rule, detailed: false).revenue
                    XCTAssertLessThanOrEqual(abs(screen.estimate - exact), screen.bound + 1e-13, "\(c) at \(k)")
                }
            }
        }
    }
}
