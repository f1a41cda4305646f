import Foundation
import SwiftProtobuf
import XCTest

@testable import GQAReport

/// The fast path for scalar records must read every record exactly as swift-protobuf does,
/// and hand everything it does not fully understand to swift-protobuf.
final class ScalarEventScannerTests: XCTestCase {
    /// What swift-protobuf alone reads from a record: the step and the (tag, scalar) pairs.
    private func reference(_ bytes: [UInt8]) -> (step: Int64, scalars: [(String, Double)])? {
        guard let event = try? Tensorboard_Event(serializedBytes: bytes) else { return nil }
        guard case let .summary(summary)? = event.what else { return (event.step, []) }
        return (event.step, summary.value.compactMap { value in TensorBoardEventReader.scalar(value).map { (value.tag, $0) } })
    }

    private func scanned(_ bytes: [UInt8]) -> (step: Int64, scalars: [(String, Double)])? {
        var scanner = ScalarEventScanner()
        return bytes.withUnsafeBytes { raw in
            guard scanner.scan(raw) else { return nil }
            return (scanner.step, scanner.scalars.map { (String(decoding: raw[$0.tag], as: UTF8.self), Double($0.value)) })
        }
    }

    private func event(step: Int64, _ values: [Tensorboard_Summary.Value]) throws -> [UInt8] {
        var event = Tensorboard_Event()
        event.step = step
        event.wallTime = 1_700_000_000.5
        var summary = Tensorboard_Summary()
        summary.value = values
        event.what = .summary(summary)
        return try event.serializedBytes()
    }

    private func simple(_ tag: String, _ number: Float) -> Tensorboard_Summary.Value {
        var value = Tensorboard_Summary.Value()
        value.tag = tag
        value.value = .simpleValue(number)
        return value
    }

    private func assertSame(_ bytes: [UInt8], fastPath expected: Bool, file: StaticString = #filePath, line: UInt = #line) {
        let fast = scanned(bytes)
        XCTAssertEqual(fast != nil, expected, "fast path taken", file: file, line: line)
        guard let fast, let slow = reference(bytes) else { return }
        XCTAssertEqual(fast.step, slow.step, file: file, line: line)
        XCTAssertEqual(fast.scalars.map(\.0), slow.scalars.map(\.0), file: file, line: line)
        XCTAssertEqual(fast.scalars.map { $0.1.bitPattern }, slow.scalars.map { $0.1.bitPattern }, file: file, line: line)
    }

    func testScalarRecordsTakeTheFastPathAndAgreeWithSwiftProtobuf() throws {
        assertSame(try event(step: 7, [simple("train/loss", 3.25)]), fastPath: true)
        assertSame(try event(step: -3, [simple("a", 1), simple("b", -.infinity), simple("", .nan)]), fastPath: true)
        assertSame(try event(step: Int64.max, [simple("train/loss", 0)]), fastPath: true)
        assertSame(try event(step: 0, []), fastPath: true)
        // A value with a tag but no scalar is not a point.
        var bare = Tensorboard_Summary.Value()
        bare.tag = "bare"
        assertSame(try event(step: 1, [bare]), fastPath: true)
        // Repeated fields: the last step wins, two summaries are concatenated.
        let twice = try event(step: 1, [simple("x", 1)]) + event(step: 2, [simple("y", 2)])
        assertSame(twice, fastPath: true)
    }

    func testEverythingElseIsLeftToSwiftProtobuf() throws {
        var tensor = Tensorboard_Summary.Value()
        tensor.tag = "train/loss"
        var proto = Tensorboard_TensorProto()
        proto.dtype = 1
        proto.floatVal = [2.5]
        tensor.value = .tensor(proto)
        assertSame(try event(step: 1, [tensor]), fastPath: false)
        assertSame(try event(step: 1, [simple("lösung", 1)]), fastPath: false)
        var version = Tensorboard_Event()
        version.what = .fileVersion("brain.Event:2")
        assertSame(try version.serializedBytes(), fastPath: false)
        // An unknown field, a truncated record and a wrong wire type.
        assertSame(try event(step: 1, [simple("x", 1)]) + [0xF8, 0x01, 0x05], fastPath: false)
        assertSame(Array(try event(step: 1, [simple("x", 1)]).dropLast()), fastPath: false)
        assertSame([0x10 | 0x05, 0, 0, 0, 0], fastPath: false)
    }

