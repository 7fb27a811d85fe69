// Sec 3.1 problem (3) and Examples 3.1, 5.3: the best response over ALL menus
// (the lattice DP of MenuBestResponse.swift), the exact best menu for a
// finite own law (FiniteTypeMenus.swift), and Example 3.1's two-type
// analysis against a posted price.

import CompetitiveScreening
import Harness
import Distributions
import Numerics

// MARK: - screening.menu-best-response

struct MenuBestResponseParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var lattice = LatticeParameters()
    @Parameter("refinements", doc: "number of refinement levels (level r doubles cells, L and M − 1 r times)", default: 1, domain: .between(1, 8))
    var refinements: Int
    var bound = BoundCellsParameter()
}

/// Cells of the perfect-correlation dual bound (PerfectCorrelationMenu.swift).
struct BoundCellsParameter: SolverParameters {
    @Parameter("bound_cells", doc: "cells of the step-function multiplier of the perfect-correlation upper bound (2 to 100000)", default: 2000,
               domain: .between(2, 100_000))
    var boundCells: Int
}

/// A true upper bound on the supremum over all menus: under perfect correlation
/// (atomless own law, τ(0) = 0) the one-dimensional dual bound; otherwise the
/// monopoly revenue max_p p·P(θ ≥ p) (P ≤ 1 and t⁺ of an IC menu is at most a
/// monopolist's revenue, a posted price by Riley–Zeckhauser).
func menuUpperBound(_ env: WinningProbability, cells: Int) throws -> (value: Double, method: String) {
    if env.hasPerfectCorrelationBound {
        return (try env.perfectCorrelationBestResponse(cells: cells).upperBound, "perfect-correlation dual (\(cells) cells)")
    }
    let monopoly = try WinningProbability(own: env.own, opponents: [], dependence: .independent, tie: .weak)
    return (try monopoly.bestPostedPrice().revenue, "monopoly posted price")
}

struct MenuBestResponseRow: SolverRow {
    var level: Int
    var cells: Int
    var allocationLevels: Int
    var utilityLevels: Int
    var dpValue: Double
    var revenue: Double
    var rebuildGap: Double
    var upperBound: Double
    var optimalityGap: Double
    var boundMethod: String
    var change: Double
    var postedPrice: Double
    var postedRevenue: Double
    var postedAttained: Bool
    var gain: Double
    var interiorMass: Double
    var activeContracts: Int
    var menu: String
    var densityRegularityMargin: String
    var densityRegular: Bool

    static let columns: [RowColumn<Self>] = [
        .init("level", \.level, key: true, doc: "refinement level r"),
        .init("cells", \.cells, doc: "cells after merging atoms and kinks"),
        .init("allocation_levels", \.allocationLevels, doc: "L"),
        .init("utility_levels", \.utilityLevels, doc: "M"),
        .init("dp_value", \.dpValue, doc: "value of the lattice DP"),
        .init("revenue", \.revenue, doc: "exact revenue of the rebuilt menu (a feasible menu: a lower bound on the supremum)"),
        .init("rebuild_gap", \.rebuildGap, doc: "|dp_value − revenue|: the DP's own value against the rebuilt menu's exact revenue (NOT a bound on the distance to the supremum)"),
        .init("upper_bound", \.upperBound, doc: "a certified upper bound on the supremum over all menus (bound_method; the same on every level)"),
        .init("optimality_gap", \.optimalityGap, doc: "upper_bound − revenue: the rebuilt menu is within this of the supremum"),
        .init("bound_method", \.boundMethod, doc: "perfect-correlation dual (the one-dimensional problem, PerfectCorrelationMenu.swift) or monopoly posted price (any dependence, loose)"),
        .init("change", \.change, doc: "|revenue − revenue at the previous level| (0 at level 0)"),
        .init("posted_price", \.postedPrice, doc: "best posted price against the same opponents"),
        .init("posted_revenue", \.postedRevenue, doc: "its revenue (supremum)"),
        .init("posted_attained", \.postedAttained, doc: "whether a posted price attains the supremum"),
        .init("gain", \.gain, doc: "revenue − posted_revenue"),
        .init("interior_mass", \.interiorMass, doc: "own probability on interior allocations 0 < q < 1 in the rebuilt menu"),
        .init("active_contracts", \.activeContracts, doc: "contracts chosen with positive probability (q > 0)"),
        .init("menu", \.menu, doc: "active contracts (q, t) with the probability each is chosen"),
        .init("density_regularity_margin", \.densityRegularityMargin, doc: "min over [0, θ̄] of 2f(θ) + θf′(θ) for the own law (Def 3.1, DensityConditionChecker; \"n/a\" with atoms)"),
        .init("density_regular", \.densityRegular, doc: "the normalised form 2 + θf′/f is positive on the whole support (Def 3.1 up to the factor f > 0; false with atoms); Beta(α, 1)'s boundary point θ = 0 is discussed in def-3-1-beta-alpha-one"),
    ]
}

