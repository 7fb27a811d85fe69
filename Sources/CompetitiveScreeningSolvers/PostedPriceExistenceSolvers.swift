// Theorem 3.1 / Corollary 3.1: is the best response single-valued, and does
// a pure posted-price equilibrium exist? The tie tuner (EqualRevenueMaxima.swift)
// and the duopoly fixed-point scan (DuopolyFixedPoints.swift).

import CompetitiveScreening
import Harness
import Numerics

// MARK: - screening.posted-price-equal-maxima

/// The parameter the tie search tunes.
enum TunedParameter: String, CaseIterable, ParameterChoice {
    case opponentPrice = "opponent_price"
    case weight
}

struct EqualMaximaParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var grid = BestResponseGridParameter()
    var prices = PricesParameter()
    @Parameter("tune", doc: "the tuned parameter")
    var tune: TunedParameter
    @Parameter("tuned_firm", doc: "the opponent whose price is tuned, or the firm whose distribution is the mixture (1…n)", default: 2, domain: .between(1, 64))
    var tunedFirm: Int
    @Parameter("low", doc: "weight: the mixture component weighted w (text form)", default: "uniform")
    var low: String
    @Parameter("high", doc: "weight: the component weighted 1 − w (same θ̄)", default: "uniform")
    var high: String
    @Parameter("from", doc: "lower end of the tuned parameter's interval")
    var from: Double
    @Parameter("to", doc: "upper end of the tuned parameter's interval")
    var to: Double
    @Parameter("split", doc: "a price of firm 1 in (0, θ̄_1) separating its two local revenue maxima; absent: found, as the midpoint of the two largest local maxima of ER_1 over [0, θ̄_1] (global maximiser) at the first of the interval's dyadic points (1/2, 1/4, 3/4, …) and ends where ER_1 is bimodal")
    var split: Double?

    /// The split price, or nil when it is to be found (no `split`).
    var splitPrice: Double? { split }

    func inputs() throws -> (market: PostedPriceMarket, prices: [Double], tuning: TieSearchParameter) {
        let m = try market.market()
        let profile = try prices.profile(m)
        let k = tunedFirm - 1
        try at($tunedFirm) { try m.checkFirm(k) }
        if !(from < to) { throw SolverInputError($from, expected: "from < to", found: "[\(from), \(to)]") }
        let tuning: TieSearchParameter
        switch tune {
        case .opponentPrice:
            if k == 0 { throw inputError($tunedFirm, .tunedOpponent(k, firms: m.firmCount)) }
            tuning = .opponentPrice(opponent: k)
        case .weight:
            tuning = .mixtureWeight(firm: k, low: try law(low, at: $low), high: try law(high, at: $high))
        }
        let upper = m.valuations[0].upper
        if let splitPrice, !(splitPrice > 0 && splitPrice < upper) { throw inputError($split, .splitOutsideSupport(split: splitPrice, upper: upper)) }
        _ = try grid.checked()
        return (m, profile, tuning)
    }
}

struct EqualMaximaRow: SolverRow {
    var parameter: Double
    var distributions: String
    var densityRegularityMin: Double
    var lowPrice: Double
    var lowRevenue: Double
    var highPrice: Double
    var highRevenue: Double
    var revenueDifference: Double
    var maximizerCount: Int
    var maximizers: String

    static let columns: [RowColumn<Self>] = [
        .init("parameter", \.parameter, doc: "the tuned value at which the two local maxima have equal revenue"),
        .init("distributions", \.distributions, doc: "the valuation distributions there (firm 1 first)"),
        .init("density_regularity_min", \.densityRegularityMin, doc: "min over firms and θ ∈ [0, θ̄] of 2f + θf′ (Def 3.1, DensityConditionChecker; > 0: every firm density-regular)"),
        .init("low_price", \.lowPrice, doc: "firm 1's best price below the split (the split given, or found)"),
        .init("low_revenue", \.lowRevenue, doc: "ER_1 there"),
        .init("high_price", \.highPrice, doc: "firm 1's best price above the split (the split given, or found)"),
        .init("high_revenue", \.highRevenue, doc: "ER_1 there"),
        .init("revenue_difference", \.revenueDifference, doc: "low_revenue − high_revenue"),
        .init("maximizer_count", \.maximizerCount, doc: "global maximisers of ER_1 there (full best response, tie tolerance 1e-9)"),
        .init("maximizers", \.maximizers, doc: "all global maximisers"),
    ]
}

