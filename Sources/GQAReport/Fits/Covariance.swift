import Foundation

/// Standard errors s²·(JᵀJ)⁻¹ (what scipy's `curve_fit` reports), computed where they stay
/// accurate whatever the parameters' scales: each column of J is divided by its norm before
/// the inverse and the scale is put back after (the delta method for a change of units). A
/// size law's a ≈ 10⁹ makes the plain JᵀJ's condition number 10²³; scaled, it is that of the
/// points' geometry alone.
enum Covariance {
    /// Why a law's standard errors cannot be had from these points, in words about them.
    struct Unavailable: Error, Equatable {
        var reason: String
    }

    /// J with each column divided by its norm, and the eigen-decomposition of its Gram matrix:
    /// what the standard errors and the leverages are both computed from.
    private struct ScaledJacobian {
        var norms: [Double]
        /// A column of zeros (or not finite): the curve does not change with that parameter,
        /// and nothing below is computed.
        var zeroColumn: Int?
        var rows: [[Double]] = []
        var values: [Double] = []
        var vectors: [[Double]] = []

        init(_ jacobian: [[Double]]) {
            let p = jacobian.first?.count ?? 0
            let norms = (0..<p).map { j in jacobian.reduce(0) { $0 + $1[j] * $1[j] }.squareRoot() }
            self.norms = norms
            zeroColumn = norms.firstIndex { !($0 > 0 && $0.isFinite) }
            guard zeroColumn == nil else { return }
            rows = jacobian.map { row in (0..<p).map { row[$0] / norms[$0] } }
            (values, vectors) = SymmetricMatrix.eigen(SymmetricMatrix.gram(rows))
        }

        /// The eigenvector along which the curve barely moves (an eigenvalue ≤ 1e-12 of the
        /// largest), or nil when every direction is determined.
        var flatDirection: [Double]? {
            let largest = values.max() ?? 0
            guard let smallest = values.indices.min(by: { values[$0] < values[$1] }), !(values[smallest] > 1e-12 * largest) else { return nil }
            return vectors[smallest]
        }
    }

    /// The standard errors of the parameters, or why there are none. `jacobian` holds one row
    /// ∂ŷᵢ/∂p per point; `rss` is the residual sum of squares at the optimum.
    static func standardErrors(jacobian: [[Double]], rss: Double, names: [String]) -> Result<[Double], Unavailable> {
        let n = jacobian.count, p = names.count
        guard n > p else {
            return .failure(Unavailable(reason: "as many points as parameters (\(p)): the curve passes through them, and nothing is left to estimate the noise from"))
        }
        let scaled = ScaledJacobian(jacobian)
        if let j = scaled.zeroColumn {
            return .failure(Unavailable(reason: "the curve does not change with \(names[j]) at these points, so they do not determine it"))
        }
        // A direction of the parameters along which the curve barely moves: not separated.
        if let direction = scaled.flatDirection {
            let involved = (0..<p).filter { abs(direction[$0]) > 0.2 }.map { names[$0] }
            let list = involved.count > 1 ? involved.dropLast().joined(separator: ", ") + " and " + involved.last! : (involved.first ?? names.joined(separator: ", "))
            return .failure(Unavailable(reason: "the points do not separate \(list): changing them together along one direction leaves the curve almost unchanged at these points"))
        }
        let s2 = rss / Double(n - p)
        return .success((0..<p).map { j in
            // (G⁻¹)ⱼⱼ = Σₖ vₖⱼ² / λₖ
            let diagonal = scaled.values.indices.reduce(0.0) { $0 + scaled.vectors[$1][j] * scaled.vectors[$1][j] / scaled.values[$1] }
            return (s2 * diagonal).squareRoot() / scaled.norms[j]
        })
    }

    /// The diagonal of the hat matrix J(JᵀJ)⁻¹Jᵀ, each point's leverage; nil when JᵀJ is
    /// singular.
    static func leverages(jacobian: [[Double]]) -> [Double]? {
        let scaled = ScaledJacobian(jacobian)
        guard scaled.zeroColumn == nil, scaled.flatDirection == nil else { return nil }
        let p = scaled.norms.count
        return scaled.rows.map { row in
            scaled.values.indices.reduce(0.0) { sum, k in
                let projection = (0..<p).reduce(0.0) { $0 + row[$1] * scaled.vectors[k][$1] }
                return sum + projection * projection / scaled.values[k]
            }
        }
    }
}

/// JᵀJ and its eigen-decomposition for the few parameters of a law.
enum SymmetricMatrix {
    static func gram(_ rows: [[Double]]) -> [[Double]] {
        let p = rows.first?.count ?? 0
        return (0..<p).map { i in (0..<p).map { j in rows.reduce(0) { $0 + $1[i] * $1[j] } } }
    }

    /// Eigenvalues and unit eigenvectors (vectors[k] belongs to values[k]) by cyclic Jacobi
    /// rotations: exact to rounding for the 3–5 rows a law has.
    static func eigen(_ matrix: [[Double]]) -> (values: [Double], vectors: [[Double]]) {
        let n = matrix.count
        var a = matrix
        var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i][j] * a[i][j] } }
            let total = (0..<n).reduce(off) { $0 + a[$1][$1] * a[$1][$1] }
            if off <= 1e-30 * total { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0][$0] }, (0..<n).map { k in (0..<n).map { v[$0][k] } })
    }
}
