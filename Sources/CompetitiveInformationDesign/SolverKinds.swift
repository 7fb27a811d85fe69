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
            name: "information-design.hotelling-optimum",
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

        // G_b^B at one (b, B): shared by the family kind and the b-curve kind.
        let familyParameters = H.all + [ParameterSpec("b", .real, doc: "lower bound b > 0", domain: .positive),
                                        ParameterSpec("B", .real, doc: "upper bound B > b", domain: .positive)]
        let familyColumns = [
            Column("feasible", .boolean, doc: "the prior is a mean-preserving spread of G_b^B"),
            Column("consumer_surplus", .real, doc: "CS of G_b^B"),
            Column("total_surplus", .real, doc: "TS of G_b^B"),
        ]
        let validateFamily: @Sendable (ParameterValues) throws -> Void = { p in
            try H.validate(p)
            if p.real("b") >= p.real("B") { throw SolverInputError(parameter: "b", expected: "b < B", found: "b = \(p.real("b")), B = \(p.real("B"))") }
        }
        @Sendable func familyRow(_ p: ParameterValues, _ prior: SymmetricResidualPrior) throws -> [String: TableValue] {
            let pt = try Hotelling.sweep(prior: prior, bValues: [p.real("b")], BValues: [p.real("B")])[0]
            return ["feasible": .boolean(pt.feasible), "consumer_surplus": .real(pt.consumerSurplus), "total_surplus": .real(pt.totalSurplus)]
        }

        let sweep = SolverKind(
            name: "information-design.hotelling-family",
            summary: "CS, TS and MPC feasibility of G_b^B for given (b, B) against a symmetric prior (for sweeps and figures)",
            parameters: familyParameters, columns: familyColumns, validate: validateFamily,
            run: { p, _ in [try familyRow(p, try H.prior(p))] })

        let curve = SolverKind(
            name: "information-design.hotelling-b-curve",
            summary: "Example 4 figure data: CS, TS and MPC feasibility of G_b^B at (b, B), with the b maximising CS at this B found by the general optimiser (to mark the optimum)",
            parameters: familyParameters,
            columns: familyColumns + [
                Column("b_star", .real, doc: "the b maximising CS of G_b^B at this B over MPC-feasible b (global grid + Brent on the first-order condition)"),
                Column("consumer_surplus_at_b_star", .real, doc: "CS of G_{b_star}^B"),
                Column("total_surplus_at_b_star", .real, doc: "TS of G_{b_star}^B"),
            ],
            validate: validateFamily,
            run: { p, _ in
                let prior = try H.prior(p)
                let o: HotellingOptimum<TruncatedParetoFamily>
                do { o = try Hotelling.maximizeConsumerSurplus(prior: prior, upperBound: p.real("B")) } catch let e as CompetitiveInformationDesignError { throw e.inputError }
                return [try familyRow(p, prior).merging(["b_star": .real(o.distribution.b), "consumer_surplus_at_b_star": .real(o.consumerSurplus),
                                                         "total_surplus_at_b_star": .real(o.totalSurplus)]) { a, _ in a }]
            })

        let density = SolverKind(
            name: "information-design.hotelling-density",
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
            name: "information-design.uninformed-producers",
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
            name: "information-design.theorem-1-property",
            summary: "Theorem 1 / Proposition 1 on seeded random discrete Bertrand instances: equilibrium, PS at its lower bound, efficiency",
            parameters: [ParameterSpec("instances", .integer, doc: "random instances", domain: .between(1, 100_000)),
                         .seed,
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
        return [optimum, sweep, curve, density, uninformed, property] + discreteSolverKinds
    }
}

