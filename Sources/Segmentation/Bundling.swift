// Appendix A.3.3: product bundling with additive valuations and zero costs.
//
// m products; the alternatives are the 2^m − 1 nonempty bundles (the empty
// bundle is the outside option); v(t, b) = Σ_{g ∈ b} v(t, {g}); all costs are
// zero. With strictly positive product values the grand bundle is every
// type's unique efficient alternative (the "best alternative" of App A.3.2),
// so by Lemma 6 every inefficient market has a two-type Pareto dominating
// market.
//
// Alternative indices: bundle with bit mask b (bit g = product g) is
// alternative b, for b = 1 ... 2^m − 1; the grand bundle is 2^m − 1.

import Numerics

/// A bundling environment (App A.3.3).
public struct BundlingEnvironment: Sendable, Hashable {
    /// v(t, {g}) for n types and m products.
    public let productValues: [[Rational]]
    /// The general environment over the 2^m − 1 nonempty bundles.
    public let environment: Environment

    /// The number of products m.
    public var productCount: Int { productValues[0].count }
    /// The alternative index of the grand bundle.
    public var grandBundle: Int { (1 << productCount) - 1 }

    /// Builds the environment.
    ///
    /// - Complexity: O(n·2^m·m).
    /// - Throws: `.noProducts` (no types or no products),
    ///   `.raggedProductValues`, `.tooManyProducts` (m > 10), or
    ///   `.nonPositiveProductValue` (the paper assumes positive values).
    public init(productValues: [[Rational]], typeNames: [String]? = nil) throws {
        guard let first = productValues.first, !first.isEmpty else {
            throw SegmentationError.noProducts
        }
        let m = first.count
        if let bad = productValues.firstIndex(where: { $0.count != m }) {
            throw SegmentationError.raggedProductValues(type: bad, products: productValues[bad].count, expected: m)
        }
        guard m <= 10 else {
            throw SegmentationError.tooManyProducts(count: m, limit: 10)
        }
        for (t, row) in productValues.enumerated() {
            if let g = row.firstIndex(where: { $0 <= .zero }) {
                throw SegmentationError.nonPositiveProductValue(type: t, product: g, value: row[g])
            }
        }
        let bundles = 1..<(1 << m)
        let valuations = productValues.map { row in
            bundles.map { b in (0..<m).reduce(Rational.zero) { (b >> $1) & 1 == 1 ? $0 + row[$1] : $0 } }
        }
        let names = bundles.map { b in "{" + (0..<m).filter { (b >> $0) & 1 == 1 }.map { "\($0 + 1)" }.joined(separator: ",") + "}" }
        self.productValues = productValues
        self.environment = try Environment(valuations: valuations, typeNames: typeNames, alternativeNames: names)
    }

    /// The alternative index of a nonempty bundle given as product indices
    /// (0-based). Throws `.invalidBundle` for an empty set
    /// or an unknown product. O(m).
    public func alternative(_ products: [Int]) throws -> Int {
        guard !products.isEmpty, products.allSatisfy({ $0 >= 0 && $0 < productCount }) else {
            throw SegmentationError.invalidBundle(products: products, productCount: productCount)
        }
        return products.reduce(0) { $0 | (1 << $1) }
    }
}
