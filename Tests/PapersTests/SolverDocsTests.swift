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
            for c in k.columns {
                XCTAssertTrue(section.contains("| `\(c.name)`"), "\(name) column \(c.name)")
                XCTAssertFalse(c.doc.isEmpty, "\(name) column \(c.name) has no meaning")
            }
        }
    }
}
