// Solver kinds for menus (Secs 3.1, 5.1–5.2; Examples 3.1, 5.2, 5.3):
// exact menu evaluation, per-type choices, the threshold of a menu family
// against the best posted price, the best posted price against arbitrary
// opponent menus, the lattice-DP best response over all menus, the exact
// finite-type optimiser and Example 3.1's two-type analysis.
//
// Common parameters: `own` (the own valuation's law, text form; "$x" is
// replaced by the value of x), `opponents` ("MENU @ LAW; MENU @ LAW", MENU one
// of none, posted(p), menu([(q, t), …]), tariff(c=…); LAW defaults to
// uniform; menu numbers may be expressions in x), `dependence` (independent,
// fgm(rho=ρ), perfect, perfect(offsets=[…])), `tie` (weak: ties go to firm i;
// strict: to the opponent) and `x` (default 0).

import Foundation
import Harness
import Numerics

extension CompetitiveScreeningKinds {
    static var menuKinds: [SolverKind] {
        [MenuKindParts.menuRevenue, MenuKindParts.menuChoices, MenuKindParts.menuThreshold, MenuKindParts.postedAgainstMenus,
         MenuKindParts.menuBestResponse, MenuKindParts.finiteTypeMenu, MenuKindParts.twoTypePostedOpponent]
    }
}

enum MenuKindParts {
    // MARK: Shared parameters

    static let own = ParameterSpec("own", .text, doc: "own valuation law (text form, e.g. \"uniform\", \"atoms(values=[0.4, 1], masses=[0.5, 0.5])\"; $x is replaced by x)",
                                   default: .text("uniform"))
    static let opponents = ParameterSpec("opponents", .text,
                                         doc: "opponent menus \"MENU @ LAW; …\": MENU = none | posted(p) | menu([(q, t), …]) | tariff(c=…) (numbers may use x), LAW a valuation law (default uniform; ignored under perfect correlation)",
                                         default: .text("posted(0.4)"))
    static let dependence = ParameterSpec("dependence", .text, doc: "independent | fgm(rho=ρ) (duopoly) | perfect | perfect(offsets=[d_j]) (θ_j = θ_i + d_j)",
                                          default: .text("independent"))
    static let tie = ParameterSpec("tie", .choice(["weak", "strict"]), doc: "ties between firms: weak (to firm i, the paper's P) or strict (to the opponent)",
                                   default: .text("weak"))
    static let x = ParameterSpec("x", .rational, doc: "value of the variable x used in menus (and $x in laws)", default: .rational(0))
    static let menu = ParameterSpec("menu", .text,
                                    doc: "firm i's menu: posted(p) | menu([(q, t), …]) | binding([q_1, …, q_K]) (finite own law: lowest IR and downward ICs binding) | rule(knots=[…], values=[…], slopes=[…]) (piecewise-affine q); numbers may use x")
    static let cells = ParameterSpec("cells", .integer, doc: "DP: uniform cells on [0, θ̄] (atoms and kinks are merged in)", default: .integer(100))
    static let allocationLevels = ParameterSpec("allocation_levels", .integer, doc: "DP: L, allocations q ∈ {0, 1/L, …, 1}", default: .integer(50))
    static let utilityLevels = ParameterSpec("utility_levels", .integer, doc: "DP: M utility levels on [0, θ̄]", default: .integer(201))
    static let gaussNodes = ParameterSpec("gauss_nodes", .integer, doc: "DP: Gauss–Legendre nodes per cell", default: .integer(4))

    /// Replaces "$x" by the exact value of x.
    static func substitute(_ text: String, _ x: Rational) -> String {
        text.replacingOccurrences(of: "$x", with: MenuFormat.exact(x))
    }

    /// The environment of a parameter point (input errors name the key).
    @Sendable static func environment(_ p: ParameterValues, tie override: TieBreaking? = nil) throws -> WinningProbability {
        try asInput {
            let xv = p.rational("x")
            let ownLaw = try TypeDistribution(parsing: substitute(p.text("own"), xv), parameter: "own")
            return try WinningProbability(own: ownLaw, opponents: substitute(p.text("opponents"), xv),
                                          dependence: substitute(p.text("dependence"), xv),
                                          tie: override ?? TieBreaking(rawValue: p.text("tie"))!, x: xv)
        }
    }

