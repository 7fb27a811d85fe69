// Sections 3.1.1 and 4.2: one-parameter families of markets and the exact
// classification of two-type markets as efficient / inefficient and Pareto
// improvable / inefficient and not Pareto improvable.
//
// A family is the segment f(s) = (1 − s) f_A + s f_B, s ∈ [0, 1] (for two
// types, f_A = (1, 0) and f_B = (0, 1) give the paper's markets q = s). On
// the open segment the support is constant, and the optimal revenue
// R(s) = max_{p ∈ P} f(s)·p is convex and piecewise linear; its breakpoints
// are where the optimal payment vertex of P changes. They are found exactly
// by `OracleNormalFan` over the parameter interval [0, 1] (the 1-D case of the
// normal fan: each cell is the interval on which one vertex is optimal). On
// every open interval between breakpoints the set of optimal mechanisms is
// {IC-IR mechanisms with that vertex's payments}, independent of s, so the
// (consistent) selection rule picks one mechanism for the whole interval;
// breakpoints and the end points are solved on their own.
//
// Pareto improvability of a two-type market q (Sec 3.1) is decided exactly on
// this finite piece structure. Let W(q) be the markets that weakly Pareto
// dominate q and S(q) ⊆ W(q) those that dominate it (both are unions of
// pieces, since CS is constant on a piece). A segmentation of q is Pareto
// improving iff its segments lie in W(q), one lies in S(q), and (R convex)
// not all segments lie in one closed interval on which R is affine and which
// contains q. On a line this reduces to three points: q is Pareto improvable
// iff S(q) ≠ ∅, W(q) has points strictly below and strictly above q, and —
// when q lies inside an affine piece [b_i, b_{i+1}] of R — W(q) has a point
// outside [b_i, b_{i+1}] (at a breakpoint any two points on either side will
// do). Proof sketch: given any improving segmentation, its extreme segments
// m < q < M and a strict segment s form one (m ≤ s ≤ M, positive weights
// exist); conversely such points give a segmentation whose revenue is
// strictly above R(q) by strict convexity across a breakpoint. A two-segment
// witness {s, r} (s ∈ S(q), r ∈ W(q) on the other side of q, not in one affine
// piece with q) is searched for explicitly; if none exists but q is
// improvable, a three-segment witness is returned.

import Numerics

/// The family f(s) = (1 − s)·from + s·to, s ∈ [0, 1].
public struct MarketFamily: Sendable, Hashable {
    /// f(0).
    public let from: Market
    /// f(1).
    public let to: Market

    /// A family between two markets of the same length; throws
    /// `.familyEndsDiffer` for different lengths, `.familyEndsEqual` for equal markets.
    public init(from: Market, to: Market) throws {
        guard from.weights.count == to.weights.count else {
            throw SegmentationError.familyEndsDiffer(from: from.weights.count, to: to.weights.count)
        }
        guard from != to else {
            throw SegmentationError.familyEndsEqual
        }
        self.from = from
        self.to = to
    }

    /// The two-type family q ↦ (1 − q, q) of Section 3.1.1.
    public static var twoType: MarketFamily {
        try! MarketFamily(from: try! Market([1, 0]), to: try! Market([0, 1]))
    }

    /// f(s). Throws `.familyPositionOutOfRange` unless 0 ≤ s ≤ 1. O(n).
    public func market(at s: Rational) throws -> Market {
        guard s >= .zero, s <= 1 else {
            throw SegmentationError.familyPositionOutOfRange(s: s)
        }
        return try Market(zip(from.weights, to.weights).map { (1 - s) * $0 + s * $1 })
    }
}

