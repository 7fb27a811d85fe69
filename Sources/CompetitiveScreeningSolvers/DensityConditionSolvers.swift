// Def 3.1 and Secs 3.2–3.3: density-regularity (2f + θf′ > 0), Myerson
// regularity and log-concavity of one valuation density, raw and normalised
// forms (DensityConditions.swift), and where a condition switches along a
// one-parameter family.

import CompetitiveScreening
import Harness
import Distributions
import Numerics

// MARK: Shared parameters

/// The grid of the density-condition checks (Brent-refined), shared by the condition kinds.
struct ConditionGridParameter: SolverParameters {
    @Parameter("grid", doc: "grid points over the support (refined by Brent's method)", default: 401, domain: .between(3, 1_000_000))
    var grid: Int

    /// The checker (a bad grid size is reported at `grid`).
    func checker() throws -> DensityConditionChecker {
        try at($grid) { try DensityConditionChecker(gridPoints: grid) }
    }
}

/// A valuation law in the text form, reported at `key`.
func law(_ text: String, at key: ParameterKey) throws -> TypeDistribution {
    try at(key) { try valuationLaw { try TypeDistribution(parsing: text) } }
}

/// The finite margin a threshold needs (else an input error at `key`).
func requireFinite(_ x: Double, _ key: ParameterKey, _ what: String) throws {
    if !x.isFinite { throw SolverInputError(key, expected: what, found: conditionText(x)) }
}

// MARK: - screening.density-conditions

struct DensityConditionsParameters: SolverParameters {
    @Parameter("distribution", doc: "a valuation distribution, in " + TypeDistribution.syntaxDoc)
    var distribution: String
    var grid = ConditionGridParameter()
}

/// Which condition a group of columns reports, and the columns' prefix.
protocol ConditionColumnsPrefix: Sendable {
    static var condition: DensityCondition { get }
    static var prefix: String { get }
    static var holdsColumn: String { get }
}

enum DensityRegularityColumns: ConditionColumnsPrefix {
    static let condition = DensityCondition.densityRegularity
    static let prefix = "dr"
    static let holdsColumn = "density_regular"
}

enum MyersonRegularityColumns: ConditionColumnsPrefix {
    static let condition = DensityCondition.myersonRegularity
    static let prefix = "myerson"
    static let holdsColumn = "myerson_regular"
}

enum LogConcavityColumns: ConditionColumnsPrefix {
    static let condition = DensityCondition.logConcavity
    static let prefix = "lc"
    static let holdsColumn = "log_concave"
}

/// One condition's verdict, raw and normalised margins (the same eight columns for each condition).
struct ConditionColumns<C: ConditionColumnsPrefix>: SolverRow {
    var holds: Bool
    var verdict: String
    var rawMargin: String
    var rawArgmin: String
    var rawVerdict: String
    var normalisedMargin: String
    var normalisedArgmin: String
    var normalisedVerdict: String

    static var columns: [RowColumn<Self>] {
        let c = C.condition, prefix = C.prefix
        return [
            .init(C.holdsColumn, \.holds, doc: "\(c.rawValue) holds (\(c.isStrict ? "strict: margin > 0" : "weak: margin ≥ 0") in the \(c.decidingForm.rawValue) form)"),
            .init("\(prefix)_verdict", \.verdict, doc: "\(c.rawValue): verdict of the deciding form (\(c.decidingForm.rawValue))"),
            .init("\(prefix)_raw_margin", \.rawMargin, doc: "min over [0, θ̄] of \(c.rawExpression) (one-sided limits at singular ends; inf/-inf)"),
            .init("\(prefix)_raw_argmin", \.rawArgmin, doc: "where the raw minimum is attained"),
            .init("\(prefix)_raw_verdict", \.rawVerdict, doc: "verdict of the raw form: holds strictly (> 0), holds weakly (= 0 somewhere), fails"),
            .init("\(prefix)_normalised_margin", \.normalisedMargin, doc: "min where f > 0 of \(c.normalisedExpression) (one-sided limits at singular ends)"),
            .init("\(prefix)_normalised_argmin", \.normalisedArgmin, doc: "where the normalised minimum is attained"),
            .init("\(prefix)_normalised_verdict", \.normalisedVerdict, doc: "verdict of the normalised form"),
        ]
    }

