// Sec 3.1: posting a menu is equivalent to choosing a non-decreasing
// allocation rule q : [0, θ̄] → [0, 1]; U(θ) = ∫₀^θ q (U(0) = 0), the
// transfer is t(θ) = θ q(θ) − U(θ) ≥ 0, and the expected revenue is
//     ER = ∫ t(θ) P(θ, U(θ)) dF(θ)                                  (3)
// (Sec 5.1's P(θ, ·) for correlated types). This file evaluates ER exactly
// (up to adaptive quadrature) for piecewise-affine non-decreasing rules —
// finite menus, posted prices, the ramp menu of Example 5.2, the lattice
// menus of the dynamic program — splitting the integral where U crosses the
// opponents' utility levels or utilities, and summing atoms exactly. It also
// finds the best posted price against the same opponents.

import Foundation
import Distributions
import Numerics

/// A non-decreasing allocation rule made of affine pieces: on [start_k, start_{k+1})
/// q(θ) = allocation_k + slope_k·(θ − start_k). Pieces with slope 0 are single
/// contracts; the rule is right-continuous (at a jump the agent takes the higher
/// allocation, which is the higher transfer: Sec 2's tie rule within a menu).
public struct AllocationRule: Sendable {
    public struct Piece: Sendable, Equatable {
        public let start: Double
        public let allocation: Double
        public let slope: Double
        /// The exact contract when the menu was given by its contracts.
        public let contract: Contract?
    }

    public let pieces: [Piece]
    /// U(θ) = ∫₀^θ q.
    let utility: PiecewiseUtility

    /// Validates a rule on [0, upper]: starts increasing from 0, slopes ≥ 0,
    /// q ∈ [0, 1] and non-decreasing (`.ruleShape`, `.ruleFirstKnot`, `.ruleKnotOrder`,
    /// `.ruleSlope`, `.ruleAllocationRange`, `.ruleDecreasing`).
    public init(starts: [Double], allocations: [Double], slopes: [Double], upper: Double) throws {
        try require(!starts.isEmpty && starts.count == allocations.count && starts.count == slopes.count,
                    .ruleShape(knots: starts.count, values: allocations.count, slopes: slopes.count))
        try require(starts[0] == 0, .ruleFirstKnot(starts[0]))
        var previousEnd = 0.0
        for k in starts.indices {
            if k > 0 { try require(starts[k] > starts[k - 1], .ruleKnotOrder(index: k, knot: starts[k], previous: starts[k - 1])) }
            try require(slopes[k].isFinite && slopes[k] >= 0, .ruleSlope(piece: k, slope: slopes[k]))
            let end = k + 1 < starts.count ? starts[k + 1] : max(upper, starts[k])
            let qEnd = allocations[k] + slopes[k] * (end - starts[k])
            try require(allocations[k].isFinite && allocations[k] >= 0 && qEnd <= 1 + 1e-12,
                        .ruleAllocationRange(piece: k, from: allocations[k], to: qEnd))
            try require(allocations[k] >= previousEnd - 1e-12, .ruleDecreasing(piece: k, allocation: allocations[k], previous: previousEnd))
            previousEnd = qEnd
        }
        self.init(pieces: starts.indices.map { Piece(start: starts[$0], allocation: allocations[$0], slope: slopes[$0], contract: nil) })
    }

    init(pieces: [Piece]) {
        self.pieces = pieces
        utility = PiecewiseUtility(starts: pieces.map(\.start), allocations: pieces.map(\.allocation), allocationSlopes: pieces.map(\.slope))
    }

    /// The rule induced by a finite menu {(0, 0), (q_k, t_k)} (upper envelope, eq. (1)).
    public init(contracts: [Contract]) throws {
        for (k, c) in contracts.enumerated() {
            try require(c.allocation.signum >= 0 && c.allocation <= 1, .contractAllocation(contract: k, allocation: c.allocation))
            try require(c.transfer.signum >= 0, .contractTransfer(contract: k, transfer: c.transfer))
        }
        let env = UpperEnvelope(contracts)
        self.init(pieces: env.starts.indices.map { k in
            Piece(start: env.starts[k], allocation: env.chosen[k]?.q ?? 0, slope: 0, contract: env.chosen[k])
        })
    }

