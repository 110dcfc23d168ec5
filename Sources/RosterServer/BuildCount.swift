import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle
import RosterCore
import RosterSite

/// How many builds the preview ran; builds run one at a time, on the watcher's thread.
final class BuildCount: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}
