/// Where the points of a fit came from. Runs from logs, example runs and digitized points are
/// never mixed in one fit.
public enum DataSource: String, Sendable, Codable, CaseIterable {
    /// Runs ingested from logs under Results/runs/.
    case runs
    /// Runs marked with EXAMPLE.txt: the pipeline works on them, no claim rests on them.
    case exampleRuns = "example-runs"
    /// Points read off the paper's figures, with the precision DIGITIZED.md states.
    case digitized
}

/// One curve of the study: which law, on which points.
public struct FitSelection: Sendable {
    public var law: LawKind
    public var source: DataSource
    /// What is fitted, for people: "loss against N for H = (8, 1)".
    public var summary: String
    public var xName: String
    public var yName: String
    public var heads: HeadConfiguration?
    /// For digitized data: the figure's series ("H=(8,1)", "Llama-3 GQA") and its source id.
    public var series: String?
    public var sourceID: String?
    /// For loss against heads: the model shape the heads vary on.
    public var shape: (layers: Int, hiddenSize: Int)?
    /// For loss against a cost: the context length of the cost.
    public var context: Int?
    public var data: FitData
    /// For loss against heads: the n_kv the query heads vary at (two curves of one shape
    /// differ only in it).
    public var kvHeads: Int? = nil
    /// For runs: the sweep whose runs these are (`Sweep`).
    public var sweep: String? = nil
    /// Whether the sweep is named in `id` and the summary (a source with several sweeps).
    public var sweepInID = false

    /// A stable identifier, used in tables and links.
    public var id: String {
        var parts = [law.rawValue, xName.replacingOccurrences(of: " ", with: "-")]
        if let sourceID { parts.append(sourceID) }
        if let series {
            parts.append(Slug.make(series))
        } else if let heads {
            parts.append("h\(heads.queryHeads)-kv\(heads.kvHeads)")
        }
        if let shape { parts.append("L\(shape.layers)-d\(shape.hiddenSize)" + (kvHeads.map { "-kv\($0)" } ?? "")) }
        if let context { parts.append("T\(context)") }
        if sweepInID, let sweep { parts.append(Slug.make(sweep)) }
        parts.append(source.rawValue)
        return parts.joined(separator: "_")
    }
}

/// A selection and what became of it.
public struct FitOutcome: Sendable {
    public enum Status: Sendable {
        case fitted(Fit)
        /// No curve of the law passes near the points; why, in words about the points.
        case undetermined(String)
        /// The points lie along a straight line in log x: their slope (change of y per
        /// doubling of x) is determined, the law's floor is not.
        case floorUndetermined(slopePerDoubling: Double, reason: String)
        /// Fewer distinct x values than the law has parameters.
        case insufficient(String)

        /// As `fits.xml` names it.
        public var name: String {
            switch self {
            case .fitted: return "fitted"
            case .undetermined: return "undetermined"
            case .floorUndetermined: return "floor-undetermined"
            case .insufficient: return "insufficient"
            }
        }

        /// Why the curve was not fitted; nil when it was.
        public var reason: String? {
            switch self {
            case .fitted: return nil
            case let .undetermined(reason), let .floorUndetermined(_, reason), let .insufficient(reason): return reason
            }
        }

        /// From a fit's failure.
        init(_ failure: FitFailure) {
            switch failure.kind {
            case .undetermined: self = .undetermined(failure.reason)
            case let .floorUndetermined(slope): self = .floorUndetermined(slopePerDoubling: slope, reason: failure.reason)
            }
        }
    }

    public var selection: FitSelection
    public var status: Status
    /// A size law of 4 or more sizes refitted without its largest and asked to predict it:
    /// how well the law extrapolates (nil for other curves).
    public var holdout: HoldoutCheck?

    public init(selection: FitSelection, status: Status, holdout: HoldoutCheck? = nil) {
        self.selection = selection
        self.status = status
        self.holdout = holdout
    }

    public var fit: Fit? {
        if case let .fitted(fit) = status { return fit }
        return nil
    }
}
