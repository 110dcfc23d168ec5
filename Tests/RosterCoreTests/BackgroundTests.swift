import Dispatch
import Testing

@testable import RosterCore

/// Work started in the background runs while the thread that started it goes on, and its
/// result is there, the same each time, once waited for.
@Suite struct BackgroundTests {
    @Test func theWorkRunsWhileItsStarterGoesOnAndItsResultIsWaitedFor() {
        let started = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0)
        let work = Background { () -> Bool in
            started.signal()
            // Signalled only after the initializer returned: work run inside it times out.
            return go.wait(timeout: .now() + 5) == .success
        }
        #expect(started.wait(timeout: .now() + 5) == .success, "the work started")
        go.signal()
        #expect(work.wait(), "the work ran on a thread of its own, beside its starter")
        #expect(work.wait(), "a second wait gives the same result")
    }
}
