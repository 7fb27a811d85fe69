// Section 4 of Berbeglia, Boodaghians & Vetta (2021), the proof of Theorem
// 4.1, on its own: the fixed-price benchmark Π^F and the total value Σv of any
// market or of G(n) without solving contingent pricing (so G(n) is available
// far beyond the backward induction's state limit), and Section 3's σ_i of
// G(n) (eqs. (3)–(4), Lemma 3.4) with their zero set.

import Foundation
import Harness
import Numerics
import StorableGoods

/// The benchmark columns every Π^F kind shares.
struct FixedPriceColumns: SolverRow {
    var piF: Rational
    var piFPrices: Int
    var piFPrice: Rational
    var totalValue: Rational
    var totalValueReal: Double
    var totalOverPiF: Double

    static let columns: [RowColumn<Self>] = [
        .init("pi_f", \.piF, doc: "Π^F: the best revenue of one price posted in every period (proof of Theorem 4.1), exact"),
        .init("pi_f_prices", \.piFPrices, doc: "how many prices attain Π^F"),
        .init("pi_f_price", \.piFPrice, doc: "the highest price attaining Π^F (0 when every value is 0)"),
        .init("total_value", \.totalValue, doc: "Σv = Σ_{i,t} u_{i,t}, the perfect-discrimination bound on Π^PA, exact"),
        .init("total_value_real", \.totalValueReal, doc: "Σv in floating point"),
        .init("total_over_pi_f", \.totalOverPiF, doc: "Σv / Π^F (the proof bounds it by H_ℓ ≤ H_T + H_N)"),
    ]

    init(_ b: StorableGoodsMarket.FixedPriceBenchmark) {
        piF = b.revenue
        piFPrices = b.maximisingPrices.count
        piFPrice = b.maximisingPrices.first ?? .zero
        totalValue = b.totalValue
        totalValueReal = b.totalValue.doubleValue
        totalOverPiF = b.revenue.isZero ? .nan : (b.totalValue / b.revenue).doubleValue
    }
}

// MARK: storable-goods.fixed-price-benchmark

struct FixedPriceBenchmarkRow: SolverRow {
    var benchmark: FixedPriceColumns
    var harmonicBound: Rational

    static let columns: [RowColumn<Self>] = RowColumn.group(\.benchmark) + [
        .init("harmonic_bound", \.harmonicBound, doc: "H_T + H_N (exact): the proof's bound on Σv / Π^F"),
    ]
}

let fixedPriceBenchmark = SolverKind(
    "storable-goods.fixed-price-benchmark",
    summary: "Π^F (one price in every period) and Σv of any market, with the proof of Theorem 4.1's bound H_T + H_N on their ratio; no pricing game is solved",
    parameters: MarketParameters.self,
    validate: { p in
        let m = try p.market()
        guard m.horizon <= 100_000 else {
            throw SolverInputError(p.$values[0], expected: "at most 10⁵ periods (H_T is computed exactly)", found: "\(m.horizon) periods")
        }
    },
    run: { p, _ in
        let m = try p.market()
        let h = try HarmonicNumbers.exact(m.horizon) + HarmonicNumbers.exact(m.consumerCount)
        return [FixedPriceBenchmarkRow(benchmark: FixedPriceColumns(m.fixedPriceBenchmark), harmonicBound: h)]
    })

// MARK: storable-goods.construction-benchmarks

struct ConstructionBenchmarksParameters: SolverParameters {
    @Parameter("N", doc: constructionSizeDoc, domain: .between(2, 20_000))
    var n: Int
}

struct ConstructionBenchmarksRow: SolverRow {
    var benchmark: FixedPriceColumns
    var tau1: Int
    var logN: Double
    var totalOverPiFOverLogN: Double
    var harmonicBoundLower: Double
    var totalWithinHEllBound: Bool
    var totalAttainsHEllBound: Bool
    var piCP: Rational
    var piPALemma32: Double
    var lowerOverUpper: Double
    var sigmaZeros: Int
    var sigmaZeroSet: String
    var zeroSetIsDivisibilitySet: Bool
    var sigmaMinOverEpsilon: Rational
    var sigmaMaxOverEpsilon: Rational

