// Decoding a spec's tolerances and sweep axes (values, linear and log grids).

import Foundation
import Numerics

extension Spec {
    static func decodeTolerance(_ r: SpecReader) throws -> Tolerance {
        let obj = try r.object(allowed: ["abs", "rel"])
        guard obj.has("abs") || obj.has("rel") else { throw r.fail("an object with \"abs\" and/or \"rel\"", showFound: false) }
        var t = Tolerance.exact
        for (key, path) in [("abs", \Tolerance.absolute), ("rel", \Tolerance.relative)] {
            if let v = obj.optional(key) {
                let x = try v.rational()
                guard x >= 0 else { throw v.fail("a tolerance ≥ 0") }
                t[keyPath: path] = x
            }
        }
        return t
    }

    static func decodeAxis(_ r: SpecReader, parameter p: ParameterSpec) throws -> [ParameterValue] {
        let obj = try r.object(allowed: ["values", "linear", "log"])
        guard obj.keys.count == 1 else { throw r.fail("exactly one of \"values\", \"linear\", \"log\"", showFound: false) }
        var values: [ParameterValue] = []
        if let v = obj.optional("values") {
            let items = try v.array()
            guard !items.isEmpty else { throw v.fail("a non-empty array") }
            var seen = Set<ParameterValue>()
            for item in items {
                let value = try p.decode(item)
                // Two equal values would give two rows with the same key.
                guard seen.insert(value).inserted else { throw item.fail("each value once (a repeated value would give two rows with the same key)") }
                values.append(value)
            }
        } else if let lin = obj.optional("linear") {
            let o = try lin.object(allowed: ["from", "to", "count", "step"])
            let from = try o.required("from", "the first value").rational()
            let to = try o.required("to", "the last value").rational()
            guard to > from else { throw try o.required("to", "").fail("a value above \"from\" (\(from))") }
            var grid: [Rational] = []
            if let c = o.optional("count") {
                guard !o.has("step") else { throw c.fail("either \"count\" or \"step\", not both", showFound: false) }
                let n = try c.integer()
                guard (2...100_000).contains(n) else { throw c.fail("a count from 2 to 100000") }
                grid = (0..<n).map { from + (to - from) * Rational($0, n - 1) }
            } else if let s = o.optional("step") {
                let step = try s.rational()
                guard step > 0, (to - from) / step <= 100_000 else { throw s.fail("a positive step giving at most 100000 points") }
                var x = from
                while x <= to { grid.append(x); x += step }
            } else {
                throw lin.fail("\"count\" or \"step\"", showFound: false)
            }
            values = try grid.map { x in
                switch p.type {
                case .integer:
                    guard x.isInteger, let i = x.numerator.intValue else { throw lin.fail("a grid of integers for the integer parameter \(p.name) (got \(x))", showFound: false) }
                    return .integer(i)
                case .rational: return .rational(x)
                case .real: return .real(x.doubleValue)
                default: throw lin.fail("a numeric parameter (\(p.name) is \(p.type.description))", showFound: false)
                }
            }
        } else if let lg = obj.optional("log") {
            let o = try lg.object(allowed: ["from", "to", "count"])
            let from = try o.required("from", "the first value").real()
            let to = try o.required("to", "the last value").real()
            let n = try o.required("count", "the number of points").integer()
            guard from > 0, to > from else { throw lg.fail("0 < from < to", showFound: false) }
            guard (2...100_000).contains(n) else { throw lg.fail("a count from 2 to 100000", showFound: false) }
            let grid = (0..<n).map { k -> Double in
                k == 0 ? from : (k == n - 1 ? to : exp(log(from) + Double(k) / Double(n - 1) * log(to / from)))
            }
            switch p.type {
            case .integer:
                var seen = Set<Int>()
                for x in grid {
                    let i = Int(x.rounded())
                    if seen.insert(i).inserted { values.append(.integer(i)) }
                }
            case .real: values = grid.map { .real($0) }
            default: throw lg.fail("an integer or real parameter (\(p.name) is \(p.type.description); log grids are not exact)", showFound: false)
            }
        }
        for (k, v) in values.enumerated() {
            try p.validateSweepValue(v, file: r.file, path: "\(r.path)[\(k)]")
        }
        return values
    }
}
