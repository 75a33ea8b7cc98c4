// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Snapshots and pattern scans: a Pattern of terms becomes a ScanSpec of ids,
// and a FactScanner's rows are decoded back into Facts.

#include <optional>

#include "almanac/status_macros.h"
#include "engine/database_impl.h"
#include "query/time_bounds.h"
#include "storage/dictionary.h"
#include "storage/fact_scanner.h"

namespace almanac {
namespace {

// An iterator over nothing, or over an error.
class EmptyIterator : public FactIterator {
 public:
  explicit EmptyIterator(absl::Status status) : status_(std::move(status)) {}
  bool Valid() const override { return false; }
  void Next() override {}
  const Fact& fact() const override { return fact_; }
  absl::Status status() const override { return status_; }

 private:
  absl::Status status_;
  Fact fact_;
};

class ScanIterator : public FactIterator {
 public:
  ScanIterator(const Store& store, std::shared_ptr<const Snapshot> snapshot,
               const ScanSpec& spec, bool with_source)
      : snapshot_(std::move(snapshot)),
        raw_snapshot_(static_cast<const SnapshotImpl&>(*snapshot_).get()),
        dictionary_(store, raw_snapshot_),
        scanner_(store, raw_snapshot_, spec, with_source) {
    Decode();
  }

  bool Valid() const override { return valid_; }
  void Next() override {
    scanner_.Next();
    Decode();
  }
  const Fact& fact() const override { return fact_; }
  absl::Status status() const override {
    return status_.ok() ? scanner_.status() : status_;
  }

 private:
  void Decode() {
    valid_ = false;
    if (!scanner_.Valid()) return;
    absl::Status status = DecodeCurrent();
    if (!status.ok()) {
      status_ = status;
      return;
    }
    valid_ = true;
  }

  absl::Status DecodeCurrent() {
    const ScannedFact& row = scanner_.current();
    ALMANAC_RETURN_IF_ERROR(
        dictionary_.DecodeInto(row.key.subject, &fact_.subject));
    ALMANAC_RETURN_IF_ERROR(
        dictionary_.DecodeInto(row.key.predicate, &fact_.predicate));
    ALMANAC_RETURN_IF_ERROR(
        dictionary_.DecodeInto(row.key.object, &fact_.object));
    ALMANAC_ASSIGN_OR_RETURN(fact_.time, DecodeTime(row.key.time));
    fact_.source.clear();
    if (row.source != 0) {
      ALMANAC_RETURN_IF_ERROR(dictionary_.DecodeInto(row.source, &source_));
      fact_.source = source_.text();
    }
    fact_.added_in = row.added_in;
    return absl::OkStatus();
  }

  const std::shared_ptr<const Snapshot> snapshot_;
  const rocksdb::Snapshot* const raw_snapshot_;
  DictionaryReader dictionary_;
  FactScanner scanner_;
  bool valid_ = false;
  Fact fact_;
  Term source_;  // The current fact's source, decoded.
  absl::Status status_;
};

}  // namespace

TxNumber SnapshotImpl::tx() const {
  absl::call_once(tx_once_, [this] {
    absl::StatusOr<StoreCounters> counters = store_.ReadCounters(snapshot_);
    tx_ = counters.ok() ? counters->last_tx : 0;
  });
  return tx_;
}

std::shared_ptr<const Snapshot> DatabaseImpl::GetSnapshot() const {
  return std::make_shared<SnapshotImpl>(*store_, store_->db()->GetSnapshot());
}

std::unique_ptr<FactIterator> DatabaseImpl::Scan(
    const Pattern& pattern, const ScanOptions& options) const {
  std::shared_ptr<const Snapshot> snapshot =
      options.snapshot ? options.snapshot : GetSnapshot();
  DictionaryReader dictionary(
      *store_, static_cast<const SnapshotImpl&>(*snapshot).get());
  ScanSpec spec;
  // A bound term that was never stored matches nothing.
  for (auto [term, id] : {std::pair{&pattern.subject, &spec.subject},
                          std::pair{&pattern.predicate, &spec.predicate},
                          std::pair{&pattern.object, &spec.object}}) {
    if (!term->has_value()) continue;
    absl::StatusOr<std::optional<TermId>> found = dictionary.Find(**term);
    if (!found.ok()) return std::make_unique<EmptyIterator>(found.status());
    if (!found->has_value()) {
      return std::make_unique<EmptyIterator>(absl::OkStatus());
    }
    *id = **found;
  }
  if (pattern.time) {
    spec.time = BoundsFor(pattern.time->relation, pattern.time->range);
  }
  return std::make_unique<ScanIterator>(*store_, std::move(snapshot), spec,
                                        options.with_source);
}

}  // namespace almanac
