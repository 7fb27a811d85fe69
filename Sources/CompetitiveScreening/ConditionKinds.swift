// Solver kinds for the distributional conditions: Def 3.1 and the text around
// it (density-regularity, Myerson regularity, log-concavity), Sec 4 (φ and ψ
// of Props 4.3–4.4) and Sec 5.1 (Defs 5.1–5.2, Example 5.1 and its ρ
// threshold). Glue only: every number comes from the solvers in
// DensityConditions.swift, CorrelatedConditions.swift and NonExclusiveDuopoly.swift.

import Foundation
import Harness
import Numerics

/// A margin or argmin as text: ten significant digits, "inf"/"-inf" for the
/// one-sided limits at singular support ends.
func conditionNumber(_ x: Double) -> String {
    if x == .infinity { return "inf" }
    if x == -.infinity { return "-inf" }
    if x == 0 { return "0" }
    return String(format: "%.10g", x)
}

private func distribution(_ p: ParameterValues, _ key: String) throws -> TypeDistribution {
    try asInput { try TypeDistribution(parsing: p.text(key), parameter: key) }
}

private let gridParameter = ParameterSpec("grid", .integer, doc: "grid points over the support (refined by Brent's method), 3 to 1000000",
                                          default: .integer(401))

private func checker(_ p: ParameterValues) throws -> DensityConditionChecker {
    try asInput { try DensityConditionChecker(gridPoints: p.integer("grid")) }
}

private func requireFinite(_ x: Double, _ key: String, _ what: String) throws {
    if !x.isFinite { throw SolverInputError(parameter: key, expected: what, found: conditionNumber(x)) }
}

extension CompetitiveScreeningKinds {
    static var conditionKinds: [SolverKind] {
        [densityConditions(), densityConditionThreshold(), correlatedConditions(), correlationThreshold(),
         relativePreference(), relativePreferenceConditions()]
    }

    // MARK: - Def 3.1 and Sec 3.2–3.3

    private static let conditionPrefixes: [(DensityCondition, String)] = [(.densityRegularity, "dr"), (.myersonRegularity, "myerson"), (.logConcavity, "lc")]

