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

    /// The stored value for `key`, else computed together with those of
    /// `siblings` that are neither stored nor in flight (one computation that
    /// shares work among them): `compute(keys)` gets `key` first and returns
    /// one result per key; the successes are stored.
    public func value(for key: Key, with siblings: [Key],
                      compute: ([Key]) throws -> [Result<Value, Error>]) throws -> Value {
        condition.lock()
        while inFlight.contains(key) { condition.wait() }
        if let known = values[key] {
            condition.unlock()
            return known
        }
        let keys = [key] + siblings.filter { $0 != key && values[$0] == nil && !inFlight.contains($0) }
        inFlight.formUnion(keys)
        condition.unlock()
        let results: [Result<Value, Error>]
        do {
            results = try compute(keys)
        } catch {
            results = keys.map { _ in .failure(error) }
        }
        precondition(results.count == keys.count, "Memo: one result per key")
        condition.lock()
        for (k, result) in zip(keys, results) { finishLocked(k, storing: try? result.get()) }
        condition.broadcast()
        condition.unlock()
        return try results[0].get()
    }

    /// Ends the computation of `key`: stores its value (if any), wakes the waiters.
    private func finish(_ key: Key, storing value: Value?) {
        condition.lock()
        finishLocked(key, storing: value)
        condition.broadcast()
        condition.unlock()
    }

    /// `finish` with the lock held, without waking the waiters.
    private func finishLocked(_ key: Key, storing value: Value?) {
        if let value {
            if let capacity, values.count >= capacity { values.removeAll() }
            values[key] = value
        }
        inFlight.remove(key)
    }

    /// The number of stored values.
    public var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return values.count
    }
}
