import Foundation
import XCTest
import Harness
import Papers

/// docs/SOLVERS.md is generated from the registry (`make docs`): it must be current,
/// and it must document every kind, parameter and column.
final class SolverDocsTests: XCTestCase {
    func testSolverDocsAreCurrent() throws {
        let file = repositoryRoot.appendingPathComponent("docs/SOLVERS.md")
        let onDisk = try String(contentsOf: file, encoding: .utf8)
        let generated = paperRegistry.markdownReference() + "\n"
        XCTAssertTrue(onDisk == generated, "docs/SOLVERS.md is out of date: run `make docs`")
    }

    func testEveryKindParameterAndColumnIsDocumented() {
        let doc = paperRegistry.markdownReference()
        for name in paperRegistry.names {
            let k = paperRegistry[name]!
            XCTAssertTrue(doc.contains("\n## `\(name)`\n"), name)
            // The kind's section, up to the next kind.
            let section = doc.components(separatedBy: "\n## `\(name)`\n")[1].components(separatedBy: "\n## `")[0]
            for p in k.parameters {
                XCTAssertTrue(section.contains("| `\(p.name)` |"), "\(name).\(p.name)")
                XCTAssertFalse(p.doc.isEmpty, "\(name).\(p.name) has no meaning")
            }
            for p in k.parameters where p.convention != nil {
                XCTAssertTrue(doc.contains("| `\(name)` | `\(p.name)` |"), "convention \(name).\(p.name) missing from the Conventions section")
            }
            // Parameters named as tie rules or selections are conventions and must say what they decide.
            for p in k.parameters where ["selection", "tie", "ties", "tie_break", "tie_breaking", "layout"].contains(p.name) || p.name.hasSuffix("_ties") {
                XCTAssertNotNil(p.convention, "\(name).\(p.name) fixes a convention: declare it with convention:")
            }
            for c in k.columns {
                XCTAssertTrue(section.contains("| `\(c.name)`"), "\(name) column \(c.name)")
                XCTAssertFalse(c.doc.isEmpty, "\(name) column \(c.name) has no meaning")
            }
        }
    }
}

/// Every size a spec can set is bounded where it is declared (issue 18: a
/// `grid_points` of 100000 or 3000 costs ran for tens of seconds): integer
/// parameters declare a maximum (seeds excepted: they set no amount of
/// work), and list parameters a maximum length (by default
/// `InputLimits.listElements`).
final class ParameterBoundsTests: XCTestCase {
    func testEveryIntegerParameterDeclaresAMaximum() {
        var unbounded: [String] = []
        for name in paperRegistry.names {
            for p in paperRegistry[name]!.parameters where p.name != "seed" {
                if case .integer = p.type, p.domain?.maximum == nil { unbounded.append("\(name).\(p.name)") }
                if case .list = p.type, p.maximumCount > InputLimits.listElements { unbounded.append("\(name).\(p.name) (list)") }
            }
        }
        XCTAssertEqual(unbounded, [], "declare `domain: .between(lo, hi)` (or a smaller maximumCount)")
    }
}
