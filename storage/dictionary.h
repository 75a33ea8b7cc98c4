// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The term dictionary: names of entities, strings and decimals <-> term ids.
//
//   term_ids   key: kind byte (1 entity, 2 string, 4 decimal) + UTF-8 text
//              value: 8-byte big-endian term id
//   term_names key: 8-byte big-endian term id
//              value: UTF-8 text (the kind is in the id)
//
// Entries are never deleted: an id once given keeps its meaning, so history
// stays readable after retractions.

#ifndef ALMANAC_STORAGE_DICTIONARY_H_
#define ALMANAC_STORAGE_DICTIONARY_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "almanac/term.h"
#include "storage/store.h"
#include "storage/term_id.h"

namespace almanac {

// Returns the term_ids key of a dictionary term.
// REQUIRES: !IsInlineKind(term.kind()).
std::string TermIdsKey(const Term& term);

// Reads the dictionary as of one snapshot.
class DictionaryReader {
 public:
  // `snapshot` may be null (latest). The store must outlive the reader.
  DictionaryReader(const Store& store, const rocksdb::Snapshot* snapshot)
      : store_(store), snapshot_(snapshot) {}
  // Not copied or moved: recent_ points at the terms cache_ holds.
  DictionaryReader(const DictionaryReader&) = delete;
  DictionaryReader& operator=(const DictionaryReader&) = delete;

  // Reads as of `snapshot` from now on. The terms already decoded stay
  // cached: an id never changes its meaning.
  void UseSnapshot(const rocksdb::Snapshot* snapshot) { snapshot_ = snapshot; }

  // Returns the id of `term`, or std::nullopt when it was never stored.
  // Inline terms always have an id.
  absl::StatusOr<std::optional<TermId>> Find(const Term& term) const;

  // Returns the term `id` stands for. Dictionary terms are cached, so
  // decoding the same id again is cheap.
  absl::StatusOr<Term> Decode(TermId id);

  // Decode into an existing term: *term is assigned, reusing its storage,
  // so decoding row after row into the same terms allocates nothing once
  // the names are cached.
  absl::Status DecodeInto(TermId id, Term* term);

  // Returns the names of entities (predicates included) that start with
  // `prefix`, in byte order, at most `limit`. Names of entities whose facts
  // were all retracted are included (entries are never deleted).
  absl::StatusOr<std::vector<std::string>> EntityNamesWithPrefix(
      std::string_view prefix, size_t limit) const;

 private:
  // The dictionary term `id` stands for, from this reader's cache, the
  // shared cache or the database. Never null when OK; valid until the next
  // call.
  absl::StatusOr<const Term*> DictionaryTerm(TermId id);
  // Adds `term` to this reader's cache and returns it.
  const Term* KeepInReader(TermId id, Term term);

  const Store& store_;
  const rocksdb::Snapshot* snapshot_;
  // The dictionary terms this reader decoded, at most kReaderCacheTerms
  // (then emptied): each reader (one per running or cached statement and
  // query thread) may hold that many copies beside the shared cache. A
  // copy in the table's own slot, not a pointer to the shared cache's
  // term: in a large database most lookups miss the CPU caches, and a
  // pointer would add a second miss to each.
  static constexpr size_t kReaderCacheTerms = 1 << 16;
  absl::flat_hash_map<TermId, Term> cache_;
  // The last term decoded for each of a few buckets of ids, in front of
  // cache_: rows repeat terms (a subject's facts come ordered by
  // predicate), and this answers them without hashing. Points into cache_
  // (emptied whenever a term is added there, which may move the others).
  struct RecentTerm {
    TermId id = 0;
    const Term* term = nullptr;  // Null: the slot is empty.
  };
  static constexpr size_t kRecentTerms = 16;
  std::array<RecentTerm, kRecentTerms> recent_;
};

// Gives ids to the terms of one write (a transaction or an import), new
// terms included. New terms are numbered from the counters' next sequence
// number; nothing is written until the caller writes new_terms().
// Not thread-safe: used under the database's writer lock.
class TermAssigner {
 public:
  TermAssigner(const Store& store, uint64_t next_sequence)
      : store_(store),
        next_sequence_(next_sequence),
        dictionary_empty_(next_sequence == 1) {}

  // Returns the id of `term`, giving it a new one when it has none. Returns
  // InvalidArgument when the term cannot be stored (Term::CheckStorable;
  // checked once per distinct term).
  absl::StatusOr<TermId> Intern(const Term& term);

  // Returns the id of `term` without creating one.
  absl::StatusOr<std::optional<TermId>> Find(const Term& term);

  // The terms given new ids so far, with their term_ids keys, in the order
  // they were created.
  const std::vector<std::pair<std::string, TermId>>& new_terms() const {
    return new_terms_;
  }
  uint64_t next_sequence() const { return next_sequence_; }
  uint64_t new_entities() const { return new_entities_; }
  uint64_t new_literals() const { return new_terms_.size() - new_entities_; }

 private:
  const Store& store_;
  uint64_t next_sequence_;
  // No term was ever given a sequence number: nothing to look up (the
  // first import into a new database skips a read per distinct term).
  const bool dictionary_empty_;
  uint64_t new_entities_ = 0;
  // Every dictionary term looked up in this write, by text; one map per
  // dictionary kind (entity, string, decimal).
  absl::flat_hash_map<std::string, TermId>& KnownOf(TermKind kind);
  absl::flat_hash_map<std::string, TermId> known_[3];
  std::vector<std::pair<std::string, TermId>> new_terms_;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_DICTIONARY_H_
