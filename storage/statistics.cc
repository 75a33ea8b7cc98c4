// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/statistics.h"

#include <algorithm>

#include "storage/coding.h"
#include "storage/format.h"

namespace almanac {

void PredicateCounts::WidenSpan(EncodedTime time) {
  min_begin = std::min(min_begin, time.begin);
  max_end = std::max(max_end, time.end);
  if (time.begin != DayRange::kOpenBegin && time.end != DayRange::kOpenEnd) {
    max_closed_days = std::max<uint64_t>(
        max_closed_days, static_cast<int64_t>(time.end) - time.begin);
  }
}

std::string PredicateCounts::Encode() const {
  std::string value(1, kValueLayout1);
  for (uint64_t field :
       {facts, distinct_subjects, distinct_objects, timed_facts}) {
    PutVarint64(&value, field);
  }
  PutOrderedInt32(&value, min_begin);
  PutOrderedInt32(&value, max_end);
  PutVarint64(&value, max_closed_days);
  return value;
}

absl::StatusOr<PredicateCounts> PredicateCounts::Decode(
    std::string_view value) {
  const auto corrupt = [] {
    return absl::DataLossError("corrupt predicate statistics");
  };
  if (value.empty() || value[0] != kValueLayout1) return corrupt();
  value.remove_prefix(1);
  PredicateCounts counts;
  for (uint64_t* field : {&counts.facts, &counts.distinct_subjects,
                          &counts.distinct_objects, &counts.timed_facts}) {
    if (!GetVarint64(&value, field)) return corrupt();
  }
  if (value.size() < 8) return corrupt();
  counts.min_begin = DecodeOrderedInt32(value.data());
  counts.max_end = DecodeOrderedInt32(value.data() + 4);
  value.remove_prefix(8);
  if (!GetVarint64(&value, &counts.max_closed_days)) return corrupt();
  return counts;
}

}  // namespace almanac
