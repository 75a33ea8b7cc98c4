// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/time_bounds.h"

#include <algorithm>

namespace almanac {

TimeBounds BoundsFor(TimeRelation relation, DayRange window) {
  TimeBounds bounds;
  switch (relation) {
    case TimeRelation::kBefore:  // fact.end <= window.begin
      bounds.end_max = window.begin;
      break;
    case TimeRelation::kAfter:  // fact.begin >= window.end
      bounds.begin_min = window.end;
      break;
    case TimeRelation::kDuring:  // window.begin <= fact.begin, fact.end <=
                                 // window.end
      bounds.begin_min = window.begin;
      bounds.end_max = window.end;
      break;
    case TimeRelation::kContains:  // fact.begin <= window.begin, window.end <=
                                   // fact.end
      bounds.begin_max = window.begin;
      bounds.end_min = window.end;
      break;
    case TimeRelation::kOverlaps:  // fact.begin < window.end, window.begin <
                                   // fact.end
      if (window.end != DayRange::kOpenEnd) bounds.begin_max = window.end - 1;
      if (window.begin != DayRange::kOpenBegin) {
        bounds.end_min = window.begin + 1;
      }
      break;
    case TimeRelation::kEquals:
      bounds = {window.begin, window.begin, window.end, window.end};
      break;
  }
  // A stated time is never empty (begin < end), so a bound on the end bounds
  // the begin too; the time-ordered indexes then stop reading there instead
  // of at the end of the predicate or entity.
  // (Not below the first day of year 1, before which no date begins.)
  static const int32_t kFirstDay =
      Date::FromParts(1, 1, 1, DatePrecision::kDay)->days().begin;
  if (bounds.end_max != DayRange::kOpenEnd && bounds.end_max > kFirstDay) {
    bounds.begin_max = std::min(bounds.begin_max, bounds.end_max - 1);
  }
  return bounds;
}

}  // namespace almanac
