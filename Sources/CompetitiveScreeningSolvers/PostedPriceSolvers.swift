// Sec 3.3 (Corollary 3.1, Proposition 3.1; Sec 5.1 with ρ) and Appendix A.3
// (Lemmas A.2–A.3): the posted-price equilibrium, a firm's revenue and its
// Lemma A.3 pieces, best-response curves and slopes, and the mixed
// differences of ln ER_i (PostedPriceRevenue.swift, PostedPriceEquilibrium.swift,
// BestResponseCurve.swift, LogRevenueDifferences.swift).

import CompetitiveScreening
import Harness
import Numerics

// MARK: - screening.posted-price-equilibrium

struct PostedPriceEquilibriumParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var grid = BestResponseGridParameter()
}

struct PostedPriceEquilibriumRow: SolverRow {
    var firm: Int
    var price: Double
    var revenue: Double
    var demand: Double
    var totalDemand: Double
    var priceFromAbove: Double
    var converged: Bool
    var startsAgree: Bool
    var focResidual: Double
    var bestResponseGap: Double
    var globalBestResponse: Bool
    var polished: Bool
    var iterationsBelow: Int
    var iterationsAbove: Int

    static let columns: [RowColumn<Self>] = [
        .init("firm", \.firm, key: true, doc: "firm i (1…n)"),
        .init("price", \.price, doc: "p*_i, the limit from below (all p = 0), polished"),
        .init("revenue", \.revenue, doc: "ER_i(p*)"),
        .init("demand", \.demand, doc: "Q_i(p*)"),
        .init("total_demand", \.totalDemand, doc: "Σ_i Q_i(p*)"),
        .init("price_from_above", \.priceFromAbove, doc: "p_i reached from all p = θ̄"),
        .init("converged", \.converged, doc: "both best-response iterations settled (false: the rounds cycle; price is then the last round's)"),
        .init("starts_agree", \.startsAgree, doc: "both starts converge to the same prices (within 1e-7): the uniqueness probe"),
        .init("foc_residual", \.focResidual, doc: "max_i |∂ER_i/∂p_i| at p* (analytic FOC, Lemma A.3)"),
        .init("best_response_gap", \.bestResponseGap, doc: "max_{p_i} ER_i(p_i, p*_{−i}) − ER_i(p*) (0: p*_i is a global best response)"),
        .init("global_best_response", \.globalBestResponse, doc: "every price is a global best response (gap ≤ 1e-9)"),
        .init("polished", \.polished, doc: "the FOC root finder refined both limits"),
        .init("iterations_below", \.iterationsBelow, doc: "best-response rounds from all p = 0"),
        .init("iterations_above", \.iterationsAbove, doc: "best-response rounds from all p = θ̄"),
    ]
}

let postedPriceEquilibrium = SolverKind(
    "screening.posted-price-equilibrium",
    summary: "Sec 3.3 / Cor 3.1 / Prop 3.1 (Sec 5.1 with rho): the posted-price equilibrium by best-response iteration from all p = 0 and all p = θ̄, polished on the FOC system, each price checked to be a global best response",
    parameters: PostedPriceEquilibriumParameters.self,
    validate: { p in _ = try p.market.market(); _ = try p.grid.checked() },
    run: { p, _ in
        let m = try p.market.market()
        let eq = try at(p.grid.$gridPoints) { try m.equilibrium(gridPoints: try p.grid.checked()) }
        return (0..<m.firmCount).map { i in
            PostedPriceEquilibriumRow(
                firm: i + 1, price: eq.prices[i], revenue: eq.revenues[i], demand: eq.demands[i], totalDemand: eq.totalDemand,
                priceFromAbove: eq.pricesFromAbove[i], converged: eq.converged, startsAgree: eq.startsAgree, focResidual: eq.focResidual,
                bestResponseGap: eq.bestResponseGaps[i], globalBestResponse: eq.isGlobalBestResponse, polished: eq.polished,
                iterationsBelow: eq.iterationsFromBelow, iterationsAbove: eq.iterationsFromAbove)
        }
    })

// MARK: - screening.posted-price-best-response

