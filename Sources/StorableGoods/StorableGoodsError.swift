// The errors of the storable-goods solvers (Berbeglia, Boodaghians & Vetta
// 2021), named in the model's terms: the consumer, period, stock or bound at
// fault (Section 2's market and schedules, Section 3's G(n), Section 4's
// property check), never a spec key.

import Numerics

/// A failure of a storable-goods solver, in the model's terms: an invalid
/// market, price schedule or query (naming the consumer, period or stock at
/// fault), an instance too large for the requested algorithm, or the absence
/// of a pure equilibrium. Consumers are indices 0..<N and periods 1...T, as
/// everywhere in this module.
public enum StorableGoodsError: Error, CustomStringConvertible, Equatable, Sendable {
    // Markets (Section 2).
    /// A market without consumers (N = 0).
    case noConsumers
    /// A market or schedule with a horizon T < 1.
    case emptyHorizon(horizon: Int)
    /// Consumer `consumer`'s dense value row has `periods` entries where the
    /// first consumer's has `expected` (the value matrix is not rectangular).
    case raggedValues(consumer: Int, periods: Int, expected: Int)
    /// u_{consumer, period} < 0.
    case negativeValue(consumer: Int, period: Int, value: Rational)
    /// ε < 0.
    case negativeStorageCost(Rational)
    /// A sparse demand of `consumer` in a period outside 1...horizon.
    case demandOutsideHorizon(consumer: Int, period: Int, horizon: Int)
    /// `consumer` lists two values for the same period.
    case duplicateDemand(consumer: Int, period: Int)

    // Pre-announced price schedules (Section 2).
    /// A posted price in a period outside 1...horizon.
    case pricePeriodOutsideHorizon(period: Int, horizon: Int)
    /// p_period < 0.
    case negativePrice(period: Int, price: Rational)
    /// A schedule of `schedule` periods announced in a market of `market` periods.
    case scheduleHorizonMismatch(schedule: Int, market: Int)

    // Queries on a market or an equilibrium.
    /// A consumer index outside 0..<consumers.
    case consumerOutOfRange(consumer: Int, consumers: Int)
    /// A period outside 1...horizon.
    case periodOutOfRange(period: Int, horizon: Int)
    /// A stock profile with `count` entries in a market of `consumers` consumers.
    case stockCountMismatch(count: Int, consumers: Int)
    /// A stock profile with some S_i outside 0...R_i(t), the consumer's
    /// remaining positive-value periods (not a state of the game).
    case stocksOutOfRange(period: Int, stocks: [Int])
    /// A name that is not one of the eight equilibrium selections.
    case unknownEquilibriumSelection(name: String)

    // The construction G(n) (Section 3).
    /// n outside 2...`ConstructionG.maximumN`.
    case constructionSizeOutOfRange(n: Int)
    /// A consumer label outside 1...n, or one whose demand period τ_i is
    /// before `period`, listed as still lacking a unit.
    case lackingConsumerOutOfRange(label: Int, period: Int)
    /// An equilibrium of another market compared with G(n).
    case equilibriumOfAnotherMarket(n: Int)

    // Theorem 4.1's property check (Section 4).
    /// Fewer than one random market requested.
    case noInstances(instances: Int)
    /// A bound on the sampled number of consumers outside 1...4.
    case sampledConsumersOutOfRange(maxConsumers: Int)
    /// A bound on the sampled number of periods outside 1...4.
    case sampledPeriodsOutOfRange(maxPeriods: Int)
    /// No equilibrium selection to check.
    case noSelections

    // Size limits of the algorithms.
    /// Contingent pricing would visit `states` states (nil: more than
    /// `Int.max`), above the limit `maxStates`.
    case tooManyStates(states: Int?, maxStates: Int)
    /// The brute-force pre-announced verifier would enumerate more than
    /// `maxPriceVectors` price vectors.
    case tooManyPriceVectors(maxPriceVectors: Int)
    /// The global search over strong-Markov SPE (selections seller-best /
    /// seller-worst) would exceed its budget of `maxWork` steps (continuation
    /// tables built plus states solved).
    case searchTooLarge(maxWork: Int)
    /// `value` does not fit the machine-integer lattice.
    case latticeOverflow(value: Rational)

    // Equilibrium existence (Section 3.2).
    /// Contingent pricing: at the state (period, stocks) no profile of
    /// consumer purchase decisions is a pure Nash equilibrium of the stage game
    /// for the announced prices in `prices` (an interval), so no pure
    /// strong-Markov subgame-perfect equilibrium exists.
    case noPureStageEquilibrium(period: Int, stocks: [Int], prices: String)

