import XCTest
@testable import Numerics

// Reference values below were obtained from an independent Python 3
// implementation written for this test (arbitrary-precision ints masked to 64
// bits), run with python3:
//
//     M = (1 << 64) - 1
//     def splitmix(s):                     # yields successive outputs
//         while True:
//             s = (s + 0x9E3779B97F4A7C15) & M
//             z = s
//             z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
//             z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
//             yield z ^ (z >> 31)
//     def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
//     def xoshiro(seed):
//         g = splitmix(seed); s = [next(g) for _ in range(4)]
//         while True:
//             r = (rotl((s[1] * 5) & M, 7) * 9) & M
//             t = (s[1] << 17) & M
//             s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
//             s[2] ^= t; s[3] = rotl(s[3], 45)
//             yield r
//     def lemire(g, lo, hi):               # unbiased draw in lo...hi
//         s = (hi - lo + 1) & M
//         m = next(g) * s
//         if (m & M) < s:
//             t = ((1 << 64) - s) % s
//             while (m & M) < t: m = next(g) * s
//         return lo + (m >> 64)
//
// Doubles are (output >> 11) * 2.0**-53, printed with repr (shortest
// round-tripping decimal).

final class RandomTests: XCTestCase {

    // MARK: - SplitMix64

    func testSplitMix64Seed0KnownOutputs() {
        var g = SplitMix64(seed: 0)
        let expected: [UInt64] = [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B,
        ]
        for (i, value) in expected.enumerated() {
            XCTAssertEqual(g.next(), value, "output \(i)")
        }
    }

