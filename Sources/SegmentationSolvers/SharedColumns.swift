// Column groups several kinds share, each with the builder of its values:
// a market's optimal mechanism, the Prop. 2 / Theorem 1 construction, and
// the summary of a two-type family.

import Harness
import Numerics
import Segmentation

/// The selected optimal mechanism of a market.
struct MechanismColumns: SolverRow {
    var mechanism: String
    var revenue: Rational
    var consumerSurplus: String
    var efficient: Bool
    var inefficientTypes: String
    var uniquePaymentRule: Bool
    var paymentMin: String
    var paymentMax: String
    var bindingIR: String
    var bindingIC: String
    var selection: String

    static let columns: [RowColumn<Self>] = [
        .init("mechanism", \.mechanism, doc: "selected optimal mechanism: each type's alternative and gross price"),
        .init("revenue", \.revenue, doc: "optimal expected revenue Σ_t f(t) p(t), net of costs (gross prices minus expected costs)"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS(t, f) per type"),
        .init("efficient", \.efficient, doc: "every type gets its efficient alternative"),
        .init("inefficient_types", \.inefficientTypes, doc: "types served inefficiently"),
        .init("unique_payment_rule", \.uniquePaymentRule, doc: "every optimal mechanism has the same payments (range over the optimal face)"),
        .init("payment_min", \.paymentMin, doc: "per type, min of the net payment p(t) (gross price − expected cost) over all optimal mechanisms, the whole optimal face (footnote 14); \"-\" off the support"),
        .init("payment_max", \.paymentMax, doc: "per type, max of the net payment p(t) over all optimal mechanisms; equals payment_min for every type iff unique_payment_rule"),
        .init("binding_ir", \.bindingIR, doc: "types whose IR binds (zero surplus)"),
        .init("binding_ic", \.bindingIC, doc: "binding IC constraints t→t′ (t indifferent to reporting t′)"),
        .init("selection", \.selection, doc: "selection rule used"),
    ]
}

extension MechanismColumns {
    /// The optimal mechanism of `market` under `selection`.
    init(_ env: Environment, _ market: Market, _ selection: SelectionRule) throws {
        let o = try env.optimalMechanism(for: market, selection: selection)
        let ranges = try env.optimalPaymentRanges(for: market)
        var low = [Rational?](repeating: nil, count: env.typeCount), high = low
        for r in ranges { (low[r.type], high[r.type]) = (r.minimum, r.maximum) }
        self.init(mechanism: describeMechanism(o.mechanism), revenue: o.revenue,
                  consumerSurplus: describeVector(o.consumerSurplus), efficient: o.isEfficient,
                  inefficientTypes: describeTypes(o.inefficientTypes, env),
                  uniquePaymentRule: ranges.allSatisfy(\.isUnique),
                  paymentMin: describeVector(low), paymentMax: describeVector(high),
                  bindingIR: describeTypes(o.bindingIR, env),
                  bindingIC: o.bindingIC.isEmpty ? "none" : o.bindingIC.map { "\(env.typeNames[$0.from])→\(env.typeNames[$0.to])" }.joined(separator: ", "),
                  selection: selection.rawValue)
    }
}

/// The Prop. 2 / Theorem 1 construction for a market ("n/a" when it does not apply).
struct ConstructionColumns: SolverRow {
    var bindingPath: String
    var deviator: String
    var dominatingMarket: String
    var dominatingMechanism: String
    var dominatingCSChange: String
    var dominates: Bool
    var safeWeightSupremum: String
    var split: String
    var splitVerified: Bool