    /// The posted-price menu {(0, 0), (1, p)}.
    public static func posted(_ price: Double) -> AllocationRule {
        if price <= 0 { return AllocationRule(pieces: [Piece(start: 0, allocation: 1, slope: 0, contract: nil)]) }
        return AllocationRule(pieces: [Piece(start: 0, allocation: 0, slope: 0, contract: nil),
                                       Piece(start: price, allocation: 1, slope: 0, contract: nil)])
    }

    /// Piecewise-constant rule from cells (consecutive equal allocations merged).
    init(cellStarts: [Double], allocations: [Double]) {
        var ps: [Piece] = []
        for k in cellStarts.indices where ps.isEmpty || allocations[k] != ps[ps.count - 1].allocation {
            ps.append(Piece(start: cellStarts[k], allocation: allocations[k], slope: 0, contract: nil))
        }
        if ps.isEmpty || ps[0].start != 0 { ps.insert(Piece(start: 0, allocation: 0, slope: 0, contract: nil), at: 0) }
        self.init(pieces: ps)
    }

    /// q(θ) (right-continuous).
    public func allocation(_ theta: Double) -> Double { utility.allocation(theta) }
    /// U(θ) = ∫₀^θ q.
    public func utility(_ theta: Double) -> Double { utility.value(theta) }
    /// t(θ) = θ q(θ) − U(θ).
    public func transfer(_ theta: Double) -> Double { max(0, theta) * allocation(theta) - utility(theta) }

    /// The text form: "posted(p)", "menu([(q, t), …])", "binding([q_1, …, q_K])"
    /// (own atoms θ_1 < … < θ_K: the lowest type's IR and every adjacent
    /// downward IC binding, t_1 = θ_1 q_1, t_k = t_{k−1} + θ_k (q_k − q_{k−1}):
    /// Example 3.1's M̃(q_L) is binding([q_L, 1])), or
    /// "rule(knots=[…], values=[…], slopes=[…])" (piecewise-affine q).
    /// Numbers may use the variable x.
    public init(parsing text: String, own: TypeDistribution, x: Rational? = nil) throws {
        var p = MenuTextParser(text: text, form: .ownMenu, x: x)
        let save = p
        let name = p.identifier()
        switch MenuKeyword(rawValue: name) {
        case .binding?:
            let what = "the binding allocations"
            try p.expect("(", what)
            p.optionalLabel(.q)
            let qs = try p.numberList(what)
            try p.expect(")", what)
            try p.expectEnd()
            let atoms = own.atoms
            try require(own.continuousMass <= 1e-12 && atoms.count == qs.count, .bindingAllocationCount(allocations: qs.count, atoms: atoms.count))
            var contracts: [Contract] = []
            var previousQ = Rational.zero, transfer = Rational.zero
            for (k, q) in qs.enumerated() {
                try require(q.signum >= 0 && q <= 1 && q >= previousQ, .bindingAllocation(index: k, allocation: q))
                let theta = Rational(exactDecimal: atoms[k].value)
                transfer = transfer + theta * (q - previousQ)
                previousQ = q
                contracts.append(Contract(allocation: q, transfer: transfer))
            }
            try self.init(contracts: contracts)
        case .rule?:
            try p.expect("(", "the knots")
            p.optionalLabel(.knots)
            let knots = try p.numberList("the knots")
            try p.expect(",", "the values")
            p.optionalLabel(.values)
            let values = try p.numberList("the values")
            try p.expect(",", "the slopes")
            p.optionalLabel(.slopes)
            let slopes = try p.numberList("the slopes")
            try p.expect(")", "the slopes")
            try p.expectEnd()
            try self.init(starts: knots.map(\.doubleValue), allocations: values.map(\.doubleValue),
                          slopes: slopes.map(\.doubleValue), upper: own.upper)
        default:
            p = save
            let form = try p.opponentForm()
            try p.expectEnd()
            switch form {
            case let .posted(price):
                try require(price.signum >= 0, .negativePrice(price))
                try self.init(contracts: [Contract(allocation: 1, transfer: price)])
            case let .finite(cs): try self.init(contracts: cs)
            case .none: try self.init(contracts: [])
            case .tariff: throw CompetitiveScreeningError.tariffAsOwnMenu(text: text)
            }
        }
    }
}