    @Sendable static func ownMenu(_ p: ParameterValues, _ env: WinningProbability, x xv: Rational? = nil) throws -> AllocationRule {
        try asInput { try AllocationRule(parsing: substitute(p.text("menu"), xv ?? p.rational("x")), parameter: "menu", own: env.own, x: xv ?? p.rational("x")) }
    }

    /// "(q, t) p; …" with p the probability the contract is chosen; continuum pieces as "q a→b on [θ, θ′) p".
    static func menuText(_ e: MenuEvaluation) -> String {
        if e.contracts.isEmpty { return "no sale" }
        return e.contracts.map { c in
            if c.isContinuum {
                return "q from \(MenuFormat.number(c.allocation)) on types [\(MenuFormat.number(c.from)), \(MenuFormat.number(c.to))) \(MenuFormat.number(c.chosen))"
            }
            return "(\(MenuFormat.number(c.allocation)), \(MenuFormat.number(c.transfer))) \(MenuFormat.number(c.chosen))"
        }.joined(separator: "; ")
    }

    static func exactList(_ xs: [Rational]) -> String { "[" + xs.map(MenuFormat.exact).joined(separator: ", ") + "]" }

    // MARK: Kinds

    static let menuRevenue = SolverKind(
        name: "screening.menu-revenue",
        summary: "Sec 3.1 eq. (3): exact expected revenue of a menu of firm i against fixed opponent menus (independent, copula or perfectly correlated valuations), its contracts' shares, and the best posted price against the same opponents",
        parameters: [own, opponents, dependence, tie, x, menu],
        columns: [
            Column("revenue", .real, doc: "ER of the menu (adaptive quadrature split where U crosses the opponents' levels; atoms exact)"),
            Column("winning_mass", .real, doc: "probability that the agent contracts with firm i (q > 0 and firm i wins)"),
            Column("interior_mass", .real, doc: "own probability on interior allocations 0 < q < 1"),
            Column("active_contracts", .integer, doc: "contracts chosen with positive probability (q > 0; a continuum piece counts once)"),
            Column("contracts", .text, doc: "active contracts (q, t) with the probability each is chosen"),
            Column("posted_revenue", .real, doc: "supremum of posted-price revenue against the same opponents"),
            Column("gain", .real, doc: "revenue − posted_revenue"),
        ],
        validate: { p in let env = try environment(p); _ = try ownMenu(p, env) },
        run: { p, _ in
            let env = try environment(p)
            let e = try env.evaluate(try ownMenu(p, env))
            let posted = try env.bestPostedPrice()
            return [["revenue": .real(e.revenue), "winning_mass": .real(e.winningMass), "interior_mass": .real(e.interiorMass),
                     "active_contracts": .int(e.contracts.count), "contracts": .text(menuText(e)),
                     "posted_revenue": .real(posted.revenue), "gain": .real(e.revenue - posted.revenue)]]
        })

    static let menuChoices = SolverKind(
        name: "screening.menu-choices",
        summary: "Sec 2: for each type of a finite own law, the contract chosen from firm i's menu (ties to the highest transfer), its utility and the probability firm i wins under weak and strict tie-breaking",
        parameters: [own, opponents, dependence, tie, x, menu],
        columns: [
            Column("theta", .real, key: true, doc: "own type θ (an atom of the own law)"),
            Column("allocation", .real, doc: "q of the chosen contract"),
            Column("transfer", .real, doc: "t of the chosen contract"),
            Column("utility", .real, doc: "U(θ) = θq − t"),
            Column("win_weak", .real, doc: "P(θ, U(θ)) with ties to firm i"),
            Column("win_strict", .real, doc: "P(θ, U(θ)) with ties to the opponent (1: the type strictly prefers firm i)"),
        ],
        validate: { p in
            let env = try environment(p)
            _ = try ownMenu(p, env)
            if env.own.atoms.isEmpty { throw SolverInputError(parameter: "own", expected: "a law with atoms (one row per atom)", found: env.own.description) }
        },
        run: { p, _ in
            let env = try environment(p)
            let rule = try ownMenu(p, env)
            return env.own.atoms.map { a in
                let u = rule.utility(a.value)
                return ["theta": .real(a.value), "allocation": .real(rule.allocation(a.value)), "transfer": .real(rule.transfer(a.value)),
                        "utility": .real(u), "win_weak": .real(env.probability(theta: a.value, utility: u, tie: .weak)),
                        "win_strict": .real(env.probability(theta: a.value, utility: u, tie: .strict))]
            }
        })

