import XCTest
import Harness
import Distributions
import Numerics
@testable import CompetitiveScreening

final class DensityConditionsTests: XCTestCase {
    let checker = try! DensityConditionChecker()

    private func d(_ text: String) throws -> TypeDistribution { try TypeDistribution(parsing: text) }

    private func result(_ c: DensityCondition, _ text: String) throws -> DensityConditionResult { checker.check(c, try d(text)) }

    // MARK: - Closed forms

    func testUniformIsExactOnEveryForm() throws {
        // f = 1/θ̄, f′ = f″ = 0: 2f + θf′ = 2/θ̄, 2 + θf′/f = 2, 2f² + (1 − F)f′ = 2/θ̄², v′ = 2,
        // f′² − f f″ = 0 = −(ln f)″.
        for upper in [1.0, 2.0, 0.5] {
            let u = TypeDistribution.uniform(upper: upper)
            let dr = checker.check(.densityRegularity, u), my = checker.check(.myersonRegularity, u), lc = checker.check(.logConcavity, u)
            XCTAssertEqual(dr.raw!.margin, 2 / upper, accuracy: 1e-15)
            XCTAssertEqual(dr.normalised!.margin, 2, accuracy: 1e-15)
            XCTAssertEqual(my.raw!.margin, 2 / (upper * upper), accuracy: 1e-15)
            XCTAssertEqual(my.normalised!.margin, 2, accuracy: 1e-15)
            XCTAssertEqual(lc.raw!.margin, 0)
            XCTAssertEqual(lc.normalised!.margin, 0)
            XCTAssertEqual(dr.raw!.method, .exactPieceEnds)
            XCTAssertEqual(dr.verdict, .holdsStrictly)
            XCTAssertEqual(my.verdict, .holdsStrictly)
            XCTAssertEqual(lc.verdict, .holdsWeakly)
            XCTAssertTrue(lc.holds, "log-concavity is a weak inequality")
        }
    }

    func testBetaAlphaOneBothForms() throws {
        // Beta(α, 1): f = αθ^{α−1}, F = θ^α.
        //   2f + θf′ = α(α + 1)θ^{α−1}: 2 for α = 1, else 0 at θ = 0 (f(0) = 0) and positive after;
        //   2 + θf′/f = α + 1 everywhere;
        //   v′ = 2 + (α − 1)(1 − θ^α)/(αθ^α), decreasing to 2 at θ = 1;
        //   −(ln f)″ = (α − 1)/θ², minimal at θ = 1: α − 1;
        //   f′² − f f″ = α²(α − 1)θ^{2α−4}: 1.125 at θ = 1 for α = 1.5, 4 for α = 2, 0 at θ = 0 for α > 2.
        for alpha in [1.0, 1.5, 2, 3, 5] {
            let text = "beta(\(alpha), 1)"
            let dr = try result(.densityRegularity, text)
            if alpha == 1 {
                XCTAssertEqual(dr.raw!.margin, 2, accuracy: 1e-12)
                XCTAssertEqual(dr.verdict, .holdsStrictly)
            } else {
                XCTAssertEqual(dr.raw!.margin, 0, text)
                XCTAssertEqual(dr.raw!.argmin, 0, text)
                XCTAssertEqual(dr.verdict, .holdsWeakly, "\(text): the strict inequality fails at θ = 0 only")
                XCTAssertFalse(dr.holds)
            }
            XCTAssertEqual(dr.normalised!.margin, alpha + 1, accuracy: 1e-12, text)
            XCTAssertEqual(dr.normalised!.verdict, .holdsStrictly)
            let my = try result(.myersonRegularity, text)
            XCTAssertEqual(my.normalised!.margin, 2, accuracy: 1e-9, text)
            if alpha > 1 { XCTAssertEqual(my.normalised!.argmin, 1, accuracy: 1e-6, text) }
            XCTAssertTrue(my.holds)
            let lc = try result(.logConcavity, text)
            XCTAssertEqual(lc.normalised!.margin, alpha - 1, accuracy: 1e-9, text)
            let rawLC = alpha == 1.5 ? 1.125 : (alpha == 2 ? 4 : 0)
            XCTAssertEqual(lc.raw!.margin, rawLC, accuracy: 1e-9, text)
            XCTAssertTrue(lc.holds, text)
        }
    }

