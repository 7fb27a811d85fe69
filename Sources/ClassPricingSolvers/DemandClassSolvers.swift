// Sec. III with demands in the shared distribution text form: one identical
// prior demand F (Sec. III.1, Proposition 1, Corollary 1) or one F_n per
// version (Sec. III.3, Proposition 3, Corollary 3). The optimal number of
// classes, or the optimal partition at a fixed K, for costs scaled about
// their mean: the interval DP (cost order for a common F, index order
// otherwise), checked against the brute force over all set partitions when
// N ≤ 9.

import ClassPricing
import Distributions
import Foundation
import Harness
import Numerics

struct DemandClassParameters: SolverParameters {
    var spread = CostSpreadParameters()
    @Parameter("distribution", doc: "the common prior demand F of every version's value (identical prior demands, Sec. III.1), on [0, 1] with a density: " + TypeDistribution.syntaxDoc,
               default: "uniform")
    var distribution: String
    @Parameter("distributions", doc: "instead of `distribution`: one prior demand F_n per version, in the costs' (index) order (Sec. III.3; the DP then keeps the index order, which Proposition 3 justifies when the labels satisfy MSC+LR), each in the same text form", default: [])
    var distributions: [String]
    var pricing = PricingCostParameters()
    var classCount = ClassCountParameters()

    /// The largest N (the DP costs O(N³) class prices when K is chosen).
    static let maxVersions = 60
    /// The largest N checked by brute force (Bell(9) = 21 147 partitions).
    static let maxBruteForce = 9

    /// The costs (scaled) and the seller's problem with demand F (or F_n).
    func problem() throws -> DemandClassPricing {
        let costs = try spread.scaledCosts()
        guard costs.count <= Self.maxVersions else {
            throw SolverInputError(spread.$costs, expected: "at most \(Self.maxVersions) costs", found: "\(costs.count)")
        }
        func parse(_ text: String, _ key: ParameterKey) throws -> TypeDistribution {
            do { return try TypeDistribution(parsing: text) } catch let e as DistributionError {
                throw SolverInputError(key, expected: e.expected, found: e.found)
            }
        }
        let laws: [TypeDistribution]
        if distributions.isEmpty {
            laws = Array(repeating: try parse(distribution, $distribution), count: costs.count)
        } else {
            guard distribution == "uniform" else {
                throw SolverInputError($distributions, expected: "either `distribution` (one F for all) or `distributions` (one per version), not both", found: "both")
            }
            guard distributions.count == costs.count else {
                throw SolverInputError($distributions, expected: "one distribution per cost (\(costs.count))", found: "\(distributions.count)")
            }
            laws = try distributions.enumerated().map { try parse($0.element, $distributions[$0.offset]) }
        }
        // A law the model rejects (atoms, support) is reported at the key it came from.
        for (k, law) in laws.enumerated() {
            let key = distributions.isEmpty ? $distribution : $distributions[k]
            try reportingModelErrors(ClassPricingError.self, as: { SolverInputError(key, expected: "\($0)", found: law.description) }) {
                _ = try DemandClassPricing(costs: [.zero], demand: law)
            }
        }
        return try DemandClassPricing(costs: costs, demands: laws)
    }
}

struct DemandClassesRow: SolverRow {
    var count: ClassCountColumns
    var profit: Double
    var profitExact: String
    var ssd: Rational
    var partition: String
    var classPrices: String
    var meanCosts: String
    var pricesIncrease: Bool
    var bruteForce: String

    static let columns: [RowColumn<Self>] = RowColumn.group(\.count) + [
        .init("profit", \.profit, doc: "net per-buyer profit Σ_k Σ_{n∈k} (p^{k*} − c_n)[1 − F_n(p^{k*})]/N − K r/B at the optimum, eq. (19) (= (4) for a common F; class prices from (18) = (3), root tolerance 1e-13)"),
        .init("profit_exact", \.profitExact, doc: "the same exactly when every cdf is piecewise polynomial with rational coefficients and every class price is certified a rational root of (18) (or a rational knot where the class profit peaks), else n/a"),
        .init("ssd", \.ssd, doc: "the partition's within-class sum of squared cost deviations, eq. (7) (exact; Finding 1's objective, optimal only for uniform F)"),
        .init("partition", \.partition, doc: "an optimal partition (0-based versions in the given order)"),
        .init("class_prices", \.classPrices, doc: "the class prices p^{k*} in the order of the partition's classes (exact when certified, else 10 significant digits)"),
        .init("mean_costs", \.meanCosts, doc: "the average class costs c̄^k in the same order (exact)"),
        .init("prices_increase", \.pricesIncrease, doc: "class prices do not fall (within 1e-9) as the average class cost (common F, Corollary 1) or the average class index (per-version F_n, Corollaries 2–3) rises; classes of identical versions share a price"),
        .init("brute_force", \.bruteForce, doc: "the brute force over all set partitions at the same K (N ≤ 9), which does not assume intervals: agrees (profit within 1e-9: no interlacing partition does better, Propositions 1–3), differs (the interval optimum is worse: per-version F_n whose labels violate MSC+LR), or skipped (N > 9)"),
    ]

    init(_ p: DemandClassParameters) throws {
        let model = try p.problem()
        let rOverB = p.pricing.r / p.pricing.B
        let fixedK = try p.classCount.fixedK(versions: model.N)
        let (K, best) = try model.optimum(rOverB: rOverB.doubleValue, fixedK: fixedK)
        count = ClassCountColumns(N: model.N, K: K)
        profit = best.grossProfit - Double(K) * rOverB.doubleValue
        profitExact = best.exactGrossProfit.map { ($0 - Rational(K) * rOverB).description } ?? "n/a"
        ssd = best.ssd
        partition = best.partition.description
        classPrices = "(" + (best.exactPrices.map { $0.map(\.description) } ?? best.prices.map { String(format: "%.10g", $0) }).joined(separator: ", ") + ")"
        meanCosts = "(" + best.meanCosts.map(\.description).joined(separator: ", ") + ")"
        // Classes ordered by average cost (common F) or average index (per-version F_n): prices must rise.
        let averageIndex = best.partition.classes.map { Rational($0.reduce(0, +), $0.count) }
        let byOrder = zip(model.isCommonDemand ? best.meanCosts : averageIndex, best.prices).sorted { $0.0 < $1.0 }
        pricesIncrease = zip(byOrder, byOrder.dropFirst()).allSatisfy { $0.0 == $1.0 || $0.1 <= $1.1 + 1e-9 }
        if model.N <= DemandClassParameters.maxBruteForce {
            let bf = try model.bruteForce()
            bruteForce = abs(bf[K - 1].grossProfit - best.grossProfit) <= 1e-9 ? "agrees" : "differs"
        } else {
            bruteForce = "skipped (N > \(DemandClassParameters.maxBruteForce))"
        }
    }
}

let optimalClassesDistribution = SolverKind(
    "class-pricing.optimal-classes-distribution",
    summary: "Sec. III with any prior demand: one F for all versions (Sec. III.1, Proposition 1, Corollary 1) or one F_n per version (Sec. III.3, Proposition 3): the optimal number of classes at r/B, or the optimal partition at a fixed K, by the interval DP (costs ascending for a common F, index order otherwise; brute force over all set partitions as a check for N ≤ 9); exact when every F is piecewise polynomial with rational coefficients and the class prices are rational",
    parameters: DemandClassParameters.self,
    validate: { p in _ = try p.classCount.fixedK(versions: try p.problem().N) },
    run: { p, _ in [try DemandClassesRow(p)] })
