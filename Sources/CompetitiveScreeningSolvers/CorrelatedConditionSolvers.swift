// Sec 5.1 and Example 5.1: correlated valuations of a duopoly linked by a
// copula. Correlation-adjusted density-regularity (Def 5.2), negative
// dependence (Def 5.1), and the range of FGM ρ for which Def 5.2 holds
// (CorrelatedConditions.swift).

import CompetitiveScreening
import Harness
import Distributions
import Numerics

// MARK: Shared parameters

/// The two marginals F₁ (firm 1, own) and F₂ (firm 2, opponent).
struct MarginalsParameters: SolverParameters {
    @Parameter("own", doc: "firm 1's marginal F₁ (a bounded density)", default: "uniform")
    var own: String
    @Parameter("opponent", doc: "firm 2's marginal F₂", default: "uniform")
    var opponent: String

    func laws() throws -> (own: TypeDistribution, opponent: TypeDistribution) {
        (try law(own, at: $own), try law(opponent, at: $opponent))
    }

    /// A pair computation with the own law's errors at `own`, the opponent's
    /// at `opponent` (`swapped`: firm 2's condition, roles exchanged) and the
    /// grid's at `grid`.
    func mapped<T>(grid: ParameterKey, swapped: Bool = false, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CompetitiveScreeningError {
            switch e {
            case .setting: throw inputError(grid, e)
            case .lawHasAtoms(.own, _, _), .unboundedDensity(.own, _): throw inputError(swapped ? $opponent : $own, e)
            default: throw inputError(swapped ? $own : $opponent, e)
            }
        }
    }

    /// The own marginal must be a bounded density whose 2f + θf′ is finite (Def 5.2).
    func checkOwn(_ d: TypeDistribution, _ ch: DensityConditionChecker) throws {
        try at($own) { try CorrelatedConditions.requireBoundedDensity(d, .own) }
        try requireFinite(ch.check(.densityRegularity, d).raw!.margin, $own, "a density with finite 2f + θf′ on [0, θ̄] (Def 5.2)")
    }
}

// MARK: - screening.correlated-conditions

/// The copula linking θ₁ and θ₂.
enum CopulaChoice: String, CaseIterable, ParameterChoice {
    case fgm, independent
}

struct CorrelatedConditionsParameters: SolverParameters {
    var marginals = MarginalsParameters()
    @Parameter("copula", doc: "the copula linking θ₁ and θ₂", default: .fgm)
    var copula: CopulaChoice
    @Parameter("rho", doc: "FGM dependence ρ ∈ [−1, 1]", default: 0)
    var rho: Double
    var grid = ConditionGridParameter()
    @Parameter("general_grid", doc: "points per axis of the generic (θ, v) grid check", default: 101, domain: .between(3, 3000))
    var generalGrid: Int
    @Parameter("probe_theta", doc: "θ₁ (as a fraction of θ̄₁) where F_{2|1} and its θ-derivative are printed", default: 0.25)
    var probeTheta: Double
    @Parameter("probe_x", doc: "θ₂ (as a fraction of θ̄₂) for the same", default: 0.5)
    var probeX: Double

    /// The valuation pair, checked (Def 5.2 needs bounded densities).
    func pair() throws -> ValuationPair {
        let (own, opponent) = try marginals.laws()
        let c: Copula = copula == .independent ? .independent : try at($rho) { try Copula.fgmChecked(rho: rho) }
        let pr = ValuationPair(own: own, opponent: opponent, copula: c)
        try marginals.checkOwn(pr.own, try grid.checker())
        try at(marginals.$opponent) { try CorrelatedConditions.requireBoundedDensity(pr.opponent, .opponent(index: 0)) }
        if generalGrid < 3 || generalGrid > 3000 {
            throw SolverInputError($generalGrid, expected: "3 to 3000 points per axis (n² evaluations)", found: "\(generalGrid)")
        }
        if !(0...1).contains(probeTheta) { throw SolverInputError($probeTheta, expected: "a fraction of the support in [0, 1]", found: "\(probeTheta)") }
        if !(0...1).contains(probeX) { throw SolverInputError($probeX, expected: "a fraction of the support in [0, 1]", found: "\(probeX)") }
        return pr
    }
}

struct CorrelatedConditionsRow: SolverRow {
    var ownDensityRegularity: String
    var ownDRMin: Double
    var margin: Double
    var argminTheta: Double
    var argminX: Double
    var verdict: String
    var holds: Bool
    var edgeX0Margin: Double
    var edgeX0ArgminTheta: Double
    var edgeTopMargin: Double
    var edgeTopArgminTheta: Double
    var corner00: Double
    var corner10: Double
    var corner01: Double
    var corner11: Double
    var rawMargin: Double
    var rawArgminTheta: Double
    var rawArgminX: Double
    var gridMargin: Double
    var gridArgminTheta: Double
    var gridArgminV: Double
    var gridAgrees: Bool
    var method: String
    var negativeDependence: String
    var negativelyDependent: Bool
    var ndNormalisedMargin: Double
    var ndRawMargin: Double
    var firm2Margin: Double
    var firm2Verdict: String
    var conditionalCDF: Double
    var conditionalCDFThetaDerivative: Double

