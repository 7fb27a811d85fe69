// The monopoly benchmark of the alignment paper (Sec. I and II.A: "Theorem 1
// of BBM"), i.e. Bergemann, Brooks & Morris (2015b), "The Limits of Price
// Discrimination": the consumer knows her value, the monopolist observes a
// market segment (a signal about the value) and prices optimally in it.
//
// For a discrete prior the segmentations together with the monopolist's
// optimal price in each segment form a polytope: one segment per price
// suffices (merging segments that share an optimal price keeps that price
// optimal, the obedience constraints being linear), so a segmentation is a
// matrix x[k][i] ≥ 0 — the mass of value v_i in the segment priced at
// candidate price p_k — with Σ_k x[k][i] = prior_i and, in every segment, p_k
// at least as profitable as every other candidate price. Candidate prices are
// the values ≥ c plus "no sale" (a price above every value, profit 0): a price
// between two values is beaten by the next value up, a price below c by no
// sale. Every linear welfare objective is then an exact LP (BBM 2015, Sec. III).
// Where the monopolist is indifferent, the price is the one the objective
// prefers (BBM's convention: the designer picks among the seller's optimal
// prices; with seller-worst ties the same values are suprema).
import Numerics

/// A monopoly market: distinct values, their prior, and the seller's cost.
public struct MonopolyMarket: Sendable, Equatable {
    /// The largest number of values the exact LP accepts (n² + n variables).
    public static let maximumValues = 16
    public let values: [Rational]
    public let prior: [Rational]
    public let cost: Rational

    /// - Throws: `.tooManyMarketValues`, `.monopolyCounts` (count mismatch or empty),
    ///   `.repeatedMarketValue`, `.negativePriorProbability`, `.priorSum` (≠ 1 exactly),
    ///   `.negativeProductionCost`.
    public init(values: [Rational], prior: [Rational], cost: Rational) throws {
        guard values.count <= Self.maximumValues else {
            throw CompetitiveInformationDesignError.tooManyMarketValues(count: values.count, maximum: Self.maximumValues)
        }
        guard values.count == prior.count, !values.isEmpty else {
            throw CompetitiveInformationDesignError.monopolyCounts(values: values.count, prior: prior.count, signalRows: values.count)
        }
        for k in values.indices where values[..<k].contains(values[k]) {
            throw CompetitiveInformationDesignError.repeatedMarketValue(index: k, value: values[k])
        }
        if let k = prior.firstIndex(where: { $0 < .zero }) { throw CompetitiveInformationDesignError.negativePriorProbability(value: k, probability: prior[k]) }
        let total = prior.reduce(Rational.zero, +)
        guard total == .one else { throw CompetitiveInformationDesignError.priorSum(total: total) }
        guard cost >= .zero else { throw CompetitiveInformationDesignError.negativeProductionCost(cost) }
        self.values = values
        self.prior = prior
        self.cost = cost
    }

    /// The prior as a distribution over values.
    public var distribution: ResidualDistribution {
        // The prior sums to 1, so the total mass is positive.
        try! ResidualDistribution(masses: Array(zip(values, prior)))
    }

    /// Efficient surplus E[max(0, v − c)]: the most total surplus any segmentation yields.
    public var efficientSurplus: Rational {
        zip(values, prior).reduce(Rational.zero) { $0 + $1.1 * max(.zero, $1.0 - cost) }
    }

    /// The uniform (unsegmented) monopoly outcome: the maximal profit π* and
    /// the optimal prices (empty when no price earns a positive profit).
    public var uniformPricing: (profit: Rational, prices: [Rational]) { distribution.optimalPrices(cost: cost) }

    /// Consumer surplus at the lowest uniform optimal price (0 when nothing sells).
    public var uniformConsumerSurplus: Rational {
        guard let p = uniformPricing.prices.first else { return .zero }
        return zip(values, prior).reduce(Rational.zero) { $0 + ($1.0 >= p ? $1.1 * ($1.0 - p) : .zero) }
    }
}

/// One segment of a segmentation with the price charged in it.
public struct PricedSegment: Sendable, Equatable {
    /// Probability of the segment.
    public let weight: Rational
    /// The distribution of the value in the segment, aligned with `MonopolyMarket.values`.
    public let posterior: [Rational]
    /// The price charged; nil when the seller sells to no one (every price loses or earns 0).
    public let price: Rational?
    /// Every profit-maximising price among the values > c (empty when none earns a positive profit).
    public let optimalPrices: [Rational]
}

/// A segmentation, its prices and its welfare.
public struct SegmentationOutcome: Sendable, Equatable {
    /// Segments with positive weight, by increasing price (no-sale last).
    public let segments: [PricedSegment]
    /// E[(v − p)·1{v ≥ p}] over segments (ties favour buying).
    public let consumerSurplus: Rational
    /// E[(p − c)·1{v ≥ p}] over segments.
    public let producerSurplus: Rational
    public var totalSurplus: Rational { consumerSurplus + producerSurplus }
}

/// Exact LPs over the segmentations of a monopoly market (BBM 2015).
public struct MonopolySegmentationProgram: Sendable {
    public let market: MonopolyMarket
    /// Candidate prices: the values ≥ c, increasing; index `prices.count` is "no sale".
    let prices: [Rational]
    var segmentCount: Int { prices.count + 1 }
    var n: Int { market.values.count }
    /// The LP's constraints (prior and obedience); the objective is set per solve.
    let program: LinearProgram<Rational>

