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
}
