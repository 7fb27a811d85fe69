// A case's scratch copy: the project folders it needs, an `outside` folder
// that nothing may touch, the run of `replicate` under time and memory
// limits, and the judgement of what it did.

import Foundation
import Harness

/// One spec of the corpus with the files it is copied with.
struct CorpusSpec: Sendable {
    let paper: String
    let id: String
    /// The spec's file name in its paper folder.
    let file: String
    let text: String
    let tree: JSONNode
    /// The golden path relative to the paper folder.
    let golden: String
}

/// The specs a run mutates (read once from the project).
struct Corpus: Sendable {
    let root: String
    var specs: [CorpusSpec]
    /// Every key used anywhere in the corpus (new keys are drawn from them).
    let keys: [String]
    let papers: [String]

    init(root: String) throws {
        self.root = root
        let fm = FileManager.default
        let experiments = root + "/experiments"
        var specs: [CorpusSpec] = []
        var keys = Set<String>()
        let papers = try fm.contentsOfDirectory(atPath: experiments).filter { !$0.hasPrefix(".") }.sorted()
        for paper in papers {
            for file in try fm.contentsOfDirectory(atPath: "\(experiments)/\(paper)").filter({ $0.hasSuffix(".json") }).sorted() {
                let text = try String(contentsOfFile: "\(experiments)/\(paper)/\(file)", encoding: .utf8)
                guard let tree = parseTree(text) else { throw FuzzError("\(experiments)/\(paper)/\(file): not JSON the fuzzer can read") }
                for p in tree.allPaths() { if case .key(let k)? = p.last { keys.insert(k) } }
                let id = String(file.dropLast(5))
                var golden = "golden/\(id).csv"
                if case .string(let g)? = tree[.key("golden")] { golden = g }
                specs.append(CorpusSpec(paper: paper, id: id, file: file, text: text, tree: tree, golden: golden))
            }
        }
        guard !specs.isEmpty else { throw FuzzError("no specs under \(experiments)") }
        self.specs = specs
        self.keys = keys.sorted()
        self.papers = papers
    }
}

public struct FuzzError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
    public init(message: String) { description = message }
}

/// One mutated run.
struct FuzzCase {
    let index: Int
    let spec: CorpusSpec
    let mode: RunMode
    let json: Bool
    var mutations: [Mutation]
    /// `--set` arguments of a `try` case.
    var settings: [String] = []

    var arguments: [String] {
        if mode == .tryout {
            return ["try", "\(spec.paper)/\(spec.id)"] + settings.flatMap { ["--set", $0] } + (json ? ["--json"] : [])
        }
        return mode.flags + (json ? ["--json"] : []) + ["--only", "\(spec.paper)/\(spec.id)", "--jobs", "1"]
    }
}

/// The state of one path, read without following links.
struct Entry: Equatable {
    let kind: mode_t
    let size: Int64
    let inode: UInt64
    let modified: Int64
    let mode: mode_t
    let target: String?
}

/// Every path under `root` (links not followed) with its state.
func snapshot(_ root: String) -> [String: Entry] {
    var out: [String: Entry] = [:]
    func walk(_ path: String, _ rel: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        let kind = st.st_mode & S_IFMT
        var target: String?
        if kind == S_IFLNK { target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) }
        out[rel] = Entry(kind: kind, size: Int64(st.st_size), inode: UInt64(st.st_ino),
                         modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), mode: st.st_mode, target: target)
        if kind == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for n in names { walk(path + "/" + n, rel.isEmpty ? n : rel + "/" + n) }
        }
    }
    walk(root, "")
    return out
}

/// The paths that differ between two snapshots.
func changes(_ before: [String: Entry], _ after: [String: Entry]) -> [String] {
    Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
}

/// A worker's folder: `project/` (what replicate sees), `outside/` (what it must not touch).
struct Sandbox {
    let folder: String
    var project: String { folder + "/project" }
    var outside: String { folder + "/outside" }

