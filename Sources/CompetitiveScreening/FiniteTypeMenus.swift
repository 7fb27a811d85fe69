// Examples 3.1 and 5.3: the best menu against fixed opponents when the own
// valuation takes finitely many values θ_1 < … < θ_K (K ≤ 3) with masses m_k.
// With finitely many types a menu is K contracts (q_k, t_k), described by
// allocations and utilities u_k = θ_k q_k − t_k, and problem (3) becomes
//     max Σ_k m_k (θ_k q_k − u_k) P_k(u_k)
//     s.t. u_1 ≥ 0 (IR), u_{k+1} ≥ u_k + q_k Δ_k and u_k ≥ u_{k+1} − q_{k+1} Δ_k
//          (adjacent IC both ways, Δ_k = θ_{k+1} − θ_k), 0 ≤ q_1 ≤ … ≤ q_K ≤ 1,
//          t_k = θ_k q_k − u_k ≥ 0.
// Adjacent IC with monotone q implies global IC (single crossing of θq − t),
// and IR of the lowest type with downward IC gives IR for all.
// The top allocation is q_K = 1 without loss: raising q_K with u_K fixed
// raises t_K = θ_K q_K − u_K (revenue) and leaves U_K, hence P_K, unchanged;
// the only constraints involving q_K are q_{K−1} ≤ q_K and the upward IC
// u_{K−1} ≥ u_K − q_K Δ_{K−1} (type K−1 must not take type K's contract),
// and both are relaxed by a larger q_K.
//
// When P_k is piecewise linear in u (one opponent posting a price or a finite
// menu, with uniform or finitely-supported valuations; any menus under
// perfect correlation, where P_k(u) = 1{u ≥ τ_k} or 1{u > τ_k}), the
// objective is a quadratic on every product of pieces. Each piece — an open
// interval of u (its closure carries the interval's linear formula, whose
// value at an end is the limit from inside) or a single breakpoint (the
// tie-rule value there) — is a small QP solved globally and exactly by
// `QuadraticProgram.maximize` over Rationals (screened first in Double).
// The supremum is the best closure value; it is `attained` when some
// maximiser's winning probabilities are the true ones (an interior point of
// its intervals, or a breakpoint where the true value equals the limit):
// under strict winning a supremum that needs a tie is not attained.

import Foundation
import Numerics

/// A family of menus over which the finite-type optimiser maximises.
public enum FiniteTypeFamily: Sendable, Equatable {
    /// Every menu (every IC, IR, t ≥ 0 allocation–utility profile).
    case allMenus
    /// The lowest type's IR and every adjacent downward IC binding: u_1 = 0,
    /// u_{k+1} = u_k + q_k Δ_k (Example 3.1's three-contract menus M̃(q_L)).
    case bindingIC
    /// Posted prices; `excluded` = the number of lowest types not served (nil: the best of all).
    case posted(excluded: Int?)
}

/// P_k(u) for u ≥ 0, piecewise linear: on the open interval (levels[i], levels[i+1])
/// (the last one unbounded) it is intercepts[i] + slopes[i]·u; at levels[i] it is pointValues[i].
struct ExactWinningCurve: Sendable {
    let levels: [Rational]
    let intercepts: [Rational]
    let slopes: [Rational]
    let pointValues: [Rational]

    func formula(_ i: Int, _ u: Rational) -> Rational { intercepts[i] + slopes[i] * u }
}

/// The optimum of a finite-type problem.
public struct FiniteTypeOptimum: Sendable {
    /// The supremum of revenue over the family.
    public let revenue: Rational
    /// Whether some menu of the family attains it under the tie-breaking rule.
    public let attained: Bool
    /// q_k, u_k, t_k at a maximiser (the limit point when not attained).
    public let allocations: [Rational]
    public let utilities: [Rational]
    public let transfers: [Rational]
    /// P_k(u_k) at the maximiser (limits from inside the pieces).
    public let winning: [Rational]

