// Example 3 of Bergemann, Brooks & Morris (Sec. III.B, and the Roesler–Szentes
// benchmark): a monopolist facing a consumer with partial information about
// her value.

import Harness
import Numerics
import CompetitiveInformationDesign

/// What the consumer learns about her value.
enum ConsumerInformation: String, CaseIterable, ParameterChoice {
    case full, none, epsilon
}

struct MonopolyParameters: SolverParameters {
    @Parameter("values", doc: "the consumer's possible values", domain: .nonNegative, minimumCount: 1)
    var values: [Rational]
    @Parameter("prior", doc: "their probabilities (exact sum 1)", domain: .nonNegative, minimumCount: 1)
    var prior: [Rational]
    @Parameter("cost", doc: "the monopolist's cost", domain: .nonNegative)
    var cost: Rational
    @Parameter("information", doc: "the consumer learns her value, nothing, or her value with probability epsilon")
    var information: ConsumerInformation
    @Parameter("epsilon", doc: "probability of learning the value (information = epsilon)", default: Rational(1, 10), domain: .probability)
    var epsilon: Rational

    /// The model's error at the key it concerns.
    func inputError(_ e: CompetitiveInformationDesignError) -> SolverInputError {
        let key: ParameterKey
        switch e {
        case .monopolyCounts, .priorSum: key = $prior
        case let .negativePriorProbability(value, _): key = $prior[value]
        case .negativeProductionCost: key = $cost
        case .revelationProbabilityOutOfRange: key = $epsilon
        default: key = $values
        }
        return SolverInputError(key, expected: "a valid value (\(e.description))")
    }
}

struct MonopolyRow: SolverRow {
    var price: Rational
    var optimalPrices: String
    var producerSurplus: Rational
    var consumerSurplus: Rational
    var totalSurplus: Rational
    var efficient: Bool

    static let columns: [RowColumn<Self>] = [
        .init("price", \.price, doc: "the optimal (lowest optimal) price"),
        .init("optimal_prices", \.optimalPrices, doc: "all optimal prices"),
        .init("producer_surplus", \.producerSurplus, doc: "PS"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS"),
        .init("total_surplus", \.totalSurplus, doc: "TS"),
        .init("efficient", \.efficient, doc: "TS equals the efficient surplus"),
    ]
}

let monopolyConsumerInformation = SolverKind(
    "information-design.monopoly-consumer-information",
    summary: "Example 3: a monopolist facing a consumer with partial information about her value: optimal price and welfare",
    parameters: MonopolyParameters.self,
    validate: { p in
        if p.prior.count != p.values.count {
            throw SolverInputError(p.$prior, expected: "a valid value (invalid prior: one probability per value)")
        }
        do {
            _ = try MonopolyConsumerInformation.outcome(values: p.values, prior: p.prior, cost: p.cost, signal: try .noInformation(values: p.values.count))
        } catch let e as CompetitiveInformationDesignError { throw p.inputError(e) }
    },
    run: { p, _ in
        let n = p.values.count
        let signal: ConsumerSignal
        switch p.information {
        case .full: signal = try .fullInformation(values: n)
        case .none: signal = try .noInformation(values: n)
        case .epsilon: signal = try .epsilonInformation(values: n, epsilon: p.epsilon)
        }
        let o = try MonopolyConsumerInformation.outcome(values: p.values, prior: p.prior, cost: p.cost, signal: signal)
        return [MonopolyRow(price: o.price, optimalPrices: o.optimalPrices.map(\.description).joined(separator: ", "),
                            producerSurplus: o.producerSurplus, consumerSurplus: o.consumerSurplus,
                            totalSurplus: o.totalSurplus, efficient: o.isEfficient)]
    })
