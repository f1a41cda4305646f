import Foundation

/// Maps `items` on every core and returns the results in the items' order; the error of the
/// first item (in order) that failed is thrown, so output never depends on timing. For work
/// whose items are independent: runs, fits, figures, tables, pages.
func parallelMap<Item, Result>(_ items: [Item], _ transform: (Item) throws -> Result) throws -> [Result] {
    var results = [Swift.Result<Result, Error>?](repeating: nil, count: items.count)
    // Each index is written by exactly one iteration, and read only after all have finished.
    withoutActuallyEscaping(transform) { transform in
        nonisolated(unsafe) let transform = transform
        nonisolated(unsafe) let items = items
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = Swift.Result { try transform(items[index]) }
            }
        }
    }
    return try results.map { try $0!.get() }
}
