// Sec 3.1, Sec 4.1.1 and Lemma 6: the two-type markets that Pareto dominate a
// given market, and the two-segment splits they start (exact).

import Harness
import Numerics
import Segmentation

// MARK: segmentation.two-type-dominance

struct TwoTypeDominanceRow: SolverRow {
    var pair: String
    var sLower: Rational
    var sUpper: Rational
    var market: String
    var mechanism: String
    var csChange: String
    var verdict: String
    var dominates: Bool
    var splitWeights: String
    var safeWeightSupremum: String
    var split: String
    var splitFound: Bool

    static let columns: [RowColumn<Self>] = [
        .init("pair", \.pair, key: true, doc: "the two types t_i, t_j (i < j) of the candidate markets"),
        .init("s_lower", \.sLower, key: true, doc: "lower end of the piece in s = weight of t_j (markets (1 − s) t_i + s t_j, 0 < s < 1)"),
        .init("s_upper", \.sUpper, key: true, doc: "upper end (equal to s_lower for a single market; otherwise the open interval)"),
        .init("candidate_market", \.market, doc: "f′: the piece's representative market (the point or the midpoint), over all types"),
        .init("mechanism", \.mechanism, doc: "the selected optimal mechanism of every market of the piece (gross prices)"),
        .init("cs_change", \.csChange, doc: "CS(t, f′) − CS(t, f) per type (\"-\" off supp f′); constant on the piece"),
        .init("verdict", \.verdict, doc: "dominates / weakly-dominates / does-not-dominate (Sec 3.1: supp f′ ⊆ supp f, CS(t, f′) ≥ CS(t, f) on supp f′, strictly for some t)"),
        .init("dominates", \.dominates, doc: "the piece's markets Pareto dominate f"),
        .init("split_weights", \.splitWeights, doc: "for a dominating piece: the exact set of ε for which f = ε f′ + (1 − ε) f″ is Pareto improving (\"none\" if empty; \"-\" for pieces that do not dominate)"),
        .init("safe_weight_supremum", \.safeWeightSupremum, doc: "ε*: the split is Pareto improving for every ε in (0, ε*) (\"-\" when no improving run starts at 0)"),
        .init("split", \.split, doc: "a verified Pareto-improving split with this f′ (at ε*/2, or in the first improving piece), or \"none\""),
        .init("split_found", \.splitFound, doc: "some ε makes the split with this f′ Pareto improving"),
    ]
}

let twoTypeDominanceKind = SolverKind(
    "segmentation.two-type-dominance",
    summary: "every two-type market (each pair of types of the market, by exact pieces; Sec 3.1's domination) compared with a given market, and for each dominating piece the exact weights ε of the Pareto-improving splits f = ε f′ + (1 − ε) f″ with its representative f′ (complete in two-type environments; with more types only the representatives are tried)",
    parameters: MarketParameters.self,
    validate: { p in _ = try p.market.market(in: try p.environment.environment()) },
    run: { p, _ in
        let env = try p.environment.environment()
        let m = try p.market.market(in: env)
        let search = try env.twoTypeDominance(of: m, selection: p.environment.selection.rule)
        return search.pieces.map { d in
            let split = d.split
            return TwoTypeDominanceRow(
                pair: describeTypes([d.pair.first, d.pair.second], env), sLower: d.piece.lower, sUpper: d.piece.upper,
                market: d.market.description, mechanism: describeMechanism(d.comparison.candidate.mechanism),
                csChange: describeVector(d.comparison.surplusChange), verdict: d.comparison.verdict.rawValue,
                dominates: d.comparison.dominates,
                splitWeights: split.map { $0.improvingWeights.isEmpty ? "none" : $0.improvingWeights.map(\.description).joined(separator: " ∪ ") } ?? "-",
                safeWeightSupremum: split?.safeWeightSupremum?.description ?? "-",
                split: split?.witnessSegmentation.map(describeSegmentation) ?? "none",
                splitFound: split?.witness != nil)
        }
    })
