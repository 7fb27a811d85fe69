// `--junit-xml FILE`: the run as JUnit XML, the format CI systems display
// (GitLab, Jenkins, GitHub test reporters). One test suite per paper; in it
// one test case per artifact (its golden diff or solver failure) and one per
// claim. A failure carries the rows, columns and values behind it. Written
// after the run like any output (staged, then renamed), with no timings, so
// two runs of the same code give the same file.

import Foundation
import Plot

extension Runner {
    /// The JUnit XML document for a run's outcomes.
    func junitXML(_ outcomes: [ArtifactOutcome]) -> String {
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0
        for paper in paperOrder(outcomes) {
            let mine = outcomes.filter { $0.spec.paper == paper }
            var cases: [String] = []
            var failures = 0
            for x in mine {
                let name = "\(x.spec.id) [\(x.spec.artifact)]"
                var body = ""
                if let e = x.error {
                    body = failureElement("solver failed", e)
                } else if let d = x.diff, !d.passed {
                    let lines = d.structural + movementLines(d) + d.cells.prefix(50).map(\.description)
                        + (d.cells.count > 50 ? ["... and \(d.cells.count - 50) more differing cells"] : [])
                    body = failureElement("golden differs in \(d.failureCount) place\(d.failureCount == 1 ? "" : "s")", lines.joined(separator: "\n"))
                }
                if !body.isEmpty { failures += 1 }
                cases.append(testCase(classname: "\(paper).\(x.spec.id)", name: name, file: x.spec.file, body: body))
                for c in x.claims {
                    let detail = "\(c.claim.location): paper says \(c.paperSays); solver computes \(c.computed)"
                    var claimBody = ""
                    if c.fails {
                        claimBody = failureElement("claim \(c.claim.id): \(c.verdict.rawValue)", detail)
                        failures += 1
                    } else if c.verdict != .reproduced {
                        // Explained (known discrepancy, not reproducible, convention): passes, with the reason shown.
                        claimBody = "<system-out>\(escapeXML("\(c.verdict.rawValue): \(detail)"))</system-out>"
                    }
                    cases.append(testCase(classname: "\(paper).\(x.spec.id)", name: "claim \(c.claim.id)", file: x.spec.file, body: claimBody))
                }
            }
            totalTests += cases.count
            totalFailures += failures
            suites.append("  <testsuite name=\"\(escapeXML(paper))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
                          + cases.joined() + "  </testsuite>\n")
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"replicate\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">\n"
            + suites.joined() + "</testsuites>\n"
    }

    private func testCase(classname: String, name: String, file: String, body: String) -> String {
        let open = "    <testcase classname=\"\(escapeXML(classname))\" name=\"\(escapeXML(name))\" file=\"\(escapeXML(file))\""
        return body.isEmpty ? open + "/>\n" : open + ">\n      " + body + "\n    </testcase>\n"
    }

    private func failureElement(_ message: String, _ text: String) -> String {
        "<failure message=\"\(escapeXML(abridged(message)))\" type=\"failure\">\(escapeXML(text))</failure>"
    }

    /// A JUnit path must name a file outside the experiments folder (a spec
    /// or golden is never overwritten by a report) and not be a folder.
    func checkJUnitPath(_ path: String, _ o: RunOptions) throws {
        var isFolder: ObjCBool = false
        if path.isEmpty || path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue) {
            throw HarnessError.usage("--junit-xml needs a file path, got \"\(abridged(path))\"")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if let experiments = canonicalPath(o.experiments), let target = canonicalPath(folder.isEmpty ? "." : folder), isWithin(target, experiments) {
            throw HarnessError.usage("--junit-xml \(abridged(path)) is inside \(o.experiments): specs and goldens are never overwritten by a report")
        }
    }

    /// Writes the JUnit XML to `path` (staged and renamed, never through a
    /// link leaving its folder). A path under the experiments folder is refused.
    func writeJUnit(_ outcomes: [ArtifactOutcome], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try OutputTransaction([PlannedOutput(path: path, content: junitXML(outcomes), root: folder.isEmpty ? "." : folder)]).commit()
    }
}
