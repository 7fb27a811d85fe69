import XCTest
import Foundation
@testable import Numerics

/// The process memo: each key computed once even when many threads ask for it
/// at the same time, errors not stored, cleared when full.
final class MemoTests: XCTestCase {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [Int: Int] = [:]
        func hit(_ k: Int) { lock.lock(); calls[k, default: 0] += 1; lock.unlock() }
        func count(_ k: Int) -> Int { lock.lock(); defer { lock.unlock() }; return calls[k, default: 0] }
    }

    func testEachKeyComputedOnceUnderConcurrentRequests() {
        let memo = Memo<Int, [Int]>()
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            let k = i % 8
            let v = memo.value(for: k) {
                counter.hit(k)
                Thread.sleep(forTimeInterval: 0.001)   // others arrive while it is in flight
                return (0...k).map { $0 * $0 }
            }
            XCTAssertEqual(v, (0...k).map { $0 * $0 })
        }
        for k in 0..<8 { XCTAssertEqual(counter.count(k), 1, "key \(k)") }
        XCTAssertEqual(memo.count, 8)
    }

    struct Failure: Error, Equatable { let k: Int }

    func testErrorsAreNotStoredAndCapacityClears() throws {
        let memo = Memo<Int, Int>(capacity: 3)
        var attempts = 0
        for _ in 0..<2 {
            XCTAssertThrowsError(try memo.value(for: 7) { attempts += 1; throw Failure(k: 7) }) { XCTAssertEqual($0 as? Failure, Failure(k: 7)) }
        }
        XCTAssertEqual(attempts, 2)
        XCTAssertEqual(try memo.value(for: 7) { 49 }, 49)
        XCTAssertEqual(memo.value(for: 7) { 0 }, 49)   // stored
        _ = memo.value(for: 1) { 1 }
        _ = memo.value(for: 2) { 4 }
        XCTAssertEqual(memo.count, 3)
        _ = memo.value(for: 3) { 9 }                     // full: cleared, then stored
        XCTAssertEqual(memo.count, 1)
        XCTAssertEqual(memo.value(for: 7) { -1 }, -1)    // recomputed after the clear
    }

    /// The batch entry point computes the asked key with the siblings not yet
    /// stored, stores their successes only, and answers later requests from them.
    func testSiblingsAreComputedTogetherAndFailuresNotStored() throws {
        let memo = Memo<Int, Int>()
        var batches: [[Int]] = []
        func compute(_ keys: [Int]) -> [Result<Int, Error>] {
            batches.append(keys)
            return keys.map { $0 == 3 ? .failure(Failure(k: 3)) : .success($0 * 10) }
        }
        XCTAssertEqual(try memo.value(for: 1, with: [1, 2, 3], compute: compute), 10)
        XCTAssertEqual(batches, [[1, 2, 3]])
        XCTAssertEqual(try memo.value(for: 2, with: [1, 2, 3], compute: compute), 20)   // stored by the first batch
        XCTAssertEqual(batches.count, 1)
        XCTAssertThrowsError(try memo.value(for: 3, with: [1, 2, 3, 4], compute: compute)) { XCTAssertEqual($0 as? Failure, Failure(k: 3)) }
        XCTAssertEqual(batches.last, [3, 4])                                              // 3 recomputed (not stored), with 4
        XCTAssertEqual(memo.value(for: 4) { -1 }, 40)
        XCTAssertThrowsError(try memo.value(for: 5, with: []) { _ in throw Failure(k: 5) })
        XCTAssertEqual(memo.count, 3)
    }
}