    static func densityConditions() -> SolverKind {
        var columns: [Column] = []
        for (c, prefix) in conditionPrefixes {
            columns += [
                Column(prefix == "dr" ? "density_regular" : (prefix == "myerson" ? "myerson_regular" : "log_concave"), .boolean,
                       doc: "\(c.rawValue) holds (\(c.isStrict ? "strict: margin > 0" : "weak: margin ≥ 0") in the \(c.decidingForm.rawValue) form)"),
                Column("\(prefix)_verdict", .text, doc: "\(c.rawValue): verdict of the deciding form (\(c.decidingForm.rawValue))"),
                Column("\(prefix)_raw_margin", .text, doc: "min over [0, θ̄] of \(c.rawExpression) (one-sided limits at singular ends; inf/-inf)"),
                Column("\(prefix)_raw_argmin", .text, doc: "where the raw minimum is attained"),
                Column("\(prefix)_raw_verdict", .text, doc: "verdict of the raw form: holds strictly (> 0), holds weakly (= 0 somewhere), fails"),
                Column("\(prefix)_normalised_margin", .text, doc: "min where f > 0 of \(c.normalisedExpression) (one-sided limits at singular ends)"),
                Column("\(prefix)_normalised_argmin", .text, doc: "where the normalised minimum is attained"),
                Column("\(prefix)_normalised_verdict", .text, doc: "verdict of the normalised form"),
            ]
        }
        columns += [
            Column("non_decreasing_density", .boolean, doc: "f′ ≥ 0 on the support (grid + Brent)"),
            Column("positive_bounded_density", .boolean, doc: "0 < f < ∞ on all of [0, θ̄] (the model's assumption, Sec 2)"),
            Column("weighted_virtual_value_increasing", .boolean, doc: "v·f = θf − (1 − F) strictly increasing on the grid (from f and F only)"),
            Column("weighted_virtual_value_crossings", .integer, doc: "sign changes of v·f on the grid (monopoly optimal control needs one)"),
            Column("method", .text, doc: "how each raw form was minimised (normalised forms: grid + Brent)"),
            Column("notes", .text, doc: "why not applicable, or the density's order at singular support ends (f ~ c·t^k)"),
        ]
        return SolverKind(
            name: "screening.density-conditions",
            summary: "Def 3.1 / Sec 3.2–3.3: density-regularity (2f + θf′ > 0), Myerson regularity (v′ > 0) and log-concavity of one density, raw and normalised forms with margins and argmins",
            parameters: [ParameterSpec("distribution", .text, doc: "a valuation distribution in the text form, e.g. \"beta(2, 1)\""), gridParameter],
            columns: columns,
            validate: { p in _ = try distribution(p, "distribution"); _ = try checker(p) },
            run: { p, _ in
                let d = try distribution(p, "distribution"), ch = try checker(p)
                var row: [String: TableValue] = [:]
                var methods: [String] = []
                for (c, prefix) in conditionPrefixes {
                    let r = ch.check(c, d)
                    let name = prefix == "dr" ? "density_regular" : (prefix == "myerson" ? "myerson_regular" : "log_concave")
                    row[name] = .boolean(r.holds)
                    row["\(prefix)_verdict"] = .text(r.verdict.rawValue)
                    for (form, m) in [("raw", r.raw), ("normalised", r.normalised)] {
                        row["\(prefix)_\(form)_margin"] = .text(m.map { conditionNumber($0.margin) } ?? "n/a")
                        row["\(prefix)_\(form)_argmin"] = .text(m.map { conditionNumber($0.argmin) } ?? "n/a")
                        row["\(prefix)_\(form)_verdict"] = .text(m?.verdict.rawValue ?? ConditionVerdict.notApplicable.rawValue)
                    }
                    if let raw = r.raw { methods.append("\(prefix): \(raw.method.rawValue)") }
                }
                let shape = DensityShape(d, gridPoints: ch.gridPoints)
                row["non_decreasing_density"] = .boolean(shape?.isNonDecreasing ?? false)
                row["positive_bounded_density"] = .boolean(shape?.isPositiveAndBounded ?? false)
                row["weighted_virtual_value_increasing"] = .boolean(shape?.weightedVirtualValueIncreasing ?? false)
                row["weighted_virtual_value_crossings"] = .int(shape?.weightedVirtualValueSignChanges ?? 0)
                row["method"] = .text(methods.isEmpty ? "n/a" : methods.joined(separator: "; "))
                row["notes"] = .text(DensityConditionChecker.notApplicableReason(d) ?? endpointNotes(d))
                return [row]
            })
    }

    /// "f(0) = 0 (f ~ c·θ^2)" style notes for singular support ends.
    static func endpointNotes(_ d: TypeDistribution) -> String {
        let local = DensityForms(d)
        var parts: [String] = []
        for (k, end, t) in [(local.lowerOrder, "0", "θ"), (local.upperOrder, conditionNumber(d.upper), "(θ̄ − θ)")] {
            guard let k else { parts.append("f ≡ 0 next to θ = \(end)"); continue }
            if k > 0 { parts.append("f(\(end)) = 0 (f ~ c·\(t)^\(conditionNumber(k))): forms at θ = \(end) are one-sided limits") }
            if k < 0 { parts.append("f(\(end)) = ∞ (f ~ c·\(t)^\(conditionNumber(k))): forms at θ = \(end) are one-sided limits") }
        }
        return parts.isEmpty ? "0 < f(0), f(θ̄) < ∞" : parts.joined(separator: "; ")
    }