    /// Writes `c` into the sandbox, replacing whatever was there.
    func materialize(_ c: FuzzCase, corpus: Corpus) throws {
        let fm = FileManager.default
        try? makeWritable(folder)
        try? fm.removeItem(atPath: folder)
        let spec = c.spec
        let paperDir = "\(project)/experiments/\(spec.paper)"
        try fm.createDirectory(atPath: "\(project)/experiments", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: "\(project)/results/\(spec.paper)", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try fm.copyItem(atPath: "\(corpus.root)/experiments/\(spec.paper)", toPath: paperDir)
        if c.mutations.contains(where: { if case .dropOtherSpecs = $0 { return true }; return false }) {
            for f in try fm.contentsOfDirectory(atPath: paperDir) where f.hasSuffix(".json") && f != spec.file {
                try fm.removeItem(atPath: "\(paperDir)/\(f)")
            }
        }
        for ext in ["csv", "svg"] {
            let r = "\(corpus.root)/results/\(spec.paper)/\(spec.id).\(ext)"
            if fm.fileExists(atPath: r) { try fm.copyItem(atPath: r, toPath: "\(project)/results/\(spec.paper)/\(spec.id).\(ext)") }
        }
        // Bait outside the project: files and folders a link may point at.
        try Data("victim\n".utf8).write(to: URL(fileURLWithPath: "\(outside)/victim.csv"))
        try fm.createDirectory(atPath: "\(outside)/folder", withIntermediateDirectories: true)
        try Data("inside an outside folder\n".utf8).write(to: URL(fileURLWithPath: "\(outside)/folder/keep.txt"))

        // The spec: tree, then bytes.
        var tree = spec.tree
        for m in c.mutations {
            if case .tree(let t) = m { tree = apply(t, to: tree) }
        }
        let treeChanged = c.mutations.contains { if case .tree = $0 { return true }; return false }
        var specBytes = treeChanged ? Array(tree.serialized().utf8) : Array(spec.text.utf8)
        for m in c.mutations {
            if case .bytes(let b) = m { specBytes = apply(b, to: specBytes) }
        }
        try Data(substituteOutside(specBytes)).write(to: URL(fileURLWithPath: "\(paperDir)/\(spec.file)"))

        // The golden.
        let goldenPath = "\(paperDir)/\(spec.golden)"
        let goldenMutations = c.mutations.compactMap { m -> GoldenMutation? in if case .golden(let g) = m { return g }; return nil }
        if !goldenMutations.isEmpty, let data = fm.contents(atPath: goldenPath) {
            var g = [UInt8](data)
            for m in goldenMutations { g = apply(m, to: g) }
            try Data(substituteOutside(g)).write(to: URL(fileURLWithPath: goldenPath))
        }

        for m in c.mutations {
            if case .file(let f) = m { try applyFileMutation(f, spec: spec, paperDir: paperDir, goldenPath: goldenPath) }
        }
    }

    /// The bytes with every `@OUTSIDE@` replaced by the outside folder's path (byte by byte: mutated text need not be UTF-8).
    private func substituteOutside(_ b: [UInt8]) -> [UInt8] {
        let needle = Array(outsidePlaceholder.utf8), path = Array(outside.utf8)
        var out: [UInt8] = []
        var i = 0, copied = 0
        while let at = b[i...].firstIndex(of: needle[0]) {
            if at + needle.count <= b.count, b[at..<at + needle.count].elementsEqual(needle) {
                out.append(contentsOf: b[copied..<at])
                out.append(contentsOf: path)
                copied = at + needle.count
                i = copied
            } else {
                i = at + 1
            }
        }
        if copied == 0 { return b }
        out.append(contentsOf: b[copied...])
        return out
    }

    private func applyFileMutation(_ f: FileMutation, spec: CorpusSpec, paperDir: String, goldenPath: String) throws {
        let fm = FileManager.default
        let results = "\(project)/results"
        let resultsPaper = "\(results)/\(spec.paper)"
        func replaceWithLink(_ path: String, to target: String) throws {
            try? fm.removeItem(atPath: path)
            try fm.createSymbolicLink(atPath: path, withDestinationPath: target)
        }
        func copyOutside(_ path: String, as name: String) throws -> String {
            let dest = "\(outside)/\(name)"
            if fm.fileExists(atPath: path) { try fm.copyItem(atPath: path, toPath: dest) } else { try fm.createDirectory(atPath: dest, withIntermediateDirectories: true) }
            return dest
        }
        switch f {
        case .goldenIsFolder:
            try? fm.removeItem(atPath: goldenPath)
            try fm.createDirectory(atPath: goldenPath, withIntermediateDirectories: true)
        case .goldenMissing:
            try? fm.removeItem(atPath: goldenPath)
        case .goldenLinksOutside:
            let dest = try copyOutside(goldenPath, as: "golden-copy.csv")
            try replaceWithLink(goldenPath, to: dest)
        case .goldenLinkDangling:
            try replaceWithLink(goldenPath, to: "\(outside)/no-such-golden.csv")
        case .goldenLinkLoop:
            try replaceWithLink(goldenPath, to: goldenPath)
        case .goldenFolderLinksOutside:
            let dest = try copyOutside("\(paperDir)/golden", as: "golden-folder")
            try replaceWithLink("\(paperDir)/golden", to: dest)
        case .resultsPaperLinksOutside:
            let dest = try copyOutside(resultsPaper, as: "results-paper")
            try replaceWithLink(resultsPaper, to: dest)
        case .resultsIsFile:
            try fm.removeItem(atPath: results)
            try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: results))
        case .resultsPaperIsFile:
            try fm.removeItem(atPath: resultsPaper)
            try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: resultsPaper))
        case .resultCSVLinksOutside:
            try replaceWithLink("\(resultsPaper)/\(spec.id).csv", to: "\(outside)/victim.csv")
        case .resultSVGIsFolder:
            try? fm.removeItem(atPath: "\(resultsPaper)/\(spec.id).svg")
            try fm.createDirectory(atPath: "\(resultsPaper)/\(spec.id).svg/inner", withIntermediateDirectories: true)
        case .resultsLinksOutside:
            let dest = try copyOutside(results, as: "results")
            try replaceWithLink(results, to: dest)
        case .specLinksOutside:
            let dest = try copyOutside("\(paperDir)/\(spec.file)", as: "spec-copy.json")
            try replaceWithLink("\(paperDir)/\(spec.file)", to: dest)
        case .paperFolderLinksOutside:
            let dest = try copyOutside(paperDir, as: "paper-folder")
            try replaceWithLink(paperDir, to: dest)
        case .staleTemporaryFiles:
            for dir in [resultsPaper, (goldenPath as NSString).deletingLastPathComponent] {
                try? Data("stale\n".utf8).write(to: URL(fileURLWithPath: "\(dir)/.\(spec.id).csv.tmp-4242"))
            }
            // A planted link with a staged-output name must be removed, never followed.
            try? fm.createSymbolicLink(atPath: "\(resultsPaper)/.\(spec.id).svg.tmp-4243", withDestinationPath: "\(outside)/victim.csv")
        case .goldenUnreadable:
            if fm.fileExists(atPath: goldenPath) { chmod(goldenPath, 0) }
        }
    }
}

