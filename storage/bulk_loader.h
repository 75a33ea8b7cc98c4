// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// BulkLoader adds many facts in one transaction without building a
// WriteBatch: each index order's entries are sorted outside memory
// (ExternalSorter), checked against the database for repeats in one merged
// pass, and written as one sorted SST file per column family, the five
// orders and the dictionary side by side on two threads; one atomic
// IngestExternalFiles call then makes them visible together with the
// statistics, counters and transaction record. Until that call nothing in
// the database changes, so a failed load leaves it exactly as it was;
// readers holding a snapshot keep their view throughout.
//
// Not thread-safe: the engine holds its writer lock from construction to
// Finish().

#ifndef ALMANAC_STORAGE_BULK_LOADER_H_
#define ALMANAC_STORAGE_BULK_LOADER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "storage/dictionary.h"
#include "storage/fact_key.h"
#include "storage/store.h"

namespace almanac {

struct BulkLoadResult {
  uint64_t added = 0;      // Facts new to the database.
  uint64_t unchanged = 0;  // Facts that were there, or repeated.
  StoreCounters counters;  // As written (unchanged when nothing was added).
};

class BulkLoader {
 public:
  // Temporary files go to a fresh folder in the database directory, removed
  // by the destructor. `buffer_facts` bounds the facts held in memory per
  // sort. `tx` is the number the load gets if it adds anything.
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Create(
      Store& store, TxNumber tx, size_t buffer_facts);
  ~BulkLoader();

  // Queues one fact; `source` is 0 for none.
  absl::Status Add(const FactKey& fact, TermId source);

  // Sorts, deduplicates, writes and ingests everything queued, with the
  // dictionary entries of `terms`. Calls `on_phase` with "sorting" and
  // "writing" as it goes (may be empty). Ingests nothing when no fact is
  // new.
  absl::StatusOr<BulkLoadResult> Finish(
      const TermAssigner& terms, StoreCounters counters,
      int64_t commit_time_micros,
      const std::function<void(const char* phase)>& on_phase);

 private:
  struct Impl;
  explicit BulkLoader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_BULK_LOADER_H_
