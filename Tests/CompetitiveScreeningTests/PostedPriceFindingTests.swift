import Foundation
import XCTest
import Harness
import Distributions
import Numerics
@testable import CompetitiveScreening

/// Second methods for the two discrepancies (posted-tie-density-regular,
/// posted-existence-duopoly), the integration-by-parts path, and the kinds' glue.
final class PostedPriceFindingTests: XCTestCase {
    let uniform = TypeDistribution.uniform()
    /// 0.2·U[0,1] + 0.8·TruncExp(rate −40): C^∞, strictly positive, density-regular, not log-concave.
    var mixture: TypeDistribution {
        get throws { try TypeDistribution(parsing: "mixture(0.2*uniform, 0.8*truncexp(rate=-40))") }
    }

    /// ER_1 for own U[0,1] by a midpoint sum: p Σ F_2(θ − p + p_2) Δθ over θ ∈ [p, 1].
    func bruteForceRevenue(_ p: Double, opponent: TypeDistribution, p2: Double, steps: Int = 200_000) -> Double {
        let h = (1 - p) / Double(steps)
        var sum = 0.0
        for k in 0..<steps { sum += opponent.cdf(p + (Double(k) + 0.5) * h - p + p2) }
        return p * sum * h
    }

    func testDensityRegularOwnRevenueHasTwoGlobalMaximisers() throws {
        let opp = try mixture
        // Every density here is density-regular: 2f + θf′ > 0 on a fine grid (θ ∈ (0, 1]).
        for d in [uniform, opp] {
            for k in 1...1000 { let t = Double(k) / 1000; XCTAssertGreaterThan(2 * d.pdf(t) + t * d.pdfDerivative(t), 0) }
        }
        let tie = try PostedPriceMarket.equalRevenueMaxima(valuations: [uniform, opp], prices: [0, 0.2], tuning: .opponentPrice(opponent: 1),
                                                           range: 0.15...0.3, split: 0.27)
        XCTAssertEqual(tie.response.maximizers.count, 2)
        XCTAssertGreaterThan(tie.high.price - tie.low.price, 0.2)
        let p2 = tie.prices[1]
        // Second method: brute-force sums agree with the quadrature and with each other.
        let low = bruteForceRevenue(tie.low.price, opponent: opp, p2: p2)
        let high = bruteForceRevenue(tie.high.price, opponent: opp, p2: p2)
        XCTAssertEqual(low, tie.low.revenue, accuracy: 1e-9)
        XCTAssertEqual(high, tie.high.revenue, accuracy: 1e-9)
        XCTAssertEqual(low, high, accuracy: 2e-9)
        // Both are global: no price on a dense grid does better (by more than rounding of the sums).
        let market = try PostedPriceMarket(valuations: [uniform, opp])
        for k in 0...2000 {
            let p = Double(k) / 2000
            XCTAssertLessThanOrEqual(try market.revenue(firm: 0, prices: [p, p2]), tie.low.revenue + 1e-12)
        }
        // Just off the tie the best response is unique and on opposite sides: BR jumps.
        let below = try market.bestResponse(firm: 0, prices: [0, p2 - 1e-4]), above = try market.bestResponse(firm: 0, prices: [0, p2 + 1e-4])
        XCTAssertEqual(below.maximizers.count, 1)
        XCTAssertEqual(above.maximizers.count, 1)
        XCTAssertEqual(below.maximizers[0], tie.high.price, accuracy: 1e-3)
        XCTAssertEqual(above.maximizers[0], tie.low.price, accuracy: 1e-3)
    }

