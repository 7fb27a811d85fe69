// Recursive division (Burnikel & Ziegler, "Fast Recursive Division", MPI
// research report MPI-I-98-1-022, 1998): a 2n-by-n-limb division is two
// 3n/2-by-n divisions, each one n/2-limb recursive division and one n/2 × n/2
// product (Karatsuba.swift), so dividing costs about 2·K(n) instead of the
// n² of Algorithm D. Long dividends are cut into n-limb blocks (the paper's
// Algorithm 3, with the divisor padded to j·2ᵏ limbs so every level halves
// evenly); recursion stops below `burnikelZieglerThreshold` limbs or at an odd
// size, where Algorithm D (Limbs.divideSchoolbook) takes over.

extension Limbs {
    /// Divisors (and quotients) of at least this many limbs use recursive
    /// division. Tuned on the bench machine (20,000/10,000 digits): 80–200
    /// limbs are within 2% of each other, 40 is 10% and 24 is 25% slower.
    @usableFromInline static let burnikelZieglerThreshold = 100

    /// (⌊u / v⌋, u mod v) for u ≥ v and a v of at least two limbs.
    @usableFromInline
    static func divideRecursive(_ u: Magnitude, _ v: Magnitude) -> (quotient: Magnitude, remainder: Magnitude) {
        let n0 = v.count
        // n = j·m with m a power of two and j below the threshold.
        var m = 1
        while n0 / m >= burnikelZieglerThreshold { m *= 2 }
        let n = ((n0 + m - 1) / m) * m
        // Shift so the divisor has exactly n limbs with its top bit set.
        let sigma = (n - n0) * 64 + v[n0 - 1].leadingZeroBitCount
        let b = shiftLeft(v, sigma)
        let a = shiftLeft(u, sigma)
        // t blocks of n limbs, the top one with its top bit clear.
        let t = max(2, (bitWidth(a) + 1 + 64 * n - 1) / (64 * n))
        var quotient = Magnitude(repeating: 0, count: t * n)
        var z = slice(a, (t - 2) * n, t * n)
        var remainder: Magnitude = []
        var i = t - 2
        while i >= 0 {
            let (q, r) = divide2n1n(z, b, n)
            for (k, limb) in q.enumerated() { quotient[i * n + k] = limb }
            if i > 0 {
                z = joined(r, slice(a, (i - 1) * n, i * n), at: n)
            } else {
                remainder = r
            }
            i -= 1
        }
        normalize(&quotient)
        return (quotient, shiftRight(remainder, sigma))
    }

    /// Algorithm 1 (D2n/1n): (⌊a / b⌋, a mod b) for a < b·Bⁿ and b of n limbs
    /// with its top bit set.
    static func divide2n1n(_ a: Magnitude, _ b: Magnitude, _ n: Int) -> (Magnitude, Magnitude) {
        if n % 2 == 1 || n < burnikelZieglerThreshold { return divideSchoolbook(a, b) }
        let half = n / 2
        let (q1, r) = divide3n2n(slice(a, half, a.count), b, half)
        let (q2, s) = divide3n2n(joined(r, slice(a, 0, half), at: half), b, half)
        return (joined(q1, q2, at: half), s)
    }

    /// Algorithm 2 (D3n/2n): (⌊a / b⌋, a mod b) for b = b₁·Bʰ + b₀ of 2h
    /// limbs with its top bit set and a < b·Bʰ.
    static func divide3n2n(_ a: Magnitude, _ b: Magnitude, _ h: Int) -> (Magnitude, Magnitude) {
        let a1 = slice(a, 2 * h, a.count)
        let a12 = slice(a, h, a.count)
        let b1 = slice(b, h, 2 * h)
        let b2 = slice(b, 0, h)
        var qhat: Magnitude
        var r1: Magnitude
        if compare(a1, b1) < 0 {
            (qhat, r1) = divide2n1n(a12, b1, h)
        } else {
            // a₁ = b₁: q̂ = Bʰ − 1 and r₁ = [a₁ a₂] − b₁·Bʰ + b₁.
            qhat = Magnitude(repeating: .max, count: h)
            r1 = add(subtract(a12, joined(b1, [], at: h)), b1)
        }
        let d = multiplyFast(qhat, b2)
        let rhat = joined(r1, slice(a, 0, h), at: h)
        if compare(rhat, d) >= 0 { return (qhat, subtract(rhat, d)) }
        // q̂ is at most two too large: add b back while the remainder is negative.
        var deficit = subtract(d, rhat)
        while true {
            qhat = subtract(qhat, [1])
            if compare(deficit, b) <= 0 { return (qhat, subtract(b, deficit)) }
            deficit = subtract(deficit, b)
        }
    }

    /// a[from..<to] as a normalised magnitude (limbs beyond a are zero).
    static func slice(_ a: Magnitude, _ from: Int, _ to: Int) -> Magnitude {
        let end = min(to, a.count)
        if from >= end { return [] }
        var s = Array(a[from..<end])
        normalize(&s)
        return s
    }

    /// high·B^k + low for low < B^k.
    static func joined(_ high: Magnitude, _ low: Magnitude, at k: Int) -> Magnitude {
        if high.isEmpty { return low }
        var result = low
        result.reserveCapacity(k + high.count)
        if result.count < k { result.append(contentsOf: repeatElement(0, count: k - result.count)) }
        result.append(contentsOf: high)
        return result
    }
}
