// The solver kinds this module offers to experiment specs (see the README's
// "Writing a spec"). Each kind declares typed parameters with their domains
// and the columns it outputs; every number comes from the solvers of this
// module called with the spec's parameters.

import Foundation
import Harness
import Numerics

extension StorableGoodsError {
    /// The error as a spec input error (exit status 2, naming the parameter).
    var inputError: SolverInputError {
        switch self {
        case let .invalidParameter(parameter, value, expected): return SolverInputError(parameter: parameter, expected: expected, found: value)
        case let .instanceTooLarge(parameter, value, limit): return SolverInputError(parameter: parameter, expected: "at most \(limit)", found: value)
        case .noPureStageEquilibrium: return SolverInputError(parameter: "values", expected: "an instance with pure stage equilibria", found: description)
        }
    }
}

/// Runs `body`, turning model-input errors into spec input errors.
func validating(_ body: () throws -> Void) throws {
    do { try body() } catch let e as StorableGoodsError { throw e.inputError }
}

enum StorableGoodsParameters {
    static let values = ParameterSpec("values", .list(.list(.rational)), doc: "u[i][t]: consumer i's value for consuming in period t (one row per consumer, one column per period)",
                                      domain: .nonNegative, minimumCount: 1)
    static let epsilon = ParameterSpec("epsilon", .rational, doc: "storage cost per unit and period (ε)", domain: .nonNegative)
    static let selection = ParameterSpec("selection", .choice(EquilibriumSelection.all.map(\.name)),
                                         doc: "contingent-pricing equilibrium selection: consumers' stage-equilibrium rule / seller tie-break",
                                         default: .text(EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale).name))
    /// n of the construction G(n) (Section 3), up to `limit`.
    static func n(upTo limit: Int) -> ParameterSpec {
        ParameterSpec("N", .integer, doc: "n, the number of consumers of the construction G(n) (Section 3)", domain: .between(2, limit))
    }

    static func market(_ p: ParameterValues) throws -> StorableGoodsMarket {
        try StorableGoodsMarket(values: p.rationalMatrix("values"), storageCost: p.rational("epsilon"))
    }

    static func selection(_ p: ParameterValues) throws -> EquilibriumSelection {
        try EquilibriumSelection(parsing: p.text("selection"))
    }
}

/// A compact description of the equilibrium path of contingent pricing.
func describePath(_ e: ContingentEquilibrium) -> String {
    let sales = e.path.filter { $0.unitsSold > 0 }
    if sales.isEmpty { return "no sales" }
    return sales.map { s in
        let buyers = s.purchases.enumerated().filter { $0.element > 0 }.map { "\($0.offset + 1)" + ($0.element > 1 ? "×\($0.element)" : "") }
        return "t=\(s.period): p=\(s.price) to \(buyers.joined(separator: ","))"
    }.joined(separator: "; ")
}