    /// Without a split the tuner finds the two largest local maxima itself
    /// (global maximiser at each evaluation): same tie as with a split between
    /// them, on two instances (an opponent's price tuned; a mixture weight tuned).
    func testTieWithoutSplitEqualsTieWithSplit() throws {
        let opp = try mixture
        let low = uniform, high = try TypeDistribution(parsing: "truncexp(rate=-40)")
        let cases: [(valuations: [TypeDistribution], prices: [Double], tuning: TieSearchParameter, range: ClosedRange<Double>, split: Double)] = [
            ([uniform, opp], [0, 0.2], .opponentPrice(opponent: 1), 0.15...0.3, 0.27),
            ([uniform, opp], [0, 0.2], .mixtureWeight(firm: 1, low: low, high: high), 0.2...0.4, 0.27),
        ]
        for c in cases {
            let withSplit = try PostedPriceMarket.equalRevenueMaxima(valuations: c.valuations, prices: c.prices, tuning: c.tuning,
                                                                     range: c.range, split: c.split)
            let found = try PostedPriceMarket.equalRevenueMaxima(valuations: c.valuations, prices: c.prices, tuning: c.tuning,
                                                                 range: c.range, split: nil)
            XCTAssertEqual(found.parameter, withSplit.parameter, accuracy: 1e-12)
            XCTAssertEqual(found.low.price, withSplit.low.price, accuracy: 1e-9)
            XCTAssertEqual(found.high.price, withSplit.high.price, accuracy: 1e-9)
            XCTAssertEqual(found.low.revenue, found.high.revenue, accuracy: 1e-12)
            XCTAssertEqual(found.response.maximizers.count, 2)
            XCTAssertEqual(found.response.maximizers.count, withSplit.response.maximizers.count)
            for (x, y) in zip(found.response.maximizers, withSplit.response.maximizers) { XCTAssertEqual(x, y, accuracy: 1e-9) }
            // The two maxima straddle the split the other tuner was given.
            XCTAssertLessThan(found.low.price, c.split)
            XCTAssertGreaterThan(found.high.price, c.split)
        }
        // Two uniform firms: ER_1 = p(1 − p)-like, single-peaked, so there is no pair to equalise.
        XCTAssertThrowsError(try PostedPriceMarket.equalRevenueMaxima(valuations: [uniform, uniform], prices: [0, 0.2],
                                                                      tuning: .opponentPrice(opponent: 1), range: 0.15...0.3, split: nil)) { e in
            guard case .fewerThanTwoLocalMaxima? = e as? CompetitiveScreeningError else { return XCTFail("\(e)") }
        }
    }

    func testNoPureEquilibriumInTheSymmetricDensityRegularMixtureDuopoly() throws {
        let market = try PostedPriceMarket(valuations: [try mixture, try mixture])
        let scan = try market.duopolyFixedPoints(scanPoints: 21, gridPoints: 101)
        XCTAssertTrue(scan.equilibria.isEmpty)
        XCTAssertEqual(scan.jumps, 1)
        XCTAssertGreaterThan(scan.minimumGap, 0.02)
        // Second method: brute-force argmax best responses on a 401-point grid; h(p) = BR(BR(p)) − p
        // (symmetric game) is positive below the jump and negative above, never within 0.02 of 0.
        func br(_ p2: Double) throws -> Double {
            var best = (x: 0.0, v: -1.0)
            for k in 0...400 {
                let x = Double(k) / 400
                let v = try market.revenue(firm: 0, prices: [x, p2])
                if v > best.v { best = (x, v) }
            }
            return best.x
        }
        var signs: [Bool] = []
        for k in 0...10 {
            let p = Double(k) / 10
            let h = try br(br(p)) - p
            XCTAssertGreaterThan(abs(h), 0.02, "h(\(p)) = \(h)")
            signs.append(h > 0)
        }
        XCTAssertEqual(zip(signs, signs.dropFirst()).filter { $0 != $1 }.count, 1)   // one sign change: the jump
        // Control: the uniform duopoly's scan finds √2 − 1.
        let control = try PostedPriceMarket(valuations: [uniform, uniform]).duopolyFixedPoints(scanPoints: 21, gridPoints: 201)
        XCTAssertEqual(control.equilibria.count, 1)
        XCTAssertEqual(control.equilibria[0][0], 2.0.squareRoot() - 1, accuracy: 1e-9)
        XCTAssertEqual(control.equilibria[0][1], 2.0.squareRoot() - 1, accuracy: 1e-9)
    }

    func testSingularOpponentDensityUsesIntegrationByParts() throws {
        // Opponent Beta(0.5, 1) (density ∝ θ^{−1/2}, singular at 0), independent and FGM: the analytic FOC
        // against central differences of ER, and the independent case against the closed form
        // ER_1 = p_1 ∫_{p_1}^{1} √(θ − p_1 + p_2) dθ (p_1 ≥ p_2) = p_1 · (2/3)[(1 − p_1 + p_2)^{3/2} − p_2^{3/2}].
        let opp = try TypeDistribution(parsing: "beta(0.5, 1)")
        let own = try TypeDistribution(parsing: "linear(slope=0.5)")
        let indep = try PostedPriceMarket(valuations: [uniform, opp])
        for (p1, p2) in [(0.5, 0.2), (0.7, 0.3), (0.45, 0.45)] {
            let closed = p1 * 2 / 3 * (pow(1 - p1 + p2, 1.5) - pow(p2, 1.5))
            XCTAssertEqual(try indep.revenue(firm: 0, prices: [p1, p2]), closed, accuracy: 1e-11)
        }
        for market in [indep, try PostedPriceMarket(valuations: [own, opp], copula: .fgm(rho: 0.4))] {
            for prices in [[0.5, 0.2], [0.3, 0.6], [0.8, 0.1]] {
                let s = try market.revenueSlope(firm: 0, prices: prices)
                let h = 1e-5
                let fd = (try market.revenue(firm: 0, prices: [prices[0] + h, prices[1]])
                          - market.revenue(firm: 0, prices: [prices[0] - h, prices[1]])) / (2 * h)
                XCTAssertEqual(s.revenueSlope, fd, accuracy: 1e-7, "\(prices)")
                let fdj = (try market.revenue(firm: 0, prices: [prices[0], prices[1] + h])
                           - market.revenue(firm: 0, prices: [prices[0], prices[1] - h])) / (2 * h)
                XCTAssertEqual(s.crossRevenueSlope(1), fdj, accuracy: 1e-7, "\(prices)")
            }
        }
    }

