// Running specs concurrently over `--jobs` threads, each spec computed point
// by point with progress on stderr.
//
// The unit of work is one sweep point of one table (the spec's own table or
// the table under a convention a claim is checked across). A worker starts
// the next spec in the start order and works through its points; a worker
// that finds no spec left to start helps with the points of the specs still
// running, so a spec that dominates the run (a long sweep) is spread over the
// idle workers. Each point's rows are kept by index and the table is
// assembled in point order once all its points are done, exactly as the
// serial `compute` would: the same rows in the same order, the first failing
// point's error, byte-identical output for any number of jobs.

import Foundation
import Numerics

extension Runner {

    /// Computes every spec (its table and its convention tables). `startOrder`
    /// (a permutation of the indices, e.g. the longest first) only decides
    /// when each spec starts; the outcomes are in the order of `specs`.
    func computeAll(_ specs: [Spec], jobs: Int, startOrder: [Int]? = nil) -> [ArtifactOutcome] {
        let works = specs.map(SpecWork.init)
        let state = SharedState(works: works, startOrder: startOrder ?? Array(specs.indices))
        let totalUnits = works.reduce(0) { $0 + $1.units.count }
        let workers = max(1, min(jobs, totalUnits))
        let showProgress = self.showProgress
        let err = self.err
        for k in works.indices where works[k].units.isEmpty {
            state.finish(k, works[k].outcome([], workSeconds: 0, seconds: 0))
        }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while let (k, u) = state.next(worker: worker) {
                let work = works[k]
                let unit = work.units[u]
                let progress = ProgressReporter { fraction in
                    if showProgress { state.progress(k, u, fraction, err) }
                }
                let start = DispatchTime.now().uptimeNanoseconds
                let result = Result { try work.spec.solver.run(unit.point, progress) }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if state.complete(k, u, result, seconds: seconds) {
                    state.finish(k, work.outcome(state.results(of: k), workSeconds: state.workSeconds(of: k),
                                                 seconds: state.wallSeconds(of: k)))
                }
            }
        }
        if showProgress { err("") }
        return state.outcomes.map { $0! }
    }

    /// Computes the table of one spec: every sweep point (rows have the declared
    /// columns by construction of the typed declaration); no non-finite values.
    public func compute(_ spec: Spec, overriding convention: ConventionValue = ConventionValue([]), progress: ProgressReporter = .silent) throws -> Table {
        let points = spec.points(overriding: convention)
        var results: [[[String: TableValue]]] = []
        for (k, point) in points.enumerated() {
            let sub = ProgressReporter { f in progress.update((Double(k) + min(max(f, 0), 1)) / Double(points.count)) }
            results.append(try spec.solver.run(point, sub))
            progress.update(Double(k + 1) / Double(points.count))
        }
        return try assembleTable(spec, points: points, results: results)
    }
}

/// The table of `spec` from the rows each point produced, in point order;
/// throws when a value is not finite.
func assembleTable(_ spec: Spec, points: [ParameterValues], results: [[[String: TableValue]]]) throws -> Table {
    var rows: [[TableValue]] = []
    for (point, dicts) in zip(points, results) {
        for dict in dicts {
            rows.append(spec.columns.map { c in dict[c.name] ?? TableValue(parameter: point[c.name]!) })
        }
    }
    let table = Table(columns: spec.columns, rows: rows)
    var bad: [String] = []
    for (i, row) in rows.enumerated() {
        for (j, cell) in row.enumerated() where !cell.isFinite {
            bad.append("row [\(table.rowLabel(i))], column \(spec.columns[j].name) = \(cell)")
        }
    }
    if !bad.isEmpty {
        throw ComputeError(description: "non-finite values: " + bad.prefix(5).joined(separator: "; ") + (bad.count > 5 ? " (and \(bad.count - 5) more)" : ""))
    }
    return table
}

/// One spec's work: the points of its own table (table 0) and of each
/// convention table that differs from it (tables 1...), in the order the
/// serial computation visits them.
struct SpecWork: Sendable {
    struct Unit: Sendable {
        let table: Int
        let point: ParameterValues
    }

    let spec: Spec
    /// Per table: the convention (nil for the spec's own table) and its points.
    let tables: [(convention: ConventionValue?, points: [ParameterValues])]
    let units: [Unit]

    init(_ spec: Spec) {
        self.spec = spec
        var tables: [(convention: ConventionValue?, points: [ParameterValues])] = [(nil, spec.points)]
        for convention in spec.conventions where !Self.isOwn(convention, of: spec) {
            tables.append((convention, spec.points(overriding: convention)))
        }
        self.tables = tables
        units = tables.enumerated().flatMap { t, table in table.points.map { Unit(table: t, point: $0) } }
    }

    /// A convention equal to the spec's own parameters is the spec's own table.
    static func isOwn(_ convention: ConventionValue, of spec: Spec) -> Bool {
        convention.parameters.allSatisfy { spec.parameters[$0.key] == $0.value }
    }

