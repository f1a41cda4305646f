import Foundation
import XCTest

@testable import GQAReport

/// What fuzzing found, each now an error naming the file where it was a crash (the inputs are in
/// the fuzz seed corpus too, which FuzzCorpusTests replays).
final class FuzzFindingsTests: XCTestCase {
    func testARunsTableWithARepeatedColumnSaysSo() {
        let data = Data("run,layers,hidden_size,heads,kv_heads,vocab_size,tied,tied\nx,1,16,4,2,256,,\n".utf8)
        XCTAssertThrowsError(try DeclaredRuns.parse(data, file: InputFile(path: "runs.csv", data: data), base: URL(fileURLWithPath: "/"))) { error in
            XCTAssertEqual("\(error)", "runs.csv:1: column 'tied' appears twice in the header")
        }
    }

    func testYAMLWithAMappingAsAKeyIsRefusedNotACrash() throws {
        XCTAssertThrowsError(try YAMLDocument.load("{{}: 1}\n")) { error in
            XCTAssertTrue("\(error)".contains("mapping key that is not a plain value"), "\(error)")
        }
        XCTAssertThrowsError(try YAMLDocument.load(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))) { error in
            XCTAssertTrue("\(error)".contains("nested more than 256 deep"), "\(error)")
        }
        let plain = try XCTUnwrap(YAMLDocument.load("n_layer: 4\nheads: [8, 2]\nname: '[x'\n") as? [String: Any])
        XCTAssertEqual(plain["n_layer"] as? Int, 4)
        XCTAssertEqual(plain["heads"] as? [Int], [8, 2])
        XCTAssertEqual(plain["name"] as? String, "[x")
        let data = Data("{{}: 1}\n".utf8)
        XCTAssertThrowsError(try LightningTrainerLayout.configuration(hparams: data, file: InputFile(path: "v0/hparams.yaml", data: data))) { error in
            XCTAssertTrue((error as? MissingConfiguration)?.reason.hasPrefix("v0/hparams.yaml is not plain YAML") == true, "\(error)")
        }
    }

    func testAClaimsNumberXSDTakesAndSwiftDoesNotIsReadOrRefusedByName() throws {
        let schema = Repository.root.appendingPathComponent("Results/schemas/claim-declarations.xsd")
        let original = try String(contentsOf: Repository.root.appendingPathComponent("Results/claims.xml"), encoding: .utf8)
        let blanks = original.replacingOccurrences(of: #"value="13""#, with: #"value=" 13 ""#)
        XCTAssertNotEqual(blanks, original)
        let claims = try ClaimsFileReader.parse(Data(blanks.utf8), path: "claims.xml", schema: schema)
        XCTAssertTrue(claims.contains { $0.expectation.value == 13 })
        let infinite = original.replacingOccurrences(of: #"value="13""#, with: #"value="INF""#)
        XCTAssertThrowsError(try ClaimsFileReader.parse(Data(infinite.utf8), path: "claims.xml", schema: schema)) { error in
            XCTAssertTrue("\(error)".contains(#"value="INF" is not a finite number"#), "\(error)")
        }
    }
}
