// The globally adaptive integrator on the 7-point Gauss / 15-point Kronrod
// pair, following QUADPACK's QAG strategy (Piessens, de Doncker-Kapenga,
// Überhuber & Kahaner 1983, routines QAG/QK15; break points as in QAGP).

import Foundation

extension Quadrature {
    // Gauss–Kronrod G7–K15 constants

    // The 15-point Kronrod extension of the 7-point Gauss rule on [-1, 1], as
    // published with QUADPACK (Piessens et al. 1983, routine QK15), rounded to
    // Double. Only the non-negative abscissae are listed (the rule is
    // symmetric). kronrod15Nodes[1], [3], [5] and [7] (= 0) are the 7-point
    // Gauss nodes; gauss7Weights[j] belongs to kronrod15Nodes[2j + 1].
    // The unit tests verify the exactness degrees (K15: 22, G7: 13) and that
    // the Gauss nodes agree with `gaussLegendreRule(order: 7)`.

    /// Kronrod abscissae x_0 > x_1 > ... > x_7 = 0.
    static let kronrod15Nodes: [Double] = [
        0.991455371120812639206854697526329,
        0.949107912342758524526189684047851,
        0.864864423359769072789712788640926,
        0.741531185599394439863864773280788,
        0.586087235467691130294144845693013,
        0.405845151377397166906606412076961,
        0.207784955007898467600689403773245,
        0.000000000000000000000000000000000,
    ]

    /// Kronrod weights, matching `kronrod15Nodes`.
    static let kronrod15Weights: [Double] = [
        0.022935322010529224963732008058970,
        0.063092092629978553290700663189204,
        0.104790010322250183839876322541518,
        0.140653259715525918745189590510238,
        0.169004726639267902826583426598550,
        0.190350578064785409913256402421014,
        0.204432940075298892414161999234649,
        0.209482141084727828012999174891714,
    ]

    /// Gauss weights for the nodes ±x_1, ±x_3, ±x_5 and x_7 = 0.
    static let gauss7Weights: [Double] = [
        0.129484966168869693270611432679082,
        0.279705391489276667901467771423780,
        0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    ]

    // MARK: - Adaptive G7–K15 integration

    /// One subinterval with its K15 estimate and error estimate.
    struct Segment {
        var a: Double
        var b: Double
        var value: Double
        var error: Double
        /// Whether `a` (`b`) is an end of an initial piece (a limit or a
        /// break point): such a segment's estimate is checked by the
        /// end-clustered rule (`endLayerChecked`).
        var atPieceStart = false
        var atPieceEnd = false
        /// K15 applied to |f| on the segment.
        var resultAbs = 0.0
        /// f at the centre 0.5a + 0.5b (K15's middle node, reused by the end-layer rule).
        var centerValue = 0.0
        /// The screen's end check (`EndCheck.probes`): f just inside the
        /// piece start (end) this segment touches (NaN otherwise), and the
        /// values at a and b of the polynomials through K15's seven nodes
        /// on each side (`endExtrapolationWeights`).
        var startProbe = Double.nan
        var endProbe = Double.nan
        var startExtrapolation = 0.0
        var endExtrapolation = 0.0
        /// Evaluations of f spent by the end check (the end-clustered rule's 24, or 0).
        var checkEvaluations = 0

        init(a: Double, b: Double, value: Double, error: Double, resultAbs: Double = 0) {
            self.a = a
            self.b = b
            self.value = value
            self.error = error
            self.resultAbs = resultAbs
        }
    }

    // MARK: - End layers

    /// How a segment touching a piece end is checked for a layer K15 cannot see.
    enum EndCheck {
        /// `endLayerChecked` with this threshold (`integrate`: `endLayerThreshold`).
        case clustered(threshold: Double)
        /// The screen's probe check (`probeChecked`).
        case probes
    }

    /// 1 − x_0: the gap between an end and K15's outermost node, in half-lengths.
    static let outermostGap = 1 - kronrod15Nodes[0]

