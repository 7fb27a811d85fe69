import Foundation
import XCTest
@testable import Fuzzing

/// The fuzzer's own parts: its JSON tree, its mutations, its scratch copies,
/// its process runner and the judgement that decides what is a failure.
final class FuzzingTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func temporaryFolder() throws -> String {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("fuzzing-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return p
    }

    func testEverySpecOfTheProjectRoundTripsThroughTheTree() throws {
        let corpus = try Corpus(root: root.path)
        XCTAssertGreaterThan(corpus.specs.count, 100)
        for spec in corpus.specs {
            let again = parseTree(spec.tree.serialized())
            XCTAssertEqual(again, spec.tree, spec.file)
            // Foundation reads the serialised text as the same JSON.
            let a = try JSONSerialization.jsonObject(with: Data(spec.text.utf8)) as? NSDictionary
            let b = try JSONSerialization.jsonObject(with: Data(spec.tree.serialized().utf8)) as? NSDictionary
            XCTAssertEqual(a, b, spec.file)
        }
        XCTAssertTrue(corpus.keys.contains("parameters"))
    }

    func testTreeKeepsOrderNumberTextAndDuplicateKeys() throws {
        let tree = try XCTUnwrap(parseTree(#"{"b": 1.50, "a": [1e400, "x\u00e9\n"], "c": {"d": null}}"#))
        XCTAssertEqual(tree.value(at: [.key("a"), .index(0)]), .number("1e400"))
        XCTAssertEqual(tree.value(at: [.key("a"), .index(1)]), .string("xé\n"))
        XCTAssertEqual(tree.allPaths().count, 7)
        let grown = apply(.grow([.key("a")], count: 5), to: tree)
        guard case .array(let xs)? = grown[.key("a")] else { return XCTFail() }
        XCTAssertEqual(xs.count, 5)
        XCTAssertEqual(xs[4], .number("1e400"))
        let dup = apply(.duplicateKey([], key: "b", .number("2")), to: tree).serialized()
        XCTAssertEqual(dup.components(separatedBy: "\"b\":").count - 1, 2)
        XCTAssertTrue(dup.hasPrefix("{\n  \"b\": 1.50,"), dup)
        XCTAssertEqual(apply(.remove([.key("c"), .key("d")]), to: tree).value(at: [.key("c")]), .object([]))
        XCTAssertEqual(apply(.add([.key("c")], key: "d", .bool(true)), to: tree).value(at: [.key("c"), .key("d")]), .bool(true))
        // A path that no longer exists leaves the tree as it is.
        XCTAssertEqual(apply(.replace([.key("zz"), .index(3)], .null), to: tree), tree)
        XCTAssertEqual(quoted("a\"\\\u{1}"), "\"a\\\"\\\\\\u0001\"")
    }

    func testByteAndGoldenMutations() {
        let csv = Array("x,y,z\n1,2,3\n4,5,6\n".utf8)
        func text(_ m: GoldenMutation) -> String { String(decoding: apply(m, to: csv), as: UTF8.self) }
        XCTAssertEqual(text(.windowsLineEnds), "x,y,z\r\n1,2,3\r\n4,5,6\r\n")
        XCTAssertEqual(text(.dropColumn(1)), "x,z\n1,3\n4,6\n")
        XCTAssertEqual(text(.duplicateHeader(0)), "x,x,z\n1,2,3\n4,5,6\n")
        XCTAssertEqual(text(.setCell(row: 2, column: 2, "nan")), "x,y,z\n1,2,3\n4,5,nan\n")
        XCTAssertEqual(text(.dropRows(9)), "x,y,z\n")
        XCTAssertEqual(text(.repeatRows(3)).split(separator: "\n").count, 7)
        XCTAssertEqual(text(.swapColumns(0, 2)), "z,y,x\n3,2,1\n6,5,4\n")
        XCTAssertEqual(Array(apply(GoldenMutation.byteOrderMark, to: csv).prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(apply(ByteMutation.truncate(fraction: 0.5), to: [1, 2, 3, 4]), [1, 2])
        XCTAssertEqual(apply(ByteMutation.insert(fraction: 1, [0xFF]), to: [1]), [1, 0xFF])
        XCTAssertEqual(apply(ByteMutation.flip(fraction: 0, mask: 0x0F), to: [0xF0]), [0xFF])
    }

    func testCasesAreAFunctionOfSeedAndIndex() throws {
        let corpus = try Corpus(root: root.path)
        func describe(_ seed: UInt64, _ i: Int) -> String {
            var m = Mutator(seed: caseSeed(seed, i), corpus: corpus)
            let c = m.makeCase(index: i)
            return "\(c.spec.id) \(c.mode) \(c.json) " + c.mutations.map(\.description).joined(separator: "; ")
        }
        XCTAssertEqual(describe(1, 17), describe(1, 17))
        let distinct = Set((0..<200).map { describe(1, $0) })
        XCTAssertGreaterThan(distinct.count, 190)
        XCTAssertNotEqual(describe(1, 5), describe(2, 5))
        // Every kind of mutation is drawn within a few hundred cases.
        var categories = Set<String>()
        for i in 0..<300 {
            var m = Mutator(seed: caseSeed(3, i), corpus: corpus)
            for x in m.makeCase(index: i).mutations { categories.insert(x.category) }
        }
        XCTAssertEqual(categories, ["spec tree", "spec bytes", "golden", "files"])
    }

    /// A one-spec corpus in a temporary project.
    private func toyCorpus() throws -> (Corpus, String) {
        let project = try temporaryFolder()
        let paper = project + "/experiments/toy"
        try FileManager.default.createDirectory(atPath: paper + "/golden", withIntermediateDirectories: true)
        try #"{"id": "a", "golden": "golden/a.csv", "parameters": {"n": 3}}"#.write(toFile: paper + "/a.json", atomically: true, encoding: .utf8)
        try "n\n3\n".write(toFile: paper + "/golden/a.csv", atomically: true, encoding: .utf8)
        return (try Corpus(root: project), project)
    }

    func testMaterialisedCasesLinkAndNameTheOutsideFolderAbsolutely() throws {
        let (corpus, project) = try toyCorpus()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let box = Sandbox(folder: try temporaryFolder())
        defer { try? FileManager.default.removeItem(atPath: box.folder) }
        let spec = corpus.specs[0]
        let c = FuzzCase(index: 0, spec: spec, mode: .bless, json: false,
                         mutations: [.tree(.replace([.key("golden")], .string("\(outsidePlaceholder)/x.csv"))), .file(.goldenLinksOutside)])
        try box.materialize(c, corpus: corpus)
        let specText = try String(contentsOfFile: box.project + "/experiments/toy/a.json", encoding: .utf8)
        XCTAssertTrue(specText.contains("\"golden\": \"\(box.outside)/x.csv\""), specText)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: box.project + "/experiments/toy/golden/a.csv")
        XCTAssertEqual(link, box.outside + "/golden-copy.csv")
        XCTAssertEqual(try String(contentsOfFile: link, encoding: .utf8), "n\n3\n")
        XCTAssertEqual(c.arguments, ["--bless", "--only", "toy/a", "--jobs", "1"])
        // Materialising again starts from a clean copy.
        try box.materialize(FuzzCase(index: 1, spec: spec, mode: .check, json: true, mutations: [.file(.goldenUnreadable)]), corpus: corpus)
        try box.materialize(FuzzCase(index: 2, spec: spec, mode: .check, json: true, mutations: []), corpus: corpus)
        XCTAssertTrue(FileManager.default.isReadableFile(atPath: box.project + "/experiments/toy/golden/a.csv"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: box.outside + "/golden-copy.csv"))
    }

    func testSnapshotsSeeWritesRenamesAndLinks() throws {
        let f = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        try "a".write(toFile: f + "/x", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: f + "/l", withDestinationPath: "x")
        let before = snapshot(f)
        XCTAssertEqual(before["l"]?.target, "x")
        XCTAssertEqual(changes(before, snapshot(f)), [])
        try "b".write(toFile: f + "/y", atomically: false, encoding: .utf8)
        _ = Foundation.rename(f + "/y", f + "/x")   // same size, new inode
        XCTAssertEqual(changes(before, snapshot(f)), ["", "x"])
    }

    func testRunnerReportsStatusSignalAndTimeLimit() throws {
        let f = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: f) }
        let script = f + "/fake"
        try "#!/bin/sh\ncase \"$1\" in seven) echo oops >&2; exit 7;; segv) kill -SEGV $$;; sleep) exec sleep 10;; esac\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let seven = try runReplicate(script, ["seven"], in: f, logs: f + "/log", timeLimit: 10, memoryLimitMiB: 512)
        XCTAssertEqual(seven.status, 7)
        XCTAssertEqual(seven.stderr, "oops\n")
        let segv = try runReplicate(script, ["segv"], in: f, logs: f + "/log", timeLimit: 10, memoryLimitMiB: 512)
        XCTAssertEqual(segv.signal, SIGSEGV)
        XCTAssertNil(segv.status)
        let slow = try runReplicate(script, ["sleep"], in: f, logs: f + "/log", timeLimit: 0.3, memoryLimitMiB: 512)
        XCTAssertTrue(slow.timedOut)
        XCTAssertLessThan(slow.seconds, 5)
    }

    func testJudgement() throws {
        let (corpus, project) = try toyCorpus()
        defer { try? FileManager.default.removeItem(atPath: project) }
        func c(_ mode: RunMode) -> FuzzCase { FuzzCase(index: 0, spec: corpus.specs[0], mode: mode, json: false, mutations: []) }
        func r(_ status: Int32?, signal: Int32? = nil, timedOut: Bool = false, err: String = "error: x") -> RunResult {
            RunResult(status: status, signal: signal, timedOut: timedOut, seconds: 0.1, stderr: err)
        }
        let file = Entry(kind: S_IFREG, size: 1, inode: 1, modified: 1, mode: 0o644, target: nil)
        let dir = Entry(kind: S_IFDIR, size: 1, inode: 2, modified: 1, mode: 0o755, target: nil)
        func judged(_ mode: RunMode, _ result: RunResult, _ changed: [String], after: [String: Entry] = [:], outside: [String] = []) -> String? {
            judge(c(mode), result, projectChanges: changed, after: after, outsideChanges: outside, strayEntries: [])
        }
        XCTAssertNil(judged(.write, r(2), ["results/.replicate.lock"]))
        XCTAssertNotNil(judged(.write, r(2), ["results/toy/a.csv"]))
        XCTAssertNotNil(judged(.write, r(2, err: "  \n"), []))
        XCTAssertNotNil(judged(.check, r(0), ["results/toy/a.csv"]))
        XCTAssertNil(judged(.write, r(0), ["results/toy", "results/toy/a.csv"], after: ["results/toy/a.csv": file]))
        XCTAssertNotNil(judged(.write, r(0), ["experiments/toy/golden/a.csv"], after: ["experiments/toy/golden/a.csv": file]))
        XCTAssertNil(judged(.bless, r(0), ["experiments/toy/golden", "experiments/toy/golden/a.csv"], after: ["experiments/toy/golden/a.csv": file]))
        XCTAssertNotNil(judged(.bless, r(0), ["experiments/toy/a.json"], after: ["experiments/toy/a.json": file]))
        // A stale staged output removed from the golden folder (and the folder's time) is allowed.
        XCTAssertNil(judged(.write, r(0), ["experiments/toy/golden", "experiments/toy/golden/.a.csv.tmp-42"], after: ["experiments/toy/golden": dir]))
        XCTAssertNotNil(judged(.write, r(0), [], outside: ["victim.csv"]))
        XCTAssertNotNil(judged(.write, r(nil, signal: 4), []))
        XCTAssertNotNil(judged(.write, r(nil, timedOut: true), []))
        XCTAssertNotNil(judged(.write, r(134), []))
        XCTAssertNotNil(judged(.check, r(2, err: String(repeating: "e", count: maximumErrorBytes + 1)), []))
        XCTAssertNil(judged(.check, r(1), []))
    }
}
