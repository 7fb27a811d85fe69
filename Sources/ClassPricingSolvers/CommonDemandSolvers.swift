// Sec. III.1 with any identical prior demand F (Proposition 1, Corollary 1):
// the optimal number of classes, or the optimal partition at a fixed K, for
// costs scaled about their mean, with F written in the shared distribution
// text form. The interval DP on the sorted costs is checked against the brute
// force over all set partitions when N ≤ 9.

import ClassPricing
import Distributions
import Foundation
import Harness
import Numerics

struct CommonDemandParameters: SolverParameters {
    var spread = CostSpreadParameters()
    @Parameter("distribution", doc: "the common prior demand F of every version's value (identical prior demands, Sec. III.1), on [0, 1] with a density: " + TypeDistribution.syntaxDoc,
               default: "uniform")
    var distribution: String
    var pricing = PricingCostParameters()
    var classCount = ClassCountParameters()

    /// The largest N (the DP costs O(N³) class prices when K is chosen).
    static let maxVersions = 60
    /// The largest N checked by brute force (Bell(9) = 21 147 partitions).
    static let maxBruteForce = 9

    /// The costs (scaled) and the seller's problem with demand F.
    func problem() throws -> CommonDemandClassPricing {
        let costs = try spread.scaledCosts()
        guard costs.count <= Self.maxVersions else {
            throw SolverInputError(spread.$costs, expected: "at most \(Self.maxVersions) costs", found: "\(costs.count)")
        }
        let law: TypeDistribution
        do { law = try TypeDistribution(parsing: distribution) } catch let e as DistributionError {
            throw SolverInputError($distribution, expected: e.expected, found: e.found)
        }
        return try reportingModelErrors(ClassPricingError.self, as: { SolverInputError($distribution, expected: "\($0)", found: distribution) }) {
            try CommonDemandClassPricing(costs: costs, demand: law)
        }
    }
}

struct CommonDemandClassesRow: SolverRow {
    var count: ClassCountColumns
    var profit: Double
    var profitExact: String
    var ssd: Rational
    var partition: String
    var classPrices: String
    var meanCosts: String
    var costIntervals: Bool
    var pricesIncrease: Bool
    var bruteForce: String

    static let columns: [RowColumn<Self>] = RowColumn.group(\.count) + [
        .init("profit", \.profit, doc: "net per-buyer profit Σ_k |S^k|(p^{k*} − c̄^k)[1 − F(p^{k*})]/N − K r/B at the optimum, eq. (4) (class prices from (3), root tolerance 1e-13)"),
        .init("profit_exact", \.profitExact, doc: "the same exactly when F's cdf is piecewise polynomial with rational coefficients and every class price is certified a rational root of (3) (or a rational kink), else n/a"),
        .init("ssd", \.ssd, doc: "the partition's within-class sum of squared cost deviations, eq. (7) (exact; Finding 1's objective, optimal only for uniform F)"),
        .init("partition", \.partition, doc: "an optimal partition (0-based versions in the given order)"),
        .init("class_prices", \.classPrices, doc: "the class prices p^{k*} in the order of the partition's classes (exact when certified, else 10 significant digits)"),
        .init("mean_costs", \.meanCosts, doc: "the average class costs c̄^k in the same order (exact)"),
        .init("cost_intervals", \.costIntervals, doc: "every class is an interval of the costs sorted ascending (Corollary 1)"),
        .init("prices_increase", \.pricesIncrease, doc: "class prices increase with the average class cost (Corollary 1)"),
        .init("brute_force", \.bruteForce, doc: "the brute force over all set partitions at the same K (N ≤ 9): agrees (profit within 1e-9), differs, or skipped (N > 9)"),
    ]

    init(_ p: CommonDemandParameters) throws {
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
        let rank = Dictionary(uniqueKeysWithValues: model.sortedOrder.enumerated().map { ($0.element, $0.offset) })
        costIntervals = best.partition.classes.allSatisfy { cls in
            let r = cls.map { rank[$0]! }.sorted()
            return r.last! - r.first! + 1 == r.count
        }
        let byCost = zip(best.meanCosts, best.prices).sorted { $0.0 < $1.0 }
        pricesIncrease = zip(byCost, byCost.dropFirst()).allSatisfy { $0.0 == $1.0 || $0.1 < $1.1 }
        if model.N <= CommonDemandParameters.maxBruteForce {
            let bf = try model.bruteForce()
            bruteForce = abs(bf[K - 1].grossProfit - best.grossProfit) <= 1e-9 ? "agrees" : "differs"
        } else {
            bruteForce = "skipped (N > \(CommonDemandParameters.maxBruteForce))"
        }
    }
}

let optimalClassesDistribution = SolverKind(
    "class-pricing.optimal-classes-distribution",
    summary: "Sec. III.1 with any identical prior demand F (Proposition 1, Corollary 1): the optimal number of classes at r/B, or the optimal partition at a fixed K, by the interval DP on the costs sorted ascending (brute force over all set partitions as a check for N ≤ 9); exact when F is piecewise polynomial with rational coefficients and the class prices are rational",
    parameters: CommonDemandParameters.self,
    validate: { p in _ = try p.classCount.fixedK(versions: try p.problem().N) },
    run: { p, _ in [try CommonDemandClassesRow(p)] })
