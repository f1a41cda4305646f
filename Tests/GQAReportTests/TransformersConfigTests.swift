import Foundation
import XCTest

@testable import GQAReport

/// A Transformers `config.json` gives the model's exact parameter count, as Transformers itself
/// builds it: `Fixtures/hf-configs/expected_parameters.json` holds `sum(p.numel())` of each
/// configuration instantiated on the meta device (count_parameters.py), for a small
/// configuration of every family read and for the real configs of `../shared/real-formats`.
final class TransformersConfigTests: XCTestCase {
    private let fixtures = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/hf-configs")

    private func expected() throws -> (families: [String: Int], real: [String: Any]) {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("expected_parameters.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (try XCTUnwrap(object["families"] as? [String: Int]), try XCTUnwrap(object["real"] as? [String: Any]))
    }

    func testEveryFamilyCountsAsTransformersBuildsIt() throws {
        let families = try expected().families
        var covered = Set<String>()
        for (file, count) in families.sorted(by: { $0.key < $1.key }) {
            let url = fixtures.appendingPathComponent("families/\(file)")
            let config = try TransformersConfigReader.read(try Data(contentsOf: url), path: file)
            XCTAssertEqual(ParameterCount(config).total, count, file)
            covered.insert(config.architecture.family)
        }
        XCTAssertEqual(covered, Set(TransformersConfigReader.families.keys), "a configuration of every family read")
    }

    func testRealConfigsCountAsTransformersBuildsThem() throws {
        _ = try Repository.requireRealFormats()
        var checked = 0
        for (file, value) in try expected().real.sorted(by: { $0.key < $1.key }) {
            let folder = file.contains("gpt2") || file.hasPrefix("tinyllama") ? "hf-trainer" : "hf-configs"
            let data = try Data(contentsOf: Repository.realFormats.appendingPathComponent("\(folder)/\(file)"))
            if let count = value as? Int {
                XCTAssertEqual(ParameterCount(try TransformersConfigReader.read(data, path: file)).total, count, file)
                checked += 1
            } else {
                // Remote code (phi-2's MixFormer): Transformers cannot build it, and report says it cannot read it.
                XCTAssertThrowsError(try TransformersConfigReader.read(data, path: file)) { error in
                    XCTAssertTrue("\(error)".contains("is not a family report reads"), "\(error)")
                }
            }
        }
        XCTAssertEqual(checked, 9)
    }

    func testTinyLlamaIsGroupedQueryAttention() throws {
        _ = try Repository.requireRealFormats()
        let url = Repository.realFormats.appendingPathComponent("hf-trainer/tinyllama-1.1b-dpo_config.json")
        let config = try TransformersConfigReader.read(try Data(contentsOf: url), path: "config.json")
        XCTAssertEqual(config.heads, HeadConfiguration(queryHeads: 32, kvHeads: 4))
        XCTAssertEqual(config.keyHeadSize, 64)
        XCTAssertEqual(config.layers, 22)
        XCTAssertEqual(config.ffnInnerSize, 5632)
    }

    func testAMissingKeyAndAnUngroupableConfigAreNamed() {
        let noLayers = Data(#"{"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4, "intermediate_size": 100, "vocab_size": 10}"#.utf8)
        XCTAssertThrowsError(try TransformersConfigReader.read(noLayers, path: "run/config.json")) { error in
            XCTAssertEqual("\(error)", "run/config.json: missing required field 'num_hidden_layers'")
        }
        let ungroupable = Data(#"{"model_type": "mistral", "num_hidden_layers": 1, "hidden_size": 64, "num_attention_heads": 4, "num_key_value_heads": 3, "intermediate_size": 100, "vocab_size": 10}"#.utf8)
        XCTAssertThrowsError(try TransformersConfigReader.read(ungroupable, path: "c.json")) { error in
            XCTAssertTrue("\(error)".contains("num_attention_heads (4) must be a multiple of num_key_value_heads (3)"), "\(error)")
        }
    }
}