let menuBestResponse = SolverKind(
    "screening.menu-best-response",
    summary: "Sec 3.1 problem (3): best response over ALL menus by a lattice dynamic program (cells × utility levels × allocation levels), the rebuilt menu evaluated exactly, against the best posted price; one row per refinement level (sizes doubled)",
    parameters: MenuBestResponseParameters.self,
    validate: { p in
        let env = try p.environment.environment()
        let r = p.refinements
        if !(1...8).contains(r) { throw SolverInputError(p.$refinements, expected: "1 to 8 refinement levels", found: "\(r)") }
        try p.lattice.validate(p.lattice.settings.refined(r - 1), env, p.environment)
    },
    run: { p, progress in
        let env = try p.environment.environment()
        let posted = try env.bestPostedPrice()
        let regularity = try DensityConditionChecker().check(.densityRegularity, env.own)
        let margin = regularity.raw.map { conditionText($0.margin) } ?? "n/a"
        let regular = regularity.normalised?.verdict == .holdsStrictly
        let bound = try at(p.bound.$boundCells) { try menuUpperBound(env, cells: p.bound.boundCells) }
        var rows: [MenuBestResponseRow] = []
        var previous: Double? = nil
        for r in 0..<p.refinements {
            let s = p.lattice.settings.refined(r)
            let br = try p.lattice.mapped(p.environment) { try env.menuBestResponse(s) }
            rows.append(MenuBestResponseRow(
                level: r, cells: br.cellCount, allocationLevels: s.allocationLevels, utilityLevels: s.utilityLevels,
                dpValue: br.dpValue, revenue: br.revenue, rebuildGap: br.rebuildGap,
                upperBound: bound.value, optimalityGap: bound.value - br.revenue, boundMethod: bound.method,
                change: previous.map { abs(br.revenue - $0) } ?? 0,
                postedPrice: posted.price, postedRevenue: posted.revenue, postedAttained: posted.attained, gain: br.revenue - posted.revenue,
                interiorMass: br.evaluation.interiorMass, activeContracts: br.evaluation.contracts.count,
                menu: menuText(br.evaluation), densityRegularityMargin: margin, densityRegular: regular))
            previous = br.revenue
            progress.update(Double(r + 1) / Double(p.refinements))
        }
        return rows
    })

// MARK: - screening.perfect-correlation-menu

struct PerfectCorrelationMenuParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var bound = BoundCellsParameter()

    /// The environment, which must admit the one-dimensional method (errors at `dependence` or `own`).
    func checked() throws -> WinningProbability {
        let env = try environment.environment()
        guard case .perfect = env.dependence else {
            throw SolverInputError(environment.$dependence, expected: "perfect or perfect(offsets=[…]) (the one-dimensional method)", found: env.dependence.description)
        }
        if !env.own.isContinuous { throw SolverInputError(environment.$own, expected: "an atomless own law (finite laws: screening.finite-type-menu)", found: env.own.description) }
        if !env.hasPerfectCorrelationBound {
            throw SolverInputError(environment.$dependence, expected: "offsets with which no rival gives type 0 positive utility (τ(0) = 0; full participation is then without loss)",
                                   found: "\(environment.dependence) with \(environment.opponents)")
        }
        return env
    }
}

