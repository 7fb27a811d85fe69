// Footnote 12 and Appendix A.4: concavification of the average consumer
// surplus, and the environments E_k with an increasing number of
// alternatives.
//
// Along a family, the average consumer surplus A(s) = Σ_t f_s(t) CS(t, f_s) is
// linear on every piece (CS is constant there), so its upper concave
// envelope is the envelope of the values at the pieces' end points (limits
// from inside open pieces included: a concave majorant is continuous inside
// the interval). `ConcaveEnvelope` (Numerics) computes it exactly. Any
// segmentation of f_s into markets of the family has average CS at most the
// envelope at s (footnote 12; Kamenica–Gentzkow concavification).
//
// App A.4 studies two-type linear environments whose quality grid {0, 1/k,
// ..., 1} is refined (E_k: types valuing a and 2a, cost a²/2).
// `LinearEnvironment.quadraticCostGrid` builds any such environment and
// `GridRefinementReport` computes the appendix's quantities with the general
// solvers: the thresholds τ_0 < ... < τ_{k−1} are the breakpoints of the
// two-type family (`Environment.classifyTwoTypeMarkets`), never a formula
// (the tests compare them with the closed form derived by hand for E_k,
// τ_i = (2i + 1)/(2k + 2i + 1), from φ_1 = (1 − 2q)/(1 − q) and the quality
// tie φ = (2j + 1)/(2k)).

import Numerics

/// The concave envelope of the average consumer surplus along a family.
public struct AverageSurplusConcavification: Sendable {
    /// The family analysis.
    public let analysis: FamilyAnalysis
    /// The points (s, A(s)) at piece end points (limits of open pieces).
    public let points: [PlanePoint<Rational>]
    /// The envelope.
    public let envelope: ConcaveEnvelope<Rational>

    /// The envelope at s. O(log V). Throws outside [0, 1].
    public func value(at s: Rational) throws -> Rational {
        do { return try envelope.value(at: s) } catch is NumericsError {
            throw SegmentationError.familyPositionOutOfRange(s: s)
        }
    }

    /// Envelope minus average CS at s: the largest increase in average CS
    /// from any segmentation into markets of the family (ignoring Pareto
    /// constraints). O(log V).
    public func gap(at s: Rational) throws -> Rational {
        try value(at: s) - analysis.averageConsumerSurplus(at: s)
    }

    /// Whether s is a vertex (kink or end) of the envelope at which the
    /// envelope equals the average CS: then every non-trivial segmentation of
    /// f_s within the family strictly lowers average CS (footnote 12). O(V).
    public func isStrictVertex(_ s: Rational) throws -> Bool {
        guard let v = envelope.vertices.first(where: { $0.x == s }) else { return false }
        return v.y == (try analysis.averageConsumerSurplus(at: s))
    }
}

extension FamilyAnalysis {
    /// The concavification of the average consumer surplus over the whole
    /// family (footnote 12; App A.4 Fig 6(c)).
    ///
    /// - Complexity: O(pieces·n) plus the envelope, O(P log P).
    /// - Throws: never for a valid analysis (Numerics errors are wrapped).
    public func averageSurplusConcavification() throws -> AverageSurplusConcavification {
        var points: [PlanePoint<Rational>] = []
        for p in pieces {
            for s in p.isPoint ? [p.lower] : [p.lower, p.upper] {
                let m = try family.market(at: s)
                let avg = m.support.reduce(Rational.zero) { $0 + m[$1] * p.mechanism.surplus($1)! }
                points.append(PlanePoint(s, avg))
            }
        }
        let envelope: ConcaveEnvelope<Rational>
        do { envelope = try ConcaveEnvelope(points: points) } catch let e as NumericsError {
            throw SegmentationError.linearProgramFailed(context: "average-surplus concavification", detail: e.description)
        }
        return AverageSurplusConcavification(analysis: self, points: points, envelope: envelope)
    }
}

