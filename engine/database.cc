// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Opening a database, commits, statistics and transaction records.

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/database_impl.h"
#include "storage/coding.h"
#include "storage/dictionary.h"
#include "storage/fact_writer.h"
#include "storage/records.h"
#include "storage/statistics.h"

namespace almanac {

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

absl::Status CheckFactPositions(const Fact& fact) {
  if (!fact.subject.is_entity()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the subject of a fact must be an entity, not the ",
                     std::string(TermKindName(fact.subject.kind())), " ",
                     fact.subject.ToString()));
  }
  if (!fact.predicate.is_entity()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the predicate of a fact must be an entity, not the ",
                     std::string(TermKindName(fact.predicate.kind())), " ",
                     fact.predicate.ToString()));
  }
  return absl::OkStatus();
}

absl::Status CheckFact(const Fact& fact) {
  ALMANAC_RETURN_IF_ERROR(CheckFactPositions(fact));
  ALMANAC_RETURN_IF_ERROR(fact.subject.CheckStorable());
  ALMANAC_RETURN_IF_ERROR(fact.predicate.CheckStorable());
  ALMANAC_RETURN_IF_ERROR(fact.object.CheckStorable());
  return Term::String(fact.source).CheckStorable();
}

absl::StatusOr<std::unique_ptr<Database>> Database::Open(
    const std::string& path, const Options& options) {
  StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  store_options.block_cache_bytes = options.block_cache_bytes;
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Store> store,
                           Store::Open(path, store_options));
  ALMANAC_ASSIGN_OR_RETURN(StoreCounters counters,
                           store->ReadCounters(nullptr));
  return std::unique_ptr<Database>(
      new DatabaseImpl(std::move(store), options, counters));
}

absl::StatusOr<CommitResult> DatabaseImpl::Commit(const Transaction& txn) {
  for (const Transaction::Entry& entry : txn.entries()) {
    ALMANAC_RETURN_IF_ERROR(CheckFact(entry.fact));
  }
  absl::MutexLock lock(&writer_mutex_);
  TermAssigner terms(*store_, counters_.next_term_sequence);
  FactWriter writer(*store_, counters_.last_tx + 1);
  CommitResult result;
  for (const Transaction::Entry& entry : txn.entries()) {
    const Fact& fact = entry.fact;
    FactKey key;
    key.time = EncodeTime(fact.time);
    if (entry.op == Transaction::Op::kAdd) {
      ALMANAC_ASSIGN_OR_RETURN(key.subject, terms.Intern(fact.subject));
      ALMANAC_ASSIGN_OR_RETURN(key.predicate, terms.Intern(fact.predicate));
      ALMANAC_ASSIGN_OR_RETURN(key.object, terms.Intern(fact.object));
      TermId source = 0;
      if (!fact.source.empty()) {
        ALMANAC_ASSIGN_OR_RETURN(source,
                                 terms.Intern(Term::String(fact.source)));
      }
      ALMANAC_ASSIGN_OR_RETURN(bool added, writer.Add(key, source));
      if (!added) ++result.unchanged;
      continue;
    }
    // A retraction of a fact whose terms were never stored changes nothing.
    ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> subject,
                             terms.Find(fact.subject));
    ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> predicate,
                             terms.Find(fact.predicate));
    ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> object,
                             terms.Find(fact.object));
    bool retracted = false;
    if (subject && predicate && object) {
      key.subject = *subject;
      key.predicate = *predicate;
      key.object = *object;
      ALMANAC_ASSIGN_OR_RETURN(retracted, writer.Retract(key));
    }
    if (!retracted) ++result.unchanged;
  }
  WriteUnderWay writing(write_epoch_);
  ALMANAC_ASSIGN_OR_RETURN(
      FactWriter::Outcome outcome,
      writer.Commit(terms, counters_, NowMicros(), options_.sync_commits));
  counters_ = outcome.counters;
  PublishCounters();
  result.added = outcome.added;
  result.retracted = outcome.retracted;
  if (result.added + result.retracted > 0) result.tx = counters_.last_tx;
  return result;
}

absl::StatusOr<Statistics> DatabaseImpl::GetStatistics() const {
  const std::shared_ptr<const Snapshot> snapshot = GetSnapshot();
  const rocksdb::Snapshot* raw =
      static_cast<const SnapshotImpl&>(*snapshot).get();
  ALMANAC_ASSIGN_OR_RETURN(StoreCounters counters, store_->ReadCounters(raw));
  Statistics statistics;
  statistics.facts = counters.facts;
  statistics.entities = counters.entities;
  statistics.literals = counters.literals;
  statistics.last_tx = counters.last_tx;

  rocksdb::ReadOptions read_options;
  read_options.snapshot = raw;
  std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(
      read_options, store_->handle(Family::kPredicateStats)));
  DictionaryReader dictionary(*store_, raw);
  absl::Status status;
  for (it->SeekToFirst(); it->Valid() && status.ok(); it->Next()) {
    if (it->key().size() != 8) {
      status = absl::DataLossError("corrupt statistics key");
      break;
    }
    absl::StatusOr<PredicateCounts> counts = PredicateCounts::Decode(
        std::string_view(it->value().data(), it->value().size()));
    absl::StatusOr<Term> predicate =
        dictionary.Decode(DecodeFixed64(it->key().data()));
    if (!counts.ok() || !predicate.ok()) {
      status = counts.ok() ? predicate.status() : counts.status();
      break;
    }
    if (counts->facts == 0) continue;
    PredicateStatistics entry;
    entry.predicate = *predicate;
    entry.facts = counts->facts;
    entry.distinct_subjects = counts->distinct_subjects;
    entry.distinct_objects = counts->distinct_objects;
    entry.timed_facts = counts->timed_facts;
    if (counts->has_span()) {
      entry.time_span = DayRange{counts->min_begin, counts->max_end};
    }
    statistics.predicates.push_back(std::move(entry));
  }
  if (status.ok()) {
    status = FromRocksStatus(it->status(), "cannot read statistics");
  }
  ALMANAC_RETURN_IF_ERROR(status);
  std::sort(statistics.predicates.begin(), statistics.predicates.end(),
            [](const PredicateStatistics& a, const PredicateStatistics& b) {
              return a.predicate.text() < b.predicate.text();
            });
  return statistics;
}

absl::StatusOr<TransactionInfo> DatabaseImpl::GetTransaction(
    TxNumber tx) const {
  std::string value;
  rocksdb::Status status = store_->db()->Get(
      rocksdb::ReadOptions(), store_->handle(Family::kTransactions),
      TransactionKey(tx), &value);
  if (status.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("no transaction ", tx));
  }
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "cannot read transaction"));
  ALMANAC_ASSIGN_OR_RETURN(TransactionRecord record,
                           DecodeTransactionRecord(value));
  return TransactionInfo{tx, record.commit_time_micros, record.added,
                         record.retracted};
}

}  // namespace almanac
