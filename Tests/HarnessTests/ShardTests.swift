import XCTest
@testable import Harness
import Numerics

/// Sharded runs (`--shard K/N`, `merge`) and sweep points spread over `--jobs`:
/// a merged run writes what a single run writes, byte for byte; bad shard
/// specs and summaries are input errors that write nothing.
final class ShardTests: XCTestCase {

    /// Two papers, four specs: a figure, a sweep with a claim checked across
    /// conventions and a claim referencing another artifact, a golden that
    /// differs (so the run fails with status 1), and a plain spec.
    func project() throws -> Scratch {
        let s = try Scratch()
        let withFigure = toySpec.replacingOccurrences(of: "\"tolerances\":", with: "\"figure\": {\"x\": \"k\", \"y\": [\"value\", \"root\"], \"title\": \"Multiples\"},\n  \"tolerances\":")
        try s.write("experiments/toy-paper/multiples.json", withFigure)
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        try s.write("experiments/toy-paper/swept.json", """
        {"id": "swept", "paper": "toy-paper", "artifact": "Table 3", "title": "Multiples of several steps", "solver": "toy.multiples",
         "parameters": {"n": 3}, "sweep": {"a": {"values": ["1/2", "3/4", 1, 2, "5/2", 3, "7/2"]}},
         "claims": [
           {"id": "above-other", "quote": "3·2 exceeds the other table's third value", "location": "Sec 3", "row": {"a": 2, "k": 3}, "column": "value",
            "check": {"op": ">", "reference": {"artifact": "multiples", "row": {"k": 3}, "column": "value"}}},
           {"id": "small", "quote": "every value is below 11", "location": "Sec 3", "rows": "all", "column": "value", "check": {"op": "<", "value": 11},
            "across": {"n": [3, 4]}, "depends_on_convention": "n = 4 reaches 4·7/2 = 14"}
         ]}
        """)
        try s.write("experiments/toy-paper/drifted.json", """
        {"id": "drifted", "paper": "toy-paper", "artifact": "Table 4", "title": "A golden that moved", "solver": "toy.multiples",
         "parameters": {"a": "1/3", "n": 2}, "claims": [
           {"id": "first", "quote": "the first is 1/3", "location": "Sec 4", "row": {"k": 1}, "column": "value", "check": {"equals": "1/3"}}]}
        """)
        try s.write("experiments/toy-paper/golden/drifted.csv", "k,value,root,even,label\n1,1/3,0.5773502691896257,false,plain\n2,2/3,0.8,true,plain\n")
        try s.write("experiments/other-paper/plain.json", """
        {"id": "plain", "paper": "other-paper", "artifact": "Table 1", "title": "Plain", "solver": "toy.multiples",
         "parameters": {"a": 5, "n": 2, "label": "fancy"}}
        """)
        // Goldens of the last two from a bless run (then the results are cleared).
        XCTAssertEqual(try s.run(["--only", "swept", "--bless"]).0, 0)
        XCTAssertEqual(try s.run(["--only", "plain", "--bless"]).0, 0)
        try FileManager.default.removeItem(atPath: s.results)
        return s
    }

    /// A fresh scratch project with the experiments of `s`.
    func copy(_ s: Scratch) throws -> Scratch {
        let c = try Scratch()
        try FileManager.default.removeItem(atPath: c.experiments)
        try FileManager.default.copyItem(atPath: s.experiments, toPath: c.experiments)
        return c
    }

