// Pointer kernels on runs of 64-bit limbs, in the style of GMP's `mpn` layer
// (Granlund et al., "GNU MP", chapter "Low-level Functions"): each works on
// raw little-endian limb runs of given lengths, allocates nothing and returns
// the carry or borrow out of the top limb. Results may alias an input operand
// exactly (same start) where noted, which is what in-place `+=` uses. The
// schoolbook product is Knuth, TAOCP vol. 2, 4.3.1, Algorithm M.

extension Limbs {
    @usableFromInline typealias Ptr = UnsafeMutablePointer<UInt64>
    @usableFromInline typealias ConstPtr = UnsafePointer<UInt64>

    /// r[0..<n] = a[0..<n] + b[0..<n] + carryIn; returns the carry (0 or 1).
    /// r may alias a or b.
    @inlinable
    static func addN(_ r: Ptr, _ a: ConstPtr, _ b: ConstPtr, _ n: Int, carryIn: UInt64 = 0) -> UInt64 {
        // 128-bit sums let the compiler chain add-with-carry; unrolled by four.
        var s = UInt128(carryIn)
        var i = 0
        while i + 4 <= n {
            s = UInt128(a[i]) &+ UInt128(b[i]) &+ (s >> 64); r[i] = UInt64(truncatingIfNeeded: s)
            s = UInt128(a[i + 1]) &+ UInt128(b[i + 1]) &+ (s >> 64); r[i + 1] = UInt64(truncatingIfNeeded: s)
            s = UInt128(a[i + 2]) &+ UInt128(b[i + 2]) &+ (s >> 64); r[i + 2] = UInt64(truncatingIfNeeded: s)
            s = UInt128(a[i + 3]) &+ UInt128(b[i + 3]) &+ (s >> 64); r[i + 3] = UInt64(truncatingIfNeeded: s)
            i += 4
        }
        while i < n {
            s = UInt128(a[i]) &+ UInt128(b[i]) &+ (s >> 64)
            r[i] = UInt64(truncatingIfNeeded: s)
            i += 1
        }
        return UInt64(truncatingIfNeeded: s >> 64)
    }

    /// r[0..<an] = a[0..<an] + b[0..<bn] for an ≥ bn; returns the carry.
    /// r may alias a.
    @inlinable
    static func add(_ r: Ptr, _ a: ConstPtr, _ an: Int, _ b: ConstPtr, _ bn: Int) -> UInt64 {
        var carry = addN(r, a, b, bn)
        var i = bn
        while i < an {
            let (s, o) = a[i].addingReportingOverflow(carry)
            r[i] = s
            carry = o ? 1 : 0
            i += 1
            if carry == 0 {
                if UnsafePointer(r) != a { while i < an { r[i] = a[i]; i += 1 } }
                break
            }
        }
        return carry
    }

    /// r[0..<n] = a[0..<n] − b[0..<n] − borrowIn; returns the borrow (0 or 1).
    /// r may alias a or b.
    @inlinable
    static func subN(_ r: Ptr, _ a: ConstPtr, _ b: ConstPtr, _ n: Int, borrowIn: UInt64 = 0) -> UInt64 {
        // 128-bit differences: the high half is all ones exactly when a borrow occurs.
        var borrow = UInt128(borrowIn)
        var i = 0
        while i < n {
            let d = UInt128(a[i]) &- UInt128(b[i]) &- borrow
            r[i] = UInt64(truncatingIfNeeded: d)
            borrow = (d >> 64) & 1
            i += 1
        }
        return UInt64(truncatingIfNeeded: borrow)
    }

    /// r[0..<an] = a[0..<an] − b[0..<bn] for an ≥ bn; returns the borrow.
    /// r may alias a.
    @inlinable
    static func sub(_ r: Ptr, _ a: ConstPtr, _ an: Int, _ b: ConstPtr, _ bn: Int) -> UInt64 {
        var borrow = subN(r, a, b, bn)
        var i = bn
        while i < an {
            let (d, o) = a[i].subtractingReportingOverflow(borrow)
            r[i] = d
            borrow = o ? 1 : 0
            i += 1
            if borrow == 0 {
                if UnsafePointer(r) != a { while i < an { r[i] = a[i]; i += 1 } }
                break
            }
        }
        return borrow
    }

