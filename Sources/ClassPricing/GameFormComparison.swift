import Numerics

// Finding 4: the two game forms compared by their total loss at pricing cost r,
//   L_f(r) = EL_f(K_f(r)) + K_f(r)·r,
// where K_f(r) maximises the designer's ex ante payoff_f(K) − K·r (ties to the
// smaller K, `GameFormAnalysis.chosenK`). Each L_f is affine in r between the
// pricing costs where K_f(r) can change, r = (payoff(k) − payoff(j))/(k − j),
// j < k (the crossing points of the lines payoff(K) − K·r). So the set of r ≥ 0
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

    /// Solves both game forms (ε → 0 convention) for K = 1 … V.
    /// - Throws: as `BilateralTrade.analyse`.
    public init(_ env: BilateralTrade<T>) throws {
        sellerDesign = try env.analyse(.sellerDesignBuyerChoice)
        buyerDesign = try env.analyse(.buyerDesignSellerChoice)
        tolerance = env.tolerance
    }

    /// Two solved forms (tests build synthetic ones).
    init(sellerDesign: GameFormAnalysis<T>, buyerDesign: GameFormAnalysis<T>, tolerance: T = .zero) {
        self.sellerDesign = sellerDesign; self.buyerDesign = buyerDesign; self.tolerance = tolerance
    }

    /// L_seller(r) − L_buyer(r): negative when Seller-Design-Buyer-Choice is more efficient.
    public func lossDifference(r: T) -> T { sellerDesign.totalLoss(r: r) - buyerDesign.totalLoss(r: r) }

    /// The pricing costs r ≥ 0 where either designer's choice of K may change, with 0, sorted, distinct.
    public var breakpoints: [T] {
        var points: [T] = [.zero]
        for a in [sellerDesign, buyerDesign] {
            let pay = a.solutions.map(\.designerPayoff)
            for k in pay.indices { for j in 0..<k {
                let r = (pay[k] - pay[j]) / T(k - j)
                if r > .zero { points.append(r) }
            } }
        }
        return Array(Set(points)).sorted()
    }

    /// The set of r ≥ 0 where the two total losses are equal, as maximal disjoint
    /// intervals in increasing order (exact for `Rational`). Built piece by piece:
    /// at every breakpoint and on every open interval between consecutive
    /// breakpoints (and beyond the last) both chosen K are constant, so the loss
    /// difference is α + β r there and vanishes on the whole piece (β = α = 0),
    /// at one point (r = −α/β) or nowhere.
    /// - Complexity: O(B · V) for B breakpoints.
    public func tieSet() -> [CostInterval<T>] {
        let b = breakpoints
        var pieces: [CostInterval<T>] = []
        func isZero(_ x: T) -> Bool { abs(x) <= tolerance }
        for (i, lo) in b.enumerated() {
            if isZero(lossDifference(r: lo)) { pieces.append(CostInterval(lower: lo, upper: lo, lowerClosed: true, upperClosed: true)) }
            let hi: T? = i + 1 < b.count ? b[i + 1] : nil
            let mid = hi.map { (lo + $0) / T(2) } ?? lo + T(1)
            let ks = sellerDesign.chosenK(r: mid), kb = buyerDesign.chosenK(r: mid)
            let alpha = sellerDesign.solutions[ks - 1].efficiencyLoss - buyerDesign.solutions[kb - 1].efficiencyLoss
            let beta = T(ks - kb)
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
}