    static func densityConditionThreshold() -> SolverKind {
        @Sendable func family(_ p: ParameterValues) -> (Double) throws -> TypeDistribution {
            let template = p.text("family")
            return { x in try TypeDistribution(parsing: template.replacingOccurrences(of: "{x}", with: "\(x)"), parameter: "family") }
        }
        @Sendable func solve(_ p: ParameterValues) throws -> (ThresholdResult, DensityCondition, DensityConditionChecker) {
            guard p.text("family").contains("{x}") else {
                throw SolverInputError(parameter: "family", expected: "a distribution with the placeholder {x} for the swept parameter, e.g. \"truncexp(rate={x})\"",
                                       found: "\"\(p.text("family"))\"")
            }
            let c = DensityCondition(rawValue: p.text("condition"))!
            let ch = try checker(p)
            let r = try asInput { try ch.threshold(c, from: p.real("from"), to: p.real("to"), tolerance: p.real("tolerance"), family: family(p)) }
            return (r, c, ch)
        }
        return SolverKind(
            name: "screening.density-condition-threshold",
            summary: "Def 3.1 and Sec 3.2–3.3 along a one-parameter family: where a condition switches between holding and failing (bisection on the exact-sign predicate)",
            parameters: [
                ParameterSpec("family", .text, doc: "a distribution with {x} for the parameter, e.g. \"truncexp(rate={x})\""),
                ParameterSpec("condition", .choice(DensityCondition.allCases.map(\.rawValue)), doc: "the condition (its deciding form and strictness)"),
                ParameterSpec("from", .real, doc: "one end of the parameter interval"),
                ParameterSpec("to", .real, doc: "the other end (the condition must hold at exactly one end)"),
                ParameterSpec("tolerance", .real, doc: "bracket width to stop at", default: .real(1e-12), domain: .positive),
                gridParameter,
            ],
            columns: [
                Column("holds_at", .real, doc: "the end of the final bracket where the condition holds"),
                Column("fails_at", .real, doc: "the end where it fails"),
                Column("bracket_width", .real, doc: "|fails_at − holds_at|"),
                Column("steps", .integer, doc: "bisection steps"),
                Column("margin_at_holds", .real, doc: "the deciding form's margin at holds_at"),
                Column("margin_at_fails", .real, doc: "the deciding form's margin at fails_at"),
            ],
            validate: { p in
                let (r, c, ch) = try solve(p)
                for x in [r.holds, r.fails] {
                    let m = ch.check(c, try asInput { try family(p)(x) })
                    let margin = (c.decidingForm == .raw ? m.raw : m.normalised)?.margin ?? .nan
                    try requireFinite(margin, "family", "a family whose \(c.rawValue) margin is finite next to the threshold")
                }
            },
            run: { p, _ in
                let (r, c, ch) = try solve(p)
                let exact = try DensityConditionChecker(gridPoints: ch.gridPoints, zeroTolerance: 0)
                func margin(_ x: Double) throws -> Double {
                    let m = exact.check(c, try family(p)(x))
                    return (c.decidingForm == .raw ? m.raw : m.normalised)!.margin
                }
                return [["holds_at": .real(r.holds), "fails_at": .real(r.fails), "bracket_width": .real(r.width),
                         "steps": .int(r.iterations), "margin_at_holds": .real(try margin(r.holds)), "margin_at_fails": .real(try margin(r.fails))]]
            })
    }

    // MARK: - Sec 5.1

    private static let ownParameter = ParameterSpec("own", .text, doc: "firm 1's marginal F₁ (a bounded density)", default: .text("uniform"))
    private static let opponentParameter = ParameterSpec("opponent", .text, doc: "firm 2's marginal F₂", default: .text("uniform"))

    private static func pair(_ p: ParameterValues) throws -> ValuationPair {
        let own = try distribution(p, "own"), opponent = try distribution(p, "opponent")
        let copula: Copula = p.text("copula") == "independent" ? .independent : try asInput { try Copula.fgmChecked(rho: p.real("rho")) }
        return ValuationPair(own: own, opponent: opponent, copula: copula)
    }

