// Section 3.2, Theorems 3.5–3.8: is the paper's strategy profile — single-shot
// for the seller, restricted-eager for the consumers — subgame perfect on G(n)
// *as a strategy profile*, i.e. at every state and after every price, not only
// along the prices single-shot posts?
//
// States. Strong-Markov play (footnote 3) depends on the period t and the set
// S of consumers still lacking their unit (stock 0, τ_i ≥ t); consumers holding
// a unit never buy again (a second unit has no value and costs p ≥ 0 plus
// storage, so not buying is always a best reply for them). The states of
// period t are the subsets S of A(t) = {i : τ_i ≥ t} = {1, …, j} where τ_j is
// the first demand period ≥ t.
//
// The profile. Seller (single-shot): at (t, S) compute j* = argmax_{j: τ_j ≥ t}
// β_j/j with β_j = #{i ∈ S : i ≤ j} (ties by `TargetTieBreak`); post 1/j* if
// t = τ_{j*}, ∞ otherwise. Consumer i ∈ S at price p (restricted-eager): buy
// iff (i) the net utility w_i(t) − p ≥ 0, w_i(t) = 1/i − ε(τ_i − t), and
// (ii) t = τ_j for some j. Condition (ii) only bites at prices single-shot
// never posts (a finite price outside the periods τ_j); the paper is silent on
// whether it is part of the strategy there, so `RestrictedEagerReading` makes
// it a convention: `.literal` keeps (ii) at every price, `.eager` drops it.
//
// The check (one-shot deviation principle: in a finite game a profile is
// subgame perfect iff no player gains by deviating at one state and then
// following the profile). The continuation from any state is the profile's
// own play, `ConstructionG.singleShot` (on the prices single-shot posts the
// two readings coincide). At (t, S) and price p:
// * consumer i ∈ S compares buying now, w_i(t) − p, with waiting, W_i: her
//   payoff in the profile's continuation from (t + 1, S minus the other
//   consumers who buy at p, minus the consumer whose period t is), 0 when
//   t = τ_i. Her prescribed reply must be weakly better;
// * the seller compares the value of the prescribed price with every other
//   price: p·|B(p)| + V(t + 1, S \ B(p)), B(p) the consumers who buy at p.
//
// Why finitely many prices suffice. B(p) = {k ∈ S : w_k(t) ≥ p} (when buying
// is allowed at t) changes only at the thresholds c_1 < … < c_m (the distinct
// w_k(t)), so the prices split into the pieces [0, c_1], (c_1, c_2], …,
// (c_{m−1}, c_m], (c_m, ∞): on each piece B(p), every W_i and V(next) are
// constant. There consumer i's gain from buying, g(p) = w_i(t) − p − W_i, is
// linear and strictly decreasing, and her prescribed reply is constant
// (w_i(t) is itself a threshold). So a prescribed "buy" fails on a piece iff
// g < 0 at its (closed) upper end c_r, and a prescribed "wait" fails iff g > 0
// at its lower end (a limit from the right when that end is open, the price 0
// when it is the closed end [0, …)); the violating prices are then the exact
// sub-interval where g has the wrong sign. The seller's revenue p·|B(p)| rises
// within a piece, so her best price on a piece is its upper end c_r (attained:
// an indifferent consumer buys) and (c_m, ∞) is worth the same as ∞.
//
// Periods between demand periods. In the gap τ_{j+1} < t < τ_j every state has
// the continuation of (τ_j, ·), and in terms of q = p − εt every threshold
// w_k(t) − εt = 1/k − ετ_k is independent of t. The violations at t are
// therefore a fixed set of q intersected with q ≥ −εt (p ≥ 0), and the
// seller's deviation values (q + εt)·|B| + V rise with t: a player who violates
// at some t in the gap also violates at every later period of the gap. The
// check finds each player's first violating period by bisection and counts
// the whole suffix, so a gap of ~n³/j² periods costs O(log n) period checks
// (a test confirms the counts period by period on small n).

import Numerics

extension ConstructionG {
    /// How restricted-eager's condition (ii) (buy only in a period t = τ_j) is
    /// read at prices single-shot never posts.
    public enum RestrictedEagerReading: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// The paper's words at every price: outside the periods τ_j a consumer
        /// never buys, whatever the price.
        case literal = "restricted-eager"
        /// Condition (ii) dropped (it is redundant on single-shot's prices,
        /// which are ∞ outside the periods τ_j): buy iff the net utility is ≥ 0.
        case eager = "eager"
        public var description: String { rawValue }
    }
}

/// A set of prices: an interval with open or closed ends (upper nil = ∞, open).
public struct PriceInterval: Sendable, Hashable, CustomStringConvertible {
    public let lower: Rational
    public let lowerClosed: Bool
    /// nil: unbounded above.
    public let upper: Rational?
    public let upperClosed: Bool