struct PerfectCorrelationMenuRow: SolverRow {
    var threshold: Double
    var revenue: Double
    var attained: Bool
    var upperBound: Double
    var optimalityGap: Double
    var postedPrice: Double
    var postedRevenue: Double
    var gain: Double

    static let columns: [RowColumn<Self>] = [
        .init("threshold", \.threshold, doc: "θ*: the menu matches the strongest rival (U = τ) on [0, θ*] and sells q = 1 above"),
        .init("revenue", \.revenue, doc: "revenue of that menu, every type won under weak ties (the supremum over all menus when J = θf − (1 − F) is non-decreasing)"),
        .init("attained", \.attained, doc: "weak ties, or nothing to match (θ* = 0); under strict ties the matched types are lost and revenue is a supremum, approached"),
        .init("upper_bound", \.upperBound, doc: "the dual bound B(N): no menu earns more, weak or strict ties"),
        .init("optimality_gap", \.optimalityGap, doc: "upper_bound − revenue"),
        .init("posted_price", \.postedPrice, doc: "best posted price against the same opponents"),
        .init("posted_revenue", \.postedRevenue, doc: "its revenue (supremum)"),
        .init("gain", \.gain, doc: "revenue − posted_revenue"),
    ]
}

let perfectCorrelationMenu = SolverKind(
    "screening.perfect-correlation-menu",
    summary: "Sec 5.2: the best response over all menus under perfect correlation as a one-dimensional problem — the menu max(τ, τ(θ*) + θ − θ*) and a certified dual upper bound (PerfectCorrelationMenu.swift)",
    parameters: PerfectCorrelationMenuParameters.self,
    validate: { p in _ = try p.checked() },
    run: { p, _ in
        let env = try p.checked()
        let r = try at(p.bound.$boundCells) { try env.perfectCorrelationBestResponse(cells: p.bound.boundCells) }
        let posted = try env.bestPostedPrice()
        return [PerfectCorrelationMenuRow(
            threshold: r.threshold, revenue: r.revenue, attained: env.tie == .weak || r.threshold == 0,
            upperBound: r.upperBound, optimalityGap: r.optimalityGap,
            postedPrice: posted.price, postedRevenue: posted.revenue, gain: r.revenue - posted.revenue)]
    })

// MARK: - screening.finite-type-menu

/// The menus the finite-type optimiser searches.
enum MenuFamilyChoice: String, CaseIterable, ParameterChoice {
    case allMenus = "all-menus"
    case bindingIC = "binding-ic"
    case posted

    var family: FiniteTypeFamily {
        switch self {
        case .allMenus: return .allMenus
        case .bindingIC: return .bindingIC
        case .posted: return .posted(excluded: nil)
        }
    }
}

struct FiniteTypeMenuParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    @Parameter("family", doc: "menus optimised over: all, lowest IR + downward ICs binding, or posted prices", default: .allMenus)
    var family: MenuFamilyChoice
    @Parameter("brute_force_grid", doc: "grid steps N of the brute force (allocations i/N, utilities on multiples of θ_K/N)", default: 100, domain: .between(1, 2000))
    var bruteForceGrid: Int
    var lattice = LatticeParameters()
    @Parameter("dp_levels", doc: "lattice-DP refinement levels 0 … n − 1 (level r doubles cells, L and M − 1 r times), 3 or 4: the DP's limit is extrapolated from them",
               default: 3, domain: .between(3, 4))
    var dpLevels: Int

    func problem() throws -> FiniteTypeProblem {
        let env = try environment.environment()
        let problem = try environment.mapped { try FiniteTypeProblem(environment: env) }
        try lattice.validate(lattice.settings.refined(dpLevels - 1), env, environment)
        if !(1...2000).contains(bruteForceGrid) { throw SolverInputError($bruteForceGrid, expected: "1 to 2000 grid steps", found: "\(bruteForceGrid)") }
        return problem
    }
}

