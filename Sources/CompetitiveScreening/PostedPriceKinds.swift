// The posted-price solver kinds (Sec 3.3, Appendix A.3, Sec 5.1). Every
// number comes from PostedPriceRevenue.swift / PostedPriceEquilibrium.swift
// called with the spec's parameters. Firms are numbered 1…n in specs and
// columns (0-based in the Swift API). Distributions are given in the text
// form of DistributionSyntax.swift.

import Foundation
import Harness

extension CompetitiveScreeningKinds {
    static var postedPriceKinds: [SolverKind] {
        PostedPriceGlue.kinds
    }
}

/// Parameters shared by the posted-price kinds and the market they describe.
enum PostedPriceGlue {
    static let distributions = ParameterSpec(
        "distributions", .list(.text),
        doc: "valuation distributions θ_i ~ F_i in the text form (e.g. \"uniform\", \"beta(2, 1)\", \"truncexp(rate=1)\"): one per firm, or a single one shared by all `firms` (iid)",
        minimumCount: 1)
    static let firms = ParameterSpec("firms", .integer, doc: "number of firms n ≥ 2 (0: as many as distributions)", default: .integer(0))
    static let rho = ParameterSpec("rho", .real, doc: "FGM dependence ρ ∈ [−1, 1] linking a duopoly's valuations (Sec 5.1); 0: independent",
                                   default: .real(0))
    static let tieBreaking = ParameterSpec("tie_breaking", .choice(TieBreaking.allCases.map(\.rawValue)),
                                           doc: "weak: indifferent agents buy from the firm; strict: only strict preference sells",
                                           default: .text("weak"))
    static let gridPoints = ParameterSpec("grid_points", .integer, doc: "grid of each global best response (maximizeGlobal)",
                                          default: .integer(401))
    static let firm = ParameterSpec("firm", .integer, doc: "the responding firm i (1…n)", default: .integer(1))
    static let opponent = ParameterSpec("opponent", .integer, doc: "the opponent j whose price varies (1…n, ≠ firm)", default: .integer(2))
    static let prices = ParameterSpec("prices", .list(.real),
                                      doc: "the price profile (one per firm; the firm's own entry, and the varied opponent's, are ignored); empty: all 0",
                                      default: .list([]))

    /// The market from the shared parameters (errors name the key).
    static func market(_ p: ParameterValues) throws -> PostedPriceMarket {
        try asInput {
            let texts = p.list("distributions").map { $0.description }
            var n = p.integer("firms")
            if n == 0 { n = texts.count }
            try require(n >= 2, "firms", "at least two firms", "\(n)")
            try require(texts.count == n || texts.count == 1, "distributions",
                        "one distribution per firm (\(n)), or one shared by all firms", "\(texts.count)")
            let parsed = try texts.enumerated().map { try TypeDistribution(parsing: $0.element, parameter: "distributions[\($0.offset)]") }
            let valuations = parsed.count == 1 ? Array(repeating: parsed[0], count: n) : parsed
            let r = p.real("rho")
            let copula: Copula = r == 0 ? .independent : try Copula.fgmChecked(rho: r)
            let tb = TieBreaking(rawValue: p.text("tie_breaking"))!
            return try PostedPriceMarket(valuations: valuations, copula: copula, tieBreaking: tb)
        }
    }

    static func gridPoints(_ p: ParameterValues) throws -> Int {
        let g = p.integer("grid_points")
        try asInput { try require(g >= 3 && g <= 100_000, "grid_points", "between 3 and 100000 grid points", "\(g)") }
        return g
    }

    /// The price profile (all 0 when empty), with firm/opponent indices checked.
    static func profile(_ p: ParameterValues, _ m: PostedPriceMarket) throws -> [Double] {
        try asInput {
            let given = p.list("prices").map(number)
            try require(given.isEmpty || given.count == m.firmCount, "prices", "one price per firm (\(m.firmCount)) or none",
                        "\(given.count) prices")
            let prices = given.isEmpty ? [Double](repeating: 0, count: m.firmCount) : given
            try m.checkPrices(prices)
            return prices
        }
    }

