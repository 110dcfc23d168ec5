import ArgumentParser
import Foundation
import RosterCore

/// `--format` of the list and show verbs.
enum ViewFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
