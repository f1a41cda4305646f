/// Points to fit: y against x (and a second input x2 for two-variable laws), each with a
/// label saying where it came from (a run name, a CSV row).
public struct FitData: Sendable, Equatable, Codable {
    public var x: [Double]
    public var x2: [Double]?
    public var y: [Double]
    public var labels: [String]

    public init(x: [Double], x2: [Double]? = nil, y: [Double], labels: [String]? = nil) {
        precondition(x.count == y.count && (x2?.count ?? x.count) == x.count, "inputs of equal length")
        self.x = x
        self.x2 = x2
        self.y = y
        self.labels = labels ?? x.indices.map { String($0 + 1) }
    }

    public var count: Int { y.count }

    func subset(_ indices: [Int]) -> FitData {
        FitData(x: indices.map { x[$0] }, x2: x2.map { x2 in indices.map { x2[$0] } },
                y: indices.map { y[$0] }, labels: indices.map { labels[$0] })
    }
}

/// Why the points do not determine a law, in words about the points (never an optimiser's
/// code); the caller adds which data it was.
public struct FitFailure: Error, Equatable, CustomStringConvertible, Sendable, Codable {
    public enum Kind: Equatable, Sendable, Codable {
        /// No curve of the law passes near the points, or too few of them.
        case undetermined
        /// The points lie along a straight line in log x: their slope is determined (as the
        /// change of y per doubling of x), the law's floor is not.
        case floorUndetermined(slopePerDoubling: Double)
    }

    public var reason: String
    public var kind: Kind
    /// The failure in a few words, as a bootstrap refit's failures are counted.
    var refitReason: String

    public init(_ reason: String, kind: Kind = .undetermined) {
        self.init(reason, kind: kind, refitReason: reason)
    }

    init(_ reason: String, kind: Kind = .undetermined, refitReason: String) {
        self.reason = reason
        self.kind = kind
        self.refitReason = refitReason
    }

    public var description: String { reason }
}
