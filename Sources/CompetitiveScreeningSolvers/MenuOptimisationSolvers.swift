// Sec 3.1 problem (3) and Examples 3.1, 5.3: the best response over ALL menus
// (the lattice DP of MenuBestResponse.swift), the exact best menu for a
// finite own law (FiniteTypeMenus.swift), and Example 3.1's two-type
// analysis against a posted price.

import CompetitiveScreening
import Harness
import Numerics

// MARK: - screening.menu-best-response

struct MenuBestResponseParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var lattice = LatticeParameters()
    @Parameter("refinements", doc: "number of refinement levels (level r doubles cells, L and M − 1 r times)", default: 1)
    var refinements: Int
}

struct MenuBestResponseRow: SolverRow {
    var level: Int
    var cells: Int
    var allocationLevels: Int
    var utilityLevels: Int
    var dpValue: Double
    var revenue: Double
    var errorEstimate: Double
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
        .init("error_estimate", \.errorEstimate, doc: "|dp_value − revenue|"),
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
        var rows: [MenuBestResponseRow] = []
        var previous: Double? = nil
        for r in 0..<p.refinements {
            let s = p.lattice.settings.refined(r)
            let br = try p.lattice.mapped(p.environment) { try env.menuBestResponse(s) }
            rows.append(MenuBestResponseRow(
                level: r, cells: br.cellCount, allocationLevels: s.allocationLevels, utilityLevels: s.utilityLevels,
                dpValue: br.dpValue, revenue: br.revenue, errorEstimate: br.errorEstimate,
                change: previous.map { abs(br.revenue - $0) } ?? 0,
                postedPrice: posted.price, postedRevenue: posted.revenue, postedAttained: posted.attained, gain: br.revenue - posted.revenue,
                interiorMass: br.evaluation.interiorMass, activeContracts: br.evaluation.contracts.count,
                menu: menuText(br.evaluation), densityRegularityMargin: margin, densityRegular: regular))
            previous = br.revenue
            progress.update(Double(r + 1) / Double(p.refinements))
        }
        return rows
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
    @Parameter("brute_force_grid", doc: "grid steps N of the brute force (allocations i/N, utilities on multiples of θ_K/N)", default: 100)
    var bruteForceGrid: Int
    var lattice = LatticeParameters()

    func problem() throws -> FiniteTypeProblem {
        let env = try environment.environment()
        let problem = try environment.mapped { try FiniteTypeProblem(environment: env) }
        try lattice.validate(lattice.settings, env, environment)
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
    var dpError: Double

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
        .init("dp_error", \.dpError, doc: "|DP value − dp_revenue|"),
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
        return [FiniteTypeMenuRow(
            revenue: opt.revenue, attained: opt.attained, menu: exactMenu(opt),
            allocations: exactList(opt.allocations), utilities: exactList(opt.utilities), winning: exactList(opt.winning),
            postedPrice: problem.types[served] - posted.utilities[served], postedRevenue: posted.revenue,
            postedAttained: posted.attained, gain: opt.revenue - posted.revenue,
            bruteForceRevenue: brute.revenue, dpRevenue: dp.revenue, dpError: dp.errorEstimate)]
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
            try TypeDistribution(.atoms(values: [tl.doubleValue, th.doubleValue], masses: [alpha.doubleValue, (1 - alpha).doubleValue]), upper: upper)
        }
        let opponentLaw = try at($opponentUpper) { try TypeDistribution(.uniform, upper: opponentUpper.doubleValue) }
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
        let posted = try solve { try problem.optimize(.posted(excluded: nil)) }
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
