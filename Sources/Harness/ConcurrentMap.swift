import Foundation

/// `items.map(transform)` with the elements transformed concurrently (GCD,
/// one thread per core); the results keep the order of `items`. For
/// independent work: decoding spec files, running declared probes.
func concurrentMap<Element: Sendable, Result>(_ items: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    let slots = Slots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { k in
        slots.set(k, transform(items[k]))
    }
    return slots.all
}

/// Results filled in by concurrent workers, one slot each.
private final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: Value) { lock.lock(); values[k] = value; lock.unlock() }
    var all: [Value] { lock.lock(); defer { lock.unlock() }; return values.map { $0! } }
}
