// Section 4 (proof of Theorem 4.1) on its own: the fixed-price benchmark Π^F
// and the total value Σv of any market, without solving contingent pricing,
// and Section 3's σ_i of G(n) (equations (3)–(4), Lemma 3.4) with their zero set.
//
// Π^F = max_p p·#{(i, t) : u_{i,t} ≥ p} (one price in every period; at a fixed
// price nobody gains by storing, so exactly the valuations ≥ p are sold). With
// the positive valuations sorted v_1 ≥ v_2 ≥ … ≥ v_ℓ it is max_k k·v_k over the
// last index k of each distinct value, the step the proof uses ("set
// j* = argmax_j j·v_j"). Σv = Σ_k v_k bounds Π^PA from above (perfect
// discrimination), and the proof shows Σv ≤ H_ℓ·Π^F ≤ (H_T + H_N)·Π^F.
//
// On G(n) the valuations are 1, 1/2, …, 1/n, so k·v_k = 1 for every k: Π^F = 1,
// attained at each of the n prices 1/k, and Σv = H_n.
//
// σ_i = 1/i − 1/(i+1) − ε·ℓ_i = (1/n³)·(n³/(i(i+1)) − ⌊n³/(i(i+1))⌋) (eq. (4)),
// so σ_i = 0 exactly when i(i+1) divides n³: then consumer i is indifferent
// between buying at τ_{i+1} at price 1/(i+1) and buying at τ_i at price 1/i.

import Numerics

extension StorableGoodsMarket {
    /// Π^F, every price attaining it, and Σv.
    public struct FixedPriceBenchmark: Sendable, Hashable {
        /// Π^F = max_p p·#{(i, t) : u_{i,t} ≥ p} (0 when every value is 0).
        public let revenue: Rational
        /// Every price p with p·#{u_{i,t} ≥ p} = Π^F, decreasing (empty when Π^F = 0).
        public let maximisingPrices: [Rational]
        /// Σ_{i,t} u_{i,t}.
        public let totalValue: Rational
        /// ℓ, the number of positive valuations.
        public let valueCount: Int
    }

    /// Π^F and Σv from the sorted valuations (no pricing game is solved).
    /// Σv is summed by binary splitting (unreduced pairs, one reduction at
    /// the end), which keeps sums like H_n fast where a running reduced sum
    /// pays a gcd of ever larger numbers per term.
    ///
    /// - Complexity: O(D log D) comparisons for D positive values, plus the
    ///   exact sum (≈ 0.1 s for the 10⁴ values of G(10⁴)). Never fails.
    public var fixedPriceBenchmark: FixedPriceBenchmark {
        let sorted = positiveValues.sorted(by: >)
        var best = Rational.zero
        var prices: [Rational] = []
        var k = 0
        while k < sorted.count {
            var j = k
            while j + 1 < sorted.count && sorted[j + 1] == sorted[k] { j += 1 }
            let r = sorted[k] * Rational(j + 1)
            if r > best { best = r; prices = [sorted[k]] } else if r == best && r.signum > 0 { prices.append(sorted[k]) }
            k = j + 1
        }
        return FixedPriceBenchmark(revenue: best, maximisingPrices: prices, totalValue: ExactSummation.sum(sorted), valueCount: sorted.count)
    }
}

extension ConstructionG {
    /// σ_1, …, σ_n (eq. (3)) and where they vanish.
    public struct SigmaProfile: Sendable, Hashable {
        /// σ_i/ε = (n³ mod i(i+1))/(i(i+1)) for i = 1…n (index i − 1), from eq. (3) exactly.
        public let sigmaOverEpsilon: [Rational]
        /// {i : σ_i = 0}, increasing, from the exact σ_i of eq. (3).
        public let zeroSet: [Int]
        /// {i : i(i+1) divides n³}, increasing, by integer arithmetic (eq. (4)'s prediction of the zero set).
        public let divisibilitySet: [Int]
        /// min and max of σ_i/ε over i = 1…n−1 (Lemma 3.4: in [0, 1)).
        public let minimumOverEpsilon: Rational
        public let maximumOverEpsilon: Rational
    }

    /// The σ_i of G(n) and their zero set.
    ///
    /// - Complexity: O(n) exact operations (≈ 10 ms for n = 10⁴). Never fails.
    public var sigmaProfile: SigmaProfile {
        let eps = storageCost
        var over: [Rational] = []
        over.reserveCapacity(n)
        var zeros: [Int] = [], divides: [Int] = []
        for i in 1...n {
            let s = sigma(i)
            over.append(s / eps)
            if s.isZero { zeros.append(i) }
            if nCubed % (i * (i + 1)) == 0 { divides.append(i) }
        }
        let inner = over.prefix(n - 1)
        return SigmaProfile(sigmaOverEpsilon: over, zeroSet: zeros, divisibilitySet: divides,
                            minimumOverEpsilon: inner.min()!, maximumOverEpsilon: inner.max()!)
    }
}
