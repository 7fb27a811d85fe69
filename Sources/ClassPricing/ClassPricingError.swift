import Numerics

/// Invalid input to a class-pricing model. Each case names the model fact
/// that failed (a cost outside [0, 1], a class count outside 1 … N, …); the
/// solver layer maps it to the spec key that supplied the value.
public enum ClassPricingError: Error, CustomStringConvertible, Equatable, Sendable {
    // MARK: Versions and costs
    /// A problem without versions (N = 0).
    case noVersions
    /// An exact cost c_n outside [0, 1]; `version` is its index when known.
    case costOutOfRange(version: Int?, cost: Rational)
    /// A floating-point cost c_n outside [0, 1] (or not finite).
    case realCostOutOfRange(version: Int?, cost: Double)
    /// Equally spaced costs h, 2h, …, Nh with h ≤ 0 or N·h > 1.
    case invalidCostStep(versions: Int, step: Rational)
    /// Brute force over set partitions needs 1 ≤ N ≤ 12 versions.
    case tooManyVersionsForBruteForce(versions: Int)
    /// The exact costs passed alongside a seller problem are not its costs.
    case costsDoNotMatchProblem(costs: [Rational])

    // MARK: Classes
    /// A number of classes K outside 1 … N (`versions` = N).
    case classCountOutOfRange(K: Int, versions: Int)
    /// A class that is empty or has an index outside 0 ..< N.
    case invalidClass(members: [Int], versions: Int)
    /// Classes that do not partition the N versions.
    case notAPartition(ClassPartition, versions: Int)
    /// No gross profit for any K to choose the number of classes from.
    case noClassCounts

    // MARK: Pricing costs and buyers
    /// A pricing cost r (or r/B) that is negative or not finite.
    case invalidPricingCost(Double)
    /// A number of buyers B < 1 (or not finite).
    case tooFewBuyers(Double)

    // MARK: Value distributions
    /// A cdf with F(0) ≠ 0 or F(1) ≠ 1.
    case cdfEndpoints(atZero: Double, atOne: Double)
    /// A cdf that decreases (or is not finite) near `at`.
    case decreasingCDF(at: Double, value: Double, previous: Double)
    /// A density that is negative or not finite at `at`.
    case invalidDensity(at: Double, value: Double)
    /// A density whose integral over [0, 1] is not 1 (±1e-6).
    case densityIntegral(Double)
    /// Uniform values on [lo, hi] with not 0 ≤ lo < hi ≤ 1.
    case invalidUniformSupport(lo: Rational, hi: Rational)
    /// A power family F = x^a with a ≤ 0 or not finite.
    case invalidPowerExponent(Double)
    /// A common demand F with atoms (prices (3) need a density).
    case demandHasAtoms(law: String)
    /// A common demand F whose support is not [0, 1].
    case demandSupport(law: String, upper: Double)
    /// Not one demand per version.
    case demandCount(demands: Int, versions: Int)

    // MARK: Random instances
    /// Random costs k/d with a denominator d < 1.
    case invalidCostDenominator(Int)
    /// A random cost range [low, high] with not 0 ≤ low ≤ high ≤ 1.
    case invalidCostRange(low: Rational, high: Rational)
    /// A random cost range holding fewer grid costs k/d than needed.
    case tooFewGridCosts(needed: Int, available: Int, low: Rational, high: Rational, denominator: Int)
    /// A random exponent range [low, high] with not 0 < low ≤ high.
    case invalidExponentRange(low: Rational, high: Rational)
    /// A random exponent range holding fewer grid exponents k/100 than needed.
    case tooFewGridExponents(needed: Int, low: Rational, high: Rational)
    /// An (MSC+LR) grid size M outside 3 … 2000.
    case gridSizeOutOfRange(Int)

    // MARK: Remark 1B
    /// ρ outside [0, 1).
    case rhoOutOfRange(Rational)
    /// No version of the high value type U[ρ, 1].
    case noHighTypeVersions(count: Int)
    /// No version of the low value type U[0, 1 − ρ].
    case noLowTypeVersions(count: Int)

    // MARK: Bilateral trade (Sec. III.4, Appendix)
    /// A discrete distribution without outcomes.
    case emptyDistribution
    /// A discrete distribution with a negative probability (at `outcome`).
    case negativeProbability(outcome: Int, probability: Double)
    /// Discrete probabilities that do not sum to 1.
    case probabilitiesDoNotSumToOne(sum: Double)
    /// Value and cost distributions for different numbers of versions, none, or more than 6.
    case unsupportedVersionCount(values: Int, costs: Int)
    /// The Appendix's γ outside [0, 1/2].
    case gammaOutOfRange(Double)
    /// Costs δ, 1 − δ with δ outside [0, 1/2].
    case deltaOutOfRange(Double)
    /// Two value (or cost) levels with low > high.
    case unorderedLevels(side: BinaryTradeSide, low: Double, high: Double)
    /// The probability of the high value (or cost) outside (0, 1).
    case typeProbabilityOutOfRange(side: BinaryTradeSide, probability: Double)
    /// A finite shading ε ≤ 0.
    case nonPositiveShading(Double)