/// A piece of a family: an end point, a breakpoint, or an open interval
/// between consecutive ones, on which the selected mechanism is constant.
public struct FamilyPiece: Sendable {
    /// The closure [lower, upper] of the piece (lower == upper for a point).
    public let lower: Rational
    /// Upper end of the closure.
    public let upper: Rational
    /// Whether the piece is a single point.
    public var isPoint: Bool { lower == upper }
    /// The selected mechanism (of every market in the piece).
    public let mechanism: Mechanism
    /// For an open interval: the unique optimal payment rule (vertex of P, on
    /// the family's interior support); nil for points.
    public let optimalPayments: [Rational]?
    /// The selected optimal mechanism of the representative market (the
    /// solve that gave `mechanism`), reused by the classification.
    let representativeOptimum: OptimalMechanism
    /// A representative parameter (the point, or the midpoint).
    public var representative: Rational { isPoint ? lower : (lower + upper) / 2 }
    /// Whether the piece contains s.
    public func contains(_ s: Rational) -> Bool { isPoint ? s == lower : (s > lower && s < upper) }
    /// CS(t) in the piece's markets (nil for types outside the support).
    public var consumerSurplus: [Rational?] { (0..<mechanism.environment.typeCount).map { mechanism.surplus($0) } }
    /// Whether the piece's markets are efficient.
    public var isEfficient: Bool { mechanism.isEfficient }
}

/// The exact piece structure of a family under a selection rule.
public struct FamilyAnalysis: Sendable {
    /// The environment.
    public let environment: Environment
    /// The family.
    public let family: MarketFamily
    /// The selection rule.
    public let selection: SelectionRule
    /// Interior breakpoints of R (0 < b < 1), increasing.
    public let breakpoints: [Rational]
    /// Pieces in increasing order: {0}, (0, b_1), {b_1}, ..., (b_last, 1), {1}.
    public let pieces: [FamilyPiece]

    /// The piece containing s ∈ [0, 1]. O(log pieces).
    /// Throws `.familyPositionOutOfRange` outside [0, 1].
    public func piece(containing s: Rational) throws -> FamilyPiece {
        guard s >= .zero, s <= 1 else {
            throw SegmentationError.familyPositionOutOfRange(s: s)
        }
        return pieces[try pieceIndex(containing: s)]
    }

    /// Index of the piece containing s (s ∈ [0, 1]).
    func pieceIndex(containing s: Rational) throws -> Int {
        var lo = 0, hi = pieces.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let p = pieces[mid]
            if p.contains(s) { return mid }
            if s < p.lower || (s == p.lower && !p.isPoint) { hi = mid - 1 } else { lo = mid + 1 }
        }
        throw SegmentationError.familyPositionOutOfRange(s: s)
    }

    /// The optimal revenue R(s) (exact, from the piece's mechanism). O(n).
    public func revenue(at s: Rational) throws -> Rational {
        try piece(containing: s).mechanism.revenue(in: family.market(at: s))
    }

    /// Σ_t f_s(t) CS(t, f_s), the average consumer surplus at s. O(n).
    public func averageConsumerSurplus(at s: Rational) throws -> Rational {
        let piece = try piece(containing: s)
        let market = try family.market(at: s)
        return market.support.reduce(Rational.zero) { $0 + market[$1] * piece.mechanism.surplus($1)! }
    }

    /// The selected mechanism's CS of type t at s (nil if t has zero weight). O(k).
    public func consumerSurplus(of t: Int, at s: Rational) throws -> Rational? {
        let market = try family.market(at: s)
        return market[t] > .zero ? try piece(containing: s).mechanism.surplus(t) : nil
    }
}