    func testSplitMix64Seed1234567KnownOutputs() {
        var g = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            0x599E_D017_FB08_FC85, 0x2C73_F084_5854_0FA5, 0x883E_BCE5_A3F2_7C77,
            0x3FBE_F740_E917_7B3F, 0xE3B8_3467_08CB_5ECD,
        ]
        for (i, value) in expected.enumerated() {
            XCTAssertEqual(g.next(), value, "output \(i)")
        }
    }

    // MARK: - xoshiro256**

    func testXoshiroSeedingUsesSplitMix64() {
        let g = Xoshiro256StarStar(seed: 0)
        XCTAssertEqual(g.state.0, 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.state.1, 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.state.2, 0x06C4_5D18_8009_454F)
        XCTAssertEqual(g.state.3, 0xF88B_B8A8_724C_81EC)
    }

    func testXoshiroSeed0KnownOutputs() {
        var g = Xoshiro256StarStar(seed: 0)
        let expected: [UInt64] = [
            0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0,
            0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59, 0xFFEF_8375_D9EB_CACA,
        ]
        for (i, value) in expected.enumerated() {
            XCTAssertEqual(g.next(), value, "output \(i)")
        }
    }

    func testXoshiroSeed1234567KnownOutputs() {
        var g = Xoshiro256StarStar(seed: 1_234_567)
        let expected: [UInt64] = [0x30A3_A1C3_6360_0467, 0x1940_5F0F_5799_29CA, 0x115B_EAAC_046D_DBD9]
        for (i, value) in expected.enumerated() {
            XCTAssertEqual(g.next(), value, "output \(i)")
        }
    }

    func testXoshiroKnownDoublesAndInts() {
        var g = Xoshiro256StarStar(seed: 0)
        XCTAssertEqual(g.nextDouble(), 0.6012629994179048)
        XCTAssertEqual(g.nextDouble(), 0.7477740925472398)
        XCTAssertEqual(g.nextDouble(), 0.10301998939503632)

        var h = Xoshiro256StarStar(seed: 42)
        let expected = [83_862_967, 378_980_250, 680_043_414, 924_692_951, 991_803_921, 769_739_464]
        for (i, value) in expected.enumerated() {
            XCTAssertEqual(h.nextInt(in: -5...1_000_000_006), value, "draw \(i)")
        }
    }

    // MARK: - Determinism

    func testSameSeedGivesIdenticalStreams() {
        var a = Xoshiro256StarStar(seed: 987_654_321)
        var b = Xoshiro256StarStar(seed: 987_654_321)
        var c = Xoshiro256StarStar(seed: 987_654_322)
        var differs = false
        for _ in 0..<10_000 {
            let x = a.next()
            XCTAssertEqual(x, b.next())
            if x != c.next() { differs = true }
        }
        XCTAssertTrue(differs, "a different seed must give a different stream")
        for _ in 0..<1000 {
            XCTAssertEqual(a.nextDouble(), b.nextDouble())
            XCTAssertEqual(a.nextInt(in: -7...13), b.nextInt(in: -7...13))
        }

        var s1 = SplitMix64(seed: 99)
        var s2 = SplitMix64(seed: 99)
        for _ in 0..<10_000 { XCTAssertEqual(s1.next(), s2.next()) }
        XCTAssertEqual(s1.state, s2.state)
        // Saving and restoring the SplitMix64 state replays the stream.
        let saved = s1.state
        let first = (s1.next(), s1.next())
        s1.state = saved
        XCTAssertEqual(s1.next(), first.0)
        XCTAssertEqual(s1.next(), first.1)
    }

    // MARK: - nextDouble

    func testNextDoubleInUnitIntervalWithMeanOneHalf() {
        var g = Xoshiro256StarStar(seed: 7)
        var sm = SplitMix64(seed: 7)
        var sum = 0.0
        let n = 100_000
        for _ in 0..<n {
            let x = g.nextDouble()
            XCTAssertTrue(x >= 0 && x < 1, "\(x) outside [0, 1)")
            let y = sm.nextDouble()
            XCTAssertTrue(y >= 0 && y < 1, "\(y) outside [0, 1)")
            sum += x
        }
        // Standard error of the mean is 1/sqrt(12 n) ≈ 0.0009; allow 5 sigma.
        XCTAssertEqual(sum / Double(n), 0.5, accuracy: 0.0046)
    }

    func testNextDoubleExtremes() {
        // The top 53 bits: all-ones gives the largest double below 1, zero gives 0.
        XCTAssertEqual(RandomKernels.uniformDouble(.max), 1 - 0x1.0p-53)
        XCTAssertEqual(RandomKernels.uniformDouble(0), 0)
        XCTAssertEqual(RandomKernels.uniformDouble(1 << 11), 0x1.0p-53)
        XCTAssertEqual(RandomKernels.uniformDouble((1 << 11) - 1), 0)
    }

    // MARK: - nextInt

    func testNextIntCoversRangeAndPassesChiSquare() {
        var g = Xoshiro256StarStar(seed: 2024)
        let range = -3...6  // 10 values
        let draws = 100_000
        var counts = [Int](repeating: 0, count: range.count)
        for _ in 0..<draws {
            let v = g.nextInt(in: range)
            XCTAssertTrue(range.contains(v), "\(v) outside \(range)")
            counts[v - range.lowerBound] += 1
        }
        XCTAssertTrue(counts.allSatisfy { $0 > 0 }, "every value must occur: \(counts)")
        let expected = Double(draws) / Double(range.count)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 9 degrees of freedom: the 0.999 quantile of χ²(9) is 27.88.
        XCTAssertLessThan(chiSquare, 27.88, "counts \(counts)")
    }

    func testNextIntSplitMixChiSquareOnNonPowerOfTwoRange() {
        var g = SplitMix64(seed: 31337)
        let range = 1...7
        let draws = 70_000
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<draws { counts[g.nextInt(in: range) - 1] += 1 }
        let expected = Double(draws) / 7
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 6 degrees of freedom: the 0.999 quantile of χ²(6) is 22.46.
        XCTAssertLessThan(chiSquare, 22.46, "counts \(counts)")
    }

    func testNextIntLargeRangeIsUnbiasedBetweenHalves() {
        // A span of 3·2^62 makes naive modulo reduction visibly biased (the low
        // third would get twice the weight); Lemire's rejection removes it.
        var g = Xoshiro256StarStar(seed: 5)
        let lower = Int.min
        let upper = (1 << 62) - 1  // = Int.min + 3·2^62 − 1: a span of 3·2^62 values
        let third = 1 << 62
        var counts = [0, 0, 0]
        let draws = 30_000
        for _ in 0..<draws {
            let v = g.nextInt(in: lower...upper)
            XCTAssertTrue(v >= lower && v <= upper)
            counts[Int((UInt64(bitPattern: Int64(v)) &- UInt64(bitPattern: Int64(lower))) / UInt64(third))] += 1
        }
        let expected = Double(draws) / 3
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 2 degrees of freedom: the 0.999 quantile of χ²(2) is 13.82.
        XCTAssertLessThan(chiSquare, 13.82, "counts \(counts)")
    }

    func testNextIntDegenerateAndFullRanges() {
        var g = Xoshiro256StarStar(seed: 11)
        for _ in 0..<100 { XCTAssertEqual(g.nextInt(in: 42...42), 42) }
        var sawNegative = false
        var sawPositive = false
        for _ in 0..<100 {
            let v = g.nextInt(in: Int.min...Int.max)
            if v < 0 { sawNegative = true } else { sawPositive = true }
        }
        XCTAssertTrue(sawNegative && sawPositive)
        // The full range consumes exactly one output per draw.
        var a = Xoshiro256StarStar(seed: 3)
        var b = Xoshiro256StarStar(seed: 3)
        XCTAssertEqual(a.nextInt(in: Int.min...Int.max), Int(truncatingIfNeeded: b.next()))
        XCTAssertEqual(a.next(), b.next())
    }

    func testUsableWithStandardLibraryAlgorithms() {
        var g = Xoshiro256StarStar(seed: 1)
        var deck = Array(0..<52)
        deck.shuffle(using: &g)
        XCTAssertEqual(deck.sorted(), Array(0..<52))
        XCTAssertNotEqual(deck, Array(0..<52))
    }
}
