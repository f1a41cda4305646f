import Foundation
import Yams

/// Loads a YAML file a user brings (hparams.yaml, a W&B config.yaml, CITATION.cff) as Yams's
/// values (String, Int, Double, Bool, NSNull, [Any], [String: Any]), refusing with an error
/// what Yams would crash on: a mapping key that is itself a mapping or a list (`{{}: 1}`,
/// which Yams's `load` force-unwraps as a string; found by fuzzing hparams.yaml), and flow
/// nesting deep enough to exhaust the stack of its recursive parser.
enum YAMLDocument {
    static let deepestNesting = 256

    static func load(_ text: String) throws -> Any? {
        if let depth = flowNestingBeyond(deepestNesting, in: text) {
            throw YAMLRefusal(reason: "nested more than \(deepestNesting) deep (\(depth)+ brackets)")
        }
        guard let node = try Yams.compose(yaml: text) else { return nil }
        try checkKeys(node, depth: 0)
        return Constructor.default.any(from: node)
    }

    /// Why a document is refused.
    struct YAMLRefusal: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    private static func checkKeys(_ node: Node, depth: Int) throws {
        guard depth < deepestNesting else { throw YAMLRefusal(reason: "nested more than \(deepestNesting) deep") }
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard case .scalar = key else { throw YAMLRefusal(reason: "a mapping key that is not a plain value (line \(key.mark?.line ?? 0))") }
                try checkKeys(value, depth: depth + 1)
            }
        case let .sequence(sequence):
            for item in sequence { try checkKeys(item, depth: depth + 1) }
        case .scalar, .alias:
            break
        }
    }

    /// The depth reached where `[` and `{` outside quotes nest deeper than `limit`; nil otherwise.
    private static func flowNestingBeyond(_ limit: Int, in text: String) -> Int? {
        var depth = 0, quote: UInt8? = nil
        for byte in text.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return depth }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            case UInt8(ascii: "\n"): quote = nil
            default: break
            }
        }
        return nil
    }
}
