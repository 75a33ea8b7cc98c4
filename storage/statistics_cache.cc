// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/statistics_cache.h"

#include "almanac/status_macros.h"
#include "storage/records.h"

namespace almanac {

absl::StatusOr<PredicateCounts> PredicateCountsCache::Get(
    const Store& store, const rocksdb::Snapshot* snapshot, TxNumber tx,
    TermId predicate) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (tx_ == tx) {
      auto it = counts_.find(predicate);
      if (it != counts_.end()) return it->second;
    }
  }
  // Read without the lock, so that planners on other threads need not wait
  // for this read.
  ALMANAC_ASSIGN_OR_RETURN(PredicateCounts counts,
                           ReadPredicateCounts(store, snapshot, predicate));
  std::lock_guard<std::mutex> lock(mutex_);
  if (tx_ != tx) {
    // A newer transaction replaces the counts held; an older one (a reader
    // that started before the last commit) reads without keeping.
    if (tx < tx_) return counts;
    counts_.clear();
    tx_ = tx;
  }
  if (counts_.size() >= kMaxPredicates) counts_.clear();
  counts_.emplace(predicate, counts);
  return counts;
}

}  // namespace almanac
