import Foundation
import XCTest
@testable import Harness

/// Goldens, links and folders from other people: the runner reads what it
/// should, refuses what leaves the project, and writes all or nothing.
final class UntrustedFilesTests: XCTestCase {
    private func scratchWithToy() throws -> Scratch {
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", toySpec)
        try s.write("experiments/toy-paper/golden/multiples.csv", toyGolden)
        return s
    }

    /// Every file under `folder` with its contents (links listed, not followed).
    private func snapshot(_ folder: String) -> [String: String] {
        var out: [String: String] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder) else { return out }
        while let name = e.nextObject() as? String {
            let path = "\(folder)/\(name)"
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) { out[name] = "-> " + target; continue }
            out[name] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<folder>"
        }
        return out
    }

    func testCRLFAndByteOrderMarkGoldensAreRead() throws {
        let s = try scratchWithToy()
        try s.write("experiments/toy-paper/golden/multiples.csv", "\u{FEFF}" + toyGolden.replacingOccurrences(of: "\n", with: "\r\n"))
        let (status, _, err) = try s.run(["--check"])
        XCTAssertEqual(status, ExitStatus.passed, err)
        XCTAssertEqual(try parseCSV("a,\"x\r\ny\"\r\n1,2\r\n").map(\.fields), [["a", "x\ny"], ["1", "2"]])
        XCTAssertThrowsError(try parseCSV("a,b\r1,2\n"))   // a lone CR is not a line end
    }

    func testAGoldenThatIsAFolderIsNamedAsSuch() throws {
        let s = try scratchWithToy()
        try FileManager.default.removeItem(atPath: s.experiments + "/toy-paper/golden/multiples.csv")
        try FileManager.default.createDirectory(atPath: s.experiments + "/toy-paper/golden/multiples.csv", withIntermediateDirectories: true)
        let (status, _, err) = try s.run(["--check"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("a folder, expected the golden CSV file"), err)
    }

    func testAGoldenLinkedOutsideTheProjectIsNotRead() throws {
        let s = try scratchWithToy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).csv").path
        try "secret,line\n1,2\n3,4\n".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.removeItem(atPath: s.experiments + "/toy-paper/golden/multiples.csv")
        try FileManager.default.createSymbolicLink(atPath: s.experiments + "/toy-paper/golden/multiples.csv", withDestinationPath: outside)
        let (status, _, err) = try s.run(["--check"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("a symbolic link that leaves"), err)
        XCTAssertFalse(err.contains("field"), "the message must not describe the linked file: \(err)")
    }

    func testASpecLinkedOutsideTheProjectIsNotRead() throws {
        let s = try scratchWithToy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).json").path
        try "secret: not a spec\n".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: s.experiments + "/toy-paper/linked.json", withDestinationPath: outside)
        let before = snapshot(s.root.path)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("linked.json: a symbolic link that leaves"), err)
        XCTAssertFalse(err.contains("secret"), "the message must not quote the linked file: \(err)")
        XCTAssertEqual(snapshot(s.root.path), before)
        // A link that stays inside the project is read like a file.
        try FileManager.default.removeItem(atPath: s.experiments + "/toy-paper/linked.json")
        try s.write("experiments/toy-paper/spare/copy.json", toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"linked\""))
        try s.write("experiments/toy-paper/golden/linked.csv", toyGolden)
        try FileManager.default.createSymbolicLink(atPath: s.experiments + "/toy-paper/linked.json", withDestinationPath: s.experiments + "/toy-paper/spare/copy.json")
        let (inside, _, err2) = try s.run(["--check"])
        XCTAssertEqual(inside, ExitStatus.passed, err2)
    }

    func testAFileInTheWayOfAResultsFolderIsNamed() throws {
        let s = try scratchWithToy()
        try s.write("results/other.txt", "")
        try "not a folder".write(toFile: s.results + "/toy-paper", atomically: true, encoding: .utf8)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, ExitStatus.ioFailure, err)
        XCTAssertTrue(err.contains("cannot create the folder \(s.results)/toy-paper (\(s.results)/toy-paper is a file, not a folder)"), err)
    }

    func testTwoSpecsNamingOneGoldenAreASpecError() throws {
        let s = try scratchWithToy()
        let other = toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"copy\"")
            .replacingOccurrences(of: "\"solver\"", with: "\"golden\": \"golden/multiples.csv\", \"solver\"")
        try s.write("experiments/toy-paper/copy.json", other)
        let before = snapshot(s.root.path)
        // Only the first spec is selected, yet blessing it would overwrite the other's golden.
        let (status, _, err) = try s.run(["--only", "copy", "--bless"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("golden: expected a golden file of its own"), err)
        XCTAssertEqual(snapshot(s.root.path), before)
    }

    func testGoldenNamesArePlainRelativePaths() throws {
        for bad in ["file:///etc/x.csv", "C:\\\\x.csv", " x.csv", "../x.csv", "golden/.x.csv", "/abs.csv", "golden//x.csv", "x.txt"] {
            XCTAssertFalse(isPlainGoldenPath(bad.replacingOccurrences(of: "\\\\", with: "\\")), bad)
        }
        for good in ["golden/x.csv", "golden/sub/a-b_c.1.csv", "x.csv"] { XCTAssertTrue(isPlainGoldenPath(good), good) }
        let s = try Scratch()
        try s.write("experiments/toy-paper/multiples.json", toySpec.replacingOccurrences(of: "\"solver\"", with: "\"golden\": \"file://x.csv\", \"solver\""))
        let (status, _, err) = try s.run(["--check"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("multiples.json: golden: expected a .csv path"), err)
    }

    func testListingOptionsRejectRunOptions() {
        for args in [["--list", "--bless"], ["--list", "--check"], ["--list-solvers", "--json"], ["--list", "--solver-docs"]] {
            XCTAssertThrowsError(try RunOptions.parse(args), "\(args)")
        }
    }

    func testOnlyNamingAnotherPapersSpecSaysSo() throws {
        let s = try scratchWithToy()
        try s.write("experiments/other-paper/x.json", toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"x\"")
            .replacingOccurrences(of: "toy-paper", with: "other-paper"))
        let (status, _, err) = try s.run(["--paper", "toy-paper", "--only", "x", "--check"])
        XCTAssertEqual(status, ExitStatus.invalidInput)
        XCTAssertTrue(err.contains("--only x matches specs of other-paper, not of the selected paper toy-paper"), err)
    }

    func testAResultsFolderLinkedOutsideIsNotWrittenThrough() throws {
        let s = try scratchWithToy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: s.results, withDestinationPath: outside)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, ExitStatus.ioFailure, err)
        XCTAssertTrue(err.contains("refusing to write through a symbolic link"), err)
        XCTAssertEqual(snapshot(outside), [:], "nothing may be written outside the project")
    }

    func testAFailedWriteLeavesEverythingAsItWas() throws {
        let s = try scratchWithToy()
        try s.write("experiments/other-paper/x.json", toySpec.replacingOccurrences(of: "\"id\": \"multiples\"", with: "\"id\": \"x\"")
            .replacingOccurrences(of: "toy-paper", with: "other-paper"))
        try s.write("experiments/other-paper/golden/x.csv", toyGolden)
        XCTAssertEqual(try s.run([]).0, ExitStatus.passed)
        // The second paper's results folder is replaced by a file: the first
        // paper's results must not be rewritten either.
        try FileManager.default.removeItem(atPath: s.results + "/toy-paper")
        try "not a folder".write(toFile: s.results + "/toy-paper", atomically: true, encoding: .utf8)
        try s.write("results/other-paper/x.csv", "stale")
        let before = snapshot(s.root.path)
        let (status, _, err) = try s.run([])
        XCTAssertEqual(status, ExitStatus.ioFailure, err)
        XCTAssertTrue(err.contains("I/O failure: nothing was written"), err)
        XCTAssertEqual(snapshot(s.root.path).filter { $0.key != "results/.replicate.lock" }, before.filter { $0.key != "results/.replicate.lock" })
    }

    func testStaleTemporaryFilesAreRemovedAndPlantedOnesNeverFollowed() throws {
        let s = try scratchWithToy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("target-\(UUID().uuidString)").path
        try "keep".write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try s.write("results/toy-paper/.multiples.csv.tmp-999999", "left by a killed run")
        try FileManager.default.createDirectory(atPath: s.results + "/toy-paper", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.results + "/toy-paper/.multiples.svg.tmp-\(getpid())", withDestinationPath: outside)
        XCTAssertEqual(try s.run([]).0, ExitStatus.passed)
        XCTAssertEqual(try String(contentsOfFile: outside, encoding: .utf8), "keep")
        let left = try FileManager.default.contentsOfDirectory(atPath: s.results + "/toy-paper").filter(isTemporaryFileName)
        XCTAssertEqual(left, [])
        XCTAssertTrue(isTemporaryFileName(".a.csv.tmp-12"))
        XCTAssertFalse(isTemporaryFileName("a.csv.tmp-12"))
        XCTAssertFalse(isTemporaryFileName(".a.csv.tmp-x"))
    }
}
