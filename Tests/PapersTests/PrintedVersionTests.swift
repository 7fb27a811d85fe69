import Foundation
import XCTest
@testable import Harness
import Numerics
import Papers

/// The figures that overlay or plot what a paper prints: Haghpanah–Siegel
/// Fig 4 (a) (the printed polygon P lacks two of P's vertices) and Wernerfelt
/// footnote 2 (the root of the printed cubic against the exact optimal K).
final class PrintedVersionTests: XCTestCase {
    private func load(_ paper: String, _ stem: String) throws -> (Spec, Table) {
        let file = "experiments/\(paper)/\(stem).json"
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        let spec = try Spec.decode(text: text, file: file, paperFolder: paper, fileStem: stem, registry: paperRegistry)
        let table = try Runner(registry: paperRegistry, out: { _ in }, err: { _ in }, showProgress: false).compute(spec)
        return (spec, table)
    }

    func testFigure4RingsExactlyTheTwoVerticesThePaperMisses() throws {
        let (spec, table) = try load("haghpanah-siegel-2022", "figure-4-polytope")
        let svg = try XCTUnwrap(try spec.renderFigure(table))
        let lines = svg.components(separatedBy: "\n")
        // The printed P: one dashed grey outline with the paper's four vertices.
        let outline = lines.filter { $0.contains("class=\"overlay-outline\"") }
        XCTAssertEqual(outline.count, 1)
        XCTAssertTrue(outline[0].contains("stroke-dasharray=\"7 4\"") && outline[0].contains("fill=\"none\""), outline[0])
        XCTAssertEqual(lines.filter { $0.contains("class=\"overlay-vertex\"") }.count, 4)
        XCTAssertTrue(svg.contains(">as printed in the paper (Fig 4 a)</text>"))
        // Exactly two rings, at the computed vertices (1/2, 0) and (3/4, 1/4): the vertex rows whose
        // labels are not among the printed points, drawn where the P layer's markers for those rows are.
        let rings = lines.filter { $0.contains("class=\"ring\"") }
        XCTAssertEqual(rings.count, 2)
        XCTAssertTrue(svg.contains(">vertex of P missed by the paper</text>"))
        let vertices = lines.filter { $0.contains("class=\"vertex\"") }
        XCTAssertEqual(vertices.count, 6)
        func centre(_ line: String) -> String { String(line.components(separatedBy: "cx=\"")[1].prefix { $0 != "r" }) }
        let labelColumn = try XCTUnwrap(table.columnIndex("label")), part = try XCTUnwrap(table.columnIndex("part"))
        let vertexLabels = table.rows.filter { $0[part].description == "vertex" }.map { $0[labelColumn].description }
        XCTAssertEqual(vertexLabels, ["(0, 0)", "(1/2, 0)", "(3/4, 1/4)", "(1, 1)", "(3/4, 7/4)", "(0, 2)"])
        // The hull lists the same six points counter-clockwise from (0, 0), as the table does.
        XCTAssertEqual(rings.map(centre), [vertices[1], vertices[2]].map(centre))
    }

    func testFootnote2PrintedCubicRootMissesTheExactOptimumAtMostPointsOfTheGrid() throws {
        let (spec, table) = try load("wernerfelt-2008", "footnote-2-cubic-figure")
        XCTAssertEqual(table.rows.count, 41)
        func column(_ name: String) throws -> [Double] {
            let c = try XCTUnwrap(table.columnIndex(name))
            return try table.rows.map { try XCTUnwrap($0[c].doubleValue) }
        }
        let r = try column("r"), exact = try column("K_exact"), root = try column("paper_cubic_root"), continuum = try column("K_continuum")
        XCTAssertEqual(r.first, 1e-7)
        XCTAssertEqual(r.last, 1e-2)
        XCTAssertEqual(r, r.sorted())
        // The printed cubic's root is never the exact optimum, and rounds to it at only a few grid points.
        XCTAssertTrue(zip(root, exact).allSatisfy { $0 != $1 })
        let agree = zip(root, exact).filter { $0.rounded() == $1 }.count
        XCTAssertLessThan(agree, table.rows.count / 4, "\(agree) of \(table.rows.count)")
        // The continuum optimum is (h² B N² / (24 r))^(1/3) (h = 1/100, B = 1, N = 99).
        for (k, x) in r.enumerated() {
            XCTAssertEqual(continuum[k], pow(1e-4 * 99 * 99 / (24 * x), 1.0 / 3), accuracy: 1e-9 * continuum[k])
            // The printed cubic's residual vanishes at its root: 120000 r K³ − K² + 3·99 K − 2·99² = 0.
            let K = root[k]
            XCTAssertEqual(120_000 * x * K * K * K - K * K + 297 * K - 19_602, 0, accuracy: 1e-6 * 19_602)
            // The correct first-order condition's root is nearer the exact optimum than the printed one wherever K_exact ≤ 33
            // (r ≥ 7.5e-7), and within 1.5 of it where K_exact ≤ 20.
            if exact[k] <= 33 { XCTAssertLessThan(abs(continuum[k] - exact[k]), abs(root[k] - exact[k]), "r = \(x)") }
            if exact[k] <= 20 { XCTAssertLessThan(abs(continuum[k] - exact[k]), 1.5, "r = \(x)") }
        }
        // The figure draws K_exact in pieces, and the two roots as curves, over a log r axis.
        let svg = try XCTUnwrap(try spec.renderFigure(table))
        XCTAssertTrue(svg.contains("&quot;r (pricing cost per class; B = 1)&quot;, log"))
        XCTAssertTrue(svg.contains("line &quot;K_exact (exact optimum)&quot; (41 points in "))
        XCTAssertTrue(svg.contains("line &quot;root of the printed cubic (footnote 2)&quot; (41 points)"))
        XCTAssertTrue(svg.contains("line &quot;K_continuum: root of 24 r K³ = h² B N²&quot; (41 points)"))
    }
}