    init(_ r: DensityConditionResult) {
        func marginText(_ m: ConditionMargin?) -> String { m.map { conditionText($0.margin) } ?? "n/a" }
        func argminText(_ m: ConditionMargin?) -> String { m.map { conditionText($0.argmin) } ?? "n/a" }
        func verdictText(_ m: ConditionMargin?) -> String { m?.verdict.rawValue ?? ConditionVerdict.notApplicable.rawValue }
        holds = r.holds
        verdict = r.verdict.rawValue
        rawMargin = marginText(r.raw); rawArgmin = argminText(r.raw); rawVerdict = verdictText(r.raw)
        normalisedMargin = marginText(r.normalised); normalisedArgmin = argminText(r.normalised); normalisedVerdict = verdictText(r.normalised)
    }
}

struct DensityConditionsRow: SolverRow {
    var densityRegularity: ConditionColumns<DensityRegularityColumns>
    var myersonRegularity: ConditionColumns<MyersonRegularityColumns>
    var logConcavity: ConditionColumns<LogConcavityColumns>
    var nonDecreasingDensity: Bool
    var positiveBoundedDensity: Bool
    var weightedVirtualValueIncreasing: Bool
    var weightedVirtualValueCrossings: Int
    var method: String
    var notes: String

    static let conditionColumns: [[RowColumn<Self>]] = [
        RowColumn.group(\Self.densityRegularity), RowColumn.group(\Self.myersonRegularity), RowColumn.group(\Self.logConcavity),
    ]
    static let columns: [RowColumn<Self>] = conditionColumns.flatMap { $0 } + shapeColumns
    static let shapeColumns: [RowColumn<Self>] = [
        .init("non_decreasing_density", \.nonDecreasingDensity, doc: "f′ ≥ 0 on the support (grid + Brent)"),
        .init("positive_bounded_density", \.positiveBoundedDensity, doc: "0 < f < ∞ on all of [0, θ̄] (the model's assumption, Sec 2)"),
        .init("weighted_virtual_value_increasing", \.weightedVirtualValueIncreasing, doc: "v·f = θf − (1 − F) strictly increasing on the grid (from f and F only)"),
        .init("weighted_virtual_value_crossings", \.weightedVirtualValueCrossings, doc: "sign changes of v·f on the grid (monopoly optimal control needs one)"),
        .init("method", \.method, doc: "how each raw form was minimised (normalised forms: grid + Brent)"),
        .init("notes", \.notes, doc: "why not applicable, or the density's order at singular support ends (f ~ c·t^k)"),
    ]
}

/// "f(0) = 0 (f ~ c·θ^2)" style notes for singular support ends.
func endpointNotes(_ d: TypeDistribution) -> String {
    let local = DensityForms(d)
    var parts: [String] = []
    for (k, end, t) in [(local.lowerOrder, "0", "θ"), (local.upperOrder, conditionText(d.upper), "(θ̄ − θ)")] {
        guard let k else { parts.append("f ≡ 0 next to θ = \(end)"); continue }
        if k > 0 { parts.append("f(\(end)) = 0 (f ~ c·\(t)^\(conditionText(k))): forms at θ = \(end) are one-sided limits") }
        if k < 0 { parts.append("f(\(end)) = ∞ (f ~ c·\(t)^\(conditionText(k))): forms at θ = \(end) are one-sided limits") }
    }
    return parts.isEmpty ? "0 < f(0), f(θ̄) < ∞" : parts.joined(separator: "; ")
}

let densityConditions = SolverKind(
    "screening.density-conditions",
    summary: "Def 3.1 / Sec 3.2–3.3: density-regularity (2f + θf′ > 0), Myerson regularity (v′ > 0) and log-concavity of one density, raw and normalised forms with margins and argmins",
    parameters: DensityConditionsParameters.self,
    validate: { p in _ = try law(p.distribution, at: p.$distribution); _ = try p.grid.checker() },
    run: { p, _ in
        let d = try law(p.distribution, at: p.$distribution), ch = try p.grid.checker()
        let results = [DensityCondition.densityRegularity, .myersonRegularity, .logConcavity].map { ch.check($0, d) }
        let methods = zip(["dr", "myerson", "lc"], results).compactMap { prefix, r in r.raw.map { "\(prefix): \($0.method.rawValue)" } }
        let shape = DensityShape(d, gridPoints: ch.gridPoints)
        return [DensityConditionsRow(
            densityRegularity: ConditionColumns(results[0]), myersonRegularity: ConditionColumns(results[1]),
            logConcavity: ConditionColumns(results[2]),
            nonDecreasingDensity: shape?.isNonDecreasing ?? false, positiveBoundedDensity: shape?.isPositiveAndBounded ?? false,
            weightedVirtualValueIncreasing: shape?.weightedVirtualValueIncreasing ?? false,
            weightedVirtualValueCrossings: shape?.weightedVirtualValueSignChanges ?? 0,
            method: methods.isEmpty ? "n/a" : methods.joined(separator: "; "),
            notes: DensityConditionChecker.notApplicableReason(d) ?? endpointNotes(d))]
    })