struct FiniteTypeMenuRow: SolverRow {
    var revenue: Rational
    var attained: Bool
    var menu: String
    var allocations: String
    var utilities: String
    var winning: String
    var postedPrice: Rational
    var postedRevenue: Rational
    var postedAttained: Bool
    var gain: Rational
    var bruteForceRevenue: Double
    var dpRevenue: Double
    var dpRebuildGap: Double
    var dpLevelRevenues: String
    var dpLimit: Double
    var dpLimitError: Double

    static let columns: [RowColumn<Self>] = [
        .init("revenue", \.revenue, doc: "the supremum of revenue over the family (exact)"),
        .init("attained", \.attained, doc: "whether a menu of the family attains it under the tie rule"),
        .init("menu", \.menu, doc: "the (limit) maximiser's contracts (q_k, t_k), lowest type first"),
        .init("allocations", \.allocations, doc: "q_k"),
        .init("utilities", \.utilities, doc: "u_k = θ_k q_k − t_k"),
        .init("winning", \.winning, doc: "P_k(u_k) (limits from inside the pieces)"),
        .init("posted_price", \.postedPrice, doc: "best posted price (exact)"),
        .init("posted_revenue", \.postedRevenue, doc: "its revenue (supremum)"),
        .init("posted_attained", \.postedAttained, doc: "whether a posted price attains it"),
        .init("gain", \.gain, doc: "revenue − posted_revenue"),
        .init("brute_force_revenue", \.bruteForceRevenue, doc: "best revenue on the brute-force grid (true P, Double)"),
        .init("dp_revenue", \.dpRevenue, doc: "exact revenue of the lattice-DP menu"),
        .init("dp_rebuild_gap", \.dpRebuildGap, doc: "|DP value − dp_revenue| (not a bound on the distance to the supremum)"),
        .init("dp_level_revenues", \.dpLevelRevenues, doc: "dp_revenue at levels 0 … dp_levels − 1"),
        .init("dp_limit", \.dpLimit, doc: "Richardson extrapolation of the DP revenue to a zero lattice step, first order (the strict-tie shortfall is one utility step): 2V_{n−1} − V_{n−2} on the two finest levels"),
        .init("dp_limit_error", \.dpLimitError, doc: "a-posteriori error of dp_limit: the change of the extrapolation between the last two pairs of levels"),
    ]
}

/// The contracts "(q, t), …" exactly.
func exactMenu(_ opt: FiniteTypeOptimum) -> String {
    opt.contracts.map { "(\(MenuFormat.exact($0.allocation)), \(MenuFormat.exact($0.transfer)))" }.joined(separator: ", ")
}

let finiteTypeMenu = SolverKind(
    "screening.finite-type-menu",
    summary: "Examples 3.1/5.3: the exact best menu for a finite own law (≤ 3 types) against opponents giving a piecewise-linear winning probability (QP per piece, Rationals), whether the supremum is attained, the best posted price, and cross-checks by brute force and by the lattice DP",
    parameters: FiniteTypeMenuParameters.self,
    validate: { p in _ = try p.problem() },
    run: { p, _ in
        let problem = try p.problem()
        let env = problem.environment
        let opt = try p.environment.mapped { try problem.optimize(p.family.family) }
        let posted = try p.environment.mapped { try problem.optimize(.posted(excluded: nil)) }
        let served = posted.allocations.firstIndex(of: .one) ?? problem.types.count - 1
        let brute = try at(p.$bruteForceGrid) { try problem.bruteForce(grid: p.bruteForceGrid) }
        let dp = try p.lattice.mapped(p.environment) { try env.menuBestResponse(p.lattice.settings) }
        var levels = [dp.revenue]
        for r in stride(from: 1, to: p.dpLevels, by: 1) {
            levels.append(try p.lattice.mapped(p.environment) { try env.menuBestResponse(p.lattice.settings.refined(r)) }.revenue)
        }
        let limit = Extrapolation.richardson(levels, order: 1)
        return [FiniteTypeMenuRow(
            revenue: opt.revenue, attained: opt.attained, menu: exactMenu(opt),
            allocations: exactList(opt.allocations), utilities: exactList(opt.utilities), winning: exactList(opt.winning),
            postedPrice: problem.types[served] - posted.utilities[served], postedRevenue: posted.revenue,
            postedAttained: posted.attained, gain: opt.revenue - posted.revenue,
            bruteForceRevenue: brute.revenue, dpRevenue: dp.revenue, dpRebuildGap: dp.rebuildGap,
            dpLevelRevenues: "[" + levels.map { "\($0)" }.joined(separator: ", ") + "]", dpLimit: limit.limit, dpLimitError: limit.error)]
    })

