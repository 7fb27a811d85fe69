// Section 3 of Berbeglia, Boodaghians & Vetta (2021): the construction G(n)
// (Lemma 3.2, Theorem 3.3, Lemma 3.4, and single-shot against restricted-eager,
// Theorems 3.5–3.8), solved with the pre-announced DP and by backward induction.

import Foundation
import Harness
import Numerics
import StorableGoods

/// The doc of n, the size of G(n), in every construction kind (their bounds differ).
let constructionSizeDoc = "n, the number of consumers of the construction G(n) (Section 3)"

/// n of G(n) up to 2,000: the exact pre-announced kinds.
struct ConstructionSizeParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, 2000))
    var n: Int
}

// MARK: storable-goods.construction-table

struct ConstructionTableRow: SolverRow {
    var paperHorizon: Int
    var tau1: Int
    var piCP: Rational
    var piPALemma32: Rational
    var piPAOptimal: Rational
    var logN: Double
    var closedFormWithLn: Double

    static let columns: [RowColumn<Self>] = [
        .init("T", \.paperHorizon, doc: "the paper's horizon formula T = Σ_{i=1}^{n−1} ℓ_i (Section 3)"),
        .init("tau_1", \.tau1, doc: "τ_1 = Σ_{k=1}^{n} ℓ_k, the last demand period; the solvers use the horizon 1..τ_1"),
        .init("pi_cp", \.piCP, doc: "Π^CP: revenue of single-shot against restricted-eager, simulated on G(n) (earliest-target ties)"),
        .init("pi_pa_lemma32", \.piPALemma32, doc: "revenue of Lemma 3.2's prices p(τ_i) = 1/i − (n−i+1)/n³ (Theorem 3.3), checked by the consumers' best responses"),
        .init("pi_pa_optimal", \.piPAOptimal, doc: "optimal pre-announced revenue Π^PA of G(n) (DP, supremum)"),
        .init("log_N", \.logN, doc: "ln N"),
        .init("closed_form_with_ln", \.closedFormWithLn, doc: "Theorem 3.3's closed form with H_N replaced by ln N + γ (not a revenue: the formula that matches the printed Π^PA column)"),
    ]
}

let constructionTable = SolverKind(
    "storable-goods.construction-table",
    summary: "the construction G(n) of Section 3: horizon, Π^CP of single-shot vs restricted-eager, Π^PA of Lemma 3.2's prices and the optimal Π^PA",
    parameters: ConstructionSizeParameters.self,
    run: { p, progress in
        let g = try ConstructionG(n: p.n)
        let market = try g.market()
        let lemma = try g.lemma32Revenue()
        let outcome = try market.outcome(of: try g.lemma32Schedule())
        guard outcome.revenue == lemma else {
            throw SolverInputError(p.$n, expected: "Lemma 3.2's prices to be incentive compatible (revenue \(outcome.revenue) ≠ \(lemma))", found: "\(g.n)")
        }
        progress.update(0.3)
        let optimal = try market.optimalPreAnnouncedPricing()
        progress.update(0.9)
        return [ConstructionTableRow(
            paperHorizon: g.paperHorizonFormula, tau1: g.horizon, piCP: g.singleShotRevenue(tieBreak: .earliestTarget),
            piPALemma32: lemma, piPAOptimal: optimal.revenue,
            logN: log(Double(g.n)), closedFormWithLn: g.theorem33ClosedFormWithLogApproximation)]
    })

// MARK: storable-goods.construction-lemmas

struct ConstructionLemmasRow: SolverRow {
    var epsilon: Rational
    var minSlackI: Int
    var minSlack: Rational
    var minSlackOverEpsilon: Rational
    var inequality1Holds: Bool
    var slackAtLeastEpsilon: Bool
    var buyAtOwnPeriod: Bool
    var sigmaMin: Rational
    var sigmaMaxOverEpsilon: Rational
    var lemma34Holds: Bool
    var sigmaMatchesEq4: Bool