    func testRandomBytesNeverMakeTheFastPathDisagree() {
        var rng = SplitMix64(seed: 42)
        let base = (try? event(step: 300, [simple("train/loss", 2.5), simple("lr", 1e-3)])) ?? []
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0..<(1 + rng.index(below: 3)) {
                bytes[rng.index(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next())
            }
            let fast = scanned(bytes)
            guard let fast else { continue }
            guard let slow = reference(bytes) else {
                return XCTFail("the fast path accepted \(bytes) that swift-protobuf rejects")
            }
            XCTAssertEqual(fast.step, slow.step)
            XCTAssertEqual(fast.scalars.map(\.0), slow.scalars.map(\.0))
            XCTAssertEqual(fast.scalars.map { $0.1.bitPattern }, slow.scalars.map { $0.1.bitPattern })
        }
    }

    func testCRC32CSlicingMatchesTheBytewiseDefinition() {
        var rng = SplitMix64(seed: 7)
        for length in [0, 1, 7, 8, 9, 15, 16, 57, 100, 1000] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            XCTAssertEqual(CRC32C.checksum(bytes), ~crc, "length \(length)")
            XCTAssertEqual(bytes.withUnsafeBytes(CRC32C.tableChecksum), ~crc, "length \(length)")
        }
    }

    /// The CPU's instruction (where this machine has it) equals the table version on random
    /// buffers of every length up to 300 and at every start offset within a word.
    func testCRC32CInstructionMatchesTheTables() throws {
        try XCTSkipUnless(CRC32C.usesHardware, "this CPU has no CRC-32C instruction report uses; the table version is used")
        var rng = SplitMix64(seed: 11)
        let buffer = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        buffer.withUnsafeBytes { all in
            for offset in 0..<8 {
                for length in 0...300 {
                    let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    XCTAssertEqual(CRC32C.checksum(slice), CRC32C.tableChecksum(slice), "offset \(offset), length \(length)")
                }
            }
            let whole = UnsafeRawBufferPointer(rebasing: all[3...])
            XCTAssertEqual(CRC32C.checksum(whole), CRC32C.tableChecksum(whole))
        }
    }
}

/// The writer the tests and the benchmark use encodes by hand; it must write what
/// swift-protobuf writes.
final class TensorBoardEventWriterTests: XCTestCase {
    func testHandEncodedRecordsEqualSwiftProtobufs() throws {
        let cases: [(Int, [(tag: String, value: Float)])] = [
            (1, [("train/loss", 3.5)]), (0, [("", 0)]), (-5, [("a", -1), ("loss/val", .nan)]),
            (20_000, [("efficiency/iter_time", 0.4123), ("train/grad_norm", 1.2)]), (7, []),
            (1 << 40, [(String(repeating: "t", count: 200), 1)]),
        ]
        for (step, scalars) in cases {
            var summary = Tensorboard_Summary()
            summary.value = scalars.map { scalar in
                var value = Tensorboard_Summary.Value()
                value.tag = scalar.tag
                value.value = .simpleValue(scalar.value)
                return value
            }
            var event = Tensorboard_Event()
            event.step = Int64(step)
            event.wallTime = 1_700_000_000 + Double(step)
            event.what = .summary(summary)
            let expected = TensorBoardEventWriter.frame(try event.serializedBytes())
            XCTAssertEqual(TensorBoardEventWriter.record(step: step, scalars: scalars), expected, "step \(step)")
        }
    }
}