    /// The own marginal must be a bounded density whose 2f + θf′ is finite.
    private static func checkOwn(_ d: TypeDistribution, _ ch: DensityConditionChecker) throws {
        try asInput { try CorrelatedConditions.requireBoundedDensity(d, "own") }
        try requireFinite(ch.check(.densityRegularity, d).raw!.margin, "own", "a density with finite 2f + θf′ on [0, θ̄] (Def 5.2)")
    }

    static func correlatedConditions() -> SolverKind {
        @Sendable func validate(_ p: ParameterValues) throws -> ValuationPair {
            let pr = try pair(p)
            let ch = try checker(p)
            try checkOwn(pr.own, ch)
            try asInput { try CorrelatedConditions.requireBoundedDensity(pr.opponent, "opponent") }
            let g = p.integer("general_grid")
            if g < 3 || g > 3000 { throw SolverInputError(parameter: "general_grid", expected: "3 to 3000 points per axis (n² evaluations)", found: "\(g)") }
            for key in ["probe_theta", "probe_x"] where !(0...1).contains(p.real(key)) {
                throw SolverInputError(parameter: key, expected: "a fraction of the support in [0, 1]", found: "\(p.real(key))")
            }
            return pr
        }
        return SolverKind(
            name: "screening.correlated-conditions",
            summary: "Sec 5.1 / Example 5.1: correlation-adjusted density-regularity (Def 5.2, normalised by 2F₂(x); exact corners and a generic (θ, v) grid), negative dependence (Def 5.1) and firm 2's condition, for one copula and ρ",
            parameters: [ownParameter, opponentParameter,
                         ParameterSpec("copula", .choice(["fgm", "independent"]), doc: "the copula linking θ₁ and θ₂", default: .text("fgm")),
                         ParameterSpec("rho", .real, doc: "FGM dependence ρ ∈ [−1, 1]", default: .real(0)),
                         gridParameter,
                         ParameterSpec("general_grid", .integer, doc: "points per axis of the generic (θ, v) grid check (3 to 3000)", default: .integer(101)),
                         ParameterSpec("probe_theta", .real, doc: "θ₁ (as a fraction of θ̄₁) where F_{2|1} and its θ-derivative are printed", default: .real(0.25)),
                         ParameterSpec("probe_x", .real, doc: "θ₂ (as a fraction of θ̄₂) for the same", default: .real(0.5))],
            columns: [
                Column("own_density_regularity", .text, doc: "Def 3.1 for F₁ (raw form 2f₁ + θf₁′)"),
                Column("own_dr_min", .real, doc: "min of 2f₁ + θf₁′ over [0, θ̄₁]"),
                Column("margin", .real, doc: "Def 5.2: min over [0, θ̄₁] × [0, θ̄₂] of the normalised form raw/(2F₂(x))"),
                Column("argmin_theta", .real, doc: "θ₁ at the minimum"),
                Column("argmin_x", .real, doc: "θ₂ at the minimum (a corner: 0 or θ̄₂)"),
                Column("verdict", .text, doc: "Def 5.2 (≥ 0): holds strictly / holds weakly / fails"),
                Column("holds", .boolean, doc: "Def 5.2 holds (margin ≥ 0)"),
                Column("edge_x0_margin", .real, doc: "min over θ₁ at θ₂ = 0 (v = F₂(0))"),
                Column("edge_x0_argmin_theta", .real, doc: "θ₁ at that minimum"),
                Column("edge_top_margin", .real, doc: "min over θ₁ at θ₂ = θ̄₂ (v = 1; = min (2f₁ + θf₁′)/2)"),
                Column("edge_top_argmin_theta", .real, doc: "θ₁ at that minimum"),
                Column("corner_00", .real, doc: "the normalised form at (θ₁, θ₂) = (0, 0)"),
                Column("corner_10", .real, doc: "… at (θ̄₁, 0)"),
                Column("corner_01", .real, doc: "… at (0, θ̄₂)"),
                Column("corner_11", .real, doc: "… at (θ̄₁, θ̄₂)"),
                Column("raw_margin", .real, doc: "min of the raw Def 5.2 expression (0 at θ₂ = 0 for every θ₁, so ≤ 0)"),
                Column("raw_argmin_theta", .real, doc: "θ₁ at the raw minimum"),
                Column("raw_argmin_x", .real, doc: "θ₂ at the raw minimum"),
                Column("grid_margin", .real, doc: "generic check: min of raw/(2v) through C_u and C_uu on a (θ, v) grid, v ≥ max(F₂(0), 1e-12), refined by Nelder–Mead"),
                Column("grid_argmin_theta", .real, doc: "θ₁ at the grid minimum"),
                Column("grid_argmin_v", .real, doc: "v = F₂(θ₂) at the grid minimum"),
                Column("grid_agrees", .boolean, doc: "|grid_margin − margin| ≤ 1e-8·max(1, |margin|)"),
                Column("method", .text, doc: "how the margin was minimised"),
                Column("negative_dependence", .text, doc: "Def 5.1 (∂F_{2|1}/∂θ₁ ≥ 0), decided by the normalised form C_uu/(v(1 − v))"),
                Column("negatively_dependent", .boolean, doc: "Def 5.1 holds"),
                Column("nd_normalised_margin", .real, doc: "min of C_uu(F₁(θ), v)/(v(1 − v)) (−2ρ for FGM)"),
                Column("nd_raw_margin", .real, doc: "min over (θ₁, θ₂) of ∂F_{2|1}(θ₂|θ₁)/∂θ₁"),
                Column("firm2_margin", .real, doc: "Def 5.2 for firm 2 (roles swapped; FGM is symmetric)"),
                Column("firm2_verdict", .text, doc: "Def 5.2 for firm 2"),
                Column("conditional_cdf", .real, doc: "F_{2|1}(θ₂ | θ₁) at the probe point"),
                Column("conditional_cdf_theta_derivative", .real, doc: "∂F_{2|1}(θ₂ | θ₁)/∂θ₁ at the probe point"),
            ],
            validate: { p in _ = try validate(p) },
            run: { p, _ in
                let pr = try validate(p)
                let grid = p.integer("grid")
                let r = try asInput { try CorrelatedConditions.correlationAdjustedDensityRegularity(pr, gridPoints: grid) }
                let g = try asInput { try CorrelatedConditions.correlationAdjustedGrid(pr, gridPoints: p.integer("general_grid")) }
                let nd = try asInput { try CorrelatedConditions.negativeDependence(pr, gridPoints: p.integer("general_grid")) }
                let swapped = ValuationPair(own: pr.opponent, opponent: pr.own, copula: pr.copula)
                let firm2 = try asInput { try CorrelatedConditions.correlationAdjustedDensityRegularity(swapped, gridPoints: grid) }
                let ch = try checker(p)
                let dr = ch.check(.densityRegularity, pr.own)
                let local = DensityForms(pr.own)
                func corner(_ theta: Double, _ x: Double) -> Double {
                    CorrelatedConditions.normalised(pr, local, theta: theta, v: pr.opponent.cdf(x), side: theta == 0 ? .right : .left).value
                }
                let (a, b) = (pr.own.upper, pr.opponent.upper)
                let probeTheta = p.real("probe_theta") * a, probeX = p.real("probe_x") * b
                let values: [String: TableValue] = [
                    "own_density_regularity": .text(dr.raw!.verdict.rawValue), "own_dr_min": .real(dr.raw!.margin),
                    "margin": .real(r.margin), "argmin_theta": .real(r.argminTheta), "argmin_x": .real(r.argminX),
                    "verdict": .text(r.verdict.rawValue), "holds": .boolean(r.holds),
                    "edge_x0_margin": .real(r.edges[0].margin), "edge_x0_argmin_theta": .real(r.edges[0].argminTheta),
                    "edge_top_margin": .real(r.edges.last!.margin), "edge_top_argmin_theta": .real(r.edges.last!.argminTheta),
                    "corner_00": .real(corner(0, 0)), "corner_10": .real(corner(a, 0)), "corner_01": .real(corner(0, b)), "corner_11": .real(corner(a, b)),
                    "raw_margin": .real(r.rawMargin + 0), "raw_argmin_theta": .real(r.rawArgminTheta), "raw_argmin_x": .real(r.rawArgminX),
                    "grid_margin": .real(g.margin), "grid_argmin_theta": .real(g.theta), "grid_argmin_v": .real(g.v),
                    "grid_agrees": .boolean(abs(g.margin - r.margin) <= 1e-8 * max(1, abs(r.margin))),
                    "method": .text(r.method),
                    "negative_dependence": .text(nd.verdict.rawValue), "negatively_dependent": .boolean(nd.holds),
                    "nd_normalised_margin": .real(nd.normalisedMargin), "nd_raw_margin": .real(nd.rawMargin),
                    "firm2_margin": .real(firm2.margin), "firm2_verdict": .text(firm2.verdict.rawValue),
                    "conditional_cdf": .real(pr.conditionalCDF(probeX, given: probeTheta)),
                    "conditional_cdf_theta_derivative": .real(pr.conditionalCDFDerivative(probeX, given: probeTheta) + 0),
                ]
                return [values]
            })
    }

