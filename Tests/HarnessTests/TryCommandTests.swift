import Foundation
import XCTest
@testable import Harness
import Numerics

/// `replicate try`: one spec at parameters set on the command line, its
/// claims checked there, nothing written but the figure asked for.
final class TryCommandTests: XCTestCase {
    /// A scratch project with the toy spec (a = 3/4, n = 4) and its golden.
    func project(spec: String = toySpec) throws -> Scratch {
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", spec)
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        return s
    }

    /// Runs `replicate try` in the scratch project (specs from its experiments folder).
    func tryRun(_ s: Scratch, _ args: [String], registry: Registry = toyRegistry) -> (Int32, String, String) {
        let out = Lines(), err = Lines()
        let runner = Runner(registry: registry, out: { out.append($0) }, err: { err.append($0) }, showProgress: false)
        let status = runner.runTry(args + ["--experiments", s.experiments])
        return (status, out.text, err.text)
    }

    /// Every file under the scratch root with its bytes (links as their target).
    func snapshot(_ s: Scratch) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = s.root.path
        let e = try XCTUnwrap(FileManager.default.enumerator(atPath: root))
        while let p = e.nextObject() as? String {
            let full = root + "/" + p
            var dir: ObjCBool = false
            FileManager.default.fileExists(atPath: full, isDirectory: &dir)
            files[p] = dir.boolValue ? Data("folder".utf8) : (FileManager.default.contents(atPath: full) ?? Data("link".utf8))
        }
        return files
    }

    /// The rows of a `--json` result, as CSV cell texts.
    func jsonRows(_ out: String) throws -> [[String]] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        return try XCTUnwrap(object["rows"] as? [[String]])
    }

    func claimStatuses(_ out: String) throws -> [String: String] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let claims = try XCTUnwrap(object["claims"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: claims.map { ($0["id"] as! String, $0["status"] as! String) })
    }

    func testOverridesChangeTheComputedTable() throws {
        let s = try project()
        let before = try snapshot(s)
        let (status, out, err) = tryRun(s, ["multiples", "--set", "a=1/2", "--set", "n=2", "--set", "label=fancy", "--json"])
        XCTAssertEqual(status, 0, out + err)
        // a·k for k = 1, 2 at a = 1/2, and √(a·k).
        XCTAssertEqual(try jsonRows(out), [["1", "1/2", "\((0.5).squareRoot())", "false", "fancy"],
                                           ["2", "1", "1.0", "true", "fancy"]])
        // The same table as the spec written with those values, decoded and computed by the runner.
        let edited = toySpec.replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}", with: "\"parameters\": {\"a\": \"1/2\", \"n\": 2, \"label\": \"fancy\"}")
        let spec = try Spec.decode(text: edited, file: "x.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
        let table = try Runner(registry: toyRegistry, showProgress: false).compute(spec)
        XCTAssertEqual(try jsonRows(out), table.rows.map { $0.map(\.description) })
        // Rows 3 and 4 are gone: their claims are n/a, not failures; "positive" holds.
        XCTAssertEqual(try claimStatuses(out), ["third": "n/a", "root": "n/a", "positive": "holds"])
        XCTAssertEqual(try snapshot(s), before)
        // The text form prints the table and the verdicts.
        let (status2, text, _) = tryRun(s, ["toy-paper/multiples", "--set", "a=1/2", "--set", "n=2"])
        XCTAssertEqual(status2, 0)
        XCTAssertTrue(text.contains("with a=1/2, n=2"), text)
        XCTAssertTrue(text.contains("k  value  root                even   label\n1  1/2    0.7071067811865476  false  plain\n2  1      1.0                 true   plain\n(2 rows)"), text)
        XCTAssertTrue(text.contains("n/a          third: its rows are not in the table at these parameters: 0 matching rows"), text)
        XCTAssertTrue(text.contains("3 claims: 1 hold, 0 fail, 2 n/a, 0 not checked"), text)
    }

    func testValuesAreReadAsInASpec() throws {
        let s = try project()
        func rows(_ set: [String]) throws -> [[String]] {
            let (status, out, err) = tryRun(s, ["multiples", "--json"] + set.flatMap { ["--set", $0] })
            XCTAssertEqual(status == 2, false, out + err)
            return try jsonRows(out)
        }
        // A bare rational, a quoted one, an exact decimal and a JSON number agree.
        let quarter = try rows(["a=1/4"])
        XCTAssertEqual(quarter.map { $0[1] }, ["1/4", "1/2", "3/4", "1"])
        XCTAssertEqual(try rows(["a=\"1/4\""]), quarter)
        XCTAssertEqual(try rows(["a=0.25"]), quarter)
        XCTAssertEqual(try rows(["a=2.5e-1"]), quarter)
        // Bare tokens inside a list are strings too: [1/2,1/2] is ["1/2", "1/2"].
        XCTAssertEqual(try rows(["weights=[1/2,1/2]", "a=1"]).map { $0[1] }, ["1", "2", "3", "4"])
        XCTAssertEqual(commandLineJSON("[1,9/5]"), "[1,\"9/5\"]")
        XCTAssertEqual(commandLineJSON("[1, \"9/5\", 0.5e1, true]"), "[1, \"9/5\", 0.5e1, true]")
        XCTAssertEqual(commandLineJSON("1/2"), "\"1/2\"")
        XCTAssertEqual(commandLineJSON("cdf(1 - (1 - v)^2)"), "\"cdf(1 - (1 - v)^2)\"")
        XCTAssertEqual(commandLineJSON("seller-best"), "\"seller-best\"")
        XCTAssertEqual(commandLineJSON("{x: [1/3, 2]}"), "{\"x\": [\"1/3\", 2]}")
        XCTAssertEqual(commandLineJSON("say \"hi\""), "\"say \\\"hi\\\"\"")
    }

    func testClaimVerdictsFlipAndExitOne() throws {
        let s = try project()
        // At the spec's own parameters every claim holds.
        var (status, out, err) = tryRun(s, ["multiples", "--json"])
        XCTAssertEqual(status, 0, out + err)
        XCTAssertEqual(try claimStatuses(out), ["third": "holds", "root": "holds", "positive": "holds"])
        // a = 1: the third multiple is 3, not 2.25; √4 = 2, not 1.732.
        (status, out, err) = tryRun(s, ["multiples", "--set", "a=1", "--json"])
        XCTAssertEqual(status, 1, out + err)
        XCTAssertEqual(try claimStatuses(out), ["third": "fails", "root": "fails", "positive": "holds"])
        // a = 0: every value is 0, so "all positive" fails too.
        (status, out, err) = tryRun(s, ["multiples", "--set", "a=0"])
        XCTAssertEqual(status, 1, out + err)
        XCTAssertTrue(out.contains("FAILS        positive: paper says > 0, computed fails in 4 of 4 rows, first [k=1]: 0"), out)
        XCTAssertTrue(out.contains("3 claims: 0 hold, 3 fail, 0 n/a, 0 not checked"), out)
    }

    func testBadKeysAndValuesExitTwoNamingTheKey() throws {
        let s = try project()
        let before = try snapshot(s)
        let cases: [([String], String)] = [
            (["nn=3"], "--set: nn: expected a parameter of toy.multiples: a, n, label, weights, found unknown parameter \"nn\" (did you mean \"n\"?)"),
            (["b=1"], "--set: b: expected a parameter of toy.multiples"),
            (["n=0"], "--set: n: expected an integer ≥ 1 and ≤ 1000, found 0"),
            (["n=1/2"], "--set: n: expected an integer"),
            (["a=-1"], "--set: a: expected an exact number (e.g. 0.8 or \"4/5\") ≥ 0, found -1"),
            (["a=abc"], "--set: a: expected a number or a string such as \"3/4\""),
            (["label=fancey"], "--set: label: expected one of \"plain\", \"fancy\", found \"fancey\" (did you mean \"fancy\"?)"),
            (["weights=[1/2,2]"], "--set: weights[1]: expected an array of exact numbers ≥ 0 and ≤ 1, found 2"),
            (["weights=[]"], "--set: weights: expected an array of exact numbers with at least 1 element"),
            (["weights=[1/2,1/4]"], "--set: weights: expected weights summing to 1, found sum 3/4"),
            (["weights.x=1"], "--set: weights.x: expected a parameter name (weights is an array of exact numbers, set as a whole"),
            (["a=[1"], "--set: a: expected an exact number"),
            (["a"], "--set needs KEY=VALUE"),
            (["a=1", "--set", "a=2"], "--set a is given twice"),
        ]
        for (set, message) in cases {
            let (status, out, err) = tryRun(s, ["multiples", "--set"] + set)
            XCTAssertEqual(status, 2, "\(set): " + out + err)
            XCTAssertTrue(err.contains(message), "\(set): " + err)
            XCTAssertTrue(err.contains("invalid input: nothing was written"), err)
            XCTAssertEqual(out, "", "\(set)")
        }
        // Unknown specs and options.
        for (args, message) in [(["multiple"], "no spec \"multiple\" under"), (["multiples", "--al"], "unknown option --al (did you mean --all?)"),
                                ([], "usage error: try: a spec is needed"), (["multiples", "multiples"], "one spec at a time"),
                                (["nowhere/spec.json"], "nowhere/spec.json: no such spec file")] {
            let (status, _, err) = tryRun(s, args)
            XCTAssertEqual(status, 2, "\(args)")
            XCTAssertTrue(err.contains(message), "\(args): " + err)
        }
        XCTAssertEqual(try snapshot(s), before)
    }

    func testSettingASweptParameterReplacesItsSweep() throws {
        let swept = toySpec.replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}",
                                                 with: "\"parameters\": {\"n\": 2}, \"sweep\": {\"a\": {\"values\": [\"1/4\", \"1/2\"]}}")
            .components(separatedBy: ",\n  \"claims\": [")[0] + ",\n  \"claims\": [{\"id\": \"small\", \"quote\": \"q\", \"location\": \"l\", \"rows\": \"all\", \"column\": \"value\", \"check\": {\"op\": \"<\", \"value\": 2}}]\n}"
        let s = try project(spec: swept)
        var (status, out, err) = tryRun(s, ["multiples", "--json"])
        XCTAssertEqual(status, 0, out + err)
        XCTAssertEqual(try jsonRows(out).map { [$0[0], $0[1], $0[2]] }, [["1/4", "1", "1/4"], ["1/4", "2", "1/2"], ["1/2", "1", "1/2"], ["1/2", "2", "1"]])
        // a = 3: one value of a, the key column kept; 2·3 = 6 ≥ 2 fails the claim.
        (status, out, err) = tryRun(s, ["multiples", "--set", "a=3", "--json"])
        XCTAssertEqual(status, 1, out + err)
        XCTAssertEqual(try jsonRows(out).map { [$0[0], $0[1], $0[2]] }, [["3", "1", "3"], ["3", "2", "6"]])
        (status, out, err) = tryRun(s, ["multiples", "--set", "a=3"])
        XCTAssertTrue(out.contains("with a=3 (replaces its sweep)"), out)
    }

    func testFigureIsWrittenOnlyWhereAsked() throws {
        let withFigure = toySpec.replacingOccurrences(of: "\"tolerances\":", with: "\"figure\": {\"kind\": \"line\", \"x\": \"k\", \"y\": [\"value\"], \"title\": \"T\"},\n  \"tolerances\":")
        let s = try project(spec: withFigure)
        try FileManager.default.createDirectory(atPath: s.root.path + "/out", withIntermediateDirectories: true)
        let before = try snapshot(s)
        let target = s.root.path + "/out/fig.svg"
        let (status, out, err) = tryRun(s, ["multiples", "--set", "a=2", "--figure", target])
        XCTAssertEqual(status, 1, out + err)   // a = 2 fails "third" and "root", the figure is still drawn
        XCTAssertTrue(out.contains("figure written to \(target)"), out)
        var after = try snapshot(s)
        let svg = try XCTUnwrap(after.removeValue(forKey: "out/fig.svg"))
        XCTAssertEqual(after, before)
        XCTAssertTrue(String(decoding: svg, as: UTF8.self).contains("<svg"))
        // The figure is the one the spec draws from the table at these parameters.
        let edited = withFigure.replacingOccurrences(of: "\"a\": \"3/4\"", with: "\"a\": 2")
        let spec = try Spec.decode(text: edited, file: "x.json", paperFolder: "toy-paper", fileStem: "multiples", registry: toyRegistry)
        let table = try Runner(registry: toyRegistry, showProgress: false).compute(spec)
        XCTAssertEqual(String(decoding: svg, as: UTF8.self), try spec.renderFigure(table))

        // Refused: anything in the experiments folder (the golden, a spec, a new file), a missing folder, a folder.
        let snapshot2 = try snapshot(s)
        for (path, message) in [(s.experiments + "/toy-paper/golden/multiples.csv", "inside the experiments folder"),
                                (s.experiments + "/toy-paper/multiples.json", "inside the experiments folder"),
                                (s.experiments + "/new.svg", "inside the experiments folder"),
                                (s.root.path + "/missing/fig.svg", "does not exist"),
                                (s.root.path + "/out", "a folder, not a file")] {
            let (status, out, err) = tryRun(s, ["multiples", "--figure", path])
            XCTAssertEqual(status, 2, path + out + err)
            XCTAssertTrue(err.contains(message), path + err)
        }
        // A link into the experiments folder is refused too.
        try FileManager.default.createSymbolicLink(atPath: s.root.path + "/out/link", withDestinationPath: s.experiments + "/toy-paper")
        var (status2, _, err2) = tryRun(s, ["multiples", "--figure", s.root.path + "/out/link/x.svg"])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("inside the experiments folder"), err2)
        try FileManager.default.removeItem(atPath: s.root.path + "/out/link")
        XCTAssertEqual(try snapshot(s), snapshot2)
        // A copy of the spec outside the experiments folder is never overwritten by its own figure.
        try s.write("elsewhere/copy.json", withFigure)
        (status2, _, err2) = tryRun(s, [s.root.path + "/elsewhere/copy.json", "--figure", s.root.path + "/elsewhere/copy.json"])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("--figure \(s.root.path)/elsewhere/copy.json: the spec file itself (see `replicate try --help`)"), err2)
        XCTAssertEqual(s.read("elsewhere/copy.json"), withFigure)
        // A spec without a figure has nothing to draw.
        let plain = try project()
        (status2, _, err2) = tryRun(plain, ["multiples", "--figure", plain.root.path + "/fig.svg"])
        XCTAssertEqual(status2, 2)
        XCTAssertTrue(err2.contains("draws no figure"), err2)
        XCTAssertFalse(plain.exists("fig.svg"))
    }

    func testSpecFileOutsideTheExperimentsFolderWithReferences() throws {
        // "other" (a = 1, n = 3) in experiments; the tried copy refers to its k = 3 value (3).
        let s = try project()
        let other = toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"other\"")
            .replacingOccurrences(of: "\"parameters\": {\"a\": \"3/4\", \"n\": 4}", with: "\"parameters\": {\"a\": 1, \"n\": 3}")
        try s.write("experiments/toy-paper/other.json", other)
        let copy = toySpec.components(separatedBy: ",\n  \"claims\": [")[0]
            + ",\n  \"claims\": [{\"id\": \"below\", \"quote\": \"q\", \"location\": \"l\", \"row\": {\"k\": 1}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"reference\": {\"artifact\": \"other\", \"row\": {\"k\": 3}, \"column\": \"value\"}}}]\n}"
        try s.write("elsewhere/variant.json", copy)
        let before = try snapshot(s)
        let path = s.root.path + "/elsewhere/variant.json"
        // a = 2: 2 < 3 holds; a = 3: 3 < 3 fails (other is computed from experiments/, unchanged).
        var (status, out, err) = tryRun(s, [path, "--set", "a=2"])
        XCTAssertEqual(status, 0, out + err)
        XCTAssertTrue(out.contains("holds        below: paper says < other[k=3]: value, computed 2 vs other[k=3]: value = 3"), out)
        (status, out, err) = tryRun(s, [path, "--set", "a=3"])
        XCTAssertEqual(status, 1, out + err)
        // The spec file itself is never a figure destination (it has no figure anyway: refused first for that).
        XCTAssertEqual(try snapshot(s), before)
        XCTAssertFalse(s.exists("results"))
    }

    func testClaimsCheckedAcrossConventionsKeepThem() throws {
        // "small" is checked across a = 1/4 and 1/2 (third value 3/4 and 3/2 < 2) whatever --set gives a.
        let across = toySpec.components(separatedBy: ",\n  \"claims\": [")[0]
            + ",\n  \"claims\": [{\"id\": \"small\", \"quote\": \"q\", \"location\": \"l\", \"row\": {\"k\": 3}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"value\": 2}, \"across\": {\"a\": [\"1/4\", \"1/2\"]}},"
            + " {\"id\": \"third\", \"quote\": \"q\", \"location\": \"l\", \"row\": {\"k\": 3}, \"column\": \"value\", \"check\": {\"op\": \"<\", \"value\": 2}}]\n}"
        let s = try project(spec: across)
        let (status, out, err) = tryRun(s, ["multiples", "--set", "a=1"])
        XCTAssertEqual(status, 1, out + err)   // 3 < 2 fails for "third" at a = 1
        XCTAssertTrue(out.contains("holds        small: paper says < 2, computed a=1/4: 3/4 (0.75); a=1/2: 3/2 (1.5) (l)\n"
                                   + "               (checked across its conventions of a, whatever --set gives)"), out)
        XCTAssertTrue(out.contains("FAILS        third: paper says < 2, computed 3 (l)"), out)
    }

    func testSolverFailureExitsOne() throws {
        // The toy kind, failing (as a solver that does not converge) at a = 7.
        struct NoConvergence: Error, CustomStringConvertible { var description: String { "no convergence at a = 7" } }
        let failing = SolverKind(name: toyKind.name, summary: toyKind.summary, parameters: toyKind.parameters, columns: toyKind.columns,
                                 validate: toyKind.validate, run: { values, progress in
                                     if values["a"] == .rational(7) { throw NoConvergence() }
                                     return try toyKind.run(values, progress)
                                 })
        let s = try project()
        let before = try snapshot(s)
        var (status, out, err) = tryRun(s, ["multiples", "--set", "a=7"], registry: Registry([failing]))
        XCTAssertEqual(status, 1, out + err)
        XCTAssertTrue(out.contains("solver failed: no convergence at a = 7"), out)
        XCTAssertFalse(out.contains("figure"), out)
        (status, out, err) = tryRun(s, ["multiples", "--set", "a=7", "--json"], registry: Registry([failing]))
        XCTAssertEqual(status, 1, out + err)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        XCTAssertEqual(object["error"] as? String, "no convergence at a = 7")
        XCTAssertEqual(object["exitStatus"] as? Int, 1)
        XCTAssertEqual(try snapshot(s), before)
    }

    func testHelpAndMainUsageMentionTry() throws {
        let s = try project()
        let (status, out, _) = tryRun(s, ["--help"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(out.contains("Setting a swept parameter replaces its"), out)
        XCTAssertTrue(RunOptions.usage.contains("replicate try SPEC"))
    }
}
