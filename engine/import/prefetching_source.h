// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// PrefetchingSource reads another FactSource on a background thread, a batch
// of rows at a time, so that parsing the files overlaps with the caller's
// work on the rows already read. It yields exactly what the wrapped source
// yields, in the same order, errors included.

#ifndef ALMANAC_ENGINE_IMPORT_PREFETCHING_SOURCE_H_
#define ALMANAC_ENGINE_IMPORT_PREFETCHING_SOURCE_H_

#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "engine/import/fact_source.h"

namespace almanac {

class PrefetchingSource : public FactSource {
 public:
  // Starts reading `source`, which must outlive this object and must not be
  // used by anyone else meanwhile.
  explicit PrefetchingSource(FactSource& source);
  // Stops the background thread.
  ~PrefetchingSource() override;

  absl::StatusOr<bool> Next(Fact* fact) override;
  uint64_t bytes_read() const override { return bytes_read_.load(); }
  uint64_t bytes_total() const override { return bytes_total_; }

 private:
  // One result of the wrapped source's Next(): a fact, a row error, the end
  // (ok status, !has_fact) or a fatal error.
  struct Item {
    absl::Status status;
    bool has_fact = false;
    Fact fact;
  };
  using Batch = std::vector<Item>;

  void ReadAhead();

  static constexpr size_t kBatchRows = 4096;
  static constexpr size_t kMaxQueuedBatches = 4;

  FactSource& source_;
  const uint64_t bytes_total_;
  std::atomic<uint64_t> bytes_read_{0};

  absl::Mutex mutex_;
  std::deque<Batch> queue_ ABSL_GUARDED_BY(mutex_);
  bool stop_ ABSL_GUARDED_BY(mutex_) = false;

  Batch current_;          // The batch being consumed.
  size_t position_ = 0;    // Next item of current_.
  bool finished_ = false;  // The end or a fatal error was returned.
  std::thread reader_;
};

}  // namespace almanac

#endif  // ALMANAC_ENGINE_IMPORT_PREFETCHING_SOURCE_H_