    /// The menu's contracts (q_k, t_k), lowest type first.
    public var contracts: [Contract] { zip(allocations, transfers).map { Contract(allocation: $0.0, transfer: $0.1) } }
}

/// A finite-type best-response problem with an exact winning probability.
public struct FiniteTypeProblem: Sendable {
    public let types: [Rational]
    public let masses: [Rational]
    /// The environment in Double (for brute force and the DP cross-check).
    public let environment: WinningProbability
    let curves: [ExactWinningCurve]

    /// Types and masses exactly (θ strictly increasing, masses summing to 1);
    /// the environment's opponents must give a piecewise-linear P.
    public init(types: [Rational], masses: [Rational], environment: WinningProbability) throws {
        try require((1...3).contains(types.count) && types.count == masses.count, .finiteTypeCount(types: types.count, masses: masses.count))
        for k in types.indices {
            try require(types[k].signum >= 0 && (k == 0 || types[k] > types[k - 1]), .typeOrder(index: k, type: types[k]))
            try require(masses[k].signum > 0, .typeMass(index: k, mass: masses[k]))
        }
        try require(masses.reduce(Rational.zero, +) == 1, .massSum(masses.reduce(Rational.zero, +)))
        self.types = types; self.masses = masses; self.environment = environment
        var curves: [ExactWinningCurve] = []
        for k in types.indices { curves.append(try Self.curve(type: types[k], environment: environment)) }
        self.curves = curves
    }

    /// The problem for a finite own distribution (its decimals read exactly; the
    /// last mass is 1 minus the others, which the law already checked to 1e-12).
    public init(environment: WinningProbability) throws {
        let atoms = environment.own.atoms
        try require(environment.own.continuousMass <= 1e-12, .ownLawNotFinite(law: environment.own.description))
        var masses = atoms.map { Rational(exactDecimal: $0.mass) }
        if !masses.isEmpty { masses[masses.count - 1] = 1 - masses.dropLast().reduce(Rational.zero, +) }
        try self.init(types: atoms.map { Rational(exactDecimal: $0.value) }, masses: masses, environment: environment)
    }

    // MARK: - Exact winning probability

    /// P(θ, u) exactly under the environment's tie rule (nil: unsupported).
    static func exactProbability(type theta: Rational, utility u: Rational, environment env: WinningProbability,
                                 tie: TieBreaking) throws -> Rational {
        switch env.dependence {
        case let .perfect(d):
            for (j, o) in env.opponents.enumerated() {
                let rival = o.menu.exactUtility(theta + Rational(exactDecimal: d[j]))
                if tie == .weak ? u < rival : u <= rival { return .zero }
            }
            return .one
        case .independent:
            var p = Rational.one
            for o in env.opponents { p = p * (try exactBelow(o, u, tie: tie)) }
            return p
        case .copula:
            throw CompetitiveScreeningError.copulaInExactOptimiser(dependence: env.dependence.description)
        }
    }

    /// Pr(U_j(θ_j) ≤ u) or < u exactly, for uniform or finitely-supported θ_j.
    static func exactBelow(_ o: Opponent, _ u: Rational, tie: TieBreaking) throws -> Rational {
        switch o.valuation.family {
        case .uniform:
            if tie == .weak ? u.signum < 0 : u.signum <= 0 { return .zero }
            let upper = Rational(exactDecimal: o.valuation.upper)
            switch o.menu.exactSupInverse(u) {
            case .infinite: return .one
            case let .value(x): return min(.one, max(.zero, x / upper))
            case .unsupported:
                throw CompetitiveScreeningError.tariffInExactOptimiser(menu: o.menu.description)
            }
        case .atoms:
            var p = Rational.zero
            for a in o.valuation.atoms {
                let level = o.menu.exactUtility(Rational(exactDecimal: a.value))
                if tie == .weak ? level <= u : level < u { p = p + Rational(exactDecimal: a.mass) }
            }
            return p
        default:
            throw CompetitiveScreeningError.opponentLawInExactOptimiser(law: o.valuation.description)
        }
    }

