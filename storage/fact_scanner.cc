// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/fact_scanner.h"

#include <algorithm>

#include "almanac/status_macros.h"
#include "storage/coding.h"
#include "storage/records.h"

namespace almanac {
namespace {

void PutIfBound(std::string* prefix, const std::optional<TermId>& id,
                bool* still_contiguous) {
  if (!*still_contiguous) return;
  if (id) {
    PutFixed64(prefix, *id);
  } else {
    *still_contiguous = false;
  }
}

// RocksDB's estimate of the bytes [start, limit) of `family` takes in
// files (and memtables); 0 when it has none.
uint64_t ApproximateBytes(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
                          const std::string& start, const std::string& limit,
                          bool include_memtables) {
  const rocksdb::Range ranges[] = {{start, limit}};
  rocksdb::SizeApproximationOptions options;
  options.include_memtables = include_memtables;
  options.include_files = true;
  uint64_t bytes = 0;
  if (!db.GetApproximateSizes(options, family, ranges, 1, &bytes).ok()) {
    return 0;
  }
  return bytes;
}

// The end of `range` as a key, for RocksDB's size estimates: its limit,
// or for the end of the family "\xff" (every key starts with a term id,
// whose first byte is below 0x70).
std::string LimitKey(const ScanRange& range) {
  return range.limit.empty() ? std::string("\xff") : range.limit;
}

}  // namespace

IndexOrder ChooseIndex(const ScanSpec& spec) {
  const int bound =
      (spec.subject ? 1 : 0) + (spec.predicate ? 1 : 0) + (spec.object ? 1 : 0);
  if (spec.time && bound == 1) {
    if (spec.predicate) return IndexOrder::kPredicateTime;
    if (spec.subject) return IndexOrder::kEntityTime;
    if (KindOfTermId(*spec.object) == TermKind::kEntity) {
      return IndexOrder::kEntityTime;
    }
  }
  if (spec.subject && (spec.predicate || !spec.object)) return IndexOrder::kSpo;
  if (spec.predicate) return IndexOrder::kPos;
  if (spec.object) return IndexOrder::kOsp;
  return IndexOrder::kSpo;
}

FactScanner::FactScanner(const Store& store, const rocksdb::Snapshot* snapshot,
                         const ScanSpec& spec, bool read_sources)
    : store_(store), snapshot_(snapshot), read_sources_(read_sources) {
  Seek(spec);
}

ScanRange RangeOf(const ScanSpec& spec) {
  ScanRange range;
  range.order = ChooseIndex(spec);
  // The prefix of bound ids in index order.
  std::string prefix;
  bool contiguous = true;
  switch (range.order) {
    case IndexOrder::kSpo:
      PutIfBound(&prefix, spec.subject, &contiguous);
      PutIfBound(&prefix, spec.predicate, &contiguous);
      PutIfBound(&prefix, spec.object, &contiguous);
      break;
    case IndexOrder::kPos:
      PutIfBound(&prefix, spec.predicate, &contiguous);
      PutIfBound(&prefix, spec.object, &contiguous);
      PutIfBound(&prefix, spec.subject, &contiguous);
      break;
    case IndexOrder::kOsp:
      PutIfBound(&prefix, spec.object, &contiguous);
      PutIfBound(&prefix, spec.subject, &contiguous);
      PutIfBound(&prefix, spec.predicate, &contiguous);
      break;
    case IndexOrder::kPredicateTime:
      PutFixed64(&prefix, *spec.predicate);
      break;
    case IndexOrder::kEntityTime:
      PutFixed64(&prefix, spec.subject ? *spec.subject : *spec.object);
      break;
  }
  range.start = prefix;
  range.limit = PrefixSuccessor(prefix);
  // On time-ordered ranges, the begin bounds narrow the range itself.
  const bool time_follows_prefix = range.order == IndexOrder::kPredicateTime ||
                                   range.order == IndexOrder::kEntityTime ||
                                   prefix.size() == 24;
  if (spec.time && time_follows_prefix) {
    PutOrderedInt32(&range.start, spec.time->begin_min);
    if (spec.time->begin_max != DayRange::kOpenEnd) {
      range.limit = prefix;
      PutOrderedInt32(&range.limit, spec.time->begin_max + 1);
    }
  }
  // A slice narrows the range further.
  if (spec.slice.start > range.start) range.start = spec.slice.start;
  if (!spec.slice.limit.empty() &&
      (range.limit.empty() || spec.slice.limit < range.limit)) {
    range.limit = spec.slice.limit;
  }
  return range;
}

uint64_t EstimateScanRows(const Store& store, const ScanSpec& spec,
                          uint64_t* block_keys) {
  if (block_keys != nullptr) *block_keys = 0;
  const ScanRange range = RangeOf(spec);
  rocksdb::DB& db = *store.db();
  rocksdb::ColumnFamilyHandle* family = store.handle(FamilyOf(range.order));
  // The family's keys in files: all its keys less those in memtables.
  uint64_t keys = 0;
  uint64_t active = 0;
  uint64_t immutable = 0;
  uint64_t file_bytes = 0;
  if (!db.GetIntProperty(family, "rocksdb.estimate-num-keys", &keys) ||
      !db.GetIntProperty(family, "rocksdb.num-entries-active-mem-table",
                         &active) ||
      !db.GetIntProperty(family, "rocksdb.num-entries-imm-mem-tables",
                         &immutable) ||
      !db.GetIntProperty(family, "rocksdb.live-sst-files-size", &file_bytes) ||
      keys <= active + immutable || file_bytes == 0) {
    return 0;
  }
  const uint64_t file_keys = keys - active - immutable;
  if (block_keys != nullptr) {
    *block_keys = std::max<uint64_t>(
        1, static_cast<uint64_t>(static_cast<double>(file_keys) /
                                 static_cast<double>(file_bytes) *
                                 static_cast<double>(kDataBlockBytes)));
  }
  const uint64_t range_bytes =
      ApproximateBytes(db, family, range.start, LimitKey(range),
                       /*include_memtables=*/false);
  return static_cast<uint64_t>(static_cast<double>(range_bytes) /
                               static_cast<double>(file_bytes) *
                               static_cast<double>(file_keys));
}

uint64_t EstimateMemtableRows(const Store& store, const ScanSpec& spec) {
  const ScanRange range = RangeOf(spec);
  const std::string limit = LimitKey(range);
  uint64_t count = 0;
  uint64_t bytes = 0;
  store.db()->GetApproximateMemTableStats(store.handle(FamilyOf(range.order)),
                                          rocksdb::Range(range.start, limit),
                                          &count, &bytes);
  return count;
}

namespace {

// Positions within a key range, for splitting it: the eight bytes of a key
// after the prefix that the range's first and last keys share, as a
// number. Keys of the range ascend with their positions.
class KeyPositions {
 public:
  KeyPositions(std::string_view first, std::string_view last) {
    while (prefix_length_ < first.size() && prefix_length_ < last.size() &&
           first[prefix_length_] == last[prefix_length_]) {
      ++prefix_length_;
    }
    prefix_ = std::string(first.substr(0, prefix_length_));
  }

