// Sec. I–II of BBM (alignment paper): the discrete Bertrand environment with
// N producers, a finite joint distribution μ over (values v, costs c), the
// efficient surplus TS(v, c), the residual willingness to pay (eq. 2), and the
// producer-surplus lower bound PS_i of Proposition 1 (eq. 1).
import Numerics

/// One realisation (v, c) of values and costs, one entry per producer.
public struct BertrandProfile: Sendable, Hashable, CustomStringConvertible {
    /// The consumer's value v_i for producer i's good.
    public let values: [Rational]
    /// Producer i's cost c_i.
    public let costs: [Rational]

    /// Stores the profile; lengths are validated by `BertrandEnvironment`. O(N).
    public init(values: [Rational], costs: [Rational]) {
        self.values = values
        self.costs = costs
    }

    /// Efficient surplus TS(v, c) = max{0, v_1 − c_1, …, v_N − c_N} (Sec. II.A),
    /// optionally leaving out one producer (TS(v_{−i}, c_{−i}) of eq. 2).
    /// Complexity O(N).
    public func efficientSurplus(excluding excluded: Int? = nil) -> Rational {
        var best = Rational.zero
        for j in values.indices where j != excluded {
            let s = values[j] - costs[j]
            if s > best { best = s }
        }
        return best
    }

    /// Residual willingness to pay r_i = v_i − TS(v_{−i}, c_{−i}) (eq. 2):
    /// the most producer i can charge when all rivals price at cost.
    /// Complexity O(N). Precondition: `producer` is a valid index.
    public func residual(of producer: Int) -> Rational {
        values[producer] - efficientSurplus(excluding: producer)
    }

    /// The producers attaining TS(v, c) when TS(v, c) > 0 (empty when no trade
    /// is efficient). Complexity O(N).
    public func efficientProducers() -> [Int] {
        let ts = efficientSurplus()
        guard ts > .zero else { return [] }
        return values.indices.filter { values[$0] - costs[$0] == ts }
    }

    /// "(v: …, c: …)".
    public var description: String { "(v: \(values), c: \(costs))" }
}

/// A finite distribution of residual willingness to pay (exact rationals):
/// strictly increasing support points with positive probabilities summing to 1.
public struct ResidualDistribution: Sendable, Hashable, CustomStringConvertible {
    /// Support points in strictly increasing order.
    public let support: [Rational]
    /// Probabilities, aligned with `support`.
    public let probabilities: [Rational]

    /// Builds the distribution from (point, mass) pairs; duplicates are merged,
    /// zero masses dropped and the masses normalised to sum to one.
    /// - Throws: `CompetitiveInformationDesignError.negativeMass` or `.zeroTotalMass`.
    public init(masses: [(Rational, Rational)]) throws {
        var merged: [Rational: Rational] = [:]
        var total = Rational.zero
        for (r, m) in masses {
            guard m >= .zero else {
                throw CompetitiveInformationDesignError.negativeMass(residual: r, mass: m)
            }
            merged[r, default: .zero] += m
            total += m
        }
        guard total > .zero else {
            throw CompetitiveInformationDesignError.zeroTotalMass
        }
        let points = merged.filter { $0.value > .zero }.keys.sorted()
        support = points
        probabilities = points.map { merged[$0]! / total }
    }

    /// Probability mass at `r` (zero off the support). O(log n).
    public func mass(at r: Rational) -> Rational {
        guard let k = support.firstIndex(of: r) else { return .zero }
        return probabilities[k]
    }

    /// Upper cumulative P(r ≥ p). O(n).
    public func upperTail(_ p: Rational) -> Rational {
        var s = Rational.zero
        for (r, m) in zip(support, probabilities) where r >= p { s += m }
        return s
    }

    /// Monopoly profit (p − c)·P(r ≥ p) when ties are broken in the seller's
    /// favour (the objective of the Claim in App. A1). O(n).
    public func profit(price p: Rational, cost c: Rational) -> Rational {
        (p - c) * upperTail(p)
    }

    /// The maximal profit over all prices and the optimal prices among the
    /// support points (prices off the support are weakly dominated by the next
    /// support point above). The price set is empty if no price earns a
    /// positive profit, in which case the profit is 0. O(n²).
    public func optimalPrices(cost c: Rational) -> (profit: Rational, prices: [Rational]) {
        var best = Rational.zero
        var prices: [Rational] = []
        for r in support where r > c {
            let pi = profit(price: r, cost: c)
            if pi > best { best = pi; prices = [r] } else if pi == best, best > .zero { prices.append(r) }
        }
        return (best, prices)
    }

    /// Mean of the residual. O(n).
    public var mean: Rational { zip(support, probabilities).reduce(Rational.zero) { $0 + $1.0 * $1.1 } }

    /// "point: mass, …".
    public var description: String {
        zip(support, probabilities).map { "\($0): \($1)" }.joined(separator: ", ")
    }
}