    /// Candidate breakpoints of P(θ, ·) and the piecewise-linear curve (checked exactly).
    static func curve(type theta: Rational, environment env: WinningProbability) throws -> ExactWinningCurve {
        var levels: Set<Rational> = [.zero]
        switch env.dependence {
        case let .perfect(d):
            for (j, o) in env.opponents.enumerated() { levels.insert(o.menu.exactUtility(theta + Rational(exactDecimal: d[j]))) }
        case .independent:
            for o in env.opponents {
                var xs: [Rational] = []
                switch o.menu.form {
                case let .posted(p): xs.append(p)
                case let .finite(cs):
                    let lines = cs + [Contract(allocation: 0, transfer: 0)]
                    for a in lines { for b in lines where a.allocation > b.allocation {
                        xs.append((a.transfer - b.transfer) / (a.allocation - b.allocation))
                    } }
                case let .tariff(c): xs.append(c)
                case .none: break
                }
                if case .atoms = o.valuation.family { xs += o.valuation.atoms.map { Rational(exactDecimal: $0.value) } }
                xs.append(Rational(exactDecimal: o.valuation.upper))
                for x in xs where x.signum >= 0 { levels.insert(o.menu.exactUtility(x)) }
            }
        case .copula:
            _ = try exactProbability(type: theta, utility: .zero, environment: env, tie: env.tie)
        }
        let sorted = levels.filter { $0.signum >= 0 }.sorted()
        var intercepts: [Rational] = [], slopes: [Rational] = [], points: [Rational] = []
        for (i, lo) in sorted.enumerated() {
            points.append(try exactProbability(type: theta, utility: lo, environment: env, tie: env.tie))
            let width = i + 1 < sorted.count ? sorted[i + 1] - lo : Rational.one
            let u1 = lo + width / 4, u2 = lo + width / 2, u3 = lo + 3 * width / 4
            let p1 = try exactProbability(type: theta, utility: u1, environment: env, tie: env.tie)
            let p2 = try exactProbability(type: theta, utility: u2, environment: env, tie: env.tie)
            let p3 = try exactProbability(type: theta, utility: u3, environment: env, tie: env.tie)
            try require(p3 - p2 == p2 - p1, .nonlinearWinningProbability(type: theta, from: lo, to: i + 1 < sorted.count ? sorted[i + 1].description : "∞"))
            let slope = (p2 - p1) / (u2 - u1)
            slopes.append(slope); intercepts.append(p1 - slope * u1)
        }
        return ExactWinningCurve(levels: sorted, intercepts: intercepts, slopes: slopes, pointValues: points)
    }

    /// Revenue of an allocation–utility profile exactly (true tie-rule P).
    public func revenue(allocations q: [Rational], utilities u: [Rational]) throws -> Rational {
        var total = Rational.zero
        for k in types.indices {
            let p = try Self.exactProbability(type: types[k], utility: u[k], environment: environment, tie: environment.tie)
            total = total + masses[k] * (types[k] * q[k] - u[k]) * p
        }
        return total
    }

    // MARK: - Optimisation

    /// The best posted price from the optima of `.posted(excluded: j)` for
    /// j = 0, 1, …, K − 1 in that order: what `optimize(.posted(excluded: nil))`
    /// returns (higher revenue; on a tie, an attained one; else the first), for
    /// a caller that already has those optima.
    public static func bestPosted(_ optimaByExcluded: [FiniteTypeOptimum]) -> FiniteTypeOptimum {
        var best = optimaByExcluded[0]
        for o in optimaByExcluded.dropFirst()
        where o.revenue > best.revenue || (o.revenue == best.revenue && o.attained && !best.attained) { best = o }
        return best
    }

    /// A piece of P_k: an interval's closure (index into the curve) or a single breakpoint.
    private enum Piece { case interval(Int), point(Int) }

