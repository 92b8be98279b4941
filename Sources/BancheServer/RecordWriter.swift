import BancheCore
import BancheStore
import Foundation

/// Writes the records phones send, many per transaction: while one batch is being committed
/// (SQLite syncs the log to disk once per commit), the records that arrive wait, then go in the
/// next. A phone's answer is sent only after its record's commit, so an acknowledged record is
/// on disk. The first record of an idle server is written at once (no timer).
actor RecordWriter {
    private struct Waiting {
        var input: ServedInput
        var answer: CheckedContinuation<ServedOutcome, any Error>
    }

    let store: any ServeStore
    let io: DispatchQueue
    let stamp: @Sendable () -> AuditStamp
    /// Largest batch (one transaction).
    let maxBatch: Int
    private var waiting: [Waiting] = []
    private var writing = false
    /// Batches written and records in them (for the bench).
    private(set) var batches = 0, records = 0

    init(store: any ServeStore, io: DispatchQueue, maxBatch: Int = 256, stamp: @escaping @Sendable () -> AuditStamp) {
        self.store = store; self.io = io; self.maxBatch = maxBatch; self.stamp = stamp
    }

    func write(_ input: ServedInput) async throws -> ServedOutcome {
        try await withCheckedThrowingContinuation { c in
            waiting.append(Waiting(input: input, answer: c))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maxBatch))
            waiting.removeFirst(batch.count)
            let store = self.store, inputs = batch.map(\.input), audit = stamp()
            let result: Result<[ServedOutcome], any Error> = await withCheckedContinuation { c in
                io.async { c.resume(returning: Result { try store.recordServed(inputs, audit: audit) }) }
            }
            batches += 1
            records += batch.count
            switch result {
            case .success(let outcomes): for (w, o) in zip(batch, outcomes) { w.answer.resume(returning: o) }
            case .failure(let e): for w in batch { w.answer.resume(throwing: e) }
            }
        }
        writing = false
    }
}
