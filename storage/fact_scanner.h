// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// FactScanner reads the facts that match a pattern of term ids and time
// bounds as one prefix scan of the index that serves the pattern best:
//
//   bound                         time bounds?  index, scanned range
//   s / s,p / s,p,o / nothing     -             spo, prefix of the bound ids
//   p / p,o                       -             pos, prefix
//   o / o,s                       -             osp, prefix
//   p only                        yes           predicate_time, p + begin range
//   s only, or o only (entity)    yes           entity_time, e + begin range
//
// Time bounds are applied to every row the range yields; on the time-ordered
// indexes the begin bounds also narrow the range itself, so facts outside it
// are never read.

#ifndef ALMANAC_STORAGE_FACT_SCANNER_H_
#define ALMANAC_STORAGE_FACT_SCANNER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "rocksdb/db.h"
#include "storage/fact_key.h"
#include "storage/store.h"

namespace almanac {

// Inclusive bounds on a fact's day range. Facts with no stated time never
// satisfy bounds.
struct TimeBounds {
  int32_t begin_min = DayRange::kOpenBegin;
  int32_t begin_max = DayRange::kOpenEnd;
  int32_t end_min = DayRange::kOpenBegin;
  int32_t end_max = DayRange::kOpenEnd;

  bool Admits(EncodedTime time) const {
    return time.is_stated() && begin_min <= time.begin &&
           time.begin <= begin_max && end_min <= time.end &&
           time.end <= end_max;
  }
};

// A part of a scan's range, so that one scan can be read by several
// threads: only keys in [start, limit) of the index are read. An empty
// start or limit leaves that end of the range as it is.
struct KeySlice {
  std::string start;
  std::string limit;
};

struct ScanSpec {
  std::optional<TermId> subject;
  std::optional<TermId> predicate;
  std::optional<TermId> object;
  std::optional<TimeBounds> time;
  KeySlice slice;  // Default: the whole range.
};

struct ScannedFact {
  FactKey key;
  TxNumber added_in = 0;
  TermId source = 0;  // 0: none, or not read.
};

// Returns the index a scan of `spec` reads.
IndexOrder ChooseIndex(const ScanSpec& spec);

// The keys a scan of `spec` reads: [start, limit) of `order`'s family. An
// empty limit is the end of the family. Every matching fact is in the range;
// not every key in it matches (positions after a gap, time bounds).
struct ScanRange {
  IndexOrder order = IndexOrder::kSpo;
  std::string start;
  std::string limit;
};
ScanRange RangeOf(const ScanSpec& spec);

// An estimate of the keys in RangeOf(spec) from the sizes of the files that
// hold it (no key is read): good to within about 2x for ranges of thousands
// of keys, and 0 for ranges within one data block (hundreds to thousands
// of keys, as they compress) or only in memory. When `block_keys` is
// given, *block_keys is set to about how many keys a data block of the
// range's index holds, a bound for a range that came out as 0 while in
// files; 0 when the index has no files.
uint64_t EstimateScanRows(const Store& store, const ScanSpec& spec,
                          uint64_t* block_keys = nullptr);

// An estimate of the keys in RangeOf(spec) that are only in memtables (not
// yet flushed to files), which EstimateScanRows leaves out: RocksDB's
// count of the memtables' entries in the range, at most their entries in
// all. Rough: it samples the skip list, whose node heights are random, so
// the same range may come out at a third of its keys one run and many
// times a small range's keys the next.
uint64_t EstimateMemtableRows(const Store& store, const ScanSpec& spec);

// Splits RangeOf(spec), as of `snapshot`, into at most `parts` slices in
// key order that hold about the same bytes on disk (when the range is too
// small to measure, the keys' leading bytes are spread evenly instead):
// returns the keys where slices 2, 3, ... start, ascending. Each is a key
// of the range after its first, so no slice is empty. Reading slices
// [start of the range, boundary 1), [boundary 1, boundary 2), ..., [last
// boundary, end of the range) reads every key of the range once. Fewer
// than parts - 1 boundaries when the range has too few keys for them;
// none when it has one key or none.
absl::StatusOr<std::vector<std::string>> SplitScanRange(
    const Store& store, const rocksdb::Snapshot* snapshot, const ScanSpec& spec,
    int parts);

class FactScanner {
 public:
  // Scans `spec` as of `snapshot` (null: the latest). With `read_sources`,
  // current().source is filled (a point lookup per fact unless the index is
  // spo). The store must outlive the scanner. Positioned on the first match.
  FactScanner(const Store& store, const rocksdb::Snapshot* snapshot,
              const ScanSpec& spec, bool read_sources);

  // Starts over on `spec`, as of the same snapshot: positioned on its first
  // match. Cheaper than a new scanner when `spec` reads the same index.
  void Seek(const ScanSpec& spec);

  IndexOrder index() const { return order_; }
  bool Valid() const { return valid_; }
  // REQUIRES: Valid().
  void Next();
  // REQUIRES: Valid().
  const ScannedFact& current() const { return current_; }
  absl::Status status() const { return status_; }

 private:
  // Advances the iterator to the next row that matches, or ends the scan.
  void Settle();
  bool Matches(const FactKey& fact, EntityRole role) const;

  const Store& store_;
  const rocksdb::Snapshot* snapshot_;
  const bool read_sources_;
  ScanSpec spec_;
  IndexOrder order_ = IndexOrder::kSpo;
  std::optional<EntityRole> role_;  // For entity_time: the role wanted.
  std::string upper_bound_;
  rocksdb::Slice upper_bound_slice_;
  std::unique_ptr<rocksdb::Iterator> iterator_;
  bool valid_ = false;
  ScannedFact current_;
  absl::Status status_;
};

// Points *scanner at the first match of `spec` and returns it: a new
// scanner (as of `snapshot`, with `read_sources`) on first use, else the
// same one sought again, which reuses its iterator when `spec` reads the
// same index. For operators that scan once per input row.
FactScanner& SeekOrMakeScanner(std::unique_ptr<FactScanner>* scanner,
                               const Store& store,
                               const rocksdb::Snapshot* snapshot,
                               const ScanSpec& spec, bool read_sources);

}  // namespace almanac

#endif  // ALMANAC_STORAGE_FACT_SCANNER_H_
