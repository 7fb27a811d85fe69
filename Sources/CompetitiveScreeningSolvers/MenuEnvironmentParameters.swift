// The parameters the menu kinds share (Secs 2, 3.1, 5.1–5.2): the own
// valuation law, the opponents' menus and laws, the dependence, the tie rule
// between firms and the menu family's variable x (WinningProbability.swift,
// MenuSyntax.swift); firm i's own menu; and the sizes of the lattice DP.
//
// `own` may contain "$x", replaced by the exact value of x; menu numbers may
// be expressions in x.

import CompetitiveScreening
import Distributions
import Harness
import Numerics

/// How ties between firms break.
struct TieParameter: SolverParameters {
    @Parameter("tie", doc: "ties between firms: weak (to firm i, the paper's P) or strict (to the opponent)", default: .weak, convention: "who wins a tie between firms (the paper's weak P, or the opponent)")
    var tie: TieBreaking
}

/// Firm i's environment: its valuation law and the competing menus (the winning probability P(θ, u)).
struct MenuEnvironmentParameters: SolverParameters {
    @Parameter("own", doc: "own valuation law ($x is replaced by x), in " + TypeDistribution.syntaxDoc,
               default: "uniform")
    var own: String
    @Parameter("opponents",
               doc: "opponent menus \"MENU @ LAW; …\": MENU = none | posted(p) | menu([(q, t), …]) | tariff(c=…) (numbers may use x), LAW a valuation law (default uniform; ignored under perfect correlation); tariff(c) is the continuous menu {(q, c q²/2) : q ∈ [0, 1]} (Example 5.2), e.g. \"tariff(c=1) @ uniform\" offers q at price q²/2, so type θ buys q = min(θ/c, 1)",
               default: "posted(0.4)")
    var opponents: String
    @Parameter("dependence", doc: "independent | fgm(rho=ρ) (duopoly) | perfect | perfect(offsets=[d_j]) (θ_j = θ_i + d_j)",
               default: "independent")
    var dependence: String
    var tie = TieParameter()
    @Parameter("x", doc: "value of the variable x used in menus (and $x in laws)", default: 0)
    var x: Rational

    /// Replaces "$x" by the exact value of x.
    func substitute(_ text: String) -> String {
        text.replacingOccurrences(of: "$x", with: MenuFormat.exact(x))
    }

    /// The environment (each model error at the key of the text it came from).
    func environment() throws -> WinningProbability {
        let ownLaw = try law(substitute(own), at: $own)
        let list = try at($opponents) { try Opponent.profile(parsing: substitute(opponents), x: x) }
        let dep = try at($dependence) { try Dependence(parsing: substitute(dependence), opponents: list.count) }
        return try mapped { try WinningProbability(own: ownLaw, opponents: list, dependence: dep, tie: tie.tie) }
    }

    /// Runs `body`, reporting the environment's model errors at `own`, `opponents` or `dependence`.
    func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CompetitiveScreeningError {
            switch e {
            case .offsetCount, .nonFiniteOffset, .copulaInExactOptimiser, .fgmParameter: throw inputError($dependence, e)
            case .copulaNeedsContinuousLaw(.own, _), .ownLawNotFinite, .finiteTypeCount, .typeOrder, .typeMass, .massSum,
                 .infeasibleFamily, .notTwoTypes, .bindingAllocationCount:
                throw inputError($own, e)
            default: throw inputError($opponents, e)
            }
        }
    }
}

/// Firm i's own menu.
struct OwnMenuParameter: SolverParameters {
    @Parameter("menu",
               doc: "firm i's menu: posted(p) | menu([(q, t), …]) | binding([q_1, …, q_K]) (finite own law: lowest IR and downward ICs binding) | rule(knots=[…], values=[…], slopes=[…]) (piecewise-affine q); numbers may use x")
    var menu: String

    /// The allocation rule at x (errors at `menu`).
    func rule(_ env: WinningProbability, x: Rational) throws -> AllocationRule {
        try at($menu) { try AllocationRule(parsing: menu.replacingOccurrences(of: "$x", with: MenuFormat.exact(x)), own: env.own, x: x) }
    }
}

/// The sizes of the lattice dynamic program.
struct LatticeParameters: SolverParameters {
    @Parameter("cells", doc: "DP: uniform cells on [0, θ̄] (atoms and kinks are merged in)", default: 100, domain: .between(1, 10_000))
    var cells: Int
    @Parameter("allocation_levels", doc: "DP: L, allocations q ∈ {0, 1/L, …, 1}", default: 50, domain: .between(1, 65_535))
    var allocationLevels: Int
    @Parameter("utility_levels", doc: "DP: M utility levels on [0, θ̄]", default: 201, domain: .between(2, 100_000))
    var utilityLevels: Int
    @Parameter("gauss_nodes", doc: "DP: Gauss–Legendre nodes per cell", default: 4, domain: .between(1, 64))
    var gaussNodes: Int

    var settings: LatticeSettings {
        LatticeSettings(cells: cells, allocationLevels: allocationLevels, utilityLevels: utilityLevels, gaussNodes: gaussNodes)
    }

    /// The key of a lattice setting.
    func key(_ s: NumericalSetting) -> ParameterKey {
        switch s {
        case .allocationLevels: return $allocationLevels
        case .utilityLevels: return $utilityLevels
        case .gaussNodes: return $gaussNodes
        default: return $cells
        }
    }

    /// Runs `body`, reporting lattice-size errors at their keys and the others through `environment`.
    func mapped<T>(_ environment: MenuEnvironmentParameters, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CompetitiveScreeningError {
            switch e {
            case let .setting(s, _, _): throw inputError(key(s), e)
            case let .latticeTooLarge(_, _, _, _, largest): throw inputError(key(largest), e)
            default: return try environment.mapped { throw e }
            }
        }
    }

    /// Checks the sizes `s` on the environment's lattice.
    func validate(_ s: LatticeSettings, _ env: WinningProbability, _ environment: MenuEnvironmentParameters) throws {
        try mapped(environment) { try s.validate(cellCount: env.latticeCells(max(1, s.cells)).starts.count) }
    }
}

/// "(q, t) p; …" with p the probability the contract is chosen; continuum pieces as "q a→b on [θ, θ′) p".
func menuText(_ e: MenuEvaluation) -> String {
    if e.contracts.isEmpty { return "no sale" }
    return e.contracts.map { c in
        if c.isContinuum {
            return "q from \(MenuFormat.number(c.allocation)) on types [\(MenuFormat.number(c.from)), \(MenuFormat.number(c.to))) \(MenuFormat.number(c.chosen))"
        }
        return "(\(MenuFormat.number(c.allocation)), \(MenuFormat.number(c.transfer))) \(MenuFormat.number(c.chosen))"
    }.joined(separator: "; ")
}

/// "[a, b, …]" of exact numbers.
func exactList(_ xs: [Rational]) -> String { "[" + xs.map(MenuFormat.exact).joined(separator: ", ") + "]" }
