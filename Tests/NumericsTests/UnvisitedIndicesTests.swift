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

    /// `reset(count:)` on a used instance against a fresh `init(count:)`: the
    /// same visits on seeded random ranges, for growing and shrinking counts.
    func testResetEqualsFreshInstance() {
        var rng = SplitMix64(seed: 77)
        var reused = UnvisitedIndices(count: 5)
        reused.visit(0, through: 2) { _ in }
        var visits = 0
        for _ in 0..<200 {
            let n = Int(rng.next() % 40)
            reused.reset(count: n)
            var fresh = UnvisitedIndices(count: n)
            for _ in 0..<10 {
                let a = Int(rng.next() % 50) - 5, b = Int(rng.next() % 50) - 5
                var got: [Int] = [], expected: [Int] = []
                reused.visit(a, through: b) { got.append($0) }
                fresh.visit(a, through: b) { expected.append($0) }
                XCTAssertEqual(got, expected, "n = \(n), range \(a)...\(b)")
                visits += got.count
            }
            XCTAssertEqual(reused.firstUnvisited(from: 0), fresh.firstUnvisited(from: 0))
        }
        XCTAssertGreaterThan(visits, 1000)
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