enum BertrandParameters {
    static let types = ParameterSpec("types", .list(.list(.rational)), doc: "each producer's possible (value, cost) pairs, e.g. [[1, 1], [1, 0], [4, 1], [4, 0]] (both producers draw independently from the same marginal)", minimumCount: 1)
    static let typeProbabilities = ParameterSpec("type_probabilities", .list(.rational), doc: "probabilities of those pairs (exact sum 1)", domain: .nonNegative, minimumCount: 1)
    static let producers = ParameterSpec("producers", .integer, doc: "number of producers (independent, identically distributed types)", default: .integer(2), domain: .between(1, 4))
    static let profiles = ParameterSpec("profiles", .list(.list(.rational)), doc: "alternatively, joint profiles [v_1, …, v_N, c_1, …, c_N] (overrides types)", default: .list([]))
    static let profileProbabilities = ParameterSpec("profile_probabilities", .list(.rational), doc: "probabilities of the profiles (exact sum 1)", default: .list([]), domain: .nonNegative)
    static let all = [types, typeProbabilities, producers]
    static let withProfiles = [ParameterSpec("types", .list(.list(.rational)), doc: types.doc, default: .list([])),
                               ParameterSpec("type_probabilities", .list(.rational), doc: typeProbabilities.doc, default: .list([]), domain: .nonNegative),
                               producers, profiles, profileProbabilities]

    static func marginal(_ p: ParameterValues) throws -> [(value: Rational, cost: Rational, probability: Rational)] {
        let t = p.rationalMatrix("types"), q = p.rationalList("type_probabilities")
        guard t.count == q.count else { throw CompetitiveInformationDesignError(parameter: "type_probabilities", "\(q.count) probabilities for \(t.count) types; expected one each") }
        guard t.allSatisfy({ $0.count == 2 }) else { throw CompetitiveInformationDesignError(parameter: "types", "each type is a [value, cost] pair") }
        return zip(t, q).map { ($0[0], $0[1], $1) }
    }

    static func environment(_ p: ParameterValues) throws -> BertrandEnvironment {
        if let raw = p["profiles"], case let .list(rows) = raw, !rows.isEmpty {
            let prof = p.rationalMatrix("profiles")
            guard let width = prof.first?.count, width >= 2, width % 2 == 0, prof.allSatisfy({ $0.count == width }) else {
                throw CompetitiveInformationDesignError(parameter: "profiles", "rows of equal, even length [v_1, …, v_N, c_1, …, c_N]")
            }
            let n = width / 2
            return try BertrandEnvironment(profiles: prof.map { BertrandProfile(values: Array($0[0..<n]), costs: Array($0[n...])) },
                                           probabilities: p.rationalList("profile_probabilities"))
        }
        let m = try marginal(p)
        return try BertrandEnvironment.product(marginals: Array(repeating: m, count: p.integer("producers")))
    }

    static let validate: @Sendable (ParameterValues) throws -> Void = { p in
        do { _ = try environment(p) } catch let e as CompetitiveInformationDesignError { throw e.inputError }
    }
}

func describeDistribution(_ d: ResidualDistribution) -> String {
    "{" + d.support.map { "\($0): \(d.mass(at: $0))" }.joined(separator: ", ") + "}"
}