    public init(market: MonopolyMarket) {
        self.market = market
        let prices = market.values.filter { $0 >= market.cost }.sorted()
        self.prices = prices
        let n = market.values.count, s = prices.count + 1
        var lp = LinearProgram<Rational>(maximize: [Rational](repeating: .zero, count: n * s))
        for i in 0..<n {
            var row = [Rational](repeating: .zero, count: n * s)
            for k in 0..<s { row[k * n + i] = .one }
            lp.add(row, .equal, market.prior[i], label: "prior \(i)")
        }
        // Obedience: in segment k, every other candidate j earns at most what p_k earns.
        for k in 0..<s {
            for j in 0..<prices.count where j != k {
                var row = [Rational](repeating: .zero, count: n * s)
                for i in 0..<n {
                    row[k * n + i] = Self.profit(prices, j, market.values[i], market.cost) - Self.profit(prices, k, market.values[i], market.cost)
                }
                lp.add(row, .lessOrEqual, .zero, label: "segment \(k) obeys against price \(j)")
            }
        }
        program = lp
    }

    /// Profit per unit mass of value v at candidate k ((p_k − c)·1{v ≥ p_k}; 0 for no sale).
    static func profit(_ prices: [Rational], _ k: Int, _ v: Rational, _ c: Rational) -> Rational {
        k < prices.count && v >= prices[k] ? prices[k] - c : .zero
    }

    /// Consumer-surplus coefficients of the variables.
    var consumerSurplusCoefficients: [Rational] {
        (0..<segmentCount).flatMap { k in market.values.map { v in k < prices.count && v >= prices[k] ? v - prices[k] : .zero } }
    }
    /// Producer-surplus coefficients of the variables.
    var producerSurplusCoefficients: [Rational] {
        (0..<segmentCount).flatMap { k in market.values.map { Self.profit(prices, k, $0, market.cost) } }
    }

    /// Maximises a·CS + b·PS, then (ties) a2·CS + b2·PS, over all segmentations
    /// and obedient prices. - Throws: `.segmentationLinearProgram` (the LP is always
    /// feasible — one segment at a uniform optimal price — and bounded, so only on a solver fault).
    /// Complexity: two exact simplex solves with (n+1)·n variables and ≤ n + (n+1)·n rows.
    public func maximize(consumer a: Rational, producer b: Rational,
                         thenConsumer a2: Rational = .zero, thenProducer b2: Rational = .zero) throws -> SegmentationOutcome {
        let cs = consumerSurplusCoefficients, ps = producerSurplusCoefficients
        let first = zip(cs, ps).map { a * $0 + b * $1 }
        let second = zip(cs, ps).map { a2 * $0 + b2 * $1 }
        let sol = try program.maximizeLexicographically([first, second], options: .exact)
        guard sol.status == .optimal else { throw CompetitiveInformationDesignError.segmentationLinearProgram(status: "\(sol.status)") }
        return outcome(sol.solution.x)
    }

    /// The consumer-surplus-maximising segmentation (BBM 2015, Theorem 1: its
    /// CS is E[max(0, v − c)] − π*, its PS the uniform profit π*, and trade is efficient).
    public func consumerOptimal() throws -> SegmentationOutcome {
        try maximize(consumer: .one, producer: .zero, thenConsumer: .zero, thenProducer: .one)
    }

    /// Reads segments off an LP solution.
    func outcome(_ x: [Rational]) -> SegmentationOutcome {
        var segments: [PricedSegment] = []
        var cs = Rational.zero, ps = Rational.zero
        for k in 0..<segmentCount {
            let masses = Array(x[(k * n)..<((k + 1) * n)])
            let w = masses.reduce(Rational.zero, +)
            guard w > .zero else { continue }
            for (i, m) in masses.enumerated() {
                let v = market.values[i]
                if k < prices.count, v >= prices[k] { cs += m * (v - prices[k]); ps += m * (prices[k] - market.cost) }
            }
            let d = try! ResidualDistribution(masses: Array(zip(market.values, masses)))  // w > 0
            segments.append(PricedSegment(weight: w, posterior: masses.map { $0 / w },
                                          price: k < prices.count ? prices[k] : nil,
                                          optimalPrices: d.optimalPrices(cost: market.cost).prices))
        }
        return SegmentationOutcome(segments: segments, consumerSurplus: cs, producerSurplus: ps)
    }
}

extension SegmentationOutcome {
    /// The same segments with the seller breaking its ties the other way: each
    /// segment priced at its highest (or lowest) optimal price; segments with no
    /// profitable price keep theirs. Welfare recomputed exactly. With the
    /// highest optimal price BBM's consumer optimum is only a supremum (reached
    /// by perturbing the segments so that the lowest price is strictly optimal).
    /// O(segments · n²).
    public func repriced(highestOptimalPrice: Bool, market: MonopolyMarket) -> SegmentationOutcome {
        var cs = Rational.zero, ps = Rational.zero
        let segs = segments.map { s -> PricedSegment in
            let p = (highestOptimalPrice ? s.optimalPrices.last : s.optimalPrices.first) ?? s.price
            if let p {
                for (v, q) in zip(market.values, s.posterior) where v >= p {
                    cs += s.weight * q * (v - p); ps += s.weight * q * (p - market.cost)
                }
            }
            return PricedSegment(weight: s.weight, posterior: s.posterior, price: p, optimalPrices: s.optimalPrices)
        }
        return SegmentationOutcome(segments: segs, consumerSurplus: cs, producerSurplus: ps)
    }
}
