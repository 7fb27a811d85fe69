import Foundation
import XCTest
@testable import Numerics

final class QuadratureTests: XCTestCase {

    // MARK: - Helpers

    /// ∫_{-1}^{1} x^k dx.
    private func monomialIntegral(_ k: Int) -> Double {
        k % 2 == 1 ? 0 : 2 / Double(k + 1)
    }

    /// Asserts that `body` throws a `NumericsError` matching `predicate`.
    private func assertThrows<T>(
        _ body: @autoclosure () throws -> T,
        _ predicate: (NumericsError) -> Bool,
        _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        do {
            _ = try body()
            XCTFail("expected a NumericsError to be thrown. \(message)", file: file, line: line)
        } catch let error as NumericsError {
            XCTAssertTrue(predicate(error), "unexpected error \(error). \(message)", file: file, line: line)
        } catch {
            XCTFail("unexpected error type \(error). \(message)", file: file, line: line)
        }
    }

    private func isInvalidArgument(_ e: NumericsError) -> Bool {
        if case .invalidArgument = e { return true }
        return false
    }

    // MARK: - Gauss–Legendre rules

    func testAdaptiveQuadratureNeverEvaluatesAtEndsOrBreakPoints() throws {
        // Issue 18: Kronrod nodes center ± h·x_j rounded onto the end.
        let arcsine = try Quadrature.integrate({ 1 / (1 - $0 * $0).squareRoot() }, from: -1, to: 1,
                                               absoluteTolerance: 1e-8, relativeTolerance: 1e-8)
        XCTAssertEqual(arcsine.value, Double.pi, accuracy: 1e-6)
        var touched: [Double] = []
        let cusp = try Quadrature.integrate({ x in
            if x == 0.3 || x == 0 || x == 1 { touched.append(x) }
            return 1 / (x - 0.3).magnitude.squareRoot()
        }, from: 0, to: 1, absoluteTolerance: 1e-8, relativeTolerance: 1e-8, breakpoints: [0.3])
        XCTAssertEqual(cusp.value, 2 * (0.3.squareRoot() + 0.7.squareRoot()), accuracy: 1e-6)
        XCTAssertEqual(touched, [])
    }

    func testATransitionAtABreakPointIsResolvedNotMissed() throws {
        // Issue 18: 1/(1 + exp(−1e4 (x − 0.37))) on [0, 1] with a break point
        // at 0.37 returned 0.6300693147 (error ln 2/10⁴) with an estimate of
        // 1.9e-13: the transition sat between the piece's end and K15's
        // outermost node.
        let logistic: (Double) -> Double = { 1 / (1 + exp(-1e4 * ($0 - 0.37))) }
        // Exact: 0.63 + (ln(1 + e^{-3700}) − ln(1 + e^{6300}))/1e4 + 0.37 − ... = 0.63 to double precision.
        let exact = 1 - 0.37 + (log1p(exp(-1e4 * 0.63)) - (log1p(exp(-1e4 * 0.37)))) / 1e4
        for breakpoints in [[0.37], []] {
            let r = try Quadrature.integrate(logistic, from: 0, to: 1, absoluteTolerance: 0, relativeTolerance: 1e-10, breakpoints: breakpoints)
            XCTAssertEqual(r.value, exact, accuracy: 1e-9, "break points \(breakpoints)")
            XCTAssertLessThanOrEqual(abs(r.value - exact), max(10 * r.errorEstimate, 1e-12), "the estimate must cover the error")
        }
        // A smooth integrand costs one check per piece and no extra bisection.
        let smooth = try Quadrature.integrate({ exp($0) }, from: 0, to: 1)
        XCTAssertEqual(smooth.value, exp(1) - 1, accuracy: 1e-13)
        XCTAssertEqual(smooth.subintervals, 1)
    }

