import Foundation
import GQAReport

/// A synthetic sweep in the authors' layout for the scale benchmark: `runs` run directories,
/// each with `model_config.json`, `args.json`, an `EXAMPLE.txt` that says it is benchmark
/// input, and one TensorBoard event file of `steps` steps × 12 tags, one scalar per event as
/// PyTorch's `add_scalar` writes them. Model shapes cycle through the seven head
/// configurations of the paper's Figure 2 on the d = 128·L ladder; losses follow a size law
/// plus a seeded wobble. Benchmark input, not study data.
struct SweepGenerator {
    var runs: Int
    var steps: Int
    /// Log every n-th step (1: every step).
    var logEvery: Int

    static let tags = [
        "train/loss", "loss/val", "train/learning_rate", "train/grad_norm", "train/n_input_tokens_seen",
        "efficiency/iter_time", "efficiency/fwd_time", "efficiency/bwd_time", "efficiency/data_time",
        "efficiency/mem_allocated", "efficiency/mem_reserved", "misc/cur_step",
    ]
    static let heads = [(8, 8), (8, 4), (8, 2), (8, 1), (4, 1), (2, 1), (1, 1)]
    static let ladder = [(6, 768), (8, 1024), (10, 1280), (12, 1536), (14, 1792), (16, 2048)]

    func name(_ index: Int) -> String {
        let (nh, nkv) = Self.heads[index % Self.heads.count]
        let (layers, hidden) = Self.ladder[(index / Self.heads.count) % Self.ladder.count]
        return String(format: "bench_gpt-%d-%d-h%d-kv%d_seed%04d", layers, hidden, nh, nkv, index / (Self.heads.count * Self.ladder.count))
    }

    func eventFileName(_ index: Int) -> String { "events.out.tfevents.1700000000.bench.\(index).0" }

