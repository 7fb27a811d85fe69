// Typed failures of the Segmentation module (Haghpanah & Siegel 2022).
//
// Every case names the model's concepts (types, alternatives, weights,
// segments, products) and carries the offending facts: indices are 0-based
// positions in the caller's lists. The module never names a spec key; the
// solver layer (SegmentationSolvers) maps each case to the key path of the
// parameter it came from. A linear program that the exact simplex cannot
// finish is an error, never a silent number.

import Numerics

/// A failure of a Segmentation solver.
public enum SegmentationError: Error, Equatable, CustomStringConvertible, Sendable {
    // MARK: Environments

    /// The valuation matrix has no rows (no types).
    case noTypes
    /// The valuation rows are empty (no alternative besides the outside option).
    case noAlternatives
    /// Type `type`'s row values `alternatives` alternatives, the first row `expected`.
    case raggedValuations(type: Int, alternatives: Int, expected: Int)
    /// `costs` costs for `alternatives` alternatives (one cost per alternative).
    case costCountMismatch(costs: Int, alternatives: Int)
    /// `names` type labels for `types` types.
    case typeNameCountMismatch(names: Int, types: Int)
    /// `names` alternative labels for `alternatives` alternatives.
    case alternativeNameCountMismatch(names: Int, alternatives: Int)
    /// Type `type` has several efficient alternatives (0 is the outside
    /// option, a ≥ 1 the a-th alternative), all of net value `netValue`; the
    /// model requires a unique efficient alternative per type.
    case tiedEfficientAlternatives(type: Int, alternatives: [Int], netValue: Rational)

    // MARK: Markets

    /// A market without weights.
    case emptyMarket
    /// Weight `type` of a market is negative.
    case negativeWeight(type: Int, weight: Rational)
    /// Every weight of a market is zero.
    case zeroMarket
    /// A market with `weights` weights for an environment with `types` types.
    case marketSizeMismatch(weights: Int, types: Int)
    /// The two-type market (1 − q, q) needs 0 ≤ q ≤ 1.
    case shareOutOfRange(q: Rational)
    /// No selection rule has this name.
    case unknownSelectionRule(name: String)

    // MARK: Linear environments (Sec 5, App A.4)

    /// The types are not positive and strictly increasing: `index` is the
    /// first offending position (0 for an empty list).
    case typesNotIncreasing(types: [Rational], index: Int)
    /// The qualities are not positive and strictly increasing (as for types).
    case qualitiesNotIncreasing(qualities: [Rational], index: Int)
    /// Costs are negative or decreasing at position `index`.
    case costsNotIncreasing(costs: [Rational], index: Int)
    /// The cost is not convex at quality `quality` (cost index `index`):
    /// the slope falls from `leftSlope` to `rightSlope`.
    case costsNotConvex(index: Int, quality: Rational, leftSlope: Rational, rightSlope: Rational)
    /// A menu lists alternative `alternative`, outside 1...`alternatives`.
    case menuAlternativeOutOfRange(alternative: Int, alternatives: Int)
    /// The grid environment E_k needs k ≥ 1.
    case gridSizeTooSmall(k: Int)
    /// The largest quality must be positive.
    case nonPositiveMaxQuality(Rational)
    /// The cost curvature κ must be positive.
    case nonPositiveCurvature(Rational)
    /// The procedure is defined for exactly two types; the environment has `found`.
    case notTwoTypes(found: Int)
    /// The cutoff market must satisfy 0 < cutoff ≤ 1.
    case cutoffOutOfRange(Rational)
    /// Type index `type` outside 0..<`types`.
    case typeOutOfRange(type: Int, types: Int)

    // MARK: Bundling (App A.3.3)

    /// No types or no products.
    case noProducts
    /// Type `type` values `products` products, the first type `expected`.
    case raggedProductValues(type: Int, products: Int, expected: Int)
    /// More products than the 2^m − 1 bundles allow.
    case tooManyProducts(count: Int, limit: Int)
    /// A product value that is not strictly positive (the paper's assumption).
    case nonPositiveProductValue(type: Int, product: Int, value: Rational)
    /// A bundle that is empty or names an unknown product.
    case invalidBundle(products: [Int], productCount: Int)

    // MARK: Families and segmentations