    static let columns: [RowColumn<Self>] = [
        .init("epsilon", \.epsilon, doc: "ε = 1/n³"),
        .init("min_slack_i", \.minSlackI, doc: "the i at which inequality (1) has the least slack"),
        .init("min_slack", \.minSlack, doc: "min_i p(τ_{i+1}) + ε ℓ_i − p(τ_i)"),
        .init("min_slack_over_epsilon", \.minSlackOverEpsilon, doc: "that slack divided by ε"),
        .init("inequality_1_holds", \.inequality1Holds, doc: "min slack ≥ 0 (Lemma 3.2)"),
        .init("slack_at_least_epsilon", \.slackAtLeastEpsilon, doc: "min slack ≥ 1/n³, the bound the proof of Lemma 3.2 states"),
        .init("buy_at_own_period", \.buyAtOwnPeriod, doc: "at Lemma 3.2's prices every consumer's best response buys at τ_i without storing"),
        .init("sigma_min", \.sigmaMin, doc: "min_i σ_i (eq. (3))"),
        .init("sigma_max_over_epsilon", \.sigmaMaxOverEpsilon, doc: "max_i σ_i / ε"),
        .init("lemma_3_4_holds", \.lemma34Holds, doc: "0 ≤ σ_i < ε for every i"),
        .init("sigma_matches_eq_4", \.sigmaMatchesEq4, doc: "σ_i equals the fractional-part form (4) for every i"),
    ]
}

let constructionLemmas = SolverKind(
    "storable-goods.construction-lemmas",
    summary: "Lemma 3.2 (incentive compatibility of the price path, minimum slack of inequality (1)) and Lemma 3.4 (0 ≤ σ_i < ε) on G(n)",
    parameters: ConstructionSizeParameters.self,
    run: { p, _ in
        let g = try ConstructionG(n: p.n)
        let (i, slack) = g.minimumInequality1Slack
        let outcome = try g.market().outcome(of: try g.lemma32Schedule())
        let ownPeriod = outcome.plans.allSatisfy { plan in
            plan.units.count == 1 && plan.units[0].purchasePeriod == plan.units[0].consumptionPeriod
                && plan.units[0].consumptionPeriod == g.demandPeriod(plan.consumer + 1)
        }
        let check = g.lemma34Check
        let eps = g.storageCost
        let eq4 = (1..<g.n).allSatisfy { g.sigma($0) == g.sigmaFractionalForm($0) }
        return [ConstructionLemmasRow(
            epsilon: eps, minSlackI: i, minSlack: slack, minSlackOverEpsilon: slack / eps,
            inequality1Holds: slack >= .zero, slackAtLeastEpsilon: slack >= eps, buyAtOwnPeriod: ownPeriod,
            sigmaMin: check.minimum, sigmaMaxOverEpsilon: check.maximum / eps,
            lemma34Holds: check.holds, sigmaMatchesEq4: eq4)]
    })

// MARK: storable-goods.construction-cp

struct ConstructionCPParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, 12))
    var n: Int
    var contingent = SelectionParameters()
    @Parameter("layout", doc: "demand periods: text (τ_i = Σ_{k=i}^{n} ℓ_k, periods 1..τ_1) or paper-T (the paper's T read as periods 0..T: every demand n − 2 periods earlier)",
               default: .text, convention: "how the paper's horizon T and demand periods τ_i are laid out")
    var layout: ConstructionG.Layout
}

extension ConstructionG.Layout: ParameterChoice {}

struct ConstructionCPRow: SolverRow {
    var selection: String
    var states: Int
    var cpRevenue: Rational
    var singleShotRevenue: Rational
    var agreesWithSingleShot: Bool
    var mismatchedStates: Int

    static let columns: [RowColumn<Self>] = [
        .init("selection", \.selection, doc: "equilibrium selection used"),
        .init("states", \.states, doc: "states solved by backward induction"),
        .init("cp_revenue", \.cpRevenue, doc: "Π^CP of the selected SPE"),
        .init("single_shot_revenue", \.singleShotRevenue, doc: "revenue of single-shot vs restricted-eager (earliest-target ties)"),
        .init("agrees_with_single_shot", \.agreesWithSingleShot, doc: "same seller value, price and buyers as single-shot at every state"),
        .init("mismatched_states", \.mismatchedStates, doc: "states where value, price or buyers differ"),
    ]
}

