// The parameters of seeded random instances, shared by the property checks of
// Finding 1, Sec. IV's min-SSD comparison and Propositions 1–3: the seed and
// the instance sizes, the grid of random costs, and the range of random
// power-family exponents.

import ClassPricing
import Harness
import Numerics

/// The seed and the number of versions of each random instance.
struct InstanceBatchParameters: SolverParameters {
    var random = RandomSeed()
    @Parameter("sizes", doc: "number of versions N of each random instance (one instance per entry, 2 ≤ N ≤ 10)",
               domain: .between(2, 10), minimumCount: 1)
    var sizes: [Int]

    /// A fresh generator for the batch.
    var generator: SplitMix64 { random.generator }
}

/// Random costs k/d on a grid in [low, high].
struct RandomCostParameters: SolverParameters {
    @Parameter("cost_denominator", doc: "random costs are k/cost_denominator (exact)", default: 100, domain: .between(1, 1_000_000))
    var denominator: Int
    @Parameter("cost_low", doc: "lowest random cost", default: Rational.zero, domain: .between(0, 1))
    var low: Rational
    @Parameter("cost_high", doc: "highest random cost", default: Rational.one, domain: .between(0, 1))
    var high: Rational

    /// n random costs (`RandomInstances.costs`), with the generator's errors named at the keys.
    func draw(_ rng: inout SplitMix64, n: Int, distinct: Bool, sorted: Bool) throws -> [Rational] {
        do {
            return try RandomInstances.costs(&rng, n: n, low: low, high: high, denominator: denominator, distinct: distinct, sorted: sorted)
        } catch let e as ClassPricingError {
            switch e {
            case .invalidCostRange:
                throw SolverInputError($low, expected: "cost_low ≤ cost_high", found: "\(show(low)) > \(show(high))")
            default:
                throw SolverInputError($denominator, expected: "a cost grid k/\(denominator) with enough points in [\(show(low)), \(show(high))]",
                                       found: e.description)
            }
        }
    }
}

/// Random power-family exponents a (F = x^a) on the grid k/100 in [low, high].
struct RandomExponentParameters: SolverParameters {
    @Parameter("exponent_low", doc: "lowest random power exponent a (F = x^a; drawn on the grid k/100)",
               default: Rational(1, 2), domain: .positive)
    var low: Rational
    @Parameter("exponent_high", doc: "highest random power exponent a", default: Rational(3), domain: .positive)
    var high: Rational

    /// n random exponents (`RandomInstances.exponents`), with the generator's errors named at the keys.
    func draw(_ rng: inout SplitMix64, n: Int, distinct: Bool, sorted: Bool) throws -> [Rational] {
        do {
            return try RandomInstances.exponents(&rng, n: n, low: low, high: high, distinct: distinct, sorted: sorted)
        } catch let e as ClassPricingError {
            switch e {
            case .invalidExponentRange:
                throw SolverInputError($low, expected: "exponent_low ≤ exponent_high", found: "\(show(low)) > \(show(high))")
            default:
                throw SolverInputError($low, expected: "an exponent range [exponent_low, exponent_high] with enough grid exponents k/100",
                                       found: e.description)
            }
        }
    }
}
