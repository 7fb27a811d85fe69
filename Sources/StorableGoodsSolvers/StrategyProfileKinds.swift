// Section 3.2 of Berbeglia, Boodaghians & Vetta (2021), Theorems 3.5–3.8:
// single-shot against restricted-eager checked as a strategy profile on G(n)
// — every state, every price (one-shot deviations against the profile's own
// continuation) — with the off-path reading of restricted-eager and
// single-shot's tie-break as parameters.

import Harness
import Numerics
import StorableGoods

extension ConstructionG.TargetTieBreak: ParameterChoice {}
extension ConstructionG.RestrictedEagerReading: ParameterChoice {}

struct StrategyProfileParameters: SolverParameters {
    @Parameter("consumer_rule", doc: "how restricted-eager is read at prices single-shot never posts: \"restricted-eager\" keeps condition (ii) (buy only in a period τ_j) at every price; \"eager\" drops it (buy iff the net utility is ≥ 0)",
               default: .literal, convention: "how restricted-eager is read at prices single-shot never posts")
    var consumerRule: ConstructionG.RestrictedEagerReading
    @Parameter("tie_break", doc: "single-shot's tie-break in j* = argmax_j β_j/j: \"latest-target\" (smallest j) or \"earliest-target\" (largest j)",
               default: .earliestTarget, convention: "single-shot's tie-break among equally good targets")
    var tieBreak: ConstructionG.TargetTieBreak

    /// The check, with the model's size error at `N`.
    func check(_ n: Int, at key: ParameterKey) throws -> StrategyProfileCheck {
        try reportingModelErrors(StorableGoodsError.self, as: { SolverInputError(key, expected: "a G(n) the check can enumerate", found: $0.description) }) {
            try StrategyProfileCheck.run(try ConstructionG(n: n), reading: consumerRule, tieBreak: tieBreak)
        }
    }
}

// MARK: storable-goods.strategy-profile-check

struct StrategyProfileCheckParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, 10))
    var n: Int
    var profile = StrategyProfileParameters()
}

struct StrategyProfileCheckRow: SolverRow {
    var consumerRule: String
    var tieBreak: String
    var states: Int
    var violatingStates: Int
    var consumerViolatingStates: Int
    var sellerViolatingStates: Int
    var onPathViolatingStates: Int
    var consumerViolationsAtPrescribedPrices: Int
    var subgamePerfect: Bool
    var profileRevenue: Rational
    var firstViolation: String

    static let columns: [RowColumn<Self>] = [
        .init("consumer_rule", \.consumerRule, doc: "the reading of restricted-eager off single-shot's prices"),
        .init("tie_break", \.tieBreak, doc: "single-shot's tie-break"),
        .init("states", \.states, doc: "states (t, S) checked: every period t and every set S of consumers still lacking a unit"),
        .init("violating_states", \.violatingStates, doc: "states at which some player gains by a one-shot deviation at some price"),
        .init("consumer_violating_states", \.consumerViolatingStates, doc: "states at which some consumer's prescribed reply is not a best response at some price"),
        .init("seller_violating_states", \.sellerViolatingStates, doc: "states at which single-shot's price is not optimal given the consumers' prescribed replies"),
        .init("on_path_violating_states", \.onPathViolatingStates, doc: "violating states on the profile's own path from period 1 (at prices the profile does not post there, unless counted in the next column)"),
        .init("consumer_violations_at_prescribed_prices", \.consumerViolationsAtPrescribedPrices, doc: "consumer violations at the price single-shot itself posts in the state (the prices Theorem 3.5's proof considers)"),
        .init("subgame_perfect", \.subgamePerfect, doc: "no profitable one-shot deviation at any state and price: the profile is a subgame-perfect equilibrium"),
        .init("profile_revenue", \.profileRevenue, doc: "the profile's revenue from period 1 with every consumer present (Theorem 3.8: 1)"),
        .init("first_violation", \.firstViolation, doc: "the earliest violation (period, lacking set, player, prices), or none"),
    ]
}

/// One violation in words.
func describe(_ v: StrategyProfileCheck.Violation) -> String {
    let periods = v.firstPeriod == v.lastPeriod ? "t = \(v.firstPeriod)" : "t = \(v.firstPeriod)…\(v.lastPeriod)"
    let lacking = "{" + v.lacking.map(String.init).joined(separator: ", ") + "}"
    switch v.player {
    case .seller:
        return "\(periods), lacking \(lacking): the seller (\(v.prescribed)) gains \(v.gain) by posting \(v.examplePrice) at t = \(v.firstPeriod)"
    case .consumer:
        return "\(periods), lacking \(lacking): \(v.player) (\(v.prescribed)) should \(pricesText(v)) at t = \(v.firstPeriod)"
    }
}

