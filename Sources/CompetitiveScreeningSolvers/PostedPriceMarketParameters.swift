// The parameters the posted-price kinds share (Sec 3.3, Sec 5.1): the market
// (valuation laws, number of firms, FGM dependence, tie-breaking), the grid
// of the global best responses, the responding firm, its opponent and the
// price profile. Firms are numbered 1…n in specs and columns (0-based in the
// model's API).

import CompetitiveScreening
import Distributions
import Foundation
import Harness
import Numerics

/// The market: n firms' valuation laws, their dependence and the tie rule.
struct PostedPriceMarketParameters: SolverParameters {
    @Parameter("distributions",
               doc: "valuation distributions θ_i ~ F_i, one per firm, or a single one shared by all `firms` (iid), each in " + TypeDistribution.syntaxDoc,
               minimumCount: 1)
    var distributions: [String]
    @Parameter("firms", doc: "number of firms n ≥ 2 (absent: as many as distributions)", domain: .between(2, 64))
    var firms: Int?
    @Parameter("rho", doc: "FGM dependence ρ ∈ [−1, 1] linking a duopoly's valuations (Sec 5.1); 0: independent", default: 0)
    var rho: Double
    @Parameter("tie_breaking", doc: "weak: indifferent agents buy from the firm; strict: only strict preference sells", default: .weak, convention: "whether an indifferent agent buys from the firm")
    var tieBreaking: TieBreaking

    /// The number of firms n.
    var firmCount: Int { firms ?? distributions.count }

    /// The market (each model error at the key it came from).
    func market() throws -> PostedPriceMarket {
        let n = firmCount
        if n < 2 { throw inputError($firms, .tooFewFirms(n)) }
        if distributions.count != n && distributions.count != 1 {
            throw SolverInputError($distributions, expected: "one distribution per firm (\(n)), or one shared by all firms", found: "\(distributions.count)")
        }
        let parsed = try distributions.enumerated().map { k, text in try law(text, at: $distributions[k]) }
        let valuations = parsed.count == 1 ? Array(repeating: parsed[0], count: n) : parsed
        let copula: Copula = rho == 0 ? .independent : try at($rho) { try Copula.fgmChecked(rho: rho) }
        return try marketErrors { try PostedPriceMarket(valuations: valuations, copula: copula, tieBreaking: tieBreaking) }
    }

    /// Runs `body`, reporting the market's validation errors at their keys.
    func marketErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CompetitiveScreeningError {
            switch e {
            case .tooFewFirms: throw inputError($firms, e)
            case let .copulaNeedsContinuousLaw(.firm(k), _): throw inputError(distributions.count == 1 ? $distributions[0] : $distributions[k], e)
            default: throw inputError($rho, e)
            }
        }
    }
}

/// The grid of each global best response.
struct BestResponseGridParameter: SolverParameters {
    @Parameter("grid_points", doc: "grid of each global best response (maximizeGlobal)", default: 401, domain: .between(3, 20_001))
    var gridPoints: Int

    func checked() throws -> Int {
        // The declared domain (100000 points took over 10 s per best response);
        // checked again for callers that bypass spec decoding.
        if gridPoints < 3 || gridPoints > 20_001 {
            throw SolverInputError($gridPoints, expected: "between 3 and 20001 grid points", found: "\(gridPoints)")
        }
        return gridPoints
    }
}

/// The responding firm i.
struct FirmParameter: SolverParameters {
    @Parameter("firm", doc: "the responding firm i (1…n)", default: 1, domain: .between(1, 64))
    var firm: Int

    /// The 0-based index, checked against the market.
    func index(_ m: PostedPriceMarket) throws -> Int {
        try at($firm) { try m.checkFirm(firm - 1) }
        return firm - 1
    }
}

/// The opponent j whose price varies.
struct OpponentParameter: SolverParameters {
    @Parameter("opponent", doc: "the opponent j whose price varies (1…n, ≠ firm)", default: 2, domain: .between(1, 64))
    var opponent: Int

    /// The 0-based index, checked against the market and the firm `i`.
    func index(_ m: PostedPriceMarket, firm i: Int) throws -> Int {
        let j = opponent - 1
        try at($opponent) {
            try m.checkFirm(j)
            if j == i { throw CompetitiveScreeningError.opponentIsFirm(j) }
        }
        return j
    }
}

/// The price profile.
struct PricesParameter: SolverParameters {
    @Parameter("prices", doc: "the price profile (one per firm; the firm's own entry, and the varied opponent's, are ignored); empty: all 0",
               default: [])
    var prices: [Double]

    /// The profile (all 0 when empty), checked against the market.
    func profile(_ m: PostedPriceMarket) throws -> [Double] {
        if !prices.isEmpty && prices.count != m.firmCount {
            throw SolverInputError($prices, expected: "one price per firm (\(m.firmCount)) or none", found: "\(prices.count) prices")
        }
        let profile = prices.isEmpty ? [Double](repeating: 0, count: m.firmCount) : prices
        try priceErrors { try m.checkPrices(profile) }
        return profile
    }

    /// Runs `body`, reporting price errors at `prices[k]` (or at `varied` for firm `variedFirm`'s price).
    func priceErrors<T>(varied: (firm: Int, key: ParameterKey)? = nil, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CompetitiveScreeningError {
            if case let .priceOutsideSupport(k, _, _) = e {
                if let varied, varied.firm == k { throw inputError(varied.key, e) }
                throw inputError($prices[k], e)
            }
            throw inputError($prices, e)
        }
    }
}

/// A price p of firm k's support [0, θ̄_k], else an input error at `key`.
func checkPrice(_ p: Double, firm k: Int, _ m: PostedPriceMarket, _ key: ParameterKey) throws {
    let upper = m.valuations[k].upper
    if !(p.isFinite && p >= 0 && p <= upper) {
        throw inputError(key, .priceOutsideSupport(firm: k, price: p, upper: upper))
    }
}

/// Prices in a text column: 10 significant digits (text columns compare exactly in goldens).
func priceList(_ xs: [Double]) -> String {
    "[" + xs.map { String(format: "%.10g", $0) }.joined(separator: ", ") + "]"
}
