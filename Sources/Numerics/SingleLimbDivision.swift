// Division by a single limb through a precomputed reciprocal (Möller &
// Granlund, "Improved division by invariant integers", IEEE Trans. Computers
// 60(2), 2011, Algorithm 4): for a normalised divisor d (top bit set) and
// v = ⌊(B² − 1)/d⌋ − B, each two-limb-by-one step costs two multiplications
// and a few additions instead of a 128-by-64-bit division (which Swift's
// `dividingFullWidth` performs in software through compiler-rt's __udivti3).
// Unnormalised divisors are handled by dividing 2^s·a by 2^s·d: the quotient
// is the same and the remainder is scaled by 2^s.

extension Limbs {
    /// A divisor limb with its normalising shift and reciprocal.
    @usableFromInline
    struct LimbDivisor {
        @usableFromInline let d: UInt64       // the normalised divisor, top bit set
        @usableFromInline let v: UInt64       // ⌊(B² − 1)/d⌋ − B
        @usableFromInline let shift: Int      // d = original · 2^shift

        @inlinable
        init(_ divisor: UInt64) {
            precondition(divisor != 0, "Limbs: division by zero")
            shift = divisor.leadingZeroBitCount
            d = divisor << UInt64(shift)
            v = d.dividingFullWidth((~d, UInt64.max)).quotient
        }

        /// (⌊(u1·B + u0)/d⌋, remainder) for u1 < d (Algorithm 4).
        @inlinable @inline(__always)
        func divide(_ u1: UInt64, _ u0: UInt64) -> (UInt64, UInt64) {
            let (ph, pl) = v.multipliedFullWidth(by: u1)
            let (q0, c) = pl.addingReportingOverflow(u0)
            var q1 = ph &+ u1 &+ 1 &+ (c ? 1 : 0)
            var r = u0 &- q1 &* d
            if r > q0 { q1 &-= 1; r &+= d }
            if r >= d { q1 &+= 1; r &-= d }
            return (q1, r)
        }
    }

    /// q[0..<n] = ⌊a[0..<n] / divisor⌋ (q may alias a; nil to skip the
    /// quotient); returns a mod divisor. O(n).
    @inlinable
    static func divide(_ q: Ptr?, _ a: ConstPtr, _ n: Int, by divisor: LimbDivisor) -> UInt64 {
        if n == 0 { return 0 }
        let s = UInt64(divisor.shift)
        var r: UInt64
        if s == 0 {
            r = 0
            var i = n - 1
            while i >= 0 {
                let (qi, ri) = divisor.divide(r, a[i])
                q?[i] = qi
                r = ri
                i -= 1
            }
            return r
        }
        // Process the limbs of a·2^s from the top; a's top bits start the remainder.
        r = a[n - 1] >> (64 - s)
        var i = n - 1
        while i >= 0 {
            let limb = (a[i] << s) | (i > 0 ? a[i - 1] >> (64 - s) : 0)
            let (qi, ri) = divisor.divide(r, limb)
            q?[i] = qi
            r = ri
            i -= 1
        }
        return r >> s
    }
}