    /// The supremum over the family, exactly (see the file header).
    public func optimize(_ family: FiniteTypeFamily = .allMenus) throws -> FiniteTypeOptimum {
        if case .posted(nil) = family {
            return Self.bestPosted(try types.indices.map { try optimize(.posted(excluded: $0)) })
        }
        let K = types.count
        let nq = K - 1
        let n = nq + K
        func qi(_ k: Int) -> Int { k }
        func ui(_ k: Int) -> Int { nq + k }
        func zeros() -> [Rational] { [Rational](repeating: .zero, count: n) }

        // Structural constraints. Only the rows that are not implied are kept
        // (fewer face systems for the QP): the two adjacent ICs give
        // q_k Δ_k ≤ u_{k+1} − u_k ≤ q_{k+1} Δ_k, hence q_k ≤ q_{k+1} and q_{K−1} ≤ 1;
        // t_1 ≥ 0 with u_1 ≥ 0 gives q_1 ≥ 0 when θ_1 > 0; and t_k ≥ 0 for k ≥ 2
        // follows from u_k ≤ u_{k−1} + q_k Δ_{k−1} ≤ θ_{k−1} q_{k−1} + q_k Δ_{k−1} ≤ θ_k q_k.
        // (u_1 ≥ 0 is the lower end of type 1's piece.)
        var A: [[Rational]] = [], b: [Rational] = []
        var E: [[Rational]] = [], e: [Rational] = []
        func row(_ entries: [(Int, Rational)]) -> [Rational] { var r = zeros(); for (i, v) in entries { r[i] = r[i] + v }; return r }
        if nq > 0 && types[0].isZero { A.append(row([(qi(0), -1)])); b.append(.zero) }   // q_1 ≥ 0
        for k in 0..<(K - 1) {
            let delta = types[k + 1] - types[k]
            // Downward IC: u_k + q_k Δ − u_{k+1} ≤ 0.
            A.append(row([(ui(k), 1), (qi(k), delta), (ui(k + 1), -1)])); b.append(.zero)
            // Upward IC: u_{k+1} − q_{k+1} Δ − u_k ≤ 0 (q_K = 1 moves to the bound).
            if k + 1 < nq { A.append(row([(ui(k + 1), 1), (qi(k + 1), -delta), (ui(k), -1)])); b.append(.zero) }
            else { A.append(row([(ui(k + 1), 1), (ui(k), -1)])); b.append(delta) }
        }
        // t_1 ≥ 0: u_1 − θ_1 q_1 ≤ 0.
        if nq > 0 { A.append(row([(ui(0), 1), (qi(0), -types[0])])); b.append(.zero) }
        else { A.append(row([(ui(0), 1)])); b.append(types[0]) }
        switch family {
        case .allMenus: break
        case .bindingIC:
            E.append(row([(ui(0), 1)])); e.append(.zero)
            for k in 0..<(K - 1) {
                if k < nq { E.append(row([(ui(k + 1), 1), (ui(k), -1), (qi(k), -(types[k + 1] - types[k]))])); e.append(.zero) }
            }
        case let .posted(excluded?):
            try require(excluded >= 0 && excluded < K, .excludedType(excluded, types: K))
            for k in 0..<nq {
                E.append(row([(qi(k), 1)])); e.append(k < excluded ? .zero : .one)
            }
            for k in 0..<excluded { E.append(row([(ui(k), 1)])); e.append(.zero) }
            for k in max(excluded, 0)..<(K - 1) {
                E.append(row([(ui(k + 1), 1), (ui(k), -1)])); e.append(types[k + 1] - types[k])
            }
        case .posted(nil): break
        }

        // Pieces of each type's curve: every interval closure (u ≤ θ_k, since t_k ≥ 0
        // and q_k ≤ 1), and a breakpoint on its own only where P jumps on both
        // sides of it (elsewhere an adjacent closure carries the true value there).
        func range(_ k: Int, _ piece: Piece) -> (lo: Rational, hi: Rational?) {
            let c = curves[k]
            switch piece {
            case let .point(i): return (c.levels[i], c.levels[i])
            case let .interval(i): return (c.levels[i], i + 1 < c.levels.count ? c.levels[i + 1] : nil)
            }
        }
        let pieceLists: [[Piece]] = curves.indices.map { k in
            let c = curves[k]
            var list: [Piece] = []
            for i in c.levels.indices where c.levels[i] <= types[k] {
                let right = c.formula(i, c.levels[i])
                let left = i > 0 ? c.formula(i - 1, c.levels[i]) : nil
                if c.pointValues[i] != right && c.pointValues[i] != left { list.append(.point(i)) }
                if c.levels[i] < types[k] { list.append(.interval(i)) }
            }
            return list
        }
        // Combinations of pieces with utilities that can be non-decreasing in the
        // type (downward IC): each type's lower end at most every higher type's upper end.
        var combos: [[Piece]] = [[]]
        for (k, list) in pieceLists.enumerated() {
            combos = combos.flatMap { c in
                list.compactMap { piece -> [Piece]? in
                    let hi = range(k, piece).hi
                    for (j, earlier) in c.enumerated() where hi != nil && range(j, earlier).lo > hi! { return nil }
                    return c + [piece]
                }
            }
        }
        // Screen every combination in Double, then solve the leaders exactly.

        struct Instance { var Q: [[Rational]]; var c: [Rational]; var d: Rational; var A: [[Rational]]; var b: [Rational]; var E: [[Rational]]; var e: [Rational] }
        func instance(_ combo: [Piece]) -> Instance {
            var Q = [[Rational]](repeating: zeros(), count: n), c = zeros(), d = Rational.zero
            var A2 = A, b2 = b, E2 = E, e2 = e
            for k in 0..<K {
                let curve = curves[k]
                let alpha: Rational, beta: Rational
                switch combo[k] {
                case let .point(i):
                    alpha = curve.pointValues[i]; beta = .zero
                    E2.append(row([(ui(k), 1)])); e2.append(curve.levels[i])
                case let .interval(i):
                    alpha = curve.intercepts[i]; beta = curve.slopes[i]
                    if curve.levels[i].signum > 0 || k == 0 { A2.append(row([(ui(k), -1)])); b2.append(-curve.levels[i]) }
                    if i + 1 < curve.levels.count { A2.append(row([(ui(k), 1)])); b2.append(curve.levels[i + 1]) }
                }
                // m (θ q − u)(α + β u) = m[αθ q − α u + βθ q u − β u²]; q_K = 1.
                let m = masses[k], theta = types[k]
                if k < nq {
                    c[qi(k)] = c[qi(k)] + m * alpha * theta
                    Q[qi(k)][ui(k)] = Q[qi(k)][ui(k)] + m * beta * theta
                    Q[ui(k)][qi(k)] = Q[ui(k)][qi(k)] + m * beta * theta
                    c[ui(k)] = c[ui(k)] - m * alpha
                } else {
                    d = d + m * alpha * theta
                    c[ui(k)] = c[ui(k)] + m * (beta * theta - alpha)
                }
                Q[ui(k)][ui(k)] = Q[ui(k)][ui(k)] - 2 * m * beta
            }
            return Instance(Q: Q, c: c, d: d, A: A2, b: b2, E: E2, e: e2)
        }
        // Screening in Double.
        var screened: [(combo: [Piece], value: Double)] = []
        for combo in combos {
            let p = instance(combo)
            let dbl = { (m: [[Rational]]) in m.map { $0.map(\.doubleValue) } }
            // (An empty piece is no candidate.)
            if let r = try QuadraticProgram.maximizeIfNonempty(quadratic: dbl(p.Q), linear: p.c.map(\.doubleValue), constant: p.d.doubleValue,
                                                               inequalities: dbl(p.A), bounds: p.b.map(\.doubleValue),
                                                               equalities: dbl(p.E), values: p.e.map(\.doubleValue), tolerance: 1e-10) {
                screened.append((combo, r.value))
            }
        }
        try require(!screened.isEmpty, .infeasibleFamily)
        let bestDouble = screened.map(\.value).max()!
        var best: (value: Rational, x: [Rational], attained: Bool, combo: [Piece])? = nil
        for s in screened where s.value >= bestDouble - 1e-8 * max(1, abs(bestDouble)) {
            let p = instance(s.combo)
            guard let r = try QuadraticProgram.maximizeIfNonempty(quadratic: p.Q, linear: p.c, constant: p.d, inequalities: p.A,
                                                                  bounds: p.b, equalities: p.E, values: p.e) else { continue }
            // Attained: every interval piece's u_k is interior or the true value there equals the formula.
            var attainedAt: [Rational]? = nil
            for x in r.maximisers {
                var ok = true
                for k in 0..<K {
                    guard case let .interval(i) = s.combo[k] else { continue }
                    let u = x[ui(k)], curve = curves[k]
                    let inside = u > curve.levels[i] && (i + 1 >= curve.levels.count || u < curve.levels[i + 1])
                    if !inside {
                        let truth = try Self.exactProbability(type: types[k], utility: u, environment: environment, tie: environment.tie)
                        if truth != curve.formula(i, u) { ok = false }
                    }
                }
                if ok { attainedAt = x; break }
            }
            let x = attainedAt ?? r.x
            if best == nil || r.value > best!.value || (r.value == best!.value && attainedAt != nil && !best!.attained) {
                best = (r.value, x, attainedAt != nil, s.combo)
            }
        }
        guard let opt = best else { throw CompetitiveScreeningError.infeasibleFamily }
        let q = (0..<K).map { $0 < nq ? opt.x[qi($0)] : Rational.one }
        let u = (0..<K).map { opt.x[ui($0)] }
        let winning = (0..<K).map { k -> Rational in
            switch opt.combo[k] {
            case let .point(i): return curves[k].pointValues[i]
            case let .interval(i): return curves[k].formula(i, u[k])
            }
        }
        return FiniteTypeOptimum(revenue: opt.value, attained: opt.attained, allocations: q, utilities: u,
                                 transfers: (0..<K).map { types[$0] * q[$0] - u[$0] }, winning: winning)
    }

