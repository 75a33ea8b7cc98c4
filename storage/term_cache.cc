// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/term_cache.h"

#include <algorithm>

#include "absl/hash/hash.h"

namespace almanac {

TermCache::TermCache(size_t capacity)
    : shard_capacity_(std::max<size_t>(1, capacity / kShards)) {}

std::shared_ptr<const Term> TermCache::FindTerm(TermId id) const {
  const Shard& shard = shards_[absl::HashOf(id) % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto it = shard.terms.find(id);
  if (it == shard.terms.end()) return nullptr;
  return it->second;
}

void TermCache::InsertTerm(TermId id, std::shared_ptr<const Term> term) {
  Shard& shard = shards_[absl::HashOf(id) % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.terms.size() >= shard_capacity_) shard.terms.clear();
  shard.terms.emplace(id, std::move(term));
}

std::optional<TermId> TermCache::FindId(const std::string& key) const {
  const Shard& shard = shards_[absl::HashOf(key) % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto it = shard.ids.find(key);
  if (it == shard.ids.end()) return std::nullopt;
  return it->second;
}

void TermCache::InsertId(const std::string& key, TermId id) {
  Shard& shard = shards_[absl::HashOf(key) % kShards];
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.ids.size() >= shard_capacity_) shard.ids.clear();
  shard.ids.emplace(key, id);
}

}  // namespace almanac