extension LinearEnvironment {
    /// The grid environment of App A.4: qualities maxQuality·j/k (j = 1..k)
    /// and cost c(a) = curvature·a²/2.
    ///
    /// - Complexity: O(n·k).
    /// - Throws: `.gridSizeTooSmall` unless k ≥ 1, `.nonPositiveMaxQuality` /
    ///   `.nonPositiveCurvature` unless positive, and the errors of
    ///   `LinearEnvironment.init` (e.g. a type with two efficient qualities).
    public static func quadraticCostGrid(types: [Rational], gridSize k: Int, maxQuality: Rational, curvature: Rational) throws -> LinearEnvironment {
        guard k >= 1 else {
            throw SegmentationError.gridSizeTooSmall(k: k)
        }
        guard maxQuality > .zero else {
            throw SegmentationError.nonPositiveMaxQuality(maxQuality)
        }
        guard curvature > .zero else {
            throw SegmentationError.nonPositiveCurvature(curvature)
        }
        let qualities = (1...k).map { maxQuality * Rational($0, k) }
        return try LinearEnvironment(types: types, qualities: qualities, costs: qualities.map { curvature * $0 * $0 / 2 })
    }
}

/// The Appendix A.4 quantities for a two-type linear environment, computed
/// by the general solvers.
public struct GridRefinementReport: Sendable {
    /// The exact classification of the environment's two-type markets.
    public let classification: TwoTypeClassification
    /// τ_0 < ... < τ_{k−1} (the family's interior breakpoints).
    public let thresholds: [Rational]
    /// CS(t_2, ·) on each open interval between consecutive thresholds
    /// (0, τ_0), (τ_0, τ_1), ..., (τ_last, 1).
    public let surplusLevels: [Rational]
    /// Whether every threshold belongs to the interval on its left (the
    /// paper's [0, τ_0], (τ_0, τ_1], ...): CS(t_2, τ_i) equals the level of (τ_{i−1}, τ_i).
    public let intervalsClosedOnTheRight: Bool
    /// Whether q·CS(t_2, q) on {0, τ_0, ..., τ_last} is strictly concave
    /// (every one of these points is a vertex of their upper concave envelope).
    public let concaveOnThresholds: Bool
    /// The markets considered: q < cutoff.
    public let cutoff: Rational
    /// sup over improvable markets q < cutoff of the largest increase in
    /// average CS from a Pareto-improving segmentation, and where it is approached.
    public let largestAverageGain: Rational
    /// The market (piece end point or kink) at which `largestAverageGain` is
    /// attained or approached (from inside the adjacent open piece).
    public let largestAverageGainAt: Rational
    /// The same supremum restricted to markets q ≤ τ_last (the intervals
    /// (τ_{k'−1}, τ_{k'}] with k' < k that the paper's argument covers).
    public let largestAverageGainUpToLastThreshold: Rational
    /// sup over improvable markets q < cutoff of the largest revenue increase.
    public let largestRevenueGain: Rational
    /// The same restricted to q ≤ τ_last.
    public let largestRevenueGainUpToLastThreshold: Rational

