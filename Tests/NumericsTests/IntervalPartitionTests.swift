import XCTest
@testable import Numerics

final class IntervalPartitionTests: XCTestCase {
    func testBellNumbersAndEnumerationCount() throws {
        for n in 1...9 {
            var c = 0
            var seen = Set<[Int]>()
            try SetPartitions.forEach(n: n) { labels, k in
                c += 1; seen.insert(labels)
                XCTAssertEqual(k, labels.max()! + 1)
            }
            XCTAssertEqual(c, try SetPartitions.bell(n))
            XCTAssertEqual(seen.count, c)
        }
        XCTAssertEqual(try SetPartitions.bell(10), 115975)
        XCTAssertThrowsError(try SetPartitions.forEach(n: 0) { _, _ in })
    }

    func testMonotoneDPMatchesGeneralDP() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<30 {
            let n = rng.nextInt(in: 1...25)
            let xs = (0..<n).map { _ in rng.nextDouble() }.sorted()
            var p = [0.0], q = [0.0]
            for x in xs { p.append(p.last! + x); q.append(q.last! + x * x) }
            let cost: (Int, Int) -> Double = { i, j in let s = p[j] - p[i]; return (q[j] - q[i]) - s * s / Double(j - i) }
            let k = rng.nextInt(in: 1...n)
            let a = try IntervalPartition.minimizeMonotone(n: n, maxBlocks: k, cost: cost)
            let b = try IntervalPartition.minimizeGeneral(n: n, maxBlocks: k, cost: cost)
            for l in 0..<k { XCTAssertEqual(a[l].value, b[l].value, accuracy: 1e-12) }
        }
        XCTAssertThrowsError(try IntervalPartition.minimizeMonotone(n: 3, maxBlocks: 4) { _, _ in 0.0 })
    }

    /// The resumable DP gives exactly the layers (values and splits) of
    /// `minimizeMonotone`, however the extensions are chunked.
    func testMonotoneLayersExtendedInStepsEqualTheOneShotDP() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let n = rng.nextInt(in: 1...30)
            let xs = (0..<n).map { _ in Rational(rng.nextInt(in: 0...50), 50) }.sorted()
            var p = [Rational.zero], q = [Rational.zero]
            for x in xs { p.append(p.last! + x); q.append(q.last! + x * x) }
            let (pp, qq) = (p, q)
            let cost: @Sendable (Int, Int) -> Rational = { i, j in let s = pp[j] - pp[i]; return (qq[j] - qq[i]) - s * s / Rational(j - i) }
            let k = rng.nextInt(in: 1...n)
            let oneShot = try IntervalPartition.minimizeMonotone(n: n, maxBlocks: k, cost: cost)
            var layers = try IntervalPartition.MonotoneLayers(n: n, cost: cost)
            var target = 1
            while target < k {
                target = min(k, target + rng.nextInt(in: 1...3))
                try layers.extend(to: target)
                try layers.extend(to: rng.nextInt(in: 1...target))   // asking for fewer layers computes nothing
            }
            XCTAssertEqual(layers.results.count, k)
            XCTAssertEqual(layers.results.map(\.value), oneShot.map(\.value))
            XCTAssertEqual(layers.results.map(\.starts), oneShot.map(\.starts))
        }
        var layers = try IntervalPartition.MonotoneLayers(n: 3) { _, _ in 0.0 }
        XCTAssertThrowsError(try layers.extend(to: 4))
        XCTAssertThrowsError(try layers.extend(to: 0))
        XCTAssertThrowsError(try IntervalPartition.MonotoneLayers(n: 0) { _, _ in 0.0 })
    }
}