    public var description: String {
        switch self {
        case .noVersions: return "no versions: expected at least one"
        case let .costOutOfRange(v, c): return "cost \(c)\(v.map { " of version \($0)" } ?? "") outside [0, 1]"
        case let .realCostOutOfRange(v, c): return "cost \(c)\(v.map { " of version \($0)" } ?? "") outside [0, 1]"
        case let .invalidCostStep(n, h): return "cost step h = \(h) with N = \(n): expected h > 0 and N·h = \(Rational(n) * h) ≤ 1"
        case let .tooManyVersionsForBruteForce(n): return "\(n) versions: brute force needs 1 ≤ N ≤ 12"
        case let .costsDoNotMatchProblem(c): return "costs \(c) are not the problem's costs"
        case let .classCountOutOfRange(K, n): return "K = \(K) classes: expected 1 ≤ K ≤ N = \(n)"
        case let .invalidClass(m, n): return "class \(m): expected a nonempty class of version indices in 0..<\(n)"
        case let .notAPartition(p, n): return "\(p) is not a partition of the \(n) versions into nonempty classes"
        case .noClassCounts: return "no gross profit for any K"
        case let .invalidPricingCost(r): return "pricing cost \(r): expected r ≥ 0"
        case let .tooFewBuyers(b): return "B = \(b) buyers: expected B ≥ 1"
        case let .cdfEndpoints(f0, f1): return "a cdf with F(0) = \(f0), F(1) = \(f1): expected F(0) = 0 and F(1) = 1"
        case let .decreasingCDF(x, f, last): return "F decreases near x = \(x) (F = \(f) after \(last)): expected a non-decreasing cdf"
        case let .invalidDensity(x, f): return "f(\(x)) = \(f): expected a nonnegative finite density"
        case let .densityIntegral(i): return "∫f = \(i): expected a density integrating to 1 on [0, 1] (±1e-6)"
        case let .invalidUniformSupport(lo, hi): return "uniform on [\(lo), \(hi)]: expected 0 ≤ lo < hi ≤ 1"
        case let .invalidPowerExponent(a): return "power exponent \(a): expected a > 0"
        case let .demandHasAtoms(law): return "demand \(law) has atoms: expected a distribution with a density (class prices solve (3))"
        case let .demandSupport(law, upper): return "demand \(law) on [0, \(upper)]: expected values on [0, 1] (upper=1)"
        case let .demandCount(d, n): return "\(d) demands for \(n) versions: expected one per version"
        case let .invalidCostDenominator(d): return "cost denominator \(d): expected an integer ≥ 1"
        case let .invalidCostRange(lo, hi): return "cost range [\(lo), \(hi)]: expected 0 ≤ low ≤ high ≤ 1"
        case let .tooFewGridCosts(n, k, lo, hi, d):
            return "\(k) grid costs k/\(d) in [\(lo), \(hi)]: expected at least \(n)\(n > 1 ? " distinct" : "")"
        case let .invalidExponentRange(lo, hi): return "exponent range [\(lo), \(hi)]: expected 0 < low ≤ high"
        case let .tooFewGridExponents(n, lo, hi): return "exponent range [\(lo), \(hi)]: expected at least \(n) grid exponents k/100"
        case let .gridSizeOutOfRange(m): return "grid size \(m): expected 3 ≤ M ≤ 2000"
        case let .rhoOutOfRange(rho): return "ρ = \(rho): expected 0 ≤ ρ < 1"
        case let .noHighTypeVersions(n): return "\(n) versions with values U[ρ, 1]: expected at least one"
        case let .noLowTypeVersions(n): return "\(n) versions with values U[0, 1 − ρ]: expected at least one"
        case .emptyDistribution: return "a distribution without outcomes"
        case let .negativeProbability(i, p): return "probability \(p) of outcome \(i): expected ≥ 0"
        case let .probabilitiesDoNotSumToOne(s): return "probabilities summing to \(s): expected 1"
        case let .unsupportedVersionCount(v, c): return "\(v) value and \(c) cost distributions: expected 1 ≤ V ≤ 6 versions with one of each"
        case let .gammaOutOfRange(g): return "γ = \(g): expected γ in [0, 1/2]"
        case let .deltaOutOfRange(d): return "δ = \(d): expected δ in [0, 1/2]"
        case let .unorderedLevels(side, lo, hi): return "\(side.rawValue) levels (\(lo), \(hi)): expected low ≤ high"
        case let .typeProbabilityOutOfRange(side, q): return "probability \(q) of the high \(side.rawValue): expected 0 < q < 1"
        case let .nonPositiveShading(e): return "ε = \(e): expected ε > 0"
        }
    }
}

/// Throws `error` unless `condition` holds.
@inline(__always)
func require(_ condition: Bool, _ error: @autoclosure () -> ClassPricingError) throws {
    if !condition { throw error() }
}