    /// Every file under results/ (but results/.shards and the lock) with its bytes.
    func files(_ s: Scratch) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let e = try XCTUnwrap(FileManager.default.enumerator(atPath: s.results))
        while let p = e.nextObject() as? String {
            if p == ".shards" || p.hasPrefix(".shards/") || p == ".replicate.lock" { continue }
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: s.results + "/" + p, isDirectory: &isFolder)
            if !isFolder.boolValue { result[p] = try Data(contentsOf: URL(fileURLWithPath: s.results + "/" + p)) }
        }
        return result
    }

    /// The console summary without the time column (times differ between runs).
    func withoutTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #"[0-9]+\.[0-9]{2} s"#, with: "T", options: .regularExpression)
    }

    /// Runs shards 1...n of `args` in `s`, then merge; returns merge's (status, out, err).
    func shardAndMerge(_ s: Scratch, _ n: Int, _ args: [String] = []) throws -> (Int32, String, String) {
        for k in 1...n {
            let (status, out, err) = try s.run(args + ["--shard", "\(k)/\(n)"])
            XCTAssertTrue(status == 0 || status == 1, out + err)
            XCTAssertTrue(s.exists("results/.shards/\(k)-of-\(n).json"))
            XCTAssertFalse(s.exists("results/REPORT.md"), "a shard writes no report")
        }
        return try s.run(["merge"] + (1...n).map { "\(s.results)/.shards/\($0)-of-\(n).json" })
    }

    func testMergedShardsEqualASingleRunByteForByte() throws {
        let single = try project()
        let (status, out, err) = try single.run([])
        XCTAssertEqual(status, 1, out + err)   // drifted's golden differs
        XCTAssertTrue(out.contains("1 DIFF"), out)
        let expected = try files(single)
        XCTAssertNotNil(expected["REPORT.md"])
        XCTAssertNotNil(expected["toy-paper/README.md"])
        XCTAssertNotNil(expected["toy-paper/multiples.svg"])
        XCTAssertEqual(expected.count, 8)   // 4 CSVs, 1 SVG, REPORT.md, 2 paper pages
        // The reference and the convention are evaluated (the report carries both verdicts).
        let page = try XCTUnwrap(single.read("results/toy-paper/README.md"))
        XCTAssertTrue(page.contains("(#swept) — 2 claims: 1 reproduced, 1 depends-on-convention\n"), page)
        for n in [2, 3] {
            let sharded = try copy(single)
            let (mergedStatus, mergedOut, mergedErr) = try shardAndMerge(sharded, n)
            XCTAssertEqual(mergedStatus, status, mergedOut + mergedErr)
            XCTAssertEqual(withoutTimes(mergedOut).replacingOccurrences(of: sharded.root.path, with: "ROOT"),
                           withoutTimes(out).replacingOccurrences(of: single.root.path, with: "ROOT"))
            let got = try files(sharded)
            XCTAssertEqual(got.keys.sorted(), expected.keys.sorted(), "N = \(n)")
            for (path, data) in expected { XCTAssertEqual(got[path], data, "N = \(n): \(path)") }
            // Merge recorded every spec's time for the next shards.
            let times = try XCTUnwrap(RecordedTimes.read(results: sharded.results, strict: true))
            XCTAssertEqual(times.workSeconds.keys.sorted(), ["other-paper/plain", "toy-paper/drifted", "toy-paper/multiples", "toy-paper/swept"])
        }
    }

    func testMergeOfAFilteredRunKeepsReferencedTablesAndWritesNoReport() throws {
        // swept's claim references multiples, which is outside the selection.
        let single = try project()
        let (status, out, _) = try single.run(["--only", "swept"])
        XCTAssertEqual(status, 0, out)
        let sharded = try copy(single)
        let (s, o, e) = try shardAndMerge(sharded, 2, ["--only", "swept"])
        XCTAssertEqual(s, 0, o + e)
        XCTAssertEqual(withoutTimes(o).replacingOccurrences(of: sharded.root.path, with: "ROOT"),
                       withoutTimes(out).replacingOccurrences(of: single.root.path, with: "ROOT"))
        XCTAssertEqual(try files(sharded), try files(single))
        XCTAssertFalse(sharded.exists("results/REPORT.md"))
        let summary = try XCTUnwrap(sharded.read("results/.shards/1-of-2.json") ?? nil) + (sharded.read("results/.shards/2-of-2.json") ?? "")
        XCTAssertTrue(summary.contains("\"dependencies\": [\n    {\"spec\": \"toy-paper/multiples\""), summary)
    }

    func testShardAssignmentIsLongestProcessingTimeFirst() {
        let specs = ["a", "b", "c", "d", "e", "f"].map { ($0, 1) }
        // 5, 4, 3, 3, 2, 1 seconds: a→1, b→2, c→2 (4 < 5), d→1 (5 < 7), e→2 (7 < 8), f→1 (8 < 9); loads 9 and 9.
        let times = ["a": 5.0, "b": 4, "c": 3, "d": 3, "e": 2, "f": 1]
        XCTAssertEqual(shardAssignment(specs, count: 2, times: times), [0, 1, 1, 0, 1, 0])
        // No times: weights are the units of work (sweep points); ties by id.
        XCTAssertEqual(shardAssignment([("x", 1), ("y", 7), ("z", 1), ("w", 2)], count: 2, times: nil), [1, 0, 1, 1])
        // A spec without a record weighs the median record (3 s): as if c.
        var partial = times
        partial["c"] = nil
        XCTAssertEqual(shardAssignment(specs, count: 2, times: partial), [0, 1, 1, 0, 1, 0])
        // More shards than specs: each spec alone, the rest empty.
        XCTAssertEqual(shardAssignment(Array(specs.prefix(2)), count: 4, times: times), [0, 1])
        // Every spec lands on exactly one shard, for every N.
        for n in 1...7 {
            let a = shardAssignment(specs, count: n, times: times)
            XCTAssertEqual(a.count, specs.count)
            XCTAssertTrue(a.allSatisfy { (0..<n).contains($0) })
        }
    }

    func testBadShardSpecsAreUsageErrors() throws {
        for bad in ["0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2", "+1/2", "1 /2", "", "/", "3", "1/10001", "99999999999999999999/1"] {
            XCTAssertThrowsError(try RunOptions.parse(["--shard", bad]), bad) { e in
                guard case HarnessError.usage = e else { return XCTFail("\(bad): \(e)") }
            }
        }
        XCTAssertEqual(try RunOptions.parse(["--shard", "2/4"]).shard, ShardSpec(index: 2, count: 4))
        for args in [["--shard", "1/2", "--bless"], ["--shard", "1/2", "--shard", "2/2"], ["--shard"], ["merge"], ["merge", "x.json", "--paper", "p"],
                     ["merge", "x.json", "--shard", "1/2"]] {
            XCTAssertThrowsError(try RunOptions.parse(args), "\(args)")
        }
        // Through the runner: status 2, nothing written.
        let s = try project()
        XCTAssertThrowsError(try s.run(["--shard", "3/2"]))
        XCTAssertFalse(s.exists("results"))
    }

    /// Runs merge on the given summaries (relative to results/.shards) and
    /// checks that it fails as invalid input with `mentions` in its message,
    /// leaving results/ as it was.
    func assertMergeFails(_ s: Scratch, _ summaries: [String], mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try files(s)
        let (status, out, err) = try s.run(["merge"] + summaries.map { "\(s.results)/.shards/\($0)" })
        XCTAssertEqual(status, 2, out + err, file: file, line: line)
        for m in mentions { XCTAssertTrue(err.contains(m), "\(m) not in: \(err)", file: file, line: line) }
        XCTAssertTrue(err.contains("nothing was written"), err, file: file, line: line)
        XCTAssertEqual(try files(s), before, file: file, line: line)
    }

    func testMergeRefusesShardsThatDoNotBelongTogether() throws {
        let s = try project()
        for k in 1...2 { XCTAssertLessThanOrEqual(try s.run(["--shard", "\(k)/2"]).0, 1) }
        XCTAssertLessThanOrEqual(try s.run(["--shard", "1/3"]).0, 1)
        // A missing shard, a shard twice, shards of different N.
        try assertMergeFails(s, ["1-of-2.json"], mentions: ["missing: shard 2 (.shards/2-of-2.json)"])
        try assertMergeFails(s, ["1-of-2.json", "1-of-2.json", "2-of-2.json"], mentions: ["1-of-2.json: shard: expected a shard not given twice"])
        try assertMergeFails(s, ["1-of-2.json", "2-of-2.json", "1-of-3.json"], mentions: ["1-of-3.json: shards: expected 2 shards"])
        // Another commit.
        let two = "\(s.results)/.shards/2-of-2.json"
        let text = try XCTUnwrap(s.read("results/.shards/2-of-2.json"))
        try text.replacingOccurrences(of: "\"commit\": null", with: "\"commit\": \"\(String(repeating: "ab", count: 20))\"").write(toFile: two, atomically: true, encoding: .utf8)
        try assertMergeFails(s, ["1-of-2.json", "2-of-2.json"], mentions: ["2-of-2.json: commit: expected commit null"])
        try text.write(toFile: two, atomically: true, encoding: .utf8)
        // Experiments changed since the shards ran.
        let golden = "experiments/toy-paper/golden/drifted.csv"
        let saved = try XCTUnwrap(s.read(golden))
        try s.write(golden, saved + "3,1,1,false,plain\n")
        try assertMergeFails(s, ["1-of-2.json", "2-of-2.json"], mentions: ["1-of-2.json: experiments: expected the digest of"])
        try s.write(golden, saved)
        // And together they merge.
        XCTAssertEqual(try s.run(["merge", "\(s.results)/.shards/1-of-2.json", two]).0, 1)
    }

    func testMergeRefusesOverlappingOrMissingSpecs() throws {
        // Without times: swept (7 points × 2 tables) alone on shard 1, the other three on shard 2.
        // With these times: plain and swept on shard 1, drifted and multiples on shard 2.
        let s = try project()
        let times = #"{"version": 1, "workSeconds": [{"spec": "other-paper/plain", "seconds": 5}, {"spec": "toy-paper/drifted", "seconds": 4}, {"spec": "toy-paper/multiples", "seconds": 3}, {"spec": "toy-paper/swept", "seconds": 0.001}]}"#
        XCTAssertLessThanOrEqual(try s.run(["--shard", "1/2"]).0, 1)
        XCTAssertTrue(try XCTUnwrap(s.read("results/.shards/1-of-2.json")).contains("\"specs\": [\"toy-paper/swept\"]"))
        try FileManager.default.moveItem(atPath: "\(s.results)/.shards/1-of-2.json", toPath: "\(s.results)/.shards/1-of-2.untimed.json")
        try s.write("results/.shards/.times.json", times)
        XCTAssertLessThanOrEqual(try s.run(["--shard", "2/2"]).0, 1)
        XCTAssertTrue(try XCTUnwrap(s.read("results/.shards/2-of-2.json")).contains("\"specs\": [\"toy-paper/drifted\", \"toy-paper/multiples\"]"))
        try assertMergeFails(s, ["1-of-2.untimed.json", "2-of-2.json"], mentions: ["other-paper/plain", "cover no record"])
        XCTAssertLessThanOrEqual(try s.run(["--shard", "1/2"]).0, 1)
        try FileManager.default.removeItem(atPath: "\(s.results)/.shards/.times.json")
        XCTAssertLessThanOrEqual(try s.run(["--shard", "2/2"]).0, 1)
        try assertMergeFails(s, ["1-of-2.json", "2-of-2.json"], mentions: ["2-of-2.json: specs[0]: expected a spec no other shard covers, found \"other-paper/plain\", also covered by"])
    }

    func testMalformedSummariesAreInputErrorsNamingFileAndKeyPath() throws {
        let s = try project()
        for k in 1...2 { XCTAssertLessThanOrEqual(try s.run(["--shard", "\(k)/2"]).0, 1) }
        let path = "results/.shards/2-of-2.json"
        let good = try XCTUnwrap(s.read(path))
        func check(_ text: String, _ mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
            try s.write(path, text)
            try assertMergeFails(s, ["1-of-2.json", "2-of-2.json"], mentions: mentions, file: file, line: line)
        }
        try check(String(good.prefix(good.count / 2)), ["2-of-2.json:", "malformed JSON"])
        try check("", ["2-of-2.json:1:1: malformed JSON"])
        try check("[1, 2]", ["2-of-2.json: (top level): expected a shard summary"])
        try check(good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"), ["2-of-2.json: version: expected the format version 1"])
        try check(good.replacingOccurrences(of: "\"format\"", with: "\"extra\": 1, \"format\""), ["2-of-2.json: extra: expected one of the keys", "unknown key \"extra\""])
        try check(good.replacingOccurrences(of: "\"shard\": 2", with: "\"shard\": 3"), ["2-of-2.json: shard: expected a shard K with 1 ≤ K ≤ 2"])
        // A cell not as the CSV writes it; a cell of another type.
        try check(good.replacingOccurrences(of: "[\"1\",\"1/3\",", with: "[\"1\",\"0.3333\","), ["2-of-2.json: artifacts[1].rows[0][1]: expected a rational for column value"])
        try check(good.replacingOccurrences(of: "[\"1\",\"1/3\",", with: "[\"1\",\"01/3\","), ["artifacts[1].rows[0][1]"])
        // A record merge does not derive from the tables.
        try check(good.replacingOccurrences(of: "\"verdict\":\"reproduced\"", with: "\"verdict\":\"discrepancy\""), ["2-of-2.json: artifacts[1].report.claims[0].verdict: expected what merge derives"])
        try s.write(path, good)
        // Not a file; no file; too large (the limit is checked before reading).
        try assertMergeFails(s, ["1-of-2.json", "."], mentions: ["a folder, expected a shard summary"])
        try assertMergeFails(s, ["1-of-2.json", "9-of-9.json"], mentions: ["9-of-9.json: no such shard summary"])
        try s.write("results/big.txt", String(repeating: "x", count: 11))
        XCTAssertThrowsError(try readLimited(s.results + "/big.txt", maximumBytes: 10))
        XCTAssertEqual(try readLimited(s.results + "/big.txt", maximumBytes: 11).count, 11)
    }

    func testTimesFileIsWrittenByRunsAndCheckedByShards() throws {
        let s = try project()
        XCTAssertEqual(try s.run(["--only", "multiples"]).0, 0)
        let times = try XCTUnwrap(RecordedTimes.read(results: s.results, strict: true))
        XCTAssertEqual(times.workSeconds.keys.sorted(), ["toy-paper/multiples"])
        XCTAssertEqual(RecordedTimes(workSeconds: times.workSeconds).text, s.read("results/.shards/.times.json"))
        // A malformed times file: shards refuse it (their parts depend on it), other runs rewrite it.
        try s.write("results/.shards/.times.json", #"{"version": 1, "workSeconds": [{"spec": "a/b", "seconds": -1}]}"#)
        let (status, _, err) = try s.run(["--shard", "1/2"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(err.contains("times.json: workSeconds[0].seconds: expected seconds from 0 to 1e9"), err)
        XCTAssertFalse(s.exists("results/.shards/1-of-2.json"))
        XCTAssertEqual(try s.run(["--only", "plain"]).0, 0)
        XCTAssertEqual(try XCTUnwrap(RecordedTimes.read(results: s.results, strict: true)).workSeconds.keys.sorted(), ["other-paper/plain"])
    }

    func testShardWithCheckWritesOnlyItsSummary() throws {
        let s = try project()
        let (status, out, _) = try s.run(["--shard", "2/2", "--check"])
        XCTAssertEqual(status, 1, out)   // drifted is on shard 2
        XCTAssertTrue(s.exists("results/.shards/2-of-2.json"))
        let written = try FileManager.default.contentsOfDirectory(atPath: s.results).filter { $0 != ".replicate.lock" }
        XCTAssertEqual(written, [".shards"])
        // --list --shard lists the shard's specs.
        let (_, list, _) = try s.run(["--list", "--shard", "1/2"])
        XCTAssertEqual(list.split(separator: "\n").map { String($0.split(separator: " ")[0]) }, ["toy-paper/swept"])
    }
}

/// Sweep points of one spec spread over `--jobs` workers: the same table,
/// the same first error, whatever the number of workers.
final class ParallelPointsTests: XCTestCase {
    /// A toy kind that fails at a = 2 and a = 3 (rows k = 1..n of a·k otherwise).
    static let failing = SolverKind(
        "toy.failing", summary: "fails at a = 2 and 3", parameters: ToyParameters.self,
        run: { p, _ in
            if p.a == 2 || p.a == 3 { throw ComputeError(description: "no solution at a = \(p.a)") }
            return (1...p.n).map { k in ToyRow(k: k, value: p.a * Rational(k), root: (p.a * Rational(k)).doubleValue.squareRoot(), even: k % 2 == 0, label: "x") }
        })

    func spec(_ kind: String, values: String, claims: String = "") throws -> Spec {
        let text = """
        {"id": "s", "paper": "toy-paper", "artifact": "Table 1", "title": "T", "solver": "\(kind)", "parameters": {"n": 5},
         "sweep": {"a": {"values": [\(values)]}}\(claims)}
        """
        return try Spec.decode(text: text, file: "experiments/toy-paper/s.json", paperFolder: "toy-paper", fileStem: "s",
                               registry: Registry([toyKind, Self.failing]))
    }

    func testPointsOverWorkersGiveTheSerialTable() throws {
        let runner = Runner(registry: Registry([toyKind, Self.failing]), out: { _ in }, err: { _ in }, showProgress: false)
        let values = (1...40).map { "\"\($0)/7\"" }.joined(separator: ", ")
        let swept = try spec("toy.multiples", values: values,
                             claims: #", "claims": [{"id": "c", "quote": "q", "location": "L", "rows": "all", "column": "value", "check": {"op": ">", "value": 0}, "across": {"n": [5, 6, 7]}}]"#)
        let serial = try runner.compute(swept)
        XCTAssertEqual(serial.rows.count, 200)
        XCTAssertEqual(serial.rows[7][1], .int(3))   // a = 2/7, k = 3: columns a, k, value, ...
        XCTAssertEqual(serial.rows[7][2], .rational(Rational(6, 7)))
        for jobs in [1, 2, 3, 8] {
            let x = runner.computeAll([swept, swept], jobs: jobs)
            for o in x {
                XCTAssertNil(o.error)
                XCTAssertEqual(o.table, serial, "jobs \(jobs)")
                XCTAssertEqual(o.table?.csv, serial.csv)
                XCTAssertEqual(o.conventionTables.count, 3)
                for c in swept.conventions { XCTAssertEqual(o.conventionTables[c], try runner.compute(swept, overriding: c)) }
            }
        }
        // The first failing point in sweep order, as the serial computation reports it.
        let failing = try spec("toy.failing", values: "1, 3, 5, 2, 7")
        XCTAssertThrowsError(try runner.compute(failing)) { e in XCTAssertEqual("\(e)", "no solution at a = 3") }
        for jobs in [1, 2, 5] {
            let x = runner.computeAll([failing, swept], jobs: jobs, startOrder: [1, 0])
            XCTAssertEqual(x[0].error, "no solution at a = 3", "jobs \(jobs)")
            XCTAssertNil(x[0].table)
            XCTAssertEqual(x[1].table, serial)
        }
    }

    func testSweptSpecWritesTheSameResultsWithOneOrTwoJobs() throws {
        var outputs: [[String: String]] = []
        for jobs in ["1", "2"] {
            let s = try Scratch()
            let values = (1...30).map { "\"\($0)/4\"" }.joined(separator: ", ")
            try s.write("experiments/toy-paper/wide.json", """
            {"id": "wide", "paper": "toy-paper", "artifact": "Table 5", "title": "Wide", "solver": "toy.multiples", "parameters": {"n": 4},
             "sweep": {"a": {"values": [\(values)]}}, "figure": {"x": "k", "y": ["value"], "title": "Wide"}}
            """)
            XCTAssertEqual(try s.run(["--bless", "--jobs", jobs]).0, 0)
            XCTAssertEqual(try s.run(["--jobs", jobs]).0, 0)
            var files: [String: String] = [:]
            for f in ["results/toy-paper/wide.csv", "results/toy-paper/wide.svg", "results/REPORT.md", "results/toy-paper/README.md", "experiments/toy-paper/golden/wide.csv"] {
                files[f] = try XCTUnwrap(s.read(f), f)
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(outputs[0]["results/toy-paper/wide.csv"]?.split(separator: "\n").count, 121)
    }
}
