// Cross-artifact references: a claim may compare its cell with a cell that
// another artifact of the same paper computes (`"reference"` in a check), so a
// threshold another spec computes is never typed in as a literal.

import Numerics

extension Spec {
    /// The references of the spec's claims.
    var references: [ArtifactReference] {
        claims.compactMap { c in
            if case let .compareReference(_, r) = c.check { return r }
            return nil
        }
    }
}

extension Runner {
    /// The specs the selected ones refer to that are not selected themselves
    /// (computed for the references, not written or reported), after checking
    /// that every reference names an artifact of the same paper, a numeric
    /// column of it, and only columns of it in its row selector.
    func referencedSpecs(of specs: [Spec], among files: [SpecFile]) throws -> [Spec] {
        var extra: [Spec] = []
        var errors: [HarnessError] = []
        for spec in specs {
            for ref in spec.references {
                do {
                    let target: Spec
                    if let s = (specs + extra).first(where: { $0.paper == spec.paper && $0.id == ref.artifact }) {
                        target = s
                    } else {
                        let candidates = files.filter { $0.paper == spec.paper }
                        guard let f = candidates.first(where: { $0.stem == ref.artifact }) else {
                            throw HarnessError.invalidSpec(file: spec.file, keyPath: ref.keyPath + ".artifact", expected: "the id of another artifact of \(spec.paper)",
                                                           found: "\"\(ref.artifact)\"", suggestion: nearest(ref.artifact, among: candidates.map(\.stem)))
                        }
                        target = try decodeAll([f])[0]
                        extra.append(target)
                    }
                    guard target.id != spec.id else {
                        throw HarnessError.invalidSpec(file: spec.file, keyPath: ref.keyPath + ".artifact", expected: "another artifact (a claim compares columns of its own table with \"column\")",
                                                       found: "\"\(ref.artifact)\"", suggestion: nil)
                    }
                    guard let c = target.columns.first(where: { $0.name == ref.column }), c.type != .text, c.type != .boolean else {
                        throw HarnessError.invalidSpec(file: spec.file, keyPath: ref.keyPath + ".column", expected: "a numeric output column of \(target.id): " + target.columns.map(\.name).joined(separator: ", "),
                                                       found: "\"\(ref.column)\"", suggestion: nearest(ref.column, among: target.columns.map(\.name)))
                    }
                    for (name, _) in ref.row where !target.columns.contains(where: { $0.name == name }) {
                        throw HarnessError.invalidSpec(file: spec.file, keyPath: ref.keyPath + ".row.\(name)", expected: "an output column of \(target.id)",
                                                       found: "\"\(name)\"", suggestion: nearest(name, among: target.columns.map(\.name)))
                    }
                } catch let e as HarnessError {
                    errors.append(e)
                } catch let e as MultipleErrors {
                    errors += e.errors
                }
            }
        }
        if !errors.isEmpty { throw MultipleErrors(errors: errors) }
        return extra
    }

    /// A resolver over computed tables keyed by qualified id. A reference
    /// whose row selector does not pick exactly one row is an input error; a
    /// referenced artifact whose solver failed gives a non-number (the claim
    /// then fails, next to that artifact's own failure).
    func referenceResolver(paper: String, file: String, tables: [String: Table]) -> ReferenceResolver {
        { ref in
            guard let t = tables["\(paper)/\(ref.artifact)"] else { return .text("unavailable: \(ref.artifact) was not computed") }
            let rows = t.rows(matching: ref.row)
            guard rows.count == 1 else {
                throw HarnessError.invalidSpec(file: file, keyPath: ref.keyPath + (ref.row.isEmpty ? "" : ".row"),
                                               expected: "a reference to exactly one row of \(ref.artifact) (it has \(rowCount(t.rows.count)); give \"row\")", found: "\(rows.count) matching \(rows.count == 1 ? "row" : "rows")", suggestion: nil)
            }
            return t.rows[rows[0]][t.columnIndex(ref.column)!]
        }
    }
}