extension Environment {
    /// The exact piece structure of `family`: breakpoints of the optimal
    /// revenue and the selected mechanism on every piece.
    ///
    /// - Complexity: one `OracleNormalFan` over [0, 1] (O(V) oracle calls of
    ///   1 + m solves each for V optimal vertices) plus one selected optimal
    ///   mechanism per piece (2V + 1 pieces).
    /// - Throws: `.marketSizeMismatch` when the markets do not
    ///   match the environment; `.linearProgramFailed`.
    public func analyze(_ family: MarketFamily, selection: SelectionRule = .standard) throws -> FamilyAnalysis {
        try validate(family.from)
        try validate(family.to)
        let types = (0..<typeCount).filter { family.from[$0] > .zero || family.to[$0] > .zero }
        let offset = types.map { family.from[$0] }
        let linear = types.map { [family.to[$0] - family.from[$0]] }
        let domain = [LinearConstraint([Rational(1)], .greaterOrEqual, Rational.zero),
                      LinearConstraint([Rational(1)], .lessOrEqual, Rational(1))]
        let fan: OracleNormalFan
        do {
            fan = try OracleNormalFan(domain: domain, parameterDimension: 1, offset: offset, linear: linear) {
                try self.paymentVertex(types: types, direction: $0)
            }
        } catch let error as NumericsError {
            throw SegmentationError.linearProgramFailed(context: "family breakpoints", detail: error.description)
        }
        var intervals: [(Rational, Rational, [Rational])] = []
        for cell in fan.cells where cell.dimension == 1 {
            let ends = cell.regionVertices.map { $0[0] }
            intervals.append((ends.min()!, ends.max()!, cell.vertex))
        }
        intervals.sort { $0.0 < $1.0 }
        var breakpoints: [Rational] = []
        for (lo, hi, _) in intervals {
            for b in [lo, hi] where b > .zero && b < 1 && !breakpoints.contains(b) { breakpoints.append(b) }
        }
        breakpoints.sort()
        var pieces: [FamilyPiece] = []
        let points = [Rational.zero] + breakpoints + [Rational(1)]
        for (i, s) in points.enumerated() {
            let point = try optimalMechanism(for: family.market(at: s), selection: selection)
            pieces.append(FamilyPiece(lower: s, upper: s, mechanism: point.mechanism, optimalPayments: nil, representativeOptimum: point))
            if i + 1 < points.count {
                let mid = (s + points[i + 1]) / 2
                let open = try optimalMechanism(for: family.market(at: mid), selection: selection)
                let vertex = intervals.first { $0.0 <= s && $0.1 >= points[i + 1] }?.2
                pieces.append(FamilyPiece(lower: s, upper: points[i + 1], mechanism: open.mechanism, optimalPayments: vertex, representativeOptimum: open))
            }
        }
        return FamilyAnalysis(environment: self, family: family, selection: selection, breakpoints: breakpoints, pieces: pieces)
    }
}

// MARK: - Two-type classification

/// The classification of a market (Sec 3.1.1).
public enum MarketClass: String, Sendable, Hashable, CustomStringConvertible {
    /// The selected mechanism serves every type efficiently (never improvable, Observation 1).
    case efficient
    /// Inefficient and Pareto improvable.
    case improvable = "inefficient-improvable"
    /// Inefficient and not Pareto improvable.
    case notImprovable = "inefficient-not-improvable"
    public var description: String { rawValue }
}

/// The classification of one market of a two-type family.
public struct MarketClassification: Sendable {
    /// q.
    public let q: Rational
    /// The class.
    public let marketClass: MarketClass
    /// A verified Pareto-improving segmentation with two segments, if one exists.
    public let twoSegmentWitness: MarketSegmentation?
    /// If improvable but not by two segments: a three-segment witness.
    public let threeSegmentWitness: MarketSegmentation?
    /// Sup over Pareto-improving segmentations of the increase in average
    /// consumer surplus (nil unless improvable).
    public let largestAverageSurplusGain: Rational?
    /// Sup over Pareto-improving segmentations of the increase in revenue.
    public let largestRevenueGain: Rational?
    /// Max over Pareto-improving segmentations, segments and types of
    /// CS(t, segment) − CS(t, q).
    public let largestIndividualGain: Rational?
}

/// A classified piece of the two-type family.
public struct ClassifiedPiece: Sendable {
    /// The piece.
    public let piece: FamilyPiece
    /// Its class (constant on the piece) and the witness for its representative market.
    public let classification: MarketClassification
}

/// The exact classification of every market q ∈ [0, 1] of a two-type environment.
public struct TwoTypeClassification: Sendable {
    /// The family analysis (pieces and breakpoints).
    public let analysis: FamilyAnalysis
    /// Every piece with its class.
    public let pieces: [ClassifiedPiece]