    // MARK: - Kinds (glue)

    func testKindsProduceDeclaredColumns() throws {
        let duo: ParameterValue = .list([.text("uniform"), .text("uniform")])
        let cases: [(String, [String: ParameterValue])] = [
            ("screening.posted-price-equilibrium", ["distributions": .list([.text("uniform")]), "firms": .integer(3)]),
            ("screening.posted-price-best-response", ["distributions": duo, "opponent_price": .real(0.3)]),
            ("screening.posted-price-revenue", ["distributions": duo, "rho": .real(0.5), "own_price": .real(0.4), "prices": .list([.real(0), .real(0.3)])]),
            ("screening.posted-price-log-revenue-differences", ["distributions": duo, "grid": .integer(5)]),
            ("screening.posted-price-duopoly-fixed-points", ["distributions": duo, "scan_points": .integer(5), "grid_points": .integer(51)]),
        ]
        for (name, given) in cases {
            let k = try screeningKind(name)
            let p = kindValues(k, given)
            try k.validate(p)
            // Rows come out, each with exactly the declared columns and types.
            let rows = try k.run(p, .silent)
            XCTAssertFalse(rows.isEmpty, name)
            for row in rows {
                XCTAssertEqual(Set(row.keys), Set(k.columns.map(\.name)), name)
                for c in k.columns { XCTAssertEqual(row[c.name]?.type, c.type, "\(name): \(c.name)") }
            }
        }
        // The iid triopoly row: p³ + 3p − 1 = 0.
        let eq = try screeningKind("screening.posted-price-equilibrium")
        let rows = try eq.run(kindValues(eq, ["distributions": .list([.text("uniform")]), "firms": .integer(3)]), .silent)
        let p = rows[0]["price"]?.doubleValue ?? .nan
        XCTAssertEqual(p * p * p + 3 * p - 1, 0, accuracy: 1e-12)
    }

    func testKindsRejectBadInputNamingTheKey() throws {
        func rejected(_ name: String, _ given: [String: ParameterValue]) throws -> String? {
            let k = try screeningKind(name)
            do { try k.validate(kindValues(k, given)); return nil } catch let e as SolverInputError { return e.parameter }
        }
        let eq = "screening.posted-price-equilibrium"
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform")]), "firms": .integer(1)]), "firms")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform")])]), "firms")   // one distribution, firms defaulted
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform"), .text("uniform")]), "firms": .integer(3)]), "distributions")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform"), .text("beta(2)")])]), "distributions[1]")
        assertInputError(try screeningKind(eq), ["distributions": .list([.text("uniform"), .text("beta(2)")])], key: "distributions[1]",
                         mentioning: "the argument b of beta")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform"), .text("gauss")])]), "distributions[1]")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform"), .text("uniform")]), "rho": .real(1.5)]), "rho")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform"), .text("uniform")]), "rho": .real(-1.01)]), "rho")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform")]), "firms": .integer(3), "rho": .real(0.5)]), "rho")
        XCTAssertEqual(try rejected(eq, ["distributions": .list([.text("uniform")]), "firms": .integer(2), "grid_points": .integer(2)]), "grid_points")
        let br = "screening.posted-price-best-response"
        let duo: ParameterValue = .list([.text("uniform"), .text("uniform(upper=2)")])
        XCTAssertEqual(try rejected(br, ["distributions": duo, "opponent_price": .real(0.3), "prices": .list([.real(1.5), .real(0.2)])]), "prices[0]")
        XCTAssertEqual(try rejected(br, ["distributions": duo, "opponent_price": .real(0.3), "prices": .list([.real(0.5)])]), "prices")
        XCTAssertEqual(try rejected(br, ["distributions": duo, "opponent_price": .real(0.3), "firm": .integer(3)]), "firm")
        XCTAssertEqual(try rejected(br, ["distributions": duo, "opponent_price": .real(0.3), "opponent": .integer(1)]), "opponent")
        XCTAssertNil(try rejected(br, ["distributions": duo, "opponent_price": .real(1.9)]))   // θ̄_2 = 2
        // An out-of-range opponent price is reported at its own key, when the spec is read.
        XCTAssertEqual(try rejected(br, ["distributions": duo, "opponent_price": .real(2.5)]), "opponent_price")
        let fp = "screening.posted-price-duopoly-fixed-points"
        XCTAssertEqual(try rejected(fp, ["distributions": .list([.text("uniform")]), "firms": .integer(3)]), "firms")
        let tie = "screening.posted-price-equal-maxima"
        XCTAssertEqual(try rejected(tie, ["distributions": duo, "tune": .text("opponent_price"), "tuned_firm": .integer(1),
                                          "from": .real(0.1), "to": .real(0.3), "split": .real(0.27)]), "tuned_firm")
        XCTAssertEqual(try rejected(tie, ["distributions": duo, "tune": .text("weight"), "low": .text("uniform"), "high": .text("beta(0, 1)"),
                                          "from": .real(0.1), "to": .real(0.3), "split": .real(0.27)]), "high")
        assertInputError(try screeningKind(tie), ["distributions": duo, "tune": .text("weight"), "low": .text("uniform"), "high": .text("beta(0, 1)"),
                                                  "from": .real(0.1), "to": .real(0.3), "split": .real(0.27)], key: "high", mentioning: "argument a of beta")
        XCTAssertEqual(try rejected(tie, ["distributions": duo, "tune": .text("weight"),
                                          "from": .real(0.3), "to": .real(0.1), "split": .real(0.27)]), "from")
    }
}

