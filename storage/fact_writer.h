// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// FactWriter turns the additions and retractions of one transaction into one
// atomic RocksDB write: every index, the history of retracted facts, the
// predicate statistics, the dictionary entries of new terms, the counters and
// the transaction record. It reads its own pending writes, so a transaction
// that adds and then retracts a fact leaves it absent.
//
// Not thread-safe: the engine holds its writer lock from construction to
// Commit().

#ifndef ALMANAC_STORAGE_FACT_WRITER_H_
#define ALMANAC_STORAGE_FACT_WRITER_H_

#include <cstdint>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "rocksdb/utilities/write_batch_with_index.h"
#include "almanac/fact.h"
#include "storage/dictionary.h"
#include "storage/fact_key.h"
#include "storage/statistics.h"
#include "storage/store.h"

namespace almanac {

class FactWriter {
 public:
  // `tx` is the number this transaction gets if it changes anything.
  FactWriter(Store& store, TxNumber tx);

  // Adds `fact`. Returns false (and changes nothing) when it is present.
  absl::StatusOr<bool> Add(const FactKey& fact, TermId source);

  // Retracts `fact`, keeping it in the history. Returns false when absent.
  absl::StatusOr<bool> Retract(const FactKey& fact);

  uint64_t added() const { return added_; }
  uint64_t retracted() const { return retracted_; }

  // Writes everything atomically, with the dictionary entries of `terms` and
  // `counters` updated. Writes nothing when no fact changed. Returns the
  // counters as written.
  absl::StatusOr<StoreCounters> Commit(const TermAssigner& terms,
                                       StoreCounters counters,
                                       int64_t commit_time_micros, bool sync);

 private:
  // Whether any key of `family` starts with `prefix`, pending writes included.
  absl::StatusOr<bool> HasKeyWithPrefix(Family family, std::string_view prefix);
  absl::StatusOr<PredicateCounts*> CountsOf(TermId predicate);
  void PutIndexEntries(const FactKey& fact, TermId source);
  void DeleteIndexEntries(const FactKey& fact);

  Store& store_;
  const TxNumber tx_;
  rocksdb::WriteBatchWithIndex batch_;
  absl::flat_hash_map<TermId, PredicateCounts> stats_;
  uint64_t added_ = 0;
  uint64_t retracted_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_FACT_WRITER_H_
