// Remark 1B: versions with values U[ρ, 1] or U[0, 1 − ρ] at a common cost; the
// gain from separate classes by type and the optimal number of classes.

import ClassPricing
import Harness
import Numerics

struct TwoTypeValuesParameters: SolverParameters {
    @Parameter("rho", doc: "ρ ∈ [0, 1)", domain: NumericDomain(minimum: 0, maximum: 1, maximumInclusive: false))
    var rho: Rational
    @Parameter("cost", doc: "common cost c of every version", domain: .between(0, 1))
    var cost: Rational
    @Parameter("high", doc: "number of versions with values U[ρ, 1]", default: 1, domain: .between(1, 5))
    var high: Int
    @Parameter("low", doc: "number of versions with values U[0, 1 − ρ]", default: 1, domain: .between(1, 5))
    var low: Int
    @Parameter("r_over_B", doc: "pricing cost per class and buyer r/B", default: Rational.zero, domain: .nonNegative)
    var rOverB: Rational

    /// Remark 1B's instance, with its errors named at the keys.
    func model() throws -> TwoTypeValues {
        try reportingModelErrors(ClassPricingError.self, as: { e in
            switch e {
            case .rhoOutOfRange: return SolverInputError($rho, expected: "0 ≤ ρ < 1", found: rho.description)
            case .noHighTypeVersions: return SolverInputError($high, expected: "at least one high-type version", found: "\(high)")
            case .noLowTypeVersions: return SolverInputError($low, expected: "at least one low-type version", found: "\(low)")
            case .invalidPricingCost: return SolverInputError($rOverB, expected: "r/B ≥ 0", found: rOverB.description)
            default: return SolverInputError($cost, expected: "0 ≤ c ≤ 1", found: cost.description)
            }
        }) { try TwoTypeValues(rho: rho, cost: cost, high: high, low: low, rOverB: rOverB.doubleValue) }
    }
}

struct TwoTypeValuesRow: SolverRow {
    var oneClassPrice: Double
    var oneClassProfit: Double
    var highPrice: Double
    var lowPrice: Double
    var splitProfit: Double
    var splitProfitClosedForm: Rational
    var gain: Double
    var gainByMaximization: Double
    var methodsAgree: Bool
    var optimalK: Int
    var optimalPartition: String

    static let columns: [RowColumn<Self>] = [
        .init("one_class_price", \.oneClassPrice, doc: "optimal price of a single class of all versions (18)"),
        .init("one_class_profit", \.oneClassProfit, doc: "its gross per-buyer profit"),
        .init("high_price", \.highPrice, doc: "optimal price of the class of U[ρ, 1] versions"),
        .init("low_price", \.lowPrice, doc: "optimal price of the class of U[0, 1 − ρ] versions"),
        .init("split_profit", \.splitProfit, doc: "gross per-buyer profit with the two types in separate classes"),
        .init("split_profit_closed_form", \.splitProfitClosedForm, doc: "the same, exact closed form for uniform values"),
        .init("gain", \.gain, doc: "split_profit − one_class_profit: the benefit of separate classes (before the extra r/B)"),
        .init("gain_by_maximization", \.gainByMaximization, doc: "the gain with class prices by direct maximisation (second method)"),
        .init("methods_agree", \.methodsAgree, doc: "|gain − gain_by_maximization| ≤ 1e-9 and |split_profit − closed form| ≤ 1e-12"),
        .init("optimal_K", \.optimalK, doc: "profit-maximising K at r_over_B (brute force over all partitions; ties to the smaller K)"),
        .init("optimal_partition", \.optimalPartition, doc: "an optimal partition for optimal_K (versions 0..high−1 are the U[ρ, 1] ones)"),
    ]
}

let twoTypeValues = SolverKind(
    "class-pricing.two-type-values",
    summary: "Remark 1B: versions with values U[ρ, 1] or U[0, 1 − ρ] at a common cost: one class vs separate classes by type, and the optimal K at r/B (brute force)",
    parameters: TwoTypeValuesParameters.self,
    validate: { p in _ = try p.model() },
    run: { p, _ in
        let t = try p.model()
        let all = Array(0..<t.N)
        let one = try t.problem.classPrice(all), h = try t.problem.classPrice(t.highClass), l = try t.problem.classPrice(t.lowClass)
        let oneM = try t.problem.classPriceByMaximization(all), hM = try t.problem.classPriceByMaximization(t.highClass),
            lM = try t.problem.classPriceByMaximization(t.lowClass)
        let split = h.profit + l.profit, gain = split - one.profit, gainM = hM.profit + lM.profit - oneM.profit
        let closed = t.splitProfitClosedForm
        let bf = try BruteForcePartitions.seller(t.problem)
        let K = try optimalClassCount(grossByK: bf.valueByK, rOverB: p.rOverB.doubleValue)
        return [TwoTypeValuesRow(oneClassPrice: one.price, oneClassProfit: one.profit, highPrice: h.price, lowPrice: l.price,
                                 splitProfit: split, splitProfitClosedForm: closed, gain: gain, gainByMaximization: gainM,
                                 methodsAgree: abs(gain - gainM) <= 1e-9 && abs(split - closed.doubleValue) <= 1e-12,
                                 optimalK: K, optimalPartition: bf.bestByK[K - 1].description)]
    })
