import Foundation
import Dispatch

/// One named step of a portal build: it reads what earlier steps left in the ``BuildState`` and
/// adds its own products.
struct BuildStep {
    /// What the pipeline does after a step.
    enum Next {
        /// Run the following step.
        case proceed
        /// The build is complete (nothing changed since the last one): skip the rest.
        case finish
    }

    var name: String
    var body: (inout BuildState) throws(PortalBuilder.Failure.Cause) -> Next

    init(_ name: String, _ body: @escaping (inout BuildState) throws(PortalBuilder.Failure.Cause) -> Next) {
        self.name = name
        self.body = body
    }
}
