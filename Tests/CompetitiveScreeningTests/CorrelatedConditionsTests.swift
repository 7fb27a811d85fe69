import XCTest
import Harness
import Distributions
import Numerics
@testable import CompetitiveScreening

final class CorrelatedConditionsTests: XCTestCase {
    private func d(_ text: String) throws -> TypeDistribution { try TypeDistribution(parsing: text) }

    private func fgm(_ own: String, _ opponent: String = "uniform", rho: Double) throws -> ValuationPair {
        ValuationPair(own: try d(own), opponent: try d(opponent), copula: .fgm(rho: rho))
    }

    // MARK: - Example 5.1 closed form

    func testUniformMarginalsMinimumIsTheCornerMinimum() throws {
        // Uniform marginals: D = 2, u = θ, f = 1, so N = raw/(2v) = 1 + ρ(1 − v)(1 − 2θ) − ρθ(1 − v)
        // = 1 + ρ(1 − v)(1 − 3θ): bilinear in (θ, v), minimised at a corner of [0, 1]²:
        // (0, 0) → 1 + ρ, (1, 0) → 1 − 2ρ, (·, 1) → 1. Hence min(1 + ρ, 1 − 2ρ, 1) ≥ 0 ⇔ ρ ∈ [−1, 1/2].
        for k in 0...40 {
            let rho = -1 + Double(k) / 20
            let r = try CorrelatedConditions.correlationAdjustedDensityRegularity(try fgm("uniform", rho: rho))
            XCTAssertEqual(r.margin, min(1 + rho, 1 - 2 * rho, 1), accuracy: 1e-15, "ρ = \(rho)")
            XCTAssertEqual(r.holds, rho <= 0.5, "ρ = \(rho)")
            XCTAssertEqual(r.argminX, 0)
            if rho > 0 { XCTAssertEqual(r.argminTheta, 1) }
            if rho < 0 { XCTAssertEqual(r.argminTheta, 0) }
            XCTAssertTrue(r.method.hasPrefix("exact corners"))
            // Three-way check against the paper's raw expression through the conditional cdf,
            // divided by 2F₂(x) on a grid with x > 0.
            let pair = try fgm("uniform", rho: rho)
            var brute = Double.infinity
            for i in 0...50 {
                for j in 1...50 {
                    let theta = Double(i) / 50, x = Double(j) / 50
                    let raw = 2 * pair.conditionalCDF(x, given: theta) + theta * pair.conditionalCDFDerivative(x, given: theta)
                    brute = min(brute, raw / (2 * x))
                }
            }
            XCTAssertEqual(brute, 1 + rho * (1 - 1.0 / 50) * (rho >= 0 ? -2 : 1), accuracy: 1e-12, "ρ = \(rho)")
        }
    }

