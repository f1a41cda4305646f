import Foundation
import XCTest

@testable import GQAReport

/// A check from outside: Gadre et al. 2024's models (`../shared/fits-data/gadre-overtraining/`,
/// read in place). From their four small RedPajama models at M = 20 the power law with a floor
/// predicts their 6.9B model's C4 loss with the 0.7320% error they publish, and the size law's
/// standard errors (a ≈ 1.1·10⁹) equal scipy's (Fixtures/fits/make_outside_references.py).
final class GadreOvertrainingTests: XCTestCase {
    private struct Model {
        var name: String, n: Double, loss: Double
    }

    private func model(_ file: URL) throws -> Model {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        let hyperparameters = object["hyperparameters"] as! [String: Any]
        let results = object["results"] as! [[String: Any]]
        // The C4 evaluation set: the one whose data path has c4_val as its folder.
        let c4 = results.first { (($0["val_data"] as! [String])[0].split(separator: "/").dropLast().last) == "c4_val" }!
        return Model(name: object["name"] as! String, n: (hyperparameters["params"] as! NSNumber).doubleValue, loss: (c4["loss"] as! NSNumber).doubleValue)
    }

    private func models(_ corpus: String) throws -> (small: [Model], large: [String: Model]) {
        let folder = Repository.fitsData.appendingPathComponent("gadre-overtraining/models")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw XCTSkip("\(folder.path) is not here (set GQA_FITS_DATA to the fits-data folder): Gadre et al.'s models are not checked")
        }
        let small = try names.filter { $0.hasPrefix("\(corpus)-d=") && $0.hasSuffix("-1.0.json") }.sorted()
            .map { try model(folder.appendingPathComponent($0)) }.sorted { $0.n < $1.n }
        var large: [String: Model] = [:]
        for size in ["open_lm_1b", "open_lm_7b"] { large[size] = try model(folder.appendingPathComponent("\(corpus)-\(size)-1.0.json")) }
        return (small, large)
    }

    private func reference(_ corpus: String) throws -> [String: Any] {
        let file = Repository.root.appendingPathComponent("Tests/GQAReportTests/Fixtures/fits/outside-reference.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        return (object["gadre"] as! [[String: Any]]).first { $0["corpus"] as? String == corpus }!
    }

    func testTheirPublishedErrorFor6point9BIsReproduced() throws {
        let (small, large) = try models("rpj")
        XCTAssertEqual(small.count, 4)
        let fit = try CurveFitter.fit(.powerPlusConstant, FitData(x: small.map(\.n), y: small.map(\.loss)))
        let seven = large["open_lm_7b"]!
        let prediction = Prediction(fit, x: seven.n)
        // Their notebook prints 0.7320 % (SOURCES.md).
        XCTAssertEqual(100 * abs(prediction.value - seven.loss) / seven.loss, 0.7320, accuracy: 5e-5)
        XCTAssertEqual(prediction.extrapolations.first?.describe(inputName: "N"), "16.7× the largest fitted N (4.116e+08)")
        XCTAssertTrue(prediction.interval!.contains(seven.loss), "the 95% band at 16.7× holds the observed loss")
    }

    func testSizeLawStandardErrorsEqualScipysAtAScaleOfABillion() throws {
        for corpus in ["rpj", "c4_original"] {
            let (small, _) = try models(corpus)
            let expected = try reference(corpus)["fits"] as! [String: [String: Any]]
            for law in [LawKind.sizeLaw, .powerPlusConstant] {
                let fit = try CurveFitter.fit(law, FitData(x: small.map(\.n), y: small.map(\.loss)))
                let parameters = expected[law.rawValue]!["parameters"] as! [String: Double]
                let errors = expected[law.rawValue]!["stderr"] as! [String: Double]
                XCTAssertNotNil(fit.standardErrors, "\(corpus) \(law.rawValue): \(fit.standardErrorNote ?? "")")
                for (j, name) in fit.parameterNames.enumerated() {
                    XCTAssertEqual(fit.parameters[j], parameters[name]!, accuracy: 1e-6 * abs(parameters[name]!), "\(corpus) \(law.rawValue) \(name)")
                    XCTAssertEqual(fit.standardErrors![j], errors[name]!, accuracy: 1e-4 * errors[name]!, "\(corpus) \(law.rawValue) se(\(name))")
                }
            }
        }
    }
}
