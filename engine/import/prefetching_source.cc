// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "engine/import/prefetching_source.h"

namespace almanac {

PrefetchingSource::PrefetchingSource(FactSource& source)
    : source_(source), bytes_total_(source.bytes_total()) {
  reader_ = std::thread([this] { ReadAhead(); });
}

PrefetchingSource::~PrefetchingSource() {
  {
    absl::MutexLock lock(&mutex_);
    stop_ = true;
  }
  reader_.join();
}

void PrefetchingSource::ReadAhead() {
  bool done = false;
  while (!done) {
    Batch batch;
    batch.reserve(kBatchRows);
    while (batch.size() < kBatchRows) {
      Item item;
      absl::StatusOr<bool> next = source_.Next(&item.fact);
      if (next.ok()) {
        item.has_fact = *next;
      } else {
        item.status = next.status();
      }
      // The end, or an error after which the source may not go on.
      done = (next.ok() && !*next) ||
             (!next.ok() && !absl::IsInvalidArgument(next.status()));
      batch.push_back(std::move(item));
      if (done) break;
    }
    bytes_read_.store(source_.bytes_read());
    absl::MutexLock lock(&mutex_);
    const auto has_room = [this]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
      return stop_ || queue_.size() < kMaxQueuedBatches;
    };
    mutex_.Await(absl::Condition(&has_room));
    if (stop_) return;
    queue_.push_back(std::move(batch));
  }
}

absl::StatusOr<bool> PrefetchingSource::Next(Fact* fact) {
  if (finished_) return false;
  if (position_ == current_.size()) {
    absl::MutexLock lock(&mutex_);
    const auto has_batch = [this]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
      return !queue_.empty();
    };
    mutex_.Await(absl::Condition(&has_batch));
    current_ = std::move(queue_.front());
    queue_.pop_front();
    position_ = 0;
  }
  Item& item = current_[position_++];
  if (!item.status.ok()) {
    if (!absl::IsInvalidArgument(item.status)) finished_ = true;
    return item.status;
  }
  if (!item.has_fact) {
    finished_ = true;
    return false;
  }
  *fact = std::move(item.fact);
  return true;
}

}  // namespace almanac
