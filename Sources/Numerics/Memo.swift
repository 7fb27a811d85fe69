import Foundation

/// A thread-safe memo of a deterministic computation, for caches that live as
/// long as the process (quadrature rules, solved environments shared by the
/// sweep points and specs of one run).
///
/// A stored value is exactly what a fresh computation returns, so a memo never
/// changes a result, only how often it is computed. A key being computed by
/// one thread is waited for by the others (computed once). Errors are not
/// stored: the next request computes again and throws the same error. With a
/// `capacity`, the memo is cleared when full (runs touch few keys; clearing
/// keeps a long sweep from growing it without bound).
///
/// `compute` must not ask the same memo for the same key (it would wait for
/// itself); other keys are fine.
public final class Memo<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let condition = NSCondition()   // guards `values` and `inFlight`
    private var values: [Key: Value] = [:]
    private var inFlight: Set<Key> = []
    /// The most entries kept (nil: unbounded).
    public let capacity: Int?

    public init(capacity: Int? = nil) {
        precondition(capacity.map { $0 > 0 } ?? true, "Memo capacity must be positive")
        self.capacity = capacity
    }

    /// The stored value for `key`, else `compute()` (stored when it succeeds).
    public func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
        condition.lock()
        while inFlight.contains(key) { condition.wait() }
        if let known = values[key] {
            condition.unlock()
            return known
        }
        inFlight.insert(key)
        condition.unlock()
        let value: Value
        do {
            value = try compute()
        } catch {
            finish(key, storing: nil)
            throw error
        }
        finish(key, storing: value)
        return value
    }

    /// Ends the computation of `key`: stores its value (if any), wakes the waiters.
    private func finish(_ key: Key, storing value: Value?) {
        condition.lock()
        if let value {
            if let capacity, values.count >= capacity { values.removeAll() }
            values[key] = value
        }
        inFlight.remove(key)
        condition.broadcast()
        condition.unlock()
    }

    /// The number of stored values.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return values.count
    }
}