    static func correlationThreshold() -> SolverKind {
        @Sendable func inputs(_ p: ParameterValues) throws -> (TypeDistribution, TypeDistribution, DensityConditionChecker) {
            let own = try distribution(p, "own"), opponent = try distribution(p, "opponent"), ch = try checker(p)
            try checkOwn(own, ch)
            let dr = ch.check(.densityRegularity, own).raw!
            if dr.margin < 0 {
                throw SolverInputError(parameter: "own", expected: "a (weakly) density-regular marginal: otherwise Def 5.2 fails at every ρ (at θ₂ = θ̄₂ it is (2f₁ + θf₁′)/2 whatever ρ) and there is no threshold",
                                       found: "min 2f + θf′ = \(conditionNumber(dr.margin)) at θ = \(conditionNumber(dr.argmin))")
            }
            let tol = p.real("tolerance")
            if !(tol > 0 && tol <= 0.5) { throw SolverInputError(parameter: "tolerance", expected: "a bisection tolerance in (0, 0.5]", found: "\(tol)") }
            return (own, opponent, ch)
        }
        return SolverKind(
            name: "screening.correlation-threshold",
            summary: "Example 5.1 and beyond: the range [ρ_min, ρ_max] of FGM ρ for which correlation-adjusted density-regularity (Def 5.2) holds for firm 1, by bisection",
            parameters: [ownParameter, opponentParameter,
                         ParameterSpec("tolerance", .real, doc: "bracket width to stop the bisection at", default: .real(1e-12)),
                         gridParameter],
            columns: [
                Column("own_density_regularity", .text, doc: "Def 3.1 for F₁ (raw form)"),
                Column("largest_holds", .real, doc: "the largest ρ found where Def 5.2 holds (1 when it holds on all of [0, 1])"),
                Column("largest_fails", .real, doc: "the adjacent ρ where it fails (= largest_holds when it never fails)"),
                Column("largest_width", .real, doc: "largest_fails − largest_holds"),
                Column("largest_steps", .integer, doc: "bisection steps"),
                Column("largest_status", .text, doc: "bisected, or holds up to ρ = 1"),
                Column("smallest_holds", .real, doc: "the smallest ρ where Def 5.2 holds (−1 when it holds on all of [−1, 0])"),
                Column("smallest_fails", .real, doc: "the adjacent ρ where it fails (= smallest_holds when it never fails)"),
                Column("smallest_width", .real, doc: "smallest_holds − smallest_fails"),
                Column("smallest_status", .text, doc: "bisected, or holds down to ρ = −1"),
                Column("margin_at_largest", .real, doc: "the Def 5.2 margin at largest_holds (≥ 0)"),
                Column("margin_past_largest", .real, doc: "the Def 5.2 margin at largest_fails (< 0 when bisected)"),
            ],
            validate: { p in _ = try inputs(p) },
            run: { p, _ in
                let (own, opponent, ch) = try inputs(p)
                guard let t = try asInput({ try CorrelatedConditions.fgmThreshold(own: own, opponent: opponent, tolerance: p.real("tolerance"), gridPoints: ch.gridPoints) }) else {
                    throw SolverInputError(parameter: "own", expected: "a marginal for which Def 5.2 holds at ρ = 0")
                }
                func margin(_ rho: Double) throws -> Double {
                    try CorrelatedConditions.correlationAdjustedDensityRegularity(ValuationPair(own: own, opponent: opponent, copula: .fgm(rho: rho)),
                                                                                 gridPoints: ch.gridPoints, zeroTolerance: 0).margin
                }
                let lf = t.largest.fails ?? t.largest.holds, sf = t.smallest.fails ?? t.smallest.holds
                return [["own_density_regularity": .text(ch.check(.densityRegularity, own).raw!.verdict.rawValue),
                         "largest_holds": .real(t.largest.holds), "largest_fails": .real(lf), "largest_width": .real(t.largest.width),
                         "largest_steps": .int(t.largest.iterations),
                         "largest_status": .text(t.largest.fails == nil ? "holds up to ρ = 1" : "bisected"),
                         "smallest_holds": .real(t.smallest.holds), "smallest_fails": .real(sf), "smallest_width": .real(t.smallest.width),
                         "smallest_status": .text(t.smallest.fails == nil ? "holds down to ρ = −1" : "bisected"),
                         "margin_at_largest": .real(try margin(t.largest.holds)), "margin_past_largest": .real(try margin(lf))]]
            })
    }