/// "buy at p ∈ [0, 26/125); wait at p ∈ (1/3, 1/2]".
func pricesText(_ v: StrategyProfileCheck.Violation) -> String {
    v.violatingPrices.map { "\($0.betterReply) at p ∈ \($0.prices)" }.joined(separator: "; ")
}

let strategyProfileCheck = SolverKind(
    "storable-goods.strategy-profile-check",
    summary: "single-shot / restricted-eager on G(n) checked as a strategy profile: one-shot deviations of every consumer and the seller at every state and price",
    parameters: StrategyProfileCheckParameters.self,
    run: { p, _ in
        let c = try p.profile.check(p.n, at: p.$n)
        return [StrategyProfileCheckRow(
            consumerRule: c.reading.rawValue, tieBreak: c.tieBreak.rawValue, states: c.states,
            violatingStates: c.violatingStates, consumerViolatingStates: c.consumerViolatingStates,
            sellerViolatingStates: c.sellerViolatingStates, onPathViolatingStates: c.onPathViolatingStates,
            consumerViolationsAtPrescribedPrices: c.consumerViolationsAtPrescribedPrices, subgamePerfect: c.isSubgamePerfect,
            profileRevenue: c.profileRevenue, firstViolation: c.violations.first.map(describe) ?? "none")]
    })

// MARK: storable-goods.strategy-profile-violations

struct StrategyProfileViolationsParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, 6))
    var n: Int
    var profile = StrategyProfileParameters()
}

struct StrategyProfileViolationRow: SolverRow {
    var periodFrom: Int
    var periodTo: Int
    var periods: String
    var lacking: String
    var player: String
    var onPath: Bool
    var prescribed: String
    var violatingPrices: String
    var examplePrice: String
    var gain: Rational
    var atPrescribedPrice: Bool

    static let columns: [RowColumn<Self>] = [
        .init("period_from", \.periodFrom, key: true, doc: "the first period of the run at which the player gains by deviating"),
        .init("period_to", \.periodTo, doc: "the last period of the run (the same lacking set; from period_from on the deviation gains at every period up to here)"),
        .init("periods", \.periods, doc: "where the run lies: τ_j, or the gap between τ_{j+1} and τ_j"),
        .init("lacking", \.lacking, key: true, doc: "S, the consumers still lacking a unit (paper labels)"),
        .init("player", \.player, key: true, doc: "the player whose prescribed action is not a best response"),
        .init("on_path", \.onPath, doc: "the state lies on the profile's own path from period 1"),
        .init("prescribed", \.prescribed, doc: "the profile's prescription at period_from"),
        .init("violating_prices", \.violatingPrices, doc: "consumers: the prices p at period_from where the prescribed reply is not a best response, with the better reply"),
        .init("example_price", \.examplePrice, doc: "consumers: a violating price at period_from; seller: her best price there (∞ = no sale)"),
        .init("gain", \.gain, doc: "the deviator's gain at example_price and period_from"),
        .init("at_prescribed_price", \.atPrescribedPrice, doc: "consumers: single-shot's own price is among the violating prices; seller: true"),
    ]
}

let strategyProfileViolations = SolverKind(
    "storable-goods.strategy-profile-violations",
    summary: "every profitable one-shot deviation from single-shot / restricted-eager on G(n): one row per player, lacking set and run of periods",
    parameters: StrategyProfileViolationsParameters.self,
    run: { p, _ in
        let c = try p.profile.check(p.n, at: p.$n)
        return c.violations.map { v in
            StrategyProfileViolationRow(
                periodFrom: v.firstPeriod, periodTo: v.lastPeriod,
                periods: v.atDemandPeriod ? "τ_\(v.demandIndex)" : (v.demandIndex == c.n ? "before τ_\(c.n)" : "between τ_\(v.demandIndex + 1) and τ_\(v.demandIndex)"),
                lacking: "{" + v.lacking.map(String.init).joined(separator: ", ") + "}",
                player: v.player.description, onPath: v.onPath, prescribed: v.prescribed,
                violatingPrices: v.player == .seller ? "" : pricesText(v), examplePrice: v.examplePrice.description,
                gain: v.gain, atPrescribedPrice: v.atPrescribedPrice)
        }
    })
