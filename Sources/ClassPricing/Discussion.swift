import Numerics

// Sec. IV (Discussion): "one can hope to show that the solution from Finding 1:
// 'Minimize the sum of squared within-class cost variations', is approximately
// optimal in a larger class of problems", and the comparative statics "Class
// pricing is more likely to be used when the number of buyers is smaller, the
// number of versions is larger, the variance in costs is smaller, and demand
// ex ante differs less between versions."

/// The Finding 1 heuristic (minimum within-class cost SSD, eq. (7)) against the
/// true optimum of the partition problem (19) for one K.
public struct MinimumSSDComparison: Sendable {
    /// Number of classes.
    public let K: Int
    /// A profit-maximising K-partition (brute force over all set partitions).
    public let optimalPartition: ClassPartition
    /// Its gross per-buyer profit Σ_k π_k(p^{k*}) (pricing costs K r/B are the same for both).
    public let optimalProfit: Double
    /// The minimum-SSD K-partition with the highest profit (among SSD ties).
    public let minimumSSDPartition: ClassPartition
    /// Its gross per-buyer profit under the true F_n.
    public let minimumSSDProfit: Double
    /// (optimal − min-SSD)/optimal (0 when the optimal profit is 0).
    public var relativeLoss: Double {
        optimalProfit > 0 ? max(0, optimalProfit - minimumSSDProfit) / optimalProfit : 0
    }
    /// True when the min-SSD partition attains the optimum within 1e-12 (the brute-force tie tolerance).
    public var minimumSSDIsOptimal: Bool { minimumSSDProfit >= optimalProfit - 1e-12 }
}

public enum MinimumSSDHeuristic {
    /// Compares, for every K = 1...N, the minimum-SSD partitions of the (exact)
    /// costs with the brute-force optimum of `problem`, whose version n must
    /// have cost `costs[n]`.
    ///
    /// - Complexity: two brute forces, O(2ᴺ class prices + Bell(N)·N).
    /// - Throws: `.costsDoNotMatchProblem` if `costs` are not the problem's costs;
    ///   `.tooManyVersionsForBruteForce` if N > 12.
    public static func compare(_ problem: SellerProblem, costs: [Rational]) throws -> [MinimumSSDComparison] {
        try require(costs.count == problem.N && zip(costs, problem.versions).allSatisfy { $0.doubleValue == $1.cost },
                    .costsDoNotMatchProblem(costs: costs))
        let best = try BruteForcePartitions.seller(problem)
        let ssd = try BruteForcePartitions.minimumSSD(costs: costs)
        return try (0..<problem.N).map { k in
            var pick = ssd.allOptimaByK[k][0]
            var pickValue = -Double.infinity
            for part in ssd.allOptimaByK[k] {
                let v = try problem.objective(part) + Double(part.count) * problem.r / problem.B
                if v > pickValue { pick = part; pickValue = v }
            }
            return MinimumSSDComparison(K: k + 1, optimalPartition: best.bestByK[k], optimalProfit: best.valueByK[k],
                                        minimumSSDPartition: pick, minimumSSDProfit: pickValue)
        }
    }
}

/// The profit-maximising number of classes given the optimal gross profit for
/// each K (index K − 1): argmax_K grossByK[K−1] − K·rOverB, ties (within
/// `tolerance`) to the smaller K.
/// - Throws: `.noClassCounts` if `grossByK` is empty; `.invalidPricingCost` if rOverB < 0.
public func optimalClassCount(grossByK: [Double], rOverB: Double, tolerance: Double = 1e-12) throws -> Int {
    try require(!grossByK.isEmpty, .noClassCounts)
    try require(rOverB >= 0 && rOverB.isFinite, .invalidPricingCost(rOverB))
    var best = 0
    for k in 1..<grossByK.count
    where grossByK[k] - Double(k + 1) * rOverB > grossByK[best] - Double(best + 1) * rOverB + tolerance {
        best = k
    }
    return best + 1
}
