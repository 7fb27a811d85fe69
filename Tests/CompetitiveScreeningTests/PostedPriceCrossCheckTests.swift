import XCTest
import Distributions
import Numerics
@testable import CompetitiveScreening

/// Two independent implementations of firm i's best posted price against
/// posted-price opponents: the price-posting game (PostedPriceRevenue.swift:
/// ER_i by split quadrature of Π F_j(θ − p_i + p_j) f_i, Sec 3.3 / 5.1) and the
/// menu module's benchmark (MenuEvaluation.swift: the posted menu evaluated
/// against the generic winning probability P(θ, u), Sec 2). They must agree.
final class PostedPriceCrossCheckTests: XCTestCase {
    func testBestPostedPriceAgreesAcrossModules() throws {
        let cases: [(own: String, rivals: [(law: String, price: Double)], rho: Double?)] = [
            ("uniform", [("uniform", 0.4)], nil),
            ("beta(2, 1)", [("uniform(upper=2)", 0.7)], nil),
            ("truncexp(rate=1)", [("linear(slope=0.5)", 0.3), ("beta(2, 2)", 0.5)], nil),
            ("mixture(0.5*truncnormal(mean=0.3, sd=0.08), 0.5*truncnormal(mean=0.75, sd=0.08))", [("uniform", 0.35)], nil),
            ("uniform", [("uniform", 0.4)], 0.8),
            ("linear(slope=0.5)", [("beta(2, 1)", 0.45)], -0.6),
        ]
        for c in cases {
            let own = try TypeDistribution(parsing: c.own)
            let laws = try c.rivals.map { try TypeDistribution(parsing: $0.law) }
            let copula: Copula = c.rho.map { .fgm(rho: $0) } ?? .independent
            let game = try PostedPriceMarket(valuations: [own] + laws, copula: copula)
            let br = try game.bestResponse(firm: 0, prices: [0] + c.rivals.map(\.price))
            let opponents = try zip(c.rivals, laws).map { try Opponent(menu: OpponentMenu(.posted(price: Rational(exactly: $0.0.price)!)), valuation: $0.1) }
            let env = try WinningProbability(own: own, opponents: opponents, dependence: c.rho == nil ? .independent : .copula(copula))
            let benchmark = try env.bestPostedPrice()
            XCTAssertEqual(benchmark.revenue, br.revenue, accuracy: 1e-8, c.own)
            XCTAssertEqual(benchmark.price, br.maximizers[0], accuracy: 1e-5, c.own)
        }
    }
}
