// Sec 3.3 (the price-posting game) and Sec 5.1 (posted-price opponents with
// correlated valuations): firm i's expected demand, revenue and the analytic
// first-order condition when every firm posts a price.
//
// Independent valuations (Sec 3.3):
//   ER_i(p_i, p_{−i}) = p_i Q_i,  Q_i = ∫_{p_i}^{θ̄_i} Π_{j≠i} F_j(θ − p_i + p_j) dF_i(θ):
// the agent with θ_i = θ buys from i when θ − p_i ≥ 0 and θ − p_i ≥ θ_j − p_j
// for every j, i.e. θ_j ≤ θ − p_i + p_j.
// Correlated duopoly (Sec 5.1, the winning probability P^p_i):
//   Q_1 = ∫_{p_1}^{θ̄_1} F_{2|1}(θ − p_1 + p_2 | θ) f_1(θ) dθ.
//
// Lemma A.3's decomposition of the own-price derivative of demand:
//   ∂Q_i/∂p_i = −C − Σ_{j≠i} Q_ij,  C = Π_{k≠i} F_k(p_k) f_i(p_i),
//   Q_ij = ∂Q_i/∂p_j = ∫_{p_i}^{θ̄_i} f_j(θ − p_i + p_j) Π_{k≠i,j} F_k(θ − p_i + p_k) dF_i(θ),
// so ∂ER_i/∂p_i = Q_i + p_i ∂Q_i/∂p_i. Its copula analogue:
//   C = F_{2|1}(p_2 | p_1) f_1(p_1),  Q_12 = ∫_{p_1}^{θ̄_1} f_{2|1}(θ − p_1 + p_2 | θ) f_1(θ) dθ.
//
// Own atoms (Examples 3.1 and 5.3 use two-point types) enter as finite sums
// over the atoms a: m_a Π_j F_j(a − p_i + p_j). Ties between firms and the
// zero-utility tie at a = p_i follow `TieBreaking`. The quadrature is split
// where the integrand is not smooth: where θ − p_i + p_j crosses 0, θ̄_j or a
// breakpoint of F_j, and at the own distribution's breakpoints.

import Distributions
import Numerics

/// The price-posting game of Sec 3.3 (n firms, independent valuations) or of
/// Sec 5.1 (a duopoly whose valuations are linked by a copula).
public struct PostedPriceMarket: Sendable {
    /// θ_i ~ F_i on [0, θ̄_i], one per firm.
    public let valuations: [TypeDistribution]
    /// The dependence of (θ_1, θ_2) (duopoly only; `.independent` for n > 2).
    public let copula: Copula
    public let tieBreaking: TieBreaking
    /// Cached per firm (evaluated on every revenue call): breakpoints, atoms, continuous mass.
    let breakpointLists: [[Double]]
    let atomLists: [[(value: Double, mass: Double)]]
    let continuousMasses: [Double]

    /// Quadrature tolerances (absolute and relative) for demand integrals.
    static let quadratureTolerance = 1e-12

    /// Validates: at least two firms (`.tooFewFirms`); a copula other than
    /// independence only for two firms (`.copulaNeedsDuopoly`) with atomless
    /// marginals (`.copulaNeedsContinuousLaw`); an FGM ρ ∈ [−1, 1] (`.fgmParameter`).
    public init(valuations: [TypeDistribution], copula: Copula = .independent, tieBreaking: TieBreaking = .weak) throws {
        try require(valuations.count >= 2, .tooFewFirms(valuations.count))
        if case let .fgm(rho) = copula {
            _ = try Copula.fgmChecked(rho: rho)
            try require(valuations.count == 2, .copulaNeedsDuopoly(firms: valuations.count))
            for (k, d) in valuations.enumerated() {
                try require(d.isContinuous, .copulaNeedsContinuousLaw(role: .firm(k), law: d.description))
            }
        }
        self.valuations = valuations
        self.copula = copula
        self.tieBreaking = tieBreaking
        breakpointLists = valuations.map(\.breakpoints)
        atomLists = valuations.map(\.atoms)
        continuousMasses = valuations.map(\.continuousMass)
    }

    /// The duopoly of Sec 5.1: firm 1's valuation is `pair.own`, firm 2's `pair.opponent`.
    public init(pair: ValuationPair, tieBreaking: TieBreaking = .weak) throws {
        try self.init(valuations: [pair.own, pair.opponent], copula: pair.copula, tieBreaking: tieBreaking)
    }

    public var firmCount: Int { valuations.count }

    /// θ̄_i for every firm.
    public var upperPrices: [Double] { valuations.map(\.upper) }

    /// `true` when every firm has the same valuation distribution (the
    /// independence and FGM copulas are exchangeable), so that the game is
    /// symmetric under permutations of the firms.
    public var isSymmetric: Bool { valuations.allSatisfy { $0 == valuations[0] } }