    /// The maximal runs of consecutive pieces with the same class, as
    /// (lower, upper, lowerIncluded, upperIncluded, class). O(pieces).
    public var intervals: [(lower: Rational, upper: Rational, lowerClosed: Bool, upperClosed: Bool, marketClass: MarketClass)] {
        var runs: [[ClassifiedPiece]] = []
        for p in pieces {
            if let last = runs.last?.last, last.classification.marketClass == p.classification.marketClass {
                runs[runs.count - 1].append(p)
            } else {
                runs.append([p])
            }
        }
        return runs.map { run in
            (run.first!.piece.lower, run.last!.piece.upper, run.first!.piece.isPoint, run.last!.piece.isPoint, run[0].classification.marketClass)
        }
    }

    /// The inefficient markets that are not Pareto improvable, as pieces.
    public var notImprovablePieces: [FamilyPiece] {
        pieces.filter { $0.classification.marketClass == .notImprovable }.map(\.piece)
    }

    /// Classifies one market q (with witnesses for that q). Cost: a lookup
    /// plus the verification of the witness (two or three selected mechanisms).
    public func classify(_ q: Rational) throws -> MarketClassification {
        try TwoTypeClassification.classify(q, analysis: analysis)
    }

    /// The pieces whose markets weakly Pareto dominate (W) and Pareto
    /// dominate (S) the markets of `own` (interior markets: both types).
    static func dominanceSets(of own: FamilyPiece, analysis: FamilyAnalysis) -> (weak: [Int], strict: [Int]) {
        let cs = own.consumerSurplus
        var weak: [Int] = [], strict: [Int] = []
        for (i, p) in analysis.pieces.enumerated() {
            let other = p.consumerSurplus
            var ok = true, better = false
            for t in 0..<analysis.environment.typeCount {
                guard let c = other[t] else { continue }
                guard let base = cs[t] else { ok = false; break }
                if c < base { ok = false; break }
                if c > base { better = true }
            }
            if ok { weak.append(i); if better { strict.append(i) } }
        }
        return (weak, strict)
    }

    /// The concave envelopes of the average consumer surplus and of the
    /// revenue over the closure of W (the pieces weakly dominating `own`):
    /// their values at q bound (and, for an improvable q, are the suprema of)
    /// the average CS and revenue of Pareto-improving segmentations of q.
    static func envelopes(for own: FamilyPiece, analysis: FamilyAnalysis) throws -> (average: ConcaveEnvelope<Rational>, revenue: ConcaveEnvelope<Rational>) {
        let (weak, _) = dominanceSets(of: own, analysis: analysis)
        var avgPoints: [PlanePoint<Rational>] = []
        var revPoints: [PlanePoint<Rational>] = []
        for i in weak {
            let p = analysis.pieces[i]
            for s in p.isPoint ? [p.lower] : [p.lower, p.upper] {
                let m = try analysis.family.market(at: s)
                let avg = m.support.reduce(Rational.zero) { $0 + m[$1] * p.mechanism.surplus($1)! }
                avgPoints.append(PlanePoint(s, avg))
                revPoints.append(PlanePoint(s, p.mechanism.revenue(in: m)))
            }
        }
        do {
            return (try ConcaveEnvelope(points: avgPoints), try ConcaveEnvelope(points: revPoints))
        } catch let e as NumericsError {
            throw SegmentationError.linearProgramFailed(context: "gain envelopes", detail: e.description)
        }
    }

