// The fuzzer: throws seeded mutations of the project's own specs, goldens and
// folders at a built `replicate`, each case in a scratch copy, and checks
// that every run behaves as the README's "Untrusted input" section says:
// a documented exit status, no signal death, no hang, nothing changed on an
// input error, nothing written outside results/ and the selected goldens, and
// nothing touched outside the copy. A failing case is shrunk and written out
// as a reproducer folder.

import Foundation
import Harness
import Numerics

public struct FuzzOptions: Sendable {
    public var replicate = ""
    var root = "."
    var count = 100
    var seed: UInt64 = 1
    var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var timeLimit = 20.0
    var memoryLimitMiB = 4096
    var slow = 0.5
    var work = ".build/fuzz"
    var scratch: String? = nil
    var only: Int? = nil
    var logFile: String? = nil

    public static let usage = """
    usage: fuzz --replicate PATH [options]

    Runs COUNT seeded mutations of the specs under ROOT/experiments against
    the replicate binary, each in a scratch copy under WORK, and fails when a
    run crashes, hangs, exits with an undocumented status, changes a file on an
    input error (exit 2), or writes outside results/ and the selected goldens.
    A failing case is shrunk and written to WORK/failures/ as a reproducer.

    options:
      --replicate PATH   the replicate binary to test (required)
      --root DIR         the project whose specs are mutated (default .)
      --count N          number of cases (default 100)
      --seed S           seed of the case stream (default 1)
      --case K           run only case K of the stream and print it
      --jobs N           cases run concurrently (default: number of cores)
      --time-limit S     wall-clock limit of one run in seconds (default 20)
      --memory-limit MB  address-space limit of one run (default 4096)
      --slow S           specs whose unmutated run takes longer are left out (default 0.5)
      --work DIR         the timing cache and failures/ (default .build/fuzz)
      --scratch DIR      where the cases' copies are made and removed (default:
                         a new folder in /dev/shm when it exists, else WORK)
      --log FILE         one line per case: index, exit status, mutations, first error line

    exit status: 0 no failure, 1 a failing case (reproducers written), 2 usage.
    """

    public static func parse(_ args: [String]) throws -> FuzzOptions {
        var o = FuzzOptions()
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw FuzzError("\(args[i - 1]) needs a value") }
            return args[i]
        }
        func number<T: LosslessStringConvertible & Comparable>(_ flag: String, _ range: ClosedRange<T>) throws -> T {
            let v = try value()
            guard let n = T(v), range.contains(n) else { throw FuzzError("\(flag) needs a number in \(range.lowerBound)...\(range.upperBound), got \(v)") }
            return n
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--replicate": o.replicate = try value()
            case "--root": o.root = try value()
            case "--count": o.count = try number(a, 0...10_000_000)
            case "--seed": o.seed = try number(a, 0...UInt64.max)
            case "--case": o.only = try number(a, 0...Int.max)
            case "--jobs": o.jobs = try number(a, 1...64)
            case "--time-limit": o.timeLimit = try number(a, 0.1...3600)
            case "--memory-limit": o.memoryLimitMiB = try number(a, 64...1_048_576)
            case "--slow": o.slow = try number(a, 0.01...3600)
            case "--work": o.work = try value()
            case "--scratch": o.scratch = try value()
            case "--log": o.logFile = try value()
            case "--help", "-h": print(usage); exit(0)
            default: throw FuzzError("unknown option \(a)")
            }
            i += 1
        }
        guard !o.replicate.isEmpty else { throw FuzzError("--replicate PATH is required") }
        // Absolute, so links planted in a case point where they should and `outside` paths are absolute.
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> String { URL(fileURLWithPath: p.hasPrefix("/") ? p : cwd + "/" + p).standardizedFileURL.path }
        o.work = absolute(o.work)
        o.scratch = o.scratch.map(absolute)
        o.replicate = absolute(o.replicate)
        o.root = absolute(o.root)
        return o
    }
}

/// The seed of case `index` of the stream `seed` (SplitMix64 of both).
func caseSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
    var g = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
    return g.next()
}

/// A case's outcome.
struct Outcome {
    var result: RunResult
    var failure: String?
}

public final class Fuzzer: @unchecked Sendable {
    let o: FuzzOptions
    var corpus: Corpus
    let lock = NSLock()
    var next = 0
    var statusCounts: [String: [RunMode: Int]] = [:]
    var categoryCounts: [String: [String: Int]] = [:]
    var failures: [(FuzzCase, String, String)] = []
    var slowest: (Double, Int) = (0, -1)
    var caseLog: [(Int, String)] = []
    var replicateSeconds = 0.0