    static let menuThreshold = SolverKind(
        name: "screening.menu-threshold",
        summary: "the value of x in [x_from, x_to] at which a menu family's revenue falls to the best posted-price revenue against the same opponents (Brent's root finder)",
        parameters: [own, opponents, dependence, tie, x, menu,
                     ParameterSpec("x_from", .real, doc: "lower end of the bracket (menu beats the posted price)"),
                     ParameterSpec("x_to", .real, doc: "upper end of the bracket (it does not)")],
        columns: [
            Column("posted_revenue", .real, doc: "supremum of posted-price revenue"),
            Column("posted_attained", .boolean, doc: "whether a posted price attains it"),
            Column("revenue_at_from", .real, doc: "menu revenue at x_from"),
            Column("revenue_at_to", .real, doc: "menu revenue at x_to"),
            Column("threshold", .real, doc: "x where menu revenue = posted_revenue"),
        ],
        validate: { p in
            let env = try environment(p)
            _ = try ownMenu(p, env)
            if !(p.real("x_from") < p.real("x_to")) { throw SolverInputError(parameter: "x_to", expected: "x_to > x_from", found: "\(p.real("x_to"))") }
        },
        run: { p, _ in
            let env = try environment(p)
            let posted = try env.bestPostedPrice()
            let revenue = { (xv: Double) throws -> Double in
                let r = Rational(exactly: xv) ?? .zero
                return try env.evaluate(try ownMenu(p, env, x: r), detailed: false).revenue
            }
            let root = try Roots.brent({ try revenue($0) - posted.revenue }, in: p.real("x_from"), p.real("x_to"), absoluteTolerance: 1e-15).root
            return [["posted_revenue": .real(posted.revenue), "posted_attained": .boolean(posted.attained),
                     "revenue_at_from": .real(try revenue(p.real("x_from"))), "revenue_at_to": .real(try revenue(p.real("x_to"))),
                     "threshold": .real(root)]]
        })

    static let postedAgainstMenus = SolverKind(
        name: "screening.posted-against-menus",
        summary: "the best posted price of firm i against arbitrary opponent menus (posted, finite, tariff; independent, copula or perfectly correlated valuations): global grid + Brent, exact at atoms; supremum and whether it is attained",
        parameters: [own, opponents, dependence, tie, x],
        columns: [
            Column("price", .real, doc: "the revenue-maximising price (the price approached from below when the supremum is not attained)"),
            Column("revenue", .real, doc: "supremum of posted-price revenue"),
            Column("attained", .boolean, doc: "whether some posted price attains it under the tie rule"),
            Column("marginal_type", .real, doc: "the lowest own type that buys from firm i and wins at that price (θ̄ if none)"),
        ],
        validate: { p in _ = try environment(p) },
        run: { p, _ in
            let env = try environment(p)
            let b = try env.bestPostedPrice()
            return [["price": .real(b.price), "revenue": .real(b.revenue), "attained": .boolean(b.attained),
                     "marginal_type": .real(b.marginalType ?? env.own.upper)]]
        })