    static func firmIndex(_ p: ParameterValues, _ key: String, _ m: PostedPriceMarket) throws -> Int {
        let i = p.integer(key) - 1
        try asInput { try m.checkFirm(i, key: key) }
        return i
    }

    /// A number of a `.list(.real)` parameter.
    static func number(_ v: ParameterValue) -> Double {
        switch v {
        case let .real(x): return x
        case let .integer(k): return Double(k)
        case let .rational(r): return r.doubleValue
        default: return .nan
        }
    }

    /// Prices in a text column: 10 significant digits (text columns compare exactly in goldens).
    static func list(_ xs: [Double]) -> String {
        "[" + xs.map { String(format: "%.10g", $0) }.joined(separator: ", ") + "]"
    }

    static var kinds: [SolverKind] {
        let equilibrium = SolverKind(
            name: "screening.posted-price-equilibrium",
            summary: "Sec 3.3 / Cor 3.1 / Prop 3.1 (Sec 5.1 with rho): the posted-price equilibrium by best-response iteration from all p = 0 and all p = θ̄, polished on the FOC system, each price checked to be a global best response",
            parameters: [distributions, firms, rho, tieBreaking, gridPoints],
            columns: [
                Column("firm", .integer, key: true, doc: "firm i (1…n)"),
                Column("price", .real, doc: "p*_i, the limit from below (all p = 0), polished"),
                Column("revenue", .real, doc: "ER_i(p*)"),
                Column("demand", .real, doc: "Q_i(p*)"),
                Column("total_demand", .real, doc: "Σ_i Q_i(p*)"),
                Column("price_from_above", .real, doc: "p_i reached from all p = θ̄"),
                Column("converged", .boolean, doc: "both best-response iterations settled (false: the rounds cycle; price is then the last round's)"),
                Column("starts_agree", .boolean, doc: "both starts converge to the same prices (within 1e-7): the uniqueness probe"),
                Column("foc_residual", .real, doc: "max_i |∂ER_i/∂p_i| at p* (analytic FOC, Lemma A.3)"),
                Column("best_response_gap", .real, doc: "max_{p_i} ER_i(p_i, p*_{−i}) − ER_i(p*) (0: p*_i is a global best response)"),
                Column("global_best_response", .boolean, doc: "every price is a global best response (gap ≤ 1e-9)"),
                Column("polished", .boolean, doc: "the FOC root finder refined both limits"),
                Column("iterations_below", .integer, doc: "best-response rounds from all p = 0"),
                Column("iterations_above", .integer, doc: "best-response rounds from all p = θ̄"),
            ],
            validate: { p in _ = try market(p); _ = try gridPoints(p) },
            run: { p, _ in
                let m = try market(p)
                let eq = try asInput { try m.equilibrium(gridPoints: try gridPoints(p)) }
                return (0..<m.firmCount).map { i in
                    ["firm": .int(i + 1), "price": .real(eq.prices[i]), "revenue": .real(eq.revenues[i]), "demand": .real(eq.demands[i]),
                     "total_demand": .real(eq.totalDemand), "price_from_above": .real(eq.pricesFromAbove[i]),
                     "converged": .boolean(eq.converged), "starts_agree": .boolean(eq.startsAgree), "foc_residual": .real(eq.focResidual),
                     "best_response_gap": .real(eq.bestResponseGaps[i]), "global_best_response": .boolean(eq.isGlobalBestResponse),
                     "polished": .boolean(eq.polished), "iterations_below": .int(eq.iterationsFromBelow),
                     "iterations_above": .int(eq.iterationsFromAbove)]
                }
            })

        let curve = SolverKind(
            name: "screening.posted-price-best-response",
            summary: "Lemmas A.2–A.3: BR_i as a function of one opponent's price p_j (others fixed): all global maximisers, the slope ∂BR_i/∂p_j and Σ_j ∂BR_i/∂p_j by central differences of the polished BR",
            parameters: [distributions, firms, rho, tieBreaking, gridPoints, firm, opponent, prices,
                         ParameterSpec("opponent_price", .real, doc: "p_j ∈ [0, θ̄_j] (sweep it for a curve)"),
                         ParameterSpec("step", .real, doc: "difference step for the slopes", default: .real(1e-4))],
            columns: [
                Column("opponent_price", .real, key: true, doc: "p_j"),
                Column("best_response", .real, doc: "the smallest global maximiser of ER_i(·, p_{−i})"),
                Column("maximizer_count", .integer, doc: "number of global maximisers (revenue within 1e-9 of the best)"),
                Column("maximizers", .text, doc: "all global maximisers"),
                Column("local_maxima", .integer, doc: "local maxima of ER_i(·, p_{−i}) found on the grid"),
                Column("revenue", .real, doc: "max ER_i"),
                Column("slope", .real, doc: "∂BR_i/∂p_j (central difference, second-order one-sided at the ends)"),
                Column("slope_sum", .real, doc: "Σ_{j≠i} ∂BR_i/∂p_j along p_{−i} + t·(1, …, 1) (Lemma A.3: < 1)"),
                Column("differentiable", .boolean, doc: "BR single-valued here and at the shifted profiles, without a jump"),
                Column("foc_at_response", .real, doc: "∂ER_i/∂p_i at the best response (0 at an interior smooth maximum)"),
            ],
            validate: { p in
                let m = try market(p)
                _ = try gridPoints(p); _ = try profile(p, m)
                let i = try firmIndex(p, "firm", m), j = try firmIndex(p, "opponent", m)
                try asInput { try require(i != j, "opponent", "an opponent other than the firm", "\(j + 1)") }
            },
            run: { p, _ in
                let m = try market(p)
                let i = try firmIndex(p, "firm", m), j = try firmIndex(p, "opponent", m)
                let pj = p.real("opponent_price")
                let pt = try asInput {
                    try m.bestResponsePoint(firm: i, opponent: j, prices: try profile(p, m), opponentPrice: pj,
                                            gridPoints: try gridPoints(p), step: p.real("step"))
                }
                return [["opponent_price": .real(pj), "best_response": .real(pt.response.maximizers[0]),
                         "maximizer_count": .int(pt.response.maximizers.count), "maximizers": .text(list(pt.response.maximizers)),
                         "local_maxima": .int(pt.response.localMaxima.count), "revenue": .real(pt.response.revenue),
                         "slope": .real(pt.slope), "slope_sum": .real(pt.slopeSum), "differentiable": .boolean(pt.isDifferentiable),
                         "foc_at_response": .real(pt.focResidual)]]
            })

        let revenue = SolverKind(
            name: "screening.posted-price-revenue",
            summary: "Sec 3.3 / Sec 5.1: ER_i, Q_i and Lemma A.3's pieces (C, Σ_j Q_ij, ∂ER_i/∂p_i) at a price profile, as a function of the own price",
            parameters: [distributions, firms, rho, tieBreaking, firm, prices,
                         ParameterSpec("own_price", .real, doc: "p_i ∈ [0, θ̄_i] (sweep it for a revenue curve)")],
            columns: [
                Column("own_price", .real, key: true, doc: "p_i"),
                Column("revenue", .real, doc: "ER_i = p_i Q_i"),
                Column("demand", .real, doc: "Q_i"),
                Column("boundary_density", .real, doc: "C = Π_{k≠i} F_k(p_k) f_i(p_i) (copula: F_{2|1}(p_2 | p_1) f_1(p_1))"),
                Column("cross_demand_sum", .real, doc: "Σ_{j≠i} Q_ij"),
                Column("revenue_slope", .real, doc: "∂ER_i/∂p_i = Q_i − p_i (C + Σ_j Q_ij)"),
            ],
            validate: { p in
                let m = try market(p)
                _ = try profile(p, m); _ = try firmIndex(p, "firm", m)
            },
            run: { p, _ in
                let m = try market(p)
                let i = try firmIndex(p, "firm", m)
                var prices = try profile(p, m)
                prices[i] = p.real("own_price")
                let s = try asInput { try m.revenueSlope(firm: i, prices: prices) }
                return [["own_price": .real(prices[i]), "revenue": .real(s.revenue), "demand": .real(s.demand),
                         "boundary_density": .real(s.boundary), "cross_demand_sum": .real(s.crossDemand.reduce(0, +)),
                         "revenue_slope": .real(s.revenueSlope)]]
            })

        let differences = SolverKind(
            name: "screening.posted-price-log-revenue-differences",
            summary: "Lemma A.2: discrete mixed differences of ln ER_i in (p_i, p_j) on a grid (non-decreasing differences ⟺ all ≥ 0)",
            parameters: [distributions, firms, rho, tieBreaking, firm, opponent, prices,
                         ParameterSpec("grid", .integer, doc: "grid points per axis (p_i interior to (0, θ̄_i), p_j on [0, θ̄_j])",
                                       default: .integer(41))],
            columns: [
                Column("min_difference", .real, doc: "min over cells of the mixed difference of ln ER_i / (Δp_i Δp_j)"),
                Column("at_own_price", .real, doc: "p_i of the minimising cell (lower corner)"),
                Column("at_opponent_price", .real, doc: "p_j of the minimising cell (lower corner)"),
                Column("negative_cells", .integer, doc: "cells with a mixed difference below −1e-9"),
                Column("cells", .integer, doc: "cells with ER_i > 0 at all four corners"),
            ],
            validate: { p in
                let m = try market(p)
                _ = try profile(p, m)
                let i = try firmIndex(p, "firm", m), j = try firmIndex(p, "opponent", m)
                try asInput { try require(i != j, "opponent", "an opponent other than the firm", "\(j + 1)") }
            },
            run: { p, _ in
                let m = try market(p)
                let i = try firmIndex(p, "firm", m), j = try firmIndex(p, "opponent", m)
                let d = try asInput { try m.logRevenueDifferences(firm: i, opponent: j, prices: try profile(p, m), gridPoints: p.integer("grid")) }
                return [["min_difference": .real(d.minimum), "at_own_price": .real(d.at.ownPrice),
                         "at_opponent_price": .real(d.at.opponentPrice), "negative_cells": .int(d.negativeCells), "cells": .int(d.cells)]]
            })

        let ties = SolverKind(
            name: "screening.posted-price-equal-maxima",
            summary: "Theorem 3.1 / Cor 3.1's unique p*: tune one parameter (an opponent's price, or the weight w of a firm's mixture w·low + (1 − w)·high) by a root finder until firm 1's two local revenue maxima are equal",
            parameters: [
                distributions, firms, rho, tieBreaking, gridPoints, prices,
                ParameterSpec("tune", .choice(["opponent_price", "weight"]), doc: "the tuned parameter"),
                ParameterSpec("tuned_firm", .integer, doc: "the opponent whose price is tuned, or the firm whose distribution is the mixture (1…n)",
                              default: .integer(2)),
                ParameterSpec("low", .text, doc: "weight: the mixture component weighted w (text form)", default: .text("uniform")),
                ParameterSpec("high", .text, doc: "weight: the component weighted 1 − w (same θ̄)", default: .text("uniform")),
                ParameterSpec("from", .real, doc: "lower end of the tuned parameter's interval"),
                ParameterSpec("to", .real, doc: "upper end of the tuned parameter's interval"),
                ParameterSpec("split", .real, doc: "a price of firm 1 separating its two local revenue maxima"),
            ],
            columns: [
                Column("parameter", .real, doc: "the tuned value at which the two local maxima have equal revenue"),
                Column("distributions", .text, doc: "the valuation distributions there (firm 1 first)"),
                Column("density_regularity_min", .real, doc: "min over firms and θ ∈ [0, θ̄] of 2f + θf′ (Def 3.1, DensityConditionChecker; > 0: every firm density-regular)"),
                Column("low_price", .real, doc: "firm 1's best price below the split"),
                Column("low_revenue", .real, doc: "ER_1 there"),
                Column("high_price", .real, doc: "firm 1's best price above the split"),
                Column("high_revenue", .real, doc: "ER_1 there"),
                Column("revenue_difference", .real, doc: "low_revenue − high_revenue"),
                Column("maximizer_count", .integer, doc: "global maximisers of ER_1 there (full best response, tie tolerance 1e-9)"),
                Column("maximizers", .text, doc: "all global maximisers"),
            ],
            validate: { p in _ = try tieInputs(p) },
            run: { p, _ in
                let t = try tieInputs(p)
                let r = try asInput {
                    try PostedPriceMarket.equalRevenueMaxima(valuations: t.market.valuations, prices: t.prices, tuning: t.tuning,
                                                             range: p.real("from")...max(p.real("from"), p.real("to")),
                                                             split: p.real("split"), copula: t.market.copula,
                                                             tieBreaking: t.market.tieBreaking,
                                                             gridPoints: try gridPoints(p))
                }
                return [["parameter": .real(r.parameter), "distributions": .text(r.valuations.map(\.description).joined(separator: "; ")),
                         "density_regularity_min": .real(r.densityRegularityMinima.min()!),
                         "low_price": .real(r.low.price), "low_revenue": .real(r.low.revenue),
                         "high_price": .real(r.high.price), "high_revenue": .real(r.high.revenue),
                         "revenue_difference": .real(r.low.revenue - r.high.revenue),
                         "maximizer_count": .int(r.response.maximizers.count), "maximizers": .text(list(r.response.maximizers))]]
            })
        let existence = SolverKind(
            name: "screening.posted-price-duopoly-fixed-points",
            summary: "Corollary 3.1 for duopolies: scan p_2 ↦ BR_2(BR_1(p_2)) − p_2 (global best responses) for zeros, i.e. pure posted-price equilibria, bisecting each sign change and reporting jumps over the diagonal",
            parameters: [distributions, firms, rho, tieBreaking, gridPoints,
                         ParameterSpec("scan_points", .integer, doc: "prices p_2 scanned on [0, θ̄_2]", default: .integer(201))],
            columns: [
                Column("equilibria", .integer, doc: "pure equilibria found (zeros of the composite where it is continuous)"),
                Column("equilibrium_prices", .text, doc: "their (p_1, p_2)"),
                Column("minimum_gap", .real, doc: "min over scanned and bisected prices of |BR_2(BR_1(p_2)) − p_2| (every selection at jumps)"),
                Column("jumps", .integer, doc: "sign changes of the composite across a jump (the best response skips the diagonal)"),
                Column("jump_gaps", .text, doc: "|BR_2(BR_1(p_2)) − p_2| at each jump, located to 1e-12"),
            ],
            validate: { p in
                let m = try market(p)
                _ = try gridPoints(p)
                try asInput { try require(m.firmCount == 2, "firms", "a duopoly", "\(m.firmCount)") }
            },
            run: { p, _ in
                let m = try market(p)
                let scan = try asInput { try m.duopolyFixedPoints(scanPoints: p.integer("scan_points"), gridPoints: try gridPoints(p)) }
                return [["equilibria": .int(scan.equilibria.count),
                         "equilibrium_prices": .text(scan.equilibria.map(list).joined(separator: " ")),
                         "minimum_gap": .real(scan.minimumGap), "jumps": .int(scan.jumps),
                         "jump_gaps": .text(list(scan.jumpGaps))]]
            })
        return [equilibrium, curve, revenue, differences, ties, existence]
    }

    static func tieInputs(_ p: ParameterValues) throws -> (market: PostedPriceMarket, prices: [Double], tuning: TieSearchParameter) {
        let m = try market(p)
        let prices = try profile(p, m)
        let k = try firmIndex(p, "tuned_firm", m)
        let tuning: TieSearchParameter = try asInput {
            let from = p.real("from"), to = p.real("to")
            try require(from < to, "from", "from < to", "[\(from), \(to)]")
            if p.text("tune") == "opponent_price" {
                try require(k != 0, "tuned_firm", "an opponent of firm 1 (2…\(m.firmCount))", "1")
                return .opponentPrice(opponent: k)
            }
            return .mixtureWeight(firm: k, low: try TypeDistribution(parsing: p.text("low"), parameter: "low"),
                                  high: try TypeDistribution(parsing: p.text("high"), parameter: "high"))
        }
        return (m, prices, tuning)
    }
}