    /// Where the cases' copies live: many small files are created and removed
    /// per case, so a memory file system (/dev/shm) is about twice as fast.
    let scratch: String
    private let ownsScratch: Bool

    public init(_ o: FuzzOptions) throws {
        self.o = o
        corpus = try Corpus(root: o.root)
        let fm = FileManager.default
        if let s = o.scratch {
            scratch = s
            ownsScratch = false
        } else if fm.isWritableFile(atPath: "/dev/shm") {
            scratch = "/dev/shm/fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            ownsScratch = true
        } else {
            scratch = o.work + "/scratch"
            ownsScratch = false
        }
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    deinit {
        if ownsScratch, o.only == nil { try? makeWritable(scratch); try? FileManager.default.removeItem(atPath: scratch) }
    }

    func log(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }

    /// Runs `c` in `box`: materialise, snapshot, run, snapshot, judge.
    func execute(_ c: FuzzCase, in box: Sandbox) throws -> Outcome {
        try box.materialize(c, corpus: corpus)
        let projectBefore = snapshot(box.project), outsideBefore = snapshot(box.outside)
        let besideBefore = Set((try? FileManager.default.contentsOfDirectory(atPath: box.folder)) ?? [])
        let r = try runReplicate(o.replicate, c.arguments, in: box.project, logs: box.folder + "/run",
                                 timeLimit: o.timeLimit, memoryLimitMiB: o.memoryLimitMiB)
        let projectAfter = snapshot(box.project)
        let beside = Set((try? FileManager.default.contentsOfDirectory(atPath: box.folder)) ?? [])
            .subtracting(besideBefore).subtracting(["run.stdout", "run.stderr"])
        let verdict = judge(c, r, projectChanges: changes(projectBefore, projectAfter), after: projectAfter,
                            outsideChanges: changes(outsideBefore, snapshot(box.outside)), strayEntries: beside.sorted())
        return Outcome(result: r, failure: verdict)
    }

    /// The unmutated run time of every spec (cached per binary), to leave out slow specs.
    func baseline() throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: o.work, withIntermediateDirectories: true)
        let attrs = try fm.attributesOfItem(atPath: o.replicate)
        let binaryKey = "\(attrs[.size] ?? 0) \((attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) slow=\(o.slow)"
        let cachePath = o.work + "/baseline.tsv"
        var cached: [String: String] = [:]
        if let text = try? String(contentsOfFile: cachePath, encoding: .utf8) {
            let lines = text.split(separator: "\n").map(String.init)
            if lines.first == binaryKey {
                for l in lines.dropFirst() {
                    let f = l.split(separator: "\t").map(String.init)
                    if f.count == 3 { cached[f[0] + "\t" + f[1]] = f[2] }
                }
            }
        }
        let specs = corpus.specs
        var verdicts = [String](repeating: "", count: specs.count)
        let keys = specs.map { "\($0.paper)/\($0.id)\t\(fnv1a64($0.text.utf8))" }
        var todo: [Int] = []
        for (k, key) in keys.enumerated() { if let v = cached[key] { verdicts[k] = v } else { todo.append(k) } }
        if !todo.isEmpty {
            log("fuzz: timing \(todo.count) unmutated specs (limit \(o.slow) s each; cached in \(cachePath))")
            baselineTodo = todo
            baselineVerdicts = verdicts
            DispatchQueue.concurrentPerform(iterations: min(o.jobs, todo.count)) { w in
                let box = Sandbox(folder: "\(scratch)/baseline-\(w)")
                while true {
                    lock.lock(); let t = next; next += 1; lock.unlock()
                    guard t < baselineTodo.count else { break }
                    let k = baselineTodo[t]
                    let c = FuzzCase(index: -1, spec: corpus.specs[k], mode: .check, json: false, mutations: [])
                    var v = "error"
                    if (try? box.materialize(c, corpus: corpus)) != nil,
                       let r = try? runReplicate(o.replicate, c.arguments, in: box.project, logs: box.folder + "/run", timeLimit: o.slow, memoryLimitMiB: o.memoryLimitMiB) {
                        v = r.timedOut ? "slow" : r.status == 0 ? String(format: "%.3f", r.seconds) : "status \(r.status.map(String.init) ?? "signal")"
                    }
                    lock.lock(); baselineVerdicts[k] = v; lock.unlock()
                }
                try? makeWritable(box.folder)
                try? FileManager.default.removeItem(atPath: box.folder)
            }
            next = 0
            verdicts = baselineVerdicts
            let text = ([binaryKey] + zip(keys, verdicts).map { "\($0)\t\($1)" }).joined(separator: "\n") + "\n"
            try? text.write(toFile: cachePath, atomically: true, encoding: .utf8)
        }
        for (k, v) in verdicts.enumerated() where v.hasPrefix("status") || v == "error" {
            log("fuzz: warning: unmutated \(specs[k].paper)/\(specs[k].id) gives \(v) in a scratch copy; left out")
        }
        corpus.specs = zip(specs, verdicts).filter { Double($0.1) != nil }.map(\.0)
        left = specs.count - corpus.specs.count
        total = specs.count
        guard !corpus.specs.isEmpty else { throw FuzzError("every spec is slower than --slow \(o.slow) s") }
    }
    var left = 0, total = 0
    var baselineTodo: [Int] = []
    var baselineVerdicts: [String] = []

    func makeCase(_ i: Int) -> FuzzCase {
        var m = Mutator(seed: caseSeed(o.seed, i), corpus: corpus)
        return m.makeCase(index: i)
    }

    public func run() throws -> Int32 {
        try baseline()
        let start = Date()
        let indices: [Int] = o.only.map { [$0] } ?? Array(0..<o.count)
        let workers = max(1, min(o.jobs, indices.count))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let box = Sandbox(folder: "\(scratch)/worker-\(w)")
            while true {
                lock.lock(); let t = next; next += 1; lock.unlock()
                guard t < indices.count else { break }
                let c = makeCase(indices[t])
                let outcome: Outcome
                do { outcome = try execute(c, in: box) } catch {
                    let sizes = c.arguments.map { String($0.utf8.count) }.joined(separator: ", ")
                    record(c, status: "fuzzer error", failure: "the fuzzer could not set up the case: \(error) (argument sizes \(sizes))", seconds: 0)
                    continue
                }
                let r = outcome.result
                let status = r.timedOut ? "time limit" : r.signal.map { "signal \($0)" } ?? "\(r.status ?? -1)"
                if o.only != nil {
                    log("case \(c.index): \(c.spec.paper)/\(c.spec.id), replicate \(c.arguments.joined(separator: " "))")
                    for m in c.mutations { log("  - \(m)") }
                for x in c.settings { log("  - --set \(abridged(x, to: 120))") }
                    log("  exit \(status) in \(String(format: "%.2f", r.seconds)) s; \(outcome.failure ?? "as documented")")
                    log("  the copy after the run is kept in \(box.folder) (project/, outside/, run.stdout, run.stderr)")
                    log(r.stderr.split(separator: "\n").prefix(20).map { "  | " + $0 }.joined(separator: "\n"))
                }
                var failure = outcome.failure
                if let f = failure {
                    failure = f + "\n" + reproduce(c, failure: f, in: box)
                }
                record(c, status: status, failure: failure, seconds: r.seconds)
                if o.logFile != nil {
                    let first = r.stderr.split(separator: "\n").first { $0.hasPrefix("error") || $0.contains("error:") }.map(String.init) ?? r.failureLines
                    let line = "\(c.index)\t\(status)\t\(String(format: "%.3f", r.seconds))\t\(c.mode.rawValue)\t\(c.spec.paper)/\(c.spec.id)\t\(c.mutations.map(\.description).joined(separator: " | "))\t\(abridged(first, to: 400))"
                    lock.lock(); caseLog.append((c.index, line.replacingOccurrences(of: "\n", with: "\\n"))); lock.unlock()
                }
                lock.lock(); let done = next; lock.unlock()
                if o.only == nil, done % 500 == 0 { log("fuzz: \(done) of \(indices.count) cases, \(failures.count) failing") }
            }
            if o.only == nil { try? makeWritable(box.folder); try? FileManager.default.removeItem(atPath: box.folder) }
        }
        printTable(cases: indices.count, seconds: Date().timeIntervalSince(start))
        if let path = o.logFile {
            try caseLog.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        return failures.isEmpty ? 0 : 1
    }

    func record(_ c: FuzzCase, status: String, failure: String?, seconds: Double) {
        lock.lock(); defer { lock.unlock() }
        statusCounts[status, default: [:]][c.mode, default: 0] += 1
        for cat in Set(c.mutations.map(\.category)) { categoryCounts[cat, default: [:]][status, default: 0] += 1 }
        if seconds > slowest.0 { slowest = (seconds, c.index) }
        replicateSeconds += seconds
        if let f = failure { failures.append((c, status, f)) }
    }

    /// Shrinks a failing case (dropping mutations while the same kind of
    /// failure remains) and writes it to WORK/failures/seed<S>-case<K>/.
    func reproduce(_ c: FuzzCase, failure: String, in box: Sandbox) -> String {
        func kind(_ f: String) -> String { f.split(separator: " ").prefix(3).joined(separator: " ") }
        let target = kind(failure)
        var budget = failure.hasPrefix("hang") ? 4 : 40
        func fails(_ candidate: FuzzCase) -> Bool {
            guard budget > 0 else { return false }
            budget -= 1
            guard let out = try? execute(candidate, in: box), let f = out.failure else { return false }
            return kind(f) == target
        }
        var best = c
        var trial = best
        trial.mutations.append(.dropOtherSpecs)
        if fails(trial) { best = trial }
        var i = best.mutations.count - 1
        while i >= 0 {
            if case .dropOtherSpecs = best.mutations[i] { i -= 1; continue }
            let essential = best.mutations.filter { if case .dropOtherSpecs = $0 { return false }; return true }
            if essential.count > 1 {
                var t = best
                t.mutations.remove(at: i)
                if fails(t) { best = t }
            }
            i -= 1
        }
        if best.mutations.contains(where: { if case .tree = $0 { return true }; return false }) {
            for key in ["claims", "figure", "notes", "title", "artifact", "sweep"] where best.spec.tree[.key(key)] != nil {
                var t = best
                t.mutations.insert(.tree(.remove([.key(key)])), at: 0)
                if fails(t) { best = t }
            }
        }
        let dir = "\(o.work)/failures/seed\(o.seed)-case\(c.index)"
        let fm = FileManager.default
        try? makeWritable(dir)
        try? fm.removeItem(atPath: dir)
        let reproBox = Sandbox(folder: dir)
        do {
            try reproBox.materialize(best, corpus: corpus)
            let abs = URL(fileURLWithPath: o.replicate).standardizedFileURL.path
            let script = """
            #!/bin/sh
            # fuzz seed \(o.seed), case \(c.index): \(failure.replacingOccurrences(of: "\n", with: " "))
            # Runs the shrunk case on the pre-run copy (run it on a fresh copy of this folder).
            cd "$(dirname "$0")/project" && exec "${REPLICATE:-\(abs)}" \(best.arguments.map { "'\($0)'" }.joined(separator: " "))

            """
            try script.write(toFile: dir + "/run.sh", atomically: true, encoding: .utf8)
            chmod(dir + "/run.sh", 0o755)
            let text = (["case \(c.index) of seed \(o.seed): \(c.spec.paper)/\(c.spec.id), mode \(c.mode.rawValue)" + c.settings.map { " --set \(abridged($0, to: 120))" }.joined(),
                         "failure: \(failure)", "shrunk to:"] + best.mutations.map { "  - \($0)" }).joined(separator: "\n") + "\n"
            try text.write(toFile: dir + "/case.txt", atomically: true, encoding: .utf8)
            return "reproducer: \(dir)/run.sh (\(best.mutations.count) mutations)"
        } catch {
            return "could not write a reproducer: \(error)"
        }
    }

    func printTable(cases: Int, seconds: Double) {
        var lines: [String] = []
        lines.append("fuzz: \(cases) cases, seed \(o.seed), \(o.jobs) jobs, \(corpus.specs.count) of \(total) specs (\(left) slower than \(o.slow) s left out), \(String(format: "%.1f", seconds)) s")
        let meaning = ["0": "matched", "1": "diff, claim or solver failure", "2": "invalid input, nothing written", "3": "output not written"]
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        lines.append(pad("exit status", 40) + lpad("cases", 7) + RunMode.allCases.map { lpad($0.rawValue, 7) }.joined())
        for s in statusCounts.keys.sorted() {
            let row = statusCounts[s]!
            let label = s + (meaning[s].map { " (\($0))" } ?? "")
            lines.append(pad(label, 40) + lpad("\(row.values.reduce(0, +))", 7) + RunMode.allCases.map { lpad("\(row[$0] ?? 0)", 7) }.joined())
        }
        lines.append("by mutation (cases, exit statuses):")
        for cat in categoryCounts.keys.sorted() {
            let row = categoryCounts[cat]!
            lines.append("  " + pad(cat, 12) + lpad("\(row.values.reduce(0, +))", 7) + "  " + row.keys.sorted().map { "\($0): \(row[$0]!)" }.joined(separator: ", "))
        }
        lines.append(String(format: "time in replicate: %.1f s over all cases", replicateSeconds))
        lines.append(String(format: "slowest run: %.2f s (case %d); time limit %.0f s, memory limit %d MiB", slowest.0, slowest.1, o.timeLimit, o.memoryLimitMiB))
        lines.append("failures: \(failures.count)")
        for (c, status, f) in failures.sorted(by: { $0.0.index < $1.0.index }).prefix(20) {
            lines.append("  case \(c.index) (\(c.spec.paper)/\(c.spec.id), \(c.mode.rawValue), exit \(status)): \(f.replacingOccurrences(of: "\n", with: "\n    "))")
        }
        print(lines.joined(separator: "\n"))
    }
}