    /// Builds the report.
    ///
    /// The suprema are exact: on an improvable open piece the weakly
    /// dominating set W is fixed, so q ↦ envelope_W(q) − A(q) is concave and
    /// piecewise linear; its supremum over the piece (cut at `cutoff`) is
    /// attained or approached at an end point or a kink of the envelope.
    ///
    /// - Complexity: one two-type classification (O(k) pieces, each a few
    ///   selected mechanisms) plus O(k²) envelope work.
    /// - Throws: `.notTwoTypes` unless the environment has two types;
    ///   `.cutoffOutOfRange` unless 0 < cutoff ≤ 1;
    ///   `.linearProgramFailed`.
    public init(environment linear: LinearEnvironment, cutoff: Rational) throws {
        guard linear.types.count == 2 else {
            throw SegmentationError.notTwoTypes(found: linear.types.count)
        }
        guard cutoff > .zero, cutoff <= 1 else {
            throw SegmentationError.cutoffOutOfRange(cutoff)
        }
        let classification = try linear.environment.classifyTwoTypeMarkets()
        let analysis = classification.analysis
        let thresholds = analysis.breakpoints
        // Pieces alternate {0}, (0, τ_0), {τ_0}, ..., (τ_last, 1), {1}.
        var levels: [Rational] = []
        var closedRight = true
        for (index, piece) in analysis.pieces.enumerated() where !piece.isPoint {
            let level = piece.consumerSurplus[1]!
            levels.append(level)
            let right = analysis.pieces[index + 1]
            if right.upper < 1 && right.consumerSurplus[1]! != level { closedRight = false }
        }
        var thresholdPoints = [PlanePoint<Rational>(.zero, .zero)]
        for (i, tau) in thresholds.enumerated() { thresholdPoints.append(PlanePoint(tau, tau * levels[i])) }
        let envelope = try ConcaveEnvelope(points: thresholdPoints)
        let last = thresholds.last ?? .zero
        var bestAverage = Rational.zero, bestAverageAt = Rational.zero, bestRevenue = Rational.zero
        var bestAverageLow = Rational.zero, bestRevenueLow = Rational.zero
        for piece in classification.pieces where piece.classification.marketClass == .improvable {
            let p = piece.piece
            guard p.lower < cutoff else { continue }
            let hi = min(p.upper, cutoff)
            let envelopes = try TwoTypeClassification.envelopes(for: p, analysis: analysis)
            var candidates = p.isPoint ? [p.lower] : [p.lower, hi]
            candidates += envelopes.average.breakpoints.filter { $0 > p.lower && $0 < hi }
            candidates += envelopes.revenue.breakpoints.filter { $0 > p.lower && $0 < hi }
            for q in candidates {
                let m = try analysis.family.market(at: q)
                let avg = m.support.reduce(Rational.zero) { $0 + m[$1] * p.mechanism.surplus($1)! }
                let gain = try envelopes.average.value(at: q) - avg
                let revenueGain = try envelopes.revenue.value(at: q) - p.mechanism.revenue(in: m)
                if gain > bestAverage { bestAverage = gain; bestAverageAt = q }
                if revenueGain > bestRevenue { bestRevenue = revenueGain }
                if p.upper <= last {
                    bestAverageLow = max(bestAverageLow, gain)
                    bestRevenueLow = max(bestRevenueLow, revenueGain)
                }
            }
        }
        self.classification = classification
        self.thresholds = thresholds
        self.surplusLevels = levels
        self.intervalsClosedOnTheRight = closedRight
        self.concaveOnThresholds = envelope.vertices.count == thresholdPoints.count
        self.cutoff = cutoff
        self.largestAverageGain = bestAverage
        self.largestAverageGainAt = bestAverageAt
        self.largestAverageGainUpToLastThreshold = bestAverageLow
        self.largestRevenueGain = bestRevenue
        self.largestRevenueGainUpToLastThreshold = bestRevenueLow
    }
}

// MARK: - Figure 6: exact pieces of CS^k(t_2, ·), of q·CS^k(t_2, q) and its concavification

extension Mechanism {
    /// The surplus type t gets by choosing from the mechanism's menu
    /// {(x(s), p(s)) : s in the support} and the outside option:
    /// max(0, max_s ṽ(t, x(s)) − p(s)). For a type of the support of an IC-IR
    /// mechanism this is `surplus(t)`; for a type outside the support it is the
    /// surplus the type would get facing the market's menu (used for CS(t_2, 0)
    /// in Fig 6, where t_2 has zero weight). O(|support|·k).
    public func menuSurplus(_ t: Int) -> Rational {
        support.reduce(Rational.zero) { best, s in max(best, environment.net(t, allocation[s]!) - payment[s]!) }
    }
}

/// The exact pieces of one type's surplus along a family and of the average
/// consumer surplus with its concavification: Fig 6 (a) (the step function
/// CS^k(t_2, q)) and Fig 6 (c) (q·CS^k(t_2, q), solid, and its
/// concavification, dashed) of App A.4; Fig 1 and footnote 12 for Sec 3.1.1.
public struct SurplusPieces: Sendable {
    /// One piece of the family: a point (lower == upper) or an open interval.
    public struct Piece: Sendable, Hashable {
        /// The closure [lower, upper] of the piece.
        public let lower: Rational
        /// Upper end (equal to `lower` for a point).
        public let upper: Rational
        /// CS(t, ·) on the piece (constant); at a point where t has zero
        /// weight, t's surplus from the point's menu (`Mechanism.menuSurplus`).
        public let surplus: Rational
        /// The average consumer surplus Σ_t f_s(t) CS(t, f_s) at the lower end
        /// (the limit from inside an open piece: it is linear there).
        public let averageAtLower: Rational
        /// The same at the upper end.
        public let averageAtUpper: Rational
    }
    /// The type whose surplus is reported.
    public let type: Int
    /// The pieces {0}, (0, b_1), {b_1}, ..., {1} in increasing order.
    public let pieces: [Piece]
    /// The vertices of the upper concave envelope of the average consumer
    /// surplus over the whole family [0, 1] (`averageSurplusConcavification`).
    public let concavification: [PlanePoint<Rational>]
    /// The vertices of its upper concave envelope over [0, b_last], the family
    /// up to its last breakpoint (App A.4: for a market in (τ_{k′−1}, τ_{k′}]
    /// Pareto-improving segments lie in [0, τ_{k′}]; Fig 6 (c) dashes the
    /// concavification over all thresholds, k′ = k − 1). Equal to
    /// `concavification` when there is no breakpoint.
    public let concavificationUpToLastBreakpoint: [PlanePoint<Rational>]
    /// Whether each vertex of `concavificationUpToLastBreakpoint` is attained
    /// by the average surplus at that market itself (not only as a limit).
    public let concavificationVertexAttained: [Bool]
}