    func testGaussLegendreOrder20IntegratesPolynomialsUpToDegree39() throws {
        let (nodes, weights) = try Quadrature.gaussLegendreRule(order: 20)
        XCTAssertEqual(nodes.count, 20)
        XCTAssertEqual(weights.count, 20)
        XCTAssertEqual(weights.reduce(0, +), 2, accuracy: 1e-14)
        for k in 0...39 {
            var sum = 0.0
            for i in 0..<20 { sum += weights[i] * pow(nodes[i], Double(k)) }
            XCTAssertEqual(sum, monomialIntegral(k), accuracy: 1e-14, "x^\(k)")
        }
        // A dense polynomial of degree 39 on [0, 2] through the public wrapper:
        // p(x) = Σ_{k=0}^{39} (k+1) x^k / 2^k, ∫_0^2 p = Σ 2 (k+1)/(k+1) = 80.
        let p: (Double) -> Double = { x in
            var s = 0.0
            for k in stride(from: 39, through: 0, by: -1) { s = s * (x / 2) + Double(k + 1) }
            return s
        }
        let value = try Quadrature.gaussLegendre(p, from: 0, to: 2, order: 20)
        XCTAssertEqual(value, 80, accuracy: 80 * 1e-14)
    }

    func testGaussLegendreClosedFormsForLowOrders() throws {
        let one = try Quadrature.gaussLegendreRule(order: 1)
        XCTAssertEqual(one.nodes, [0])
        XCTAssertEqual(one.weights[0], 2, accuracy: 1e-15)

        let two = try Quadrature.gaussLegendreRule(order: 2)
        XCTAssertEqual(two.nodes[1], (1.0 / 3).squareRoot(), accuracy: 2e-16)
        XCTAssertEqual(two.weights[0], 1, accuracy: 1e-15)
        XCTAssertEqual(two.weights[1], 1, accuracy: 1e-15)

        let three = try Quadrature.gaussLegendreRule(order: 3)
        XCTAssertEqual(three.nodes[1], 0)
        XCTAssertEqual(three.nodes[2], (3.0 / 5).squareRoot(), accuracy: 1e-16)
        XCTAssertEqual(three.weights[1], 8.0 / 9, accuracy: 1e-15)
        XCTAssertEqual(three.weights[2], 5.0 / 9, accuracy: 1e-15)
    }

    /// Reference values computed with mpmath at 50 significant digits by an
    /// independent Newton iteration on P_n (Python, `mp.mp.dps = 50`, the
    /// recurrence in multiprecision, weights 2(1 − x²)/(n P_{n−1}(x))²), rounded
    /// to 22 digits. Nodes must be within one ulp, weights within 3e-16
    /// relative (the double-double polish gives ≤ 0.5 ulp and ≈ 1e-16 in
    /// practice; the plain double recurrence would be ~1e-10 off at the ends).
    func testGaussLegendreHighOrderAgainstMultiprecisionReference() throws {
        // (order, index from the top, node, weight)
        let reference: [(Int, Int, Double, Double)] = [
            (200, 1, 0.9999280712850699770493, 0.0001845900974712974439676),
            (200, 2, 0.9996210312809363963281, 0.0004296466304510570728327),
            (200, 50, 0.7112471550912779054493, 0.01101418250405633459768),
            (200, 100, 0.007834291142306369277408, 0.01566826171583225480757),
            (100, 1, 0.9997137267734412336782, 0.0007346344905056717304063),
            (7, 1, 0.9491079123427585245262, 0.1294849661688696932706),
            (7, 2, 0.7415311855993944398639, 0.2797053914892766679015),
            (7, 3, 0.4058451513773971669066, 0.3818300505051189449504),
        ]
        for (n, i, x, w) in reference {
            let rule = try Quadrature.gaussLegendreRule(order: n)
            XCTAssertLessThanOrEqual(abs(rule.nodes[n - i] - x), x.ulp, "node \(i) of \(n)")
            XCTAssertEqual(rule.nodes[i - 1], -rule.nodes[n - i], "mirrored node \(i) of \(n)")
            XCTAssertEqual(rule.weights[n - i] / w, 1, accuracy: 3e-16, "weight \(i) of \(n)")
        }
    }

