import Numerics

// Finding 4: the two game forms compared by their total loss at pricing cost r,
//   L_f(r) = EL_f(K_f(r)) + K_f(r)·r,
// where K_f(r) maximises the designer's ex ante payoff_f(K) − K·r (ties by the
// `ClassCountTieBreaking` convention, `GameFormAnalysis.chosenK`); when she
// chooses K interim, L_f(r) = Σ_t P(t)[EL_{f,t}(K_t(r)) + K_t(r)·r] with each type's
// K_t(r) (`ClassCountTiming`). Each L_f is affine in r between the
// pricing costs where some K can change, r = (payoff(k) − payoff(j))/(k − j),
// j < k (the crossing points of the lines payoff(K) − K·r, per type if interim). So the set of r ≥ 0
// where the two losses tie is a finite union of points and intervals with
// endpoints in those crossings and the roots of the affine differences: exact
// for rational γ.

/// A set of pricing costs {r : lower ≤ r ≤ upper} with each end open or closed;
/// `upper == nil` means unbounded above. A single point has lower == upper, both closed.
public struct CostInterval<T: OrderedField>: Sendable, Equatable {
    public let lower: T
    public let upper: T?
    public let lowerClosed: Bool
    public let upperClosed: Bool

    public init(lower: T, upper: T?, lowerClosed: Bool, upperClosed: Bool) {
        self.lower = lower; self.upper = upper; self.lowerClosed = lowerClosed; self.upperClosed = upperClosed
    }

    /// Whether r lies in the interval.
    public func contains(_ r: T) -> Bool {
        (lowerClosed ? r >= lower : r > lower) && (upper.map { upperClosed ? r <= $0 : r < $0 } ?? true)
    }

    /// "[0, 1/240]", "(1/48, ∞)", "{1/3}".
    public var description: String {
        if let u = upper, u == lower { return "{\(lower)}" }
        return (lowerClosed ? "[" : "(") + "\(lower), " + (upper.map { "\($0)" } ?? "∞") + (upperClosed && upper != nil ? "]" : ")")
    }
}

/// Seller-Design-Buyer-Choice and Buyer-Design-Seller-Choice in one environment.
public struct GameFormComparison<T: OrderedField>: Sendable {
    public let sellerDesign: GameFormAnalysis<T>
    public let buyerDesign: GameFormAnalysis<T>
    /// Tie tolerance (0 for exact T).
    let tolerance: T

    /// Solves both game forms for K = 1 … V under `conventions` (default: the
    /// Appendix's ε → 0 convention, see `GameFormConventions`).
    /// - Throws: as `BilateralTrade.analyse`.
    public init(_ env: BilateralTrade<T>, conventions: GameFormConventions<T> = GameFormConventions()) throws {
        sellerDesign = try env.analyse(.sellerDesignBuyerChoice, conventions: conventions)
        buyerDesign = try env.analyse(.buyerDesignSellerChoice, conventions: conventions)
        tolerance = env.tolerance
    }

    /// Two solved forms (tests build synthetic ones).
    init(sellerDesign: GameFormAnalysis<T>, buyerDesign: GameFormAnalysis<T>, tolerance: T = .zero) {
        self.sellerDesign = sellerDesign; self.buyerDesign = buyerDesign; self.tolerance = tolerance
    }

    /// The same solved forms with the designer choosing K by other rules (the
    /// solutions for each K do not depend on how K is chosen, so nothing is re-solved).
    public func choosingK(ties: ClassCountTieBreaking, timing: ClassCountTiming) -> GameFormComparison<T> {
        func rewrap(_ a: GameFormAnalysis<T>) -> GameFormAnalysis<T> {
            GameFormAnalysis(form: a.form, solutions: a.solutions, classCountTies: ties, timing: timing)
        }
        return GameFormComparison(sellerDesign: rewrap(sellerDesign), buyerDesign: rewrap(buyerDesign), tolerance: tolerance)
    }

    /// L_seller(r) − L_buyer(r): negative when Seller-Design-Buyer-Choice is more efficient.
    @_specialize(where T == Rational)
    @_specialize(where T == Double)
    public func lossDifference(r: T) -> T { sellerDesign.totalLoss(r: r) - buyerDesign.totalLoss(r: r) }

    /// The pricing costs r ≥ 0 where either designer's choice of K may change
    /// (for any of her types when she chooses K interim), with 0, sorted, distinct.
    public var breakpoints: [T] {
        Array(Set([.zero] + sellerDesign.classCountBreakpoints + buyerDesign.classCountBreakpoints)).sorted()
    }

