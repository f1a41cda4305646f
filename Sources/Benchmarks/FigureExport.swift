import Foundation
import GQAReport

/// Every mark of every figure as JSON, so matplotlib draws exactly what report's Cairo
/// renderer draws (python/python_stack.py, `draw`).
enum FigureExport {
    static func json(_ figures: [Figure]) throws -> Data {
        func color(_ c: Color) -> [Double] { [c.red, c.green, c.blue, c.alpha] }
        let objects: [[String: Any]] = figures.map { figure in
            [
                "name": figure.name, "title": figure.title, "columns": figure.columns,
                "panelWidth": figure.panelWidth, "panelHeight": figure.panelHeight,
                "panels": figure.panels.map { panel -> [String: Any] in
                    [
                        "title": panel.title, "xLabel": panel.x.label, "yLabel": panel.y.label,
                        "xLog": panel.x.scale == .log, "yLog": panel.y.scale == .log,
                        "marks": panel.marks.map { mark -> [String: Any] in
                            switch mark {
                            case let .points(xs, ys, c, _, label, _):
                                return ["kind": "points", "xs": xs, "ys": ys, "color": color(c), "label": label ?? NSNull()]
                            case let .line(xs, ys, c, dashed, label):
                                return ["kind": "line", "xs": xs, "ys": ys, "color": color(c), "dashed": dashed, "label": label ?? NSNull()]
                            case let .band(xs, lower, upper, c, _):
                                return ["kind": "band", "xs": xs, "lower": lower, "upper": upper, "color": color(c)]
                            case let .stackedBars(categories, layers):
                                return ["kind": "bars", "categories": categories,
                                        "layers": layers.map { ["label": $0.label, "values": $0.values, "color": color($0.color)] }]
                            case let .reference(horizontal, value, c, _):
                                return ["kind": "reference", "horizontal": horizontal, "value": value, "color": color(c)]
                            case let .text(x, y, string, c):
                                return ["kind": "text", "x": x, "y": y, "string": string, "color": color(c)]
                            case let .cells(xEdges, yEdges, colors):
                                return ["kind": "cells", "xEdges": xEdges, "yEdges": yEdges,
                                        "colors": colors.map { row in row.map { $0.map(color) ?? [1, 1, 1, 0] } }]
                            }
                        },
                    ]
                },
            ]
        }
        return try JSONSerialization.data(withJSONObject: objects)
    }
}