    public var description: String {
        if let u = upper, lowerClosed && upperClosed && u == lower { return "{\(lower)}" }
        return (lowerClosed ? "[" : "(") + "\(lower), " + (upper.map(\.description) ?? "∞") + (upperClosed ? "]" : ")")
    }

    /// True when p lies in the interval. O(1).
    public func contains(_ p: Rational) -> Bool {
        let aboveLower = lowerClosed ? p >= lower : p > lower
        guard let u = upper else { return aboveLower }
        return aboveLower && (upperClosed ? p <= u : p < u)
    }
}

/// The result of checking single-shot / restricted-eager as a strategy
/// profile on G(n) at every state and price (see the file comment).
public struct StrategyProfileCheck: Sendable {
    /// Who deviates profitably.
    public enum Player: Sendable, Hashable, Comparable, CustomStringConvertible {
        case seller
        /// A consumer, by paper label i ∈ 1...n.
        case consumer(Int)
        public var description: String {
            switch self {
            case .seller: return "seller"
            case let .consumer(i): return "consumer \(i)"
            }
        }
    }

    /// One player's profitable one-shot deviations at the states (t, S) with t
    /// in `firstPeriod...lastPeriod` and the same lacking set S.
    public struct Violation: Sendable {
        /// The first period at which the player gains by deviating.
        public let firstPeriod: Int
        /// The last period of the run (a demand period: equal to `firstPeriod`).
        public let lastPeriod: Int
        /// j: the periods are τ_j (`atDemandPeriod`) or lie in the gap τ_{j+1} < t < τ_j.
        public let demandIndex: Int
        public let atDemandPeriod: Bool
        /// S, the lacking consumers (paper labels, increasing).
        public let lacking: [Int]
        /// True when these states are reached by the profile's own play from (1, {1..n}).
        public let onPath: Bool
        public let player: Player
        /// The profile's prescription at `firstPeriod` ("buy iff p ≤ …", "never buy", "post 1/3", "post ∞").
        public let prescribed: String
        /// Consumers: the prices at `firstPeriod` where the prescribed reply is
        /// not a best response, each with the better reply. Seller: empty.
        public let violatingPrices: [(prices: PriceInterval, betterReply: String)]
        /// A price at `firstPeriod` at which the deviation gains: for a consumer a
        /// violating price, for the seller her best price (∞ = no sale).
        public let examplePrice: PostedPrice
        /// The deviator's gain at `examplePrice` and `firstPeriod` (> 0).
        public let gain: Rational
        /// Consumers: the seller's prescribed price lies among the violating
        /// prices (a deviation on the profile's own prices, which Theorem 3.5's
        /// proof covers). Seller: true (her prescribed price is what fails).
        public let atPrescribedPrice: Bool
    }

    public let n: Int
    public let reading: ConstructionG.RestrictedEagerReading
    public let tieBreak: ConstructionG.TargetTieBreak
    /// States (t, S) checked: Σ_t 2^{|A(t)|}.
    public let states: Int
    /// States with at least one player's profitable deviation (at some price).
    public let violatingStates: Int
    /// States where some consumer / the seller has one.
    public let consumerViolatingStates: Int
    public let sellerViolatingStates: Int
    /// Violating states on the profile's own path from (1, {1..n}).
    public let onPathViolatingStates: Int
    /// Every violation run, in time order, then by lacking set (as a bit mask), then player.
    public let violations: [Violation]
    /// The profile's revenue from (1, {1..n}) (Theorem 3.8: 1).
    public let profileRevenue: Rational

    /// True when no player gains by a one-shot deviation anywhere: the profile is subgame perfect.
    public var isSubgamePerfect: Bool { violations.isEmpty }
    /// Consumer violations whose prices include the seller's prescribed price:
    /// failures on the profile's own prices (what Theorem 3.5's proof checks).
    public var consumerViolationsAtPrescribedPrices: Int {
        violations.filter { $0.atPrescribedPrice && $0.player != .seller }.count
    }

    /// The largest n accepted by `run` (2^n lacking sets per period).
    public static let maximumN = 14

    /// Checks the profile on G(n) under `reading` and `tieBreak`.
    ///
    /// - Complexity: O(Σ_j 2^j · j² · log n) exact operations plus one
    ///   single-shot simulation (O(n²)) per state checked and per distinct
    ///   continuation state (at most n·2^n); about 2 s for n = 10.
    /// - Throws: `StorableGoodsError.tooManyStates` when n > `maximumN`.
    public static func run(_ g: ConstructionG, reading: ConstructionG.RestrictedEagerReading,
                           tieBreak: ConstructionG.TargetTieBreak) throws -> StrategyProfileCheck {
        guard g.n <= maximumN else {
            throw StorableGoodsError.tooManyStates(states: ProfileChecker.stateCount(g),
                                                   maxStates: ProfileChecker.stateCount(try ConstructionG(n: maximumN))!)
        }
        var checker = ProfileChecker(g: g, reading: reading, tieBreak: tieBreak)
        return try checker.run()
    }
}
