// Theorem 1 and Props 1–2 on seeded random environments and markets.

import Harness
import Numerics
import Segmentation

struct PropertyCheckParameters: SolverParameters {
    @Parameter("markets", doc: "random markets", domain: .between(1, 100_000))
    var markets: Int
    var random = RandomSeed()
    @Parameter("max_types", doc: "n ≤ max_types", default: 5, domain: .between(2, 8))
    var maxTypes: Int
    @Parameter("max_alternatives", doc: "k ≤ max_alternatives", default: 4, domain: .between(1, 6))
    var maxAlternatives: Int
    var selection = SelectionParameter()
}

struct PropertyCheckRow: SolverRow {
    var markets: Int
    var efficient: Int
    var efficientDominated: Int
    var inefficient: Int
    var dominatingBuilt: Int
    var uniquePayment: Int
    var verifiedSplits: Int
    var singleProductInefficient: Int
    var singleProductImproved: Int
    var failures: Int

    static let columns: [RowColumn<Self>] = [
        .init("markets", \.markets, doc: "markets drawn"),
        .init("efficient", \.efficient, doc: "efficient markets"),
        .init("efficient_dominated", \.efficientDominated, doc: "efficient markets found dominated (must be 0)"),
        .init("inefficient", \.inefficient, doc: "inefficient markets"),
        .init("dominating_built", \.dominatingBuilt, doc: "inefficient markets with a verified efficient Pareto dominating market"),
        .init("unique_payment", \.uniquePayment, doc: "inefficient markets with a unique optimal payment rule"),
        .init("verified_splits", \.verifiedSplits, doc: "of those, markets with a verified two-segment Pareto-improving split"),
        .init("single_product_inefficient", \.singleProductInefficient, doc: "inefficient markets of single-alternative environments"),
        .init("single_product_improved", \.singleProductImproved, doc: "of those, improved by a verified split (Prop 1; at a tie by the tied-market split search)"),
        .init("failures", \.failures, doc: "failures of any check"),
    ]
}

let propertyCheckKind = SolverKind(
    "segmentation.property-check",
    summary: "Theorem 1 and Props 1–2 on seeded random environments (n ≤ max_types, k ≤ max_alternatives) and markets",
    parameters: PropertyCheckParameters.self,
    run: { p, _ in
        let r = try PropertyCheck.run(seed: UInt64(p.random.seed), markets: p.markets, maxTypes: p.maxTypes,
                                      maxAlternatives: p.maxAlternatives, selection: p.selection.rule)
        return [PropertyCheckRow(markets: r.markets, efficient: r.efficientMarkets, efficientDominated: r.efficientMarketsDominated,
                                 inefficient: r.inefficientMarkets, dominatingBuilt: r.dominatingMarketsBuilt,
                                 uniquePayment: r.uniquePaymentMarkets, verifiedSplits: r.verifiedSplits,
                                 singleProductInefficient: r.singleProductInefficient, singleProductImproved: r.singleProductImproved,
                                 failures: r.failures.count)]
    })