    static let columns: [RowColumn<Self>] = [
        .init("own_density_regularity", \.ownDensityRegularity, doc: "Def 3.1 for F₁ (raw form 2f₁ + θf₁′)"),
        .init("own_dr_min", \.ownDRMin, doc: "min of 2f₁ + θf₁′ over [0, θ̄₁]"),
        .init("margin", \.margin, doc: "Def 5.2: min over [0, θ̄₁] × [0, θ̄₂] of the normalised form raw/(2F₂(x))"),
        .init("argmin_theta", \.argminTheta, doc: "θ₁ at the minimum"),
        .init("argmin_x", \.argminX, doc: "θ₂ at the minimum (a corner: 0 or θ̄₂)"),
        .init("verdict", \.verdict, doc: "Def 5.2 (≥ 0): holds strictly / holds weakly / fails"),
        .init("holds", \.holds, doc: "Def 5.2 holds (margin ≥ 0)"),
        .init("edge_x0_margin", \.edgeX0Margin, doc: "min over θ₁ at θ₂ = 0 (v = F₂(0))"),
        .init("edge_x0_argmin_theta", \.edgeX0ArgminTheta, doc: "θ₁ at that minimum"),
        .init("edge_top_margin", \.edgeTopMargin, doc: "min over θ₁ at θ₂ = θ̄₂ (v = 1; = min (2f₁ + θf₁′)/2)"),
        .init("edge_top_argmin_theta", \.edgeTopArgminTheta, doc: "θ₁ at that minimum"),
        .init("corner_00", \.corner00, doc: "the normalised form at (θ₁, θ₂) = (0, 0)"),
        .init("corner_10", \.corner10, doc: "… at (θ̄₁, 0)"),
        .init("corner_01", \.corner01, doc: "… at (0, θ̄₂)"),
        .init("corner_11", \.corner11, doc: "… at (θ̄₁, θ̄₂)"),
        .init("raw_margin", \.rawMargin, doc: "min of the raw Def 5.2 expression (0 at θ₂ = 0 for every θ₁, so ≤ 0)"),
        .init("raw_argmin_theta", \.rawArgminTheta, doc: "θ₁ at the raw minimum"),
        .init("raw_argmin_x", \.rawArgminX, doc: "θ₂ at the raw minimum"),
        .init("grid_margin", \.gridMargin, doc: "generic check: min of raw/(2v) through C_u and C_uu on a (θ, v) grid, v ≥ max(F₂(0), 1e-12), refined by Nelder–Mead"),
        .init("grid_argmin_theta", \.gridArgminTheta, doc: "θ₁ at the grid minimum"),
        .init("grid_argmin_v", \.gridArgminV, doc: "v = F₂(θ₂) at the grid minimum"),
        .init("grid_agrees", \.gridAgrees, doc: "|grid_margin − margin| ≤ 1e-8·max(1, |margin|)"),
        .init("method", \.method, doc: "how the margin was minimised"),
        .init("negative_dependence", \.negativeDependence, doc: "Def 5.1 (∂F_{2|1}/∂θ₁ ≥ 0), decided by the normalised form C_uu/(v(1 − v))"),
        .init("negatively_dependent", \.negativelyDependent, doc: "Def 5.1 holds"),
        .init("nd_normalised_margin", \.ndNormalisedMargin, doc: "min of C_uu(F₁(θ), v)/(v(1 − v)) (−2ρ for FGM)"),
        .init("nd_raw_margin", \.ndRawMargin, doc: "min over (θ₁, θ₂) of ∂F_{2|1}(θ₂|θ₁)/∂θ₁"),
        .init("firm2_margin", \.firm2Margin, doc: "Def 5.2 for firm 2 (roles swapped; FGM is symmetric)"),
        .init("firm2_verdict", \.firm2Verdict, doc: "Def 5.2 for firm 2"),
        .init("conditional_cdf", \.conditionalCDF, doc: "F_{2|1}(θ₂ | θ₁) at the probe point"),
        .init("conditional_cdf_theta_derivative", \.conditionalCDFThetaDerivative, doc: "∂F_{2|1}(θ₂ | θ₁)/∂θ₁ at the probe point"),
    ]
}

