import CMinpack
import Foundation

/// Least squares with MINPACK's `lmder` (Levenberg–Marquardt with a user Jacobian), the code
/// behind scipy's `curve_fit(method="lm")`, with scipy's default tolerances: the polish of a
/// variable-projection optimum (`CurveFitter`), which computes the standard errors itself.
enum LevenbergMarquardt {
    /// Residuals r(p) (length m) and their Jacobian ∂r/∂p (m rows of n, column-major with
    /// leading dimension `stride`), each computed only when MINPACK asks for it.
    protocol Model {
        func residuals(_ parameters: [Double], into out: UnsafeMutablePointer<Double>)
        func jacobian(_ parameters: [Double], into out: UnsafeMutablePointer<Double>, stride: Int)
    }

    private final class Box {
        let model: any Model
        init(_ model: any Model) { self.model = model }
    }

    /// scipy's `leastsq` defaults: ftol = xtol = 1.49012e-8, gtol = 0, maxfev = 100·(n+1).
    /// The parameters where it converged; nil when it did not (or with fewer points than
    /// parameters): the caller keeps its own optimum then.
    static func minimize(start: [Double], count m: Int, model: some Model) -> [Double]? {
        let n = start.count
        guard m >= n else { return nil }
        var x = start
        var fvec = [Double](repeating: 0, count: m)
        var fjac = [Double](repeating: 0, count: m * n)
        var diag = [Double](repeating: 1, count: n)
        var ipvt = [Int32](repeating: 0, count: n)
        var qtf = [Double](repeating: 0, count: n)
        var wa1 = [Double](repeating: 0, count: n), wa2 = wa1, wa3 = wa1
        var wa4 = [Double](repeating: 0, count: m)
        var nfev: Int32 = 0, njev: Int32 = 0
        let box = Box(model)
        let context = Unmanaged.passUnretained(box).toOpaque()

        let callback: cminpack_funcder_mn = { pointer, m, n, x, fvec, fjac, ldfjac, iflag in
            let box = Unmanaged<Box>.fromOpaque(pointer!).takeUnretainedValue()
            let parameters = Array(UnsafeBufferPointer(start: x, count: Int(n)))
            if iflag == 1 {
                box.model.residuals(parameters, into: fvec!)
                // Stop where the model left its domain.
                for i in 0..<Int(m) where !fvec![i].isFinite { return -1 }
            } else if iflag == 2 {
                box.model.jacobian(parameters, into: fjac!, stride: Int(ldfjac))
                for j in 0..<Int(n) {
                    for i in 0..<Int(m) where !fjac![i + j * Int(ldfjac)].isFinite { return -1 }
                }
            }
            return 0
        }
        let tolerance = 1.49012e-8
        let info = withExtendedLifetime(box) {
            lmder(callback, context, Int32(m), Int32(n), &x, &fvec, &fjac, Int32(m), tolerance, tolerance, 0,
                  Int32(100 * (n + 1)), &diag, 1, 100, 0, &nfev, &njev, &ipvt, &qtf, &wa1, &wa2, &wa3, &wa4)
        }
        return (1...4).contains(info) ? x : nil
    }
}

/// A one-input least-squares law on its data, as MINPACK's callback sees it.
struct LeastSquaresModel<Law: LeastSquaresLaw>: LevenbergMarquardt.Model {
    let law: Law
    let data: FitData

    func residuals(_ parameters: [Double], into out: UnsafeMutablePointer<Double>) {
        for i in data.x.indices { out[i] = law.predict(parameters, x: data.x[i], x2: 0) - data.y[i] }
    }

    func jacobian(_ parameters: [Double], into out: UnsafeMutablePointer<Double>, stride: Int) {
        for i in data.x.indices { law.gradient(parameters, x: data.x[i], into: out + i, stride: stride) }
    }
}
