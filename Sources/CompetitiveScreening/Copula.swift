// Sec 5.1: correlated valuations for a duopoly, through a copula linking the
// marginals F₁ (own, firm i) and F₂ (the opponent). Example 5.1 uses the
// Farlie–Gumbel–Morgenstern copula C(u, v) = uv[1 + ρ(1 − u)(1 − v)].

import Distributions

/// The dependence between the own valuation θ₁ and the opponent's θ₂.
public enum Copula: Sendable, Equatable, CustomStringConvertible {
    /// θ₁ and θ₂ independent: C(u, v) = uv.
    case independent
    /// Farlie–Gumbel–Morgenstern, ρ ∈ [−1, 1].
    case fgm(rho: Double)

    /// Validates ρ ∈ [−1, 1] (`.fgmParameter`).
    public static func fgmChecked(rho: Double) throws -> Copula {
        try require(rho.isFinite && rho >= -1 && rho <= 1, .fgmParameter(rho: rho))
        return .fgm(rho: rho)
    }

    public var description: String {
        switch self {
        case .independent: return "independent"
        case let .fgm(rho): return "fgm(rho=\(TypeDistribution.number(rho)))"
        }
    }

    /// C(u, v), the joint cdf in uniform coordinates.
    public func joint(_ u: Double, _ v: Double) -> Double {
        switch self {
        case .independent: return u * v
        case let .fgm(rho): return u * v * (1 + rho * (1 - u) * (1 - v))
        }
    }

    /// ∂C/∂u (u, v) = Pr(V ≤ v | U = u), the conditional cdf in uniform coordinates.
    public func conditional(_ v: Double, given u: Double) -> Double {
        switch self {
        case .independent: return v
        case let .fgm(rho): return v * (1 + rho * (1 - 2 * u) * (1 - v))
        }
    }

    /// ∂²C/∂u∂v, the copula density.
    public func density(_ u: Double, _ v: Double) -> Double {
        switch self {
        case .independent: return 1
        case let .fgm(rho): return 1 + rho * (1 - 2 * u) * (1 - 2 * v)
        }
    }

    /// ∂/∂u of the conditional cdf: ∂²C/∂u² (u, v).
    public func conditionalDerivative(_ v: Double, given u: Double) -> Double {
        switch self {
        case .independent: return 0
        case let .fgm(rho): return -2 * rho * v * (1 - v)
        }
    }
}

/// A duopoly valuation pair: own marginal F₁, opponent marginal F₂ and a copula.
public struct ValuationPair: Sendable, Equatable {
    public let own: TypeDistribution
    public let opponent: TypeDistribution
    public let copula: Copula

    public init(own: TypeDistribution, opponent: TypeDistribution, copula: Copula = .independent) {
        self.own = own; self.opponent = opponent; self.copula = copula
    }

    /// F_{2|1}(x | θ) = Pr(θ₂ ≤ x | θ₁ = θ) = ∂C/∂u (F₁(θ), F₂(x)).
    public func conditionalCDF(_ x: Double, given theta: Double) -> Double {
        copula.conditional(opponent.cdf(x), given: own.cdf(theta))
    }

    /// ∂/∂θ F_{2|1}(x | θ) = f₁(θ) · ∂²C/∂u² (F₁(θ), F₂(x)).
    public func conditionalCDFDerivative(_ x: Double, given theta: Double) -> Double {
        own.pdf(theta) * copula.conditionalDerivative(opponent.cdf(x), given: own.cdf(theta))
    }

    /// f_{2|1}(x | θ) = f₂(x) · c(F₁(θ), F₂(x)), the conditional density of θ₂.
    public func conditionalDensity(_ x: Double, given theta: Double) -> Double {
        opponent.pdf(x) * copula.density(own.cdf(theta), opponent.cdf(x))
    }

    /// F(θ₁, θ₂) = C(F₁(θ₁), F₂(θ₂)).
    public func jointCDF(_ theta1: Double, _ theta2: Double) -> Double {
        copula.joint(own.cdf(theta1), opponent.cdf(theta2))
    }
}
