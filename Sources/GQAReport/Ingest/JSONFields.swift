/// Typed access to the fields of one JSON object, with errors that name the file and field.
struct JSONFields {
    let path: String
    let object: [String: JSONValue]

    init(_ value: JSONValue, path: String) throws {
        guard case let .object(object) = value else {
            throw ReportError(path: path, "expected a JSON object at the top level, found \(value.typeName)")
        }
        self.path = path
        self.object = object
    }

    private func present(_ key: String) -> JSONValue? {
        switch object[key] {
        case nil, .null?: return nil
        case let value?: return value
        }
    }

    private func missing(_ key: String) -> ReportError {
        ReportError(path: path, "missing required field '\(key)'")
    }

    private func wrongType(_ key: String, _ expected: String, _ found: JSONValue) -> ReportError {
        ReportError(path: path, "field '\(key)' must be \(expected), found \(found.typeName)")
    }

    func integer(_ key: String) throws -> Int? {
        guard let value = present(key) else { return nil }
        switch value {
        case let .int(number): return number
        // Python writes some counts as floats (e.g. 8.0); accept them only when whole.
        case let .double(number) where WholeNumber.exact(number) != nil: return WholeNumber.exact(number)
        default: throw wrongType(key, "an integer", value)
        }
    }

    func requiredInteger(_ key: String) throws -> Int {
        guard let value = try integer(key) else { throw missing(key) }
        return value
    }

    /// A size or count: must be a whole number above zero.
    func positiveInteger(_ key: String) throws -> Int? {
        guard let value = try integer(key) else { return nil }
        guard value > 0 else {
            throw ReportError(path: path, "field '\(key)' must be a positive integer, found \(value)")
        }
        return value
    }

    func requiredPositiveInteger(_ key: String) throws -> Int {
        guard let value = try positiveInteger(key) else { throw missing(key) }
        return value
    }

    func real(_ key: String) throws -> Double? {
        guard let value = present(key) else { return nil }
        switch value {
        case let .int(number): return Double(number)
        case let .double(number): return number
        default: throw wrongType(key, "a number", value)
        }
    }

    /// The authors' configs write flags as 0/1 and `args.json` as true/false; accept both.
    func flag(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        switch value {
        case let .bool(flag): return flag
        case .int(0): return false
        case .int(1): return true
        default: throw wrongType(key, "true, false, 0 or 1", value)
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = present(key) else { return nil }
        guard case let .string(text) = value else { throw wrongType(key, "a string", value) }
        return text
    }

    /// Files written by other tools carry many keys we do not use, so unknown keys are
    /// ignored, except one that looks like a misspelling of a key we read: `n_kv_heads` would
    /// otherwise silently fall back to a default and change every cost.
    func rejectMisspellings(of read: [String], recognised: [String]) throws {
        for key in object.keys.sorted() where !recognised.contains(key) {
            if let intended = read.first(where: { $0.count >= 4 && editDistance($0, key) <= 2 }) {
                throw ReportError(path: path, "unknown field '\(key)' (did you mean '\(intended)'?)")
            }
        }
    }

}

/// Levenshtein distance between two short strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        previous = current
    }
    return previous[b.count]
}
