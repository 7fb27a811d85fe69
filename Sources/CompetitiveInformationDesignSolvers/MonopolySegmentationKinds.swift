// The monopoly benchmark of Bergemann, Brooks & Morris (Sec. I, II.A: BBM
// 2015b, "The Limits of Price Discrimination"): the consumer-optimal
// segmentation of a discrete market and the whole achievable (CS, PS) set,
// both by exact LPs over segmentations.

import Harness
import Numerics
import CompetitiveInformationDesign

/// A monopoly market (distinct values, prior, cost): shared by the segmentation kinds.
struct MonopolyMarketParameters: SolverParameters {
    @Parameter("values", doc: "the consumer's possible values (distinct; at most 16: the LP is exact)", domain: .nonNegative, minimumCount: 1)
    var values: [Rational]
    @Parameter("prior", doc: "their probabilities (exact sum 1)", domain: .nonNegative, minimumCount: 1)
    var prior: [Rational]
    @Parameter("cost", doc: "the monopolist's unit cost c", domain: .nonNegative)
    var cost: Rational

    /// The model, its errors at their keys.
    func market() throws -> MonopolyMarket {
        do {
            return try MonopolyMarket(values: values, prior: prior, cost: cost)
        } catch let e as CompetitiveInformationDesignError {
            let key: ParameterKey
            switch e {
            case .monopolyCounts, .priorSum: key = values.isEmpty ? $values : $prior
            case let .negativePriorProbability(value, _): key = $prior[value]
            case let .repeatedMarketValue(index, _): key = $values[index]
            case .negativeProductionCost: key = $cost
            default: key = $values
            }
            throw SolverInputError(key, expected: "a valid market (\(e.description))")
        }
    }
}

/// "{v: mass, …}" over the values with positive mass, in the order given.
func describePosterior(_ values: [Rational], _ posterior: [Rational]) -> String {
    "{" + zip(values, posterior).filter { $0.1 > .zero }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
}

/// Columns about the market itself, repeated on every row (references for claims and figures).
struct MonopolyBenchmarkColumns: SolverRow {
    var uniformPrice: String
    var uniformProfit: Rational
    var uniformConsumerSurplus: Rational
    var efficientSurplus: Rational

    init(_ m: MonopolyMarket) {
        let u = m.uniformPricing
        uniformPrice = u.prices.first?.description ?? "none"
        uniformProfit = u.profit
        uniformConsumerSurplus = m.uniformConsumerSurplus
        efficientSurplus = m.efficientSurplus
    }

    static let columns: [RowColumn<Self>] = [
        .init("uniform_price", \.uniformPrice, doc: "the lowest optimal price without segmentation (none: no price earns a positive profit)"),
        .init("uniform_profit", \.uniformProfit, doc: "π*: the monopoly profit without segmentation (the least PS any segmentation gives)"),
        .init("uniform_consumer_surplus", \.uniformConsumerSurplus, doc: "CS without segmentation, at the lowest optimal price"),
        .init("efficient_surplus", \.efficientSurplus, doc: "w* = E[max(0, v − c)], the largest TS"),
    ]
}

// MARK: information-design.monopoly-segmentation

/// How the monopolist breaks ties among its optimal prices within a segment.
enum SellerPriceTies: String, CaseIterable, ParameterChoice {
    /// The lowest optimal price (BBM 2015: the designer's pick; the consumer optimum is attained).
    case consumerPreferred = "consumer-preferred"
    /// The highest optimal price, on the same segments (the consumer optimum is then only a supremum).
    case consumerWorst = "consumer-worst"
}

struct MonopolySegmentationParameters: SolverParameters {
    var market = MonopolyMarketParameters()
    @Parameter("price_ties", doc: "which optimal price the monopolist charges in a segment where it is indifferent: the lowest (consumer-preferred) or the highest (consumer-worst), on the consumer-optimal segments",
               default: .consumerPreferred, convention: "the seller's choice among its optimal prices within a segment")
    var priceTies: SellerPriceTies
}

struct MonopolySegmentRow: SolverRow {
    var segment: Int
    var weight: Rational
    var posterior: String
    var price: String
    var optimalPrices: String
    var segments: Int
    var consumerSurplus: Rational
    var producerSurplus: Rational
    var totalSurplus: Rational
    var efficient: Bool
    var market: MonopolyBenchmarkColumns