    /// Lagrange weights of the degree-6 polynomial through K15's seven nodes
    /// on one side of the centre (at distances 1 − x_j, j = 0…6, from that end,
    /// in half-lengths), evaluated at the end: Σ_j w_j f(node_j) extrapolates f
    /// to the end. They sum to 1.
    static let endExtrapolationWeights: [Double] = {
        let u = (0..<7).map { 1 - kronrod15Nodes[$0] }
        return (0..<7).map { i in
            var w = 1.0
            for j in 0..<7 where j != i { w *= (0 - u[j]) / (u[i] - u[j]) }
            return w
        }
    }()

    /// The largest probe term, relative to ∫|f| on the segment, that the probe
    /// check accepts as a bound; above it (or for a non-finite probe: an
    /// integrable singularity at the end) the end-clustered rule decides.
    static let probeLimit = 0.1

    /// The screen's end check (`Quadrature.screen`). A probe f(a⁺) just
    /// inside each piece end, evaluated once per piece, is compared with the
    /// extrapolation of K15's seven nodes on that side to the end: where f is
    /// smooth up to the end the two agree closely; a layer in the gap of width
    /// g = (1 − x_0)·h between the end and the outermost node, which K15
    /// cannot see, shows as a difference, and g·|f(a⁺) − extrapolation|
    /// bounds the mass K15 misses there (for a monotone layer). That term
    /// becomes the segment's error when larger. Where it exceeds `probeLimit`
    /// of ∫|f| on the segment, or the probe is not finite, the end-clustered
    /// rule's disagreement is used instead, as in `endLayerChecked` with a
    /// zero threshold. Costs no evaluations on the probe path (24 otherwise).
    static func probeChecked(_ segment: Segment, _ f: (Double) throws -> Double, routine: String) throws -> Segment {
        var checked = segment
        let gap = outermostGap * abs(0.5 * segment.b - 0.5 * segment.a)
        var term = 0.0, clustered = false
        func probe(_ value: Double, against extrapolation: Double) {
            let t = gap * abs(value - extrapolation)
            if t <= probeLimit * segment.resultAbs { term = Swift.max(term, t) } else { clustered = true }
        }
        if segment.atPieceStart { probe(segment.startProbe, against: segment.startExtrapolation) }
        if segment.atPieceEnd { probe(segment.endProbe, against: segment.endExtrapolation) }
        if clustered, let difference = try endLayerDifference(segment, f, routine: routine) {
            term = Swift.max(term, difference)
            checked.checkEvaluations = endLayerEvaluations
        }
        checked.error = Swift.max(checked.error, term)
        return checked
    }

    /// Tanh–sinh nodes on [−1, 1] as distances from the nearer end,
    /// d_k = 1 − tanh(π/2 · sinh t_k) for t_k = k/4, k = 1…12, with their
    /// weights w_k = (1/4) · (π/2) cosh t_k / cosh²(π/2 sinh t_k); the
    /// centre node t = 0 has weight (1/4)(π/2). The nodes cluster doubly
    /// exponentially at the ends (the last is about 1e-14 from them).
    static let endLayerRule: (center: Double, distances: [Double], weights: [Double]) = {
        var d: [Double] = [], w: [Double] = []
        for k in 1...12 {
            let t = Double(k) / 4, u = Double.pi / 2 * sinh(t)
            d.append(2 / (exp(2 * u) + 1))
            let c = cosh(u)
            w.append(0.25 * Double.pi / 2 * cosh(t) / (c * c))
        }
        return (0.25 * Double.pi / 2, d, w)
    }()

    /// The relative size (of ∫|f|) above which the end-clustered rule's
    /// disagreement with K15 counts as an unresolved end layer.
    static let endLayerThreshold = 1e-7
    /// Evaluations of the end-layer check (25 nodes; the centre's value is K15's).
    static let endLayerEvaluations = 24

    /// K15's estimate on a segment touching a piece end can be wrong with a
    /// tiny error estimate when f changes within 0.0085·h of that end, where
    /// K15 has no node (a transition at a break point). A tanh–sinh rule,
    /// whose nodes approach the ends doubly exponentially (never reaching
    /// them), checks it: when the two differ by more than
    /// `endLayerThreshold` of ∫|f| (its own accuracy on smooth integrands is
    /// about 1e-9), the difference becomes the segment's error estimate, so
    /// the segment is bisected toward the layer until K15 resolves it.
    static func endLayerChecked(_ segment: Segment, _ f: (Double) throws -> Double, resultAbs: Double,
                                layerThreshold: Double = endLayerThreshold, routine: String) throws -> Segment {
        guard segment.atPieceStart || segment.atPieceEnd else { return segment }
        guard let difference = try endLayerDifference(segment, f, routine: routine) else { return segment }
        var checked = segment
        if difference > layerThreshold * resultAbs, difference > checked.error {
            checked.error = difference
        }
        return checked
    }

