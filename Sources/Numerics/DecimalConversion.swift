// Decimal conversion of limb magnitudes, by divide and conquer over the
// powers P_j = 10^(19·2ʲ) (Knuth, TAOCP vol. 2, 4.4, "radix conversion";
// Brent & Zimmermann, "Modern Computer Arithmetic", 1.7, Algorithms 1.25 and
// 1.26):
// * parsing splits the digits into a high part and a low part of 19·2ʲ
//   digits, value = high·P_j + low, so it costs O(M(n) log n) with the
//   Karatsuba products of Karatsuba.swift;
// * printing divides by the P_j with about half the digits and prints the
//   quotient and the zero-padded remainder, O(D(n) log n) with the recursive
//   division of BurnikelZiegler.swift.
// Below a threshold both work chunk by chunk in base 10^19 (quadratic, but
// with no allocation per chunk).

extension Limbs {
    /// 10^19, the largest power of ten below 2^64.
    @usableFromInline static let decimalChunk: UInt64 = 10_000_000_000_000_000_000

    /// Digit strings shorter than this are parsed chunk by chunk.
    static let divideAndConquerDigits = 1_500

    /// Magnitudes shorter than this many limbs are printed chunk by chunk.
    static let divideAndConquerPrintLimbs = 60

    /// 10^e for 0 ≤ e ≤ 19.
    @inlinable
    static func powerOfTen(_ e: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<e { p &*= 10 }
        return p
    }

    /// [P_0, …, P_J]: P_j = 10^(19·2ʲ), up to the largest P_J with 19·2^J < digits.
    static func decimalPowers(forDigits digits: Int) -> [Magnitude] {
        var powers: [Magnitude] = [[decimalChunk]]
        while 19 << powers.count < digits { powers.append(multiplyFast(powers.last!, powers.last!)) }
        return powers
    }

    /// Magnitude from ASCII digits (already validated), chunk by chunk. O(n²).
    @usableFromInline
    static func fromDecimalDigits(_ digits: Substring.UTF8View) -> Magnitude {
        let bytes = Array(digits)
        return bytes.withUnsafeBufferPointer { parseChunked($0) }
    }

    /// Chunk-by-chunk parse of raw ASCII digits: one allocation, in-place
    /// multiply-adds by 10^19. O(n²).
    static func parseChunked(_ d: UnsafeBufferPointer<UInt8>) -> Magnitude {
        if d.isEmpty { return [] }
        let capacity = d.count / 19 + 1
        return build(capacity: capacity) { r in
            var n = 0
            var i = 0
            var length = d.count % 19
            if length == 0 { length = 19 }
            while i < d.count {
                var chunk: UInt64 = 0
                for k in i..<(i + length) { chunk = chunk &* 10 &+ UInt64(d[k] &- 48) }
                let carry = mul1(r, r, n, powerOfTen(length), carryIn: chunk)
                if carry != 0 { r[n] = carry; n += 1 }
                i += length
                length = 19
            }
            (r + n).initialize(repeating: 0, count: capacity - n)
        }
    }

    /// The magnitude of a string of ASCII digits (already validated), by
    /// divide and conquer above `divideAndConquerDigits`. O(M(n) log n).
    static func fromDecimalDigitsFast(_ digits: Substring.UTF8View) -> Magnitude {
        let bytes = Array(digits)
        return bytes.withUnsafeBufferPointer { d in
            if d.count < divideAndConquerDigits { return parseChunked(d) }
            let powers = decimalPowers(forDigits: d.count)
            func parse(_ range: Range<Int>) -> Magnitude {
                if range.count < divideAndConquerDigits { return parseChunked(UnsafeBufferPointer(rebasing: d[range])) }
                // The largest 19·2^j below the length: the low part's digit count.
                var j = 0
                while 19 << (j + 1) < range.count { j += 1 }
                let lowCount = 19 << j
                let high = parse(range.lowerBound..<(range.upperBound - lowCount))
                let low = parse((range.upperBound - lowCount)..<range.upperBound)
                return add(multiplyFast(high, powers[j]), low)
            }
            return parse(0..<d.count)
        }
    }

    /// Decimal digits of a (no sign): chunk by chunk below
    /// `divideAndConquerPrintLimbs`, else divide and conquer.
    @usableFromInline
    static func decimalString(_ a: Magnitude) -> String {
        if a.isEmpty { return "0" }
        // a < 2^bits, so it has at most ⌊bits·log₁₀2⌋ + 1 digits.
        let width = bitWidth(a) * 30103 / 100000 + 2
        var out = [UInt8](repeating: 48, count: width)
        let powers = a.count < divideAndConquerPrintLimbs ? [] : decimalPowers(forDigits: width)
        out.withUnsafeMutableBufferPointer { out in
            func emit(_ x: Magnitude, _ offset: Int, _ w: Int) {
                if x.count < divideAndConquerPrintLimbs || powers.isEmpty {
                    emitChunked(x, out.baseAddress! + offset, w)
                    return
                }
                var j = 0
                while j + 1 < powers.count && 19 << (j + 1) < w { j += 1 }
                let lowCount = 19 << j
                let (q, r) = divide(x, powers[j])
                emit(q, offset, w - lowCount)
                emit(r, offset + w - lowCount, lowCount)
            }
            emit(a, 0, width)
        }
        let first = out.firstIndex { $0 != 48 } ?? (width - 1)
        return String(decoding: out[first...], as: UTF8.self)
    }

    /// Writes x as exactly w digits (zero padded, x < 10^w) at out. O(n²).
    static func emitChunked(_ x: Magnitude, _ out: UnsafeMutablePointer<UInt8>, _ w: Int) {
        var rest = x
        var n = rest.count
        var pos = w
        let chunkDivisor = LimbDivisor(decimalChunk)
        rest.withUnsafeMutableBufferPointer { rest in
            let p = rest.baseAddress
            while n > 0 && pos > 0 {
                var chunk = divide(p!, p!, n, by: chunkDivisor)
                while n > 0 && p![n - 1] == 0 { n -= 1 }
                var k = 0
                while k < 19 && pos > 0 {
                    pos -= 1
                    out[pos] = 48 &+ UInt8(chunk % 10)
                    chunk /= 10
                    k += 1
                }
            }
        }
        while pos > 0 { pos -= 1; out[pos] = 48 }
    }
}