    static let menuBestResponse = SolverKind(
        name: "screening.menu-best-response",
        summary: "Sec 3.1 problem (3): best response over ALL menus by a lattice dynamic program (cells × utility levels × allocation levels), the rebuilt menu evaluated exactly, against the best posted price; one row per refinement level (sizes doubled)",
        parameters: [own, opponents, dependence, tie, x, cells, allocationLevels, utilityLevels, gaussNodes,
                     ParameterSpec("refinements", .integer, doc: "number of refinement levels (level r doubles cells, L and M − 1 r times)", default: .integer(1))],
        columns: [
            Column("level", .integer, key: true, doc: "refinement level r"),
            Column("cells", .integer, doc: "cells after merging atoms and kinks"),
            Column("allocation_levels", .integer, doc: "L"),
            Column("utility_levels", .integer, doc: "M"),
            Column("dp_value", .real, doc: "value of the lattice DP"),
            Column("revenue", .real, doc: "exact revenue of the rebuilt menu (a feasible menu: a lower bound on the supremum)"),
            Column("error_estimate", .real, doc: "|dp_value − revenue|"),
            Column("change", .real, doc: "|revenue − revenue at the previous level| (0 at level 0)"),
            Column("posted_price", .real, doc: "best posted price against the same opponents"),
            Column("posted_revenue", .real, doc: "its revenue (supremum)"),
            Column("posted_attained", .boolean, doc: "whether a posted price attains the supremum"),
            Column("gain", .real, doc: "revenue − posted_revenue"),
            Column("interior_mass", .real, doc: "own probability on interior allocations 0 < q < 1 in the rebuilt menu"),
            Column("active_contracts", .integer, doc: "contracts chosen with positive probability (q > 0)"),
            Column("menu", .text, doc: "active contracts (q, t) with the probability each is chosen"),
            Column("density_regularity_margin", .text, doc: "min over [0, θ̄] of 2f(θ) + θf′(θ) for the own law (Def 3.1, DensityConditionChecker; \"n/a\" with atoms)"),
            Column("density_regular", .boolean, doc: "the normalised form 2 + θf′/f is positive on the whole support (Def 3.1 up to the factor f > 0; false with atoms); Beta(α, 1)'s boundary point θ = 0 is discussed in def-3-1-beta-alpha-one"),
        ],
        validate: { p in
            let env = try environment(p)
            let r = p.integer("refinements")
            if !(1...8).contains(r) { throw SolverInputError(parameter: "refinements", expected: "1 to 8 refinement levels", found: "\(r)") }
            let finest = settings(p).refined(r - 1)
            try asInput { try finest.validate(cellCount: env.latticeCells(max(1, finest.cells)).starts.count) }
        },
        run: { p, progress in
            let env = try environment(p)
            let posted = try env.bestPostedPrice()
            let regularity = try DensityConditionChecker().check(.densityRegularity, env.own)
            let margin = regularity.raw.map { conditionNumber($0.margin) } ?? "n/a"
            let regular = regularity.normalised?.verdict == .holdsStrictly
            var rows: [[String: TableValue]] = []
            var previous: Double? = nil
            let levels = p.integer("refinements")
            for r in 0..<levels {
                let s = settings(p).refined(r)
                let br = try asInput { try env.menuBestResponse(s) }
                rows.append(["level": .int(r), "cells": .int(br.cellCount), "allocation_levels": .int(s.allocationLevels),
                             "utility_levels": .int(s.utilityLevels), "dp_value": .real(br.dpValue), "revenue": .real(br.revenue),
                             "error_estimate": .real(br.errorEstimate), "change": .real(previous.map { abs(br.revenue - $0) } ?? 0),
                             "posted_price": .real(posted.price), "posted_revenue": .real(posted.revenue),
                             "posted_attained": .boolean(posted.attained), "gain": .real(br.revenue - posted.revenue),
                             "interior_mass": .real(br.evaluation.interiorMass), "active_contracts": .int(br.evaluation.contracts.count),
                             "menu": .text(menuText(br.evaluation)), "density_regularity_margin": .text(margin),
                             "density_regular": .boolean(regular)])
                previous = br.revenue
                progress.update(Double(r + 1) / Double(levels))
            }
            return rows
        })

    static func settings(_ p: ParameterValues) -> LatticeSettings {
        LatticeSettings(cells: p.integer("cells"), allocationLevels: p.integer("allocation_levels"),
                        utilityLevels: p.integer("utility_levels"), gaussNodes: p.integer("gauss_nodes"))
    }