    // MARK: - Sec 4

    private static let relativeParameter = ParameterSpec("relative", .text,
        doc: "the distribution of Δ = θ₁ − θ₂: \"difference(<own>, <opponent>)\" (independent) or \"shifted(<distribution>, by=<Δ_lo>)\"")

    private static func relative(_ p: ParameterValues) throws -> RelativePreference {
        try asInput { try RelativePreference(parsing: p.text("relative"), parameter: "relative") }
    }

    static func relativePreference() -> SolverKind {
        @Sendable func point(_ p: ParameterValues) throws -> RelativePreferencePoint {
            let r = try relative(p)
            let delta = p.real("delta")
            guard delta >= r.lower && delta <= r.upper else {
                throw SolverInputError(parameter: "delta", expected: "a point of the support [\(r.lower), \(r.upper)]", found: "\(delta)")
            }
            let pt = try r.point(delta)
            guard pt.h > 0 else {
                throw SolverInputError(parameter: "delta", expected: "a point where h(Δ) > 0 (ψ = (1 − 2H)/h is undefined where h = 0)", found: "\(delta)")
            }
            return pt
        }
        return SolverKind(
            name: "screening.relative-preference",
            summary: "Sec 4: H, h, h′ of Δ = θ₁ − θ₂ (quadrature for independent valuations) and φ = Δh + 2H, φ′, ψ = (1 − 2H)/h, ψ′ at one Δ (Props 4.3–4.4)",
            parameters: [relativeParameter, ParameterSpec("delta", .real, doc: "the relative preference Δ (inside the support, h(Δ) > 0)")],
            columns: [
                Column("H", .real, doc: "H(Δ) = Pr(θ₁ − θ₂ ≤ Δ)"),
                Column("h", .real, doc: "h(Δ)"),
                Column("h_prime", .real, doc: "h′(Δ) (right derivative at a kink, left at Δ_hi)"),
                Column("phi", .real, doc: "φ(Δ) = Δh(Δ) + 2H(Δ)"),
                Column("phi_prime", .real, doc: "φ′(Δ) = 3h + Δh′"),
                Column("psi", .real, doc: "ψ(Δ) = (1 − 2H)/h"),
                Column("psi_prime", .real, doc: "ψ′(Δ) = −2 − (1 − 2H)h′/h²"),
            ],
            validate: { p in _ = try point(p) },
            run: { p, _ in
                let pt = try point(p)
                return [["H": .real(pt.H), "h": .real(pt.h), "h_prime": .real(pt.hPrime + 0), "phi": .real(pt.phi), "phi_prime": .real(pt.phiPrime),
                         "psi": .real(pt.psi! + 0), "psi_prime": .real(pt.psiPrime!)]]
            })
    }

