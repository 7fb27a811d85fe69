// Writing results: each artifact's CSV and SVG, the goldens on --bless, the
// reports. Writes are all or nothing: every output is first staged in a
// temporary file next to its destination (opened exclusively, never through
// a link), and only when all are staged are they renamed into place. Nothing
// is written through a symbolic link that leaves the folder holding the
// results (or the experiments) folder, and two runs in one checkout take
// turns through a lock on the results folder.

import Foundation

extension Runner {

    /// Every file a run writes or removes, in a stable order.
    /// A shard (`--shard`) writes its artifacts and its summary (`extra`),
    /// only its summary with --check, never the reports or the times file.
    func plannedOutputs(_ outcomes: [ArtifactOutcome], _ o: RunOptions, extra: [PlannedOutput] = []) throws -> [PlannedOutput] {
        var plan: [PlannedOutput] = []
        if o.check { return extra }
        for outcome in outcomes {
            guard let table = outcome.table else { continue }
            let spec = outcome.spec
            plan.append(.init(path: "\(o.results)/\(spec.paper)/\(spec.id).csv", content: table.csv, root: o.results))
            plan.append(.init(path: "\(o.results)/\(spec.paper)/\(spec.id).svg", content: outcome.figureSVG, root: o.results))
            if o.bless {
                plan.append(.init(path: "\(o.experiments)/\(spec.goldenPath)", content: table.csv, root: o.experiments))
            }
        }
        if o.isFullRun && o.shard == nil {
            plan.append(.init(path: "\(o.results)/REPORT.md", content: markdownReport(outcomes), root: o.results))
            for paper in paperOrder(outcomes) {
                plan.append(.init(path: "\(o.results)/\(paper)/README.md", content: paperReport(paper, outcomes.filter { $0.spec.paper == paper }),
                                  root: o.results))
            }
        }
        if o.shard == nil { plan.append(updatedTimes(outcomes, o)) }
        return plan + extra
    }

    /// Writes every output of the run, all or nothing (see `OutputTransaction`),
    /// and records on each outcome what was written.
    func writeOutputs(_ outcomes: inout [ArtifactOutcome], _ o: RunOptions, extra: [PlannedOutput] = []) throws {
        // The reports embed the figures and say which goldens were blessed:
        // record both before the reports are rendered. (When the commit
        // fails the run ends with an I/O error and the outcomes are dropped.)
        for k in outcomes.indices where outcomes[k].table != nil {
            if outcomes[k].figureSVG != nil { outcomes[k].figureFile = "\(outcomes[k].spec.paper)/\(outcomes[k].spec.id).svg" }
            if o.bless { outcomes[k].blessed = true }
        }
        try OutputTransaction(try plannedOutputs(outcomes, o, extra: extra)).commit()
    }
}

/// One output of a run: `content` written to `path`, or the file removed
/// when `content` is nil (a figure the spec no longer draws would contradict
/// it). `root` is the results or experiments folder the path lies under.
struct PlannedOutput: Sendable {
    let path: String
    let content: String?
    let root: String
}

/// An I/O failure while writing results: what could not be written, and
/// which files (if any) had already been replaced.
public struct WriteFailure: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let message: String
    /// Files replaced or removed before the failure (empty: nothing was written).
    public let written: [String]

    public var description: String {
        "\(file): \(message)"
    }
}

/// All-or-nothing writing of a run's outputs.
///
/// 1. Stage: for each output, check that its folder does not reach outside
///    the parent of its root through a symbolic link, create the folder, and
///    write the text into `.<name>.tmp-<pid>` opened with
///    `O_CREAT | O_EXCL | O_NOFOLLOW` (a planted file or link is never
///    followed or truncated).
/// 2. Commit: rename every staged file over its destination, then remove
///    the outputs that are no longer produced.
///
/// A failure while staging removes every staged file: nothing was written.
/// A failure while committing (rare: a rename within one folder) reports
/// which files had already been replaced.
struct OutputTransaction {
    let plan: [PlannedOutput]

    init(_ plan: [PlannedOutput]) { self.plan = plan }

    func commit() throws {
        var staged: [(temporary: String, destination: String)] = []
        do {
            for output in plan {
                let folder = (output.path as NSString).deletingLastPathComponent
                try checkNoEscapingLink(folder: folder, root: output.root, file: output.path)
                guard let content = output.content else { continue }
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw WriteFailure(file: output.path, message: "cannot create the folder \(folder)" + (fileInTheWay(of: folder).map { " (\($0) is a file, not a folder)" } ?? ""), written: [])
                }
                let temporary = "\(folder)/.\((output.path as NSString).lastPathComponent).tmp-\(getpid())"
                try writeExclusively(content, to: temporary, destination: output.path)
                staged.append((temporary, output.path))
            }
        } catch {
            for s in staged { unlink(s.temporary) }
            if let e = error as? WriteFailure { throw e }
            throw WriteFailure(file: "?", message: "\(error)", written: [])
        }
        var written: [String] = []
        for (k, s) in staged.enumerated() {
            if rename(s.temporary, s.destination) != 0 {
                let reason = String(cString: strerror(errno))
                for rest in staged[k...] { unlink(rest.temporary) }
                throw WriteFailure(file: s.destination, message: "cannot replace the file (\(reason))", written: written)
            }
            written.append(s.destination)
        }
        for output in plan where output.content == nil && isRegularFile(output.path) {
            if unlink(output.path) != 0 {
                throw WriteFailure(file: output.path, message: "cannot remove the outdated file (\(String(cString: strerror(errno))))", written: written)
            }
            written.append(output.path)
        }
    }

    /// Writes `text` to a new file at `path`, failing if anything exists there.
    private func writeExclusively(_ text: String, to path: String, destination: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WriteFailure(file: destination, message: "cannot create the temporary file \(path) (\(String(cString: strerror(errno))))", written: [])
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw WriteFailure(file: destination, message: "cannot write (\(reason))", written: [])
            }
            offset += n
        }
    }
}

