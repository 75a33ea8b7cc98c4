// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// FactWriter turns the additions and retractions of one transaction into one
// atomic RocksDB write: every index, the history of retracted facts, the
// predicate statistics, the dictionary entries of new terms, the counters and
// the transaction record.
//
// Operations apply in order, but only their net effect is written: a fact
// added and retracted by the same transaction was never there, and one
// retracted and added again keeps its original entry (and source).
//
// Not thread-safe: the engine holds its writer lock from construction to
// Commit().

#ifndef ALMANAC_STORAGE_FACT_WRITER_H_
#define ALMANAC_STORAGE_FACT_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "storage/dictionary.h"
#include "storage/fact_key.h"
#include "storage/records.h"
#include "storage/statistics.h"
#include "storage/store.h"

namespace almanac {

class FactWriter {
 public:
  // `tx` is the number this transaction gets if it changes anything.
  FactWriter(Store& store, TxNumber tx);

  // Adds `fact` with `source` (0: none). Returns false when the fact is
  // present at this point of the transaction (nothing changes).
  absl::StatusOr<bool> Add(const FactKey& fact, TermId source);

  // Retracts `fact`. Returns false when it is absent at this point.
  absl::StatusOr<bool> Retract(const FactKey& fact);

  struct Outcome {
    uint64_t added = 0;      // Facts absent before and present after.
    uint64_t retracted = 0;  // Facts present before and absent after.
    StoreCounters counters;  // As written (unchanged when nothing changed).
  };

  // Writes the net changes atomically, with the dictionary entries of
  // `terms` and `counters` updated. Writes nothing when no fact changed.
  absl::StatusOr<Outcome> Commit(const TermAssigner& terms,
                                 StoreCounters counters,
                                 int64_t commit_time_micros, bool sync);

 private:
  // What the transaction does to one fact.
  struct Change {
    FactKey fact;
    bool was_present = false;  // In the database before the transaction.
    std::string old_value;     // Its spo value then.
    bool present = false;      // After the operations so far.
    TermId source = 0;         // Of the add that made it present.
  };

  // Returns the change of `fact`, reading its state on first use.
  absl::StatusOr<Change*> ChangeOf(const FactKey& fact);
  absl::Status ApplyAdd(const Change& change);
  absl::Status ApplyRetract(const Change& change);
  // Whether any key of `family` starts with `prefix`, pending writes included.
  absl::StatusOr<bool> HasKeyWithPrefix(Family family, std::string_view prefix);

  Store& store_;
  const TxNumber tx_;
  std::map<std::string, Change> changes_;  // By spo key.
  rocksdb::WriteBatchWithIndex batch_;
  ChangedStatistics stats_;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_FACT_WRITER_H_