    public var description: String {
        switch self {
        case .noConsumers:
            return "no consumers: expected at least one consumer (N ≥ 1)"
        case let .emptyHorizon(horizon):
            return "horizon T = \(horizon): expected at least one period (T ≥ 1)"
        case let .raggedValues(consumer, periods, expected):
            return "consumer \(consumer)'s values cover \(periods) periods: expected a rectangular matrix, every consumer's row with T = \(expected) entries like the first"
        case let .negativeValue(consumer, period, value):
            return "u_{\(consumer + 1),\(period)} = \(value): expected a value ≥ 0"
        case let .negativeStorageCost(epsilon):
            return "storage cost ε = \(epsilon): expected ε ≥ 0"
        case let .demandOutsideHorizon(consumer, period, horizon):
            return "consumer \(consumer) has a demand in period \(period): expected a period in 1...\(horizon)"
        case let .duplicateDemand(consumer, period):
            return "consumer \(consumer) lists period \(period) twice: expected at most one value per consumer and period"
        case let .pricePeriodOutsideHorizon(period, horizon):
            return "a price posted in period \(period): expected a period in 1...\(horizon)"
        case let .negativePrice(period, price):
            return "p_\(period) = \(price): expected a price ≥ 0"
        case let .scheduleHorizonMismatch(schedule, market):
            return "a schedule of \(schedule) periods: expected the market's horizon T = \(market)"
        case let .consumerOutOfRange(consumer, consumers):
            return "consumer \(consumer): expected an index in 0..<\(consumers)"
        case let .periodOutOfRange(period, horizon):
            return "period \(period): expected a period in 1...\(horizon)"
        case let .stockCountMismatch(count, consumers):
            return "\(count) stocks: expected one stock per consumer (N = \(consumers))"
        case let .stocksOutOfRange(period, stocks):
            return "stocks \(stocks) at period \(period): expected each stock in 0...R_i(t), the consumer's remaining positive-value periods"
        case let .unknownEquilibriumSelection(name):
            return "equilibrium selection \"\(name)\": expected one of " + (EquilibriumSelection.all + EquilibriumSelection.extremal + EquilibriumSelection.global).map { "\"\($0.name)\"" }.joined(separator: ", ")
        case let .constructionSizeOutOfRange(n):
            return n < 2 ? "G(n) with n = \(n): expected n ≥ 2"
                : "G(n) with n = \(n): expected n ≤ \(ConstructionG.maximumN) so that n³ fits in 64 bits"
        case let .lackingConsumerOutOfRange(label, period):
            return "lacking consumer \(label): expected a label i in 1...n with τ_i ≥ \(period)"
        case let .equilibriumOfAnotherMarket(n):
            return "the equilibrium is not one of G(\(n))"
        case let .noInstances(instances):
            return "\(instances) random markets: expected at least 1"
        case let .sampledConsumersOutOfRange(maxConsumers):
            return "at most \(maxConsumers) consumers per random market: expected 1...4 (backward induction is exponential in N)"
        case let .sampledPeriodsOutOfRange(maxPeriods):
            return "at most \(maxPeriods) periods per random market: expected 1...4"
        case .noSelections:
            return "no equilibrium selection: expected at least one"
        case let .tooManyStates(states, maxStates):
            return "instance too large: \(states.map(String.init) ?? "> Int.max") contingent-pricing states exceed maxStates = \(maxStates)"
        case let .tooManyPriceVectors(maxPriceVectors):
            return "instance too large: more than \(maxPriceVectors) price vectors (maxPriceVectors); use optimalPreAnnouncedPricing()"
        case let .searchTooLarge(maxWork):
            return "instance too large for the global search over all strong-Markov SPE (seller-best / seller-worst): more than \(maxWork) steps (continuation tables built plus states solved; maxSearchWork); use stagewise-seller-best / stagewise-seller-worst"
        case let .latticeOverflow(value):
            return "instance too large: the scaled value \(value) exceeds the machine-integer lattice"
        case let .noPureStageEquilibrium(period, stocks, prices):
            return "no pure stage equilibrium among consumers at period \(period) with stocks \(stocks) for announced prices in \(prices): no pure strong-Markov subgame-perfect equilibrium exists for this instance"
        }
    }
}
