import CNLopt
import Foundation

/// Unconstrained minimisation with NLopt's L-BFGS, for objectives that are not sums of squares
/// (the Huber loss of the Chinchilla fit).
enum LBFGSMinimizer {
    typealias Objective = ([Double]) -> (value: Double, gradient: [Double])

    private final class Box {
        let objective: Objective
        init(_ objective: @escaping Objective) { self.objective = objective }
    }

    /// Returns the best point and value, or nil when NLopt reports a failure.
    static func minimize(start: [Double], objective: @escaping Objective) -> (x: [Double], value: Double)? {
        let n = start.count
        guard let optimizer = nlopt_create(NLOPT_LD_LBFGS, UInt32(n)) else { return nil }
        defer { nlopt_destroy(optimizer) }
        let box = Box(objective)
        let callback: nlopt_func = { n, x, gradient, data in
            let box = Unmanaged<Box>.fromOpaque(data!).takeUnretainedValue()
            let (value, g) = box.objective(Array(UnsafeBufferPointer(start: x, count: Int(n))))
            if let gradient { for j in 0..<Int(n) { gradient[j] = g[j] } }
            return value.isFinite ? value : Double.greatestFiniteMagnitude
        }
        return withExtendedLifetime(box) {
            nlopt_set_min_objective(optimizer, callback, Unmanaged.passUnretained(box).toOpaque())
            nlopt_set_ftol_rel(optimizer, 1e-12)
            nlopt_set_xtol_rel(optimizer, 1e-10)
            nlopt_set_maxeval(optimizer, 5000)
            var x = start
            var value = 0.0
            let result = nlopt_optimize(optimizer, &x, &value)
            // Negative results are failures; NLOPT_ROUNDOFF_LIMITED (−4) still leaves a usable point.
            guard result.rawValue > 0 || result == NLOPT_ROUNDOFF_LIMITED, value.isFinite else { return nil }
            return (x, value)
        }
    }
}