    /// |tanh–sinh − K15| on the segment (nil when it is a few ulps wide).
    static func endLayerDifference(_ segment: Segment, _ f: (Double) throws -> Double, routine: String) throws -> Double? {
        let (a, b) = (segment.a, segment.b)
        let h = 0.5 * b - 0.5 * a, center = 0.5 * a + 0.5 * b
        let inside = (lower: a.nextUp, upper: b.nextDown)
        guard inside.lower <= inside.upper else { return nil }
        func eval(_ x: Double) throws -> Double {
            let y = try f(Swift.min(Swift.max(x, inside.lower), inside.upper))
            guard y.isFinite else { throw NumericsError.nonFinite(routine: routine, detail: "integrand returned \(y) at x = \(x)") }
            return y
        }
        let rule = endLayerRule
        // The centre is K15's middle node (the same abscissa unless the clamp moves it).
        let centerValue = center == Swift.min(Swift.max(center, inside.lower), inside.upper) ? segment.centerValue : try eval(center)
        var sum = rule.center * centerValue
        for (d, w) in zip(rule.distances, rule.weights) {
            sum += w * (try eval(a + h * d) + eval(b - h * d))
        }
        return abs(sum * h - segment.value)
    }

    /// Applies the G7–K15 pair on [a, b] (Piessens et al. 1983, QK15).
    ///
    /// Error estimate (QUADPACK's): with `resasc` = K15 applied to
    /// |f − mean f| and `resabs` = K15 applied to |f|,
    /// `err = resasc · min(1, (200 |K15 − G7| / resasc)^1.5)`, raised to at
    /// least `50 ε · resabs` (the rounding-error level). The 1.5 power reflects
    /// that K15 is far more accurate than G7, so the raw difference |K15 − G7|
    /// grossly overestimates the K15 error once the rule resolves f.
    @inline(__always)
    static func kronrod15(
        _ f: (Double) throws -> Double, _ a: Double, _ b: Double, extrapolateEnds: Bool = false, routine: String
    ) throws -> Segment {
        let center = 0.5 * a + 0.5 * b
        let halfLength = 0.5 * b - 0.5 * a
        let xk = kronrod15Nodes
        let wk = kronrod15Weights
        let wg = gauss7Weights

        @inline(__always)
        func eval(_ x: Double) throws -> Double {
            let y = try f(x)
            guard y.isFinite else {
                throw NumericsError.nonFinite(routine: routine, detail: "integrand returned \(y) at x = \(x)")
            }
            return y
        }

        // Values at center − h x_j (left) and center + h x_j (right), j = 0..<7.
        var left = InlineArray<7, Double>(repeating: 0)
        var right = InlineArray<7, Double>(repeating: 0)
        let fc = try eval(center)
        var resultG = fc * wg[3]
        var resultK = fc * wk[7]
        var resultAbs = abs(resultK)
        // Nodes are kept strictly inside (a, b): for the outer nodes,
        // center ± h·x_j can round onto an end (or a break point), where the
        // integrand may be singular and is never evaluated.
        let inside = (lower: Swift.min(a, b).nextUp, upper: Swift.max(a, b).nextDown)
        for j in 0..<7 {
            let dx = halfLength * xk[j]
            let f1 = try eval(Swift.min(Swift.max(center - dx, inside.lower), inside.upper))
            let f2 = try eval(Swift.min(Swift.max(center + dx, inside.lower), inside.upper))
            left[j] = f1
            right[j] = f2
            let pair = f1 + f2
            resultK += wk[j] * pair
            resultAbs += wk[j] * (abs(f1) + abs(f2))
            if j & 1 == 1 { resultG += wg[j >> 1] * pair }
        }
        let mean = 0.5 * resultK  // mean of f over [a, b] (K15 weights sum to 2)
        var resultAsc = wk[7] * abs(fc - mean)
        for j in 0..<7 {
            resultAsc += wk[j] * (abs(left[j] - mean) + abs(right[j] - mean))
        }
        let h = abs(halfLength)
        let value = resultK * halfLength
        resultAbs *= h
        resultAsc *= h
        var error = abs((resultK - resultG) * halfLength)
        if resultAsc != 0 && error != 0 {
            let ratio = 200 * error / resultAsc
            error = resultAsc * min(1, ratio * ratio.squareRoot())
        }
        let roundoffLevel = 50 * Double.ulpOfOne * resultAbs
        if resultAbs > Double.leastNormalMagnitude / (50 * Double.ulpOfOne) {
            error = max(roundoffLevel, error)
        }
        guard value.isFinite, error.isFinite else {
            throw NumericsError.nonFinite(
                routine: routine, detail: "the Kronrod sum overflowed on [\(a), \(b)]")
        }
        var segment = Segment(a: a, b: b, value: value, error: error, resultAbs: resultAbs)
        segment.centerValue = fc
        if extrapolateEnds {
            let we = endExtrapolationWeights
            var start = 0.0, end = 0.0
            for j in 0..<7 {
                start += we[j] * left[j]
                end += we[j] * right[j]
            }
            segment.startExtrapolation = start
            segment.endExtrapolation = end
        }
        return segment
    }

