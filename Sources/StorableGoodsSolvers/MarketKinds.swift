// Sections 1–2 of Berbeglia, Boodaghians & Vetta (2021) on any market given by
// its values and storage cost: optimal pre-announced pricing against the
// contingent-pricing SPE (with Section 4's Π^F and Σu), the revenue of given
// announced prices (the introductory example), and the consumers' reservation
// prices in the first period of contingent pricing.

import Harness
import Numerics
import StorableGoods

/// A compact description of the equilibrium path of contingent pricing.
func describePath(_ e: ContingentEquilibrium) -> String {
    let sales = e.path.filter { $0.unitsSold > 0 }
    if sales.isEmpty { return "no sales" }
    return sales.map { s in
        let buyers = s.purchases.enumerated().filter { $0.element > 0 }.map { "\($0.offset + 1)" + ($0.element > 1 ? "×\($0.element)" : "") }
        return "t=\(s.period): p=\(s.price) to \(buyers.joined(separator: ","))"
    }.joined(separator: "; ")
}

// MARK: storable-goods.pricing-comparison

struct PricingComparisonParameters: SolverParameters {
    var market = MarketParameters()
    var contingent = SelectionParameters()
}

struct PricingComparisonRow: SolverRow {
    var selection: String
    var paRevenue: Rational
    var paPrices: String
    var cpRevenue: Rational
    var cpPath: String
    var paOverCP: Rational
    var fixedPriceRevenue: Rational
    var totalValue: Rational

    static let columns: [RowColumn<Self>] = [
        .init("selection", \.selection, doc: "the contingent-pricing equilibrium selection used"),
        .init("pa_revenue", \.paRevenue, doc: "Π^PA: optimal pre-announced revenue (a supremum: ties broken for the seller, attainable in the limit)"),
        .init("pa_prices", \.paPrices, doc: "an optimal pre-announced schedule (periods with finite prices)"),
        .init("cp_revenue", \.cpRevenue, doc: "Π^CP: seller revenue of the selected strong-Markov SPE (backward induction)"),
        .init("cp_path", \.cpPath, doc: "sales on the SPE path"),
        .init("pa_over_cp", \.paOverCP, doc: "Π^PA / Π^CP (1 when both are 0)"),
        .init("fixed_price_revenue", \.fixedPriceRevenue, doc: "Π^F: best revenue of one price posted in every period"),
        .init("total_value", \.totalValue, doc: "Σ u: the perfect-discrimination bound"),
    ]
}

let pricingComparison = SolverKind(
    "storable-goods.pricing-comparison",
    summary: "optimal pre-announced revenue (supremum), contingent-pricing SPE revenue under a selection, fixed-price revenue and total value of any market",
    parameters: PricingComparisonParameters.self,
    validate: { p in _ = try p.market.market() },
    run: { p, _ in
        let market = try p.market.market()
        let pa = try market.optimalPreAnnouncedPricing()
        let cp = try p.contingent.equilibrium(market)
        let ratio = cp.revenue.isZero ? Rational(pa.revenue.isZero ? 1 : 0) : pa.revenue / cp.revenue
        return [PricingComparisonRow(
            selection: cp.selection.name, paRevenue: pa.revenue, paPrices: pa.schedule.description,
            cpRevenue: cp.revenue, cpPath: describePath(cp), paOverCP: ratio,
            fixedPriceRevenue: market.fixedPriceOptimum.revenue, totalValue: market.totalValue)]
    })

// MARK: storable-goods.announced-prices

struct AnnouncedPricesParameters: SolverParameters {
    var market = MarketParameters()
    @Parameter("prices", doc: "the announced price of each period", domain: .nonNegative, minimumCount: 1)
    var prices: [Rational]
    @Parameter("ties", doc: "how indifferent consumers act", default: .sellerFavourable, convention: "how consumers indifferent between periods act under announced prices")
    var ties: TieRule
    var contingent = SelectionParameters()
}

struct AnnouncedPricesRow: SolverRow {
    var revenue: Rational
    var consumerSurplus: Rational
    var purchases: String
    var cpRevenue: Rational
    var revenueOverCP: Rational

    static let columns: [RowColumn<Self>] = [
        .init("revenue", \.revenue, doc: "seller revenue at the announced prices"),
        .init("consumer_surplus", \.consumerSurplus, doc: "total consumer surplus at the announced prices"),
        .init("purchases", \.purchases, doc: "who buys in which period for which consumption period"),
        .init("cp_revenue", \.cpRevenue, doc: "Π^CP under the selection"),
        .init("revenue_over_cp", \.revenueOverCP, doc: "revenue / Π^CP"),
    ]
}

let announcedPrices = SolverKind(
    "storable-goods.announced-prices",
    summary: "revenue of a given pre-announced price schedule when consumers best-respond (storing allowed), against the contingent-pricing SPE",
    parameters: AnnouncedPricesParameters.self,
    validate: { p in
        let market = try p.market.market()
        if p.prices.count != market.horizon {
            throw SolverInputError(p.$prices, expected: "one price per period (\(market.horizon))", found: "\(p.prices.count) prices")
        }
    },
    run: { p, _ in
        let market = try p.market.market()
        let schedule = try PriceSchedule(prices: p.prices.map { .finite($0) })
        let outcome = try market.outcome(of: schedule, ties: p.ties)
        let cp = try p.contingent.equilibrium(market)
        let purchases = outcome.plans.flatMap { plan in
            plan.units.map { "consumer \(plan.consumer + 1) buys at t=\($0.purchasePeriod) for t=\($0.consumptionPeriod)" }
        }
        return [AnnouncedPricesRow(
            revenue: outcome.revenue, consumerSurplus: outcome.consumerSurplus,
            purchases: purchases.isEmpty ? "none" : purchases.joined(separator: "; "),
            cpRevenue: cp.revenue, revenueOverCP: cp.revenue.isZero ? 0 : outcome.revenue / cp.revenue)]
    })

// MARK: storable-goods.cp-reservation-prices

struct ReservationPricesParameters: SolverParameters {
    var market = MarketParameters()
    var contingent = SelectionParameters()
    @Parameter("period", doc: "the period (all stocks empty: period 1)", default: 1, domain: .between(1, 1))
    var period: Int
}

struct ReservationPriceRow: SolverRow {
    var consumer: Int
    var reservationPrice: Rational
    var selection: String

    static let columns: [RowColumn<Self>] = [
        .init("consumer", \.consumer, key: true, doc: "consumer (1-based)"),
        .init("reservation_price", \.reservationPrice, doc: "highest price at which she buys now rather than wait, given the continuation equilibrium"),
        .init("selection", \.selection, doc: "equilibrium selection used"),
    ]
}

let reservationPrices = SolverKind(
    "storable-goods.cp-reservation-prices",
    summary: "each consumer's reservation price in the first period of the contingent-pricing SPE (the highest price at which she buys now)",
    parameters: ReservationPricesParameters.self, row: ReservationPriceRow.self,
    validate: { p in _ = try p.market.market() },
    run: { p, _ in
        let market = try p.market.market()
        let cp = try p.contingent.equilibrium(market)
        let stocks = [Int](repeating: 0, count: market.consumerCount)
        return try (0..<market.consumerCount).compactMap { i in
            guard let r = try cp.reservationPrice(consumer: i, period: p.period, stocks: stocks) else { return nil }
            return ReservationPriceRow(consumer: i + 1, reservationPrice: r, selection: cp.selection.name)
        }
    })