/// Gives the owner write and search permission throughout `folder` (so a
/// case's mode-000 files can be removed).
func makeWritable(_ folder: String) throws {
    var st = stat()
    guard lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { return }
    chmod(folder, 0o755)
    for n in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let p = folder + "/" + n
        if lstat(p, &st) == 0 {
            if st.st_mode & S_IFMT == S_IFDIR { try makeWritable(p) } else if st.st_mode & S_IFMT == S_IFREG { chmod(p, 0o644) }
        }
    }
}

/// What a run of `replicate` did.
struct RunResult {
    /// The exit status, or nil when killed by a signal or the time limit.
    var status: Int32?
    var signal: Int32?
    var timedOut = false
    var seconds: Double
    var stderr: String
    /// The lines of standard output that report a failure (for --log), at most 2 KB.
    var failureLines = ""
}

/// Runs `replicate` in `directory` under a wall-clock limit and an address-space limit.
func runReplicate(_ replicate: String, _ arguments: [String], in directory: String, logs: String,
                  timeLimit: Double, memoryLimitMiB: Int) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    // ulimit -v bounds the address space; exec keeps the pid, so the time limit kills replicate itself.
    p.arguments = ["-c", "ulimit -v \(memoryLimitMiB * 1024) && exec \"$0\" \"$@\"", replicate] + arguments
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    let outPath = logs + ".stdout", errPath = logs + ".stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    defer { try? out.close(); try? err.close() }
    p.standardOutput = out
    p.standardError = err
    p.standardInput = FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    p.terminationHandler = { _ in done.signal() }
    let start = Date()
    try p.run()
    var timedOut = false
    if done.wait(timeout: .now() + timeLimit) == .timedOut {
        timedOut = true
        kill(p.processIdentifier, SIGKILL)
        done.wait()
    }
    let seconds = Date().timeIntervalSince(start)
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    var r = RunResult(status: nil, signal: nil, timedOut: timedOut, seconds: seconds,
                      stderr: String(decoding: errData, as: UTF8.self))
    if !timedOut {
        if p.terminationReason == .uncaughtSignal { r.signal = p.terminationStatus } else { r.status = p.terminationStatus }
    }
    if r.status == 1, let handle = FileHandle(forReadingAtPath: outPath) {
        let head = String(decoding: handle.readData(ofLength: 64 * 1024), as: UTF8.self)
        try? handle.close()
        r.failureLines = abridged(head.split(separator: "\n").filter { $0.contains("failed") || $0.contains("error") }.joined(separator: " / "), to: 2000)
    }
    return r
}