    static let columns: [RowColumn<Self>] = [
        .init("binding_path", \.bindingPath, doc: "S̄: binding IC path from the inefficient type to a zero-surplus type (Sec 4.1.2)"),
        .init("deviator", \.deviator, doc: "t′: the type that would mimic t once t is served efficiently"),
        .init("dominating_market", \.dominatingMarket, doc: "f′: the efficient Pareto dominating market (Prop. 2, Lemma 4)"),
        .init("dominating_mechanism", \.dominatingMechanism, doc: "M*: its unique optimal mechanism (gross prices)"),
        .init("dominating_cs_change", \.dominatingCSChange, doc: "CS(t, f′) − CS(t, f) per type of f′"),
        .init("dominates", \.dominates, doc: "f′ is efficient, has M* as unique optimum and Pareto dominates f"),
        .init("safe_weight_supremum", \.safeWeightSupremum, doc: "ε*: Theorem 1's split f = ε f′ + (1 − ε) f″ is Pareto improving for every ε in (0, ε*); at a market with several optimal payment rules, the supremum of the run of improving weights from 0 found by the exact weight search with Prop. 2's f′ (or, failing that, the first two-type f′ that works) (\"none\" if no run starts at 0)"),
        .init("split", \.split, doc: "the split used (ε = ε*/2; at a tied market the weight search's verified witness, or \"none\")"),
        .init("split_verified", \.splitVerified, doc: "independent check: every segment weakly dominates, one strictly, revenue strictly rises"),
    ]
}

extension ConstructionColumns {
    /// The construction for `market`; each half is "n/a" (false) when it does not apply.
    init(_ env: Environment, _ market: Market, _ selection: SelectionRule) {
        if let d = try? env.dominatingMarket(for: market, selection: selection) {
            bindingPath = describeTypes(d.bindingPath, env)
            deviator = env.typeNames[d.deviator]
            dominatingMarket = d.dominatingMarket.description
            dominatingMechanism = describeMechanism(d.constructedMechanism)
            dominatingCSChange = describeVector(d.dominance.surplusChange)
            dominates = d.dominance.dominates && d.isUniqueOptimum && d.dominatingOptimum.isEfficient
        } else {
            (bindingPath, deviator, dominatingMarket, dominatingMechanism, dominatingCSChange) = ("n/a", "n/a", "n/a", "n/a", "n/a")
            dominates = false
        }
        do {
            let s = try env.paretoImprovingSplit(of: market, selection: selection)
            safeWeightSupremum = s.safeWeightSupremum.description
            split = describeSegmentation(s.segmentation)
            splitVerified = s.verification.isParetoImproving
        } catch SegmentationError.severalOptimalPaymentRules(_) {
            // A tied market: Theorem 1's ε̄ is undefined; search the weights of
            // the split exactly instead (Prop. 2's f′, then two-type f′).
            do {
                let w = try env.splitSearchAtTiedMarket(of: market, selection: selection)
                safeWeightSupremum = w.safeWeightSupremum?.description ?? "none"
                split = w.witnessSegmentation.map(describeSegmentation) ?? "none: no weight makes a split with Prop. 2's f′ or a two-type f′ Pareto improving (tied market)"
                splitVerified = w.witness?.isParetoImproving ?? false
            } catch {
                safeWeightSupremum = "n/a"
                split = "n/a: \(error)"
                splitVerified = false
            }
        } catch {
            safeWeightSupremum = "n/a"
            split = "n/a: \(error)"
            splitVerified = false
        }
    }
}

/// Which markets of a two-type family are efficient, improvable or not.
struct FamilySummaryColumns: SolverRow {
    var breakpoints: String
    var breakpointCount: Int
    var lowerBreakpoint: Rational
    var upperBreakpoint: Rational
    var efficientUpTo: Rational
    var firstNotImprovable: Rational
    var efficientMarkets: String
    var improvableMarkets: String
    var notImprovableMarkets: String
    var notImprovableCount: Int
    var notImprovableIsFinite: Bool
    var selection: String

    static let columns: [RowColumn<Self>] = [
        .init("breakpoints", \.breakpoints, doc: "exact breakpoints in q of the optimal mechanism"),
        .init("breakpoint_count", \.breakpointCount, doc: "number of breakpoints"),
        .init("lower_breakpoint", \.lowerBreakpoint, doc: "the smallest breakpoint (1 when there is none)"),
        .init("upper_breakpoint", \.upperBreakpoint, doc: "the largest breakpoint (1 when there is none)"),
        .init("efficient_up_to", \.efficientUpTo, doc: "e such that the markets [0, e] (or [0, e) when e is not efficient) form the efficient run starting at q = 0 (0 when market 0 alone)"),
        .init("first_not_improvable", \.firstNotImprovable, doc: "the smallest inefficient market that is not Pareto improvable (0 when there is none: filter on not_improvable_count)"),
        .init("efficient_markets", \.efficientMarkets, doc: "markets q (fraction of the second type) whose selected mechanism is efficient"),
        .init("improvable_markets", \.improvableMarkets, doc: "inefficient markets with a verified Pareto-improving segmentation"),
        .init("not_improvable_markets", \.notImprovableMarkets, doc: "inefficient markets that are not Pareto improvable"),
        .init("not_improvable_count", \.notImprovableCount, doc: "number of isolated non-improvable inefficient markets"),
        .init("not_improvable_is_finite", \.notImprovableIsFinite, doc: "the non-improvable inefficient markets are finitely many points (non-generic)"),
        .init("selection", \.selection, doc: "selection rule used"),
    ]
}

extension FamilySummaryColumns {
    /// The summary of the two-type family of `env`.
    init(_ env: Environment, _ selection: SelectionRule) throws {
        let c = try env.classifyTwoTypeMarkets(selection: selection)
        let notImprovable = c.pieces.filter { $0.classification.marketClass == .notImprovable }
        let breakpoints = c.analysis.breakpoints
        // The run of efficient markets that starts at q = 0 ([0, 1/4] in Sec 3.1.1).
        let firstRun = c.intervals.first
        self.init(breakpoints: breakpoints.map(\.description).joined(separator: ", "),
                  breakpointCount: breakpoints.count,
                  lowerBreakpoint: breakpoints.first ?? 1, upperBreakpoint: breakpoints.last ?? 1,
                  efficientUpTo: firstRun.map { $0.marketClass == .efficient ? $0.upper : .zero } ?? .zero,
                  firstNotImprovable: notImprovable.first?.piece.lower ?? .zero,
                  efficientMarkets: describeIntervals(c.intervals, .efficient),
                  improvableMarkets: describeIntervals(c.intervals, .improvable),
                  notImprovableMarkets: describeIntervals(c.intervals, .notImprovable),
                  notImprovableCount: notImprovable.filter(\.piece.isPoint).count,
                  notImprovableIsFinite: notImprovable.allSatisfy(\.piece.isPoint),
                  selection: selection.rawValue)
    }
}
