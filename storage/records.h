// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Values of the index families, history and transaction records, and the
// closing records that every write (a commit or an import) ends with.
//
//   spo value:       varint tx that added the fact, varint source term id
//                    (0: no source)
//   pos, osp, predicate_time, entity_time value: varint tx that added it
//   history key:     the 33-byte spo key + 8-byte big-endian tx that
//                    retracted the fact
//   history value:   the spo value the fact had
//   transactions key: 8-byte big-endian tx
//   transactions value: layout byte 1; varints commit time (microseconds
//                    since 1970), facts added, facts retracted

#ifndef ALMANAC_STORAGE_RECORDS_H_
#define ALMANAC_STORAGE_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "storage/dictionary.h"
#include "storage/fact_key.h"
#include "storage/format.h"
#include "storage/statistics.h"
#include "storage/store.h"

namespace almanac {

struct SpoValue {
  TxNumber added_in = 0;
  TermId source = 0;
};
std::string EncodeSpoValue(SpoValue value);
absl::StatusOr<SpoValue> DecodeSpoValue(std::string_view value);

std::string EncodeIndexValue(TxNumber added_in);
absl::StatusOr<TxNumber> DecodeIndexValue(std::string_view value);

std::string HistoryKey(const FactKey& fact, TxNumber retracted_in);

struct TransactionRecord {
  int64_t commit_time_micros = 0;
  uint64_t added = 0;
  uint64_t retracted = 0;
};
std::string TransactionKey(TxNumber tx);
std::string EncodeTransactionRecord(const TransactionRecord& record);
absl::StatusOr<TransactionRecord> DecodeTransactionRecord(
    std::string_view value);

// A key-value pair to write to one family.
struct FamilyRecord {
  Family family;
  std::string key;
  std::string value;
};

// Returns the statistics of `predicate` as of `snapshot` (zero counts when
// it has none).
absl::StatusOr<PredicateCounts> ReadPredicateCounts(
    const Store& store, const rocksdb::Snapshot* snapshot, TermId predicate);

// The predicate statistics one write changes: each is read from the
// database the first time it is asked for, then updated in memory.
class ChangedStatistics {
 public:
  explicit ChangedStatistics(const Store& store) : store_(store) {}

  // Returns the counts of `predicate`, to be updated in place.
  absl::StatusOr<PredicateCounts*> Of(TermId predicate);

  const absl::flat_hash_map<TermId, PredicateCounts>& all() const {
    return counts_;
  }

 private:
  const Store& store_;
  absl::flat_hash_map<TermId, PredicateCounts> counts_;
};

// Returns the 16-byte key prefix of two term ids: (subject, predicate) in
// spo, (predicate, object) in pos.
std::string IdPairPrefix(TermId first, TermId second);

// Returns the records that close a write: the dictionary entries of the new
// terms (DictionaryRecords), then the changed predicate statistics, the
// counters and the transaction record (StatisticsRecords).
std::vector<FamilyRecord> ClosingRecords(const TermAssigner& terms,
                                         const ChangedStatistics& stats,
                                         const StoreCounters& counters,
                                         TxNumber tx,
                                         const TransactionRecord& record);
std::vector<FamilyRecord> DictionaryRecords(const TermAssigner& terms);
std::vector<FamilyRecord> StatisticsRecords(const ChangedStatistics& stats,
                                            const StoreCounters& counters,
                                            TxNumber tx,
                                            const TransactionRecord& record);

}  // namespace almanac

#endif  // ALMANAC_STORAGE_RECORDS_H_
