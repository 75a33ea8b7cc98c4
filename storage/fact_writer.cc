// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/fact_writer.h"

#include <memory>

#include "almanac/status_macros.h"
#include "storage/coding.h"
#include "storage/records.h"

namespace almanac {
namespace {

std::string TwoIdPrefix(TermId first, TermId second) {
  std::string prefix;
  PutFixed64(&prefix, first);
  PutFixed64(&prefix, second);
  return prefix;
}

}  // namespace

FactWriter::FactWriter(Store& store, TxNumber tx)
    : store_(store),
      tx_(tx),
      batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true) {}

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

absl::StatusOr<PredicateCounts*> FactWriter::CountsOf(TermId predicate) {
  auto it = stats_.find(predicate);
  if (it == stats_.end()) {
    ALMANAC_ASSIGN_OR_RETURN(PredicateCounts counts,
                             ReadPredicateCounts(store_, nullptr, predicate));
    it = stats_.emplace(predicate, counts).first;
  }
  return &it->second;
}

void FactWriter::PutIndexEntries(const FactKey& fact, TermId source) {
  const std::string tx_value = EncodeIndexValue(tx_);
  batch_.Put(store_.handle(Family::kSpo), EncodeKey(IndexOrder::kSpo, fact),
             EncodeSpoValue({tx_, source}));
  batch_.Put(store_.handle(Family::kPos), EncodeKey(IndexOrder::kPos, fact),
             tx_value);
  batch_.Put(store_.handle(Family::kOsp), EncodeKey(IndexOrder::kOsp, fact),
             tx_value);
  if (!fact.time.is_stated()) return;
  batch_.Put(store_.handle(Family::kPredicateTime),
             EncodeKey(IndexOrder::kPredicateTime, fact), tx_value);
  batch_.Put(store_.handle(Family::kEntityTime),
             EncodeEntityTimeKey(fact, EntityRole::kSubject), tx_value);
  if (KindOfTermId(fact.object) == TermKind::kEntity) {
    batch_.Put(store_.handle(Family::kEntityTime),
               EncodeEntityTimeKey(fact, EntityRole::kObject), tx_value);
  }
}

void FactWriter::DeleteIndexEntries(const FactKey& fact) {
  batch_.Delete(store_.handle(Family::kSpo), EncodeKey(IndexOrder::kSpo, fact));
  batch_.Delete(store_.handle(Family::kPos), EncodeKey(IndexOrder::kPos, fact));
  batch_.Delete(store_.handle(Family::kOsp), EncodeKey(IndexOrder::kOsp, fact));
  if (!fact.time.is_stated()) return;
  batch_.Delete(store_.handle(Family::kPredicateTime),
                EncodeKey(IndexOrder::kPredicateTime, fact));
  batch_.Delete(store_.handle(Family::kEntityTime),
                EncodeEntityTimeKey(fact, EntityRole::kSubject));
  if (KindOfTermId(fact.object) == TermKind::kEntity) {
    batch_.Delete(store_.handle(Family::kEntityTime),
                  EncodeEntityTimeKey(fact, EntityRole::kObject));
  }
}

absl::StatusOr<bool> FactWriter::Add(const FactKey& fact, TermId source) {
  const std::string spo_key = EncodeKey(IndexOrder::kSpo, fact);
  std::string existing;
  rocksdb::Status status = batch_.GetFromBatchAndDB(
      store_.db(), rocksdb::ReadOptions(), store_.handle(Family::kSpo),
      spo_key, &existing);
  if (status.ok()) return false;
  if (!status.IsNotFound()) {
    return FromRocksStatus(status, "index read failed");
  }
  ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts, CountsOf(fact.predicate));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool subject_known,
      HasKeyWithPrefix(Family::kSpo, TwoIdPrefix(fact.subject, fact.predicate)));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool object_known,
      HasKeyWithPrefix(Family::kPos, TwoIdPrefix(fact.predicate, fact.object)));
  PutIndexEntries(fact, source);
  ++counts->facts;
  if (!subject_known) ++counts->distinct_subjects;
  if (!object_known) ++counts->distinct_objects;
  if (fact.time.is_stated()) {
    ++counts->timed_facts;
    counts->WidenSpan(fact.time);
  }
  ++added_;
  return true;
}

absl::StatusOr<bool> FactWriter::Retract(const FactKey& fact) {
  const std::string spo_key = EncodeKey(IndexOrder::kSpo, fact);
  std::string value;
  rocksdb::Status status = batch_.GetFromBatchAndDB(
      store_.db(), rocksdb::ReadOptions(), store_.handle(Family::kSpo),
      spo_key, &value);
  if (status.IsNotFound()) return false;
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "index read failed"));
  ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts, CountsOf(fact.predicate));
  DeleteIndexEntries(fact);
  batch_.Put(store_.handle(Family::kHistory), HistoryKey(fact, tx_), value);
  ALMANAC_ASSIGN_OR_RETURN(
      const bool subject_remains,
      HasKeyWithPrefix(Family::kSpo, TwoIdPrefix(fact.subject, fact.predicate)));
  ALMANAC_ASSIGN_OR_RETURN(
      const bool object_remains,
      HasKeyWithPrefix(Family::kPos, TwoIdPrefix(fact.predicate, fact.object)));
  --counts->facts;
  if (!subject_remains) --counts->distinct_subjects;
  if (!object_remains) --counts->distinct_objects;
  if (fact.time.is_stated()) --counts->timed_facts;
  ++retracted_;
  return true;
}

absl::StatusOr<StoreCounters> FactWriter::Commit(const TermAssigner& terms,
                                                 StoreCounters counters,
                                                 int64_t commit_time_micros,
                                                 bool sync) {
  if (added_ == 0 && retracted_ == 0) return counters;
  counters.next_term_sequence = terms.next_sequence();
  counters.entities += terms.new_entities();
  counters.literals += terms.new_literals();
  counters.facts = counters.facts + added_ - retracted_;
  counters.last_tx = tx_;
  for (const FamilyRecord& record :
       ClosingRecords(terms, stats_, counters, tx_,
                      {commit_time_micros, added_, retracted_})) {
    batch_.Put(store_.handle(record.family), record.key, record.value);
  }
  ALMANAC_RETURN_IF_ERROR(store_.Write(batch_.GetWriteBatch(), sync));
  return counters;
}

}  // namespace almanac
