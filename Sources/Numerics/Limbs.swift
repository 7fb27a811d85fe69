// Magnitude arithmetic on little-endian arrays of 64-bit limbs.
//
// These are the multi-precision kernels under `BigInt`: schoolbook addition,
// subtraction and multiplication, single-limb division, Knuth's Algorithm D
// for long division (TAOCP vol. 2, 4.3.1), shifts and decimal conversion.
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
        var i = a.count - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// a + b. O(max(n, m)).
    @usableFromInline
    static func add(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = Magnitude(repeating: 0, count: long.count + 1)
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let (s1, o1) = long[i].addingReportingOverflow(i < short.count ? short[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[i] = s2
            carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
        }
        result[long.count] = carry
        normalize(&result)
        return result
    }

    /// a − b, requires a ≥ b. O(n).
    @usableFromInline
    static func subtract(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        var result = a
        var borrow: UInt64 = 0
        for i in 0..<a.count {
            let (d1, o1) = a[i].subtractingReportingOverflow(i < b.count ? b[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            if borrow == 0 && i >= b.count { break }
        }
        precondition(borrow == 0, "Limbs.subtract: a < b")
        normalize(&result)
        return result
    }

    /// a · b by the schoolbook method. O(n·m).
    @usableFromInline
    static func multiply(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        if a.isEmpty || b.isEmpty { return [] }
        if a.count == 1 { return multiply(b, small: a[0]) }
        if b.count == 1 { return multiply(a, small: b[0]) }
        var result = Magnitude(repeating: 0, count: a.count + b.count)
        result.withUnsafeMutableBufferPointer { r in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count {
                        let ai = a[i]
                        if ai == 0 { continue }
                        var carry: UInt64 = 0
                        for j in 0..<b.count {
                            let (hi, lo) = ai.multipliedFullWidth(by: b[j])
                            let (s1, o1) = lo.addingReportingOverflow(r[i + j])
                            let (s2, o2) = s1.addingReportingOverflow(carry)
                            r[i + j] = s2
                            carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                        }
                        r[i + b.count] = carry
                    }
                }
            }
        }
        normalize(&result)
        return result
    }

    /// a · m + addend for a single limb m. O(n).
    @usableFromInline
    static func multiply(_ a: Magnitude, small m: UInt64, adding addend: UInt64 = 0) -> Magnitude {
        var result = Magnitude(repeating: 0, count: a.count + 1)
        var carry = addend
        for i in 0..<a.count {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (s, o) = lo.addingReportingOverflow(carry)
            result[i] = s
            carry = hi &+ (o ? 1 : 0)
        }
        result[a.count] = carry
        normalize(&result)
        return result
    }

    /// (a / d, a mod d) for a single nonzero limb d. O(n).
    @usableFromInline
    static func divide(_ a: Magnitude, small d: UInt64) -> (quotient: Magnitude, remainder: UInt64) {
        precondition(d != 0)
        var q = Magnitude(repeating: 0, count: a.count)
        var r: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            (q[i], r) = d.dividingFullWidth((r, a[i]))
            i -= 1
        }
        normalize(&q)
        return (q, r)
    }

    /// a mod d for a single nonzero limb d, without building the quotient. O(n).
    @usableFromInline
    static func remainder(_ a: Magnitude, small d: UInt64) -> UInt64 {
        var r: UInt64 = 0
        var i = a.count - 1
        while i >= 0 {
            r = d.dividingFullWidth((r, a[i])).remainder
            i -= 1
        }
        return r
    }

    /// Long division (Knuth, TAOCP vol. 2, 4.3.1, Algorithm D): returns
    /// (⌊u / v⌋, u mod v) for v ≠ 0. O(m·n) for an (m+n)-limb u and n-limb v.
    @usableFromInline
    static func divide(_ u: Magnitude, _ v: Magnitude) -> (quotient: Magnitude, remainder: Magnitude) {
        precondition(!v.isEmpty, "Limbs.divide: division by zero")
        if compare(u, v) < 0 { return ([], u) }
        if v.count == 1 {
            let (q, r) = divide(u, small: v[0])
            return (q, r == 0 ? [] : [r])
        }
        // D1: normalise so that the divisor's top limb has its top bit set.
        let s = v[v.count - 1].leadingZeroBitCount
        let vn = shiftLeft(v, s)
        var un = shiftLeft(u, s)
        while un.count < u.count + 1 { un.append(0) }
        let n = vn.count
        let m = u.count - n
        var q = Magnitude(repeating: 0, count: m + 1)
        let vTop = vn[n - 1]
        let vNext = vn[n - 2]
        un.withUnsafeMutableBufferPointer { un in
            vn.withUnsafeBufferPointer { vn in
                var j = m
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
                        (qhat, rhat) = vTop.dividingFullWidth((un[j + n], un[j + n - 1]))
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
                    var borrow: UInt64 = 0
                    var carry: UInt64 = 0
                    for i in 0..<n {
                        let (ph, pl) = qhat.multipliedFullWidth(by: vn[i])
                        let (p, o1) = pl.addingReportingOverflow(carry)
                        carry = ph &+ (o1 ? 1 : 0)
                        let (d1, o2) = un[i + j].subtractingReportingOverflow(p)
                        let (d2, o3) = d1.subtractingReportingOverflow(borrow)
                        un[i + j] = d2
                        borrow = (o2 ? 1 : 0) &+ (o3 ? 1 : 0)
                    }
                    let (t1, o4) = un[j + n].subtractingReportingOverflow(carry)
                    let (t2, o5) = t1.subtractingReportingOverflow(borrow)
                    un[j + n] = t2
                    // D5/D6: the estimate was one too large; add back.
                    if o4 || o5 {
                        qhat &-= 1
                        var c: UInt64 = 0
                        for i in 0..<n {
                            let (s1, oa) = un[i + j].addingReportingOverflow(vn[i])
                            let (s2, ob) = s1.addingReportingOverflow(c)
                            un[i + j] = s2
                            c = (oa ? 1 : 0) &+ (ob ? 1 : 0)
                        }
                        un[j + n] = un[j + n] &+ c
                    }
                    q[j] = qhat
                    j -= 1
                }
            }
        }
        normalize(&q)
        // D8: unnormalise the remainder.
        var r = Array(un[0..<n])
        normalize(&r)
        return (q, shiftRight(r, s))
    }

    /// a · 2^bits. O(n).
    @usableFromInline
    static func shiftLeft(_ a: Magnitude, _ bits: Int) -> Magnitude {
        if a.isEmpty { return [] }
        let limbShift = bits / 64
        let bitShift = bits % 64
        var result = Magnitude(repeating: 0, count: a.count + limbShift + 1)
        if bitShift == 0 {
            for i in 0..<a.count { result[i + limbShift] = a[i] }
        } else {
            var carry: UInt64 = 0
            for i in 0..<a.count {
                result[i + limbShift] = (a[i] << UInt64(bitShift)) | carry
                carry = a[i] >> UInt64(64 - bitShift)
            }
            result[a.count + limbShift] = carry
        }
        normalize(&result)
        return result
    }

    /// ⌊a / 2^bits⌋. O(n).
    @usableFromInline
    static func shiftRight(_ a: Magnitude, _ bits: Int) -> Magnitude {
        let limbShift = bits / 64
        let bitShift = bits % 64
        if limbShift >= a.count { return [] }
        var result = Magnitude(repeating: 0, count: a.count - limbShift)
        if bitShift == 0 {
            for i in 0..<result.count { result[i] = a[i + limbShift] }
        } else {
            for i in 0..<result.count {
                let lo = a[i + limbShift] >> UInt64(bitShift)
                let hi = i + limbShift + 1 < a.count ? a[i + limbShift + 1] << UInt64(64 - bitShift) : 0
                result[i] = lo | hi
            }
        }
        normalize(&result)
        return result
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

    /// 10^19, the largest power of ten below 2^64.
    @usableFromInline static let decimalChunk: UInt64 = 10_000_000_000_000_000_000

    /// Decimal digits of a (no sign). O(n²).
    @usableFromInline
    static func decimalString(_ a: Magnitude) -> String {
        if a.isEmpty { return "0" }
        var chunks: [UInt64] = []
        var rest = a
        while !rest.isEmpty {
            let (q, r) = divide(rest, small: decimalChunk)
            chunks.append(r)
            rest = q
        }
        var s = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            s += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return s
    }

    /// Magnitude from a string of ASCII digits (already validated). O(n²).
    @usableFromInline
    static func fromDecimalDigits(_ digits: Substring.UTF8View) -> Magnitude {
        var result: Magnitude = []
        var chunk: UInt64 = 0
        var chunkLength = 0
        var scale: UInt64 = 1
        for byte in digits {
            chunk = chunk * 10 + UInt64(byte - 48)
            chunkLength += 1
            scale *= 10
            if chunkLength == 19 {
                result = multiply(result, small: scale, adding: chunk)
                chunk = 0
                chunkLength = 0
                scale = 1
            }
        }
        if chunkLength > 0 { result = multiply(result, small: scale, adding: chunk) }
        normalize(&result)
        return result
    }
}