    /// K15 on [a, b], checked at the piece ends it touches (by the
    /// end-clustered rule, or by the probes f(start⁺), f(end⁻) of its piece).
    static func estimate(
        _ f: (Double) throws -> Double, _ a: Double, _ b: Double, atPieceStart: Bool, atPieceEnd: Bool,
        check: EndCheck = .clustered(threshold: endLayerThreshold), probes: (start: Double, end: Double) = (.nan, .nan),
        routine: String
    ) throws -> Segment {
        switch check {
        case let .clustered(threshold):
            var s = try kronrod15(f, a, b, routine: routine)
            s.atPieceStart = atPieceStart
            s.atPieceEnd = atPieceEnd
            if atPieceStart || atPieceEnd { s.checkEvaluations = endLayerEvaluations }
            return try endLayerChecked(s, f, resultAbs: s.resultAbs, layerThreshold: threshold, routine: routine)
        case .probes:
            var s = try kronrod15(f, a, b, extrapolateEnds: true, routine: routine)
            s.atPieceStart = atPieceStart
            s.atPieceEnd = atPieceEnd
            s.startProbe = atPieceStart ? probes.start : .nan
            s.endProbe = atPieceEnd ? probes.end : .nan
            return try probeChecked(s, f, routine: routine)
        }
    }