extension BertrandEnvironment {
    /// Example 1's solver kinds: residual table, conditional residuals and
    /// segmentation, Theorem 1 welfare; Example 3's monopoly with consumer information.
    static var discreteSolverKinds: [SolverKind] {
        typealias D = BertrandParameters
        let residuals = SolverKind(
            name: "information-design.residual-table",
            summary: "eq. (2): producer i's residual willingness to pay r_i = v_i − TS(v_−i, c_−i) for every pair of own and rival types (two producers)",
            parameters: D.all,
            columns: [Column("own", .text, key: true, doc: "(v_i, c_i)"), Column("rival", .text, key: true, doc: "(v_j, c_j)"),
                      Column("residual", .rational, doc: "r_i"), Column("efficient", .boolean, doc: "producer i is an efficient producer")],
            validate: D.validate,
            run: { p, _ in
                let m = try D.marginal(p)
                return m.flatMap { a in m.map { b in
                    let prof = BertrandProfile(values: [a.value, b.value], costs: [a.cost, b.cost])
                    return ["own": .text("(\(a.value), \(a.cost))"), "rival": .text("(\(b.value), \(b.cost))"),
                            "residual": .rational(prof.residual(of: 0)), "efficient": .boolean(prof.efficientProducers().contains(0))]
                } }
            })
        let conditional = SolverKind(
            name: "information-design.conditional-residuals",
            summary: "the efficient producer's conditional residual distribution given its cost, its optimal price, and the profit-preserving segmentation (BBM 2015)",
            parameters: D.all + [ParameterSpec("segmentation", .choice(["proportional-pooling", "bbm-greedy"]), doc: "segmentation rule", default: .text("proportional-pooling"))],
            columns: [
                Column("cost", .rational, key: true, doc: "c_i"),
                Column("probability", .rational, doc: "probability that i is the (sole) efficient producer with this cost, among such events"),
                Column("residuals", .text, doc: "conditional distribution of r_i"),
                Column("optimal_prices", .text, doc: "prices maximising (p − c)·P(r ≥ p)"),
                Column("segments", .text, doc: "the segmentation: probability × distribution (price = lowest value)"),
                Column("segments_valid", .boolean, doc: "segments average to the distribution, each segment's lowest value is an optimal price, and the unsegmented optimal price stays optimal"),
                Column("producer_surplus_unchanged", .boolean, doc: "the segmentation leaves the producer's profit unchanged"),
                Column("sale_always", .boolean, doc: "every segment is priced at its lowest residual (the efficient producer always sells)"),
            ],
            validate: D.validate,
            run: { p, _ in
                let env = try D.environment(p)
                return try env.conditionalResiduals(producer: 0).map { c in
                    var segs: [Segment]
                    if p.text("segmentation") == "bbm-greedy" {
                        segs = try ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
                    } else {
                        segs = try ExtremalSegmentation.proportionalPooling(c.distribution, cost: c.cost) ?? ExtremalSegmentation.bbmGreedy(c.distribution, cost: c.cost)
                    }
                    let check = ExtremalSegmentation.check(segs, of: c.distribution, cost: c.cost)
                    return ["cost": .rational(c.cost), "probability": .rational(c.share), "residuals": .text(describeDistribution(c.distribution)),
                            "optimal_prices": .text(c.optimalPrices.map(\.description).joined(separator: ", ")),
                            "segments": .text(segs.map { "\($0.probability) × \(describeDistribution($0.distribution))" }.joined(separator: " + ")),
                            "segments_valid": .boolean(check.aggregatesToPrior && check.lowestValueOptimal && check.unsegmentedPriceOptimal),
                            "producer_surplus_unchanged": .boolean(check.producerSurplusUnchanged),
                            "sale_always": .boolean(check.lowestValueOptimal)]
                }
            })
        let welfare = SolverKind(
            name: "information-design.theorem-1-welfare",
            summary: "Theorem 1's construction on a discrete instance: producer surpluses (= Prop 1 bounds), total and consumer surplus, equilibrium check",
            parameters: D.withProfiles,
            columns: [
                Column("producer_surplus", .text, doc: "PS_i per producer"),
                Column("producer_surplus_bound", .text, doc: "Prop 1's lower bound per producer"),
                Column("ps_at_bound", .boolean, doc: "every producer earns exactly its lower bound"),
                Column("prices", .text, doc: "each producer's optimal price against its residual distribution when it is the efficient producer (Prop 1)"),
                Column("total_surplus", .rational, doc: "TS of the construction"),
                Column("efficient_surplus", .rational, doc: "E[TS(v, c)]"),
                Column("consumer_surplus", .rational, doc: "CS of the construction"),
                Column("consumer_surplus_bound", .rational, doc: "TS − Σ PS_i bounds"),
                Column("equilibrium", .boolean, doc: "no profitable deviation found (fine grid plus support points)"),
            ],
            validate: D.validate,
            run: { p, _ in
                let env = try D.environment(p)
                let con = try Theorem1Construction(environment: env, segmentation: .proportionalPoolingWhenPossible)
                let w = con.welfare()
                let bounds = try (0..<env.producerCount).map { try env.producerSurplusLowerBound(producer: $0) }
                return [["producer_surplus": .text(w.producerSurplus.map(\.description).joined(separator: ", ")),
                         "producer_surplus_bound": .text(bounds.map(\.description).joined(separator: ", ")),
                         "ps_at_bound": .boolean(w.producerSurplus == bounds),
                         "prices": .text(try (0..<env.producerCount).map { i in
                             try env.conditionalResiduals(producer: i).map { "c=\($0.cost): \($0.optimalPrices.map(\.description).joined(separator: "/"))" }.joined(separator: "; ")
                         }.joined(separator: " | ")),
                         "total_surplus": .rational(w.totalSurplus), "efficient_surplus": .rational(env.expectedEfficientSurplus),
                         "consumer_surplus": .rational(w.consumerSurplus), "consumer_surplus_bound": .rational(try env.consumerSurplusBound()),
                         "equilibrium": .boolean(con.checkEquilibrium().maximalGain <= 1e-10)]]
            })
        let monopoly = SolverKind(
            name: "information-design.monopoly-consumer-information",
            summary: "Example 3: a monopolist facing a consumer with partial information about her value: optimal price and welfare",
            parameters: [ParameterSpec("values", .list(.rational), doc: "the consumer's possible values", domain: .nonNegative, minimumCount: 1),
                         ParameterSpec("prior", .list(.rational), doc: "their probabilities (exact sum 1)", domain: .nonNegative, minimumCount: 1),
                         ParameterSpec("cost", .rational, doc: "the monopolist's cost", domain: .nonNegative),
                         ParameterSpec("information", .choice(["full", "none", "epsilon"]), doc: "the consumer learns her value, nothing, or her value with probability epsilon"),
                         ParameterSpec("epsilon", .rational, doc: "probability of learning the value (information = epsilon)", default: .rational(Rational(1, 10)), domain: .probability)],
            columns: [Column("price", .rational, doc: "the optimal (lowest optimal) price"), Column("optimal_prices", .text, doc: "all optimal prices"),
                      Column("producer_surplus", .rational, doc: "PS"), Column("consumer_surplus", .rational, doc: "CS"),
                      Column("total_surplus", .rational, doc: "TS"), Column("efficient", .boolean, doc: "TS equals the efficient surplus")],
            validate: { p in
                do {
                    let n = p.rationalList("values").count
                    if p.rationalList("prior").count != n { throw CompetitiveInformationDesignError(parameter: "prior", "one probability per value") }
                    _ = try MonopolyConsumerInformation.outcome(values: p.rationalList("values"), prior: p.rationalList("prior"), cost: p.rational("cost"), signal: try .noInformation(values: n))
                } catch let e as CompetitiveInformationDesignError { throw e.inputError }
            },
            run: { p, _ in
                let values = p.rationalList("values"), n = values.count
                let signal: ConsumerSignal
                switch p.text("information") {
                case "full": signal = try .fullInformation(values: n)
                case "none": signal = try .noInformation(values: n)
                default: signal = try .epsilonInformation(values: n, epsilon: p.rational("epsilon"))
                }
                let o = try MonopolyConsumerInformation.outcome(values: values, prior: p.rationalList("prior"), cost: p.rational("cost"), signal: signal)
                return [["price": .rational(o.price), "optimal_prices": .text(o.optimalPrices.map(\.description).joined(separator: ", ")),
                         "producer_surplus": .rational(o.producerSurplus), "consumer_surplus": .rational(o.consumerSurplus),
                         "total_surplus": .rational(o.totalSurplus), "efficient": .boolean(o.isEfficient)]]
            })
        return [residuals, conditional, welfare, monopoly]
    }
}
