// The solver kinds this module offers to experiment specs. Every number comes
// from the module's solvers called with the spec's parameters.

import Foundation
import Harness
import Numerics

extension CompetitiveInformationDesignError {
    /// The error as a spec input error (exit status 2) naming the parameter.
    var inputError: SolverInputError { SolverInputError(parameter: parameter, expected: "a valid value (\(detail))") }
}

enum HotellingParameters {
    static let prior = ParameterSpec("prior", .choice(["atoms", "uniform"]), doc: "the symmetric prior of residuals r = v_1 − v_2: atoms, or uniform on [−v̄, v̄]", default: .text("atoms"))
    static let atoms = ParameterSpec("atoms", .list(.real), doc: "atoms of the prior (both signs listed; prior = atoms)", default: .list([]))
    static let probabilities = ParameterSpec("probabilities", .list(.real), doc: "their probabilities (sum 1)", default: .list([]), domain: .nonNegative)
    static let vBar = ParameterSpec("v_bar", .real, doc: "v̄: values lie in [0, v̄] and residuals in [−v̄, v̄]", domain: .positive)
    static let all = [prior, atoms, probabilities, vBar]

    static func prior(_ p: ParameterValues) throws -> SymmetricResidualPrior {
        let vBar = p.real("v_bar")
        if p.text("prior") == "uniform" { return try SymmetricResidualPrior.uniform(vBar: vBar) }
        return try SymmetricResidualPrior(atoms: p.list("atoms").map { $0.doubleValue }, probabilities: p.list("probabilities").map { $0.doubleValue }, vBar: vBar)
    }

    static let validate: @Sendable (ParameterValues) throws -> Void = { p in
        do { _ = try prior(p) } catch let e as CompetitiveInformationDesignError { throw e.inputError }
    }
}

extension ParameterValue {
    /// A numeric parameter value as a double (0 for non-numbers).
    var doubleValue: Double {
        switch self {
        case let .real(d): return d
        case let .integer(i): return Double(i)
        case let .rational(r): return r.doubleValue
        default: return 0
        }
    }
}