    static func classify(_ q: Rational, analysis: FamilyAnalysis) throws -> MarketClassification {
        let env = analysis.environment
        let pieces = analysis.pieces
        let index = try analysis.pieceIndex(containing: q)
        let own = pieces[index]
        if own.isEfficient {
            return MarketClassification(q: q, marketClass: .efficient, twoSegmentWitness: nil, threeSegmentWitness: nil,
                                        largestAverageSurplusGain: nil, largestRevenueGain: nil, largestIndividualGain: nil)
        }
        let notImprovable = MarketClassification(q: q, marketClass: .notImprovable, twoSegmentWitness: nil, threeSegmentWitness: nil,
                                                 largestAverageSurplusGain: nil, largestRevenueGain: nil, largestIndividualGain: nil)
        if q == .zero || q == 1 { return notImprovable }   // a one-type market has only the trivial segmentation
        let cs = own.consumerSurplus
        let (weak, strict) = dominanceSets(of: own, analysis: analysis)
        // Affine piece(s) of R containing q.
        let affineLow: Rational, affineHigh: Rational
        let atBreakpoint = own.isPoint
        if atBreakpoint { affineLow = q; affineHigh = q } else { affineLow = own.lower; affineHigh = own.upper }
        /// A point of piece i strictly on the requested side of q (and, if
        /// requested, outside [affineLow, affineHigh]); nil if none.
        func point(in i: Int, below: Bool, outside: Bool) -> Rational? {
            let p = pieces[i]
            let limit = below ? (outside ? min(q, affineLow) : q) : (outside ? max(q, affineHigh) : q)
            if p.isPoint {
                let s = p.lower
                if below ? (s < limit) : (s > limit) { return s }
                return nil
            }
            let lo = below ? p.lower : max(p.lower, limit)
            let hi = below ? min(p.upper, limit) : p.upper
            guard lo < hi, below ? p.lower < limit : p.upper > limit else { return nil }
            return (lo + hi) / 2
        }
        let hasBelow = weak.contains { point(in: $0, below: true, outside: false) != nil }
        let hasAbove = weak.contains { point(in: $0, below: false, outside: false) != nil }
        let hasOutside = atBreakpoint || weak.contains { point(in: $0, below: true, outside: true) != nil || point(in: $0, below: false, outside: true) != nil }
        guard !strict.isEmpty, hasBelow, hasAbove, hasOutside else { return notImprovable }
        // Two-segment witness: s ∈ S, r ∈ W on the other side, one of them outside the affine piece.
        func distance(_ i: Int) -> Rational { let p = pieces[i]; return min((p.lower - q).magnitude, (p.upper - q).magnitude) }
        let strictByDistance = strict.sorted { distance($0) < distance($1) }
        let weakByDistance = weak.sorted { distance($0) < distance($1) }
        let market = try analysis.family.market(at: q)
        /// The segmentation of q into two points (a < q < b) or three sorted
        /// distinct points (lo < q < hi; the middle one gets a small weight).
        func segmentation(_ points: [Rational]) throws -> MarketSegmentation {
            if points.count == 2 {
                let (a, b) = (points[0], points[1])
                let mu = (b - q) / (b - a)
                return try MarketSegmentation([Segment(weight: mu, market: analysis.family.market(at: a)),
                                               Segment(weight: 1 - mu, market: analysis.family.market(at: b))])
            }
            let (lo, mid, hi) = (points[0], points[1], points[2])
            var w = Rational(1, 2)
            while true {
                let rest = (q - w * mid) / (1 - w)
                if rest > lo && rest < hi {
                    let mu = (hi - rest) / (hi - lo)
                    return try MarketSegmentation([Segment(weight: (1 - w) * mu, market: analysis.family.market(at: lo)),
                                                   Segment(weight: w, market: analysis.family.market(at: mid)),
                                                   Segment(weight: (1 - w) * (1 - mu), market: analysis.family.market(at: hi))])
                }
                w /= 2
            }
        }
        // Markets already solved: the pieces' representatives (by the
        // analysis, same selection rule) and, as they come, q and the
        // segments tried by earlier verifications, so each is solved once.
        var solved: [OptimalMechanism] = pieces.map(\.representativeOptimum)
        func remember(_ check: SegmentationVerification) {
            for o in [check.original] + check.comparisons.map(\.candidate) where !solved.contains(where: { $0.market == o.market }) {
                solved.append(o)
            }
        }
        var two: MarketSegmentation? = nil
        search: for si in strictByDistance {
            for below in [true, false] {
                for outsideS in [false, true] {
                    guard let s = point(in: si, below: below, outside: outsideS) else { continue }
                    for ri in weakByDistance {
                        guard let r = point(in: ri, below: !below, outside: !outsideS && !atBreakpoint) else { continue }
                        let candidate = try segmentation(below ? [s, r] : [r, s])
                        let check = try env.verifyParetoImprovement(of: market, by: candidate, selection: analysis.selection, solved: solved)
                        remember(check)
                        if check.isParetoImproving { two = candidate; break search }
                    }
                }
            }
        }
        var three: MarketSegmentation? = nil
        if two == nil {
            // A strict point s, and m < q < M from W with one of the three outside the affine piece.
            outer: for si in strict {
                for sideBelow in [true, false] {
                    guard let s = point(in: si, below: sideBelow, outside: false) else { continue }
                    for mi in weak {
                        for Mi in weak {
                            for (outLow, outHigh) in [(false, false), (true, false), (false, true)] {
                                guard let m = point(in: mi, below: true, outside: outLow),
                                      let bigM = point(in: Mi, below: false, outside: outHigh) else { continue }
                                let sorted = Array(Set([m, s, bigM])).sorted()
                                guard sorted.count == 3 else { continue }
                                let candidate = try segmentation(sorted)
                                let check = try env.verifyParetoImprovement(of: market, by: candidate, selection: analysis.selection, solved: solved)
                                remember(check)
                                if check.isParetoImproving { three = candidate; break outer }
                            }
                        }
                    }
                }
            }
        }
        guard two != nil || three != nil else {
            throw SegmentationError.constructionFailed(reason: "market \(q) satisfies the improvability conditions but no candidate segmentation passed the independent verification (solver inconsistency)")
        }
        // Largest gains: concave envelopes over the closure of W(q).
        let (avgEnvelope, revEnvelope) = try envelopes(for: own, analysis: analysis)
        let avgHere = market.support.reduce(Rational.zero) { $0 + market[$1] * own.mechanism.surplus($1)! }
        let revHere = own.mechanism.revenue(in: market)
        var individual = Rational.zero
        for i in strict {
            for t in 0..<env.typeCount {
                if let c = pieces[i].consumerSurplus[t], let base = cs[t], c - base > individual { individual = c - base }
            }
        }
        return MarketClassification(q: q, marketClass: .improvable, twoSegmentWitness: two, threeSegmentWitness: three,
                                    largestAverageSurplusGain: try avgEnvelope.value(at: q) - avgHere,
                                    largestRevenueGain: try revEnvelope.value(at: q) - revHere,
                                    largestIndividualGain: individual)
    }
}

