/// C6: the smallest R² among the fitted curves of one law and one data source.
struct MinimumFitQuality: ClaimComputation {
    static let name = "minimum-r2"

    func uncertainty(source: DataSource) -> UncertaintySource {
        .none("R² describes how these very points fit their curves, not an estimate of something beyond them; what the digitization does to it is what the tolerance allows for")
    }
    let law: LawKind
    let source: DataSource

    init(_ spec: ComputationSpec) throws {
        guard let law = LawKind(rawValue: try spec.string("law")) else { throw spec.error("unknown law") }
        guard let source = DataSource(rawValue: try spec.string("source")) else {
            throw spec.error("source must be runs, example-runs or digitized")
        }
        self.law = law
        self.source = source
    }

    var dataSources: [DataSource] { [.runs, .digitized] }

    func compute(_ inputs: ClaimInputs) -> ComputedClaim { compute(inputs, source: source) }

    /// The declared source is the digitized side; the runs side reads the runs' fits.
    func compute(_ inputs: ClaimInputs, source requested: DataSource) -> ComputedClaim {
        let source = requested == .runs ? DataSource.runs : self.source
        let outcomes = inputs.fits.filter { $0.selection.law == law && $0.selection.source == source }
        let all = outcomes.compactMap { outcome in outcome.fit.map { (outcome.selection, $0) } }
        // A curve through exactly as many points as it has parameters passes through every one
        // (R² = 1 by construction): it says nothing about how well the law fits.
        let fits = all.filter { !$0.1.isInterpolation }, interpolations = all.filter { $0.1.isInterpolation }
        guard let worst = fits.min(by: { $0.1.r2 < $1.1.r2 }) else {
            if !interpolations.isEmpty {
                return .cannotBeChecked("every \(law.rawValue) curve from \(source.rawValue) (\(interpolations.count)) has exactly as many points as parameters: an interpolation, R² = 1 by construction, so none tests the law's fit; it needs more points a curve")
            }
            return .cannotBeChecked("no \(law.rawValue) curve from \(source.rawValue) could be fitted (\(outcomes.count) candidate(s); each needs at least 3 sizes)")
        }
        var result = ComputedClaim(value: worst.1.r2, basis: "\(fits.count) \(law.rawValue) fit(s) of \(source.rawValue) data"
            + (interpolations.isEmpty ? "" : ", not counting \(interpolations.count) interpolation(s)"))
        result.details = fits.map { "\($0.0.summary): R² = \(String(format: "%.6f", $0.1.r2)) (\($0.1.n) points)" }
        result.details += interpolations.map { "\($0.0.summary): left out, \($0.1.n) points for \($0.1.parameterNames.count) parameters (an interpolation)" }
        result.details.append("lowest: \(worst.0.summary)")
        return result
    }
}