/// The residual distribution of one producer conditional on its own cost, over
/// the event that it is the unique efficient producer (the measure
/// η^i(dc_i) ν^i(dr_i | c_i) of App. A1 restricted to the event where the
/// producer can earn a positive margin; ties have r_i = c_i and contribute
/// nothing to profit, as argued in the proof of the second Claim of App. A1).
public struct ConditionalResidual: Sendable, Hashable {
    /// The producer's own cost c_i.
    public let cost: Rational
    /// Unconditional probability of {c_i = cost and i uniquely efficient}.
    public let mass: Rational
    /// η share: `mass` divided by the total mass on which i is uniquely efficient.
    public let share: Rational
    /// ν^i(· | c_i): the conditional distribution of r_i.
    public let distribution: ResidualDistribution
    /// Optimal price p_i*(c_i) against rivals at cost (the smallest if several).
    public let optimalPrice: Rational
    /// All optimal prices among the support points.
    public let optimalPrices: [Rational]
    /// Conditional profit (p* − c)·ν(r ≥ p*).
    public let conditionalProfit: Rational
}

/// A discrete Bertrand environment (Sec. I): N producers and a finite joint
/// distribution μ over profiles (v, c), held exactly in rationals.
public struct BertrandEnvironment: Sendable {
    /// The profiles (v, c) in the support of μ.
    public let profiles: [BertrandProfile]
    /// μ(v, c), aligned with `profiles`; exact, nonnegative, summing to 1.
    public let probabilities: [Rational]
    /// N.
    public let producerCount: Int

    /// Validates and stores μ.
    /// - Throws: `CompetitiveInformationDesignError` `.noProfiles`,
    ///   `.noProducers`, `.probabilityCount`, `.profileShape`, `.negativeValue`,
    ///   `.negativeCost`, `.negativeProbability`, or `.probabilitiesSum` (a sum
    ///   different from 1 — exact comparison).
    /// Complexity O(|profiles|·N).
    public init(profiles: [BertrandProfile], probabilities: [Rational]) throws {
        guard let first = profiles.first else {
            throw CompetitiveInformationDesignError.noProfiles
        }
        let n = first.values.count
        guard n >= 1 else { throw CompetitiveInformationDesignError.noProducers }
        guard probabilities.count == profiles.count else {
            throw CompetitiveInformationDesignError.probabilityCount(probabilities: probabilities.count, profiles: profiles.count)
        }
        for (k, p) in profiles.enumerated() {
            guard p.values.count == n, p.costs.count == n else {
                throw CompetitiveInformationDesignError.profileShape(profile: k, values: p.values.count, costs: p.costs.count, producers: n)
            }
            guard p.values.allSatisfy({ $0 >= .zero }) else {
                throw CompetitiveInformationDesignError.negativeValue(profile: k)
            }
            guard p.costs.allSatisfy({ $0 >= .zero }) else {
                throw CompetitiveInformationDesignError.negativeCost(profile: k)
            }
        }
        var total = Rational.zero
        for (k, q) in probabilities.enumerated() {
            guard q >= .zero else {
                throw CompetitiveInformationDesignError.negativeProbability(profile: k, probability: q)
            }
            total += q
        }
        guard total == .one else {
            throw CompetitiveInformationDesignError.probabilitiesSum(total: total)
        }
        self.profiles = profiles
        self.probabilities = probabilities
        self.producerCount = n
    }

    /// μ as the product of independent per-producer marginals over (v_i, c_i)
    /// (e.g. Example 1: each (v_i, c_i) ∈ {1,4}×{0,1} equally likely).
    /// - Throws: as `init(profiles:probabilities:)`, plus `.noMarginals`, and
    ///   `.marginalSum` if a marginal does not sum to exactly 1. Complexity: product of the
    ///   marginal sizes times N.
    public static func product(
        marginals: [[(value: Rational, cost: Rational, probability: Rational)]]
    ) throws -> BertrandEnvironment {
        guard !marginals.isEmpty else {
            throw CompetitiveInformationDesignError.noMarginals
        }
        for (i, m) in marginals.enumerated() {
            let s = m.reduce(Rational.zero) { $0 + $1.probability }
            guard s == .one else {
                throw CompetitiveInformationDesignError.marginalSum(producer: i, total: s)
            }
        }
        var profs: [([Rational], [Rational], Rational)] = [([], [], .one)]
        for m in marginals {
            var next: [([Rational], [Rational], Rational)] = []
            for (v, c, p) in profs {
                for e in m { next.append((v + [e.value], c + [e.cost], p * e.probability)) }
            }
            profs = next
        }
        return try BertrandEnvironment(
            profiles: profs.map { BertrandProfile(values: $0.0, costs: $0.1) },
            probabilities: profs.map { $0.2 })
    }

    /// Expected efficient surplus TS̄ = E_μ max{0, v_i − c_i} (Sec. I). O(|μ|·N).
    public var expectedEfficientSurplus: Rational {
        zip(profiles, probabilities).reduce(Rational.zero) { $0 + $1.1 * $1.0.efficientSurplus() }
    }

