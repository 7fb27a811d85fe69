// Sharded runs (`replicate --shard K/N`): which specs shard K of N computes,
// the per-spec times that balance the shards, and what identifies the inputs
// a shard ran on (the commit and a digest of the experiments folder).
//
// The assignment is a pure function of the selected specs (in their sorted
// order) and the times file, so every shard of a run computes the same
// partition without talking to the others: longest processing time first
// (Graham's LPT rule: the specs by decreasing weight, each to the shard with
// the least weight so far, ties to the lower shard), on integer weights.

import Foundation

/// `--shard K/N`: the K-th (1-based) of N shards.
public struct ShardSpec: Sendable, Equatable {
    public let index: Int
    public let count: Int

    /// The most shards a run may be split into.
    public static let maximumCount = 10_000

    /// Parses "K/N" (decimal digits only, 1 ≤ K ≤ N ≤ 10000).
    public static func parse(_ text: String) throws -> ShardSpec {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 6, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        guard parts.count == 2, let k = number(parts[0]), let n = number(parts[1]) else {
            throw HarnessError.usage("--shard needs K/N (two whole numbers, e.g. --shard 2/4), got \(abridged(text, to: 40))")
        }
        guard n >= 1, n <= maximumCount else { throw HarnessError.usage("--shard K/N needs 1 ≤ N ≤ \(maximumCount), got N = \(n)") }
        guard k >= 1, k <= n else { throw HarnessError.usage("--shard K/N needs 1 ≤ K ≤ N, got \(k)/\(n)") }
        return ShardSpec(index: k, count: n)
    }

    /// "2-of-4": the stem of the shard's summary file.
    public var label: String { "\(index)-of-\(count)" }
}

/// The shard (0-based) of each spec: LPT over integer weights. `specs` are
/// (qualified id, units of work) in the run's order; `times` the recorded
/// work seconds per qualified id. A spec's weight is its recorded time in
/// milliseconds (at least 1); a spec without a record weighs the median of
/// the recorded ones; with no record at all, every spec weighs its number of
/// sweep points (over its own and its convention tables).
func shardAssignment(_ specs: [(id: String, units: Int)], count: Int, times: [String: Double]?) -> [Int] {
    func milliseconds(_ s: Double) -> Int { max(1, min(1_000_000_000, Int((s * 1000).rounded()))) }
    let known = specs.compactMap { s in times?[s.id].map(milliseconds) }.sorted()
    let weights = specs.map { s -> Int in
        if known.isEmpty { return max(1, s.units) }
        return times?[s.id].map(milliseconds) ?? known[known.count / 2]
    }
    let order = specs.indices.sorted { a, b in weights[a] != weights[b] ? weights[a] > weights[b] : specs[a].id < specs[b].id }
    var loads = Array(repeating: 0, count: count)
    var assignment = Array(repeating: 0, count: specs.count)
    for k in order {
        let lightest = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
        assignment[k] = lightest
        loads[lightest] += weights[k]
    }
    return assignment
}

extension Runner {
    /// The specs of shard `s` among the selected `specs` (in their order),
    /// with the times file the assignment used.
    func shardPart(_ specs: [Spec], _ s: ShardSpec, _ o: RunOptions) throws -> (specs: [Spec], times: RecordedTimes?) {
        let times = try RecordedTimes.read(results: o.results, strict: true)
        let assignment = shardAssignment(specs.map { ($0.qualifiedID, SpecWork($0).units.count) }, count: s.count, times: times?.workSeconds)
        return (specs.indices.filter { assignment[$0] == s.index - 1 }.map { specs[$0] }, times)
    }
}

/// The per-spec work seconds of earlier runs: `<results>/.shards/.times.json`,
/// `{"version": 1, "workSeconds": [{"spec": "paper/id", "seconds": 1.234}, ...]}`. Written by every
/// run that writes results without --shard (a single run and `merge`), read
/// by shards to balance their parts and by every run to start the longest
/// specs first. Ignored by git (results/.shards/).
public struct RecordedTimes: Sendable, Equatable {
    public var workSeconds: [String: Double]
    /// FNV-1a digest of the file as read, recorded in shard summaries.
    public var digest: String? = nil

    static let file = ".shards/.times.json"
    static let maximumBytes = 16 << 20
    static let maximumEntries = 100_000

