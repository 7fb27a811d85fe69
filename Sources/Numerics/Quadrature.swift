// Numerical integration of a function of one real variable: the result type
// and the `Quadrature` namespace. The rules are in GaussLegendre.swift and
// GaussKronrod.swift.
//
// Two families of rules:
//
// * Gauss–Legendre rules of any order, whose nodes and weights are computed on
//   demand by Newton iteration on the Legendre polynomial P_n evaluated with
//   its three-term recurrence (Press et al., Numerical Recipes, 3rd ed. 2007,
//   §4.6 "Gaussian Quadratures and Orthogonal Polynomials"; Abramowitz &
//   Stegun 1964, 25.4.29 for the weight formula).
// * A globally adaptive integrator built on the 7-point Gauss / 15-point
//   Kronrod pair, following the QAG strategy of QUADPACK (Piessens,
//   de Doncker-Kapenga, Überhuber & Kahaner 1983, "QUADPACK: A Subroutine
//   Package for Automatic Integration", Springer, routines QAG/QK15, with
//   user break points as in QAGP).

import Foundation

/// The outcome of an adaptive integration.
public struct QuadratureResult: Sendable, Equatable {
    /// The approximation of the integral (negated when the limits are reversed).
    public var value: Double
    /// An estimate of `|value - exact integral|` (the sum of the per-subinterval
    /// QUADPACK error estimates; it is an estimate, not a bound).
    public var errorEstimate: Double
    /// The number of evaluations of the integrand.
    public var evaluations: Int
    /// The number of subintervals in the final partition of the interval.
    public var subintervals: Int

    public init(value: Double, errorEstimate: Double, evaluations: Int, subintervals: Int) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.evaluations = evaluations
        self.subintervals = subintervals
    }
}

/// Namespace for the quadrature routines.
public enum Quadrature {
}
