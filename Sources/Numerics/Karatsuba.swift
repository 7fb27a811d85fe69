// Subquadratic multiplication and decimal parsing for `Limbs`.
//
// * Karatsuba multiplication (Karatsuba & Ofman 1962; Knuth, TAOCP vol. 2,
//   4.3.3.A): a = a₁·Bᵏ + a₀, b = b₁·Bᵏ + b₀ gives
//   a·b = z₂·B²ᵏ + (z₁ − z₂ − z₀)·Bᵏ + z₀ with z₀ = a₀b₀, z₂ = a₁b₁ and
//   z₁ = (a₀ + a₁)(b₀ + b₁): three half-size products, O(n^1.585). Below
//   `karatsubaThreshold` limbs the schoolbook product is faster. Unbalanced
//   operands are cut into pieces of the shorter one's length.
// * Divide-and-conquer decimal parsing: the digits split into a high and a
//   low part of 19·2ʲ digits, value = high·10^(19·2ʲ) + low, so parsing costs
//   O(M(n) log n) instead of the O(n²) of chunk-by-chunk accumulation.

extension Limbs {
    /// Operands of at least this many limbs (both) are multiplied by Karatsuba.
    @usableFromInline static let karatsubaThreshold = 48

    /// a · b: schoolbook below the threshold, Karatsuba above.
    @usableFromInline
    static func multiplyFast(_ a: Magnitude, _ b: Magnitude) -> Magnitude {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        if short.count < karatsubaThreshold { return multiply(a, b) }
        if long.count >= 2 * short.count {
            // Unbalanced: sum the products of short with pieces of long.
            var result: Magnitude = []
            var offset = 0
            while offset < long.count {
                var piece = Array(long[offset..<min(offset + short.count, long.count)])
                normalize(&piece)
                let product = multiplyFast(piece, short)
                result = addShifted(result, product, limbs: offset)
                offset += short.count
            }
            return result
        }
        let k = (long.count + 1) / 2
        let (a0, a1) = split(a, at: k), (b0, b1) = split(b, at: k)
        let z0 = multiplyFast(a0, b0)
        let z2 = multiplyFast(a1, b1)
        let z1 = subtract(subtract(multiplyFast(add(a0, a1), add(b0, b1)), z0), z2)
        return addShifted(addShifted(z0, z1, limbs: k), z2, limbs: 2 * k)
    }

    /// (low k limbs, the rest), each normalised.
    static func split(_ a: Magnitude, at k: Int) -> (low: Magnitude, high: Magnitude) {
        guard a.count > k else { return (a, []) }
        var low = Array(a[0..<k])
        normalize(&low)
        return (low, Array(a[k...]))
    }

    /// a + b·B^limbs. O(n).
    static func addShifted(_ a: Magnitude, _ b: Magnitude, limbs shift: Int) -> Magnitude {
        if b.isEmpty { return a }
        var result = a
        if result.count < shift + b.count + 1 { result.append(contentsOf: repeatElement(0, count: shift + b.count + 1 - result.count)) }
        var carry: UInt64 = 0
        var i = 0
        while i < b.count || carry != 0 {
            let (s1, o1) = result[shift + i].addingReportingOverflow(i < b.count ? b[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[shift + i] = s2
            carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            i += 1
        }
        normalize(&result)
        return result
    }

    /// Digit strings shorter than this are parsed chunk by chunk.
    static let divideAndConquerDigits = 2_000

    /// The magnitude of a string of ASCII digits (already validated), by
    /// divide and conquer above `divideAndConquerDigits`. O(M(n) log n).
    static func fromDecimalDigitsFast(_ digits: Substring.UTF8View) -> Magnitude {
        let bytes = Array(digits)
        if bytes.count < divideAndConquerDigits { return fromDecimalDigits(digits) }
        // powers[j] = 10^(19·2^j), built up to the size needed.
        var powers: [Magnitude] = [[decimalChunk]]
        while 19 << powers.count < bytes.count { powers.append(multiplyFast(powers.last!, powers.last!)) }
        func parse(_ range: Range<Int>) -> Magnitude {
            if range.count < divideAndConquerDigits {
                return fromDecimalDigits(Substring(decoding: bytes[range], as: UTF8.self).utf8)
            }
            // The largest 19·2^j below the length: the low part's digit count.
            var j = 0
            while 19 << (j + 1) < range.count { j += 1 }
            let lowCount = 19 << j
            let high = parse(range.lowerBound..<(range.upperBound - lowCount))
            let low = parse((range.upperBound - lowCount)..<range.upperBound)
            return add(multiplyFast(high, powers[j]), low)
        }
        var result = parse(0..<bytes.count)
        normalize(&result)
        return result
    }
}