extension Rational {
    /// The decimal a Double was written as in a spec ("0.3" → 3/10): exact
    /// for the short decimals specs use (Double's shortest round-trip text).
    init(exactDecimal x: Double) {
        self = (try? Rational(parsing: "\(x)")) ?? Rational(exactly: x) ?? .zero
    }
}

/// What one contract (or one continuum piece of the rule) does.
public struct ContractOutcome: Sendable, Equatable {
    /// Allocation and transfer (for a continuum piece: at its lowest type).
    public let allocation: Double
    public let transfer: Double
    /// The own types choosing it: [from, to).
    public let from: Double
    public let to: Double
    /// True for a piece with a continuum of contracts (slope > 0).
    public let isContinuum: Bool
    /// Own probability mass choosing it.
    public let chosen: Double
    /// Probability that it is chosen and firm i wins.
    public let winning: Double
    /// Its contribution to ER.
    public let revenue: Double
}

/// The outcome of a menu against fixed opponents.
public struct MenuEvaluation: Sendable {
    /// ER (3).
    public let revenue: Double
    /// Active contracts (chosen with positive probability, allocation > 0), by type.
    public let contracts: [ContractOutcome]
    /// Own probability mass on interior allocations 0 < q < 1.
    public let interiorMass: Double
    /// Probability that the agent contracts with firm i (q > 0 and firm i wins).
    public let winningMass: Double
    /// The lowest own type with q > 0 that wins with positive probability (nil: none).
    public let lowestWinningType: Double?
}

/// The best posted price against fixed opponents.
public struct PostedPriceBenchmark: Sendable {
    /// The revenue-maximising price (when the supremum is not attained: the price it is approached from below).
    public let price: Double
    /// The supremum of posted-price revenue.
    public let revenue: Double
    /// Whether some posted price attains it under the tie-breaking rule.
    public let attained: Bool
    /// The lowest own type buying and winning at `price` (the marginal type), nil if none.
    public let marginalType: Double?
}

extension WinningProbability {
    /// ER of the rule and its contracts' shares. Continuous parts by adaptive
    /// Gauss–Kronrod on the pieces between breakpoints (rule pieces, density
    /// kinks and peaks, the types where U crosses an opponent level or a
    /// rival's utility); atoms summed exactly. `detailed: false` skips the
    /// shares (revenue only).
    public func evaluate(_ rule: AllocationRule, detailed: Bool = true) throws -> MenuEvaluation {
        try evaluate(rule, detailed: detailed, screening: false).evaluation
    }

    /// ER of the rule with an error bound, for screening a price grid
    /// (`Optimize.maximizeGlobal(_:screen:…)`): `evaluate`'s pieces with
    /// `Quadrature.screen` in place of the 1e-12 integrals; the bound sums
    /// theirs plus a few ulps of rounding. A screen that fails returns (NaN, ∞).
    func revenueScreen(_ rule: AllocationRule) -> (estimate: Double, bound: Double) {
        guard let r = try? evaluate(rule, detailed: false, screening: true) else { return (.nan, .infinity) }
        let value = r.evaluation.revenue
        return (value, r.bound + 8 * Double.ulpOfOne * (abs(value) + 1e-300))
    }

