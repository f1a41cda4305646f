/// What a plotted loss is: nats per token of a vocabulary. Two vocabularies' losses (a
/// byte-level model's, nats per byte, and the paper's GPT-2 tokenizer's) cannot be compared, so
/// figures put them on separate axes and every loss axis says which it is.
enum LossUnits {
    /// The study's vocabulary: GPT-2's, padded to 50,304 (the authors' model configurations).
    static let paperVocabulary = 50_304

    /// The vocabulary of a fit's points: the paper's for digitized points; the runs' when
    /// they share one; nil when they do not or are unknown.
    static func vocabulary(of selection: FitSelection, _ context: BuildContext) -> Int? {
        if selection.source == .digitized { return paperVocabulary }
        let sizes = Set(context.runs.filter { selection.data.labels.contains($0.name) }.map(\.model.vocabularySize))
        return sizes.count == 1 ? sizes.first : nil
    }

    /// "Loss (nats/token, vocabulary 50,304)"; a 256-entry vocabulary is bytes.
    static func label(vocabulary: Int?) -> String {
        switch vocabulary {
        case nil: return "Loss (nats/token, mixed or unknown vocabularies)"
        case 256?: return "Loss (nats/byte, byte-level vocabulary)"
        case let size?: return "Loss (nats/token, vocabulary \(grouped(size)))"
        }
    }

    /// 50304 → "50,304", the same on every machine (no locale).
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }
}