    static func relativePreferenceConditions() -> SolverKind {
        @Sendable func grid(_ p: ParameterValues) throws -> Int {
            let g = p.integer("grid")
            if g < 3 || g > 100_000 { throw SolverInputError(parameter: "grid", expected: "3 to 100000 grid points (three quadratures each)", found: "\(g)") }
            return g
        }
        return SolverKind(
            name: "screening.relative-preference-conditions",
            summary: "Sec 4: Prop 4.3's condition (φ = Δh + 2H strictly monotone: where φ′ changes sign) and Prop 4.4's (ψ′ ≠ 1 a.e.: where ψ′ = 1) on one Δ distribution",
            parameters: [relativeParameter,
                         ParameterSpec("grid", .integer, doc: "grid points over the support (split at the kinks of h, refined by Brent's method)", default: .integer(801))],
            columns: [
                Column("delta_lower", .real, doc: "Δ_lo"),
                Column("delta_upper", .real, doc: "Δ_hi"),
                Column("phi_prime_min", .real, doc: "min φ′"),
                Column("phi_prime_min_at", .real, doc: "where"),
                Column("phi_prime_max", .real, doc: "max φ′"),
                Column("phi_prime_max_at", .real, doc: "where"),
                Column("phi_sign_changes", .text, doc: "where φ′ changes sign (Brent roots), space-separated; empty if none"),
                Column("phi_direction", .text, doc: "strictly increasing / strictly decreasing / not monotone"),
                Column("prop_4_3_condition", .boolean, doc: "φ strictly monotone"),
                Column("psi_prime_sup", .real, doc: "sup ψ′ where h > 0"),
                Column("psi_prime_sup_at", .real, doc: "where"),
                Column("psi_prime_distance_from_one", .real, doc: "inf |ψ′ − 1| where h > 0"),
                Column("psi_prime_distance_at", .real, doc: "where"),
                Column("psi_crossings", .text, doc: "where ψ′ = 1 (crossings), space-separated; empty if none"),
                Column("prop_4_4_condition", .boolean, doc: "ψ′ ≠ 1 almost everywhere"),
            ],
            validate: { p in _ = try relative(p); _ = try grid(p) },
            run: { p, _ in
                let r = try relative(p)
                let c = try asInput { try NonExclusiveConditions(r, gridPoints: try grid(p)) }
                let list: ([Double]) -> String = { $0.map(conditionNumber).joined(separator: " ") }
                return [["delta_lower": .real(r.lower), "delta_upper": .real(r.upper),
                         "phi_prime_min": .real(c.phi.minimumSlope.value), "phi_prime_min_at": .real(c.phi.minimumSlope.at),
                         "phi_prime_max": .real(c.phi.maximumSlope.value), "phi_prime_max_at": .real(c.phi.maximumSlope.at),
                         "phi_sign_changes": .text(list(c.phi.signChanges)), "phi_direction": .text(c.phi.direction.rawValue),
                         "prop_4_3_condition": .boolean(c.phi.holds),
                         "psi_prime_sup": .real(c.psi.supremumSlope.value), "psi_prime_sup_at": .real(c.psi.supremumSlope.at),
                         "psi_prime_distance_from_one": .real(c.psi.distanceFromOne.value), "psi_prime_distance_at": .real(c.psi.distanceFromOne.at),
                         "psi_crossings": .text(list(c.psi.crossings)), "prop_4_4_condition": .boolean(c.psi.holds)]]
            })
    }
}
