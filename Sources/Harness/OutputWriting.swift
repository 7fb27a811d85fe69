// Writing results: each artifact's CSV and SVG, the goldens on --bless, the
// reports; every file replaced atomically.

import Foundation

extension Runner {

    func writeOutputs(_ outcomes: inout [ArtifactOutcome], _ o: RunOptions) throws {
        for k in outcomes.indices {
            guard let table = outcomes[k].table else { continue }
            let spec = outcomes[k].spec
            try writeAtomically(table.csv, to: "\(o.results)/\(spec.paper)/\(spec.id).csv")
            let figurePath = "\(o.results)/\(spec.paper)/\(spec.id).svg"
            if let svg = outcomes[k].figureSVG {
                try writeAtomically(svg, to: figurePath)
                outcomes[k].figureFile = "\(spec.paper)/\(spec.id).svg"
            } else if FileManager.default.fileExists(atPath: figurePath) {
                // The spec no longer draws a figure: its old picture would contradict it.
                try FileManager.default.removeItem(atPath: figurePath)
            }
            if o.bless {
                try writeAtomically(table.csv, to: "\(o.experiments)/\(spec.goldenPath)")
                outcomes[k].blessed = true
            }
        }
        if o.isFullRun {
            try writeAtomically(markdownReport(outcomes), to: "\(o.results)/REPORT.md")
            for paper in paperOrder(outcomes) {
                try writeAtomically(paperReport(paper, outcomes.filter { $0.spec.paper == paper }), to: "\(o.results)/\(paper)/README.md")
            }
        }
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a
/// rename, so readers never see a half-written file. Creates folders.
public func writeAtomically(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw HarnessError.io(file: path, message: "cannot replace the file (errno \(errno))")
        }
    } catch let e as HarnessError {
        throw e
    } catch {
        throw HarnessError.io(file: path, message: "cannot write: \(error.localizedDescription)")
    }
}