    /// r[0..<n] = a[0..<n] · m + carryIn; returns the high limb. r may alias a.
    @inlinable
    static func mul1(_ r: Ptr, _ a: ConstPtr, _ n: Int, _ m: UInt64, carryIn: UInt64 = 0) -> UInt64 {
        // a[i]·m + carry < 2^128: never overflows.
        var carry = carryIn
        let m128 = UInt128(m)
        var i = 0
        while i < n {
            let p = UInt128(a[i]) &* m128 &+ UInt128(carry)
            r[i] = UInt64(truncatingIfNeeded: p)
            carry = UInt64(truncatingIfNeeded: p >> 64)
            i += 1
        }
        return carry
    }

    /// r[0..<n] += a[0..<n] · m; returns the high limb (the carry into r[n]).
    @inlinable
    static func addMul1(_ r: Ptr, _ a: ConstPtr, _ n: Int, _ m: UInt64) -> UInt64 {
        // a[i]·m + r[i] + carry ≤ (2^64 − 1)² + 2(2^64 − 1) = 2^128 − 1.
        var carry: UInt64 = 0
        let m128 = UInt128(m)
        var i = 0
        while i < n {
            let p = UInt128(a[i]) &* m128 &+ UInt128(r[i]) &+ UInt128(carry)
            r[i] = UInt64(truncatingIfNeeded: p)
            carry = UInt64(truncatingIfNeeded: p >> 64)
            i += 1
        }
        return carry
    }

    /// r[0..<n] −= a[0..<n] · m; returns the limb to subtract from r[n].
    @inlinable
    static func subMul1(_ r: Ptr, _ a: ConstPtr, _ n: Int, _ m: UInt64) -> UInt64 {
        var carry: UInt64 = 0
        var i = 0
        while i < n {
            let (hi, lo) = a[i].multipliedFullWidth(by: m)
            let (p, o1) = lo.addingReportingOverflow(carry)
            let (d, o2) = r[i].subtractingReportingOverflow(p)
            r[i] = d
            carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            i += 1
        }
        return carry
    }

    /// r[0..<an+bn] = a[0..<an] · b[0..<bn] by the schoolbook method
    /// (Algorithm M), an, bn ≥ 1. r must not overlap a or b. O(an·bn).
    @usableFromInline
    static func mulBasecase(_ r: Ptr, _ a: ConstPtr, _ an: Int, _ b: ConstPtr, _ bn: Int) {
        r[an] = mul1(r, a, an, b[0])
        var j = 1
        while j < bn {
            r[j + an] = addMul1(r + j, a, an, b[j])
            j += 1
        }
    }

    /// Three-way comparison of a[0..<n] and b[0..<n]: −1, 0 or 1.
    @inlinable
    static func compareN(_ a: ConstPtr, _ b: ConstPtr, _ n: Int) -> Int {
        var i = n - 1
        while i >= 0 {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    /// The length of a[0..<n] without its most-significant zero limbs.
    @inlinable
    static func normalizedCount(_ a: ConstPtr, _ n: Int) -> Int {
        var k = n
        while k > 0 && a[k - 1] == 0 { k -= 1 }
        return k
    }

    /// A normalised array of at most `capacity` limbs filled by `body`, which
    /// writes limbs [0, capacity) and may leave leading zeros. One allocation.
    /// (Allocated through `reserveCapacity` and zero-filled: on Linux,
    /// `Array(unsafeUninitializedCapacity:)` looks up the storage class's
    /// generic metadata at run time on every call, which costs more than the
    /// fill; measured 89 against 103 ns for 40 limbs.)
    @inlinable
    static func build(capacity: Int, _ body: (Ptr) -> Void) -> Magnitude {
        if capacity == 0 { return [] }
        var m = Magnitude()
        m.reserveCapacity(capacity)
        m.append(contentsOf: repeatElement(0, count: capacity))
        let count = m.withUnsafeMutableBufferPointer { buffer in
            let p = buffer.baseAddress!
            body(p)
            return normalizedCount(p, capacity)
        }
        if count < capacity { m.removeLast(capacity - count) }
        return m
    }
}
