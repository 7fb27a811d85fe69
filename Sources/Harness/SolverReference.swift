// docs/SOLVERS.md: every solver kind with its parameters (type, domain,
// default, meaning) and columns, generated from the registry's declarations
// (`replicate --solver-docs`, `make docs`); a test keeps the file current.

extension Registry {
    /// The Markdown reference of every kind, sorted by name. Deterministic.
    public func markdownReference() -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|") }
        func defaultCell(_ p: ParameterSpec) -> String {
            p.defaultValue.map { "`\(cell($0.description))`" } ?? (p.isOptional ? "optional (absent: see meaning)" : "required")
        }
        var s = "# Solver kinds\n\n"
        s += "Generated from the solver declarations by `make docs` (`replicate --solver-docs`); do not edit by hand. "
        s += "A spec names a kind in `\"solver\"` and sets its parameters in `\"parameters\"` (or sweeps them); "
        s += "key columns identify a row. `replicate --list-solvers` prints the same in plain text.\n\n"
        let prefixes = names.reduce(into: [String]()) { acc, n in
            let p = String(n.split(separator: ".").first ?? "")
            if acc.last != p { acc.append(p) }
        }
        s += "Kinds by module: " + prefixes.map { p in "`\(p).` (\(names.filter { $0.hasPrefix(p + ".") }.count))" }.joined(separator: ", ") + ".\n"
        // Every convention in one place.
        let conventions = names.flatMap { n in kinds[n]!.parameters.compactMap { p in p.convention.map { (n, p, $0) } } }
        if !conventions.isEmpty {
            s += "\n## Conventions\n\nParameters that fix a convention the paper leaves open (a claim can be checked across them with `\"across\"`; see the README's \"Conventions\"):\n\n"
            s += "| kind | parameter | decides | values | default |\n|---|---|---|---|---|\n"
            for (n, p, what) in conventions {
                s += "| `\(n)` | `\(p.name)` | \(cell(what)) | \(cell(p.type.description)) | \(defaultCell(p)) |\n"
            }
        }
        for name in names {
            let k = kinds[name]!
            s += "\n## `\(name)`\n\n\(cell(k.summary))\n\n"
            if k.parameters.isEmpty {
                s += "No parameters.\n\n"
            } else {
                s += "| parameter | type | domain | default | meaning |\n|---|---|---|---|---|\n"
                for p in k.parameters {
                    let d = defaultCell(p)
                    var domain = p.domain.map(\.description) ?? ""
                    if case .list = p.type { domain += (domain.isEmpty ? "" : "; ") + "at most \(p.maximumCount) elements" }
                    s += "| `\(p.name)` | \(cell(p.type.description)) | \(cell(domain)) | \(d) | \(cell(p.doc)) |\n"
                }
                s += "\n"
            }
            s += "| column | type | meaning |\n|---|---|---|\n"
            for c in k.columns {
                s += "| `\(c.name)`\(c.isKey ? " (key)" : "") | \(c.type.rawValue) | \(cell(c.doc)) |\n"
            }
        }
        return s
    }
}
