// Secs 2, 3.1, 5.1–5.2 (Examples 5.2, 5.3): a menu of firm i against fixed
// opponent menus — its exact revenue (eq. (3)), each type's choice, the value
// of x at which a menu family's revenue falls to the best posted price, and
// the best posted price itself (MenuEvaluation.swift).

import CompetitiveScreening
import Harness
import Numerics

// MARK: - screening.menu-revenue

struct MenuRevenueParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var menu = OwnMenuParameter()
}

struct MenuRevenueRow: SolverRow {
    var revenue: Double
    var winningMass: Double
    var interiorMass: Double
    var activeContracts: Int
    var contracts: String
    var postedRevenue: Double
    var gain: Double

    static let columns: [RowColumn<Self>] = [
        .init("revenue", \.revenue, doc: "ER of the menu (adaptive quadrature split where U crosses the opponents' levels; atoms exact)"),
        .init("winning_mass", \.winningMass, doc: "probability that the agent contracts with firm i (q > 0 and firm i wins)"),
        .init("interior_mass", \.interiorMass, doc: "own probability on interior allocations 0 < q < 1"),
        .init("active_contracts", \.activeContracts, doc: "contracts chosen with positive probability (q > 0; a continuum piece counts once)"),
        .init("contracts", \.contracts, doc: "active contracts (q, t) with the probability each is chosen"),
        .init("posted_revenue", \.postedRevenue, doc: "supremum of posted-price revenue against the same opponents"),
        .init("gain", \.gain, doc: "revenue − posted_revenue"),
    ]
}

let menuRevenue = SolverKind(
    "screening.menu-revenue",
    summary: "Sec 3.1 eq. (3): exact expected revenue of a menu of firm i against fixed opponent menus (independent, copula or perfectly correlated valuations), its contracts' shares, and the best posted price against the same opponents",
    parameters: MenuRevenueParameters.self,
    validate: { p in let env = try p.environment.environment(); _ = try p.menu.rule(env, x: p.environment.x) },
    run: { p, _ in
        let env = try p.environment.environment()
        let e = try env.evaluate(try p.menu.rule(env, x: p.environment.x))
        let posted = try env.bestPostedPrice()
        return [MenuRevenueRow(revenue: e.revenue, winningMass: e.winningMass, interiorMass: e.interiorMass,
                               activeContracts: e.contracts.count, contracts: menuText(e),
                               postedRevenue: posted.revenue, gain: e.revenue - posted.revenue)]
    })

// MARK: - screening.menu-choices

struct MenuChoicesParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var menu = OwnMenuParameter()

    func inputs() throws -> (WinningProbability, AllocationRule) {
        let env = try environment.environment()
        let rule = try menu.rule(env, x: environment.x)
        if env.own.atoms.isEmpty { throw SolverInputError(environment.$own, expected: "a law with atoms (one row per atom)", found: env.own.description) }
        return (env, rule)
    }
}

struct MenuChoicesRow: SolverRow {
    var theta: Double
    var allocation: Double
    var transfer: Double
    var utility: Double
    var winWeak: Double
    var winStrict: Double

    static let columns: [RowColumn<Self>] = [
        .init("theta", \.theta, key: true, doc: "own type θ (an atom of the own law)"),
        .init("allocation", \.allocation, doc: "q of the chosen contract"),
        .init("transfer", \.transfer, doc: "t of the chosen contract"),
        .init("utility", \.utility, doc: "U(θ) = θq − t"),
        .init("win_weak", \.winWeak, doc: "P(θ, U(θ)) with ties to firm i"),
        .init("win_strict", \.winStrict, doc: "P(θ, U(θ)) with ties to the opponent (1: the type strictly prefers firm i)"),
    ]
}

let menuChoices = SolverKind(
    "screening.menu-choices",
    summary: "Sec 2: for each type of a finite own law, the contract chosen from firm i's menu (ties to the highest transfer), its utility and the probability firm i wins under weak and strict tie-breaking",
    parameters: MenuChoicesParameters.self,
    validate: { p in _ = try p.inputs() },
    run: { p, _ in
        let (env, rule) = try p.inputs()
        return env.own.atoms.map { a in
            let u = rule.utility(a.value)
            return MenuChoicesRow(theta: a.value, allocation: rule.allocation(a.value), transfer: rule.transfer(a.value), utility: u,
                                  winWeak: env.probability(theta: a.value, utility: u, tie: .weak),
                                  winStrict: env.probability(theta: a.value, utility: u, tie: .strict))
        }
    })