    func testGaussLegendreNodesSymmetricAndInsideForOrders1To200() throws {
        for n in 1...200 {
            let (nodes, weights) = try Quadrature.gaussLegendreRule(order: n)
            XCTAssertEqual(nodes.count, n)
            XCTAssertEqual(weights.count, n)
            var weightSum = 0.0
            for i in 0..<n {
                XCTAssertTrue(nodes[i] > -1 && nodes[i] < 1, "order \(n): node \(i) = \(nodes[i]) outside (-1, 1)")
                XCTAssertEqual(nodes[i], -nodes[n - 1 - i], "order \(n): nodes not symmetric at \(i)")
                XCTAssertEqual(weights[i], weights[n - 1 - i], "order \(n): weights not symmetric at \(i)")
                XCTAssertGreaterThan(weights[i], 0, "order \(n): weight \(i)")
                if i > 0 { XCTAssertLessThan(nodes[i - 1], nodes[i], "order \(n): nodes not increasing at \(i)") }
                weightSum += weights[i]
            }
            XCTAssertEqual(weightSum, 2, accuracy: 1e-14, "order \(n): weights sum")
            // The highest even monomial the rule integrates exactly: all terms are
            // non-negative, so the sum is computed to full relative accuracy.
            let k = 2 * ((2 * n - 1) / 2)
            var sum = 0.0
            for i in 0..<n { sum += weights[i] * pow(nodes[i], Double(k)) }
            XCTAssertEqual(sum / monomialIntegral(k), 1, accuracy: 1e-13, "order \(n): x^\(k)")
        }
    }

    func testGaussLegendreRejectsInvalidOrder() {
        assertThrows(try Quadrature.gaussLegendreRule(order: 0), isInvalidArgument)
        assertThrows(try Quadrature.gaussLegendreRule(order: -3), isInvalidArgument)
        assertThrows(try Quadrature.gaussLegendreRule(order: Int.max), isInvalidArgument)
        assertThrows(try Quadrature.gaussLegendre({ $0 }, from: 0, to: 1, order: 0), isInvalidArgument)
        assertThrows(try Quadrature.gaussLegendre({ $0 }, from: 0, to: .infinity, order: 5), isInvalidArgument)
    }

    func testGaussLegendreFixedOrderReversedEmptyAndNonFinite() throws {
        let forward = try Quadrature.gaussLegendre({ exp($0) }, from: 0, to: 1, order: 10)
        XCTAssertEqual(forward, M_E - 1, accuracy: 1e-14)
        let backward = try Quadrature.gaussLegendre({ exp($0) }, from: 1, to: 0, order: 10)
        XCTAssertEqual(backward, -forward, accuracy: 1e-15)
        XCTAssertEqual(try Quadrature.gaussLegendre({ _ in .nan }, from: 2, to: 2, order: 10), 0)
        assertThrows(try Quadrature.gaussLegendre({ _ in .nan }, from: 0, to: 1, order: 4)) {
            if case .nonFinite = $0 { return true }
            return false
        }
    }

    // MARK: - G7–K15 constants

    func testKronrod15ConstantsIntegrateMonomialsUpToDegree22() {
        let xk = Quadrature.kronrod15Nodes
        let wk = Quadrature.kronrod15Weights
        XCTAssertEqual(xk.count, 8)
        XCTAssertEqual(wk.count, 8)
        for k in 0...22 {
            // Full 15-point rule: the node x_7 = 0 once, the others as ±x_j.
            var sum = wk[7] * (k == 0 ? 1 : 0)
            for j in 0..<7 {
                sum += wk[j] * (pow(xk[j], Double(k)) + pow(-xk[j], Double(k)))
            }
            XCTAssertEqual(sum, monomialIntegral(k), accuracy: 2e-15, "K15 on x^\(k)")
        }
        // Degree 24 (the next even power) is not integrated exactly.
        var sum24 = 0.0
        for j in 0..<7 { sum24 += 2 * wk[j] * pow(xk[j], 24) }
        XCTAssertGreaterThan(abs(sum24 - monomialIntegral(24)), 1e-10)
    }