extension StorableGoodsMarket {
    /// Every solver kind of the storable-goods paper.
    public static var solverKinds: [SolverKind] {
        typealias P = StorableGoodsParameters
        let comparison = SolverKind(
            name: "storable-goods.pricing-comparison",
            summary: "optimal pre-announced revenue (supremum), contingent-pricing SPE revenue under a selection, fixed-price revenue and total value of any market",
            parameters: [P.values, P.epsilon, P.selection],
            columns: [
                Column("selection", .text, doc: "the contingent-pricing equilibrium selection used"),
                Column("pa_revenue", .rational, doc: "Π^PA: optimal pre-announced revenue (a supremum: ties broken for the seller, attainable in the limit)"),
                Column("pa_prices", .text, doc: "an optimal pre-announced schedule (periods with finite prices)"),
                Column("cp_revenue", .rational, doc: "Π^CP: seller revenue of the selected strong-Markov SPE (backward induction)"),
                Column("cp_path", .text, doc: "sales on the SPE path"),
                Column("pa_over_cp", .rational, doc: "Π^PA / Π^CP (1 when both are 0)"),
                Column("fixed_price_revenue", .rational, doc: "Π^F: best revenue of one price posted in every period"),
                Column("total_value", .rational, doc: "Σ u: the perfect-discrimination bound"),
            ],
            validate: { p in try validating { _ = try P.market(p) } },
            run: { p, _ in
                let market = try P.market(p)
                let pa = try market.optimalPreAnnouncedPricing()
                let cp = try market.contingentEquilibrium(selection: try P.selection(p))
                let ratio = cp.revenue.isZero ? Rational(pa.revenue.isZero ? 1 : 0) : pa.revenue / cp.revenue
                return [["selection": .text(cp.selection.name), "pa_revenue": .rational(pa.revenue), "pa_prices": .text(pa.schedule.description),
                         "cp_revenue": .rational(cp.revenue), "cp_path": .text(describePath(cp)), "pa_over_cp": .rational(ratio),
                         "fixed_price_revenue": .rational(market.fixedPriceOptimum.revenue), "total_value": .rational(market.totalValue)]]
            })

        let announced = SolverKind(
            name: "storable-goods.announced-prices",
            summary: "revenue of a given pre-announced price schedule when consumers best-respond (storing allowed), against the contingent-pricing SPE",
            parameters: [P.values, P.epsilon,
                         ParameterSpec("prices", .list(.rational), doc: "the announced price of each period", domain: .nonNegative, minimumCount: 1),
                         ParameterSpec("ties", .choice(TieRule.allCases.map(\.rawValue)), doc: "how indifferent consumers act", default: .text(TieRule.sellerFavourable.rawValue)),
                         P.selection],
            columns: [
                Column("revenue", .rational, doc: "seller revenue at the announced prices"),
                Column("consumer_surplus", .rational, doc: "total consumer surplus at the announced prices"),
                Column("purchases", .text, doc: "who buys in which period for which consumption period"),
                Column("cp_revenue", .rational, doc: "Π^CP under the selection"),
                Column("revenue_over_cp", .rational, doc: "revenue / Π^CP"),
            ],
            validate: { p in
                try validating {
                    let market = try P.market(p)
                    if p.rationalList("prices").count != market.horizon {
                        throw StorableGoodsError.invalidParameter(parameter: "prices", value: "\(p.rationalList("prices").count) prices", expected: "one price per period (\(market.horizon))")
                    }
                }
            },
            run: { p, _ in
                let market = try P.market(p)
                let schedule = try PriceSchedule(prices: p.rationalList("prices").map { .finite($0) })
                let outcome = try market.outcome(of: schedule, ties: TieRule(rawValue: p.text("ties"))!)
                let cp = try market.contingentEquilibrium(selection: try P.selection(p))
                let purchases = outcome.plans.flatMap { plan in
                    plan.units.map { "consumer \(plan.consumer + 1) buys at t=\($0.purchasePeriod) for t=\($0.consumptionPeriod)" }
                }
                return [["revenue": .rational(outcome.revenue), "consumer_surplus": .rational(outcome.consumerSurplus),
                         "purchases": .text(purchases.isEmpty ? "none" : purchases.joined(separator: "; ")),
                         "cp_revenue": .rational(cp.revenue),
                         "revenue_over_cp": .rational(cp.revenue.isZero ? 0 : outcome.revenue / cp.revenue)]]
            })

        let reservation = SolverKind(
            name: "storable-goods.cp-reservation-prices",
            summary: "each consumer's reservation price in the first period of the contingent-pricing SPE (the highest price at which she buys now)",
            parameters: [P.values, P.epsilon, P.selection,
                         ParameterSpec("period", .integer, doc: "the period (all stocks empty: period 1)", default: .integer(1), domain: .between(1, 1))],
            columns: [
                Column("consumer", .integer, key: true, doc: "consumer (1-based)"),
                Column("reservation_price", .rational, doc: "highest price at which she buys now rather than wait, given the continuation equilibrium"),
                Column("selection", .text, doc: "equilibrium selection used"),
            ],
            validate: { p in try validating { _ = try P.market(p) } },
            run: { p, _ in
                let market = try P.market(p)
                let cp = try market.contingentEquilibrium(selection: try P.selection(p))
                let stocks = [Int](repeating: 0, count: market.consumerCount)
                return try (0..<market.consumerCount).compactMap { i in
                    guard let r = try cp.reservationPrice(consumer: i, period: p.integer("period"), stocks: stocks) else { return nil }
                    return ["consumer": .int(i + 1), "reservation_price": .rational(r), "selection": .text(cp.selection.name)]
                }
            })

        let table = SolverKind(
            name: "storable-goods.construction-table",
            summary: "the construction G(n) of Section 3: horizon, Π^CP of single-shot vs restricted-eager, Π^PA of Lemma 3.2's prices and the optimal Π^PA",
            parameters: [P.n(upTo: 2000)],
            columns: [
                Column("T", .integer, doc: "the paper's horizon formula T = Σ_{i=1}^{n−1} ℓ_i (Section 3)"),
                Column("tau_1", .integer, doc: "τ_1 = Σ_{k=1}^{n} ℓ_k, the last demand period; the solvers use the horizon 1..τ_1"),
                Column("pi_cp", .rational, doc: "Π^CP: revenue of single-shot against restricted-eager, simulated on G(n) (earliest-target ties)"),
                Column("pi_pa_lemma32", .rational, doc: "revenue of Lemma 3.2's prices p(τ_i) = 1/i − (n−i+1)/n³ (Theorem 3.3), checked by the consumers' best responses"),
                Column("pi_pa_optimal", .rational, doc: "optimal pre-announced revenue Π^PA of G(n) (DP, supremum)"),
                Column("log_N", .real, doc: "ln N"),
                Column("closed_form_with_ln", .real, doc: "Theorem 3.3's closed form with H_N replaced by ln N + γ (not a revenue: the formula that matches the printed Π^PA column)"),
            ],
            run: { p, progress in
                let g = try ConstructionG(n: p.integer("N"))
                let market = try g.market()
                let lemma = try g.lemma32Revenue()
                let outcome = try market.outcome(of: try g.lemma32Schedule())
                guard outcome.revenue == lemma else {
                    throw StorableGoodsError.invalidParameter(parameter: "N", value: "\(g.n)", expected: "Lemma 3.2's prices to be incentive compatible (revenue \(outcome.revenue) ≠ \(lemma))")
                }
                progress.update(0.3)
                let optimal = try market.optimalPreAnnouncedPricing()
                progress.update(0.9)
                return [["T": .int(g.paperHorizonFormula), "tau_1": .int(g.horizon),
                         "pi_cp": .rational(g.singleShotRevenue(tieBreak: .earliestTarget)),
                         "pi_pa_lemma32": .rational(lemma), "pi_pa_optimal": .rational(optimal.revenue),
                         "log_N": .real(log(Double(g.n))), "closed_form_with_ln": .real(g.theorem33ClosedFormWithLogApproximation)]]
            })

        let lemmas = SolverKind(
            name: "storable-goods.construction-lemmas",
            summary: "Lemma 3.2 (incentive compatibility of the price path, minimum slack of inequality (1)) and Lemma 3.4 (0 ≤ σ_i < ε) on G(n)",
            parameters: [P.n(upTo: 2000)],
            columns: [
                Column("epsilon", .rational, doc: "ε = 1/n³"),
                Column("min_slack_i", .integer, doc: "the i at which inequality (1) has the least slack"),
                Column("min_slack", .rational, doc: "min_i p(τ_{i+1}) + ε ℓ_i − p(τ_i)"),
                Column("min_slack_over_epsilon", .rational, doc: "that slack divided by ε"),
                Column("inequality_1_holds", .boolean, doc: "min slack ≥ 0 (Lemma 3.2)"),
                Column("slack_at_least_epsilon", .boolean, doc: "min slack ≥ 1/n³, the bound the proof of Lemma 3.2 states"),
                Column("buy_at_own_period", .boolean, doc: "at Lemma 3.2's prices every consumer's best response buys at τ_i without storing"),
                Column("sigma_min", .rational, doc: "min_i σ_i (eq. (3))"),
                Column("sigma_max_over_epsilon", .rational, doc: "max_i σ_i / ε"),
                Column("lemma_3_4_holds", .boolean, doc: "0 ≤ σ_i < ε for every i"),
                Column("sigma_matches_eq_4", .boolean, doc: "σ_i equals the fractional-part form (4) for every i"),
            ],
            run: { p, _ in
                let g = try ConstructionG(n: p.integer("N"))
                let (i, slack) = g.minimumInequality1Slack
                let outcome = try g.market().outcome(of: try g.lemma32Schedule())
                let ownPeriod = outcome.plans.allSatisfy { plan in
                    plan.units.count == 1 && plan.units[0].purchasePeriod == plan.units[0].consumptionPeriod
                        && plan.units[0].consumptionPeriod == g.demandPeriod(plan.consumer + 1)
                }
                let check = g.lemma34Check
                let eps = g.storageCost
                let eq4 = (1..<g.n).allSatisfy { g.sigma($0) == g.sigmaFractionalForm($0) }
                return [["epsilon": .rational(eps), "min_slack_i": .int(i), "min_slack": .rational(slack),
                         "min_slack_over_epsilon": .rational(slack / eps), "inequality_1_holds": .boolean(slack >= .zero),
                         "slack_at_least_epsilon": .boolean(slack >= eps), "buy_at_own_period": .boolean(ownPeriod),
                         "sigma_min": .rational(check.minimum), "sigma_max_over_epsilon": .rational(check.maximum / eps),
                         "lemma_3_4_holds": .boolean(check.holds), "sigma_matches_eq_4": .boolean(eq4)]]
            })

        let cp = SolverKind(
            name: "storable-goods.construction-cp",
            summary: "contingent-pricing SPE of G(n) by backward induction under a selection, compared state by state with single-shot vs restricted-eager",
            parameters: [P.n(upTo: 12), P.selection],
            columns: [
                Column("selection", .text, doc: "equilibrium selection used"),
                Column("states", .integer, doc: "states solved by backward induction"),
                Column("cp_revenue", .rational, doc: "Π^CP of the selected SPE"),
                Column("single_shot_revenue", .rational, doc: "revenue of single-shot vs restricted-eager (earliest-target ties)"),
                Column("agrees_with_single_shot", .boolean, doc: "same seller value, price and buyers as single-shot at every state"),
                Column("mismatched_states", .integer, doc: "states where value, price or buyers differ"),
            ],
            run: { p, _ in
                let g = try ConstructionG(n: p.integer("N"))
                let e = try g.market().contingentEquilibrium(selection: try P.selection(p))
                let c = try g.compare(e, with: .earliestTarget)
                return [["selection": .text(e.selection.name), "states": .int(e.stateCount), "cp_revenue": .rational(e.revenue),
                         "single_shot_revenue": .rational(g.singleShotRevenue(tieBreak: .earliestTarget)),
                         "agrees_with_single_shot": .boolean(c.agrees),
                         "mismatched_states": .int(max(c.valueMismatches, c.priceMismatches, c.buyerMismatches))]]
            })

        let growth = SolverKind(
            name: "storable-goods.construction-growth",
            summary: "the Θ(log N) growth of Lemma 3.2's pre-announced revenue on G(N), with a rigorous floating-point error bound",
            parameters: [P.n(upTo: ConstructionG.maximumN)],
            columns: [
                Column("T", .integer, doc: "the paper's horizon formula Σ_{i=1}^{N−1} ℓ_i (exact)"),
                Column("one_over_epsilon", .integer, doc: "1/ε = N³"),
                Column("pi_pa", .real, doc: "Lemma 3.2 revenue H_N − N(N+1)/(2N³) (compensated summation)"),
                Column("pi_pa_error_bound", .real, doc: "rigorous bound on |pi_pa − exact|"),
                Column("log_N", .real, doc: "ln N"),
                Column("pi_pa_over_log_N", .real, doc: "pi_pa / ln N"),
                Column("pi_cp", .rational, doc: "Π^CP of Theorem 3.8: single-shot played against restricted-eager on G(N) (earliest-target ties), exact; O(N) when every consumer buys at the first sale"),
                Column("pi_pa_over_pi_cp", .real, doc: "pi_pa / pi_cp, the ratio of Theorem 1.2's lower bound"),
            ],
            run: { p, _ in
                let g = try ConstructionG(n: p.integer("N"))
                let r = g.lemma32RevenueEstimate()
                let cp = g.singleShotRevenue(tieBreak: .earliestTarget)
                return [["T": .int(g.paperHorizonFormula), "one_over_epsilon": .int(g.nCubed), "pi_pa": .real(r.value), "pi_pa_error_bound": .real(r.absoluteErrorBound),
                         "log_N": .real(log(Double(g.n))), "pi_pa_over_log_N": .real(g.lemma32RevenueOverLogN().value),
                         "pi_cp": .rational(cp), "pi_pa_over_pi_cp": .real(cp.isZero ? .nan : r.value / cp.doubleValue)]]
            })

        let theorem41 = SolverKind(
            name: "storable-goods.theorem-4-1",
            summary: "Theorem 4.1's chain Π^F ≤ Π^CP, Π^F ≤ Π^PA ≤ Σu ≤ (H_N + H_T)Π^F checked exactly on seeded random small markets",
            parameters: [
                ParameterSpec("instances", .integer, doc: "random markets to draw", domain: .between(1, 100_000)),
                .seed,
                ParameterSpec("max_consumers", .integer, doc: "N is drawn from 1...max_consumers", default: .integer(3), domain: .between(1, 4)),
                ParameterSpec("max_periods", .integer, doc: "T is drawn from 1...max_periods", default: .integer(4), domain: .between(1, 4)),
                ParameterSpec("brute_force", .boolean, doc: "also confirm Π^PA by brute force over price vectors", default: .boolean(true)),
            ],
            columns: [
                Column("instances", .integer, doc: "markets drawn"),
                Column("skipped_no_pure_equilibrium", .integer, doc: "markets without a pure stage equilibrium at some state (skipped)"),
                Column("brute_force_confirmed", .integer, doc: "markets where brute force confirmed Π^PA"),
                Column("violations", .integer, doc: "violated inequalities"),
                Column("chain_holds", .boolean, doc: "every inequality held on every market and selection"),
                Column("max_pa_over_cp", .rational, doc: "largest Π^PA/Π^CP seen (over markets and all 8 selections)"),
                Column("max_cp_over_pa", .rational, doc: "largest Π^CP/Π^PA seen"),
                Column("max_ratio_over_harmonic_bound", .real, doc: "largest (Π^PA/Π^CP)/(H_N + H_T)"),
            ],
            run: { p, _ in
                let c = try Theorem41Check.run(instances: p.integer("instances"), seed: UInt64(p.integer("seed")),
                                               maxConsumers: p.integer("max_consumers"), maxPeriods: p.integer("max_periods"),
                                               selections: EquilibriumSelection.all, bruteForce: p.bool("brute_force"))
                return [["instances": .int(c.instances), "skipped_no_pure_equilibrium": .int(c.skippedNoPureEquilibrium),
                         "brute_force_confirmed": .int(c.bruteForceConfirmed), "violations": .int(c.violations.count),
                         "chain_holds": .boolean(c.holds), "max_pa_over_cp": .rational(c.maxPAOverCP.exact),
                         "max_cp_over_pa": .rational(c.maxCPOverPA.exact), "max_ratio_over_harmonic_bound": .real(c.maxNormalisedRatio)]]
            })

        return [comparison, announced, reservation, table, lemmas, cp, growth, theorem41]
    }
}