// MARK: - screening.two-type-posted-opponent

struct TwoTypePostedOpponentParameters: SolverParameters {
    @Parameter("theta_l", doc: "θ_L ≥ 0", domain: .nonNegative)
    var thetaL: Rational
    @Parameter("theta_h", doc: "θ_H > θ_L", domain: .positive)
    var thetaH: Rational
    @Parameter("alpha", doc: "mass α of θ_L, in (0, 1)", domain: NumericDomain(minimum: 0, minimumInclusive: false, maximum: 1, maximumInclusive: false))
    var alpha: Rational
    @Parameter("p2", doc: "the opponent's posted price p₂ ≥ 0", domain: .nonNegative)
    var p2: Rational
    @Parameter("opponent_upper", doc: "θ̄₂ of the opponent's uniform valuation", default: 1, domain: .positive)
    var opponentUpper: Rational
    var tie = TieParameter()

    /// Example 3.1's problem: own types θ_L < θ_H against a posted price p₂ with θ₂ ~ U[0, θ̄₂].
    func problem() throws -> FiniteTypeProblem {
        let (tl, th) = (thetaL, thetaH)
        if !(th > tl) { throw inputError($thetaH, .typesNotIncreasing(low: tl, high: th)) }
        let upper = max(th, 1).doubleValue
        let ownLaw = try at($thetaH) {
            try valuationLaw { try TypeDistribution(.atoms(values: [tl.doubleValue, th.doubleValue], masses: [alpha.doubleValue, (1 - alpha).doubleValue]), upper: upper) }
        }
        let opponentLaw = try at($opponentUpper) { try valuationLaw { try TypeDistribution(.uniform, upper: opponentUpper.doubleValue) } }
        let menu = try at($p2) { try OpponentMenu(.posted(price: p2)) }
        let env = try at($p2) {
            try WinningProbability(own: ownLaw, opponents: [Opponent(menu: menu, valuation: opponentLaw)], dependence: .independent, tie: tie.tie)
        }
        return try at($thetaH) { try FiniteTypeProblem(types: [tl, th], masses: [alpha, 1 - alpha], environment: env) }
    }
}

struct TwoTypePostedOpponentRow: SolverRow {
    var thetaL: Rational
    var thetaH: Rational
    var alpha: Rational
    var p2: Rational
    var deltaPlusP2BelowOne: Bool
    var p2AboveThetaL: Bool
    var skimPrice: Rational
    var skimRevenue: Rational
    var poolPrice: Rational
    var poolRevenue: Rational
    var poolingDominates: Bool
    var postedPrice: Rational
    var postedRevenue: Rational
    var menuRevenueAtOne: Rational
    var slopeAtOne: Rational
    var slopeAtOneNegative: Bool
    var curvature: Rational
    var qlStar: Rational
    var menuRevenue: Rational
    var gain: Rational
    var optimumRevenue: Rational
    var optimumMenu: String
    var threeContractOptimal: Bool