    // MARK: - Input checks

    /// Checks a firm index (0-based): `.noSuchFirm`.
    public func checkFirm(_ i: Int) throws {
        try require(i >= 0 && i < firmCount, .noSuchFirm(i, firms: firmCount))
    }

    /// Checks a price profile: one price per firm (`.priceCount`), p_k ∈ [0, θ̄_k] (`.priceOutsideSupport`).
    public func checkPrices(_ prices: [Double]) throws {
        try require(prices.count == firmCount, .priceCount(prices: prices.count, firms: firmCount))
        for (k, p) in prices.enumerated() {
            try require(p.isFinite && p >= 0 && p <= valuations[k].upper, .priceOutsideSupport(firm: k, price: p, upper: valuations[k].upper))
        }
    }

    // MARK: - Demand and revenue

    /// Q_i(p): the probability that the agent buys from firm i.
    public func demand(firm i: Int, prices: [Double]) throws -> Double {
        try checkFirm(i); try checkPrices(prices)
        return try demandUnchecked(firm: i, prices: prices)
    }

    /// ER_i(p) = p_i Q_i(p).
    public func revenue(firm i: Int, prices: [Double]) throws -> Double {
        try checkFirm(i); try checkPrices(prices)
        return try prices[i] * demandUnchecked(firm: i, prices: prices)
    }

    /// ∂ER_i/∂p_i with Lemma A.3's pieces (C, Q_ij), valid where ER_i is
    /// differentiable in p_i (away from own atoms at p_i and from ties with
    /// opponents' atoms).
    public func revenueSlope(firm i: Int, prices: [Double]) throws -> RevenueSlope {
        try checkFirm(i); try checkPrices(prices)
        return try slopeUnchecked(firm: i, prices: prices)
    }

    /// The probability that the agent prefers firm i to every opponent when
    /// θ_i = θ (independent: Π_j F_j(θ − p_i + p_j); copula: F_{j|i}(θ − p_i + p_j | θ)).
    /// (Ties have probability zero under an own density; own atoms use `winProbabilityAtAtom`.)
    @inline(__always)
    func winProbability(_ theta: Double, firm i: Int, prices p: [Double]) -> Double {
        if case .fgm = copula {
            let j = 1 - i
            let u = valuations[i].cdf(theta)
            let v = valuations[j].cdf(theta - p[i] + p[j])
            return copula.conditional(v, given: u)
        }
        var product = 1.0
        for j in 0..<p.count where j != i {
            let x = theta - p[i] + p[j]
            product *= valuations[j].cdf(x)
            if product == 0 { return 0 }
        }
        return product
    }

    /// Ties within this distance (relative to max(1, |x|)) count as exact ties
    /// at atoms: θ − p_i + p_j is computed in floating point (0.5 − 0.3 + 0.4 ≠ 0.6).
    static let tieSlack = 1e-12

    /// The winning probability at an own atom θ = a, with ties to opponents'
    /// atoms resolved by the tie-breaking rule: weak F_j(x) plus atoms in (x, x + ε],
    /// strict F_j(x⁻) minus atoms in [x − ε, x).
    func winProbabilityAtAtom(_ theta: Double, firm i: Int, prices p: [Double]) -> Double {
        var product = 1.0
        for j in 0..<p.count where j != i {
            let x = theta - p[i] + p[j]
            let eps = Self.tieSlack * max(1, abs(x))
            var value = tieBreaking == .strict ? valuations[j].cdfLeft(x) : valuations[j].cdf(x)
            for b in atomLists[j] where abs(b.value - x) <= eps && b.value != x {
                // An atom b within ε of x is an exact tie: weak counts it, strict does not.
                if tieBreaking == .weak && b.value > x { value += b.mass }
                if tieBreaking == .strict && b.value < x { value -= b.mass }
            }
            product *= min(1, max(0, value))
            if product == 0 { return 0 }
        }
        return product
    }

    /// ∂/∂p_j of the winning probability at θ (the density of the tie with firm j).
    @inline(__always)
    func winProbabilityDerivative(_ theta: Double, firm i: Int, opponent j: Int, prices p: [Double]) -> Double {
        if case .fgm = copula {
            let x = theta - p[i] + p[j]
            let u = valuations[i].cdf(theta)
            return valuations[j].pdf(x) * copula.density(u, valuations[j].cdf(x))
        }
        var product = valuations[j].pdf(theta - p[i] + p[j])
        if product == 0 { return 0 }
        for k in 0..<p.count where k != i && k != j {
            product *= valuations[k].cdf(theta - p[i] + p[k])
            if product == 0 { return 0 }
        }
        return product
    }