    /// The outcome from every unit's result (`results[u]`, nil for units
    /// skipped after an earlier failure), as the serial computation reports it.
    func outcome(_ results: [Result<[[String: TableValue]], Error>?], workSeconds: Double, seconds: Double) -> ArtifactOutcome {
        var outcome = ArtifactOutcome(spec: spec)
        outcome.seconds = seconds
        outcome.workSeconds = workSeconds
        var offsets: [Int] = []
        var offset = 0
        for t in tables { offsets.append(offset); offset += t.points.count }
        func table(_ t: Int) throws -> Table {
            var rows: [[[String: TableValue]]] = []
            for u in offsets[t]..<(offsets[t] + tables[t].points.count) {
                guard let r = results[u] else { throw ComputeError(description: "internal error: a point was skipped") }
                rows.append(try r.get())
            }
            return try assembleTable(spec, points: tables[t].points, results: rows)
        }
        do {
            let own = try table(0)
            outcome.table = own
            var t = 1
            for convention in spec.conventions {
                if Self.isOwn(convention, of: spec) {
                    outcome.conventionTables[convention] = own
                    continue
                }
                do {
                    outcome.conventionTables[convention] = try table(t)
                } catch {
                    throw ComputeError(description: "under \(convention.label) (a convention a claim is checked across): \(error)")
                }
                t += 1
            }
        } catch {
            outcome.error = "\(error)"
        }
        return outcome
    }
}

/// Work queue and results shared by the worker threads.
final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private let unitCounts: [Int]
    private let ids: [String]
    private let startOrder: [Int]
    private var started = 0
    /// Per spec: the next unit to hand out, units done, the first failed unit.
    private var cursor: [Int]
    private var done: [Int]
    private var firstFailure: [Int?]
    private var unitResults: [[Result<[[String: TableValue]], Error>?]]
    private var work: [Double]
    private var startTime: [UInt64?]
    private var endTime: [UInt64]
    /// The spec each worker is on (it stays with it while it has points left).
    private var current: [Int: Int] = [:]
    private(set) var outcomes: [ArtifactOutcome?]
    private var finished = 0
    private var lastPrint: UInt64 = 0

    init(works: [SpecWork], startOrder: [Int]) {
        unitCounts = works.map(\.units.count)
        ids = works.map(\.spec.qualifiedID)
        self.startOrder = startOrder
        cursor = Array(repeating: 0, count: works.count)
        done = Array(repeating: 0, count: works.count)
        firstFailure = Array(repeating: nil, count: works.count)
        unitResults = works.map { Array(repeating: nil, count: $0.units.count) }
        work = Array(repeating: 0, count: works.count)
        startTime = Array(repeating: nil, count: works.count)
        endTime = Array(repeating: 0, count: works.count)
        outcomes = Array(repeating: nil, count: works.count)
    }

    /// The next unit for `worker`: a further point of its spec, else the
    /// first point of the next spec to start, else a point of the running
    /// spec with the most points left; nil when nothing is left to hand out.
    func next(worker: Int) -> (Int, Int)? {
        lock.lock(); defer { lock.unlock() }
        if let k = current[worker], let u = take(k) { return (k, u) }
        while started < startOrder.count {
            let k = startOrder[started]
            started += 1
            startTime[k] = DispatchTime.now().uptimeNanoseconds
            if unitCounts[k] == 0 { continue }
            current[worker] = k
            if let u = take(k) { return (k, u) }
        }
        let running = startOrder.prefix(started).filter { remaining($0) > 0 }
        guard let k = running.max(by: { remaining($0) < remaining($1) }) else { return nil }
        current[worker] = k
        return take(k).map { (k, $0) }
    }

    private func remaining(_ k: Int) -> Int { unitCounts[k] - cursor[k] }

    /// Hands out the next unit of spec `k` (in unit order).
    private func take(_ k: Int) -> Int? {
        guard cursor[k] < unitCounts[k] else { return nil }
        cursor[k] += 1
        return cursor[k] - 1
    }

    /// Records a unit's result; true when it completes its spec.
    func complete(_ k: Int, _ u: Int, _ result: Result<[[String: TableValue]], Error>, seconds: Double) -> Bool {
        lock.lock(); defer { lock.unlock() }
        unitResults[k][u] = result
        work[k] += seconds
        done[k] += 1
        if case .failure = result, firstFailure[k].map({ u < $0 }) ?? true {
            // The serial computation stops at the first failure: the units not
            // yet handed out all come after it and are skipped.
            firstFailure[k] = u
            done[k] += unitCounts[k] - cursor[k]
            cursor[k] = unitCounts[k]
        }
        if done[k] == unitCounts[k] {
            endTime[k] = DispatchTime.now().uptimeNanoseconds
            return true
        }
        return false
    }

    func results(of k: Int) -> [Result<[[String: TableValue]], Error>?] {
        lock.lock(); defer { lock.unlock() }
        return unitResults[k]
    }

    func workSeconds(of k: Int) -> Double {
        lock.lock(); defer { lock.unlock() }
        return work[k]
    }

    func wallSeconds(of k: Int) -> Double {
        lock.lock(); defer { lock.unlock() }
        guard let s = startTime[k] else { return 0 }
        return Double(endTime[k] - s) / 1e9
    }

    func finish(_ k: Int, _ outcome: ArtifactOutcome) {
        lock.lock(); defer { lock.unlock() }
        outcomes[k] = outcome
        finished += 1
    }

    func progress(_ k: Int, _ u: Int, _ fraction: Double, _ err: (String) -> Void) {
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastPrint > 200_000_000 else { return }
        lastPrint = now
        let f = (Double(done[k]) + min(max(fraction, 0), 1)) / Double(max(1, unitCounts[k]))
        err("\u{1B}[2K\r[\(finished)/\(outcomes.count) done] \(ids[k]): \(Int(min(f, 1) * 100))%\u{1B}[1A")
    }
}