    /// Revenue of the binding-IC family at the free allocations q_1..q_{K−1}
    /// (u_1 = 0, u_{k+1} = u_k + q_k Δ_k, q_K = 1), exactly under the tie rule.
    public func bindingRevenue(_ free: [Rational]) throws -> Rational {
        let q = free + [.one]
        var u: [Rational] = [.zero]
        for k in 0..<(types.count - 1) { u.append(u[k] + q[k] * (types[k + 1] - types[k])) }
        return try revenue(allocations: q, utilities: u)
    }

    /// Two types: the binding-IC revenue ER(q_L) as the exact quadratic a q² + b q + c
    /// on the piece to the left of q0 (between q0 and the previous q where u_H = q Δθ
    /// meets a breakpoint of P_H or P_L's level 0): interpolated at three points.
    public func bindingQuadratic(leftOf q0: Rational) throws -> (a: Rational, b: Rational, c: Rational) {
        try require(types.count == 2, .notTwoTypes(types.count))
        let delta = types[1] - types[0]
        var lo = Rational.zero
        for level in curves[1].levels where level / delta < q0 { lo = max(lo, level / delta) }
        let x = [q0 - (q0 - lo) / 4, q0 - (q0 - lo) / 2, q0 - 3 * (q0 - lo) / 4]
        let y = try x.map { try bindingRevenue([$0]) }
        // Newton divided differences.
        let d1 = (y[1] - y[0]) / (x[1] - x[0]), d2 = (y[2] - y[1]) / (x[2] - x[1])
        let a = (d2 - d1) / (x[2] - x[0])
        let b = d1 - a * (x[0] + x[1])
        let c = y[0] - a * x[0] * x[0] - b * x[0]
        return (a, b, c)
    }
}