    func testGauss7ConstantsIntegrateMonomialsUpToDegree13() {
        let xk = Quadrature.kronrod15Nodes
        let wg = Quadrature.gauss7Weights
        XCTAssertEqual(wg.count, 4)
        for k in 0...13 {
            var sum = wg[3] * (k == 0 ? 1 : 0)
            for j in 0..<3 {
                let x = xk[2 * j + 1]
                sum += wg[j] * (pow(x, Double(k)) + pow(-x, Double(k)))
            }
            XCTAssertEqual(sum, monomialIntegral(k), accuracy: 2e-15, "G7 on x^\(k)")
        }
        var sum14 = 0.0
        for j in 0..<3 { sum14 += 2 * wg[j] * pow(xk[2 * j + 1], 14) }
        XCTAssertGreaterThan(abs(sum14 - monomialIntegral(14)), 1e-6)
    }

    func testGauss7NodesAndWeightsMatchComputedRule() throws {
        let (nodes, weights) = try Quadrature.gaussLegendreRule(order: 7)
        let xk = Quadrature.kronrod15Nodes
        let wg = Quadrature.gauss7Weights
        // Computed nodes are increasing; the Kronrod list is decreasing.
        for j in 0..<4 {
            XCTAssertEqual(nodes[6 - j], xk[2 * j + 1], accuracy: 2e-16, "G7 node \(j)")
            XCTAssertEqual(nodes[j], -xk[2 * j + 1], accuracy: 2e-16, "G7 node \(j) mirrored")
            XCTAssertEqual(weights[6 - j], wg[j], accuracy: 5e-16, "G7 weight \(j)")
        }
    }

    // MARK: - Adaptive integration: accuracy