    /// The end markets of a family have different numbers of types.
    case familyEndsDiffer(from: Int, to: Int)
    /// The end markets of a family are equal.
    case familyEndsEqual
    /// The family position s is outside [0, 1] (or in no piece).
    case familyPositionOutOfRange(s: Rational)
    /// A segmentation without segments.
    case emptySegmentation
    /// Segment `segment` has a weight that is not positive.
    case nonPositiveSegmentWeight(segment: Int, weight: Rational)
    /// The segment weights do not sum to one.
    case segmentWeightsSum(total: Rational)
    /// The segments have different numbers of types.
    case segmentSizesDiffer
    /// The segments average to `average`, not to the segmented market.
    case segmentationAverage(average: Market, market: Market)

    // MARK: The construction (Prop. 2, Theorem 1)

    /// The market is efficient: Prop. 2 applies to inefficient markets only.
    case efficientMarket(Market)
    /// The chosen start type is not served inefficiently.
    case typeServedEfficiently(type: Int, market: Market)
    /// The market has several optimal payment rules (non-generic): Lemma 2 does not apply.
    case severalOptimalPaymentRules(Market)
    /// The weight fraction of the split must lie in (0, 1).
    case weightFractionOutOfRange(Rational)
    /// A step the paper proves possible failed (a solver inconsistency).
    case constructionFailed(reason: String)

    // MARK: Payment polytope (Sec 4.2)

    /// A type subset that is empty, unsorted, repeated or out of range.
    case invalidTypeSubset(types: [Int], typeCount: Int)
    /// A direction with `entries` entries for `types` types.
    case directionSizeMismatch(entries: Int, types: Int)
    /// A market direction with the wrong length, a negative weight or zero total.
    case invalidMarketDirection(weights: [Rational], types: Int)

    // MARK: Checks and solvers

    /// Property-check sizes out of range.
    case invalidPropertyCheckSizes(markets: Int, maxTypes: Int, maxAlternatives: Int, marketsPerEnvironment: Int, dominanceCandidates: Int)
    /// The exact simplex failed (pivot limit) or reported a status that is
    /// impossible for the program (the mechanism LPs are always feasible and
    /// bounded), so no number is returned.
    case linearProgramFailed(context: String, detail: String)