/// The screened best-response scan (loose-tolerance quadratures decide the grid,
/// adaptive revenues only where they cannot) against the all-adaptive scan.
final class ScreenedBestResponseTests: XCTestCase {
    let laws = ["uniform", "mixture(0.2*uniform, 0.8*truncexp(rate=-40))", "beta(2, 1)", "beta(0.5, 2)",
                "mixture(0.4*uniform, 0.6*atoms(values=[0.8], masses=[1]))", "truncnormal(mean=0.7, sd=0.05)",
                "atoms(values=[0.3, 0.7], masses=[0.5, 0.5])", "linear(slope=-0.8, upper=1.5)"]

    func markets() throws -> [PostedPriceMarket] {
        let ds = try laws.map { try TypeDistribution(parsing: $0) }
        var out: [PostedPriceMarket] = []
        var rng = Xoshiro256StarStar(seed: 2026)
        for _ in 0..<14 {
            let own = ds[rng.nextInt(in: 0...(ds.count - 1))], opp = ds[rng.nextInt(in: 0...(ds.count - 1))]
            out.append(try PostedPriceMarket(valuations: [own, opp]))
        }
        out.append(try PostedPriceMarket(valuations: [ds[0], ds[1], ds[2]]))
        out.append(try PostedPriceMarket(valuations: [ds[0], ds[0]], copula: .fgm(rho: 0.5)))
        out.append(try PostedPriceMarket(valuations: [ds[1], ds[2]], copula: .fgm(rho: -0.7)))
        return out
    }

    func testScreenBoundCoversTheAdaptiveRevenue() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        for m in try markets() {
            for _ in 0..<20 {
                let p = m.upperPrices.map { $0 * rng.nextDouble() }
                let screen = m.revenueScreen(firm: 0, prices: p)
                let adaptive = try m.revenueUnchecked(firm: 0, prices: p)
                XCTAssertLessThanOrEqual(abs(screen.estimate - adaptive), screen.bound + 1e-12 * max(1, abs(adaptive)),
                                         "\(m.valuations) at \(p)")
            }
        }
    }

    func testScreenedScanGivesTheAllAdaptiveLocalMaxima() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        for m in try markets() {
            for _ in 0..<3 {
                var p = m.upperPrices.map { $0 * rng.nextDouble() }
                p[0] = 0
                let grid = [51, 201][rng.nextInt(in: 0...1)]
                let screened = try m.smoothLocalMaxima(firm: 0, prices: p, in: 0, m.valuations[0].upper, gridPoints: grid)
                let reference = try m.smoothLocalMaxima(firm: 0, prices: p, in: 0, m.valuations[0].upper, gridPoints: grid, screened: false)
                XCTAssertEqual(screened, reference, "\(m.valuations) at \(p)")
            }
        }
    }
}