extension FamilyAnalysis {
    /// The exact pieces of type t's surplus and of the average surplus, with
    /// the concavification's vertices.
    ///
    /// - Complexity: O(pieces·n) plus the envelope.
    /// - Throws: `.typeOutOfRange` for t outside the environment.
    public func surplusPieces(of t: Int) throws -> SurplusPieces {
        guard t >= 0, t < environment.typeCount else {
            throw SegmentationError.typeOutOfRange(type: t, types: environment.typeCount)
        }
        func average(_ p: FamilyPiece, _ s: Rational) throws -> Rational {
            let m = try family.market(at: s)
            return m.support.reduce(Rational.zero) { $0 + m[$1] * p.mechanism.surplus($1)! }
        }
        let pieces = try self.pieces.map { p in
            SurplusPieces.Piece(lower: p.lower, upper: p.upper, surplus: p.mechanism.surplus(t) ?? p.mechanism.menuSurplus(t),
                                averageAtLower: try average(p, p.lower), averageAtUpper: try average(p, p.upper))
        }
        let whole = try averageSurplusConcavification()
        let bound = breakpoints.last ?? 1
        let restricted: [PlanePoint<Rational>]
        do { restricted = try ConcaveEnvelope(points: whole.points.filter { $0.x <= bound }).vertices } catch let e as NumericsError {
            throw SegmentationError.linearProgramFailed(context: "average-surplus concavification", detail: e.description)
        }
        let attained = try restricted.map { try averageConsumerSurplus(at: $0.x) == $0.y }
        return SurplusPieces(type: t, pieces: pieces, concavification: whole.envelope.vertices,
                             concavificationUpToLastBreakpoint: restricted, concavificationVertexAttained: attained)
    }
}

extension ContinuumQuadraticEnvironment {
    /// Type t's surplus choosing from the optimal menu of `market` (quality
    /// q_s at the price t_s·q_s − U_s for each type s of the support) and the
    /// outside option: max(0, max_s (t − t_s) q_s + U_s). Equals U_t on the support;
    /// off it, the surplus of a type facing the market's menu (CS(t_2, 0) in
    /// Fig 6 (b)). O(n).
    /// Throws `.marketSizeMismatch` for a wrong length, `.typeOutOfRange` for t out of range.
    public func menuSurplus(of t: Int, in market: Market) throws -> Rational {
        guard t >= 0, t < types.count else {
            throw SegmentationError.typeOutOfRange(type: t, types: types.count)
        }
        let o = try optimum(for: market)
        return market.support.reduce(Rational.zero) { best, s in max(best, (types[t] - types[s]) * o.quality[s]! + o.surplus[s]!) }
    }
}

// MARK: - The concavification restricted to Pareto-improving segmentations

extension TwoTypeClassification {
    /// The concave envelope at q of the average consumer surplus restricted to
    /// the markets that weakly Pareto dominate q (the closure of W(q): no
    /// type's surplus falls, e.g. t₂'s in App A.4): the supremum of the average
    /// CS over segmentations of q whose segments all weakly dominate q. It lies
    /// between A(q) and the unrestricted envelope of footnote 12, and for an
    /// improvable q it is A(q) plus `largestAverageSurplusGain`.
    ///
    /// - Complexity: O(pieces·n) plus one envelope.
    /// - Throws: `.familyPositionOutOfRange` outside [0, 1].
    public func paretoRestrictedAverageSurplusEnvelope(at q: Rational) throws -> Rational {
        let own = try analysis.piece(containing: q)
        let envelope = try TwoTypeClassification.envelopes(for: own, analysis: analysis).average
        do { return try envelope.value(at: q) } catch is NumericsError {
            throw SegmentationError.familyPositionOutOfRange(s: q)
        }
    }
}