extension Environment {
    /// The exact classification of every two-type market q ∈ [0, 1] (the
    /// family (1 − q, q)): efficient / inefficient-improvable /
    /// inefficient-not-improvable, constant on each piece of the family
    /// analysis, with a verified witness segmentation per improvable piece.
    ///
    /// - Complexity: `analyze` plus, per inefficient piece, the witness search
    ///   (a few verifications of two or three selected mechanisms each).
    /// - Throws: `.notTwoTypes` unless the environment has exactly two
    ///   types; `.linearProgramFailed`.
    ///
    /// The result is a function of (environment, selection) only, so it is
    /// memoised (`TwoTypeClassificationMemo`): a sweep over the markets q of
    /// one environment classifies the family once, not once per q.
    public func classifyTwoTypeMarkets(selection: SelectionRule = .standard) throws -> TwoTypeClassification {
        guard typeCount == 2 else {
            throw SegmentationError.notTwoTypes(found: typeCount)
        }
        return try TwoTypeClassificationMemo.shared.value(for: .init(environment: self, selection: selection)) {
            try classifyTwoTypeMarketsUncached(selection: selection)
        }
    }

    /// `classifyTwoTypeMarkets` without the memo (a two-type environment).
    func classifyTwoTypeMarketsUncached(selection: SelectionRule) throws -> TwoTypeClassification {
        let analysis = try analyze(MarketFamily.twoType, selection: selection)
        var classified: [ClassifiedPiece] = []
        for p in analysis.pieces {
            classified.append(ClassifiedPiece(piece: p, classification: try TwoTypeClassification.classify(p.representative, analysis: analysis)))
        }
        return TwoTypeClassification(analysis: analysis, pieces: classified)
    }
}

/// The memo of `classifyTwoTypeMarkets` by (environment, selection rule)
/// (Numerics `Memo`; bounded: a run touches a few dozen environments).
enum TwoTypeClassificationMemo {
    struct Key: Hashable, Sendable {
        let environment: Environment
        let selection: SelectionRule
    }

    static let shared = Memo<Key, TwoTypeClassification>(capacity: 64)
}