    func testTruncatedExponentialBoundaryAtRateTwo() throws {
        // f = λe^{−λθ}/(1 − e^{−λθ̄}): 2f + θf′ = f(θ)(2 − λθ), whose θ-derivative is λ f (λθ − 3):
        // decreasing on [0, 3/λ], so for λθ̄ ≤ 3 the minimum is f(θ̄)(2 − λθ̄) at θ̄ (zero at λθ̄ = 2),
        // and for λ = 5 on [0, 1] it is −f(3/5) at θ = 3/5. Normalised: 2 − λθ, minimum 2 − λθ̄.
        for rate in [1.0, 2, 3] {
            let e = try d("truncexp(rate=\(rate))")
            let dr = checker.check(.densityRegularity, e)
            XCTAssertEqual(dr.raw!.margin, e.pdf(1) * (2 - rate), accuracy: 1e-13)
            XCTAssertEqual(dr.raw!.argmin, 1)
            XCTAssertEqual(dr.normalised!.margin, 2 - rate, accuracy: 1e-12)
            XCTAssertEqual(dr.verdict, rate < 2 ? .holdsStrictly : (rate == 2 ? .holdsWeakly : .fails))
        }
        let e5 = try d("truncexp(rate=5)")
        let dr5 = checker.check(.densityRegularity, e5)
        XCTAssertEqual(dr5.raw!.margin, -e5.pdf(0.6), accuracy: 1e-12)
        XCTAssertEqual(dr5.raw!.argmin, 0.6, accuracy: 1e-6)
        // (ln f)″ = 0: log-concave (weakly), hence Myerson regular.
        for rate in [1.0, 3, 5] {
            XCTAssertEqual(try result(.logConcavity, "truncexp(rate=\(rate))").verdict, .holdsWeakly)
            XCTAssertTrue(try result(.myersonRegularity, "truncexp(rate=\(rate))").holds)
        }
    }

    func testTruncatedExponentialThresholdIsTwoOverUpper() throws {
        // 2 − λθ̄ > 0 ⇔ λ < 2/θ̄ (previous test): the largest rate is 2/θ̄, not attained.
        for upper in [0.5, 1.0, 2.0] {
            let t = try checker.threshold(.densityRegularity, from: 0, to: 10, tolerance: 1e-12) { x in
                try TypeDistribution(.truncatedExponential(rate: x), upper: upper)
            }
            XCTAssertLessThan(t.holds, 2 / upper)
            XCTAssertGreaterThanOrEqual(t.fails, 2 / upper)
            XCTAssertLessThan(t.width, 1e-12)
        }
        XCTAssertThrowsError(try checker.threshold(.densityRegularity, from: 0, to: 1) { try TypeDistribution(.truncatedExponential(rate: $0)) }) {
            XCTAssertEqual(shortForm($0), "sameStatusAtBothEnds")
        }
    }

    func testLinearDensities() throws {
        // f = (1 − s) + 2sθ on [0, 1]: 2f + θf′ = 2(1 − s) + 6sθ (affine: exact at the ends),
        // minimum 2(1 − s) at 0 for s ≥ 0 and 2 + 4s at 1 for s < 0; f′² − f f″ = 4s².
        for s in [0.5, 1, -0.5, -1] {
            let dr = try result(.densityRegularity, "linear(slope=\(s))")
            XCTAssertEqual(dr.raw!.method, .exactPieceEnds)
            XCTAssertEqual(dr.raw!.margin, s >= 0 ? 2 * (1 - s) : 2 + 4 * s, accuracy: 1e-14)
            XCTAssertEqual(try result(.logConcavity, "linear(slope=\(s))").raw!.margin, 4 * s * s, accuracy: 1e-14)
        }
    }

