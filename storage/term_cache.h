// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A cache of dictionary entries shared by every reader of one database.
// Entries never change once written (an id keeps its term forever and a
// name its id), so a cached entry is never stale, whatever the reader's
// snapshot. Bounded: a full shard is emptied and refilled.
//
// Thread-safe. Every term a query decodes passes through here, so the
// shards are guarded by std::mutex: absl::Mutex's deadlock detection (on
// in Debian's build of Abseil) would cost more than the lookup.

#ifndef ALMANAC_STORAGE_TERM_CACHE_H_
#define ALMANAC_STORAGE_TERM_CACHE_H_

#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "almanac/term.h"
#include "storage/term_id.h"

namespace almanac {

class TermCache {
 public:
  // Holds up to about `capacity` terms and as many names.
  explicit TermCache(size_t capacity);

  // Terms are shared, never copied: a hit costs a reference count.
  // FindTerm returns null when `id` is not cached.
  std::shared_ptr<const Term> FindTerm(TermId id) const;
  void InsertTerm(TermId id, std::shared_ptr<const Term> term);

  // By term_ids key (kind byte + name).
  std::optional<TermId> FindId(const std::string& key) const;
  void InsertId(const std::string& key, TermId id);

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::mutex mutex;  // Guards the two maps.
    absl::flat_hash_map<TermId, std::shared_ptr<const Term>> terms;
    absl::flat_hash_map<std::string, TermId> ids;
  };
  const size_t shard_capacity_;
  std::array<Shard, kShards> shards_;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_TERM_CACHE_H_
