// Karatsuba multiplication for `Limbs` (Karatsuba & Ofman 1962; Knuth,
// TAOCP vol. 2, 4.3.3.A), in the subtractive form GMP uses (`mpn_kara_mul_n`):
// with a = a₁·Bᵏ + a₀ and b = b₁·Bᵏ + b₀,
//   a·b = z₂·B²ᵏ + (z₀ + z₂ − (a₀ − a₁)(b₀ − b₁))·Bᵏ + z₀,
// z₀ = a₀b₀, z₂ = a₁b₁: three products of at most k limbs, O(n^1.585), and no
// operand grows a carry limb. The recursion works on raw limbs with one
// scratch allocation per top-level product. Below `karatsubaThreshold` limbs
// (the shorter operand) the schoolbook product is faster; unbalanced
// operands are cut into pieces of the shorter one's length.

extension Limbs {
    /// Products whose shorter operand has at least this many limbs use
    /// Karatsuba. Tuned on the bench machine (10,000-digit operands, 519
    /// limbs): thresholds 20–32 give the same time (the recursion stops at 17
    /// limbs), 40 and 48 are 10% slower (it stops at 33).
    @usableFromInline static let karatsubaThreshold = 32

    /// a · b: schoolbook below the threshold, Karatsuba above.
    @usableFromInline
    static func multiplyFast(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        if a.isEmpty || b.isEmpty { return [] }
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        return long.withUnsafeBufferPointer { l in
            short.withUnsafeBufferPointer { s in
                build(capacity: l.count + s.count) { r in multiplyInto(r, l.baseAddress!, l.count, s.baseAddress!, s.count) }
            }
        }
    }

    /// r[0..<ln + sn] = l · s for ln ≥ sn ≥ 1 (r aliasing neither):
    /// schoolbook below the threshold, Karatsuba above. The one place the
    /// multiplication algorithm is chosen.
    @usableFromInline
    static func multiplyInto(_ r: Ptr, _ l: ConstPtr, _ ln: Int, _ s: ConstPtr, _ sn: Int) {
        if sn < karatsubaThreshold { mulBasecase(r, l, ln, s, sn); return }
        let scratch = Ptr.allocate(capacity: karatsubaScratch(ln))
        defer { scratch.deallocate() }
        multiplyRecursive(r, l, ln, s, sn, scratch)
    }

    /// Scratch limbs that `multiplyRecursive` needs for a longer operand of
    /// n limbs: S(n) = 4n + 16 + S(⌈n/2⌉), S(n) = 0 below the threshold.
    @usableFromInline
    static func karatsubaScratch(_ n: Int) -> Int {
        var total = 0
        var m = n
        while m >= karatsubaThreshold {
            total += 4 * m + 16
            m = (m + 1) / 2
        }
        return total + 16
    }

    /// r[0..<an+bn] = a · b for an ≥ bn ≥ 1 (leading zero limbs allowed).
    /// r must not overlap a, b or scratch.
    @usableFromInline
    static func multiplyRecursive(_ r: Ptr, _ a: ConstPtr, _ an: Int, _ b: ConstPtr, _ bn: Int, _ scratch: Ptr) {
        if bn < karatsubaThreshold {
            mulBasecase(r, a, an, b, bn)
            return
        }
        let k = (an + 1) / 2
        if bn <= k {
            // Unbalanced: r = Σ (piece of a) · b · B^offset, pieces of bn limbs.
            let t = scratch
            let rest = scratch + 2 * bn
            var offset = 0
            r.update(repeating: 0, count: an + bn)
            while offset < an {
                let len = min(bn, an - offset)
                multiplyRecursive(t, b, bn, a + offset, len, rest)   // bn ≥ len
                let c = add(r + offset, r + offset, len + bn, t, len + bn)
                precondition(c == 0, "Karatsuba: piece overflow")
                offset += bn
            }
            return
        }
        // a₀ = a[0..<k], a₁ = a[k..<an]; b₀ = b[0..<k], b₁ = b[k..<bn].
        let a1n = an - k, b1n = bn - k
        // z₀ into r[0..<2k], z₂ into r[2k..<an+bn].
        multiplyRecursive(r, a, k, b, k, scratch)
        multiplyRecursive(r + 2 * k, a + k, a1n, b + k, b1n, scratch)   // a1n ≥ b1n as an ≥ bn
        // |a₀ − a₁| and |b₀ − b₁| (k limbs each) and the sign of their product.
        let da = scratch, db = scratch + k, p = scratch + 2 * k, m = scratch + 4 * k
        let next = scratch + 6 * k + 2
        let aNegative = differenceMagnitude(da, a, k, a + k, a1n)
        let bNegative = differenceMagnitude(db, b, k, b + k, b1n)
        multiplyRecursive(p, da, k, db, k, next)
        // m = z₀ + z₂ (2k + 1 limbs), then m ∓ p = a₀b₁ + a₁b₀ ≥ 0.
        let z2n = an + bn - 2 * k
        m[2 * k] = add(m, r, 2 * k, r + 2 * k, z2n)
        if aNegative == bNegative {
            // (a₀ − a₁)(b₀ − b₁) ≥ 0: subtract it.
            let borrow = sub(m, m, 2 * k + 1, p, 2 * k)
            precondition(borrow == 0, "Karatsuba: negative middle term")
        } else {
            let c = add(m, m, 2 * k + 1, p, 2 * k)
            precondition(c == 0, "Karatsuba: middle term overflow")
        }
        // r += m · B^k (the carry cannot leave r).
        let mn = min(2 * k + 1, an + bn - k)
        let c = add(r + k, r + k, an + bn - k, m, normalizedCount(m, mn))
        precondition(c == 0 && normalizedCount(m, 2 * k + 1) <= mn, "Karatsuba: product overflow")
    }

    /// r[0..<n] = |x[0..<n] − y[0..<yn]| for yn ≤ n; returns true when x < y.
    @usableFromInline
    static func differenceMagnitude(_ r: Ptr, _ x: ConstPtr, _ n: Int, _ y: ConstPtr, _ yn: Int) -> Bool {
        // Compare x with y zero-extended to n limbs.
        var xLess = false
        var i = n - 1
        while i >= yn && x[i] == 0 { i -= 1 }
        if i < yn {
            // x's top limbs above yn are zero: compare the common part.
            xLess = compareN(x, y, yn) < 0
        }
        if xLess {
            _ = sub(r, y, yn, x, yn)
            (r + yn).update(repeating: 0, count: n - yn)
        } else {
            _ = sub(r, x, n, y, yn)
        }
        return xLess
    }
}