    static let finiteTypeMenu = SolverKind(
        name: "screening.finite-type-menu",
        summary: "Examples 3.1/5.3: the exact best menu for a finite own law (≤ 3 types) against opponents giving a piecewise-linear winning probability (QP per piece, Rationals), whether the supremum is attained, the best posted price, and cross-checks by brute force and by the lattice DP",
        parameters: [own, opponents, dependence, tie, x,
                     ParameterSpec("family", .choice(["all-menus", "binding-ic", "posted"]), doc: "menus optimised over: all, lowest IR + downward ICs binding, or posted prices", default: .text("all-menus")),
                     ParameterSpec("brute_force_grid", .integer, doc: "grid steps N of the brute force (allocations i/N, utilities on multiples of θ_K/N)", default: .integer(100)),
                     cells, allocationLevels, utilityLevels, gaussNodes],
        columns: [
            Column("revenue", .rational, doc: "the supremum of revenue over the family (exact)"),
            Column("attained", .boolean, doc: "whether a menu of the family attains it under the tie rule"),
            Column("menu", .text, doc: "the (limit) maximiser's contracts (q_k, t_k), lowest type first"),
            Column("allocations", .text, doc: "q_k"),
            Column("utilities", .text, doc: "u_k = θ_k q_k − t_k"),
            Column("winning", .text, doc: "P_k(u_k) (limits from inside the pieces)"),
            Column("posted_price", .rational, doc: "best posted price (exact)"),
            Column("posted_revenue", .rational, doc: "its revenue (supremum)"),
            Column("posted_attained", .boolean, doc: "whether a posted price attains it"),
            Column("gain", .rational, doc: "revenue − posted_revenue"),
            Column("brute_force_revenue", .real, doc: "best revenue on the brute-force grid (true P, Double)"),
            Column("dp_revenue", .real, doc: "exact revenue of the lattice-DP menu"),
            Column("dp_error", .real, doc: "|DP value − dp_revenue|"),
        ],
        validate: { p in
            let env = try environment(p)
            _ = try asInput { try FiniteTypeProblem(environment: env) }
            try asInput { try settings(p).validate(cellCount: env.latticeCells(max(1, p.integer("cells"))).starts.count) }
        },
        run: { p, _ in
            let env = try environment(p)
            let problem = try asInput { try FiniteTypeProblem(environment: env) }
            let family: FiniteTypeFamily = ["all-menus": .allMenus, "binding-ic": .bindingIC, "posted": .posted(excluded: nil)][p.text("family")]!
            let opt = try asInput { try problem.optimize(family) }
            let posted = try asInput { try problem.optimize(.posted(excluded: nil)) }
            let served = posted.allocations.firstIndex(of: .one) ?? problem.types.count - 1
            let brute = try asInput { try problem.bruteForce(grid: p.integer("brute_force_grid")) }
            let dp = try asInput { try env.menuBestResponse(settings(p)) }
            return [["revenue": .rational(opt.revenue), "attained": .boolean(opt.attained),
                     "menu": .text(opt.contracts.map { "(\(MenuFormat.exact($0.allocation)), \(MenuFormat.exact($0.transfer)))" }.joined(separator: ", ")),
                     "allocations": .text(exactList(opt.allocations)), "utilities": .text(exactList(opt.utilities)),
                     "winning": .text(exactList(opt.winning)),
                     "posted_price": .rational(problem.types[served] - posted.utilities[served]), "posted_revenue": .rational(posted.revenue),
                     "posted_attained": .boolean(posted.attained), "gain": .rational(opt.revenue - posted.revenue),
                     "brute_force_revenue": .real(brute.revenue), "dp_revenue": .real(dp.revenue), "dp_error": .real(dp.errorEstimate)]]
        })