    /// The set of r ≥ 0 where the two total losses are equal, as maximal disjoint
    /// intervals in increasing order (exact for `Rational`). Built piece by piece:
    /// at every breakpoint and on every open interval between consecutive
    /// breakpoints (and beyond the last) both chosen K (every type's, interim)
    /// are constant, so the loss difference is α + β r there (β = E[K_s] − E[K_b]) and vanishes on the whole piece (β = α = 0),
    /// at one point (r = −α/β) or nowhere.
    /// - Complexity: O(B · V) for B breakpoints.
    @_specialize(where T == Rational)
    @_specialize(where T == Double)
    public func tieSet() -> [CostInterval<T>] {
        let b = breakpoints
        var pieces: [CostInterval<T>] = []
        func isZero(_ x: T) -> Bool { abs(x) <= tolerance }
        for (i, lo) in b.enumerated() {
            if isZero(lossDifference(r: lo)) { pieces.append(CostInterval(lower: lo, upper: lo, lowerClosed: true, upperClosed: true)) }
            let hi: T? = i + 1 < b.count ? b[i + 1] : nil
            let mid = hi.map { (lo + $0) / T(2) } ?? lo + T(1)
            let alpha = sellerDesign.efficiencyLoss(r: mid) - buyerDesign.efficiencyLoss(r: mid)
            let beta = sellerDesign.expectedK(r: mid) - buyerDesign.expectedK(r: mid)
            if beta == .zero {
                if isZero(alpha) { pieces.append(CostInterval(lower: lo, upper: hi, lowerClosed: false, upperClosed: false)) }
            } else {
                let root = -alpha / beta
                if root > lo && hi.map({ root < $0 }) ?? true {
                    pieces.append(CostInterval(lower: root, upper: root, lowerClosed: true, upperClosed: true))
                }
            }
        }
        // Merge pieces that touch (a shared end closed in at least one of them).
        var merged: [CostInterval<T>] = []
        for p in pieces {
            if let last = merged.last, let u = last.upper, u == p.lower, last.upperClosed || p.lowerClosed {
                merged[merged.count - 1] = CostInterval(lower: last.lower, upper: p.upper, lowerClosed: last.lowerClosed,
                                                        upperClosed: p.upperClosed)
            } else { merged.append(p) }
        }
        return merged
    }

    /// Which form is more efficient at every r ≥ 0 (Finding 4's "for any r ≥ 0"):
    /// the signs L_s − L_b takes over r ≥ 0. The difference is affine on each
    /// piece between breakpoints, so splitting the pieces at their roots leaves
    /// open intervals of constant sign: its value at every breakpoint, root,
    /// midpoint between consecutive ones and one point beyond the last gives
    /// every sign it takes (exact for `Rational`).
    @_specialize(where T == Rational)
    @_specialize(where T == Double)
    public func dominance() -> GameFormDominance {
        let b = breakpoints
        var points = b
        for (i, lo) in b.enumerated() {
            let hi: T? = i + 1 < b.count ? b[i + 1] : nil
            let mid = hi.map { (lo + $0) / T(2) } ?? lo + T(1)
            let beta = sellerDesign.expectedK(r: mid) - buyerDesign.expectedK(r: mid)
            guard abs(beta) > tolerance else { continue }
            let root = mid - lossDifference(r: mid) / beta
            if root > lo && hi.map({ root < $0 }) ?? true { points.append(root) }
        }
        points = Array(Set(points)).sorted()
        var samples = points
        for (x, y) in zip(points, points.dropFirst()) { samples.append((x + y) / T(2)) }
        samples.append(points.last! + T(1))
        var sellerBetter = false, buyerBetter = false
        for r in samples {
            let d = lossDifference(r: r)
            if d < -tolerance { sellerBetter = true } else if d > tolerance { buyerBetter = true }
        }
        switch (sellerBetter, buyerBetter) {
        case (false, false): return .tieEverywhere
        case (true, true): return .dependsOnR
        case (true, false): return .weakly(.sellerDesignBuyerChoice, strictEverywhere: tieSet().isEmpty)
        case (false, true): return .weakly(.buyerDesignSellerChoice, strictEverywhere: tieSet().isEmpty)
        }
    }
}

/// The comparison of two game forms over every pricing cost r ≥ 0.
public enum GameFormDominance: Sendable, Equatable {
    /// One form's loss is ≤ the other's at every r ≥ 0 and < at some r; strictly
    /// smaller at every r when `strictEverywhere`.
    case weakly(GameForm, strictEverywhere: Bool)
    /// Equal losses at every r ≥ 0.
    case tieEverywhere
    /// Each form is strictly more efficient at some r.
    case dependsOnR
}