    public var description: String {
        switch self {
        case .noTypes:
            return "no types; expected at least one row of valuations"
        case .noAlternatives:
            return "no alternatives; expected at least one alternative besides the outside option"
        case let .raggedValuations(type, alternatives, expected):
            return "ragged valuation matrix: row \(type) has \(alternatives) entries, row 0 has \(expected); expected every type to value the same k alternatives"
        case let .costCountMismatch(costs, alternatives):
            return "\(costs) costs for \(alternatives) alternatives; expected one cost per alternative (the outside option costs 0)"
        case let .typeNameCountMismatch(names, types):
            return "\(names) type names for \(types) types"
        case let .alternativeNameCountMismatch(names, alternatives):
            return "\(names) alternative names for \(alternatives) alternatives"
        case let .tiedEfficientAlternatives(type, alternatives, netValue):
            return "type \(type) has \(alternatives.count) efficient alternatives (\(alternatives.map { $0 == 0 ? "0 (outside option)" : "a\($0)" }.joined(separator: ", ")) all give net value \(netValue)); the model requires a unique efficient alternative per type"
        case .emptyMarket:
            return "a market without weights; expected one nonnegative weight per type"
        case let .negativeWeight(type, weight):
            return "weight \(type) is negative (\(weight)); expected nonnegative weights"
        case .zeroMarket:
            return "all weights are zero; expected at least one positive weight"
        case let .marketSizeMismatch(weights, types):
            return "\(weights) weights for an environment with \(types) types; expected one weight per type"
        case let .shareOutOfRange(q):
            return "q = \(q); expected 0 ≤ q ≤ 1"
        case let .unknownSelectionRule(name):
            return "unknown selection rule \"\(name)\"; expected one of \(SelectionRule.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"
        case let .typesNotIncreasing(types, index):
            return "types \(types) (position \(index)); expected positive, strictly increasing types"
        case let .qualitiesNotIncreasing(qualities, index):
            return "qualities \(qualities) (position \(index)); expected positive, strictly increasing qualities"
        case let .costsNotIncreasing(costs, index):
            return "costs \(costs) (position \(index)); expected nonnegative, increasing costs"
        case let .costsNotConvex(_, quality, left, right):
            return "cost is not convex at quality \(quality) (slopes \(left) then \(right)); Section 5 assumes convex costs"
        case let .menuAlternativeOutOfRange(alternative, alternatives):
            return "menu alternative \(alternative) outside 1...\(alternatives)"
        case let .gridSizeTooSmall(k):
            return "grid size \(k); expected k ≥ 1"
        case let .nonPositiveMaxQuality(x):
            return "largest quality \(x); expected a positive quality"
        case let .nonPositiveCurvature(x):
            return "cost curvature \(x); expected a positive curvature"
        case let .notTwoTypes(found):
            return "\(found) types; expected exactly two types"
        case let .cutoffOutOfRange(c):
            return "cutoff \(c); expected 0 < cutoff ≤ 1"
        case let .typeOutOfRange(type, types):
            return "type \(type); expected a type index below \(types)"
        case .noProducts:
            return "expected at least one type and one product"
        case let .raggedProductValues(type, products, expected):
            return "ragged product values: type \(type) values \(products) products, type 0 values \(expected); every type must value the same products"
        case let .tooManyProducts(count, limit):
            return "\(count) products; at most \(limit) are supported (2^m − 1 bundles)"
        case let .nonPositiveProductValue(type, product, value):
            return "type \(type) values product \(product) at \(value); expected strictly positive product values (App A.3.3)"
        case let .invalidBundle(products, productCount):
            return "bundle \(products); expected a nonempty set of product indices below \(productCount)"
        case let .familyEndsDiffer(from, to):
            return "end markets have \(from) and \(to) types"
        case .familyEndsEqual:
            return "end markets are equal; expected two different markets"
        case let .familyPositionOutOfRange(s):
            return "family position \(s); expected 0 ≤ s ≤ 1"
        case .emptySegmentation:
            return "no segments; expected at least one"
        case let .nonPositiveSegmentWeight(segment, weight):
            return "segment \(segment) has weight \(weight); expected positive weights"
        case let .segmentWeightsSum(total):
            return "segment weights sum to \(total); expected 1"
        case .segmentSizesDiffer:
            return "segments have different numbers of types"
        case let .segmentationAverage(average, market):
            return "the segments average to \(average), not to the market \(market)"
        case let .efficientMarket(m):
            return "the market \(m) is efficient; Proposition 2 constructs dominating markets only for inefficient markets"
        case let .typeServedEfficiently(type, market):
            return "type \(type) is not inefficiently served in market \(market)"
        case let .severalOptimalPaymentRules(m):
            return "market \(m) has several optimal payment rules (a non-generic market); Lemma 2's perturbation argument does not apply"
        case let .weightFractionOutOfRange(x):
            return "weight fraction \(x); expected 0 < fraction < 1"
        case let .constructionFailed(reason):
            return "construction failed: \(reason)"
        case let .invalidTypeSubset(types, typeCount):
            return "type subset \(types); expected a nonempty increasing list of type indices below \(typeCount)"
        case let .directionSizeMismatch(entries, types):
            return "direction with \(entries) entries for \(types) types"
        case let .invalidMarketDirection(weights, types):
            return "market direction \(weights); expected \(types) nonnegative weights, not all zero"
        case let .invalidPropertyCheckSizes(markets, maxTypes, maxAlternatives, perEnvironment, candidates):
            return "property check sizes (markets \(markets), max types \(maxTypes), max alternatives \(maxAlternatives), markets per environment \(perEnvironment), dominance candidates \(candidates)); expected markets ≥ 1, maxTypes ≥ 2, maxAlternatives ≥ 1, marketsPerEnvironment ≥ 1, dominanceCandidates ≥ 0"
        case let .linearProgramFailed(context, detail):
            return "linear program failed in \(context): \(detail)"
        }
    }
}

extension SegmentationError {
    /// Runs an exact LP `solve`, converting Numerics failures and non-optimal
    /// statuses into `.linearProgramFailed` naming `context`.
    static func solving(_ context: @autoclosure () -> String, _ body: () throws -> LPSolution<Rational>) throws -> LPSolution<Rational> {
        let solution: LPSolution<Rational>
        do {
            solution = try body()
        } catch let error as NumericsError {
            throw SegmentationError.linearProgramFailed(context: context(), detail: error.description)
        }
        guard solution.status == .optimal else {
            throw SegmentationError.linearProgramFailed(context: context(), detail: "status \(solution.status.rawValue) (the program is feasible and bounded by construction)")
        }
        return solution
    }
}