    func checkProducer(_ i: Int) throws {
        guard (0..<producerCount).contains(i) else {
            throw CompetitiveInformationDesignError.producerOutOfRange(producer: i, producers: producerCount)
        }
    }

    /// For producer i, the conditional residual distributions given each own
    /// cost over the event that i is the unique efficient producer, with the
    /// optimal price p_i*(c_i) (first Claim of App. A1), sorted by cost.
    /// - Throws: `.producerOutOfRange` for a bad index. Complexity O(|μ|·N + n² per cost).
    public func conditionalResiduals(producer i: Int) throws -> [ConditionalResidual] {
        try checkProducer(i)
        var byCost: [Rational: [(Rational, Rational)]] = [:]
        var total = Rational.zero
        for (prof, q) in zip(profiles, probabilities) where q > .zero {
            let eff = prof.efficientProducers()
            guard eff == [i] else { continue }
            byCost[prof.costs[i], default: []].append((prof.residual(of: i), q))
            total += q
        }
        return try byCost.keys.sorted().map { c in
            let list = byCost[c]!
            let mass = list.reduce(Rational.zero) { $0 + $1.1 }
            let dist = try ResidualDistribution(masses: list)
            let opt = dist.optimalPrices(cost: c)
            return ConditionalResidual(cost: c, mass: mass, share: mass / total, distribution: dist,
                                       optimalPrice: opt.prices.first ?? c, optimalPrices: opt.prices,
                                       conditionalProfit: opt.profit)
        }
    }

    /// Producer-surplus lower bound PS_i of eq. (1) / Proposition 1:
    /// Σ_{c_i} mass(c_i)·max_p (p − c_i) ν^i(r_i ≥ p | c_i), i.e. the best
    /// cost-contingent price against rivals pricing at cost (supremum: ties at
    /// r_i = p are resolved in i's favour by pricing slightly below).
    /// - Throws: `.producerOutOfRange` for a bad index. Complexity as `conditionalResiduals`.
    public func producerSurplusLowerBound(producer i: Int) throws -> Rational {
        try conditionalResiduals(producer: i).reduce(Rational.zero) { $0 + $1.mass * $1.conditionalProfit }
    }

    /// Second method for PS_i (used in tests): evaluates eq. (1) directly from
    /// μ by brute force over cost-contingent prices chosen from `candidatePrices`
    /// (plus each candidate minus `epsilon`, to approach the supremum), with
    /// rivals at cost and uniform tie-breaking via q_i. Returns the best value.
    /// Complexity O(|costs|·|candidates|·|μ|·N).
    public func producerSurplusLowerBoundByEnumeration(producer i: Int, candidatePrices: [Rational], epsilon: Rational) throws -> Rational {
        try checkProducer(i)
        let costs = Set(profiles.map { $0.costs[i] }).sorted()
        var totalBest = Rational.zero
        for c in costs {
            var best = Rational.zero
            for base in candidatePrices {
                for p in [base, base - epsilon] where p >= c {
                    var s = Rational.zero
                    for (prof, q) in zip(profiles, probabilities) where prof.costs[i] == c {
                        var prices = prof.costs
                        prices[i] = p
                        s += q * (p - c) * BertrandEnvironment.saleShare(producer: i, values: prof.values, prices: prices)
                    }
                    if s > best { best = s }
                }
            }
            totalBest += best
        }
        return totalBest
    }

    /// q_i(p, v) of Sec. I: 1/|W| if i ∈ W(p, v), else 0, where W is the set
    /// of producers maximising v_j − p_j provided the maximum is ≥ 0. O(N).
    public static func saleShare(producer i: Int, values: [Rational], prices: [Rational]) -> Rational {
        var best = Rational.zero
        for j in values.indices where values[j] - prices[j] > best { best = values[j] - prices[j] }
        let w = values.indices.filter { values[$0] - prices[$0] == best }
        guard w.contains(i) else { return .zero }
        return Rational(1, w.count)
    }

    /// Producer i's surplus under complete information (Sec. II.A, "Complete
    /// Information"): with values and costs known to all, rivals price at cost
    /// and the efficient producer charges its residual r_i, earning its marginal
    /// contribution p_i − c_i = TS(v, c) − TS(v_{−i}, c_{−i}); so PS_i =
    /// E_μ[max(0, r_i − c_i)] (zero when i is not uniquely efficient).
    /// The benchmark above the Theorem 1 lower bound. - Throws: `.producerOutOfRange`. O(|μ|·N).
    public func completeInformationProducerSurplus(producer i: Int) throws -> Rational {
        try checkProducer(i)
        return zip(profiles, probabilities).reduce(Rational.zero) { $0 + $1.1 * max(.zero, $1.0.residual(of: i) - $1.0.costs[i]) }
    }

    /// Consumer-surplus bound TS̄ − Σ_i PS_i of Theorem 1. O(N·|μ|·N).
    public func consumerSurplusBound() throws -> Rational {
        var ps = Rational.zero
        for i in 0..<producerCount { ps += try producerSurplusLowerBound(producer: i) }
        return expectedEfficientSurplus - ps
    }
}