extension BertrandEnvironment {
    /// Every solver kind of the Bergemann–Brooks–Morris paper.
    public static var solverKinds: [SolverKind] {
        typealias H = HotellingParameters
        let optimum = SolverKind(
            name: "bbm.hotelling-optimum",
            summary: "Theorem 3: the consumer-surplus-maximising G_b^B for a symmetric residual prior, by a general constrained optimiser (MPC checked exactly for atoms)",
            parameters: H.all,
            columns: [
                Column("b_star", .real, doc: "b*: the efficient producer's price"),
                Column("B_star", .real, doc: "B*: the upper truncation"),
                Column("consumer_surplus", .real, doc: "CS of G_{b*}^{B*}"),
                Column("total_surplus", .real, doc: "TS (eq. 3)"),
                Column("producer_surplus", .real, doc: "PS = TS − CS"),
                Column("efficient_surplus", .real, doc: "TS under efficient allocation"),
                Column("atom_mass", .real, doc: "mass of G at each of ±B*"),
            ],
            validate: H.validate,
            run: { p, _ in
                let o = try Hotelling.maximizeConsumerSurplus(prior: try H.prior(p))
                let g = o.distribution
                return [["b_star": .real(g.b), "B_star": .real(g.B), "consumer_surplus": .real(o.consumerSurplus),
                         "total_surplus": .real(o.totalSurplus), "producer_surplus": .real(o.producerSurplus),
                         "efficient_surplus": .real(o.efficientSurplus), "atom_mass": .real(g.atomMass)]]
            })

        let sweep = SolverKind(
            name: "bbm.hotelling-family",
            summary: "CS, TS and MPC feasibility of G_b^B for given (b, B) against a symmetric prior (for sweeps and figures)",
            parameters: H.all + [ParameterSpec("b", .real, doc: "lower bound b > 0", domain: .positive), ParameterSpec("B", .real, doc: "upper bound B > b", domain: .positive)],
            columns: [
                Column("feasible", .boolean, doc: "the prior is a mean-preserving spread of G_b^B"),
                Column("consumer_surplus", .real, doc: "CS of G_b^B"),
                Column("total_surplus", .real, doc: "TS of G_b^B"),
            ],
            validate: { p in
                try H.validate(p)
                if p.real("b") >= p.real("B") { throw SolverInputError(parameter: "b", expected: "b < B", found: "b = \(p.real("b")), B = \(p.real("B"))") }
            },
            run: { p, _ in
                let prior = try H.prior(p)
                let pt = try Hotelling.sweep(prior: prior, bValues: [p.real("b")], BValues: [p.real("B")])[0]
                return [["feasible": .boolean(pt.feasible), "consumer_surplus": .real(pt.consumerSurplus), "total_surplus": .real(pt.totalSurplus)]]
            })

        let density = SolverKind(
            name: "bbm.hotelling-density",
            summary: "Figure 2: the density of the consumer-surplus-maximising interim residual distribution at r (and the Armstrong–Zhou censored Pareto density)",
            parameters: H.all + [ParameterSpec("r", .real, doc: "residual at which to evaluate the densities")],
            columns: [
                Column("density_optimal", .real, doc: "density of G_{b*}^{B*} at r (atoms at ±B* reported separately)"),
                Column("density_uninformed", .real, doc: "density of the CS-maximising censored Pareto distribution with uninformed producers (Armstrong–Zhou shape)"),
            ],
            validate: H.validate,
            run: { p, _ in
                let prior = try H.prior(p)
                let r = p.real("r")
                let g = try Hotelling.maximizeConsumerSurplus(prior: prior).distribution
                let h = try Hotelling.maximizeConsumerSurplusUninformedProducers(prior: prior).distribution
                return [["density_optimal": .real(g.density(r)), "density_uninformed": .real(h.density(r))]]
            })

        let uninformed = SolverKind(
            name: "bbm.uninformed-producers",
            summary: "Armstrong–Zhou benchmark as derivable from the paper: producers uninformed, symmetric pure price p, censored Pareto interim distribution",
            parameters: H.all,
            columns: [
                Column("price", .real, doc: "the common price p"),
                Column("consumer_surplus", .real, doc: "CS"),
                Column("total_surplus", .real, doc: "TS"),
            ],
            validate: H.validate,
            run: { p, _ in
                let o = try Hotelling.maximizeConsumerSurplusUninformedProducers(prior: try H.prior(p))
                return [["price": .real(o.distribution.p), "consumer_surplus": .real(o.consumerSurplus), "total_surplus": .real(o.totalSurplus)]]
            })

        let property = SolverKind(
            name: "bbm.theorem-1-property",
            summary: "Theorem 1 / Proposition 1 on seeded random discrete Bertrand instances: equilibrium, PS at its lower bound, efficiency",
            parameters: [ParameterSpec("instances", .integer, doc: "random instances", domain: .between(1, 100_000)),
                         ParameterSpec("seed", .integer, doc: "SplitMix64 seed", domain: .atLeast(0)),
                         ParameterSpec("mixing", .choice(["corrected", "paper"]), doc: "the rival's tie-breaking mixing: the paper's (Appendix A1) or the corrected one", default: .text("corrected"))],
            columns: [
                Column("instances", .integer, doc: "instances"),
                Column("equilibria", .integer, doc: "no profitable deviation (fine price grid plus all support points)"),
                Column("ps_at_lower_bound", .integer, doc: "every producer earns exactly its Prop 1 lower bound"),
                Column("efficient", .integer, doc: "the outcome is efficient"),
                Column("cs_at_bound", .integer, doc: "CS = TS − Σ PS_i"),
                Column("largest_deviation_gain", .real, doc: "largest gain from a deviation found"),
            ],
            run: { p, _ in
                let r = try Theorem1Construction.propertyCheck(instances: p.integer("instances"), seed: UInt64(p.integer("seed")),
                                                               mixing: p.text("mixing") == "paper" ? .paper : .corrected)
                return [["instances": .int(r.instances), "equilibria": .int(r.equilibria), "ps_at_lower_bound": .int(r.producerSurplusAtBound),
                         "efficient": .int(r.efficient), "cs_at_bound": .int(r.consumerSurplusAtBound), "largest_deviation_gain": .real(r.maximalGain)]]
            })
        return [optimum, sweep, density, uninformed, property]
    }
}
