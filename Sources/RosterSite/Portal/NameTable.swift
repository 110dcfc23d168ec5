import Foundation

/// Names (bytes) with a value each, looked up by bytes without making a String: open
/// addressing on a 64-bit hash, and every hit compared byte for byte, so two names never pass
/// for one whatever their hashes. The output folder's checks look up 200,000 paths and the
/// entries of folders of 100,000 files at 100,000 orgs; a `[Substring: mode_t]` spent most of
/// that time hashing and counting references.
struct NameTable<Value> {
    /// Every name, back to back.
    private var bytes: [UInt8] = []
    private var entries: [(start: Int, count: Int, hash: UInt64, value: Value)] = []
    /// Entry index + 1 for each slot; 0: empty. Its size is a power of two, at least twice the entries.
    private var slots: [Int32]

    init(capacity: Int = 16) {
        slots = Array(repeating: 0, count: Self.slotCount(for: capacity))
        entries.reserveCapacity(capacity)
    }

    /// Slots for `capacity` keys: a power of two, at least twice as many.
    static func slotCount(for capacity: Int) -> Int {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        return size
    }

    var count: Int { entries.count }

    /// The value of `name`, nil when it is not in the table.
    func value(_ name: UnsafeRawBufferPointer) -> Value? {
        let hash = Self.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash && same(entry.start, entry.count, name) { return entry.value }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Adds `name` with `value`; false (and the table unchanged) when the name is in it already.
    @discardableResult
    mutating func insert(_ name: UnsafeRawBufferPointer, _ value: Value) -> Bool {
        if 2 * (entries.count + 1) > slots.count { grow() }
        let hash = Self.hash(name)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let entry = entries[Int(slots[slot]) - 1]
            if entry.hash == hash && same(entry.start, entry.count, name) { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
        entries.append((bytes.count, name.count, hash, value))
        bytes.append(contentsOf: name)
        slots[slot] = Int32(entries.count)
        return true
    }

    /// The value of `name`, its bytes read in place (a native String's always are).
    func value(_ name: String) -> Value? {
        name.utf8.withContiguousStorageIfAvailable { value(UnsafeRawBufferPointer($0)) } ?? value(name[...])
    }

    func value(_ name: Substring) -> Value? {
        var name = name
        return name.withUTF8 { value(UnsafeRawBufferPointer($0)) }
    }

    @discardableResult
    mutating func insert(_ name: Substring, _ value: Value) -> Bool {
        var name = name
        return name.withUTF8 { insert(UnsafeRawBufferPointer($0), value) }
    }

    private func same(_ start: Int, _ count: Int, _ name: UnsafeRawBufferPointer) -> Bool {
        guard count == name.count else { return false }
        return bytes.withUnsafeBytes { stored in
            count == 0 || memcmp(stored.baseAddress! + start, name.baseAddress!, count) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for k in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[k].hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(k + 1)
        }
    }

    /// FNV-1a over the bytes, then mixed (murmur's finalizer) so the low bits, which pick the
    /// slot, depend on every byte.
    static func hash(_ name: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}

extension NameTable: Sendable where Value: Sendable {}

/// A set of Strings hashed like ``NameTable`` (FNV-1a of the bytes, every hit compared), that
/// keeps the Strings themselves rather than a copy of their bytes: the output checks' set of
/// 200,000 paths shares the paths' storage (copied bytes held 15 MB more at 100,000 orgs).
struct StringTable {
    private var keys: [String] = []
    private var slots: HashedSlots

    init(capacity: Int = 16) {
        slots = HashedSlots(capacity: capacity)
        keys.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// Adds `key` unless it is in the table; whether it was added. `make` gives the String to
    /// keep (called only when it is added: a folder's String is made once).
    @discardableResult
    mutating func insert(_ key: Substring, make: () -> String) -> Bool {
        var key = key
        let hash = key.withUTF8 { NameTable<Bool>.hash(UnsafeRawBufferPointer($0)) }
        guard slots.insert(keys.count, hash: hash, same: { [keys] in SiteOutput.same(keys[$0][...], key) }) else { return false }
        keys.append(make())
        return true
    }
}

/// Items (numbered by the caller) in an open-addressing table by a hash made beforehand: a
/// look-up compares hashes first and calls `same` only on a hash that matches.
struct HashedSlots {
    private var hashes: [UInt64] = []
    private var items: [Int32] = []
    /// Entry index + 1 for each slot; 0: empty. A power of two, at least twice the entries.
    private var slots: [Int32]

    init(capacity: Int) {
        slots = Array(repeating: 0, count: NameTable<Bool>.slotCount(for: capacity))
        hashes.reserveCapacity(capacity)
        items.reserveCapacity(capacity)
    }

    /// Adds `item` unless an item for which `same` holds, with the same hash, is there; whether
    /// it was added.
    mutating func insert(_ item: Int, hash: UInt64, same: (Int) -> Bool) -> Bool {
        if 2 * (hashes.count + 1) > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let e = Int(slots[slot]) - 1
            if hashes[e] == hash && same(Int(items[e])) { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
        hashes.append(hash)
        items.append(Int32(item))
        slots[slot] = Int32(hashes.count)
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for e in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[e]) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(e + 1)
        }
    }
}