    /// `evaluate`, or with `screening` its revenue by `Quadrature.screen` and
    /// the summed bound of those integrals (the shares and the lowest winning
    /// type are then not computed).
    func evaluate(_ rule: AllocationRule, detailed: Bool, screening: Bool) throws -> (evaluation: MenuEvaluation, bound: Double) {
        var bound = 0.0
        func integral(_ g: (Double) -> Double, _ a: Double, _ b: Double) throws -> Double {
            if screening {
                let r = try Quadrature.screen(g, from: a, to: b)
                bound += r.errorEstimate
                return r.value
            }
            return try Quadrature.integrate(g, from: a, to: b, absoluteTolerance: 1e-14, relativeTolerance: 1e-12).value
        }
        let upper = own.upper
        var cuts = [0.0, upper]
        cuts += rule.pieces.map(\.start)
        cuts += ownCuts
        cuts += typeBreakpoints(rule.utility, in: 0, upper)
        cuts = Array(Set(cuts.filter { $0 >= 0 && $0 <= upper })).sorted()

        let count = rule.pieces.count
        var chosen = [Double](repeating: 0, count: count)
        var winning = [Double](repeating: 0, count: count)
        var revenueOf = [Double](repeating: 0, count: count)
        var lowestWinner: Double? = nil
        var revenue = 0.0
        let hasDensity = own.continuousMass > 1e-15
        let perfect: Bool = { if case .perfect = dependence { return true }; return false }()

        if hasDensity {
            for k in 0..<(cuts.count - 1) {
                let a = cuts[k], b = cuts[k + 1]
                guard b > a else { continue }
                let mid = 0.5 * (a + b)
                let piece = rule.utility.pieceIndex(mid)
                let rp = rule.pieces[piece]
                let mass = detailed ? own.cdfLeft(b) - own.cdf(a) : 0
                if detailed { chosen[piece] += max(0, mass) }
                if rp.allocation == 0 && rp.slope == 0 { continue }   // q = 0: no transfer, no sale
                let t = { (x: Double) in x * rule.allocation(x) - rule.utility.value(x) }
                // t(θ)·P(θ, U(θ))·f(θ) with U(θ) evaluated once (t's expression, bit for bit).
                let revenueDensity = { (x: Double) -> Double in
                    let u = rule.utility.value(x)
                    return (x * rule.allocation(x) - u) * probability(theta: x, utility: u) * own.pdf(x)
                }
                if perfect {
                    guard probability(theta: mid, utility: rule.utility.value(mid)) > 0 else { continue }
                    let r = try integral({ t($0) * own.pdf($0) }, a, b)
                    revenue += r; revenueOf[piece] += r
                    if detailed { winning[piece] += max(0, mass) }
                    if lowestWinner == nil { lowestWinner = a }
                } else {
                    let r = try integral(revenueDensity, a, b)
                    revenue += r; revenueOf[piece] += r
                    if detailed {
                        let w = try Quadrature.integrate({ probability(theta: $0, utility: rule.utility.value($0)) * own.pdf($0) },
                                                         from: a, to: b, absoluteTolerance: 1e-14, relativeTolerance: 1e-12).value
                        winning[piece] += w
                    }
                    if !screening && lowestWinner == nil && probability(theta: b, utility: rule.utility.value(b)) > 0 {
                        // The first type in [a, b] winning with positive probability.
                        if probability(theta: a, utility: rule.utility.value(a)) > 0 { lowestWinner = a } else {
                            lowestWinner = (try? Roots.bisect(in: a, b, tolerance: 1e-14) {
                                probability(theta: $0, utility: rule.utility.value($0)) > 0
                            })?.holds ?? b
                        }
                    }
                }
            }
        }
        for atom in own.atoms where atom.value >= 0 && atom.value <= upper {
            let theta = atom.value
            let piece = rule.utility.pieceIndex(theta)
            let q = rule.allocation(theta)
            let u = rule.utility.value(theta)
            let t = theta * q - u
            let p = probability(theta: theta, utility: u)
            chosen[piece] += atom.mass
            guard q > 0 else { continue }
            revenue += atom.mass * t * p
            revenueOf[piece] += atom.mass * t * p
            winning[piece] += atom.mass * p
            if p > 0 { lowestWinner = min(lowestWinner ?? theta, theta) }
        }

        var outcomes: [ContractOutcome] = []
        var interior = 0.0, winMass = 0.0
        for (k, p) in rule.pieces.enumerated() {
            let to = k + 1 < count ? rule.pieces[k + 1].start : upper
            if p.start > upper { break }
            let isContinuum = p.slope > 0
            let qEnd = p.allocation + p.slope * (min(to, upper) - p.start)
            if (p.allocation > 0 && p.allocation < 1) || (isContinuum && qEnd > 0 && p.allocation < 1) {
                interior += chosen[k]   // (a continuum piece ending at q = 1 counts as interior)
            }
            if p.allocation > 0 || isContinuum { winMass += winning[k] }
            guard chosen[k] > 0 && (p.allocation > 0 || isContinuum) else { continue }
            outcomes.append(ContractOutcome(allocation: p.allocation, transfer: p.start * p.allocation - rule.utility.value(p.start),
                                            from: p.start, to: min(to, upper), isContinuum: isContinuum,
                                            chosen: chosen[k], winning: winning[k], revenue: revenueOf[k]))
        }
        return (MenuEvaluation(revenue: revenue, contracts: outcomes, interiorMass: interior, winningMass: winMass,
                               lowestWinningType: lowestWinner), bound)
    }