// MARK: - screening.menu-threshold

struct MenuThresholdParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
    var menu = OwnMenuParameter()
    @Parameter("x_from", doc: "lower end of the bracket (menu beats the posted price)")
    var xFrom: Double
    @Parameter("x_to", doc: "upper end of the bracket (it does not)")
    var xTo: Double
}

struct MenuThresholdRow: SolverRow {
    var postedRevenue: Double
    var postedAttained: Bool
    var revenueAtFrom: Double
    var revenueAtTo: Double
    var threshold: Double

    static let columns: [RowColumn<Self>] = [
        .init("posted_revenue", \.postedRevenue, doc: "supremum of posted-price revenue"),
        .init("posted_attained", \.postedAttained, doc: "whether a posted price attains it"),
        .init("revenue_at_from", \.revenueAtFrom, doc: "menu revenue at x_from"),
        .init("revenue_at_to", \.revenueAtTo, doc: "menu revenue at x_to"),
        .init("threshold", \.threshold, doc: "x where menu revenue = posted_revenue"),
    ]
}

let menuThreshold = SolverKind(
    "screening.menu-threshold",
    summary: "the value of x in [x_from, x_to] at which a menu family's revenue falls to the best posted-price revenue against the same opponents (Brent's root finder)",
    parameters: MenuThresholdParameters.self,
    validate: { p in
        let env = try p.environment.environment()
        _ = try p.menu.rule(env, x: p.environment.x)
        if !(p.xFrom < p.xTo) { throw SolverInputError(p.$xTo, expected: "x_to > x_from", found: "\(p.xTo)") }
    },
    run: { p, _ in
        let env = try p.environment.environment()
        let posted = try env.bestPostedPrice()
        let revenue = { (xv: Double) throws -> Double in
            let r = Rational(exactly: xv) ?? .zero
            return try env.evaluate(try p.menu.rule(env, x: r), detailed: false).revenue
        }
        let root = try Roots.brent({ try revenue($0) - posted.revenue }, in: p.xFrom, p.xTo, absoluteTolerance: 1e-15).root
        return [MenuThresholdRow(postedRevenue: posted.revenue, postedAttained: posted.attained,
                                 revenueAtFrom: try revenue(p.xFrom), revenueAtTo: try revenue(p.xTo), threshold: root)]
    })

// MARK: - screening.posted-against-menus

struct PostedAgainstMenusParameters: SolverParameters {
    var environment = MenuEnvironmentParameters()
}

struct PostedAgainstMenusRow: SolverRow {
    var price: Double
    var revenue: Double
    var attained: Bool
    var marginalType: Double

    static let columns: [RowColumn<Self>] = [
        .init("price", \.price, doc: "the revenue-maximising price (the price approached from below when the supremum is not attained)"),
        .init("revenue", \.revenue, doc: "supremum of posted-price revenue"),
        .init("attained", \.attained, doc: "whether some posted price attains it under the tie rule"),
        .init("marginal_type", \.marginalType, doc: "the lowest own type that buys from firm i and wins at that price (θ̄ if none)"),
    ]
}

let postedAgainstMenus = SolverKind(
    "screening.posted-against-menus",
    summary: "the best posted price of firm i against arbitrary opponent menus (posted, finite, tariff; independent, copula or perfectly correlated valuations): global grid + Brent, exact at atoms; supremum and whether it is attained",
    parameters: PostedAgainstMenusParameters.self,
    validate: { p in _ = try p.environment.environment() },
    run: { p, _ in
        let env = try p.environment.environment()
        let b = try env.bestPostedPrice()
        return [PostedAgainstMenusRow(price: b.price, revenue: b.revenue, attained: b.attained, marginalType: b.marginalType ?? env.own.upper)]
    })
