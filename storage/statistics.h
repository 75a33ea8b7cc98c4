// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Per-predicate statistics for the query planner, kept current by every
// write in the same atomic batch.
//
//   predicate_stats key: 8-byte big-endian predicate id
//   value: layout byte 1; varints facts, distinct_subjects,
//          distinct_objects, timed_facts; ordered int32 min_begin, max_end;
//          varint max_closed_days.

#ifndef ALMANAC_STORAGE_STATISTICS_H_
#define ALMANAC_STORAGE_STATISTICS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "storage/fact_key.h"

namespace almanac {

struct PredicateCounts {
  uint64_t facts = 0;
  uint64_t distinct_subjects = 0;
  uint64_t distinct_objects = 0;
  uint64_t timed_facts = 0;
  // The smallest begin and largest end of any timed fact ever added: bounds
  // that additions widen and retractions leave alone. min_begin > max_end
  // while no timed fact was added.
  int32_t min_begin = DayRange::kOpenEnd;
  int32_t max_end = DayRange::kOpenBegin;
  // The longest timed fact with both ends closed, in days: a planner can
  // start a time-ordered scan that far before a window. Also only widened.
  uint64_t max_closed_days = 0;

  // Counts a timed fact in the span bounds (not in timed_facts).
  void WidenSpan(EncodedTime time);
  bool has_span() const { return min_begin <= max_end; }

  std::string Encode() const;
  static absl::StatusOr<PredicateCounts> Decode(std::string_view value);
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_STATISTICS_H_