let correlatedConditions = SolverKind(
    "screening.correlated-conditions",
    summary: "Sec 5.1 / Example 5.1: correlation-adjusted density-regularity (Def 5.2, normalised by 2F₂(x); exact corners and a generic (θ, v) grid), negative dependence (Def 5.1) and firm 2's condition, for one copula and ρ",
    parameters: CorrelatedConditionsParameters.self,
    validate: { p in _ = try p.pair() },
    run: { p, _ in
        let pr = try p.pair()
        let m = p.marginals, grid = p.grid.grid
        let r = try m.mapped(grid: p.grid.$grid) { try CorrelatedConditions.correlationAdjustedDensityRegularity(pr, gridPoints: grid) }
        let g = try m.mapped(grid: p.$generalGrid) { try CorrelatedConditions.correlationAdjustedGrid(pr, gridPoints: p.generalGrid) }
        let nd = try m.mapped(grid: p.$generalGrid) { try CorrelatedConditions.negativeDependence(pr, gridPoints: p.generalGrid) }
        let swapped = ValuationPair(own: pr.opponent, opponent: pr.own, copula: pr.copula)
        let firm2 = try m.mapped(grid: p.grid.$grid, swapped: true) { try CorrelatedConditions.correlationAdjustedDensityRegularity(swapped, gridPoints: grid) }
        let dr = try p.grid.checker().check(.densityRegularity, pr.own)
        let local = DensityForms(pr.own)
        func corner(_ theta: Double, _ x: Double) -> Double {
            CorrelatedConditions.normalised(pr, local, theta: theta, v: pr.opponent.cdf(x), side: theta == 0 ? .right : .left).value
        }
        let (a, b) = (pr.own.upper, pr.opponent.upper)
        let probeTheta = p.probeTheta * a, probeX = p.probeX * b
        return [CorrelatedConditionsRow(
            ownDensityRegularity: dr.raw!.verdict.rawValue, ownDRMin: dr.raw!.margin,
            margin: r.margin, argminTheta: r.argminTheta, argminX: r.argminX, verdict: r.verdict.rawValue, holds: r.holds,
            edgeX0Margin: r.edges[0].margin, edgeX0ArgminTheta: r.edges[0].argminTheta,
            edgeTopMargin: r.edges.last!.margin, edgeTopArgminTheta: r.edges.last!.argminTheta,
            corner00: corner(0, 0), corner10: corner(a, 0), corner01: corner(0, b), corner11: corner(a, b),
            rawMargin: r.rawMargin + 0, rawArgminTheta: r.rawArgminTheta, rawArgminX: r.rawArgminX,
            gridMargin: g.margin, gridArgminTheta: g.theta, gridArgminV: g.v,
            gridAgrees: abs(g.margin - r.margin) <= 1e-8 * max(1, abs(r.margin)),
            method: r.method,
            negativeDependence: nd.verdict.rawValue, negativelyDependent: nd.holds,
            ndNormalisedMargin: nd.normalisedMargin, ndRawMargin: nd.rawMargin,
            firm2Margin: firm2.margin, firm2Verdict: firm2.verdict.rawValue,
            conditionalCDF: pr.conditionalCDF(probeX, given: probeTheta),
            conditionalCDFThetaDerivative: pr.conditionalCDFDerivative(probeX, given: probeTheta) + 0)]
    })

// MARK: - screening.correlation-threshold

struct CorrelationThresholdParameters: SolverParameters {
    var marginals = MarginalsParameters()
    @Parameter("tolerance", doc: "bracket width to stop the bisection at", default: 1e-12)
    var tolerance: Double
    var grid = ConditionGridParameter()
    @Parameter("raw_floor", doc: "h: the raw-form threshold checks the raw Def 5.2 expression on θ₂ ∈ [h·θ̄₂, θ̄₂] (it vanishes at θ₂ = 0); default 1/400, the first positive node of a 401-point grid",
               default: 0.0025, domain: NumericDomain(minimum: 0, minimumInclusive: false, maximum: 1, maximumInclusive: false))
    var rawFloor: Double

    func inputs() throws -> (own: TypeDistribution, opponent: TypeDistribution, checker: DensityConditionChecker) {
        let (own, opponent) = try marginals.laws()
        let ch = try grid.checker()
        try marginals.checkOwn(own, ch)
        let dr = ch.check(.densityRegularity, own).raw!
        if dr.margin < 0 { throw inputError(marginals.$own, .notDensityRegular(role: .own, margin: dr.margin, at: dr.argmin)) }
        if !(tolerance > 0 && tolerance <= 0.5) { throw SolverInputError($tolerance, expected: "a bisection tolerance in (0, 0.5]", found: "\(tolerance)") }
        return (own, opponent, ch)
    }
}

struct CorrelationThresholdRow: SolverRow {
    var ownDensityRegularity: String
    var largestHolds: Double
    var largestFails: Double
    var largestWidth: Double
    var largestSteps: Int
    var largestStatus: String
    var smallestHolds: Double
    var smallestFails: Double
    var smallestWidth: Double
    var smallestStatus: String
    var marginAtLargest: Double
    var marginPastLargest: Double
    var rawFloor: Double
    var rawLargestHolds: Double
    var rawLargestFails: Double

