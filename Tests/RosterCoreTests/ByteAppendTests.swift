import Testing

@testable import RosterCore
import RosterSynth

@Suite struct ByteAppendTests {
    /// Pieces of every length around the cut between one-by-one and whole copies, appended in
    /// turn after bytes already there, give the bytes `append(contentsOf:)` gives.
    @Test func appendedPiecesAreTheBytesOfThePieces() {
        var generator = SplitMix64(seed: 14)
        var fast: [UInt8] = [7, 8], plain: [UInt8] = [7, 8]
        let lengths: [Int] = Array(0...40) + [1, 0, 16, 17, 300]
        for length in lengths {
            let piece = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            piece.withUnsafeBufferPointer { fast.appendBytes($0) }
            plain.append(contentsOf: piece)
        }
        // Compared byte by byte: a failure names the first byte that differs, not both arrays.
        let firstDifference = zip(fast, plain).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil)
        let total: Int = lengths.reduce(2, +)
        #expect(fast.count == total)
    }
}