    /// Writes every run on every core; returns the bytes of event files and their records.
    func write(into runsFolder: URL) throws -> (bytes: Int, records: Int) {
        try FileManager.default.createDirectory(at: runsFolder, withIntermediateDirectories: true)
        let bytes = UnsafeMutablePointer<Int>.allocate(capacity: runs)
        defer { bytes.deallocate() }
        nonisolated(unsafe) let sizes = bytes
        nonisolated(unsafe) var failure: Error?
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: runs) { index in
            do {
                sizes[index] = try writeRun(index, into: runsFolder, wobble: 0)
            } catch {
                lock.withLock { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
        return ((0..<runs).reduce(0) { $0 + sizes[$1] }, runs * (steps / logEvery) * Self.tags.count)
    }

    /// Writes one run; a different `wobble` changes its losses (the benchmark's "one run changed").
    @discardableResult
    func writeRun(_ index: Int, into runsFolder: URL, wobble: Double) throws -> Int {
        let (nh, nkv) = Self.heads[index % Self.heads.count]
        let (layers, hidden) = Self.ladder[(index / Self.heads.count) % Self.ladder.count]
        let directory = runsFolder.appendingPathComponent(name(index))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let model = #"{"d_model": \#(hidden), "dim_k": 64, "dim_v": 64, "ffn_is_gated": 1, "n_head": \#(nh), "n_kv_head": \#(nkv), "n_layer": \#(layers), "vocab_size": 50304}"#
        let args = #"{"batch_size": 8, "max_len": 8192, "n_gpus": 8, "n_train_steps": \#(steps)}"#
        try Data(model.utf8).write(to: directory.appendingPathComponent("model_config.json"))
        try Data(args.utf8).write(to: directory.appendingPathComponent("args.json"))
        try Data("Benchmark input made by report-benchmarks sweep: synthetic losses, not study data.\n".utf8)
            .write(to: directory.appendingPathComponent("EXAMPLE.txt"))

        let n = ParameterConvention.paperFormula.count(ModelConfig(layers: layers, hiddenSize: hidden, queryHeads: nh, kvHeads: nkv))
        let seedWobble = 0.004 * sin(Double(index) * 12.9898) + wobble
        let final = SizeLaw().predict([5e7 * Double(9 - nkv) / Double(nh), 0.21, 2.1], x: n) + seedWobble
        var file = EventFileBuilder(capacity: (steps / logEvery) * Self.tags.count * 60)
        for step in stride(from: logEvery, through: steps, by: logEvery) {
            let s = Double(step)
            let loss = final + 6 * pow(s, -0.6)
            let values: [Double] = [
                loss, loss + 0.01, 1e-3 * min(1, s / 2000), 1.2 + 0.1 * sin(s), s * 524_288,
                0.4123, 0.1001, 0.2002, 0.0012, 2.1e10, 2.4e10, s,
            ]
            for (tag, value) in zip(file.tagIndices, values) { file.append(step: step, tag: tag, value: Float(value)) }
        }
        try file.data.write(to: directory.appendingPathComponent(eventFileName(index)))
        return file.data.count
    }
}

/// Encodes one-scalar events into a growing buffer: the bytes `TensorBoardEventWriter`
/// writes (checked by `selfCheck`), without its per-record allocations, because a sweep has
/// hundreds of millions of records.
struct EventFileBuilder {
    private(set) var data = Data()
    private var record = [UInt8](repeating: 0, count: 512)
    /// Each tag's bytes.
    private let tagBytes = SweepGenerator.tags.map { Array($0.utf8) }
    var tagIndices: Range<Int> { tagBytes.indices }

    init(capacity: Int) {
        data.reserveCapacity(capacity)
    }

    mutating func append(step: Int, tag: Int, value: Float) {
        let tagCount = tagBytes[tag].count
        let valueLength = 2 + tagCount + 5
        let summaryLength = 2 + valueLength
        var stepBytes = 0
        var stepValue = UInt64(step)
        repeat { stepBytes += 1; stepValue >>= 7 } while stepValue > 0
        let eventLength = 9 + (step != 0 ? 1 + stepBytes : 0) + 2 + summaryLength
        record.withUnsafeMutableBytes { out in
            var at = 0
            func byte(_ b: UInt8) { out[at] = b; at += 1 }
            func u64(_ v: UInt64) { out.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt64.self); at += 8 }
            func u32(_ v: UInt32) { out.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt32.self); at += 4 }
            u64(UInt64(eventLength))
            u32(CRC32C.masked(UnsafeRawBufferPointer(rebasing: out[0..<8])))
            let start = at
            byte(0x09); u64((1_700_000_000 + Double(step)).bitPattern)
            if step != 0 {
                byte(0x10)
                var v = UInt64(step)
                while v >= 0x80 { byte(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
                byte(UInt8(v))
            }
            byte(0x2A); byte(UInt8(summaryLength))
            byte(0x0A); byte(UInt8(valueLength))
            byte(0x0A); byte(UInt8(tagCount))
            for b in tagBytes[tag] { byte(b) }
            byte(0x15); u32(value.bitPattern)
            u32(CRC32C.masked(UnsafeRawBufferPointer(rebasing: out[start..<at])))
            data.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[0..<at]))
        }
    }

    /// Fails unless this builder writes what `TensorBoardEventWriter` writes.
    static func selfCheck() throws {
        for step in [1, 127, 128, 20_000, 1 << 30] {
            for tag in SweepGenerator.tags.indices {
                var builder = EventFileBuilder(capacity: 64)
                builder.append(step: step, tag: tag, value: 2.5)
                guard builder.data == TensorBoardEventWriter.record(step: step, scalars: [(SweepGenerator.tags[tag], 2.5)]) else {
                    throw BenchmarkError("the sweep's event encoder differs from TensorBoardEventWriter at step \(step), tag \(SweepGenerator.tags[tag])")
                }
            }
        }
    }
}