    /// `∫_a^b f(x) dx` by globally adaptive Gauss–Kronrod (G7–K15) quadrature
    /// in the manner of QUADPACK's QAG, with optional break points as in QAGP
    /// (Piessens et al. 1983).
    ///
    /// Algorithm: [a, b] is split at the `breakpoints` (if any) and the G7–K15
    /// pair is applied to each piece. The subintervals are kept in a max-heap
    /// keyed by error estimate; while the summed error estimate exceeds
    /// `max(absoluteTolerance, relativeTolerance · |value|)`, the subinterval
    /// with the largest error estimate is bisected and both halves are
    /// re-estimated. Each subinterval's error estimate is QUADPACK's:
    /// `resasc · min(1, (200 |K15 − G7| / resasc)^1.5)`, never below
    /// `50 ε · ∫|f|` on that subinterval (see QK15).
    ///
    /// Pass the locations of kinks, jumps or integrable singularities of f or
    /// its derivatives as `breakpoints`: bisection alone rarely lands on such a
    /// point, and telling the integrator saves many evaluations. Break points
    /// may be given in any order; a break point equal to `a` or `b` is ignored.
    /// The integrand is never evaluated at `a`, `b` or a break point, so
    /// integrable endpoint singularities such as `1/√x` at 0 are admissible.
    ///
    /// `a > b` returns the negated integral over [b, a]; `a == b` returns 0
    /// with no evaluations.
    ///
    /// - Parameters:
    ///   - absoluteTolerance: requested absolute error (≥ 0).
    ///   - relativeTolerance: requested error relative to |value| (≥ 0). If
    ///     `absoluteTolerance` is 0, it must be at least 50 ε ≈ 1.1e-14
    ///     (QUADPACK's own admissibility test), since the error estimate never
    ///     falls below that level.
    ///   - maxSubdivisions: the maximum number of bisections (≥ 0). The final
    ///     partition has at most `pieces + maxSubdivisions` subintervals, where
    ///     `pieces` is 1 + the number of interior break points.
    /// - Returns: the value, the summed error estimate, the number of
    ///   evaluations (15 per subinterval estimate) and the final number of
    ///   subintervals.
    /// - Complexity: 15 (pieces + 2 s) evaluations of f for s bisections, plus
    ///   O(s log s) heap work. No heap allocation when the first K15 estimate
    ///   already meets the tolerance; otherwise a few small arrays per call
    ///   (never one per subinterval).
    /// - Throws: `NumericsError.invalidArgument` for a non-finite limit, a
    ///   negative, NaN or infinite tolerance, an inadmissible tolerance pair (see
    ///   above), a negative `maxSubdivisions`, a break point outside [a, b] or
    ///   non-finite, or duplicated break points.
    ///   `NumericsError.nonFinite` if f returns NaN or ±∞ (the detail names
    ///   the abscissa) or a Kronrod sum overflows.
    ///   `NumericsError.noConvergence` if `maxSubdivisions` bisections do not
    ///   meet the tolerance, or if the worst subinterval becomes too narrow to
    ///   bisect in floating point (a non-integrable singularity or a tolerance
    ///   below rounding level); `iterations` is the number of bisections and
    ///   the detail gives the achieved error estimate and the requested
    ///   tolerance. Anything `f` throws is propagated.
    public static func integrate(
        _ f: (Double) throws -> Double,
        from a: Double,
        to b: Double,
        absoluteTolerance: Double = 1e-10,
        relativeTolerance: Double = 1e-10,
        maxSubdivisions: Int = 1000,
        breakpoints: [Double] = []
    ) throws -> QuadratureResult {
        try adaptive(f, from: a, to: b, absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                     maxSubdivisions: maxSubdivisions, breakpoints: breakpoints, check: .clustered(threshold: endLayerThreshold),
                     routine: "Quadrature.integrate")
    }

    /// The factor on `screen`'s error estimate.
    static let screenSafety = 10.0

    /// `∫_a^b f(x) dx` with a deliberately conservative error bound, for
    /// screening (`Optimize.maximizeGlobal(_:screen:…)`): `integrate`'s
    /// algorithm at a loose tolerance (by default 1e-8 relative), with the
    /// probe check (`probeChecked`: f just inside each piece end against the
    /// extrapolation of K15's nodes) in place of the end-clustered rule
    /// where it is conclusive, and the end-clustered rule's disagreement
    /// counted in full where it is not; the returned `errorEstimate` is the
    /// summed estimate times 10. Where f is smooth on each piece the error
    /// lies far below it; like `integrate`'s, it is no guarantee where f has
    /// a kink or singularity that is not a break point.
    ///
    /// Cost: 17 evaluations per piece where the first estimate meets the
    /// tolerance (15 for K15, 2 probes), against `integrate`'s 39. Same
    /// arguments and errors.
    public static func screen(
        _ f: (Double) throws -> Double,
        from a: Double,
        to b: Double,
        absoluteTolerance: Double = 1e-14,
        relativeTolerance: Double = 1e-8,
        maxSubdivisions: Int = 200,
        breakpoints: [Double] = []
    ) throws -> QuadratureResult {
        var result = try adaptive(f, from: a, to: b, absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                                  maxSubdivisions: maxSubdivisions, breakpoints: breakpoints, check: .probes,
                                  routine: "Quadrature.screen")
        result.errorEstimate *= screenSafety
        return result
    }