struct PostedPriceBestResponseParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var grid = BestResponseGridParameter()
    var firm = FirmParameter()
    var opponent = OpponentParameter()
    var prices = PricesParameter()
    @Parameter("opponent_price", doc: "p_j ∈ [0, θ̄_j] (sweep it for a curve)")
    var opponentPrice: Double
    @Parameter("step", doc: "difference step for the slopes", default: 1e-4)
    var step: Double

    /// The market, firm i, opponent j and the profile, all checked.
    func inputs() throws -> (market: PostedPriceMarket, firm: Int, opponent: Int, prices: [Double]) {
        let m = try market.market()
        _ = try grid.checked()
        let profile = try prices.profile(m)
        let i = try firm.index(m), j = try opponent.index(m, firm: i)
        try checkPrice(opponentPrice, firm: j, m, $opponentPrice)
        if !(step > 0 && step < 0.1) { throw SolverInputError($step, expected: "a difference step in (0, 0.1)", found: "\(step)") }
        return (m, i, j, profile)
    }
}

struct PostedPriceBestResponseRow: SolverRow {
    var opponentPrice: Double
    var bestResponse: Double
    var maximizerCount: Int
    var maximizers: String
    var localMaxima: Int
    var revenue: Double
    var slope: Double
    var slopeSum: Double
    var differentiable: Bool
    var focAtResponse: Double

    static let columns: [RowColumn<Self>] = [
        .init("opponent_price", \.opponentPrice, key: true, doc: "p_j"),
        .init("best_response", \.bestResponse, doc: "the smallest global maximiser of ER_i(·, p_{−i})"),
        .init("maximizer_count", \.maximizerCount, doc: "number of global maximisers (revenue within 1e-9 of the best)"),
        .init("maximizers", \.maximizers, doc: "all global maximisers"),
        .init("local_maxima", \.localMaxima, doc: "local maxima of ER_i(·, p_{−i}) found on the grid"),
        .init("revenue", \.revenue, doc: "max ER_i"),
        .init("slope", \.slope, doc: "∂BR_i/∂p_j (central difference, second-order one-sided at the ends)"),
        .init("slope_sum", \.slopeSum, doc: "Σ_{j≠i} ∂BR_i/∂p_j along p_{−i} + t·(1, …, 1) (Lemma A.3: < 1)"),
        .init("differentiable", \.differentiable, doc: "BR single-valued here and at the shifted profiles, without a jump"),
        .init("foc_at_response", \.focAtResponse, doc: "∂ER_i/∂p_i at the best response (0 at an interior smooth maximum)"),
    ]
}

let postedPriceBestResponse = SolverKind(
    "screening.posted-price-best-response",
    summary: "Lemmas A.2–A.3: BR_i as a function of one opponent's price p_j (others fixed): all global maximisers, the slope ∂BR_i/∂p_j and Σ_j ∂BR_i/∂p_j by central differences of the polished BR",
    parameters: PostedPriceBestResponseParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let (m, i, j, profile) = try p.inputs()
        let pt = try p.prices.priceErrors(varied: (j, p.$opponentPrice)) {
            try m.bestResponsePoint(firm: i, opponent: j, prices: profile, opponentPrice: p.opponentPrice,
                                    gridPoints: p.grid.gridPoints, step: p.step)
        }
        return [PostedPriceBestResponseRow(
            opponentPrice: p.opponentPrice, bestResponse: pt.response.maximizers[0], maximizerCount: pt.response.maximizers.count,
            maximizers: priceList(pt.response.maximizers), localMaxima: pt.response.localMaxima.count, revenue: pt.response.revenue,
            slope: pt.slope, slopeSum: pt.slopeSum, differentiable: pt.isDifferentiable, focAtResponse: pt.focResidual)]
    })

// MARK: - screening.posted-price-revenue

struct PostedPriceRevenueParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var firm = FirmParameter()
    var prices = PricesParameter()
    @Parameter("own_price", doc: "p_i ∈ [0, θ̄_i] (sweep it for a revenue curve)")
    var ownPrice: Double

    /// The market, firm i and the profile with p_i = own_price, all checked.
    func inputs() throws -> (market: PostedPriceMarket, firm: Int, prices: [Double]) {
        let m = try market.market()
        var profile = try prices.profile(m)
        let i = try firm.index(m)
        try checkPrice(ownPrice, firm: i, m, $ownPrice)
        profile[i] = ownPrice
        return (m, i, profile)
    }
}