    static let columns: [RowColumn<Self>] = RowColumn.group(\.benchmark) + [
        .init("tau_1", \.tau1, doc: "τ_1, the horizon T of G(N) as the solvers lay it out"),
        .init("log_N", \.logN, doc: "ln N"),
        .init("total_over_pi_f_over_log_N", \.totalOverPiFOverLogN, doc: "(Σv / Π^F) / ln N"),
        .init("harmonic_bound_lower", \.harmonicBoundLower, doc: "H_N + ln(τ_1 + 1): a lower bound on the proof's H_T + H_N (T = τ_1), since H_T ≥ ln(T + 1)"),
        .init("total_within_h_ell_bound", \.totalWithinHEllBound, doc: "Σv ≤ H_ℓ·Π^F exactly (ℓ = number of positive values; the proof's step from v_k ≤ Π^F/k)"),
        .init("total_attains_h_ell_bound", \.totalAttainsHEllBound, doc: "Σv = H_ℓ·Π^F exactly: the proof's step holds with equality"),
        .init("pi_cp", \.piCP, doc: "revenue of single-shot against restricted-eager (earliest-target ties), the Π^CP of Theorem 3.8"),
        .init("pi_pa_lemma32", \.piPALemma32, doc: "revenue of Lemma 3.2's pre-announced prices, a lower bound on Π^PA (compensated summation, error < 1e-12)"),
        .init("lower_over_upper", \.lowerOverUpper, doc: "(pi_pa_lemma32 / pi_cp) / (Σv / Π^F): the lower bound on Π^PA/Π^CP from G(N) over the upper bound Σv/Π^F that the proof of Theorem 4.1 gives on G(N) (Π^F = Π^CP there)"),
        .init("sigma_zeros", \.sigmaZeros, doc: "how many σ_i (i = 1…N, eq. (3)) are exactly 0"),
        .init("sigma_zero_set", \.sigmaZeroSet, doc: "{i : σ_i = 0} from the exact σ_i of eq. (3)"),
        .init("zero_set_is_divisibility_set", \.zeroSetIsDivisibilitySet, doc: "{i : σ_i = 0} equals {i : i(i+1) divides N³} (computed by integer arithmetic), as eq. (4) implies"),
        .init("sigma_min_over_epsilon", \.sigmaMinOverEpsilon, doc: "min_{i<N} σ_i / ε (Lemma 3.4: ≥ 0)"),
        .init("sigma_max_over_epsilon", \.sigmaMaxOverEpsilon, doc: "max_{i<N} σ_i / ε (Lemma 3.4: < 1)"),
    ]
}

let constructionBenchmarks = SolverKind(
    "storable-goods.construction-benchmarks",
    summary: "Π^F and Σv of G(N) without the contingent-pricing solve (to N = 20,000), against Π^CP of single-shot and Lemma 3.2's Π^PA, with the σ_i zero set",
    parameters: ConstructionBenchmarksParameters.self,
    run: { p, progress in
        let g = try ConstructionG(n: p.n)
        let b = try g.market().fixedPriceBenchmark
        progress.update(0.6)
        let sigma = g.sigmaProfile
        let columns = FixedPriceColumns(b)
        let logN = log(Double(g.n))
        let hEll = try HarmonicNumbers.exact(b.valueCount) * b.revenue
        let cp = g.singleShotRevenue(tieBreak: .earliestTarget)
        let lemma32 = g.lemma32RevenueEstimate().value
        return [ConstructionBenchmarksRow(
            benchmark: columns, tau1: g.horizon, logN: logN, totalOverPiFOverLogN: columns.totalOverPiF / logN,
            harmonicBoundLower: (try HarmonicNumbers.approximate(g.n)).value + log(Double(g.horizon) + 1),
            totalWithinHEllBound: b.totalValue <= hEll, totalAttainsHEllBound: b.totalValue == hEll,
            piCP: cp, piPALemma32: lemma32, lowerOverUpper: lemma32 / cp.doubleValue / columns.totalOverPiF,
            sigmaZeros: sigma.zeroSet.count, sigmaZeroSet: "{" + sigma.zeroSet.map(String.init).joined(separator: ", ") + "}",
            zeroSetIsDivisibilitySet: sigma.zeroSet == sigma.divisibilitySet,
            sigmaMinOverEpsilon: sigma.minimumOverEpsilon, sigmaMaxOverEpsilon: sigma.maximumOverEpsilon)]
    })

// MARK: storable-goods.construction-sigma

struct ConstructionSigmaRow: SolverRow {
    var i: Int
    var gap: Int
    var sigma: Rational
    var sigmaOverEpsilon: Rational
    var zero: Bool
    var iTimesNextDividesNCubed: Bool

    static let columns: [RowColumn<Self>] = [
        .init("i", \.i, key: true, doc: "consumer i = 1…N"),
        .init("gap", \.gap, doc: "ℓ_i = ⌊N³/(i(i+1))⌋"),
        .init("sigma", \.sigma, doc: "σ_i = 1/i − 1/(i+1) − ε·ℓ_i (eq. (3)), exact"),
        .init("sigma_over_epsilon", \.sigmaOverEpsilon, doc: "σ_i / ε"),
        .init("zero", \.zero, doc: "σ_i = 0 exactly"),
        .init("divides", \.iTimesNextDividesNCubed, doc: "i(i+1) divides N³ (integer arithmetic)"),
    ]
}

let constructionSigma = SolverKind(
    "storable-goods.construction-sigma",
    summary: "the σ_i of G(N) (eqs. (3)–(4), Lemma 3.4), one row per consumer, with where they vanish",
    parameters: ConstructionSizeParameters.self,
    run: { p, _ in
        let g = try ConstructionG(n: p.n)
        let profile = g.sigmaProfile
        return (1...g.n).map { i in
            ConstructionSigmaRow(i: i, gap: g.gap(i), sigma: g.sigma(i), sigmaOverEpsilon: profile.sigmaOverEpsilon[i - 1],
                                 zero: g.sigma(i).isZero, iTimesNextDividesNCubed: profile.divisibilitySet.contains(i))
        }
    })
