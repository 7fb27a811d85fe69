// Special functions the distribution families need: the regularised
// incomplete beta function (Beta cdf) and the standard normal cdf/pdf.

import Foundation

/// Namespace for special functions.
public enum SpecialFunctions {
    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b), for a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The regularised incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b)
    /// for a, b > 0, clamped to 0 for x ≤ 0 and 1 for x ≥ 1.
    ///
    /// Algorithm: the continued fraction for I_x(a, b) (Abramowitz & Stegun
    /// 26.5.8), evaluated by the modified Lentz method, on the side where it
    /// converges fast: directly when x < (a + 1)/(a + b + 2), otherwise through
    /// the symmetry I_x(a, b) = 1 − I_{1−x}(b, a). Relative accuracy about
    /// 1e-14 for moderate a, b (up to a few hundred).
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        regularizedIncompleteBeta(a, b, x, logBeta: logBeta(a, b))
    }

    /// I_x(a, b) with log B(a, b) given (`logBeta(a, b)`, computed once by a
    /// caller evaluating one law many times): the same bits as without it.
    public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double, logBeta lb: Double) -> Double {
        precondition(a > 0 && b > 0, "regularizedIncompleteBeta needs a, b > 0")
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        // Front factor x^a (1 − x)^b / (a B(a, b)), in logs.
        let logFront = a * log(x) + b * log1p(-x) - lb
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(b, a, 1 - x) / b
    }

    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of A&S 26.5.8 by the
    /// modified Lentz algorithm (Lentz 1976; Thompson & Barnett 1986).
    private static func betaContinuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
            var num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
            num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The standard normal density φ(z).
    public static func normalPDF(_ z: Double) -> Double {
        exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
    }

    /// The standard normal cdf Φ(z) = erfc(−z/√2)/2 (accurate in both tails).
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }
}
