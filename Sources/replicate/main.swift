// `replicate`: the command-line entry point. It only composes the registry
// from the model modules and hands over to the Harness runner.

import Foundation
import Harness
import Papers

/// Every solver kind of every model module.
let registry = paperRegistry

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "try" { exit(Runner(registry: registry).runTry(Array(arguments.dropFirst()))) }
    let options = try RunOptions.parse(arguments)
    exit(Runner(registry: registry).run(options))
} catch {
    FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
    exit(2)
}
