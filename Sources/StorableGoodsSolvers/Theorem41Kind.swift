// Section 4 of Berbeglia, Boodaghians & Vetta (2021): Theorem 4.1's chain
// Π^F ≤ Π^CP, Π^F ≤ Π^PA ≤ Σu ≤ (H_N + H_T)·Π^F, checked exactly on seeded
// random small markets under all eight equilibrium selections.

import Harness
import Numerics
import StorableGoods

struct Theorem41Parameters: SolverParameters {
    @Parameter("instances", doc: "random markets to draw", domain: .between(1, 100_000))
    var instances: Int
    var random = RandomSeed()
    @Parameter("max_consumers", doc: "N is drawn from 1...max_consumers", default: 3, domain: .between(1, 4))
    var maxConsumers: Int
    @Parameter("max_periods", doc: "T is drawn from 1...max_periods", default: 4, domain: .between(1, 4))
    var maxPeriods: Int
    @Parameter("brute_force", doc: "also confirm Π^PA by brute force over price vectors", default: true)
    var bruteForce: Bool
}

struct Theorem41Row: SolverRow {
    var instances: Int
    var skippedNoPureEquilibrium: Int
    var bruteForceConfirmed: Int
    var violations: Int
    var chainHolds: Bool
    var maxPAOverCP: Rational
    var maxCPOverPA: Rational
    var maxRatioOverHarmonicBound: Double

    static let columns: [RowColumn<Self>] = [
        .init("instances", \.instances, doc: "markets drawn"),
        .init("skipped_no_pure_equilibrium", \.skippedNoPureEquilibrium, doc: "markets without a pure stage equilibrium at some state (skipped)"),
        .init("brute_force_confirmed", \.bruteForceConfirmed, doc: "markets where brute force confirmed Π^PA"),
        .init("violations", \.violations, doc: "violated inequalities"),
        .init("chain_holds", \.chainHolds, doc: "every inequality held on every market and selection"),
        .init("max_pa_over_cp", \.maxPAOverCP, doc: "largest Π^PA/Π^CP seen (over markets and all 8 selections)"),
        .init("max_cp_over_pa", \.maxCPOverPA, doc: "largest Π^CP/Π^PA seen"),
        .init("max_ratio_over_harmonic_bound", \.maxRatioOverHarmonicBound, doc: "largest (Π^PA/Π^CP)/(H_N + H_T)"),
    ]
}

let theorem41 = SolverKind(
    "storable-goods.theorem-4-1",
    summary: "Theorem 4.1's chain Π^F ≤ Π^CP, Π^F ≤ Π^PA ≤ Σu ≤ (H_N + H_T)Π^F checked exactly on seeded random small markets",
    parameters: Theorem41Parameters.self,
    run: { p, _ in
        let c = try Theorem41Check.run(instances: p.instances, seed: UInt64(p.random.seed),
                                       maxConsumers: p.maxConsumers, maxPeriods: p.maxPeriods,
                                       selections: EquilibriumSelection.all, bruteForce: p.bruteForce)
        return [Theorem41Row(
            instances: c.instances, skippedNoPureEquilibrium: c.skippedNoPureEquilibrium,
            bruteForceConfirmed: c.bruteForceConfirmed, violations: c.violations.count, chainHolds: c.holds,
            maxPAOverCP: c.maxPAOverCP.exact, maxCPOverPA: c.maxCPOverPA.exact, maxRatioOverHarmonicBound: c.maxNormalisedRatio)]
    })
