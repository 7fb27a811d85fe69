// Sec. III.B, Example 3 of BBM (alignment paper) and the Roesler–Szentes (2017)
// benchmark: a monopolist facing a consumer who observes a garbled signal of
// her value; the monopolist prices against the distribution of the consumer's
// interim (posterior-mean) value. Exact rationals.
import Numerics

/// A consumer signal about the value: likelihoods[v][s] = P(s | v).
public struct ConsumerSignal: Sendable, Equatable {
    /// Row per value, column per signal realisation; rows sum to exactly 1.
    public let likelihoods: [[Rational]]

    /// - Throws: `.emptySignal`, `.signalRowLength` (ragged matrix),
    ///   `.negativeLikelihood` or `.likelihoodRowSum` (a row not summing to exactly 1).
    public init(likelihoods: [[Rational]]) throws {
        guard let w = likelihoods.first?.count, w > 0 else {
            throw CompetitiveInformationDesignError.emptySignal
        }
        for (k, row) in likelihoods.enumerated() {
            guard row.count == w else { throw CompetitiveInformationDesignError.signalRowLength(value: k, entries: row.count, expected: w) }
            guard row.allSatisfy({ $0 >= .zero }) else { throw CompetitiveInformationDesignError.negativeLikelihood(value: k) }
            let s = row.reduce(Rational.zero, +)
            guard s == .one else { throw CompetitiveInformationDesignError.likelihoodRowSum(value: k, sum: s) }
        }
        self.likelihoods = likelihoods
    }

    /// Full information: the signal reveals the value (n values).
    public static func fullInformation(values n: Int) throws -> ConsumerSignal {
        try ConsumerSignal(likelihoods: (0..<n).map { i in (0..<n).map { $0 == i ? Rational.one : .zero } })
    }
    /// No information: one uninformative realisation.
    public static func noInformation(values n: Int) throws -> ConsumerSignal {
        try ConsumerSignal(likelihoods: (0..<n).map { _ in [Rational.one] })
    }
    /// With probability ε the value is revealed, otherwise nothing is learned
    /// (Example 3's "ε-information"). - Throws: `.revelationProbabilityOutOfRange` for ε outside [0, 1].
    public static func epsilonInformation(values n: Int, epsilon: Rational) throws -> ConsumerSignal {
        guard epsilon >= .zero, epsilon <= .one else { throw CompetitiveInformationDesignError.revelationProbabilityOutOfRange(epsilon: epsilon) }
        return try ConsumerSignal(likelihoods: (0..<n).map { i in (0..<n).map { $0 == i ? epsilon : .zero } + [.one - epsilon] })
    }
}

/// The monopoly outcome under a consumer signal.
public struct MonopolyOutcome: Sendable, Equatable {
    /// Distribution of the consumer's interim value E[v | s].
    public let interimValues: ResidualDistribution
    /// All profit-maximising prices (ties possible).
    public let optimalPrices: [Rational]
    /// The price used for welfare: the lowest optimal price.
    public let price: Rational
    /// Producer surplus (p − c)·P(E[v|s] ≥ p).
    public let producerSurplus: Rational
    /// Consumer surplus E[(E[v|s] − p)·1{buy}].
    public let consumerSurplus: Rational
    /// Realised total surplus E[(v − c)·1{buy}].
    public let totalSurplus: Rational
    /// Efficient surplus E[max(0, v − c)].
    public let efficientSurplus: Rational
    /// totalSurplus == efficientSurplus.
    public var isEfficient: Bool { totalSurplus == efficientSurplus }
}

/// Example 3 / Roesler–Szentes monopoly with consumer information.
public enum MonopolyConsumerInformation {
    /// Solves the monopolist's pricing problem against the interim-value
    /// distribution induced by `signal` and reports welfare. The consumer buys
    /// when her interim value is ≥ p (ties favour buying, as in Sec. I).
    /// - Throws: `.monopolyCounts` (length mismatch), `.negativePriorProbability`,
    ///   `.priorSum` (sum ≠ 1 exactly), `.negativeProductionCost`. Complexity O(values·signals + s²).
    public static func outcome(values: [Rational], prior: [Rational], cost: Rational, signal: ConsumerSignal) throws -> MonopolyOutcome {
        guard values.count == prior.count, values.count == signal.likelihoods.count, !values.isEmpty else {
            throw CompetitiveInformationDesignError.monopolyCounts(values: values.count, prior: prior.count, signalRows: signal.likelihoods.count)
        }
        if let k = prior.firstIndex(where: { $0 < .zero }) { throw CompetitiveInformationDesignError.negativePriorProbability(value: k, probability: prior[k]) }
        guard prior.reduce(Rational.zero, +) == .one else { throw CompetitiveInformationDesignError.priorSum(total: prior.reduce(Rational.zero, +)) }
        guard cost >= .zero else { throw CompetitiveInformationDesignError.negativeProductionCost(cost) }
        let m = signal.likelihoods[0].count
        var sig: [(prob: Rational, mean: Rational, surplus: Rational)] = []  // surplus = E[(v − c)·1{s}]
        for s in 0..<m {
            var p = Rational.zero, mv = Rational.zero
            for i in values.indices { let w = prior[i] * signal.likelihoods[i][s]; p += w; mv += w * values[i] }
            if p > .zero { sig.append((p, mv / p, mv - p * cost)) }
        }
        let interim = try ResidualDistribution(masses: sig.map { ($0.mean, $0.prob) })
        let opt = interim.optimalPrices(cost: cost)
        let price = opt.prices.first ?? cost
        var cs = Rational.zero, ts = Rational.zero
        if !opt.prices.isEmpty {
            for s in sig where s.mean >= price { cs += s.prob * (s.mean - price); ts += s.surplus }
        }
        let eff = zip(values, prior).reduce(Rational.zero) { $0 + $1.1 * max(.zero, $1.0 - cost) }
        return MonopolyOutcome(interimValues: interim, optimalPrices: opt.prices, price: price,
                               producerSurplus: opt.profit, consumerSurplus: cs, totalSurplus: ts, efficientSurplus: eff)
    }
}