    /// Interior points of (p_i, θ̄_i) where the demand integrand may fail to be smooth.
    func kinks(firm i: Int, prices p: [Double]) -> [Double] {
        let lo = p[i], hi = valuations[i].upper
        var points = breakpointLists[i]
        for j in 0..<p.count where j != i {
            let shift = p[i] - p[j]
            points.append(shift)                          // θ − p_i + p_j = 0
            points.append(valuations[j].upper + shift)    // θ − p_i + p_j = θ̄_j
            for b in breakpointLists[j] { points.append(b + shift) }
        }
        points = points.filter { $0 > lo && $0 < hi }.sorted()
        var out: [Double] = []
        let gap = 1e-13 * max(1, hi)
        for x in points where out.last.map({ x - $0 > gap }) ?? (x - lo > gap) {
            if hi - x > gap { out.append(x) }
        }
        return out
    }

    /// ∫_{p_i}^{θ̄_i} g(θ) f_i(θ) dθ over the continuous part, split at the kinks.
    func integrateContinuous(firm i: Int, prices p: [Double], _ g: (Double) -> Double) throws -> Double {
        let own = valuations[i]
        let lo = p[i], hi = own.upper
        guard lo < hi, continuousMasses[i] > 0 else { return 0 }
        let tol = Self.quadratureTolerance
        return try Quadrature.integrate({ g($0) * own.pdf($0) }, from: lo, to: hi,
                                        absoluteTolerance: tol, relativeTolerance: tol,
                                        breakpoints: kinks(firm: i, prices: p)).value
    }

    /// The own atoms at which firm i can sell at price p_i (a ≥ p_i, or a > p_i under strict tie-breaking).
    func sellingAtoms(firm i: Int, price: Double) -> [(value: Double, mass: Double)] {
        let eps = Self.tieSlack * max(1, price)
        return atomLists[i].filter { tieBreaking == .weak ? $0.value >= price - eps : $0.value > price + eps }
    }

    /// θ ↦ winning probability at θ, with the distributions captured once
    /// (the hot path of every revenue evaluation; same values as `winProbability`).
    func winProbabilityFunction(firm i: Int, prices p: [Double]) -> (Double) -> Double {
        if p.count == 2 {
            let j = 1 - i
            let own = valuations[i], opp = valuations[j]
            let shift = p[j] - p[i]
            if case let .fgm(rho) = copula {
                return { theta in
                    let v = opp.cdf(theta + shift)
                    return v * (1 + rho * (1 - 2 * own.cdf(theta)) * (1 - v))   // ∂C/∂u of the FGM copula
                }
            }
            return { theta in opp.cdf(theta + shift) }
        }
        // Parallel arrays read in place (iterating (law, shift) tuples copies, and retains, each law).
        let others = (0..<p.count).filter { $0 != i }
        let laws = others.map { valuations[$0] }, shifts = others.map { p[$0] - p[i] }
        return { theta in
            var product = 1.0
            for k in laws.indices {
                product *= laws[k].cdf(theta + shifts[k])
                if product == 0 { return 0 }
            }
            return product
        }
    }

    func demandUnchecked(firm i: Int, prices p: [Double]) throws -> Double {
        var q = try integrateContinuous(firm: i, prices: p, winProbabilityFunction(firm: i, prices: p))
        for a in sellingAtoms(firm: i, price: p[i]) {
            q += a.mass * winProbabilityAtAtom(a.value, firm: i, prices: p)
        }
        return q
    }

    func revenueUnchecked(firm i: Int, prices p: [Double]) throws -> Double {
        p[i] == 0 ? 0 : p[i] * (try demandUnchecked(firm: i, prices: p))
    }

    /// ER_i with an error bound, for screening a best-response grid
    /// (`Optimize.maximizeGlobal(_:screen:…)`): the continuous part of Q_i by
    /// `Quadrature.screen` (a loose-tolerance integral with a conservative
    /// bound; same integrand and kinks as `integrateContinuous`), the atoms as
    /// in `demandUnchecked`; the bound is p_i times the quadrature bound plus
    /// a few ulps of rounding. A screen that fails returns (NaN, ∞): the scan
    /// then evaluates ER_i itself.
    func revenueScreen(firm i: Int, prices p: [Double]) -> (estimate: Double, bound: Double) {
        if p[i] == 0 { return (0, 0) }
        let own = valuations[i]
        let lo = p[i], hi = own.upper
        var q = 0.0, bound = 0.0
        if lo < hi, continuousMasses[i] > 0 {
            let g = winProbabilityFunction(firm: i, prices: p)
            guard let r = try? Quadrature.screen({ g($0) * own.pdf($0) }, from: lo, to: hi, breakpoints: kinks(firm: i, prices: p))
            else { return (.nan, .infinity) }
            q = r.value
            bound = r.errorEstimate
        }
        for a in sellingAtoms(firm: i, price: p[i]) {
            q += a.mass * winProbabilityAtAtom(a.value, firm: i, prices: p)
        }
        let value = p[i] * q
        return (value, p[i] * bound + 8 * Double.ulpOfOne * (abs(value) + 1e-300))
    }

