// Truncation of a non-negative Double to an integer without the range checks
// of Int(_:) (NaN, ±∞, overflow: about ten instructions a conversion), for
// table lookups in inner loops (the menu lattice DP's interpolated table).

extension Double {
    /// `(Int(self), Double(Int(self)))` for 0 ≤ self < 2⁵¹, bit for bit, without the checks of `Int(_:)`:
    /// self + 2⁵² rounds self to an integer (doubles in [2⁵², 2⁵³) are spaced 1 apart) that its low 52
    /// bits hold; the truncation is one less where that integer lies above self. Outside [0, 2⁵¹) (or
    /// for NaN) the result is unspecified: the caller guarantees the range.
    @inlinable @inline(__always)
    public func uncheckedTruncation() -> (index: Int, value: Double) {
        let shifted = self + 0x1p52
        let nearest = shifted - 0x1p52
        let above = nearest > self
        let index = Int(truncatingIfNeeded: shifted.bitPattern & 0xF_FFFF_FFFF_FFFF) &- (above ? 1 : 0)
        return (index, above ? nearest - 1 : nearest)
    }
}
