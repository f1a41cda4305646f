import XCTest

@testable import GQAReport

/// Cost formulas against values worked by hand (spec §3, NOTES §2).
final class CostModelTests: XCTestCase {
    /// Llama-3.2-1B's shape as the paper's figures use it: L = 16, d = 2048, H = (32, 8).
    let llama = ModelConfig(layers: 16, hiddenSize: 2048, queryHeads: 32, kvHeads: 8)
    let t128K = 131_072

    func testExactParameterCountOfTheAuthorsSmallestModel() {
        // gpt-4-256: d_ff = int(8·256/3) = 682.
        let config = ModelConfig(layers: 4, hiddenSize: 256, queryHeads: 4, kvHeads: 4)
        let count = ParameterCount(config)
        XCTAssertEqual(config.ffnInnerSize, 682)
        XCTAssertEqual(count.embedding, 50304 * 256)  // 12,877,824
        XCTAssertEqual(count.attentionPerLayer, 4 * 256 * 256)  // q, k, v, o: 262,144
        XCTAssertEqual(count.ffnPerLayer, 3 * 256 * 682)  // 523,776
        XCTAssertEqual(count.normsPerLayer, 512)
        // 4 · (262,144 + 523,776 + 512) + 256 = 3,145,984
        XCTAssertEqual(count.nonEmbedding, 3_145_984)
        XCTAssertEqual(count.total, 3_145_984 + 2 * 12_877_824)
        XCTAssertEqual(count.authorsCodeNonEmbedding, 3_145_984 + 12_877_824)
    }

    func testTiedEmbeddingsDropTheLMHead() {
        var config = ModelConfig(layers: 4, hiddenSize: 256, queryHeads: 4, kvHeads: 4)
        config.tiedEmbeddings = true
        let count = ParameterCount(config)
        XCTAssertEqual(count.lmHead, 0)
        XCTAssertEqual(count.total, count.nonEmbedding + count.embedding)
    }

    func testDecoupledHeadsChangeOnlyAttentionParameters() {
        // H = (8, 1) on d = 512: q and o use 8·64, k and v 1·64.
        let config = ModelConfig(layers: 6, hiddenSize: 512, queryHeads: 8, kvHeads: 1)
        XCTAssertEqual(ParameterCount(config).attentionPerLayer, 512 * 512 + 512 * 64 * 2 + 512 * 512)
    }

    func testFFNInnerSizeOverride() {
        let config = ModelConfig(layers: 2, hiddenSize: 100, queryHeads: 2, kvHeads: 1, ffnInnerSizeOverride: 288)
        XCTAssertEqual(ParameterCount(config).ffnPerLayer, 3 * 100 * 288)
    }

    func testPaperFormulaForTheLlamaPointOfFigure1() {
        // 16 · (8·2048² + 2·2048·64·(32 + 8)) = 704,643,072 (NOTES §3.3: 704.6M).
        XCTAssertEqual(ParameterConvention.paperFormula.count(llama), 704_643_072)
    }

    func testPerTokenCostsAt128K() {
        let n = ParameterConvention.paperFormula.count(llama)
        let cost = InferenceCost(llama, parameters: n, context: t128K, convention: .perToken())
        // Memory: N + 2·T·L·d_h·n_kv = 704,643,072 + 2,147,483,648 values.
        XCTAssertEqual(cost.memoryInvariant, 704_643_072)
        XCTAssertEqual(cost.memoryVariant, 2_147_483_648)
        // FLOPs: 2N + 4·T·L·d_h·n_h = 1,409,286,144 + 17,179,869,184 per token.
        XCTAssertEqual(cost.flopsInvariant, 1_409_286_144)
        XCTAssertEqual(cost.flopsVariant, 17_179_869_184)
        XCTAssertEqual(cost.variantMemoryShare, 2_147_483_648.0 / 2_852_126_720.0, accuracy: 1e-12)
    }

    func testFigure2ConventionAndZReproduceThePapersLlamaZ() {
        let n = ParameterConvention.paperFormula.count(llama)
        let cost = InferenceCost(llama, parameters: n, context: t128K, convention: .figure2())
        XCTAssertEqual(cost.memory, 2 * 2_852_126_720)  // bytes at BF16
        XCTAssertEqual(cost.flops, 131_072 * 18_589_155_328)  // one pass over T tokens
        // NOTES §7.2: Z of Llama L16 at 128K is about 81,430.
        XCTAssertEqual(HardwareCost.paperDefault.z(cost), 81_430, accuracy: 1)
    }

    func testFigure2PointOfTheSmallestH88Model() {
        // fig2-reconstructed.csv: (8,8), L=6, d=768: N 37,748,736, M 1.686e9 B, C 2.21e14, Z 43,002.
        let config = ModelConfig(layers: 6, hiddenSize: 768, queryHeads: 8, kvHeads: 8)
        let n = ParameterConvention.paperFormula.count(config)
        XCTAssertEqual(n, 37_748_736)
        let cost = InferenceCost(config, parameters: n, context: t128K, convention: .figure2())
        XCTAssertEqual(cost.memory, 1.686e9, accuracy: 0.0005e9)
        XCTAssertEqual(cost.flops, 2.21e14, accuracy: 0.005e14)
        XCTAssertEqual(HardwareCost.paperDefault.z(cost), 43_002, accuracy: 1)
    }

    func testFigure1ScatterSumsAttentionCausally() {
        let n = ParameterConvention.paperFormula.count(llama)
        let cost = InferenceCost(llama, parameters: n, context: t128K, convention: .figure1Scatter())
        let t = 131_072.0
        XCTAssertEqual(cost.flopsInvariant, 2 * n * t)
        XCTAssertEqual(cost.flopsVariant, 2 * t * t * 16 * 64 * 32)
        // NOTES: the "1.2B" Llama point sits at 5.34 GB on Figure 1's memory axis.
        XCTAssertEqual(cost.memory, 5.31, accuracy: 0.01)
    }

    func testTrainingFLOPsUnderBothConventions() {
        let config = ModelConfig(layers: 4, hiddenSize: 256, queryHeads: 4, kvHeads: 4)
        let tokens = 1e9, n = 3_145_728.0
        let cost = TrainingCost(config, parameters: n, tokens: tokens, context: 8192)
        let attention = 8192.0 * 4 * 64 * 4
        XCTAssertEqual(cost.flopsTable8, 6 * tokens * n + 12 * tokens * attention)
        XCTAssertEqual(cost.flopsEquation11, 6 * tokens * n + 6 * tokens * attention)
        XCTAssertEqual(cost.memoryValues, 4 * n + 8192 * 256 * 4)
    }

    func testHardwareCostWeights() {
        let memoryOnly = HardwareCost(lambda: 1, alpha: 0.5, beta: 1.0 / 3)
        XCTAssertEqual(memoryOnly.z(memory: 100, flops: 1e9), 10)
        let flopsOnly = HardwareCost(lambda: 0, alpha: 0.5, beta: 1.0 / 3)
        XCTAssertEqual(flopsOnly.z(memory: 100, flops: 1e9), 1000, accuracy: 1e-9)
    }
}
