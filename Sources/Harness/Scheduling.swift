// Running specs concurrently: a work queue over `--jobs` threads, each
// spec computed point by point with progress on stderr.

import Foundation
import Numerics

extension Runner {

    func computeAll(_ specs: [Spec], jobs: Int) -> [ArtifactOutcome] {
        let state = SharedState(count: specs.count)
        let workers = max(1, min(jobs, specs.count))
        let showProgress = self.showProgress
        let err = self.err
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = state.next() {
                let spec = specs[k]
                let start = DispatchTime.now().uptimeNanoseconds
                var outcome = ArtifactOutcome(spec: spec)
                let progress = ProgressReporter { fraction in
                    if showProgress { state.progress(spec.qualifiedID, fraction, err) }
                }
                do {
                    outcome.table = try compute(spec, progress: progress)
                    for convention in spec.conventions {
                        // A convention equal to the spec's own parameters is the table just computed.
                        if convention.parameters.allSatisfy({ spec.parameters[$0.key] == $0.value }) {
                            outcome.conventionTables[convention] = outcome.table
                            continue
                        }
                        do {
                            outcome.conventionTables[convention] = try compute(spec, overriding: convention)
                        } catch {
                            throw ComputeError(description: "under \(convention.label) (a convention a claim is checked across): \(error)")
                        }
                    }
                } catch {
                    outcome.error = "\(error)"
                }
                outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                state.finish(k, outcome)
            }
        }
        if showProgress { err("") }
        return state.results.map { $0! }
    }

    /// Computes the table of one spec: every sweep point (rows have the declared
    /// columns by construction of the typed declaration); no non-finite values.
    public func compute(_ spec: Spec, overriding convention: ConventionValue = ConventionValue([]), progress: ProgressReporter = .silent) throws -> Table {
        let points = spec.points(overriding: convention)
        var rows: [[TableValue]] = []
        for (k, point) in points.enumerated() {
            let sub = ProgressReporter { f in progress.update((Double(k) + min(max(f, 0), 1)) / Double(points.count)) }
            for dict in try spec.solver.run(point, sub) {
                rows.append(spec.columns.map { c in dict[c.name] ?? TableValue(parameter: point[c.name]!) })
            }
            progress.update(Double(k + 1) / Double(points.count))
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
}

/// Work queue and results shared by the worker threads.
final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private(set) var results: [ArtifactOutcome?]
    private var done = 0
    private var lastPrint: UInt64 = 0

    init(count: Int) {
        self.count = count
        results = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ k: Int, _ outcome: ArtifactOutcome) {
        lock.lock(); defer { lock.unlock() }
        results[k] = outcome
        done += 1
    }

    func progress(_ id: String, _ fraction: Double, _ err: (String) -> Void) {
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastPrint > 200_000_000 else { return }
        lastPrint = now
        err("\u{1B}[2K\r[\(done)/\(count) done] \(id): \(Int(fraction * 100))%\u{1B}[1A")
    }
}
