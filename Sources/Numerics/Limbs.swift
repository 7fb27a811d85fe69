// Magnitude arithmetic on little-endian arrays of 64-bit limbs.
//
// These are the array-level multi-precision operations under `BigInt`:
// addition, subtraction, schoolbook multiplication, single-limb division,
// Knuth's Algorithm D for long division (TAOCP vol. 2, 4.3.1) and shifts, each
// one allocation around the pointer kernels of LimbKernels.swift. Karatsuba
// products are in Karatsuba.swift, recursive division in BurnikelZiegler.swift,
// decimal conversion in DecimalConversion.swift.
// A magnitude is normalised when it has no most-significant zero limbs; the
// empty array is zero. Every function takes and returns normalised arrays.

@usableFromInline
enum Limbs {
    @usableFromInline typealias Magnitude = [UInt64]

    /// Drops most-significant zero limbs. O(n).
    @inlinable
    static func normalize(_ a: inout Magnitude) {
        while let last = a.last, last == 0 { a.removeLast() }
    }

    /// Three-way comparison of normalised magnitudes: -1, 0 or 1. O(n).
    @inlinable
    static func compare(_ a: Magnitude, _ b: Magnitude) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        if a.isEmpty { return 0 }
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in compareN(pa.baseAddress!, pb.baseAddress!, a.count) }
        }
    }

    /// a + b. O(max(n, m)). One allocation.
    @usableFromInline
    static func add(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        if short.isEmpty { return long }
        return long.withUnsafeBufferPointer { l in
            short.withUnsafeBufferPointer { s in
                build(capacity: l.count + 1) { r in
                    r[l.count] = add(r, l.baseAddress!, l.count, s.baseAddress!, s.count)
                }
            }
        }
    }

    /// a − b, requires a ≥ b. O(n). One allocation.
    @usableFromInline
    static func subtract(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        if b.isEmpty { return a }
        precondition(a.count >= b.count, "Limbs.subtract: a < b")
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                build(capacity: a.count) { r in
                    let borrow = sub(r, a.baseAddress!, a.count, b.baseAddress!, b.count)
                    precondition(borrow == 0, "Limbs.subtract: a < b")
                }
            }
        }
    }

    /// a · b by the schoolbook method (Algorithm M). O(n·m).
    @usableFromInline
    static func multiply(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        if a.isEmpty || b.isEmpty { return [] }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                build(capacity: a.count + b.count) { r in
                    mulBasecase(r, a.baseAddress!, a.count, b.baseAddress!, b.count)
                }
            }
        }
    }

    /// a · m + addend for a single limb m. O(n). One allocation.
    @usableFromInline
    static func multiply(_ a: Magnitude, small m: UInt64, adding addend: UInt64 = 0) -> Magnitude {
        if a.isEmpty || m == 0 { return addend == 0 ? [] : [addend] }
        return a.withUnsafeBufferPointer { a in
            build(capacity: a.count + 1) { r in
                r[a.count] = mul1(r, a.baseAddress!, a.count, m, carryIn: addend)
            }
        }
    }

    /// (a / d, a mod d) for a single nonzero limb d. O(n).
    @usableFromInline
    static func divide(_ a: Magnitude, small d: UInt64) -> (quotient: Magnitude, remainder: UInt64) {
        precondition(d != 0)
        if a.isEmpty { return ([], 0) }
        var r: UInt64 = 0
        let q = a.withUnsafeBufferPointer { a in
            build(capacity: a.count) { q in r = divide(q, a.baseAddress!, a.count, small: d) }
        }
        return (q, r)
    }

    /// q[0..<n] = ⌊a[0..<n] / d⌋, returns a mod d (d ≠ 0). q may alias a.
    /// O(n) (reciprocal division, SingleLimbDivision.swift).
    @inlinable
    static func divide(_ q: Ptr, _ a: ConstPtr, _ n: Int, small d: UInt64) -> UInt64 {
        divide(q, a, n, by: LimbDivisor(d))
    }

    /// a mod d for a single nonzero limb d, without building the quotient. O(n).
    @usableFromInline
    static func remainder(_ a: Magnitude, small d: UInt64) -> UInt64 {
        a.withUnsafeBufferPointer { a in
            if a.isEmpty { return 0 }
            return divide(nil, a.baseAddress!, a.count, by: LimbDivisor(d))
        }
    }

    /// (⌊u / v⌋, u mod v) for v ≠ 0: Burnikel–Ziegler recursive division
    /// (BurnikelZiegler.swift) for large balanced operands, else Algorithm D.
    @usableFromInline
    static func divide(_ u: Magnitude, _ v: Magnitude) -> (quotient: Magnitude, remainder: Magnitude) {
        precondition(!v.isEmpty, "Limbs.divide: division by zero")
        if compare(u, v) < 0 { return ([], u) }
        if v.count == 1 {
            let (q, r) = divide(u, small: v[0])
            return (q, r == 0 ? [] : [r])
        }
        if v.count >= burnikelZieglerThreshold && u.count - v.count >= burnikelZieglerThreshold {
            return divideRecursive(u, v)
        }
        return divideSchoolbook(u, v)
    }

    /// Long division (Knuth, TAOCP vol. 2, 4.3.1, Algorithm D): returns
    /// (⌊u / v⌋, u mod v) for a v of at least two limbs. O(m·n) for an
    /// (m+n)-limb u and n-limb v.
    @usableFromInline
    static func divideSchoolbook(_ u: Magnitude, _ v: Magnitude) -> (quotient: Magnitude, remainder: Magnitude) {
        if compare(u, v) < 0 { return ([], u) }
        // D1: normalise so that the divisor's top limb has its top bit set.
        let s = v[v.count - 1].leadingZeroBitCount
        let vn = shiftLeft(v, s)
        var un = shiftLeft(u, s)
        while un.count < u.count + 1 { un.append(0) }
        let n = vn.count
        let m = u.count - n
        var q = Magnitude(repeating: 0, count: m + 1)
        un.withUnsafeMutableBufferPointer { un in
            vn.withUnsafeBufferPointer { vn in
                q.withUnsafeMutableBufferPointer { q in
                    divideNormalized(q.baseAddress!, un.baseAddress!, m + n + 1, vn.baseAddress!, n)
                }
            }
        }
        normalize(&q)
        // D8: unnormalise the remainder.
        var r = Array(un[0..<n])
        normalize(&r)
        return (q, shiftRight(r, s))
    }

    /// Algorithm D, steps D2–D7, on raw limbs: u[0..<un] (un > n) becomes the
    /// remainder (in its low n limbs, the rest zero) and q[0..<un−n] the
    /// quotient, for a normalised divisor v[0..<n] (top bit set, n ≥ 2) with
    /// u[un−1] < v[n−1] or at least u[un−n..<un] < v. O((un − n)·n).
    @usableFromInline
    static func divideNormalized(_ q: Ptr, _ un: Ptr, _ uCount: Int, _ vn: ConstPtr, _ n: Int) {
        let vTop = vn[n - 1]
        let vNext = vn[n - 2]
        let top = LimbDivisor(vTop)   // vTop is normalised: shift 0
        var j = uCount - n - 1
        while j >= 0 {
            // D3: estimate q̂ from the top two limbs of the current remainder.
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if un[j + n] >= vTop {
                qhat = UInt64.max
                let (r, o) = un[j + n - 1].addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
            } else {
                (qhat, rhat) = top.divide(un[j + n], un[j + n - 1])
            }
            // Refine: while q̂·v[n−2] > r̂·b + u[j+n−2], decrement (at most twice).
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                if ph > rhat || (ph == rhat && pl > un[j + n - 2]) {
                    qhat &-= 1
                    let (r, o) = rhat.addingReportingOverflow(vTop)
                    rhat = r
                    rhatOverflow = o
                } else {
                    break
                }
            }
            // D4: multiply and subtract.
            let carry = subMul1(un + j, vn, n, qhat)
            let (t, o) = un[j + n].subtractingReportingOverflow(carry)
            un[j + n] = t
            // D5/D6: the estimate was one too large; add back.
            if o {
                qhat &-= 1
                let c = addN(un + j, un + j, vn, n)
                un[j + n] = un[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
    }

    /// a · 2^bits. O(n). One allocation.
    @usableFromInline
    static func shiftLeft(_ a: Magnitude, _ bits: Int) -> Magnitude {
        if a.isEmpty { return [] }
        let limbShift = bits / 64
        let bitShift = bits % 64
        return a.withUnsafeBufferPointer { a in
            build(capacity: a.count + limbShift + 1) { r in
                r.initialize(repeating: 0, count: limbShift)
                if bitShift == 0 {
                    (r + limbShift).initialize(from: a.baseAddress!, count: a.count)
                    r[a.count + limbShift] = 0
                } else {
                    var carry: UInt64 = 0
                    for i in 0..<a.count {
                        r[i + limbShift] = (a[i] << UInt64(bitShift)) | carry
                        carry = a[i] >> UInt64(64 - bitShift)
                    }
                    r[a.count + limbShift] = carry
                }
            }
        }
    }

    /// ⌊a / 2^bits⌋. O(n). One allocation.
    @usableFromInline
    static func shiftRight(_ a: Magnitude, _ bits: Int) -> Magnitude {
        let limbShift = bits / 64
        let bitShift = bits % 64
        if limbShift >= a.count { return [] }
        return a.withUnsafeBufferPointer { a in
            build(capacity: a.count - limbShift) { r in
                let n = a.count - limbShift
                if bitShift == 0 {
                    r.initialize(from: a.baseAddress! + limbShift, count: n)
                } else {
                    for i in 0..<n {
                        let lo = a[i + limbShift] >> UInt64(bitShift)
                        let hi = i + 1 < n ? a[i + limbShift + 1] << UInt64(64 - bitShift) : 0
                        r[i] = lo | hi
                    }
                }
            }
        }
    }

    /// Number of significant bits (0 for zero). O(1).
    @inlinable
    static func bitWidth(_ a: Magnitude) -> Int {
        guard let top = a.last else { return 0 }
        return a.count * 64 - top.leadingZeroBitCount
    }

    /// True when some bit below position `bit` is set. O(n).
    @usableFromInline
    static func hasBitsBelow(_ a: Magnitude, _ bit: Int) -> Bool {
        let limbs = bit / 64
        for i in 0..<min(limbs, a.count) where a[i] != 0 { return true }
        let rem = bit % 64
        if rem > 0 && limbs < a.count {
            return a[limbs] & ((1 << UInt64(rem)) - 1) != 0
        }
        return false
    }

    /// The 64 bits [shift, shift + 64) of a. O(1).
    @usableFromInline
    static func bits64(_ a: Magnitude, from shift: Int) -> UInt64 {
        let limb = shift / 64
        let off = shift % 64
        let lo: UInt64 = limb < a.count ? a[limb] : 0
        let hi: UInt64 = limb + 1 < a.count ? a[limb + 1] : 0
        if off == 0 { return lo }
        return (lo >> UInt64(off)) | (hi << UInt64(64 - off))
    }

    /// Correctly rounded (round-half-even) conversion of a · 2^exponent to
    /// Double, where `sticky` records nonzero bits already discarded below a.
    /// With `sticky`, a must have at least 55 significant bits. Results in the
    /// subnormal range may be off by one ulp (double rounding).
    @usableFromInline
    static func toDouble(_ a: Magnitude, timesTwoToThe exponent: Int, sticky: Bool = false) -> Double {
        let width = bitWidth(a)
        if width == 0 { return 0 }
        if width <= 64 {
            var top = bits64(a, from: 0)
            if sticky {
                // Callers pass at least 55 significant bits with a sticky flag,
                // so bit 0 lies below the rounding bit.
                precondition(width >= 55, "Limbs.toDouble: sticky needs >= 55 bits")
                top |= 1
            }
            return Double(sign: .plus, exponent: exponent, significand: Double(top))
        }
        let shift = width - 64
        var top = bits64(a, from: shift)
        if sticky || hasBitsBelow(a, shift) { top |= 1 }
        // top has 64 significant bits; converting it rounds once, with the
        // sticky bit in position 0 breaking false ties (11 bits are dropped).
        return Double(sign: .plus, exponent: exponent + shift, significand: Double(top))
    }
}
