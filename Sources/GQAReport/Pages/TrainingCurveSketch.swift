import Foundation

/// A small inline SVG of one run's training loss against log(step), for its entry on the runs
/// page. Numbers only go into it (never the run's name), so it needs no escaping beyond the
/// label, which is escaped.
enum TrainingCurveSketch {
    static let width = 320.0, height = 96.0, margin = 4.0

    /// A 320-pixel sketch needs no more points than this; a sweep's runs page has one a run.
    static let maximumPoints = 120

    static func svg(_ curve: [MetricPoint], label: String) -> String {
        let finite = curve.filter { $0.step > 0 && $0.value.isFinite }
        let stride = max(1, (finite.count + maximumPoints - 1) / maximumPoints)
        var points = finite.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        if let last = finite.last, points.last?.step != last.step { points.append(last) }
        let escaped = XMLBuilder.escape(label)
        guard points.count >= 2, let first = points.first?.step, let last = points.last?.step, last > first else {
            return "<p class=\"note\">No training curve to draw (fewer than two logged training losses).</p>"
        }
        let losses = points.map(\.value)
        let low = losses.min()!, high = losses.max()!
        let span = high > low ? high - low : 1
        let x0 = log(Double(first)), x1 = log(Double(last))
        // Tenths of a pixel, written without String(format:) (a thousand runs' sketches are
        // part of every rebuild of the runs page).
        func tenths(_ value: Double) -> String {
            let scaled = Int((value * 10).rounded())
            return "\(scaled / 10).\(scaled % 10)"
        }
        let coordinates = points.map { point -> String in
            let x = margin + (log(Double(point.step)) - x0) / (x1 - x0) * (width - 2 * margin)
            let y = margin + (high - point.value) / span * (height - 2 * margin)
            return tenths(x) + "," + tenths(y)
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(escaped)" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))"><title>\(escaped): steps \(first)–\(last), loss \(String(format: "%.4f", losses.first!)) to \(String(format: "%.4f", losses.last!))</title><polyline fill="none" stroke="#0072B2" stroke-width="1.5" points="\(coordinates.joined(separator: " "))"/></svg>
            """
    }
}