    func slopeUnchecked(firm i: Int, prices p: [Double]) throws -> RevenueSlope {
        let q = try demandUnchecked(firm: i, prices: p)
        let own = valuations[i]
        let boundary = p[i] <= own.upper ? winProbability(p[i], firm: i, prices: p) * own.pdf(p[i]) : 0
        var cross = [Double](repeating: 0, count: firmCount)
        for j in 0..<firmCount where j != i {
            var qij = try continuousCrossDemand(firm: i, opponent: j, prices: p)
            for a in sellingAtoms(firm: i, price: p[i]) {
                qij += a.mass * winProbabilityDerivative(a.value, firm: i, opponent: j, prices: p)
            }
            cross[j] = qij
        }
        return RevenueSlope(price: p[i], demand: q, boundary: boundary, crossDemand: cross)
    }
}

extension PostedPriceMarket {
    /// The density part of Q_ij = ∫_{p_i}^{θ̄_i} ∂/∂p_j [winning probability at θ] f_i(θ) dθ.
    ///
    /// Directly when the opponent's density is bounded. When it is singular at
    /// an end of its support (Beta with a < 1 or b < 1: most of its mass sits in
    /// a neighbourhood of the singularity that no quadrature resolves), a
    /// duopoly uses integration by parts with W(θ) = the winning probability at θ:
    ///   independent: Q_ij = [W f_i]_{p_i}^{θ̄_i} − ∫ W f_i′ dθ  (dW/dθ = f_j(θ − p_i + p_j)),
    ///   copula:      Q_12 = [W f_1]_{p_1}^{θ̄_1} − ∫ W f_1′ dθ − ∫ ∂_θF_{2|1}(θ − p_1 + p_2 | θ) f_1(θ) dθ
    /// (dW/dθ = f_{2|1} + ∂_θF_{2|1}), which integrates only cdfs and f_i′
    /// (valid when f_i is bounded on [p_i, θ̄_i] and continuous inside).
    func continuousCrossDemand(firm i: Int, opponent j: Int, prices p: [Double]) throws -> Double {
        let opp = valuations[j], own = valuations[i]
        let singular = !opp.pdf(0).isFinite || !opp.pdf(opp.upper).isFinite
        let lo = p[i], hi = own.upper
        if singular && firmCount == 2 && lo < hi && continuousMasses[i] > 0
            && own.pdf(lo).isFinite && own.pdf(hi).isFinite && own.pdfDerivative(lo).isFinite {
            let w = winProbabilityFunction(firm: i, prices: p)
            let tol = Self.quadratureTolerance
            var value = w(hi) * own.pdf(hi) - w(lo) * own.pdf(lo)
            value -= try Quadrature.integrate({ w($0) * own.pdfDerivative($0) }, from: lo, to: hi,
                                              absoluteTolerance: tol, relativeTolerance: tol,
                                              breakpoints: kinks(firm: i, prices: p)).value
            if case .fgm = copula {
                let shift = p[j] - p[i]
                value -= try Quadrature.integrate({ theta in
                    own.pdf(theta) * own.pdf(theta) * self.copula.conditionalDerivative(opp.cdf(theta + shift), given: own.cdf(theta))
                }, from: lo, to: hi, absoluteTolerance: tol, relativeTolerance: tol, breakpoints: kinks(firm: i, prices: p)).value
            }
            return value
        }
        return try integrateContinuous(firm: i, prices: p) { winProbabilityDerivative($0, firm: i, opponent: j, prices: p) }
    }
}

/// Lemma A.3's decomposition at one price profile, for one firm i.
public struct RevenueSlope: Sendable, Equatable {
    /// p_i.
    public let price: Double
    /// Q_i.
    public let demand: Double
    /// C = Π_{k≠i} F_k(p_k) f_i(p_i) (copula: F_{2|1}(p_2 | p_1) f_1(p_1)): the
    /// density of marginal buyers with zero utility.
    public let boundary: Double
    /// Q_ij = ∂Q_i/∂p_j for every firm j (0 at j = i).
    public let crossDemand: [Double]

    /// ER_i = p_i Q_i.
    public var revenue: Double { price * demand }
    /// ∂Q_i/∂p_i = −C − Σ_j Q_ij.
    public var ownDemandSlope: Double { -boundary - crossDemand.reduce(0, +) }
    /// ∂ER_i/∂p_i = Q_i + p_i ∂Q_i/∂p_i (the first-order condition is that this vanishes).
    public var revenueSlope: Double { demand + price * ownDemandSlope }
    /// ∂ER_i/∂p_j = p_i Q_ij.
    public func crossRevenueSlope(_ j: Int) -> Double { price * crossDemand[j] }
}
