// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/records.h"

#include "almanac/status_macros.h"
#include "storage/coding.h"

namespace almanac {

std::string EncodeSpoValue(SpoValue value) {
  std::string encoded;
  PutVarint64(&encoded, value.added_in);
  PutVarint64(&encoded, value.source);
  return encoded;
}

absl::StatusOr<SpoValue> DecodeSpoValue(std::string_view value) {
  SpoValue decoded;
  if (!GetVarint64(&value, &decoded.added_in) ||
      !GetVarint64(&value, &decoded.source)) {
    return absl::DataLossError("corrupt fact value in the spo index");
  }
  return decoded;
}

std::string EncodeIndexValue(TxNumber added_in) {
  std::string encoded;
  PutVarint64(&encoded, added_in);
  return encoded;
}

absl::StatusOr<TxNumber> DecodeIndexValue(std::string_view value) {
  TxNumber added_in = 0;
  if (!GetVarint64(&value, &added_in)) {
    return absl::DataLossError("corrupt fact value in an index");
  }
  return added_in;
}

std::string HistoryKey(const FactKey& fact, TxNumber retracted_in) {
  std::string key = EncodeKey(IndexOrder::kSpo, fact);
  PutFixed64(&key, retracted_in);
  return key;
}

std::string TransactionKey(TxNumber tx) {
  std::string key;
  PutFixed64(&key, tx);
  return key;
}

std::string EncodeTransactionRecord(const TransactionRecord& record) {
  std::string value(1, kValueLayout1);
  PutVarint64(&value, static_cast<uint64_t>(record.commit_time_micros));
  PutVarint64(&value, record.added);
  PutVarint64(&value, record.retracted);
  return value;
}

absl::StatusOr<TransactionRecord> DecodeTransactionRecord(
    std::string_view value) {
  TransactionRecord record;
  uint64_t micros = 0;
  if (value.empty() || value[0] != kValueLayout1) {
    return absl::DataLossError("corrupt transaction record");
  }
  value.remove_prefix(1);
  if (!GetVarint64(&value, &micros) || !GetVarint64(&value, &record.added) ||
      !GetVarint64(&value, &record.retracted)) {
    return absl::DataLossError("corrupt transaction record");
  }
  record.commit_time_micros = static_cast<int64_t>(micros);
  return record;
}

std::vector<FamilyRecord> ClosingRecords(const TermAssigner& terms,
                                         const ChangedStatistics& stats,
                                         const StoreCounters& counters,
                                         TxNumber tx,
                                         const TransactionRecord& record) {
  std::vector<FamilyRecord> records = DictionaryRecords(terms);
  for (FamilyRecord& closing : StatisticsRecords(stats, counters, tx, record)) {
    records.push_back(std::move(closing));
  }
  return records;
}

std::vector<FamilyRecord> DictionaryRecords(const TermAssigner& terms) {
  std::vector<FamilyRecord> records;
  records.reserve(2 * terms.new_terms().size());
  for (const auto& [key, id] : terms.new_terms()) {
    std::string encoded_id;
    PutFixed64(&encoded_id, id);
    records.push_back({Family::kTermIds, key, encoded_id});
    records.push_back({Family::kTermNames, encoded_id, key.substr(1)});
  }
  return records;
}

std::vector<FamilyRecord> StatisticsRecords(const ChangedStatistics& stats,
                                            const StoreCounters& counters,
                                            TxNumber tx,
                                            const TransactionRecord& record) {
  std::vector<FamilyRecord> records;
  for (const auto& [predicate, counts] : stats.all()) {
    std::string key;
    PutFixed64(&key, predicate);
    records.push_back({Family::kPredicateStats, key, counts.Encode()});
  }
  records.push_back({Family::kMeta, kCountersKey, counters.Encode()});
  records.push_back({Family::kTransactions, TransactionKey(tx),
                     EncodeTransactionRecord(record)});
  return records;
}

absl::StatusOr<PredicateCounts> ReadPredicateCounts(
    const Store& store, const rocksdb::Snapshot* snapshot, TermId predicate) {
  std::string key;
  PutFixed64(&key, predicate);
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  std::string value;
  rocksdb::Status status = store.db()->Get(
      read_options, store.handle(Family::kPredicateStats), key, &value);
  if (status.IsNotFound()) return PredicateCounts();
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(status, "cannot read statistics"));
  return PredicateCounts::Decode(value);
}

absl::StatusOr<PredicateCounts*> ChangedStatistics::Of(TermId predicate) {
  auto it = counts_.find(predicate);
  if (it == counts_.end()) {
    ALMANAC_ASSIGN_OR_RETURN(PredicateCounts counts,
                             ReadPredicateCounts(store_, nullptr, predicate));
    it = counts_.emplace(predicate, counts).first;
  }
  return &it->second;
}

std::string IdPairPrefix(TermId first, TermId second) {
  std::string prefix;
  PutFixed64(&prefix, first);
  PutFixed64(&prefix, second);
  return prefix;
}

}  // namespace almanac
