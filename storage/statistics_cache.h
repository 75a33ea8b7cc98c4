// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The predicate statistics of the latest transaction, kept in memory for
// the query planner. Reading one predicate's counts from `predicate_stats`
// is a RocksDB point read, a third of what parsing and planning a
// one-pattern query cost before this cache; the counts change only when a
// transaction commits, and a database has a few hundred predicates, not
// millions.
//
//   PredicateCountsCache cache;
//   auto counts = cache.Get(store, snapshot, counters.last_tx, predicate);

#ifndef ALMANAC_STORAGE_STATISTICS_CACHE_H_
#define ALMANAC_STORAGE_STATISTICS_CACHE_H_

#include <cstddef>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "storage/statistics.h"
#include "storage/store.h"
#include "storage/term_id.h"

namespace almanac {

// Thread-safe. Holds the counts of one transaction at a time: asked about a
// newer one, it forgets what it held; about an older one (a reader that
// started before the last write), it reads without keeping.
class PredicateCountsCache {
 public:
  // Returns the counts of `predicate` as of transaction `tx`, reading them
  // from `snapshot` when they are not held. REQUIRES: `snapshot` holds
  // exactly the transactions up to `tx`.
  absl::StatusOr<PredicateCounts> Get(const Store& store,
                                      const rocksdb::Snapshot* snapshot,
                                      TxNumber tx, TermId predicate);

  // At most this many predicates are held; past that the cache starts
  // over.
  static constexpr size_t kMaxPredicates = 4096;

 private:
  // Taken by every plan with a constant predicate, so a plain std::mutex:
  // absl::Mutex's deadlock detection (on in Debian's build of Abseil) costs
  // more than the lookup it guards.
  std::mutex mutex_;
  TxNumber tx_ = 0;                                      // Guarded by mutex_.
  absl::flat_hash_map<TermId, PredicateCounts> counts_;  // Guarded by mutex_.
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_STATISTICS_CACHE_H_