let constructionCP = SolverKind(
    "storable-goods.construction-cp",
    summary: "contingent-pricing SPE of G(n) by backward induction under a selection, compared state by state with single-shot vs restricted-eager",
    parameters: ConstructionCPParameters.self,
    run: { p, _ in
        let selection = p.contingent.selection
        // The limit and stagewise selections are solved together (one backward
        // induction sharing each period's profiles); a global search alone.
        let batch = selection.consumers.isGlobal ? [] : ConstructionCPMemo.batchSelections
        let key = ConstructionCPMemo.Key(n: p.n, layout: p.layout, selection: selection)
        let siblings = batch.map { ConstructionCPMemo.Key(n: p.n, layout: p.layout, selection: $0) }
        return try [ConstructionCPMemo.shared.value(for: key, with: siblings) { keys in
            let selections = keys.map(\.selection)
            let g = try ConstructionG(n: p.n, layout: p.layout)
            let market = try g.market()
            // selections[0] is the one asked for: alone, it keeps the error mapping of `equilibrium`.
            let solved = selections.count == 1 ? [Result { try p.contingent.equilibrium(market) }]
                : market.contingentEquilibria(selections: selections)
            let equilibria = solved.compactMap { try? $0.get() }
            var comparisons = try g.compare(equilibria, with: .earliestTarget)[...]
            let singleShot = g.singleShotRevenue(tieBreak: .earliestTarget)
            return solved.map { r in
                r.map { e in
                    let c = comparisons.removeFirst()
                    return ConstructionCPRow(
                        selection: e.selection.name, states: e.stateCount, cpRevenue: e.revenue,
                        singleShotRevenue: singleShot, agreesWithSingleShot: c.agrees,
                        mismatchedStates: max(c.valueMismatches, c.priceMismatches, c.buyerMismatches))
                }
            }
        }]
    })

/// The construction-cp rows computed so far in this process. A row is a pure
/// function of (N, layout, selection), and the specs overlap: table-1-cp-across
/// solves every (N, selection) of cp-equilibria and cp-equilibria-paper-t
/// again (the backward induction on G(N) is most of their time). A row is
/// computed together with its siblings (`batchSelections` for the same N and
/// layout, those not known or in flight yet): those specs ask for all ten, and
/// one backward induction for all shares most of the work. A row asked for
/// while another thread computes it waits for that result instead of solving
/// it twice. Failures are not kept (the next request recomputes and throws
/// the same error). (Numerics `Memo`, its batch entry point.)
enum ConstructionCPMemo {
    struct Key: Hashable, Sendable {
        let n: Int
        let layout: ConstructionG.Layout
        let selection: EquilibriumSelection
    }

    /// The selections computed together: the eight limit rules and the two stagewise ones.
    static let batchSelections = EquilibriumSelection.all + EquilibriumSelection.extremal

    static let shared = Memo<Key, ConstructionCPRow>()
}

// MARK: storable-goods.construction-growth

struct ConstructionGrowthParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, ConstructionG.maximumN))
    var n: Int
}

struct ConstructionGrowthRow: SolverRow {
    var paperHorizon: Int
    var oneOverEpsilon: Int
    var piPA: Double
    var piPAErrorBound: Double
    var logN: Double
    var piPAOverLogN: Double
    var piCP: Rational
    var piPAOverPiCP: Double

    static let columns: [RowColumn<Self>] = [
        .init("T", \.paperHorizon, doc: "the paper's horizon formula Σ_{i=1}^{N−1} ℓ_i (exact)"),
        .init("one_over_epsilon", \.oneOverEpsilon, doc: "1/ε = N³"),
        .init("pi_pa", \.piPA, doc: "Lemma 3.2 revenue H_N − N(N+1)/(2N³) (compensated summation)"),
        .init("pi_pa_error_bound", \.piPAErrorBound, doc: "rigorous bound on |pi_pa − exact|"),
        .init("log_N", \.logN, doc: "ln N"),
        .init("pi_pa_over_log_N", \.piPAOverLogN, doc: "pi_pa / ln N"),
        .init("pi_cp", \.piCP, doc: "Π^CP of Theorem 3.8: single-shot played against restricted-eager on G(N) (earliest-target ties), exact; O(N) when every consumer buys at the first sale"),
        .init("pi_pa_over_pi_cp", \.piPAOverPiCP, doc: "pi_pa / pi_cp, the ratio of Theorem 1.2's lower bound"),
    ]
}

let constructionGrowth = SolverKind(
    "storable-goods.construction-growth",
    summary: "the Θ(log N) growth of Lemma 3.2's pre-announced revenue on G(N), with a rigorous floating-point error bound",
    parameters: ConstructionGrowthParameters.self,
    run: { p, _ in
        let g = try ConstructionG(n: p.n)
        let r = g.lemma32RevenueEstimate()
        let cp = g.singleShotRevenue(tieBreak: .earliestTarget)
        return [ConstructionGrowthRow(
            paperHorizon: g.paperHorizonFormula, oneOverEpsilon: g.nCubed, piPA: r.value, piPAErrorBound: r.absoluteErrorBound,
            logN: log(Double(g.n)), piPAOverLogN: g.lemma32RevenueOverLogN().value,
            piCP: cp, piPAOverPiCP: cp.isZero ? .nan : r.value / cp.doubleValue)]
    })