/// The nearest existing ancestor of `folder` (or `folder` itself) when it is not a folder.
func fileInTheWay(of folder: String) -> String? {
    var path = folder
    while !path.isEmpty {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) { return isFolder.boolValue ? nil : path }
        let parent = (path as NSString).deletingLastPathComponent
        if parent == path { break }
        path = parent
    }
    return nil
}

/// True when `path` names a regular file (not following a final link).
func isRegularFile(_ path: String) -> Bool {
    var s = stat()
    return lstat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG
}

/// The canonical absolute path of an existing file or folder (links resolved).
func canonicalPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
}

/// Whether canonical `path` is `root` or lies below it.
func isWithin(_ path: String, _ root: String) -> Bool {
    path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
}

/// The folder holding `root` (the project folder for "results" or
/// "experiments"), canonical.
func enclosingFolder(of root: String) -> String? {
    let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    return canonicalPath((absolute as NSString).deletingLastPathComponent)
}

/// Throws when the deepest existing ancestor of `folder` resolves, through a
/// symbolic link, to a place outside the folder that holds `root`.
func checkNoEscapingLink(folder: String, root: String, file: String) throws {
    guard let project = enclosingFolder(of: root) else {
        throw WriteFailure(file: file, message: "cannot resolve the folder holding \(root)", written: [])
    }
    var existing = folder
    while !existing.isEmpty, canonicalPath(existing) == nil {
        let parent = (existing as NSString).deletingLastPathComponent
        if parent == existing { break }
        existing = parent
    }
    let resolved = canonicalPath(existing.isEmpty ? "." : existing) ?? ""
    guard isWithin(resolved, project) else {
        throw WriteFailure(file: file, message: "refusing to write through a symbolic link that leaves \(project) (\(existing) resolves to \(resolved))", written: [])
    }
}

/// Removes temporary files a killed run left behind (`.<name>.tmp-<pid>`)
/// under `folder`, one level of paper folders deep. Run with the results
/// lock held, so no other run is writing them.
func removeStaleTemporaryFiles(under folder: String) {
    let fm = FileManager.default
    var folders = [folder, "\(folder)/.shards"]
    if let papers = try? fm.contentsOfDirectory(atPath: folder) {
        for p in papers where !p.hasPrefix(".") {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: "\(folder)/\(p)", isDirectory: &isDir), isDir.boolValue {
                folders.append("\(folder)/\(p)")
                if fm.fileExists(atPath: "\(folder)/\(p)/golden", isDirectory: &isDir), isDir.boolValue { folders.append("\(folder)/\(p)/golden") }
            }
        }
    }
    for f in folders {
        for name in (try? fm.contentsOfDirectory(atPath: f)) ?? [] where isTemporaryFileName(name) {
            unlink("\(f)/\(name)")
        }
    }
}

/// `.<name>.tmp-<digits>`: the name of a staged output.
public func isTemporaryFileName(_ name: String) -> Bool {
    guard name.hasPrefix("."), let r = name.range(of: ".tmp-", options: .backwards) else { return false }
    let pid = name[r.upperBound...]
    return !pid.isEmpty && pid.allSatisfy(\.isASCII) && pid.allSatisfy(\.isNumber)
}

/// An exclusive lock on the results folder (`<results>/.replicate.lock`,
/// `flock`), held through a run's write phase so two runs in one checkout
/// never interleave their writes. A run that finds it held says so and waits.
final class ResultsLock {
    private let fd: Int32

    init(results: String, waiting: (String) -> Void) throws {
        try? FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        try checkNoEscapingLink(folder: results, root: results, file: "\(results)/.replicate.lock")
        let path = "\(results)/.replicate.lock"
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw WriteFailure(file: path, message: "cannot open the lock file (\(String(cString: strerror(errno))))", written: [])
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting("waiting for another replicate run in this checkout to finish writing (\(path))")
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    close(fd)
                    throw WriteFailure(file: path, message: "cannot take the lock (\(String(cString: strerror(errno))))", written: [])
                }
            }
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Interrupts (SIGINT, SIGTERM, SIGHUP) received while outputs are written:
/// the write phase is finished first, then the run exits with status 130.
enum WritePhaseSignals {
    nonisolated(unsafe) static var received: sig_atomic_t = 0

    /// Runs `body` with the interrupts deferred; returns whether one arrived.
    static func deferring(_ body: () throws -> Void) rethrows -> Bool {
        received = 0
        let handler: @convention(c) (Int32) -> Void = { _ in WritePhaseSignals.received = 1 }
        let signals = [SIGINT, SIGTERM, SIGHUP]
        var previous: [sigaction] = []
        for s in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(s, &action, &old)
            previous.append(old)
        }
        defer {
            for (s, old) in zip(signals, previous) {
                var o = old
                sigaction(s, &o, nil)
            }
        }
        try body()
        return received != 0
    }
}
