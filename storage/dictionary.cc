// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/dictionary.h"

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "storage/coding.h"

namespace almanac {
namespace {

// Finds the id of the term whose term_ids key is `key`. A name keeps its id
// forever, so ids found are cached for every reader.
absl::StatusOr<std::optional<TermId>> LookUp(const Store& store,
                                             const rocksdb::Snapshot* snapshot,
                                             const std::string& key) {
  if (std::optional<TermId> cached = store.term_cache().FindId(key)) {
    return cached;
  }
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  rocksdb::PinnableSlice value;
  rocksdb::Status status = store.db()->Get(
      read_options, store.handle(Family::kTermIds), key, &value);
  if (status.IsNotFound()) return std::nullopt;
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "dictionary lookup failed"));
  if (value.size() != 8) {
    return absl::DataLossError("corrupt term id in the dictionary");
  }
  const TermId id = DecodeFixed64(value.data());
  store.term_cache().InsertId(key, id);
  return id;
}

}  // namespace

std::string TermIdsKey(const Term& term) {
  std::string key(1, static_cast<char>(term.kind()));
  key += term.text();
  return key;
}

absl::StatusOr<std::optional<TermId>> DictionaryReader::Find(
    const Term& term) const {
  if (std::optional<TermId> id = InlineTermId(term)) return id;
  return LookUp(store_, snapshot_, TermIdsKey(term));
}

absl::StatusOr<std::vector<std::string>>
DictionaryReader::EntityNamesWithPrefix(std::string_view prefix,
                                        size_t limit) const {
  const std::string key_prefix = TermIdsKey(Term::Entity(std::string(prefix)));
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot_;
  std::unique_ptr<rocksdb::Iterator> it(
      store_.db()->NewIterator(read_options, store_.handle(Family::kTermIds)));
  std::vector<std::string> names;
  for (it->Seek(key_prefix);
       it->Valid() && it->key().starts_with(key_prefix) && names.size() < limit;
       it->Next()) {
    names.emplace_back(it->key().data() + 1, it->key().size() - 1);
  }
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(it->status(), "cannot read the dictionary"));
  return names;
}

absl::StatusOr<Term> DictionaryReader::Decode(TermId id) {
  Term term;
  ALMANAC_RETURN_IF_ERROR(DecodeInto(id, &term));
  return term;
}

absl::Status DictionaryReader::DecodeInto(TermId id, Term* term) {
  if (IsInlineKind(KindOfTermId(id))) {
    *term = DecodeInlineTerm(id);
    return absl::OkStatus();
  }
  ALMANAC_ASSIGN_OR_RETURN(const Term* stored, DictionaryTerm(id));
  *term = *stored;
  return absl::OkStatus();
}

absl::StatusOr<const Term*> DictionaryReader::DictionaryTerm(TermId id) {
  RecentTerm& recent = recent_[id % kRecentTerms];
  if (recent.id == id && recent.term != nullptr) return recent.term;
  if (auto it = cache_.find(id); it != cache_.end()) {
    recent = {id, &it->second};
    return recent.term;
  }
  // A term found in the shared cache is kept here too: asking the shared
  // cache takes a lock and two reference counts, this reader's own cache
  // neither, and the names a query decodes repeat from row to row (and
  // from run to run of a prepared statement, which keeps its reader).
  std::shared_ptr<const Term> shared = store_.term_cache().FindTerm(id);
  if (shared != nullptr) return KeepInReader(id, *shared);

  std::string key;
  PutFixed64(&key, id);
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot_;
  std::string name;
  rocksdb::Status status = store_.db()->Get(
      read_options, store_.handle(Family::kTermNames), key, &name);
  if (status.IsNotFound()) {
    return absl::DataLossError(
        absl::StrCat("term id ", id, " is missing from the dictionary"));
  }
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "dictionary read failed"));
  Term term;
  switch (KindOfTermId(id)) {
    case TermKind::kEntity:
      term = Term::Entity(std::move(name));
      break;
    case TermKind::kString:
      term = Term::String(std::move(name));
      break;
    case TermKind::kDecimal: {
      ALMANAC_ASSIGN_OR_RETURN(term, Term::Decimal(name));
      break;
    }
    default:
      return absl::DataLossError(
          absl::StrCat("term id ", id, " has an unknown kind"));
  }
  store_.term_cache().InsertTerm(id, std::make_shared<const Term>(term));
  return KeepInReader(id, std::move(term));
}

const Term* DictionaryReader::KeepInReader(TermId id, Term term) {
  // Bounded: a reader may live long (a prepared statement keeps its plan
  // and so its reader) and decode every name of a large database.
  if (cache_.size() >= kReaderCacheTerms) cache_.clear();
  const Term* kept = &cache_.emplace(id, std::move(term)).first->second;
  // An insert may move every term the table holds (absl promises no more):
  // the recent ones point at where they were.
  recent_ = {};
  recent_[id % kRecentTerms] = {id, kept};
  return kept;
}

absl::flat_hash_map<std::string, TermId>& TermAssigner::KnownOf(TermKind kind) {
  switch (kind) {
    case TermKind::kString:
      return known_[1];
    case TermKind::kDecimal:
      return known_[2];
    default:
      return known_[0];
  }
}

absl::StatusOr<TermId> TermAssigner::Intern(const Term& term) {
  if (std::optional<TermId> id = InlineTermId(term)) return *id;
  absl::flat_hash_map<std::string, TermId>& known = KnownOf(term.kind());
  if (auto it = known.find(term.text()); it != known.end()) return it->second;
  ALMANAC_RETURN_IF_ERROR(term.CheckStorable());
  const std::string key = TermIdsKey(term);
  std::optional<TermId> stored;
  if (!dictionary_empty_) {
    ALMANAC_ASSIGN_OR_RETURN(stored, LookUp(store_, nullptr, key));
  }
  TermId id;
  if (stored) {
    id = *stored;
  } else {
    id = MakeTermId(term.kind(), next_sequence_++);
    new_terms_.emplace_back(key, id);
    if (term.is_entity()) ++new_entities_;
  }
  known.emplace(term.text(), id);
  return id;
}

absl::StatusOr<std::optional<TermId>> TermAssigner::Find(const Term& term) {
  if (std::optional<TermId> id = InlineTermId(term)) return id;
  absl::flat_hash_map<std::string, TermId>& known = KnownOf(term.kind());
  if (auto it = known.find(term.text()); it != known.end()) return it->second;
  if (dictionary_empty_) return std::nullopt;
  return LookUp(store_, nullptr, TermIdsKey(term));
}

}  // namespace almanac