    static let twoTypePostedOpponent = SolverKind(
        name: "screening.two-type-posted-opponent",
        summary: "Example 3.1: own types θ_L < θ_H (masses α, 1 − α) against an opponent posting p₂ with θ₂ ~ U[0, θ̄₂]: skimming and pooling prices, the three-contract family M̃(q_L) optimised exactly, ER′(1), ER″, and the exact best menu",
        parameters: [ParameterSpec("theta_l", .rational, doc: "θ_L ≥ 0", domain: .nonNegative),
                     ParameterSpec("theta_h", .rational, doc: "θ_H > θ_L", domain: .positive),
                     ParameterSpec("alpha", .rational, doc: "mass α of θ_L, in (0, 1)", domain: NumericDomain(minimum: 0, minimumInclusive: false, maximum: 1, maximumInclusive: false)),
                     ParameterSpec("p2", .rational, doc: "the opponent's posted price p₂ ≥ 0", domain: .nonNegative),
                     ParameterSpec("opponent_upper", .rational, doc: "θ̄₂ of the opponent's uniform valuation", default: .rational(1), domain: .positive),
                     tie],
        columns: [
            Column("theta_l", .rational, doc: "θ_L"), Column("theta_h", .rational, doc: "θ_H"),
            Column("alpha", .rational, doc: "α"), Column("p2", .rational, doc: "p₂"),
            Column("delta_plus_p2_below_one", .boolean, doc: "the paper's regime condition Δθ + p₂ < 1 (θ̄₂ = 1)"),
            Column("p2_above_theta_l", .boolean, doc: "the paper's regime condition p₂ > θ_L"),
            Column("skim_price", .rational, doc: "best price serving only θ_H (exact QP)"),
            Column("skim_revenue", .rational, doc: "its revenue"),
            Column("pool_price", .rational, doc: "best price serving both types"),
            Column("pool_revenue", .rational, doc: "its revenue"),
            Column("pooling_dominates", .boolean, doc: "pool_revenue ≥ skim_revenue"),
            Column("posted_price", .rational, doc: "best posted price"),
            Column("posted_revenue", .rational, doc: "ER*_posted"),
            Column("menu_revenue_at_one", .rational, doc: "ER(1) of the family M̃(q_L) (exact)"),
            Column("slope_at_one", .rational, doc: "ER′(1⁻) of the family (exact, from the family's quadratic piece)"),
            Column("slope_at_one_negative", .boolean, doc: "ER′(1) < 0"),
            Column("curvature", .rational, doc: "ER″ on that piece"),
            Column("ql_star", .rational, doc: "the family's optimal q_L (exact)"),
            Column("menu_revenue", .rational, doc: "ER(q_L*)"),
            Column("gain", .rational, doc: "ER(q_L*) − ER*_posted"),
            Column("optimum_revenue", .rational, doc: "the best revenue over ALL menus (exact finite-type optimiser)"),
            Column("optimum_menu", .text, doc: "its contracts (q, t), lowest type first"),
            Column("three_contract_optimal", .boolean, doc: "optimum_revenue = menu_revenue"),
        ],
        validate: { p in _ = try twoTypeProblem(p) },
        run: { p, _ in
            let problem = try twoTypeProblem(p)
            let (tl, th, alpha, p2) = (p.rational("theta_l"), p.rational("theta_h"), p.rational("alpha"), p.rational("p2"))
            let skim = try asInput { try problem.optimize(.posted(excluded: 1)) }
            let pool = try asInput { try problem.optimize(.posted(excluded: 0)) }
            let posted = try asInput { try problem.optimize(.posted(excluded: nil)) }
            let postedPrice = posted.allocations[0] == .one ? tl - posted.utilities[0] : th - posted.utilities[1]
            let family = try asInput { try problem.optimize(.bindingIC) }
            let quad = try asInput { try problem.bindingQuadratic(leftOf: .one) }
            let slope = 2 * quad.a + quad.b
            let best = try asInput { try problem.optimize(.allMenus) }
            return [["theta_l": .rational(tl), "theta_h": .rational(th), "alpha": .rational(alpha), "p2": .rational(p2),
                     "delta_plus_p2_below_one": .boolean(th - tl + p2 < 1), "p2_above_theta_l": .boolean(p2 > tl),
                     "skim_price": .rational(th - skim.utilities[1]), "skim_revenue": .rational(skim.revenue),
                     "pool_price": .rational(tl - pool.utilities[0]), "pool_revenue": .rational(pool.revenue),
                     "pooling_dominates": .boolean(pool.revenue >= skim.revenue),
                     "posted_price": .rational(postedPrice), "posted_revenue": .rational(posted.revenue),
                     "menu_revenue_at_one": .rational(try asInput { try problem.bindingRevenue([.one]) }),
                     "slope_at_one": .rational(slope), "slope_at_one_negative": .boolean(slope.signum < 0),
                     "curvature": .rational(2 * quad.a), "ql_star": .rational(family.allocations[0]),
                     "menu_revenue": .rational(family.revenue), "gain": .rational(family.revenue - posted.revenue),
                     "optimum_revenue": .rational(best.revenue),
                     "optimum_menu": .text(best.contracts.map { "(\(MenuFormat.exact($0.allocation)), \(MenuFormat.exact($0.transfer)))" }.joined(separator: ", ")),
                     "three_contract_optimal": .boolean(best.revenue == family.revenue)]]
        })

    @Sendable static func twoTypeProblem(_ p: ParameterValues) throws -> FiniteTypeProblem {
        try asInput {
            let (tl, th, alpha, p2) = (p.rational("theta_l"), p.rational("theta_h"), p.rational("alpha"), p.rational("p2"))
            try require(th > tl, "theta_h", "θ_H > θ_L = \(tl)", th.description)
            let upper = max(th, 1).doubleValue
            let ownLaw = try TypeDistribution(.atoms(values: [tl.doubleValue, th.doubleValue], masses: [alpha.doubleValue, (1 - alpha).doubleValue]), upper: upper)
            let opponentLaw = try TypeDistribution(.uniform, upper: p.rational("opponent_upper").doubleValue)
            let env = try WinningProbability(own: ownLaw, opponents: [Opponent(menu: try OpponentMenu(.posted(price: p2)), valuation: opponentLaw)],
                                             dependence: .independent, tie: TieBreaking(rawValue: p.text("tie"))!)
            return try FiniteTypeProblem(types: [tl, th], masses: [alpha, 1 - alpha], environment: env)
        }
    }
}