    static let columns: [RowColumn<Self>] = [
        .init("own_density_regularity", \.ownDensityRegularity, doc: "Def 3.1 for F₁ (raw form)"),
        .init("largest_holds", \.largestHolds, doc: "the largest ρ found where Def 5.2 holds (1 when it holds on all of [0, 1])"),
        .init("largest_fails", \.largestFails, doc: "the adjacent ρ where it fails (= largest_holds when it never fails)"),
        .init("largest_width", \.largestWidth, doc: "largest_fails − largest_holds"),
        .init("largest_steps", \.largestSteps, doc: "bisection steps"),
        .init("largest_status", \.largestStatus, doc: "bisected, or holds up to ρ = 1"),
        .init("smallest_holds", \.smallestHolds, doc: "the smallest ρ where Def 5.2 holds (−1 when it holds on all of [−1, 0])"),
        .init("smallest_fails", \.smallestFails, doc: "the adjacent ρ where it fails (= smallest_holds when it never fails)"),
        .init("smallest_width", \.smallestWidth, doc: "smallest_holds − smallest_fails"),
        .init("smallest_status", \.smallestStatus, doc: "bisected, or holds down to ρ = −1"),
        .init("margin_at_largest", \.marginAtLargest, doc: "the Def 5.2 margin at largest_holds (≥ 0)"),
        .init("margin_past_largest", \.marginPastLargest, doc: "the Def 5.2 margin at largest_fails (< 0 when bisected)"),
        .init("raw_floor", \.rawFloor, doc: "h: the raw form is checked on θ₂ ∈ [h·θ̄₂, θ̄₂]"),
        .init("raw_largest_holds", \.rawLargestHolds, doc: "the largest ρ where the RAW expression [2f₁ + θf₁′]F_{2|1} + θf₁∂_θF_{2|1} is ≥ 0 on [0, θ̄₁] × [h·θ̄₂, θ̄₂] (bisected; 1/(2(1 − h)) for uniform marginals)"),
        .init("raw_largest_fails", \.rawLargestFails, doc: "the adjacent ρ where it fails (= raw_largest_holds when it never fails)"),
    ]
}

let correlationThreshold = SolverKind(
    "screening.correlation-threshold",
    summary: "Example 5.1 and beyond: the range [ρ_min, ρ_max] of FGM ρ for which correlation-adjusted density-regularity (Def 5.2) holds for firm 1, by bisection",
    parameters: CorrelationThresholdParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let (own, opponent, ch) = try p.inputs()
        let t = try p.marginals.mapped(grid: p.grid.$grid) {
            try CorrelatedConditions.fgmThreshold(own: own, opponent: opponent, tolerance: p.tolerance, gridPoints: ch.gridPoints)
        }
        guard let t else { throw SolverInputError(p.marginals.$own, expected: "a marginal for which Def 5.2 holds at ρ = 0") }
        let margin = { (rho: Double) throws -> Double in
            let pair = ValuationPair(own: own, opponent: opponent, copula: .fgm(rho: rho))
            let result = try CorrelatedConditions.correlationAdjustedDensityRegularity(pair, gridPoints: ch.gridPoints, zeroTolerance: 0)
            return result.margin
        }
        let lf = t.largest.fails ?? t.largest.holds, sf = t.smallest.fails ?? t.smallest.holds
        let raw = try p.marginals.mapped(grid: p.grid.$grid) {
            try CorrelatedConditions.fgmRawThreshold(own: own, opponent: opponent, floor: p.rawFloor, tolerance: p.tolerance, gridPoints: ch.gridPoints)
        }
        // The raw form is ≥ 0 at ρ = 0 wherever the normalised one is (sign of N for v > 0).
        guard let raw else { throw SolverInputError(p.marginals.$own, expected: "a marginal for which Def 5.2 holds at ρ = 0") }
        return [CorrelationThresholdRow(
            ownDensityRegularity: ch.check(.densityRegularity, own).raw!.verdict.rawValue,
            largestHolds: t.largest.holds, largestFails: lf, largestWidth: t.largest.width, largestSteps: t.largest.iterations,
            largestStatus: t.largest.fails == nil ? "holds up to ρ = 1" : "bisected",
            smallestHolds: t.smallest.holds, smallestFails: sf, smallestWidth: t.smallest.width,
            smallestStatus: t.smallest.fails == nil ? "holds down to ρ = −1" : "bisected",
            marginAtLargest: try margin(t.largest.holds), marginPastLargest: try margin(lf),
            rawFloor: p.rawFloor, rawLargestHolds: raw.holds, rawLargestFails: raw.fails ?? raw.holds)]
    })