    /// Reads the file; nil when there is none. A malformed file is an input
    /// error when `strict` (the shards' assignment depends on it), else nil.
    static func read(results: String, strict: Bool) throws -> RecordedTimes? {
        let path = "\(results)/\(file)"
        guard isRegularFile(path) || FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            guard isRegularFile(path) else { throw HarnessError.io(file: path, message: "not a regular file (delete it: the next run writes it again)") }
            if let project = enclosingFolder(of: results), let target = canonicalPath(path), !isWithin(target, project) {
                throw HarnessError.io(file: path, message: "a symbolic link that leaves \(project)")
            }
            let data = try readLimited(path, maximumBytes: maximumBytes)
            guard let text = String(data: data, encoding: .utf8) else { throw HarnessError.io(file: path, message: "not UTF-8 text (delete it: the next run writes it again)") }
            let node: JSONNode
            do {
                node = try parseJSON(text, limits: .shardSummary)
            } catch let e as JSONSyntaxError {
                throw HarnessError.malformedJSON(file: path, line: e.line, column: e.column, message: e.message + " (delete the file: the next run writes it again)")
            }
            let top = try SpecReader(node: node, path: "", file: path).object(allowed: ["version", "workSeconds"])
            let version = try top.required("version", "the format version 1")
            guard try version.integer() == 1 else { throw version.fail("the format version 1") }
            let entries = try top.required("workSeconds", "an array of {\"spec\": paper/id, \"seconds\": number}").array()
            guard entries.count <= maximumEntries else { throw HarnessError.invalidSpec(file: path, keyPath: "workSeconds", expected: "at most \(maximumEntries) entries", found: "\(entries.count)", suggestion: nil) }
            var seconds: [String: Double] = [:]
            for entry in entries {
                let o = try entry.object(allowed: ["spec", "seconds"])
                let id = try o.required("spec", "a spec's paper/id")
                let key = try id.nonEmptyString()
                guard seconds[key] == nil else { throw id.fail("a spec not listed before") }
                let value = try o.required("seconds", "the spec's work seconds")
                let v = try value.real()
                guard v >= 0, v <= 1e9 else { throw value.fail("seconds from 0 to 1e9") }
                seconds[key] = v
            }
            return RecordedTimes(workSeconds: seconds, digest: fnv1a64(data))
        } catch {
            if strict { throw error }
            return nil
        }
    }

    /// The file's text: specs sorted, milliseconds.
    var text: String {
        let lines = workSeconds.keys.sorted().map { "    {\"spec\": \(jsonQuoted($0)), \"seconds\": \(String(format: "%.3f", workSeconds[$0]!))}" }
        return "{\n  \"version\": 1,\n  \"workSeconds\": [\n" + lines.joined(separator: ",\n") + (lines.isEmpty ? "" : "\n") + "  ]\n}\n"
    }

    /// A start order for `ids`: recorded times decreasing (unrecorded last), else as given.
    func longestFirst(_ ids: [String]) -> [Int] {
        ids.indices.sorted { a, b in
            let x = workSeconds[ids[a]] ?? -1, y = workSeconds[ids[b]] ?? -1
            return x != y ? x > y : a < b
        }
    }
}

extension Runner {
    /// The times file after this run: the recorded times updated with the
    /// work seconds of every spec computed without error.
    func updatedTimes(_ outcomes: [ArtifactOutcome], _ o: RunOptions) -> PlannedOutput {
        var times = (try? RecordedTimes.read(results: o.results, strict: false)) ?? RecordedTimes(workSeconds: [:])
        for x in outcomes where x.error == nil { times.workSeconds[x.spec.qualifiedID] = x.workSeconds }
        return PlannedOutput(path: "\(o.results)/\(RecordedTimes.file)", content: times.text, root: o.results)
    }
}

/// Reads at most `maximumBytes` of a file (an input error beyond that), without reading more.
func readLimited(_ path: String, maximumBytes: Int) throws -> Data {
    guard let handle = FileHandle(forReadingAtPath: path) else { throw HarnessError.io(file: path, message: "cannot read the file") }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
    guard data.count <= maximumBytes else { throw HarnessError.io(file: path, message: "larger than \(maximumBytes) bytes") }
    return data
}

/// 64-bit FNV-1a of `bytes`, as "fnv1a64:<16 hex digits>" (also the fuzzer's cache key).
public func fnv1a64<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    var h = FNV1a64()
    h.add(bytes)
    return h.text
}

/// An incremental 64-bit FNV-1a hash (Fowler–Noll–Vo): not cryptographic;
/// it tells whether two checkouts hold the same experiments, not whether
/// someone forged one.
struct FNV1a64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    }

    var text: String {
        let hex = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The digest of every file under the experiments folder (specs, goldens,
/// probes; names starting with "." skipped): relative paths in sorted order,
/// each with its length and bytes; a symbolic link by its target text.
func experimentsDigest(_ experiments: String) throws -> String {
    var h = FNV1a64()
    let fm = FileManager.default
    func walk(_ relative: String) throws {
        let path = relative.isEmpty ? experiments : "\(experiments)/\(relative)"
        for name in try fm.contentsOfDirectory(atPath: path).sorted() where !name.hasPrefix(".") {
            let r = relative.isEmpty ? name : "\(relative)/\(name)"
            let full = "\(experiments)/\(r)"
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                h.add(Array("d \(r)\n".utf8))
                try walk(r)
            case S_IFREG:
                guard let data = fm.contents(atPath: full) else { throw HarnessError.io(file: full, message: "cannot read the file") }
                h.add(Array("f \(r) \(data.count)\n".utf8))
                h.add(data)
            case S_IFLNK:
                h.add(Array("l \(r) \((try? fm.destinationOfSymbolicLink(atPath: full)) ?? "")\n".utf8))
            default:
                continue
            }
        }
    }
    try walk("")
    return h.text
}

/// `git rev-parse HEAD` in the folder holding the experiments, or nil
/// (no git, not a checkout). Shards compare it; it does not see edits not
/// committed, which the experiments digest covers for specs and goldens.
func gitCommit(experiments: String) -> String? {
    guard let project = enclosingFolder(of: experiments) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", project, "rev-parse", "--verify", "--quiet", "HEAD"]
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_OPTIONAL_LOCKS"] = "0"
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
    let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard [40, 64].contains(commit.count), commit.allSatisfy(\.isHexDigit) else { return nil }
    return commit.lowercased()
}