let postedPriceEqualMaxima = SolverKind(
    "screening.posted-price-equal-maxima",
    summary: "Theorem 3.1 / Cor 3.1's unique p*: tune one parameter (an opponent's price, or the weight w of a firm's mixture w·low + (1 − w)·high) by a root finder until firm 1's two local revenue maxima are equal",
    parameters: EqualMaximaParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let t = try p.inputs()
        let r: EqualRevenueMaxima
        do {
            r = try PostedPriceMarket.equalRevenueMaxima(valuations: t.market.valuations, prices: t.prices, tuning: t.tuning,
                                                         range: p.from...max(p.from, p.to), split: p.splitPrice, copula: t.market.copula,
                                                         tieBreaking: t.market.tieBreaking, gridPoints: try p.grid.checked())
        } catch let e as CompetitiveScreeningError {
            switch e {
            case .tuningInterval, .maximaDoNotSwap, .fewerThanTwoLocalMaxima: throw inputError(p.$from, e)
            case .tunedOpponent, .noSuchFirm: throw inputError(p.$tunedFirm, e)
            case .mixtureSupports: throw inputError(p.$high, e)
            case .splitOutsideSupport: throw inputError(p.$split, e)
            case .splitNotBetweenMaxima: throw inputError(p.splitPrice == nil ? p.$from : p.$split, e)   // a found split: the interval is at fault
            case .setting: throw inputError(p.grid.$gridPoints, e)
            case .priceCount, .priceOutsideSupport: throw inputError(p.prices.$prices, e)
            case .law: throw inputError(p.$low, e)
            default: throw inputError(p.market.$rho, e)
            }
        }
        return [EqualMaximaRow(
            parameter: r.parameter, distributions: r.valuations.map(\.description).joined(separator: "; "),
            densityRegularityMin: r.densityRegularityMinima.min()!,
            lowPrice: r.low.price, lowRevenue: r.low.revenue, highPrice: r.high.price, highRevenue: r.high.revenue,
            revenueDifference: r.low.revenue - r.high.revenue,
            maximizerCount: r.response.maximizers.count, maximizers: priceList(r.response.maximizers))]
    })

// MARK: - screening.posted-price-duopoly-fixed-points

struct DuopolyFixedPointsParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var grid = BestResponseGridParameter()
    @Parameter("scan_points", doc: "prices p_2 scanned on [0, θ̄_2]", default: 201, domain: .between(3, 20_001))
    var scanPoints: Int

    func inputs() throws -> PostedPriceMarket {
        let m = try market.market()
        _ = try grid.checked()
        if m.firmCount != 2 { throw inputError(market.$firms, .notDuopoly(firms: m.firmCount)) }
        if scanPoints < 3 || scanPoints > 20_001 {
            throw SolverInputError($scanPoints, expected: "between 3 and 20001 scan points", found: "\(scanPoints)")
        }
        return m
    }
}

struct DuopolyFixedPointsRow: SolverRow {
    var equilibria: Int
    var equilibriumPrices: String
    var minimumGap: Double
    var jumps: Int
    var jumpGaps: String

    static let columns: [RowColumn<Self>] = [
        .init("equilibria", \.equilibria, doc: "pure equilibria found (zeros of the composite where it is continuous)"),
        .init("equilibrium_prices", \.equilibriumPrices, doc: "their (p_1, p_2)"),
        .init("minimum_gap", \.minimumGap, doc: "min over scanned and bisected prices of |BR_2(BR_1(p_2)) − p_2| (every selection at jumps)"),
        .init("jumps", \.jumps, doc: "sign changes of the composite across a jump (the best response skips the diagonal)"),
        .init("jump_gaps", \.jumpGaps, doc: "|BR_2(BR_1(p_2)) − p_2| at each jump, located to 1e-12"),
    ]
}

let postedPriceDuopolyFixedPoints = SolverKind(
    "screening.posted-price-duopoly-fixed-points",
    summary: "Corollary 3.1 for duopolies: scan p_2 ↦ BR_2(BR_1(p_2)) − p_2 (global best responses) for zeros, i.e. pure posted-price equilibria, bisecting each sign change and reporting jumps over the diagonal",
    parameters: DuopolyFixedPointsParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let m = try p.inputs()
        let scan = try at(p.$scanPoints) { try m.duopolyFixedPoints(scanPoints: p.scanPoints, gridPoints: p.grid.gridPoints) }
        return [DuopolyFixedPointsRow(equilibria: scan.equilibria.count, equilibriumPrices: scan.equilibria.map(priceList).joined(separator: " "),
                                      minimumGap: scan.minimumGap, jumps: scan.jumps, jumpGaps: priceList(scan.jumpGaps))]
    })
