// Section 2 / 3.2: the contingent-pricing game has many pure strong-Markov
// subgame-perfect equilibria; this file names the selection rule used to pick
// one (an explicit parameter of every contingent-pricing result). The eight
// "limit" rules read prices as limits from below on half-open pieces; the two
// extremal rules `stagewise-seller-best` and `stagewise-seller-worst` use exact (closed-interval)
// stage equilibria (ContingentExtremalSelection.swift).

/// Which stage equilibrium the consumers coordinate on, at every state and
/// announced price, when several exist.
public enum ConsumerEquilibriumSelection: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The equilibrium best for the seller (current revenue plus continuation).
    case sellerFavourable = "seller-favourable"
    /// The equilibrium worst for the seller.
    case sellerAdverse = "seller-adverse"
    /// Exact stage equilibria, the stagewise-seller-best SPE outcome at every state
    /// (see ContingentExtremalSelection.swift).
    case sellerBest = "stagewise-seller-best"
    /// Exact stage equilibria, the stagewise-seller-worst SPE outcome at every state
    /// (see ContingentExtremalSelection.swift).
    case sellerWorst = "stagewise-seller-worst"
    /// Exact stage equilibria, the SPE of greatest Π^CP over all pure
    /// strong-Markov SPE (a global search; see ContingentGlobalSearch.swift).
    case sellerBestOverall = "seller-best"
    /// Exact stage equilibria, the SPE of least Π^CP over all pure
    /// strong-Markov SPE (a global search; see ContingentGlobalSearch.swift).
    case sellerWorstOverall = "seller-worst"

    /// The two limit-from-below rules (the extremal ones are listed by
    /// `EquilibriumSelection.extremal`).
    public static var allCases: [ConsumerEquilibriumSelection] { [.sellerFavourable, .sellerAdverse] }

    /// True for `sellerBest` and `sellerWorst`.
    public var isExtremal: Bool { self == .sellerBest || self == .sellerWorst }

    /// True for `sellerBestOverall` and `sellerWorstOverall` (the global search).
    public var isGlobal: Bool { self == .sellerBestOverall || self == .sellerWorstOverall }

    public var description: String { rawValue }
}

/// The secondary rule among outcomes the seller values equally (applied both
/// to the seller's choice of price and to the consumers' choice among stage
/// equilibria of equal value to the seller).
public enum SellerTieBreak: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Prefer the outcome with the larger total consumer continuation payoff.
    case maxConsumerSurplus = "max-consumer-surplus"
    /// Prefer the outcome with the smaller total consumer continuation payoff.
    case minConsumerSurplus = "min-consumer-surplus"
    /// Prefer selling more units now (sell as early as possible).
    case earliestSale = "earliest-sale"
    /// Prefer selling fewer units now (postpone sales).
    case latestSale = "latest-sale"

    public var description: String { rawValue }
}

/// An equilibrium-selection rule for contingent pricing. Remaining ties after
/// the secondary rule are broken deterministically: the higher announced price
/// (no sale counts as the highest), then the first purchase profile in the
/// solver's enumeration order (each consumer's options ordered by units bought,
/// then consumption, then end-of-period stock; consumer 0's option varies
/// fastest).
public struct EquilibriumSelection: Sendable, Hashable, CustomStringConvertible {
    /// The consumers' stage-equilibrium selection.
    public var consumers: ConsumerEquilibriumSelection
    /// The secondary tie-break.
    public var tieBreak: SellerTieBreak

    /// A selection rule. O(1).
    public init(consumers: ConsumerEquilibriumSelection, tieBreak: SellerTieBreak) {
        self.consumers = consumers
        self.tieBreak = tieBreak
    }

    /// "seller-favourable/earliest-sale" etc. ("stagewise-seller-best", "stagewise-seller-worst"
    /// for the extremal rules, whose tie-break is fixed): the name outputs carry.
    public var name: String { consumers.isExtremal || consumers.isGlobal ? consumers.rawValue : "\(consumers.rawValue)/\(tieBreak.rawValue)" }
    public var description: String { name }

    /// Seller-favourable stage equilibria, ties broken towards selling
    /// earlier: the selection used unless another is asked for.
    public static let sellerFavourableEarliestSale = EquilibriumSelection(consumers: .sellerFavourable, tieBreak: .earliestSale)

    /// Exact stage equilibria, the stagewise-seller-best SPE outcome at every state;
    /// among outcomes of equal seller value, the least total consumer payoff.
    public static let sellerBest = EquilibriumSelection(consumers: .sellerBest, tieBreak: .minConsumerSurplus)
    /// Exact stage equilibria, the stagewise-seller-worst SPE outcome at every state;
    /// among outcomes of equal seller value, the greatest total consumer payoff.
    public static let sellerWorst = EquilibriumSelection(consumers: .sellerWorst, tieBreak: .maxConsumerSurplus)
    /// The two extremal rules, best first.
    public static var extremal: [EquilibriumSelection] { [sellerBest, sellerWorst] }

    /// The SPE of greatest Π^CP over all pure strong-Markov SPE (global
    /// search, ContingentGlobalSearch.swift); among equal revenues the first found.
    public static let sellerBestOverall = EquilibriumSelection(consumers: .sellerBestOverall, tieBreak: .minConsumerSurplus)
    /// The SPE of least Π^CP over all pure strong-Markov SPE (global search).
    public static let sellerWorstOverall = EquilibriumSelection(consumers: .sellerWorstOverall, tieBreak: .maxConsumerSurplus)
    /// The two global rules, best first.
    public static var global: [EquilibriumSelection] { [sellerBestOverall, sellerWorstOverall] }

    /// All eight limit-from-below combinations, favourable first (the extremal
    /// rules are in `extremal`).
    public static var all: [EquilibriumSelection] {
        ConsumerEquilibriumSelection.allCases.flatMap { c in SellerTieBreak.allCases.map { EquilibriumSelection(consumers: c, tieBreak: $0) } }
    }

    /// Parses a `name` such as "seller-adverse/latest-sale".
    ///
    /// - Complexity: O(length).
    /// - Throws: `StorableGoodsError.unknownEquilibriumSelection` (its
    ///   description lists the valid names). Accepts "stagewise-seller-best", "stagewise-seller-worst", "seller-best" and "seller-worst".
    public init(parsing name: String) throws {
        if let e = (EquilibriumSelection.extremal + EquilibriumSelection.global).first(where: { $0.name == name }) {
            self = e
            return
        }
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count == 2, let c = ConsumerEquilibriumSelection(rawValue: parts[0]), !c.isExtremal, !c.isGlobal, let t = SellerTieBreak(rawValue: parts[1]) else {
            throw StorableGoodsError.unknownEquilibriumSelection(name: name)
        }
        self.init(consumers: c, tieBreak: t)
    }
}