    /// `integrate` and `screen`, which differ in the check of the segments at
    /// piece ends.
    static func adaptive(
        _ f: (Double) throws -> Double, from a: Double, to b: Double, absoluteTolerance: Double, relativeTolerance: Double,
        maxSubdivisions: Int, breakpoints: [Double], check: EndCheck, routine: String
    ) throws -> QuadratureResult {
        guard a.isFinite, b.isFinite else {
            throw NumericsError.invalidArgument(routine: routine, detail: "limits must be finite, got a = \(a), b = \(b)")
        }
        guard absoluteTolerance >= 0, relativeTolerance >= 0 else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "tolerances must be non-negative, got absoluteTolerance = \(absoluteTolerance), relativeTolerance = \(relativeTolerance)")
        }
        guard absoluteTolerance.isFinite, relativeTolerance.isFinite else {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "tolerances must be finite, got absoluteTolerance = \(absoluteTolerance), relativeTolerance = \(relativeTolerance)")
        }
        if absoluteTolerance == 0 && relativeTolerance < 50 * Double.ulpOfOne {
            throw NumericsError.invalidArgument(
                routine: routine,
                detail: "with absoluteTolerance = 0 the relativeTolerance must be at least 50 ulp (\(50 * Double.ulpOfOne)), got \(relativeTolerance)")
        }
        guard maxSubdivisions >= 0 else {
            throw NumericsError.invalidArgument(routine: routine, detail: "maxSubdivisions must be non-negative, got \(maxSubdivisions)")
        }
        let lower = min(a, b)
        let upper = max(a, b)
        let sign: Double = a <= b ? 1 : -1
        let interior = try interiorBreakpoints(breakpoints, lower, upper, routine: routine)
        if lower == upper {
            return QuadratureResult(value: 0, errorEstimate: 0, evaluations: 0, subintervals: 0)
        }

        @inline(__always)
        func tolerance(_ value: Double) -> Double {
            max(absoluteTolerance, relativeTolerance * abs(value))
        }
        // The probe check's f(start⁺) and f(end⁻) of a piece (2 evaluations; none for the clustered check).
        var probeEvaluations = 0
        func probes(_ l: Double, _ r: Double) throws -> (start: Double, end: Double) {
            guard case .probes = check else { return (.nan, .nan) }
            probeEvaluations += 2
            return (try f(l.nextUp), try f(r.nextDown))
        }

        // Fast path: no break points and the first estimate is good enough —
        // no heap allocation at all.
        if interior.isEmpty {
            let first = try estimate(f, lower, upper, atPieceStart: true, atPieceEnd: true, check: check,
                                     probes: try probes(lower, upper), routine: routine)
            let evaluations = 15 + first.checkEvaluations + probeEvaluations
            if first.error <= tolerance(first.value) {
                return QuadratureResult(
                    value: sign * first.value, errorEstimate: first.error, evaluations: evaluations, subintervals: 1)
            }
            if maxSubdivisions == 0 {
                throw noConvergence(routine, bisections: 0, error: first.error,
                                    tolerance: tolerance(first.value), subintervals: 1, reason: nil)
            }
            var heap = SegmentHeap(capacity: 1 + maxSubdivisions)
            heap.push(first)
            return try refine(f, heap: &heap, evaluations: evaluations, sign: sign, absoluteTolerance: absoluteTolerance,
                              relativeTolerance: relativeTolerance, maxSubdivisions: maxSubdivisions, check: check,
                              routine: routine)
        }

        var heap = SegmentHeap(capacity: interior.count + 1 + maxSubdivisions)
        var left = lower
        var evaluations = 0
        for k in 0...interior.count {
            let right = k < interior.count ? interior[k] : upper
            let piece = try estimate(f, left, right, atPieceStart: true, atPieceEnd: true, check: check,
                                     probes: try probes(left, right), routine: routine)
            evaluations += 15 + piece.checkEvaluations
            heap.push(piece)
            left = right
        }
        return try refine(f, heap: &heap, evaluations: evaluations + probeEvaluations, sign: sign,
                          absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance,
                          maxSubdivisions: maxSubdivisions, check: check, routine: routine)
    }

    /// The break points strictly inside [lower, upper], sorted; throws for one
    /// outside [lower, upper], non-finite or given twice.
    static func interiorBreakpoints(_ breakpoints: [Double], _ lower: Double, _ upper: Double, routine: String) throws -> [Double] {
        var interior: [Double] = []
        if !breakpoints.isEmpty {
            let sorted = breakpoints.sorted()
            for (index, p) in sorted.enumerated() {
                guard p.isFinite, p >= lower, p <= upper else {
                    throw NumericsError.invalidArgument(
                        routine: routine, detail: "break point \(p) lies outside [\(lower), \(upper)]")
                }
                if index > 0 && sorted[index - 1] == p {
                    throw NumericsError.invalidArgument(routine: routine, detail: "break point \(p) is given more than once")
                }
                if p > lower && p < upper { interior.append(p) }
            }
        }
        return interior
    }

    /// The QAG bisection loop on an initial partition held in `heap`.
    static func refine(
        _ f: (Double) throws -> Double,
        heap: inout SegmentHeap,
        evaluations initialEvaluations: Int,
        sign: Double,
        absoluteTolerance: Double,
        relativeTolerance: Double,
        maxSubdivisions: Int,
        check: EndCheck,
        routine: String
    ) throws -> QuadratureResult {
        var evaluations = initialEvaluations
        var (value, error) = heap.sums()
        var bisections = 0
        while true {
            var tol = max(absoluteTolerance, relativeTolerance * abs(value))
            if error <= tol {
                // The running sums were updated incrementally; confirm with
                // freshly summed totals before accepting.
                (value, error) = heap.sums()
                tol = max(absoluteTolerance, relativeTolerance * abs(value))
                if error <= tol {
                    return QuadratureResult(value: sign * value, errorEstimate: error,
                                            evaluations: evaluations, subintervals: heap.count)
                }
            }
            if bisections >= maxSubdivisions {
                (value, error) = heap.sums()
                throw noConvergence(routine, bisections: bisections, error: error,
                                    tolerance: max(absoluteTolerance, relativeTolerance * abs(value)),
                                    subintervals: heap.count, reason: nil)
            }
            let worst = heap.top
            let mid = 0.5 * worst.a + 0.5 * worst.b
            guard worst.a < mid, mid < worst.b else {
                (value, error) = heap.sums()
                throw noConvergence(routine, bisections: bisections, error: error,
                                    tolerance: max(absoluteTolerance, relativeTolerance * abs(value)),
                                    subintervals: heap.count,
                                    reason: "subinterval [\(worst.a), \(worst.b)] is too narrow to bisect; the integrand may have a non-integrable singularity there")
            }
            let l = try estimate(f, worst.a, mid, atPieceStart: worst.atPieceStart, atPieceEnd: false, check: check,
                                 probes: (worst.startProbe, .nan), routine: routine)
            let r = try estimate(f, mid, worst.b, atPieceStart: false, atPieceEnd: worst.atPieceEnd, check: check,
                                 probes: (.nan, worst.endProbe), routine: routine)
            evaluations += 30 + l.checkEvaluations + r.checkEvaluations
            bisections += 1
            value += (l.value + r.value) - worst.value
            error += (l.error + r.error) - worst.error
            heap.replaceTop(with: l)
            heap.push(r)
        }
    }

    static func noConvergence(
        _ routine: String, bisections: Int, error: Double, tolerance: Double, subintervals: Int, reason: String?
    ) -> NumericsError {
        var detail = "achieved error estimate \(error) exceeds the requested tolerance \(tolerance) with \(subintervals) subintervals"
        if let reason { detail += "; \(reason)" }
        return .noConvergence(routine: routine, iterations: bisections, detail: detail)
    }

    /// A binary max-heap of segments keyed by error estimate.
    struct SegmentHeap {
        private(set) var storage: [Segment] = []

        init(capacity: Int) {
            // Most calls need few subintervals; the array grows on demand.
            storage.reserveCapacity(min(capacity, 64))
        }

        var count: Int { storage.count }
        var top: Segment { storage[0] }

        /// Value and error summed over all segments.
        func sums() -> (value: Double, error: Double) {
            var value = 0.0
            var error = 0.0
            for s in storage {
                value += s.value
                error += s.error
            }
            return (value, error)
        }

        mutating func push(_ segment: Segment) {
            storage.append(segment)
            var child = storage.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                if storage[parent].error >= storage[child].error { break }
                storage.swapAt(parent, child)
                child = parent
            }
        }

        mutating func replaceTop(with segment: Segment) {
            storage[0] = segment
            var parent = 0
            let n = storage.count
            while true {
                let l = 2 * parent + 1
                if l >= n { break }
                let r = l + 1
                var largest = l
                if r < n && storage[r].error > storage[l].error { largest = r }
                if storage[parent].error >= storage[largest].error { break }
                storage.swapAt(parent, largest)
                parent = largest
            }
        }
    }
}
