import Foundation
import Testing
@testable import RosterCore

@Suite struct FileAccessTests {
    /// A read may return less than was asked before the end of the file (a read stops at 2 GB;
    /// pipes and some file systems return what they have): the rest is read, not dropped.
    /// Half of the bytes are in the pipe when the read starts, the other half come 100 ms later.
    @Test func aShortReadIsReadOnToTheEndOfFile() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (reader, writer) = (ends[0], ends[1])
        defer { close(reader) }
        let first = Array("{\"id\": \"acme\",".utf8), second = Array(" \"name\": \"Acme\"}".utf8)
        #expect(FileAccess.writeAll(writer, first))
        let late = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            _ = FileAccess.writeAll(writer, second)
            close(writer)
        }
        late.start()
        let read = try FileAccess.readAll(reader, size: first.count + second.count).get()
        #expect(read == first + second)
    }
}