    /// The same environment with another tie-breaking rule.
    func with(tie newTie: TieBreaking) -> WinningProbability {
        // The stored opponents and offsets already passed validation, so this cannot fail.
        // swiftlint:disable:next force_try
        try! WinningProbability(own: own, opponents: opponents, dependence: dependence, tie: newTie)
    }

    /// The best posted price p ∈ [0, θ̄]: a global search over a price grid
    /// refined by Brent (`Optimize.maximizeGlobal`), plus the prices where
    /// revenue may jump — p = an own atom, and p = θ_a − (a level or rival
    /// utility at θ_a) — each evaluated under the tie rule and, as the limit
    /// from below, under weak winning. The supremum is `attained` when some
    /// price reaches it under the environment's rule.
    public func bestPostedPrice(gridPoints: Int = 401) throws -> PostedPriceBenchmark {
        try bestPostedPrice(gridPoints: gridPoints, screened: true)
    }

    /// `screened: false` scans every grid point with the 1e-12 revenue (the
    /// reference the tests compare the screened scan with).
    func bestPostedPrice(gridPoints: Int, screened: Bool) throws -> PostedPriceBenchmark {
        let upper = own.upper
        let revenue = { (p: Double) throws -> Double in try evaluate(AllocationRule.posted(p), detailed: false).revenue }
        var best = (price: 0.0, value: 0.0, attained: true)
        // A strictly better value wins; within 1e-12 an attained value beats a limit.
        func consider(_ p: Double, _ v: Double, attained: Bool) {
            let tol = 1e-12 * max(1, abs(best.value))
            if v > best.value + tol || (v >= best.value - tol && attained && !best.attained) {
                best = (p, v, attained)
            }
        }
        if own.continuousMass > 1e-15 {
            // The grid is screened by loose-tolerance integrals (`revenueScreen`): the
            // 1e-12 revenue only where they cannot order neighbours, at the grid
            // maxima and in the refinement (the same result as an all-1e-12 scan).
            let g = screened
                ? try Optimize.maximizeGlobal(revenue, screen: { revenueScreen(.posted($0)) }, in: 0, upper,
                                              gridPoints: gridPoints, tolerance: 1e-12)
                : try Optimize.maximizeGlobal(revenue, in: 0, upper, gridPoints: gridPoints, tolerance: 1e-12)
            for x in g.maximizers { consider(x, try revenue(x), attained: true) }
        }
        var candidates: [Double] = []
        for atom in own.atoms {
            candidates.append(atom.value)
            if let rival = rivalUtility(theta: atom.value), rival.isFinite { candidates.append(atom.value - rival) }
            for level in utilityLevels { candidates.append(atom.value - level) }
        }
        let weakRule = tie == .weak ? self : with(tie: .weak)
        for p in Set(candidates.filter { $0 >= 0 && $0 <= upper }).sorted() {
            consider(p, try revenue(p), attained: true)
            if tie == .strict {
                consider(p, try weakRule.evaluate(.posted(p), detailed: false).revenue, attained: false)
            }
        }
        let marginal = try (best.attained ? self : weakRule).evaluate(.posted(best.price), detailed: true).lowestWinningType
        return PostedPriceBenchmark(price: best.price, revenue: best.value, attained: best.attained, marginalType: marginal)
    }
}