    func testExpOnUnitIntervalTo1e12() throws {
        let r = try Quadrature.integrate({ exp($0) }, from: 0, to: 1,
                                         absoluteTolerance: 1e-12, relativeTolerance: 1e-12)
        XCTAssertEqual(r.value, M_E - 1, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(r.errorEstimate, 1e-12)
        // One K15 and one end-layer check (24 new evaluations: its centre is K15's) on the single piece.
        XCTAssertEqual(r.subintervals, 1)
        XCTAssertEqual(r.evaluations, 15 + 24)
    }

    func testSqrtWithSingularDerivativeAtZero() throws {
        let r = try Quadrature.integrate({ $0.squareRoot() }, from: 0, to: 1)
        XCTAssertEqual(r.value, 2.0 / 3, accuracy: 1e-10)
        XCTAssertLessThanOrEqual(r.errorEstimate, 1e-10)
        XCTAssertGreaterThan(r.subintervals, 1, "the endpoint singularity needs refinement")
    }

    func testIntegrableEndpointSingularity() throws {
        // ∫_0^1 x^{-1/2} dx = 2; the integrand is never evaluated at 0.
        let r = try Quadrature.integrate({ 1 / $0.squareRoot() }, from: 0, to: 1,
                                         absoluteTolerance: 1e-9, relativeTolerance: 1e-9)
        XCTAssertEqual(r.value, 2, accuracy: 1e-8)
    }

    func testKinkWithAndWithoutBreakpoint() throws {
        let f: (Double) -> Double = { abs($0 - 1.0 / 3) }
        let exact = 5.0 / 18
        let plain = try Quadrature.integrate(f, from: 0, to: 1)
        let split = try Quadrature.integrate(f, from: 0, to: 1, breakpoints: [1.0 / 3])
        XCTAssertEqual(plain.value, exact, accuracy: 1e-10)
        XCTAssertLessThanOrEqual(plain.errorEstimate, 1e-10)
        XCTAssertEqual(split.value, exact, accuracy: 1e-14)
        XCTAssertLessThanOrEqual(split.errorEstimate, 1e-10)
        // With the kink at a break point both pieces are linear: one K15 and
        // one end-layer check each.
        XCTAssertEqual(split.evaluations, 2 * (15 + 24))
        XCTAssertEqual(split.subintervals, 2)
        XCTAssertLessThan(split.evaluations * 5, plain.evaluations,
                          "plain: \(plain.evaluations) evaluations, split: \(split.evaluations)")
    }

    func testDiscontinuousIntegrandWithBreakpoints() throws {
        // A step: 1 on [0, 1/2), 3 on [1/2, 1] → 2.
        let step = try Quadrature.integrate({ $0 < 0.5 ? 1 : 3 }, from: 0, to: 1, breakpoints: [0.5])
        XCTAssertEqual(step.value, 2, accuracy: 1e-14)
        XCTAssertEqual(step.evaluations, 2 * (15 + 24))
        // floor(x) on [0, 3.5] with unsorted break points → 0 + 1 + 2 + 1.5 = 4.5.
        let stairs = try Quadrature.integrate({ $0.rounded(.down) }, from: 0, to: 3.5, breakpoints: [3, 1, 2])
        XCTAssertEqual(stairs.value, 4.5, accuracy: 1e-13)
        XCTAssertEqual(stairs.subintervals, 4)
        // A jump combined with a smooth part: e^x on [0, 1) and e^x + 1 on [1, 2].
        let mixed = try Quadrature.integrate({ exp($0) + ($0 < 1 ? 0 : 1) }, from: 0, to: 2, breakpoints: [1])
        XCTAssertEqual(mixed.value, exp(2) - 1 + 1, accuracy: 1e-12)
        // Break points equal to the end points are accepted and ignored.
        let ends = try Quadrature.integrate({ exp($0) }, from: 0, to: 1, breakpoints: [0, 1])
        XCTAssertEqual(ends.value, M_E - 1, accuracy: 1e-13)
        XCTAssertEqual(ends.subintervals, 1)
    }

    func testReversedAndEmptyLimits() throws {
        let forward = try Quadrature.integrate({ exp($0) }, from: 0, to: 1)
        let backward = try Quadrature.integrate({ exp($0) }, from: 1, to: 0)
        XCTAssertEqual(backward.value, -(M_E - 1), accuracy: 1e-12)
        XCTAssertEqual(backward.value, -forward.value)
        XCTAssertEqual(backward.errorEstimate, forward.errorEstimate)
        let backwardSplit = try Quadrature.integrate({ abs($0 - 1.0 / 3) }, from: 1, to: 0, breakpoints: [1.0 / 3])
        XCTAssertEqual(backwardSplit.value, -5.0 / 18, accuracy: 1e-14)

        let empty = try Quadrature.integrate({ _ in .nan }, from: 2.5, to: 2.5)
        XCTAssertEqual(empty.value, 0)
        XCTAssertEqual(empty.evaluations, 0)
    }

    func testSinOverHalfPeriod() throws {
        let r = try Quadrature.integrate({ sin($0) }, from: 0, to: .pi)
        XCTAssertEqual(r.value, 2, accuracy: 1e-10)
    }

    func testOscillatorySinSquared() throws {
        let r = try Quadrature.integrate({ sin($0) * sin($0) }, from: 0, to: 10 * .pi,
                                         absoluteTolerance: 1e-12, relativeTolerance: 1e-12)
        XCTAssertEqual(r.value, 5 * .pi, accuracy: 1e-11)
        XCTAssertGreaterThan(r.subintervals, 1)
    }

    func testRelativeToleranceOnLargeIntegral() throws {
        // ∫_0^10 e^x = e^10 − 1 ≈ 22025: the relative tolerance governs.
        let r = try Quadrature.integrate({ exp($0) }, from: 0, to: 10, absoluteTolerance: 0, relativeTolerance: 1e-13)
        XCTAssertEqual(r.value / (exp(10) - 1), 1, accuracy: 1e-13)
    }

    func testZeroIntegrandConvergesWithZeroAbsoluteTolerance() throws {
        let r = try Quadrature.integrate({ _ in 0 }, from: -1, to: 1, absoluteTolerance: 0, relativeTolerance: 1e-12)
        XCTAssertEqual(r.value, 0)
        XCTAssertEqual(r.errorEstimate, 0)
    }

    // MARK: - Adaptive integration: failures

    func testNaNIntegrandThrowsNonFiniteNamingX() {
        assertThrows(try Quadrature.integrate({ $0 > 0.75 ? .nan : $0 }, from: 0, to: 1)) { error in
            guard case let .nonFinite(routine, detail) = error else { return false }
            return routine == "Quadrature.integrate" && detail.contains("x = ") && detail.contains("nan")
        }
        assertThrows(try Quadrature.integrate({ 1 / ($0 - 0.5) + .infinity }, from: 0, to: 1)) {
            if case .nonFinite = $0 { return true }
            return false
        }
    }

    func testTooFewSubdivisionsThrowsNoConvergenceWithAchievedError() {
        assertThrows(try Quadrature.integrate({ sin(1 / $0) }, from: 0.001, to: 1, maxSubdivisions: 3)) { error in
            guard case let .noConvergence(routine, iterations, detail) = error else { return false }
            return routine == "Quadrature.integrate" && iterations == 3 && detail.contains("error estimate")
        }
        // maxSubdivisions 0: only the initial estimate is allowed.
        assertThrows(try Quadrature.integrate({ $0.squareRoot() }, from: 0, to: 1, maxSubdivisions: 0)) {
            if case .noConvergence(_, 0, _) = $0 { return true }
            return false
        }
    }

    func testHardIntegrandConvergesWithEnoughSubdivisions() throws {
        // ∫_{0.001}^{1} sin(1/x) dx = ∫_1^{1000} sin(u)/u² du: reference computed
        // with mpmath.quad at 40 digits, both in u (split at multiples of π) and
        // directly in x; the two agree to all 40 digits.
        let r = try Quadrature.integrate({ sin(1 / $0) }, from: 0.001, to: 1,
                                         absoluteTolerance: 1e-10, relativeTolerance: 1e-10)
        XCTAssertEqual(r.value, Self.sinInverseReference, accuracy: 1e-9)
    }

    static let sinInverseReference = 0.5040664978774870517116

    func testNonIntegrableSingularityReportsNoConvergence() {
        // 1/x on [0, 1] diverges: the integrator must give up, not return a
        // number (no convergence, or an infinite value met next to 0).
        assertThrows(try Quadrature.integrate({ 1 / $0 }, from: 0, to: 1)) {
            if case .noConvergence = $0 { return true }
            if case .nonFinite = $0 { return true }
            return false
        }
    }

    func testInvalidArguments() {
        let f: (Double) -> Double = { $0 }
        assertThrows(try Quadrature.integrate(f, from: 0, to: .infinity), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: .nan, to: 1), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: -1), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, relativeTolerance: -1e-3), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: .nan), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, absoluteTolerance: 0, relativeTolerance: 1e-16),
                     isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, maxSubdivisions: -1), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, breakpoints: [1.5]), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, breakpoints: [-0.1]), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, breakpoints: [.nan]), isInvalidArgument)
        assertThrows(try Quadrature.integrate(f, from: 0, to: 1, breakpoints: [0.5, 0.25, 0.5]), isInvalidArgument)
        // Reversed limits: break points are checked against [min, max].
        assertThrows(try Quadrature.integrate(f, from: 1, to: 0, breakpoints: [2]), isInvalidArgument)
    }

    func testErrorsFromIntegrandArePropagated() {
        struct Boom: Error {}
        XCTAssertThrowsError(try Quadrature.integrate({ x in if x > 0.9 { throw Boom() }; return x }, from: 0, to: 1)) {
            XCTAssertTrue($0 is Boom)
        }
    }

    func testConcurrentRuleRequestsAreConsistent() throws {
        let reference = try Quadrature.gaussLegendreRule(order: 97)
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let order = 90 + i % 8
            let rule = try? Quadrature.gaussLegendreRule(order: order)
            XCTAssertEqual(rule?.nodes.count, order)
        }
        XCTAssertEqual(try Quadrature.gaussLegendreRule(order: 97).nodes, reference.nodes)
    }
}