/// The largest error message a person can be expected to read.
let maximumErrorBytes = 64 * 1024

/// The documented exit statuses of a run that is never interrupted.
let documentedStatuses: Set<Int32> = [0, 1, 2, 3]

/// Why a case failed, or nil when `replicate` behaved as documented.
/// `projectChanges` are paths relative to the project copy.
func judge(_ c: FuzzCase, _ r: RunResult, projectChanges: [String], after: [String: Entry], outsideChanges: [String], strayEntries: [String]) -> String? {
    if r.timedOut { return "hang: no exit within the time limit" }
    if let s = r.signal { return "killed by signal \(s)" }
    guard let status = r.status else { return "no exit status" }
    guard documentedStatuses.contains(status) else { return "undocumented exit status \(status)" }
    if !outsideChanges.isEmpty { return "changed outside the project: \(outsideChanges.prefix(3).joined(separator: ", "))" }
    if !strayEntries.isEmpty { return "wrote beside the project: \(strayEntries.prefix(3).joined(separator: ", "))" }
    let lock = "results/.replicate.lock"
    let changed = projectChanges.filter { $0 != lock }
    if status == 2 {
        if !changed.isEmpty { return "exit 2 but changed \(changed.prefix(3).joined(separator: ", "))" }
        if r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "exit 2 without a message" }
    }
    if status == 3, r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "exit 3 without a message" }
    if r.stderr.utf8.count > maximumErrorBytes { return "error output of \(r.stderr.utf8.count) bytes" }
    if c.mode == .check || c.mode == .tryout, !changed.isEmpty { return "\(c.mode == .check ? "--check" : "try") changed \(changed.prefix(3).joined(separator: ", "))" }
    // A writing run touches results/ and, with --bless, goldens (CSV files under experiments/).
    let allowed = changed.filter { path in
        path == "results" || path.hasPrefix("results/") || (c.mode == .bless && path.hasPrefix("experiments/") && path.hasSuffix(".csv"))
            || (c.mode == .bless && path.hasPrefix("experiments/") && isFolderOnTheWay(path))
    }
    // Staged outputs left by a killed run are removed at the start of the write phase.
    let staleRemoved = changed.filter { after[$0] == nil && isTemporaryFileName(String($0.split(separator: "/").last ?? "")) }
    let staleFolders = Set(staleRemoved.map { String($0.split(separator: "/").dropLast().joined(separator: "/")) })
    let stray = changed.filter { !allowed.contains($0) && !staleRemoved.contains($0) && !(staleFolders.contains($0) && after[$0]?.kind == S_IFDIR) }
    if !stray.isEmpty { return "wrote outside results/ and the goldens: \(stray.prefix(3).joined(separator: ", "))" }
    return nil
}

/// A folder whose modification time changes when a golden inside it is replaced.
private func isFolderOnTheWay(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    return parts.count <= 3 && !path.hasSuffix(".json")
}