    static let columns: [RowColumn<Self>] = [
        .init("theta_l", \.thetaL, doc: "θ_L"), .init("theta_h", \.thetaH, doc: "θ_H"),
        .init("alpha", \.alpha, doc: "α"), .init("p2", \.p2, doc: "p₂"),
        .init("delta_plus_p2_below_one", \.deltaPlusP2BelowOne, doc: "the paper's regime condition Δθ + p₂ < 1 (θ̄₂ = 1)"),
        .init("p2_above_theta_l", \.p2AboveThetaL, doc: "the paper's regime condition p₂ > θ_L"),
        .init("skim_price", \.skimPrice, doc: "best price serving only θ_H (exact QP)"),
        .init("skim_revenue", \.skimRevenue, doc: "its revenue"),
        .init("pool_price", \.poolPrice, doc: "best price serving both types"),
        .init("pool_revenue", \.poolRevenue, doc: "its revenue"),
        .init("pooling_dominates", \.poolingDominates, doc: "pool_revenue ≥ skim_revenue"),
        .init("posted_price", \.postedPrice, doc: "best posted price"),
        .init("posted_revenue", \.postedRevenue, doc: "ER*_posted"),
        .init("menu_revenue_at_one", \.menuRevenueAtOne, doc: "ER(1) of the family M̃(q_L) (exact)"),
        .init("slope_at_one", \.slopeAtOne, doc: "ER′(1⁻) of the family (exact, from the family's quadratic piece)"),
        .init("slope_at_one_negative", \.slopeAtOneNegative, doc: "ER′(1) < 0"),
        .init("curvature", \.curvature, doc: "ER″ on that piece"),
        .init("ql_star", \.qlStar, doc: "the family's optimal q_L (exact)"),
        .init("menu_revenue", \.menuRevenue, doc: "ER(q_L*)"),
        .init("gain", \.gain, doc: "ER(q_L*) − ER*_posted"),
        .init("optimum_revenue", \.optimumRevenue, doc: "the best revenue over ALL menus (exact finite-type optimiser)"),
        .init("optimum_menu", \.optimumMenu, doc: "its contracts (q, t), lowest type first"),
        .init("three_contract_optimal", \.threeContractOptimal, doc: "optimum_revenue = menu_revenue"),
    ]
}

let twoTypePostedOpponent = SolverKind(
    "screening.two-type-posted-opponent",
    summary: "Example 3.1: own types θ_L < θ_H (masses α, 1 − α) against an opponent posting p₂ with θ₂ ~ U[0, θ̄₂]: skimming and pooling prices, the three-contract family M̃(q_L) optimised exactly, ER′(1), ER″, and the exact best menu",
    parameters: TwoTypePostedOpponentParameters.self,
    validate: { p in _ = try p.problem() },
    run: { p, _ in
        let problem = try p.problem()
        let (tl, th, alpha, p2) = (p.thetaL, p.thetaH, p.alpha, p.p2)
        func solve<T>(_ body: () throws -> T) throws -> T { try at(p.$thetaH, body) }
        let skim = try solve { try problem.optimize(.posted(excluded: 1)) }
        let pool = try solve { try problem.optimize(.posted(excluded: 0)) }
        let posted = FiniteTypeProblem.bestPosted([pool, skim])  // = optimize(.posted(excluded: nil)), from the two above
        let postedPrice = posted.allocations[0] == .one ? tl - posted.utilities[0] : th - posted.utilities[1]
        let family = try solve { try problem.optimize(.bindingIC) }
        let quad = try solve { try problem.bindingQuadratic(leftOf: .one) }
        let slope = 2 * quad.a + quad.b
        let best = try solve { try problem.optimize(.allMenus) }
        return [TwoTypePostedOpponentRow(
            thetaL: tl, thetaH: th, alpha: alpha, p2: p2,
            deltaPlusP2BelowOne: th - tl + p2 < 1, p2AboveThetaL: p2 > tl,
            skimPrice: th - skim.utilities[1], skimRevenue: skim.revenue,
            poolPrice: tl - pool.utilities[0], poolRevenue: pool.revenue, poolingDominates: pool.revenue >= skim.revenue,
            postedPrice: postedPrice, postedRevenue: posted.revenue,
            menuRevenueAtOne: try solve { try problem.bindingRevenue([.one]) },
            slopeAtOne: slope, slopeAtOneNegative: slope.signum < 0, curvature: 2 * quad.a,
            qlStar: family.allocations[0], menuRevenue: family.revenue, gain: family.revenue - posted.revenue,
            optimumRevenue: best.revenue, optimumMenu: exactMenu(best), threeContractOptimal: best.revenue == family.revenue)]
    })