    static let columns: [RowColumn<Self>] = [
        .init("segment", \.segment, key: true, doc: "segment number (by increasing price; no-sale last)"),
        .init("weight", \.weight, doc: "probability of the segment"),
        .init("posterior", \.posterior, doc: "the distribution of the value in the segment {v: probability}"),
        .init("price", \.price, doc: "the price charged in the segment (none: no sale); an optimal price there, the consumer-preferred one where the seller is indifferent"),
        .init("optimal_prices", \.optimalPrices, doc: "all the seller's optimal prices in the segment (none: no price earns a positive profit)"),
        .init("segments", \.segments, doc: "number of segments"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS of the whole segmentation (with consumer-preferred ties, the maximum over segmentations)"),
        .init("producer_surplus", \.producerSurplus, doc: "PS of the whole segmentation"),
        .init("total_surplus", \.totalSurplus, doc: "TS = CS + PS"),
        .init("efficient", \.efficient, doc: "TS equals the efficient surplus"),
    ] + RowColumn.group(\.market)
}

let monopolySegmentation = SolverKind(
    "information-design.monopoly-segmentation",
    summary: "BBM (2015) monopoly benchmark: the consumer-surplus-maximising segmentation of a discrete market (exact LP over segmentations), one row per segment",
    parameters: MonopolySegmentationParameters.self,
    validate: { p in _ = try p.market.market() },
    run: { p, _ in
        let m = try p.market.market()
        let o = try MonopolySegmentationProgram(market: m).consumerOptimal()
            .repriced(highestOptimalPrice: p.priceTies == .consumerWorst, market: m)
        let bench = MonopolyBenchmarkColumns(m)
        return o.segments.enumerated().map { k, s in
            MonopolySegmentRow(segment: k + 1, weight: s.weight, posterior: describePosterior(m.values, s.posterior),
                               price: s.price?.description ?? "none",
                               optimalPrices: s.optimalPrices.isEmpty ? "none" : s.optimalPrices.map(\.description).joined(separator: ", "),
                               segments: o.segments.count, consumerSurplus: o.consumerSurplus, producerSurplus: o.producerSurplus,
                               totalSurplus: o.totalSurplus, efficient: o.totalSurplus == m.efficientSurplus, market: bench)
        }
    })

// MARK: information-design.monopoly-surplus-set

struct MonopolySurplusVertexRow: SolverRow {
    var vertex: Int
    var consumerSurplus: Rational
    var producerSurplus: Rational
    var totalSurplus: Rational
    var bounds: String
    var vertices: Int
    var market: MonopolyBenchmarkColumns

    static let columns: [RowColumn<Self>] = [
        .init("vertex", \.vertex, key: true, doc: "vertex number, counter-clockwise from the CS maximum"),
        .init("consumer_surplus", \.consumerSurplus, doc: "CS at the vertex"),
        .init("producer_surplus", \.producerSurplus, doc: "PS at the vertex"),
        .init("total_surplus", \.totalSurplus, doc: "TS at the vertex"),
        .init("bounds", \.bounds, doc: "which of BBM's three bounds hold with equality there: CS = 0, PS = π*, TS = w* (none: an interior kink)"),
        .init("vertices", \.vertices, doc: "number of vertices of the set"),
    ] + RowColumn.group(\.market)
}

let monopolySurplusSet = SolverKind(
    "information-design.monopoly-surplus-set",
    summary: "BBM (2015) monopoly benchmark: the vertices of the (CS, PS) set achievable by segmentations of a discrete market (exact LPs)",
    parameters: MonopolyMarketParameters.self,
    validate: { p in _ = try p.market() },
    run: { p, _ in
        let m = try p.market()
        let vertices = try MonopolySegmentationProgram(market: m).surplusSetVertices()
        let bench = MonopolyBenchmarkColumns(m)
        return vertices.enumerated().map { k, v in
            var bounds: [String] = []
            if v.consumerSurplus == .zero { bounds.append("CS = 0") }
            if v.producerSurplus == bench.uniformProfit { bounds.append("PS = π*") }
            if v.totalSurplus == bench.efficientSurplus { bounds.append("TS = w*") }
            return MonopolySurplusVertexRow(vertex: k + 1, consumerSurplus: v.consumerSurplus, producerSurplus: v.producerSurplus,
                                            totalSurplus: v.totalSurplus, bounds: bounds.isEmpty ? "none" : bounds.joined(separator: "; "),
                                            vertices: vertices.count, market: bench)
        }
    })
