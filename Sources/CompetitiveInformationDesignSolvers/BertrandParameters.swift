// Parameters the discrete Bertrand kinds share (Sec. I–III and Example 1 of
// Bergemann, Brooks & Morris): each producer's type marginal over (v_i, c_i)
// with the number of producers, or joint profiles (v, c) with their
// probabilities. The model's errors about an environment are mapped here to
// the spec keys they concern.

import Harness
import Numerics
import CompetitiveInformationDesign

let typesDoc = "each producer's possible (value, cost) pairs, e.g. [[1, 1], [1, 0], [4, 1], [4, 0]] (both producers draw independently from the same marginal)"
let typeProbabilitiesDoc = "probabilities of those pairs (exact sum 1)"

/// One (value, cost) type of a producer's marginal, with its probability.
typealias ProducerType = (value: Rational, cost: Rational, probability: Rational)

/// A producer's type marginal, required.
struct TypeMarginalParameters: SolverParameters {
    @Parameter("types", doc: typesDoc, minimumCount: 1)
    var types: [[Rational]]
    @Parameter("type_probabilities", doc: typeProbabilitiesDoc, domain: .nonNegative, minimumCount: 1)
    var typeProbabilities: [Rational]

    func marginal() throws -> [ProducerType] {
        try typeMarginal(types: types, probabilities: typeProbabilities, typesKey: $types, probabilitiesKey: $typeProbabilities)
    }
}

/// A producer's type marginal, optional (when joint profiles may be given instead).
struct OptionalTypeMarginalParameters: SolverParameters {
    @Parameter("types", doc: typesDoc, default: [])
    var types: [[Rational]]
    @Parameter("type_probabilities", doc: typeProbabilitiesDoc, default: [], domain: .nonNegative)
    var typeProbabilities: [Rational]

    func marginal() throws -> [ProducerType] {
        try typeMarginal(types: types, probabilities: typeProbabilities, typesKey: $types, probabilitiesKey: $typeProbabilities)
    }
}

/// The (value, cost, probability) triples of a type marginal.
func typeMarginal(types: [[Rational]], probabilities: [Rational], typesKey: ParameterKey, probabilitiesKey: ParameterKey) throws -> [ProducerType] {
    guard types.count == probabilities.count else {
        throw SolverInputError(probabilitiesKey, expected: "a valid value (invalid type_probabilities: \(probabilities.count) probabilities for \(types.count) types; expected one each)")
    }
    if let k = types.firstIndex(where: { $0.count != 2 }) {
        throw SolverInputError(typesKey[k], expected: "a valid value (invalid types: each type is a [value, cost] pair)")
    }
    return zip(types, probabilities).map { ($0[0], $0[1], $1) }
}

/// The number of producers drawing i.i.d. types.
struct ProducerCountParameters: SolverParameters {
    @Parameter("producers", doc: "number of producers (independent, identically distributed types)", default: 2, domain: .between(1, 4))
    var producers: Int
}

/// The environment of i.i.d. producers, with the model's errors at the keys.
func productEnvironment(_ marginal: [ProducerType], producers: Int, typesKey: ParameterKey, probabilitiesKey: ParameterKey, producersKey: ParameterKey) throws -> BertrandEnvironment {
    do {
        return try BertrandEnvironment.product(marginals: Array(repeating: marginal, count: producers))
    } catch let e as CompetitiveInformationDesignError {
        let key: ParameterKey
        switch e {
        case .noMarginals: key = producersKey
        case .marginalSum, .negativeProbability, .probabilitiesSum, .probabilityCount: key = probabilitiesKey
        default: key = typesKey
        }
        throw SolverInputError(key, expected: "a valid value (\(e.description))")
    }
}

/// I.i.d. producers with a required type marginal: the residual and segmentation kinds.
struct IndependentTypesParameters: SolverParameters {
    var marginal = TypeMarginalParameters()
    var count = ProducerCountParameters()

    func environment() throws -> BertrandEnvironment {
        try productEnvironment(try marginal.marginal(), producers: count.producers, typesKey: marginal.$types,
                               probabilitiesKey: marginal.$typeProbabilities, producersKey: count.$producers)
    }
}

/// I.i.d. producers, or joint profiles that override them: Theorem 1's welfare kind.
struct TypesOrProfilesParameters: SolverParameters {
    var marginal = OptionalTypeMarginalParameters()
    var count = ProducerCountParameters()
    @Parameter("profiles", doc: "alternatively, joint profiles [v_1, …, v_N, c_1, …, c_N] (overrides types)", default: [])
    var profiles: [[Rational]]
    @Parameter("profile_probabilities", doc: "probabilities of the profiles (exact sum 1)", default: [], domain: .nonNegative)
    var profileProbabilities: [Rational]

    func environment() throws -> BertrandEnvironment {
        guard !profiles.isEmpty else {
            return try productEnvironment(try marginal.marginal(), producers: count.producers, typesKey: marginal.$types,
                                          probabilitiesKey: marginal.$typeProbabilities, producersKey: count.$producers)
        }
        guard let width = profiles.first?.count, width >= 2, width % 2 == 0, profiles.allSatisfy({ $0.count == width }) else {
            throw SolverInputError($profiles, expected: "a valid value (invalid profiles: rows of equal, even length [v_1, …, v_N, c_1, …, c_N])")
        }
        let n = width / 2
        do {
            return try BertrandEnvironment(profiles: profiles.map { BertrandProfile(values: Array($0[0..<n]), costs: Array($0[n...])) },
                                           probabilities: profileProbabilities)
        } catch let e as CompetitiveInformationDesignError {
            let key: ParameterKey
            switch e {
            case let .profileShape(k, _, _, _), let .negativeValue(k), let .negativeCost(k): key = $profiles[k]
            case let .negativeProbability(k, _): key = $profileProbabilities[k]
            case .probabilityCount, .probabilitiesSum: key = $profileProbabilities
            default: key = $profiles
            }
            throw SolverInputError(key, expected: "a valid value (\(e.description))")
        }
    }
}
