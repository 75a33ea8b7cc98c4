// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/fact_writer.h"

#include <memory>

#include "almanac/status_macros.h"
#include "storage/coding.h"
#include "storage/records.h"

namespace almanac {
namespace {}  // namespace

FactWriter::FactWriter(Store& store, TxNumber tx)
    : store_(store),
      tx_(tx),
      batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true),
      stats_(store) {}

absl::StatusOr<bool> FactWriter::HasKeyWithPrefix(Family family,
                                                  std::string_view prefix) {
  rocksdb::ReadOptions read_options;
  std::unique_ptr<rocksdb::Iterator> iterator(batch_.NewIteratorWithBase(
      store_.handle(family),
      store_.db()->NewIterator(read_options, store_.handle(family))));
  iterator->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(iterator->status(), "index read failed"));
  return iterator->Valid() && iterator->key().starts_with(
                                  rocksdb::Slice(prefix.data(), prefix.size()));
}

absl::StatusOr<FactWriter::Change*> FactWriter::ChangeOf(const FactKey& fact) {
  std::string key = EncodeKey(IndexOrder::kSpo, fact);
  auto it = changes_.find(key);
  if (it != changes_.end()) return &it->second;
  Change change;
  change.fact = fact;
  rocksdb::Status status =
      store_.db()->Get(rocksdb::ReadOptions(), store_.handle(Family::kSpo), key,
                       &change.old_value);
  if (!status.IsNotFound()) {
    ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "index read failed"));
    change.was_present = true;
  }
  change.present = change.was_present;
  return &changes_.emplace(std::move(key), std::move(change)).first->second;
}

absl::StatusOr<bool> FactWriter::Add(const FactKey& fact, TermId source) {
  ALMANAC_ASSIGN_OR_RETURN(Change * change, ChangeOf(fact));
  if (change->present) return false;
  change->present = true;
  change->source = source;
  return true;
}

absl::StatusOr<bool> FactWriter::Retract(const FactKey& fact) {
  ALMANAC_ASSIGN_OR_RETURN(Change * change, ChangeOf(fact));
  if (!change->present) return false;
  change->present = false;
  return true;
}

absl::Status FactWriter::ApplyAdd(const Change& change) {
  const FactKey& fact = change.fact;
  ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts, stats_.Of(fact.predicate));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool subject_known,
      HasKeyWithPrefix(Family::kSpo,
                       IdPairPrefix(fact.subject, fact.predicate)));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool object_known,
      HasKeyWithPrefix(Family::kPos,
                       IdPairPrefix(fact.predicate, fact.object)));
  const std::string tx_value = EncodeIndexValue(tx_);
  batch_.Put(store_.handle(Family::kSpo), EncodeKey(IndexOrder::kSpo, fact),
             EncodeSpoValue({tx_, change.source}));
  batch_.Put(store_.handle(Family::kPos), EncodeKey(IndexOrder::kPos, fact),
             tx_value);
  batch_.Put(store_.handle(Family::kOsp), EncodeKey(IndexOrder::kOsp, fact),
             tx_value);
  if (fact.time.is_stated()) {
    batch_.Put(store_.handle(Family::kPredicateTime),
               EncodeKey(IndexOrder::kPredicateTime, fact), tx_value);
    batch_.Put(store_.handle(Family::kEntityTime),
               EncodeEntityTimeKey(fact, EntityRole::kSubject), tx_value);
    if (KindOfTermId(fact.object) == TermKind::kEntity) {
      batch_.Put(store_.handle(Family::kEntityTime),
                 EncodeEntityTimeKey(fact, EntityRole::kObject), tx_value);
    }
    ++counts->timed_facts;
    counts->WidenSpan(fact.time);
  }
  ++counts->facts;
  if (!subject_known) ++counts->distinct_subjects;
  if (!object_known) ++counts->distinct_objects;
  return absl::OkStatus();
}

absl::Status FactWriter::ApplyRetract(const Change& change) {
  const FactKey& fact = change.fact;
  ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts, stats_.Of(fact.predicate));
  batch_.Delete(store_.handle(Family::kSpo), EncodeKey(IndexOrder::kSpo, fact));
  batch_.Delete(store_.handle(Family::kPos), EncodeKey(IndexOrder::kPos, fact));
  batch_.Delete(store_.handle(Family::kOsp), EncodeKey(IndexOrder::kOsp, fact));
  if (fact.time.is_stated()) {
    batch_.Delete(store_.handle(Family::kPredicateTime),
                  EncodeKey(IndexOrder::kPredicateTime, fact));
    batch_.Delete(store_.handle(Family::kEntityTime),
                  EncodeEntityTimeKey(fact, EntityRole::kSubject));
    if (KindOfTermId(fact.object) == TermKind::kEntity) {
      batch_.Delete(store_.handle(Family::kEntityTime),
                    EncodeEntityTimeKey(fact, EntityRole::kObject));
    }
    --counts->timed_facts;
  }
  batch_.Put(store_.handle(Family::kHistory), HistoryKey(fact, tx_),
             change.old_value);
  ALMANAC_ASSIGN_OR_RETURN(
      const bool subject_remains,
      HasKeyWithPrefix(Family::kSpo,
                       IdPairPrefix(fact.subject, fact.predicate)));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool object_remains,
      HasKeyWithPrefix(Family::kPos,
                       IdPairPrefix(fact.predicate, fact.object)));
  --counts->facts;
  if (!subject_remains) --counts->distinct_subjects;
  if (!object_remains) --counts->distinct_objects;
  return absl::OkStatus();
}

absl::StatusOr<FactWriter::Outcome> FactWriter::Commit(
    const TermAssigner& terms, StoreCounters counters,
    int64_t commit_time_micros, bool sync) {
  Outcome outcome;
  // In key order, so that the prefix checks of later changes see the
  // earlier ones.
  for (const auto& [key, change] : changes_) {
    if (change.present == change.was_present) continue;
    if (change.present) {
      ALMANAC_RETURN_IF_ERROR(ApplyAdd(change));
      ++outcome.added;
    } else {
      ALMANAC_RETURN_IF_ERROR(ApplyRetract(change));
      ++outcome.retracted;
    }
  }
  outcome.counters = counters;
  if (outcome.added == 0 && outcome.retracted == 0) return outcome;
  counters.next_term_sequence = terms.next_sequence();
  counters.entities += terms.new_entities();
  counters.literals += terms.new_literals();
  counters.facts = counters.facts + outcome.added - outcome.retracted;
  counters.last_tx = tx_;
  for (const FamilyRecord& record :
       ClosingRecords(terms, stats_, counters, tx_,
                      {commit_time_micros, outcome.added, outcome.retracted})) {
    batch_.Put(store_.handle(record.family), record.key, record.value);
  }
  ALMANAC_RETURN_IF_ERROR(store_.Write(batch_.GetWriteBatch(), sync));
  outcome.counters = counters;
  return outcome;
}

}  // namespace almanac
