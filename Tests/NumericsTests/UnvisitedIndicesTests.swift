import XCTest
@testable import Numerics

final class UnvisitedIndicesTests: XCTestCase {
    /// Against a plain visited-flags array on seeded random ranges: the same
    /// indices, each visited once, in increasing order within a range.
    func testAgreesWithFlagsOnRandomRanges() {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<200 {
            let n = Int(rng.next() % 40)
            var fast = UnvisitedIndices(count: n)
            var visited = [Bool](repeating: false, count: n)
            for _ in 0..<20 {
                let a = Int(rng.next() % 50) - 5, b = Int(rng.next() % 50) - 5
                var got: [Int] = []
                fast.visit(a, through: b) { got.append($0) }
                let expected = Array(stride(from: max(a, 0), through: min(b, n - 1), by: 1)).filter { !visited[$0] }
                for k in expected { visited[k] = true }
                XCTAssertEqual(got, expected, "n = \(n), range \(a)...\(b)")
            }
            XCTAssertEqual(fast.firstUnvisited(from: 0), visited.firstIndex(of: false) ?? n)
        }
    }

    func testEmptyAndSentinel() {
        var u = UnvisitedIndices(count: 0)
        u.visit(0, through: 10) { _ in XCTFail("nothing to visit") }
        XCTAssertEqual(u.firstUnvisited(from: 3), 0)
        var v = UnvisitedIndices(count: 3)
        var seen: [Int] = []
        v.visit(1, through: 5) { seen.append($0) }
        v.visit(0, through: 2) { seen.append($0) }
        XCTAssertEqual(seen, [1, 2, 0])
        XCTAssertEqual(v.firstUnvisited(from: 0), 3)
    }
}
