// Sec 4 (non-exclusive competition): the relative preference Δ = θ₁ − θ₂,
// its law H, h, h′, and Props 4.3–4.4's conditions on φ = Δh + 2H and
// ψ = (1 − 2H)/h (NonExclusiveDuopoly.swift).

import CompetitiveScreening
import Harness
import Numerics

/// The law of Δ, shared by the Sec 4 kinds.
struct RelativeParameter: SolverParameters {
    @Parameter("relative", doc: "the distribution of Δ = θ₁ − θ₂: \"difference(<own>, <opponent>)\" (independent) or \"shifted(<distribution>, by=<Δ_lo>)\"")
    var relative: String

    func law() throws -> RelativePreference {
        try at($relative) { try RelativePreference(parsing: relative) }
    }
}

// MARK: - screening.relative-preference

struct RelativePreferenceParameters: SolverParameters {
    var relative = RelativeParameter()
    @Parameter("delta", doc: "the relative preference Δ (inside the support, h(Δ) > 0)")
    var delta: Double

    func point() throws -> RelativePreferencePoint {
        let r = try relative.law()
        guard delta >= r.lower && delta <= r.upper else {
            throw SolverInputError($delta, expected: "a point of the support [\(r.lower), \(r.upper)]", found: "\(delta)")
        }
        let pt = try r.point(delta)
        guard pt.h > 0 else {
            throw SolverInputError($delta, expected: "a point where h(Δ) > 0 (ψ = (1 − 2H)/h is undefined where h = 0)", found: "\(delta)")
        }
        return pt
    }
}

struct RelativePreferenceRow: SolverRow {
    var H: Double
    var h: Double
    var hPrime: Double
    var phi: Double
    var phiPrime: Double
    var psi: Double
    var psiPrime: Double

    static let columns: [RowColumn<Self>] = [
        .init("H", \.H, doc: "H(Δ) = Pr(θ₁ − θ₂ ≤ Δ)"),
        .init("h", \.h, doc: "h(Δ)"),
        .init("h_prime", \.hPrime, doc: "h′(Δ) (right derivative at a kink, left at Δ_hi)"),
        .init("phi", \.phi, doc: "φ(Δ) = Δh(Δ) + 2H(Δ)"),
        .init("phi_prime", \.phiPrime, doc: "φ′(Δ) = 3h + Δh′"),
        .init("psi", \.psi, doc: "ψ(Δ) = (1 − 2H)/h"),
        .init("psi_prime", \.psiPrime, doc: "ψ′(Δ) = −2 − (1 − 2H)h′/h²"),
    ]
}

let relativePreference = SolverKind(
    "screening.relative-preference",
    summary: "Sec 4: H, h, h′ of Δ = θ₁ − θ₂ (quadrature for independent valuations) and φ = Δh + 2H, φ′, ψ = (1 − 2H)/h, ψ′ at one Δ (Props 4.3–4.4)",
    parameters: RelativePreferenceParameters.self,
    validate: { p in _ = try p.point() },
    run: { p, _ in
        let pt = try p.point()
        return [RelativePreferenceRow(H: pt.H, h: pt.h, hPrime: pt.hPrime + 0, phi: pt.phi, phiPrime: pt.phiPrime,
                                      psi: pt.psi! + 0, psiPrime: pt.psiPrime!)]
    })

// MARK: - screening.relative-preference-conditions

struct RelativePreferenceConditionsParameters: SolverParameters {
    var relative = RelativeParameter()
    @Parameter("grid", doc: "grid points over the support (split at the kinks of h, refined by Brent's method)", default: 801, domain: .between(3, 100_000))
    var grid: Int

    func checkedGrid() throws -> Int {
        if grid < 3 || grid > 100_000 { throw SolverInputError($grid, expected: "3 to 100000 grid points (three quadratures each)", found: "\(grid)") }
        return grid
    }
}

struct RelativePreferenceConditionsRow: SolverRow {
    var deltaLower: Double
    var deltaUpper: Double
    var phiPrimeMin: Double
    var phiPrimeMinAt: Double
    var phiPrimeMax: Double
    var phiPrimeMaxAt: Double
    var phiSignChanges: String
    var phiDirection: String
    var prop43Condition: Bool
    var psiPrimeSup: Double
    var psiPrimeSupAt: Double
    var psiPrimeDistanceFromOne: Double
    var psiPrimeDistanceAt: Double
    var psiCrossings: String
    var prop44Condition: Bool

    static let columns: [RowColumn<Self>] = [
        .init("delta_lower", \.deltaLower, doc: "Δ_lo"),
        .init("delta_upper", \.deltaUpper, doc: "Δ_hi"),
        .init("phi_prime_min", \.phiPrimeMin, doc: "min φ′"),
        .init("phi_prime_min_at", \.phiPrimeMinAt, doc: "where"),
        .init("phi_prime_max", \.phiPrimeMax, doc: "max φ′"),
        .init("phi_prime_max_at", \.phiPrimeMaxAt, doc: "where"),
        .init("phi_sign_changes", \.phiSignChanges, doc: "where φ′ changes sign (Brent roots), space-separated; empty if none"),
        .init("phi_direction", \.phiDirection, doc: "strictly increasing / strictly decreasing / not monotone"),
        .init("prop_4_3_condition", \.prop43Condition, doc: "φ strictly monotone"),
        .init("psi_prime_sup", \.psiPrimeSup, doc: "sup ψ′ where h > 0"),
        .init("psi_prime_sup_at", \.psiPrimeSupAt, doc: "where"),
        .init("psi_prime_distance_from_one", \.psiPrimeDistanceFromOne, doc: "inf |ψ′ − 1| where h > 0"),
        .init("psi_prime_distance_at", \.psiPrimeDistanceAt, doc: "where"),
        .init("psi_crossings", \.psiCrossings, doc: "where ψ′ = 1 (crossings), space-separated; empty if none"),
        .init("prop_4_4_condition", \.prop44Condition, doc: "ψ′ ≠ 1 almost everywhere"),
    ]
}

let relativePreferenceConditions = SolverKind(
    "screening.relative-preference-conditions",
    summary: "Sec 4: Prop 4.3's condition (φ = Δh + 2H strictly monotone: where φ′ changes sign) and Prop 4.4's (ψ′ ≠ 1 a.e.: where ψ′ = 1) on one Δ distribution",
    parameters: RelativePreferenceConditionsParameters.self,
    validate: { p in _ = try p.relative.law(); _ = try p.checkedGrid() },
    run: { p, _ in
        let r = try p.relative.law()
        let c = try at(p.$grid) { try NonExclusiveConditions(r, gridPoints: try p.checkedGrid()) }
        let list: ([Double]) -> String = { $0.map(conditionText).joined(separator: " ") }
        return [RelativePreferenceConditionsRow(
            deltaLower: r.lower, deltaUpper: r.upper,
            phiPrimeMin: c.phi.minimumSlope.value, phiPrimeMinAt: c.phi.minimumSlope.at,
            phiPrimeMax: c.phi.maximumSlope.value, phiPrimeMaxAt: c.phi.maximumSlope.at,
            phiSignChanges: list(c.phi.signChanges), phiDirection: c.phi.direction.rawValue, prop43Condition: c.phi.holds,
            psiPrimeSup: c.psi.supremumSlope.value, psiPrimeSupAt: c.psi.supremumSlope.at,
            psiPrimeDistanceFromOne: c.psi.distanceFromOne.value, psiPrimeDistanceAt: c.psi.distanceFromOne.at,
            psiCrossings: list(c.psi.crossings), prop44Condition: c.psi.holds)]
    })