    func testEveryVerdictOfTheFamiliesTable() throws {
        // (distribution, density-regularity, Myerson, log-concavity), each derived by hand:
        let table: [(String, ConditionVerdict, ConditionVerdict, ConditionVerdict)] = [
            // constant density: 2f > 0, v′ = 2, (ln f)″ = 0.
            ("uniform", .holdsStrictly, .holdsStrictly, .holdsWeakly),
            ("uniform(upper=2)", .holdsStrictly, .holdsStrictly, .holdsWeakly),
            // Beta(α, 1), α > 1: raw DR 0 at θ = 0 (f(0) = 0); v′ ≥ 2; (ln f)″ = −(α − 1)/θ² < 0.
            ("beta(1.5, 1)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            ("beta(2, 1)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            ("beta(3, 1)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            ("beta(5, 1)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            // Beta(2, 2): 2f + θf′ = 6θ(3 − 4θ) < 0 for θ > 3/4; v′ → 3/2 at 1; (ln f)″ = −1/θ² − 1/(1 − θ)².
            ("beta(2, 2)", .fails, .holdsStrictly, .holdsStrictly),
            // arcsine: 2f + θf′ = f(3/2 + θ/(2(1 − θ))) > 0; v′ → −∞ and (ln f)″ = 1/(2θ²) + 1/(2(1 − θ)²) > 0.
            ("beta(0.5, 0.5)", .holdsStrictly, .fails, .fails),
            // linear (previous test); v′ = 2 + (1 − F)·2s/f² > 0 since f² > (1 − F)|s| for |s| ≤ 1, ln of an affine f is concave.
            ("linear(slope=0.5)", .holdsStrictly, .holdsStrictly, .holdsStrictly),
            ("linear(slope=1)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            ("linear(slope=-0.5)", .holdsWeakly, .holdsStrictly, .holdsStrictly),
            ("linear(slope=-1)", .fails, .holdsStrictly, .holdsStrictly),
            // truncated exponential: 2 − λθ; (ln f)″ = 0.
            ("truncexp(rate=1)", .holdsStrictly, .holdsStrictly, .holdsWeakly),
            ("truncexp(rate=2)", .holdsWeakly, .holdsStrictly, .holdsWeakly),
            ("truncexp(rate=3)", .fails, .holdsStrictly, .holdsWeakly),
            ("truncexp(rate=-2)", .holdsStrictly, .holdsStrictly, .holdsWeakly),
            // truncated normal N(0.5, 0.2²): 2 + θf′/f = 2 − θ(θ − 0.5)/0.04 < 0 at θ = 1; (ln f)″ = −25.
            ("truncnormal(mean=0.5, sd=0.2)", .fails, .holdsStrictly, .holdsStrictly),
            // two sharp peaks: f falls steeply after each; not log-concave; v falls in the valley.
            ("mixture(0.5*truncnormal(mean=0.25, sd=0.05), 0.5*truncnormal(mean=0.75, sd=0.05))", .fails, .fails, .fails),
            // f = 1/2 + 3θ²/2 non-decreasing; f f″ − f′² = 3/2 − 9θ²/2 > 0 near 0.
            ("polynomial(coefficients=[0.5, 0, 1.5])", .holdsStrictly, .holdsStrictly, .fails),
            // tent with a concave kink: at θ = 1, 2(0.5) + 1·(−2) = −1.
            ("piecewise(knots=[0, 0.5, 1], densities=[0.5, 1.5, 0.5])", .fails, .holdsStrictly, .holdsStrictly),
            // steep exponential bump plus uniform (see testDensityRegularityDoesNotImplyMyerson).
            ("mixture(0.5*truncexp(rate=20), 0.5*uniform)", .holdsStrictly, .fails, .fails),
        ]
        for (text, dr, my, lc) in table {
            XCTAssertEqual(try result(.densityRegularity, text).verdict, dr, text)
            XCTAssertEqual(try result(.myersonRegularity, text).verdict, my, text)
            XCTAssertEqual(try result(.logConcavity, text).verdict, lc, text)
        }
    }

    // MARK: - Non-implications and Sec 3.2

    func testNeitherDensityRegularityNorLogConcavityImpliesTheOther() throws {
        // truncexp(rate=3): ln f linear (log-concave), 2 − 3θ < 0 near 1.
        XCTAssertTrue(try result(.logConcavity, "truncexp(rate=3)").holds)
        XCTAssertFalse(try result(.densityRegularity, "truncexp(rate=3)").holds)
        // f = 1/2 + 3θ²/2: f′ ≥ 0 so 2f + θf′ ≥ 2f ≥ 1; f f″ − f′² = 3/2 − 9θ²/2 = 3/2 at θ = 0.
        let p = try result(.logConcavity, "polynomial(coefficients=[0.5, 0, 1.5])")
        XCTAssertFalse(p.holds)
        XCTAssertEqual(p.raw!.margin, -1.5, accuracy: 1e-12)
        XCTAssertTrue(try result(.densityRegularity, "polynomial(coefficients=[0.5, 0, 1.5])").holds)
    }

    func testDensityRegularityDoesNotImplyMyerson() throws {
        // f = ½·20e^{−20θ}/(1 − e^{−20}) + ½. At θ = 0.1 (e^{−2} ≈ 0.1353):
        //   f ≈ 10e^{−2} + ½ ≈ 1.853, f′ ≈ −200e^{−2} ≈ −27.07, 1 − F ≈ 1 − ½(1 − e^{−2}) − 0.05 ≈ 0.5177,
        //   2f² + (1 − F)f′ ≈ 6.87 − 14.01 < 0 (Myerson fails), 2f + θf′ ≈ 3.71 − 2.71 > 0.
        // 2f + θf′ = ½·c·e^{−20θ}(2 − 20θ) + 1 with c = 20/(1 − e^{−20}); its minimum over θ is at
        // θ = 0.15 where e^{−3}(2 − 3) = −e^{−3}: 1 − 10e^{−3}/(1 − e^{−20}) ≈ 0.502 > 0.
        let text = "mixture(0.5*truncexp(rate=20), 0.5*uniform)"
        let m = try d(text)
        let x = 0.1, f = m.pdf(x), fp = m.pdfDerivative(x)
        XCTAssertLessThan(2 * f * f + (1 - m.cdf(x)) * fp, -7)
        let dr = try result(.densityRegularity, text)
        XCTAssertEqual(dr.raw!.margin, 1 - 10 * exp(-3) / -expm1(-20), accuracy: 1e-10)
        XCTAssertEqual(dr.raw!.argmin, 0.15, accuracy: 1e-6)
        XCTAssertTrue(dr.holds)
        XCTAssertFalse(try result(.myersonRegularity, text).holds)
        // The converse: truncexp(rate=3) is Myerson regular (log-concave) but not density-regular.
        XCTAssertTrue(try result(.myersonRegularity, "truncexp(rate=3)").holds)
    }

    func testWeightedVirtualValueIsTheDensityRegularityIntegral() throws {
        // d/dθ [θf − (1 − F)] = 2f + θf′ (Sec 3.2), so v·f increases strictly exactly when the raw form
        // is > 0 except at isolated points: computed from f and F only, it must agree with the verdicts.
        for text in ["uniform", "beta(2, 1)", "linear(slope=0.5)", "truncexp(rate=1)", "truncexp(rate=3)", "beta(2, 2)",
                     "truncnormal(mean=0.5, sd=0.2)", "polynomial(coefficients=[0.5, 0, 1.5])"] {
            let dist = try d(text)
            let shape = try XCTUnwrap(DensityShape(dist))
            XCTAssertEqual(shape.weightedVirtualValueIncreasing, checker.check(.densityRegularity, dist).verdict != .fails, text)
            // Second method: ∫₀^θ̄ (2f + θf′) dθ = [θf − (1 − F)]₀^θ̄ = θ̄f(θ̄) + 1.
            let integral = try Quadrature.integrate({ 2 * dist.pdf($0) + $0 * dist.pdfDerivative($0) }, from: 0, to: dist.upper,
                                                    absoluteTolerance: 1e-12, relativeTolerance: 1e-12)
            XCTAssertEqual(integral.value, dist.upper * dist.pdf(dist.upper) + 1, accuracy: 1e-9, text)
        }
        // The bimodal mixture's v·f crosses zero three times (not single crossing).
        XCTAssertEqual(DensityShape(try d("mixture(0.5*truncnormal(mean=0.25, sd=0.05), 0.5*truncnormal(mean=0.75, sd=0.05))"))!.weightedVirtualValueSignChanges, 3)
    }

    // MARK: - Second method: dense brute force

    func testGridAndBrentAgreeWithADenseGrid() throws {
        // Brute force on 50 001 points (no refinement) versus the 401-point grid + Brent: Brent's value is
        // never above the brute-force minimum and within the brute force's own O(spacing²) error of it.
        var interiorMinima = 0
        let families = ["truncnormal(mean=0.5, sd=0.2)", "truncnormal(mean=0.8, sd=0.3)", "beta(2.5, 3.5)", "mixture(0.5*truncexp(rate=20), 0.5*uniform)",
                        "polynomial(coefficients=[0.5, 0, 1.5])", "truncexp(rate=5)"]
        for text in families {
            let dist = try d(text)
            let local = DensityForms(dist)
            for c in DensityCondition.allCases {
                let r = checker.check(c, dist)
                var brute = Double.infinity
                let n = 50_000
                for k in 1..<n {  // interior points (the ends are limits, checked elsewhere)
                    let v = local.expression(c, .raw, at: dist.upper * Double(k) / Double(n), side: .right).value
                    if v < brute { brute = v }
                }
                let m = r.raw!.margin
                if m.isFinite && brute.isFinite && r.raw!.argmin > 0 && r.raw!.argmin < dist.upper {
                    XCTAssertLessThanOrEqual(m, brute + 1e-12, "\(text) \(c)")
                    XCTAssertEqual(m, brute, accuracy: 1e-5 * max(1, abs(brute)), "\(text) \(c)")
                    interiorMinima += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(interiorMinima, 5)
    }

    func testConvexKinkBreaksLogConcavity() throws {
        // A V-shaped density: f′ jumps from −2 to +2 at 1/2, a positive Dirac mass in (ln f)″.
        let v = try d("piecewise(knots=[0, 0.5, 1], densities=[1.5, 0.5, 1.5])")
        let lc = checker.check(.logConcavity, v)
        XCTAssertEqual(lc.verdict, .fails)
        XCTAssertEqual(lc.raw!.argmin, 0.5)
        XCTAssertEqual(lc.raw!.margin, -.infinity)
        // Density-regularity sees only one-sided values: at 1/2⁻, 2·0.5 + 0.5·(−2) = 0.
        XCTAssertEqual(checker.check(.densityRegularity, v).raw!.margin, 0)
    }

    // MARK: - Not applicable and bad input

    func testAtomsAreNotApplicable() throws {
        for text in ["atoms(values=[0.4, 1], masses=[0.5, 0.5])", "mixture(0.5*uniform, 0.5*atoms(values=[0.3], masses=[1]))"] {
            for c in DensityCondition.allCases {
                let r = try result(c, text)
                XCTAssertEqual(r.verdict, .notApplicable, text)
                XCTAssertNil(r.raw)
                XCTAssertFalse(r.holds)
                XCTAssertNotNil(r.notApplicableReason)
            }
        }
    }

    func testGridSizesAreRefused() {
        for n in [0, 2, 2_000_000] {
            XCTAssertThrowsError(try DensityConditionChecker(gridPoints: n)) {
                guard case .setting(.conditionGrid, _, _)? = $0 as? CompetitiveScreeningError else { return XCTFail("\($0)") }
            }
        }
    }

    func testKindRejectsBadInput() throws {
        let k = try screeningKind("screening.density-conditions")
        assertInputError(k, ["distribution": .text("beta(2)")], key: "distribution", mentioning: "the argument b of beta")
        assertInputError(k, ["distribution": .text("truncnormal(mean=0.5, sd=-1)")], key: "distribution", mentioning: "argument sd of truncnormal")
        assertInputError(k, ["distribution": .text("gamma(2)")], key: "distribution")
        // Formula densities: negative or non-finite somewhere on [0, θ̄], or unreadable, name the key and the formula.
        assertInputError(k, ["distribution": .text("density(t - 0.5)")], key: "distribution", mentioning: "non-negative")
        assertInputError(k, ["distribution": .text("density(1/(t - 0.5))")], key: "distribution", mentioning: "finite")
        assertInputError(k, ["distribution": .text("density(exp(t) + sin(t))")], key: "distribution", mentioning: "argument expression of density")
        assertInputError(k, ["distribution": .text("cdf(t - t^2)")], key: "distribution", mentioning: "argument expression of cdf")
        assertInputError(k, ["distribution": .text("uniform"), "grid": .integer(0)], key: "grid")
        assertInputError(k, ["distribution": .text("uniform"), "grid": .integer(1_000_000_000)], key: "grid")
        let t = try screeningKind("screening.density-condition-threshold")
        let base: [String: ParameterValue] = ["family": .text("truncexp(rate={x})"), "condition": .text("density-regularity"),
                                              "from": .real(0), "to": .real(10)]
        assertInputError(t, base.merging(["family": .text("truncexp(rate=2)")]) { $1 }, key: "family")
        assertInputError(t, base.merging(["to": .real(1)]) { $1 }, key: "from")
        assertInputError(t, base.merging(["family": .text("truncexp(rate={x}, upper=-1)")]) { $1 }, key: "family", mentioning: "argument upper of truncexp")
    }

    func testKindRowForBetaTwoOne() throws {
        let k = try screeningKind("screening.density-conditions")
        var p: [String: ParameterValue] = ["grid": .integer(401)]
        p["distribution"] = .text("beta(2, 1)")
        let row = try k.run(ParameterValues(p), .silent)[0]
        XCTAssertEqual(row["density_regular"], .boolean(false))
        XCTAssertEqual(row["dr_raw_margin"], .text("0"))
        XCTAssertEqual(row["dr_normalised_margin"], .text("3"))
        XCTAssertEqual(row["dr_normalised_verdict"], .text("holds strictly"))
        XCTAssertEqual(row["non_decreasing_density"], .boolean(true))
        XCTAssertEqual(row["positive_bounded_density"], .boolean(false))
        let atoms = try k.run(ParameterValues(["grid": .integer(401), "distribution": .text("atoms(values=[0.4, 1], masses=[0.5, 0.5])")]), .silent)[0]
        XCTAssertEqual(atoms["dr_verdict"], .text("not applicable"))
        XCTAssertEqual(atoms["dr_raw_margin"], .text("n/a"))
    }
}