  uint64_t PositionOf(std::string_view key) const {
    char bytes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const std::string_view rest = key.substr(prefix_length_);
    std::copy_n(rest.begin(), std::min<size_t>(rest.size(), 8), bytes);
    return DecodeFixed64(bytes);
  }

  // The smallest key at `position`.
  std::string KeyAt(uint64_t position) const {
    std::string key = prefix_;
    PutFixed64(&key, position);
    return key;
  }

 private:
  size_t prefix_length_ = 0;
  std::string prefix_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> SplitScanRange(
    const Store& store, const rocksdb::Snapshot* snapshot, const ScanSpec& spec,
    int parts) {
  const ScanRange range = RangeOf(spec);
  rocksdb::DB& db = *store.db();
  rocksdb::ColumnFamilyHandle* family = store.handle(FamilyOf(range.order));
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> iterator(
      db.NewIterator(read_options, family));
  iterator->Seek(range.start);
  std::vector<std::string> boundaries;
  if (!iterator->Valid() ||
      (!range.limit.empty() && iterator->key().compare(range.limit) >= 0)) {
    ALMANAC_RETURN_IF_ERROR(
        FromRocksStatus(iterator->status(), "splitting a scan failed"));
    return boundaries;  // No key.
  }
  const std::string first = iterator->key().ToString();
  if (range.limit.empty()) {
    iterator->SeekToLast();
  } else {
    iterator->SeekForPrev(range.limit);
    if (iterator->Valid() && iterator->key().compare(range.limit) == 0) {
      iterator->Prev();
    }
  }
  if (!iterator->Valid()) {
    return FromRocksStatus(iterator->status(), "splitting a scan failed");
  }
  const std::string last = iterator->key().ToString();
  if (parts < 2 || last <= first) return boundaries;

  const KeyPositions positions(first, last);
  const uint64_t low = positions.PositionOf(first);
  const uint64_t high = positions.PositionOf(last);
  // The bytes on disk (and in memtables) from the first key to `key`.
  const auto bytes_before = [&](const std::string& key) {
    return ApproximateBytes(db, family, first, key, /*include_memtables=*/true);
  };
  const uint64_t total = bytes_before(positions.KeyAt(high) + '\xff');
  // Sizes are known to a data block (4 KiB): below 64 blocks they cannot
  // balance the slices, and keys spread over their positions do better.
  constexpr uint64_t kMeasurableBytes = uint64_t{256} << 10;
  for (int k = 1; k < parts; ++k) {
    uint64_t position;
    if (total >= kMeasurableBytes) {
      const uint64_t target = total / parts * k;
      uint64_t below = low;  // bytes_before(KeyAt(below)) < target
      uint64_t at_or_above = high;
      // 32 halvings place the boundary to within 1/4G of the positions.
      for (int step = 0; step < 32 && at_or_above - below > 1; ++step) {
        const uint64_t middle = below + (at_or_above - below) / 2;
        if (bytes_before(positions.KeyAt(middle)) < target) {
          below = middle;
        } else {
          at_or_above = middle;
        }
      }
      position = at_or_above;
    } else {
      const double share = static_cast<double>(k) / parts;
      position = std::min(
          high,
          low + static_cast<uint64_t>(static_cast<double>(high - low) * share));
    }
    if (position <= low) continue;
    // The first key from there on starts the slice, so that no slice is
    // empty.
    iterator->Seek(positions.KeyAt(position));
    if (!iterator->Valid()) break;
    std::string boundary = iterator->key().ToString();
    if (boundary > last) break;
    if (boundaries.empty() || boundary > boundaries.back()) {
      boundaries.push_back(std::move(boundary));
    }
  }
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(iterator->status(), "splitting a scan failed"));
  return boundaries;
}

void FactScanner::Seek(const ScanSpec& spec) {
  spec_ = spec;
  const IndexOrder previous_order = order_;
  const bool had_upper_bound = !upper_bound_.empty();
  ScanRange range = RangeOf(spec);
  order_ = range.order;
  role_.reset();
  if (order_ == IndexOrder::kEntityTime) {
    role_ = spec.subject ? EntityRole::kSubject : EntityRole::kObject;
  }
  status_ = absl::OkStatus();
  upper_bound_ = std::move(range.limit);
  upper_bound_slice_ = rocksdb::Slice(upper_bound_);

  // An iterator is costly to make (it pins the current files and memtables
  // of its family), so a scan of the same index reuses it: RocksDB reads
  // the bound through the pointer it was given and checks it again on
  // every Seek. An iterator made without a bound cannot take one later.
  const bool reusable = iterator_ != nullptr && order_ == previous_order &&
                        had_upper_bound && !upper_bound_.empty();
  if (!reusable) {
    rocksdb::ReadOptions read_options;
    read_options.snapshot = snapshot_;
    if (!upper_bound_.empty()) {
      read_options.iterate_upper_bound = &upper_bound_slice_;
    }
    iterator_.reset(store_.db()->NewIterator(read_options,
                                             store_.handle(FamilyOf(order_))));
  }
  iterator_->Seek(range.start);
  Settle();
}

void FactScanner::Next() {
  iterator_->Next();
  Settle();
}

bool FactScanner::Matches(const FactKey& fact, EntityRole role) const {
  if (spec_.subject && fact.subject != *spec_.subject) return false;
  if (spec_.predicate && fact.predicate != *spec_.predicate) return false;
  if (spec_.object && fact.object != *spec_.object) return false;
  if (role_ && role != *role_) return false;
  if (spec_.time && !spec_.time->Admits(fact.time)) return false;
  return true;
}

void FactScanner::Settle() {
  valid_ = false;
  for (; iterator_->Valid(); iterator_->Next()) {
    const rocksdb::Slice key = iterator_->key();
    EntityRole role = EntityRole::kSubject;
    if (!DecodeKey(order_, std::string_view(key.data(), key.size()),
                   &current_.key, &role)) {
      status_ = absl::DataLossError("malformed index key");
      return;
    }
    if (!Matches(current_.key, role)) continue;

    const rocksdb::Slice value = iterator_->value();
    const std::string_view value_view(value.data(), value.size());
    current_.source = 0;
    if (order_ == IndexOrder::kSpo) {
      absl::StatusOr<SpoValue> spo = DecodeSpoValue(value_view);
      if (!spo.ok()) {
        status_ = spo.status();
        return;
      }
      current_.added_in = spo->added_in;
      current_.source = spo->source;
    } else {
      absl::StatusOr<TxNumber> added_in = DecodeIndexValue(value_view);
      if (!added_in.ok()) {
        status_ = added_in.status();
        return;
      }
      current_.added_in = *added_in;
      if (read_sources_) {
        rocksdb::ReadOptions read_options;
        read_options.snapshot = snapshot_;
        rocksdb::PinnableSlice spo_value;
        rocksdb::Status lookup = store_.db()->Get(
            read_options, store_.handle(Family::kSpo),
            EncodeKey(IndexOrder::kSpo, current_.key), &spo_value);
        absl::StatusOr<SpoValue> spo =
            lookup.ok() ? DecodeSpoValue(std::string_view(spo_value.data(),
                                                          spo_value.size()))
                        : absl::StatusOr<SpoValue>(
                              FromRocksStatus(lookup, "source lookup failed"));
        if (!spo.ok()) {
          status_ = spo.status();
          return;
        }
        current_.source = spo->source;
      }
    }
    valid_ = true;
    return;
  }
  status_ = FromRocksStatus(iterator_->status(), "index scan failed");
}

FactScanner& SeekOrMakeScanner(std::unique_ptr<FactScanner>* scanner,
                               const Store& store,
                               const rocksdb::Snapshot* snapshot,
                               const ScanSpec& spec, bool read_sources) {
  if (*scanner == nullptr) {
    *scanner =
        std::make_unique<FactScanner>(store, snapshot, spec, read_sources);
  } else {
    (*scanner)->Seek(spec);
  }
  return **scanner;
}

}  // namespace almanac