    func testThresholdIsOneHalfToTwelveDigits() throws {
        let t = try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: .uniform(), opponent: .uniform(), tolerance: 1e-12))
        // 1 − 2ρ ≥ 0 ⇔ ρ ≤ 1/2 (closed form above).
        XCTAssertLessThanOrEqual(t.largest.holds, 0.5)
        XCTAssertGreaterThan(try XCTUnwrap(t.largest.fails), 0.5)
        XCTAssertLessThan(t.largest.width, 1e-12)
        XCTAssertEqual(t.smallest.holds, -1)
        XCTAssertNil(t.smallest.fails)
    }

    func testThresholdsForOtherOwnMarginals() throws {
        // Own Beta(α, 1): D = α(α + 1)θ^{α−1}, F₁ = θ^α, f₁ = αθ^{α−1}. At v = 0,
        // 2N = αθ^{α−1}[(α + 1)(1 + ρ − 2ρθ^α) − 2ραθ^α] = αθ^{α−1}[(α + 1)(1 + ρ) − 2ρ(2α + 1)θ^α],
        // whose bracket is smallest at θ = 1 for ρ > 0: ≥ 0 ⇔ ρ ≤ (α + 1)/(3α + 1) (1/2 at α = 1).
        for alpha in [1.5, 2, 3, 5] {
            let t = try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: try d("beta(\(alpha), 1)"), opponent: .uniform()))
            XCTAssertEqual(t.largest.holds, (alpha + 1) / (3 * alpha + 1), accuracy: 2e-12, "α = \(alpha)")
            XCTAssertEqual(t.smallest.holds, -1)
        }
        // When the minimum sits at θ = θ̄: D(θ̄)(1 − ρ) − 2ρθ̄f(θ̄)² ≥ 0 ⇔ ρ ≤ D(θ̄)/(D(θ̄) + 2θ̄f(θ̄)²).
        // linear(0.5): f = 1/2 + θ, D = 1 + 3θ: 4/(4 + 2·2.25) = 8/17. polynomial 1/2 + 3θ²/2: D = 1 + 6θ², 7/(7 + 8) = 7/15.
        // truncexp(1): D(1) = f(1), so 1/(1 + 2f(1)).
        let e = try d("truncexp(rate=1)")
        for (text, expected) in [("linear(slope=0.5)", 8.0 / 17), ("polynomial(coefficients=[0.5, 0, 1.5])", 7.0 / 15),
                                 ("truncexp(rate=1)", 1 / (1 + 2 * e.pdf(1))), ("uniform(upper=2)", 0.5)] {
            let t = try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: try d(text), opponent: .uniform()))
            XCTAssertEqual(t.largest.holds, expected, accuracy: 2e-12, text)
        }
        // linear(−0.5): D(1) = 0 and f(1) = 1/2, so 2N(1, 0) = −ρ/2 < 0 for every ρ > 0: threshold 0.
        let flat = try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: try d("linear(slope=-0.5)"), opponent: .uniform()))
        XCTAssertEqual(flat.largest.holds, 0)
        // Not density-regular: Def 5.2 fails at v = 1 whatever ρ.
        XCTAssertNil(try CorrelatedConditions.fgmThreshold(own: try d("truncexp(rate=3)"), opponent: .uniform()))
    }

    func testOpponentMarginalIsIrrelevantForFGM() throws {
        // N depends on x only through v = F₂(x), whose range is [0, 1] for every continuous F₂.
        let opponents = ["uniform", "beta(2, 5)", "truncnormal(mean=0.3, sd=0.2, upper=2)", "linear(slope=-1, upper=3)"]
        for own in ["uniform", "beta(2, 1)", "truncexp(rate=1)"] {
            let margins = try opponents.map { try CorrelatedConditions.correlationAdjustedDensityRegularity(try fgm(own, $0, rho: 0.3)).margin }
            for m in margins { XCTAssertEqual(m, margins[0], "\(own)") }
            let thresholds = try opponents.map { try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: try d(own), opponent: try d($0))).largest.holds }
            for t in thresholds { XCTAssertEqual(t, thresholds[0], "\(own)") }
        }
    }

    func testExactCornersAgreeWithTheGenericGrid() throws {
        let owns = ["uniform", "uniform(upper=2)", "beta(2, 1)", "beta(3, 1)", "linear(slope=0.5)", "linear(slope=-0.5)", "truncexp(rate=1)",
                    "truncnormal(mean=0.5, sd=0.3)", "polynomial(coefficients=[0.5, 0, 1.5])"]
        for own in owns {
            for rho in [-0.8, -0.3, 0, 0.2, 0.45, 0.9] {
                let pair = try fgm(own, "beta(2, 2)", rho: rho)
                let exact = try CorrelatedConditions.correlationAdjustedDensityRegularity(pair)
                let grid = try CorrelatedConditions.correlationAdjustedGrid(pair)
                XCTAssertEqual(grid.margin, exact.margin, accuracy: 1e-8 * max(1, abs(exact.margin)), "\(own) ρ = \(rho)")
            }
        }
    }

    func testIndependenceReducesToDensityRegularity() throws {
        // C_u = v, C_uu = 0: N = D/2 at every v.
        let checker = try DensityConditionChecker()
        for own in ["uniform", "beta(2, 1)", "truncexp(rate=3)"] {
            let pair = ValuationPair(own: try d(own), opponent: .uniform(), copula: .independent)
            let r = try CorrelatedConditions.correlationAdjustedDensityRegularity(pair)
            XCTAssertEqual(r.margin, checker.check(.densityRegularity, pair.own).raw!.margin / 2, accuracy: 1e-12, own)
            let nd = try CorrelatedConditions.negativeDependence(pair)
            XCTAssertEqual(nd.normalisedMargin, 0)
            XCTAssertEqual(nd.verdict, .holdsWeakly)
        }
    }

    func testNegativeDependenceIffRhoNonPositive() throws {
        // ∂_θ F_{2|1} = f₁ · (−2ρ v(1 − v)): normalised −2ρ; raw minimum −ρ/2 (at v = 1/2) for ρ > 0, 0 for ρ ≤ 0.
        for rho in [-1.0, -0.4, 0, 0.3, 1] {
            let nd = try CorrelatedConditions.negativeDependence(try fgm("uniform", rho: rho))
            XCTAssertEqual(nd.normalisedMargin, -2 * rho, accuracy: 1e-14)
            XCTAssertEqual(nd.rawMargin, rho > 0 ? -rho / 2 : 0, accuracy: 1e-12)
            XCTAssertEqual(nd.holds, rho <= 0)
            XCTAssertEqual(nd.verdict, rho < 0 ? .holdsStrictly : (rho == 0 ? .holdsWeakly : .fails))
        }
    }

    func testRawFormVanishesAtZeroAndIsNegativePastTheThreshold() throws {
        // raw(θ, v) = 2v·N; at θ = 1 with uniform marginals N = 1 − 2ρ(1 − v), so raw = 2v − 4ρv(1 − v),
        // minimised at v = (2ρ − 1)/(4ρ) with value −(2ρ − 1)²/(4ρ) for ρ > 1/2.
        for rho in [0.6, 0.8, 1] {
            let r = try CorrelatedConditions.correlationAdjustedDensityRegularity(try fgm("uniform", rho: rho))
            XCTAssertEqual(r.rawMargin, -(2 * rho - 1) * (2 * rho - 1) / (4 * rho), accuracy: 1e-12)
            XCTAssertEqual(r.rawArgminX, (2 * rho - 1) / (4 * rho), accuracy: 1e-9)
        }
        XCTAssertEqual(try CorrelatedConditions.correlationAdjustedDensityRegularity(try fgm("uniform", rho: 0.3)).rawMargin, 0)
    }

    /// The raw form checked on θ₂ ≥ h (it vanishes at θ₂ = 0). Uniform marginals: raw = 2v[1 + ρ(1 − v)(1 − 3θ)],
    /// smallest at θ = 1, so it holds iff ρ ≤ 1/(2(1 − h)) (200/399 for h = 1/400, 5/9 for h = 1/10).
    /// Beta(2, 1) own marginal: N = 3θ[1 + ρ(1 − v)(1 − (10/3)θ²)], smallest at θ = 1: ρ ≤ 3/(7(1 − h)).
    func testRawFormThresholdAwayFromZero() throws {
        for (h, expected) in [(0.0025, 200.0 / 399), (0.1, 5.0 / 9), (0.5, 1.0)] {
            let t = try XCTUnwrap(CorrelatedConditions.fgmRawThreshold(own: .uniform(), opponent: .uniform(), floor: h, tolerance: 1e-12))
            XCTAssertEqual(t.holds, expected, accuracy: 2e-12, "h = \(h)")
            if expected < 1 { XCTAssertEqual(try XCTUnwrap(t.fails), expected, accuracy: 2e-12) } else { XCTAssertNil(t.fails) }
        }
        let beta = try XCTUnwrap(CorrelatedConditions.fgmRawThreshold(own: try d("beta(2, 1)"), opponent: .uniform(), floor: 0.1, tolerance: 1e-12))
        XCTAssertEqual(beta.holds, 3 / (7 * 0.9), accuracy: 1e-9)
        // As h → 0 the raw threshold falls to the normalised one (the paper's 1/2, "by continuity").
        let normalised = try XCTUnwrap(CorrelatedConditions.fgmThreshold(own: .uniform(), opponent: .uniform(), tolerance: 1e-12)).largest.holds
        let tiny = try XCTUnwrap(CorrelatedConditions.fgmRawThreshold(own: .uniform(), opponent: .uniform(), floor: 1e-9, tolerance: 1e-12))
        XCTAssertEqual(tiny.holds, normalised, accuracy: 1e-8)
        XCTAssertThrowsError(try CorrelatedConditions.fgmRawThreshold(own: .uniform(), opponent: .uniform(), floor: 0))
    }

    // MARK: - Bad input

    func testKindsRejectBadInput() throws {
        let c = try screeningKind("screening.correlated-conditions")
        assertInputError(c, ["rho": .real(1.5)], key: "rho")
        assertInputError(c, ["rho": .real(-1.01)], key: "rho")
        assertInputError(c, ["own": .text("atoms(values=[0.4, 1], masses=[0.5, 0.5])")], key: "own")
        assertInputError(c, ["own": .text("beta(0.5, 0.5)")], key: "own")
        assertInputError(c, ["own": .text("truncexp(rate=x)")], key: "own", mentioning: "a number (decimal or fraction such as 1/3) (rate)")
        assertInputError(c, ["opponent": .text("piecewise(knots=[0, 1], densities=[1, 2])")], key: "opponent", mentioning: "argument densities of piecewise")
        assertInputError(c, ["grid": .integer(0)], key: "grid")
        assertInputError(c, ["general_grid": .integer(100_000)], key: "general_grid")
        assertInputError(c, ["probe_theta": .real(2)], key: "probe_theta")
        let t = try screeningKind("screening.correlation-threshold")
        assertInputError(t, ["own": .text("truncexp(rate=3)")], key: "own")
        assertInputError(t, ["tolerance": .real(0)], key: "tolerance")
        assertInputError(t, ["grid": .integer(2)], key: "grid")
        XCTAssertThrowsError(try Copula.fgmChecked(rho: 2)) { XCTAssertEqual($0 as? CompetitiveScreeningError, .fgmParameter(rho: 2)) }
    }

    func testKindRowAtRhoOneHalf() throws {
        let c = try screeningKind("screening.correlated-conditions")
        var all: [String: ParameterValue] = [:]
        for p in c.parameters { if let v = p.defaultValue { all[p.name] = v } }
        all["rho"] = .real(0.5)
        let row = try c.run(ParameterValues(all), .silent)[0]
        XCTAssertEqual(row["margin"], .real(0))
        XCTAssertEqual(row["verdict"], .text("holds weakly"))
        XCTAssertEqual(row["corner_10"], .real(0))
        XCTAssertEqual(row["corner_00"], .real(1.5))
        XCTAssertEqual(row["grid_agrees"], .boolean(true))
        XCTAssertEqual(row["negatively_dependent"], .boolean(false))
        // F_{2|1}(1/2 | 1/4) = ½[1 + ρ·½·½] and its θ-derivative −2ρ·¼ at ρ = ½.
        XCTAssertEqual(row["conditional_cdf"], .real(0.5625))
        XCTAssertEqual(row["conditional_cdf_theta_derivative"], .real(-0.25))
    }
}
