// Probing a solver kind's input validation: a minimal spec of one kind with
// the given parameters, decoded exactly as the runner decodes a spec file.
// Each solver layer's tests use it to show that every invalid value of every
// parameter is reported at exactly that parameter's key path.

extension Registry {
    /// Decodes a minimal spec (`experiments/p/s.json`) of `solver` whose
    /// `parameters` object has the given members (JSON text by key).
    public func probe(_ solver: String, _ parameters: [String: String]) throws -> Spec {
        try probe(solver, json: Self.object(parameters))
    }

    /// The same with the `parameters` object as JSON text
    /// (e.g. `{"N": 5, "selection": "seller-adverse/latest-sale"}`).
    public func probe(_ solver: String, json parameters: String) throws -> Spec {
        let text = "{\"id\": \"s\", \"paper\": \"p\", \"artifact\": \"A\", \"title\": \"T\", \"solver\": \"\(solver)\", \"parameters\": \(parameters)}"
        return try Spec.decode(text: text, file: "experiments/p/s.json", paperFolder: "p", fileStem: "s", registry: self)
    }

    /// The input error decoding reports for these parameters: its key path
    /// (e.g. "parameters.values[1][0]") and message; nil when the spec is
    /// valid. An error of another kind is returned with an empty key path.
    public func inputError(_ solver: String, _ parameters: [String: String]) -> (keyPath: String, message: String)? {
        inputError(solver, json: Self.object(parameters))
    }

    /// The same with the `parameters` object as JSON text.
    public func inputError(_ solver: String, json parameters: String) -> (keyPath: String, message: String)? {
        do {
            _ = try probe(solver, json: parameters)
            return nil
        } catch let HarnessError.invalidSpec(file, keyPath, expected, found, suggestion) {
            return (keyPath, HarnessError.invalidSpec(file: file, keyPath: keyPath, expected: expected, found: found, suggestion: suggestion).description)
        } catch {
            return ("", "\(error)")
        }
    }

    /// A JSON object from members given as JSON text by key, in key order.
    static func object(_ members: [String: String]) -> String {
        "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ") + "}"
    }

    /// Every "kind: parameter" of the registry that none of `keyPaths` (the
    /// key paths at which a test saw input errors, by kind) reports at: the
    /// parameters a test of invalid inputs does not cover.
    public func parametersWithoutCase(_ keyPaths: [(solver: String, keyPath: String)]) -> [String] {
        names.flatMap { name in
            self[name]!.parameters.compactMap { p -> String? in
                let key = "parameters." + p.name
                let covered = keyPaths.contains { $0.solver == name && ($0.keyPath == key || $0.keyPath.hasPrefix(key + "[")) }
                return covered ? nil : "\(name): \(p.name)"
            }
        }
    }
}