// MARK: - screening.density-condition-threshold

struct DensityConditionThresholdParameters: SolverParameters {
    @Parameter("family", doc: "a distribution with {x} for the parameter, e.g. \"truncexp(rate={x})\"")
    var family: String
    @Parameter("condition", doc: "the condition (its deciding form and strictness)")
    var condition: DensityCondition
    @Parameter("from", doc: "one end of the parameter interval")
    var from: Double
    @Parameter("to", doc: "the other end (the condition must hold at exactly one end)")
    var to: Double
    @Parameter("tolerance", doc: "bracket width to stop at", default: 1e-12, domain: .positive)
    var tolerance: Double
    var grid = ConditionGridParameter()

    /// The family member at parameter value x (errors at `family`).
    func member(_ x: Double) throws -> TypeDistribution {
        try law(family.replacingOccurrences(of: "{x}", with: "\(x)"), at: $family)
    }

    /// The bisection (errors at `family`, `from` or `tolerance`).
    func solve() throws -> (ThresholdResult, DensityConditionChecker) {
        guard family.contains("{x}") else {
            throw SolverInputError($family, expected: "a distribution with the placeholder {x} for the swept parameter, e.g. \"truncexp(rate={x})\"",
                                   found: "\"\(family)\"")
        }
        let ch = try grid.checker()
        do {
            return (try ch.threshold(condition, from: from, to: to, tolerance: tolerance, family: member), ch)
        } catch let e as CompetitiveScreeningError {
            switch e {
            case .setting(.bisectionTolerance, _, _): throw inputError($tolerance, e)
            case .setting: throw inputError(grid.$grid, e)
            default: throw inputError($from, e)
            }
        }
    }

    /// The deciding form's margin at x.
    func margin(_ checker: DensityConditionChecker, _ x: Double) throws -> Double? {
        let m = checker.check(condition, try member(x))
        return (condition.decidingForm == .raw ? m.raw : m.normalised)?.margin
    }
}

struct DensityConditionThresholdRow: SolverRow {
    var holdsAt: Double
    var failsAt: Double
    var bracketWidth: Double
    var steps: Int
    var marginAtHolds: Double
    var marginAtFails: Double

    static let columns: [RowColumn<Self>] = [
        .init("holds_at", \.holdsAt, doc: "the end of the final bracket where the condition holds"),
        .init("fails_at", \.failsAt, doc: "the end where it fails"),
        .init("bracket_width", \.bracketWidth, doc: "|fails_at − holds_at|"),
        .init("steps", \.steps, doc: "bisection steps"),
        .init("margin_at_holds", \.marginAtHolds, doc: "the deciding form's margin at holds_at"),
        .init("margin_at_fails", \.marginAtFails, doc: "the deciding form's margin at fails_at"),
    ]
}

let densityConditionThreshold = SolverKind(
    "screening.density-condition-threshold",
    summary: "Def 3.1 and Sec 3.2–3.3 along a one-parameter family: where a condition switches between holding and failing (bisection on the exact-sign predicate)",
    parameters: DensityConditionThresholdParameters.self,
    validate: { p in
        let (r, ch) = try p.solve()
        for x in [r.holds, r.fails] {
            try requireFinite(try p.margin(ch, x) ?? .nan, p.$family, "a family whose \(p.condition.rawValue) margin is finite next to the threshold")
        }
    },
    run: { p, _ in
        let (r, ch) = try p.solve()
        let exact = try DensityConditionChecker(gridPoints: ch.gridPoints, zeroTolerance: 0)
        return [DensityConditionThresholdRow(holdsAt: r.holds, failsAt: r.fails, bracketWidth: r.width, steps: r.iterations,
                                             marginAtHolds: try p.margin(exact, r.holds)!, marginAtFails: try p.margin(exact, r.fails)!)]
    })
