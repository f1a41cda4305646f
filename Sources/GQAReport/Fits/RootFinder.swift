import CMinpack
import Foundation

/// One-dimensional roots with MINPACK's `hybrd1` (Powell's hybrid method).
enum RootFinder {
    private final class Box {
        let f: (Double) -> Double
        init(_ f: @escaping (Double) -> Double) { self.f = f }
    }

    /// A root of `f` near `start`; nil when MINPACK does not converge to one.
    static func solve(from start: Double, tolerance: Double = 1e-12, _ f: @escaping (Double) -> Double) -> Double? {
        let box = Box(f)
        var x = [start]
        var fvec = [0.0]
        var work = [Double](repeating: 0, count: 16)
        let callback: cminpack_func_nn = { pointer, _, x, fvec, _ in
            let box = Unmanaged<Box>.fromOpaque(pointer!).takeUnretainedValue()
            let value = box.f(x![0])
            guard value.isFinite else { return -1 }
            fvec![0] = value
            return 0
        }
        let info = withExtendedLifetime(box) {
            hybrd1(callback, Unmanaged.passUnretained(box).toOpaque(), 1, &x, &fvec, tolerance, &work, Int32(work.count))
        }
        return info == 1 || abs(fvec[0]) < 1e-9 ? x[0] : nil
    }

    /// The roots of `f` on [lower, upper]: sign changes on a grid of `steps`, each refined.
    static func roots(in lower: Double, _ upper: Double, steps: Int = 400, _ f: @escaping (Double) -> Double) -> [Double] {
        let grid = (0...steps).map { lower + (upper - lower) * Double($0) / Double(steps) }
        var found: [Double] = []
        for (a, b) in zip(grid, grid.dropFirst()) where f(a).sign != f(b).sign || f(a) == 0 {
            if let root = solve(from: (a + b) / 2, f), root >= a - (b - a), root <= b + (b - a) { found.append(root) }
        }
        return found
    }
}