struct PostedPriceRevenueRow: SolverRow {
    var ownPrice: Double
    var revenue: Double
    var demand: Double
    var boundaryDensity: Double
    var crossDemandSum: Double
    var revenueSlope: Double

    static let columns: [RowColumn<Self>] = [
        .init("own_price", \.ownPrice, key: true, doc: "p_i"),
        .init("revenue", \.revenue, doc: "ER_i = p_i Q_i"),
        .init("demand", \.demand, doc: "Q_i"),
        .init("boundary_density", \.boundaryDensity, doc: "C = Π_{k≠i} F_k(p_k) f_i(p_i) (copula: F_{2|1}(p_2 | p_1) f_1(p_1))"),
        .init("cross_demand_sum", \.crossDemandSum, doc: "Σ_{j≠i} Q_ij"),
        .init("revenue_slope", \.revenueSlope, doc: "∂ER_i/∂p_i = Q_i − p_i (C + Σ_j Q_ij)"),
    ]
}

let postedPriceRevenue = SolverKind(
    "screening.posted-price-revenue",
    summary: "Sec 3.3 / Sec 5.1: ER_i, Q_i and Lemma A.3's pieces (C, Σ_j Q_ij, ∂ER_i/∂p_i) at a price profile, as a function of the own price",
    parameters: PostedPriceRevenueParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let (m, i, profile) = try p.inputs()
        let s = try p.prices.priceErrors(varied: (i, p.$ownPrice)) { try m.revenueSlope(firm: i, prices: profile) }
        return [PostedPriceRevenueRow(ownPrice: profile[i], revenue: s.revenue, demand: s.demand, boundaryDensity: s.boundary,
                                      crossDemandSum: s.crossDemand.reduce(0, +), revenueSlope: s.revenueSlope)]
    })

// MARK: - screening.posted-price-log-revenue-differences

struct LogRevenueDifferencesParameters: SolverParameters {
    var market = PostedPriceMarketParameters()
    var firm = FirmParameter()
    var opponent = OpponentParameter()
    var prices = PricesParameter()
    @Parameter("grid", doc: "grid points per axis (p_i interior to (0, θ̄_i), p_j on [0, θ̄_j])", default: 41, domain: .between(2, 2000))
    var grid: Int

    func inputs() throws -> (market: PostedPriceMarket, firm: Int, opponent: Int, prices: [Double]) {
        let m = try market.market()
        let profile = try prices.profile(m)
        let i = try firm.index(m), j = try opponent.index(m, firm: i)
        if grid < 2 || grid > 2000 { throw SolverInputError($grid, expected: "between 2 and 2000 grid points per axis", found: "\(grid)") }
        return (m, i, j, profile)
    }
}

struct LogRevenueDifferencesRow: SolverRow {
    var minDifference: Double
    var atOwnPrice: Double
    var atOpponentPrice: Double
    var negativeCells: Int
    var cells: Int

    static let columns: [RowColumn<Self>] = [
        .init("min_difference", \.minDifference, doc: "min over cells of the mixed difference of ln ER_i / (Δp_i Δp_j)"),
        .init("at_own_price", \.atOwnPrice, doc: "p_i of the minimising cell (lower corner)"),
        .init("at_opponent_price", \.atOpponentPrice, doc: "p_j of the minimising cell (lower corner)"),
        .init("negative_cells", \.negativeCells, doc: "cells with a mixed difference below −1e-9"),
        .init("cells", \.cells, doc: "cells with ER_i > 0 at all four corners"),
    ]
}

let postedPriceLogRevenueDifferences = SolverKind(
    "screening.posted-price-log-revenue-differences",
    summary: "Lemma A.2: discrete mixed differences of ln ER_i in (p_i, p_j) on a grid (non-decreasing differences ⟺ all ≥ 0)",
    parameters: LogRevenueDifferencesParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let (m, i, j, profile) = try p.inputs()
        let d = try at(p.$grid) { try m.logRevenueDifferences(firm: i, opponent: j, prices: profile, gridPoints: p.grid) }
        return [LogRevenueDifferencesRow(minDifference: d.minimum, atOwnPrice: d.at.ownPrice, atOpponentPrice: d.at.opponentPrice,
                                         negativeCells: d.negativeCells, cells: d.cells)]
    })
