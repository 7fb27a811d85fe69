// Parameters several storable-goods kinds share (Section 2 of Berbeglia,
// Boodaghians & Vetta 2021): a market's values and storage cost, and the
// contingent-pricing equilibrium selection. The model's errors about a market
// are mapped here to the spec keys they concern.

import Harness
import Numerics
import StorableGoods

/// A market's values and storage cost: shared by every market-level kind.
struct MarketParameters: SolverParameters {
    @Parameter("values", doc: "u[i][t]: consumer i's value for consuming in period t (one row per consumer, one column per period)",
               domain: .nonNegative, minimumCount: 1)
    var values: [[Rational]]
    @Parameter("epsilon", doc: "storage cost per unit and period (ε)", domain: .nonNegative)
    var epsilon: Rational

    /// The model, with its errors named at the spec keys.
    func market() throws -> StorableGoodsMarket {
        do {
            return try StorableGoodsMarket(values: values, storageCost: epsilon)
        } catch let e as StorableGoodsError {
            switch e {
            case .noConsumers:
                throw SolverInputError($values, expected: "at least one consumer (N ≥ 1)", found: "0 rows")
            case .emptyHorizon:
                throw SolverInputError($values[0], expected: "at least one period (T ≥ 1)", found: "0 periods")
            case let .raggedValues(consumer, periods, expected):
                throw SolverInputError($values[consumer], expected: "a rectangular matrix: every consumer's row has T = \(expected) entries like values[0]",
                                       found: "\(periods) periods")
            case let .negativeValue(consumer, period, value):
                throw SolverInputError($values[consumer, period - 1], expected: "a value ≥ 0", found: value.description)
            case .negativeStorageCost(let epsilon):
                throw SolverInputError($epsilon, expected: "ε ≥ 0", found: epsilon.description)
            default:
                throw SolverInputError($values, expected: "a market", found: e.description)
            }
        }
    }
}

/// The contingent-pricing selection rule: the eight combinations of the
/// consumers' stage-equilibrium rule and the seller's tie-break, then
/// stagewise-seller-best and stagewise-seller-worst.
extension EquilibriumSelection: ParameterChoice {
    public static var choices: [EquilibriumSelection] { all + extremal + global }
    public var choiceName: String { name }
}

extension TieRule: ParameterChoice {}

/// The contingent-pricing equilibrium selection: shared by every kind that
/// solves contingent pricing.
struct SelectionParameters: SolverParameters {
    @Parameter("selection", doc: "contingent-pricing equilibrium selection: consumers' stage-equilibrium rule / seller tie-break (limits from below), stagewise-seller-best / stagewise-seller-worst (exact stage equilibria, chosen state by state), or seller-best / seller-worst (the extremes of Π^CP over all strong-Markov SPE, a global search for small markets)",
               default: .sellerFavourableEarliestSale, convention: "which subgame-perfect equilibrium of the contingent-pricing game is reported")
    var selection: EquilibriumSelection

    /// The contingent-pricing SPE of `market` under the selection; the global
    /// search's budget (seller-best / seller-worst) is reported at `selection`.
    func equilibrium(_ market: StorableGoodsMarket) throws -> ContingentEquilibrium {
        do {
            return try market.contingentEquilibrium(selection: selection)
        } catch let e as StorableGoodsError {
            guard case .searchTooLarge = e else { throw e }
            throw SolverInputError($selection, expected: "a selection the market admits: seller-best / seller-worst search all SPE within \(ContingentGlobalSearch.defaultMaxWork) steps (use stagewise-seller-best / stagewise-seller-worst on larger markets)",
                                   found: e.description)
        }
    }
}
