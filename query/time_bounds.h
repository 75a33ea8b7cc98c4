// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Pushing time conditions into index scans: a relation between a fact's
// valid time and a window becomes inclusive bounds on the fact's first day
// and end day, which the time-ordered indexes can seek on.

#ifndef ALMANAC_QUERY_TIME_BOUNDS_H_
#define ALMANAC_QUERY_TIME_BOUNDS_H_

#include "almanac/date.h"
#include "storage/fact_scanner.h"

namespace almanac {

// Returns the bounds a fact's days must meet for
// Holds(relation, fact_days, window). The result is exact: a fact with a
// stated time meets the bounds if and only if the relation holds.
TimeBounds BoundsFor(TimeRelation relation, DayRange window);

}  // namespace almanac

#endif  // ALMANAC_QUERY_TIME_BOUNDS_H_
