// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Plan: from a bound query to a tree of operators.
//
// Optimizer passes run first, in order, each a function of the bound query
// (PlanOptions can switch them off by name):
//   push_time_filters  FILTER ?t REL <time literal>, where ?t is the time
//                      of a pattern, becomes inclusive begin/end bounds on
//                      that pattern's scan (query/time_bounds.h), so the
//                      time-ordered indexes read only the window. The
//                      bounds are exact, so the FILTER is dropped.
//   order_joins        patterns are joined cheapest first: each step takes
//                      the pattern with the fewest estimated rows among
//                      those sharing a variable with what is already bound,
//                      from the per-predicate statistics and, for a pattern
//                      with a constant subject or object, the size on disk
//                      of its keys (at most a data block's keys when too
//                      small to measure; facts only in memtables are not
//                      measured). The same estimates size the joins below.
// Each pattern after the first is then joined either by index nested loop
// (PatternJoin: one scan per input row, with the row's values in the scan's
// prefix) or by hash (HashJoin: the pattern's matches read once into a
// table, probed per input row). Which is cheaper depends on how many rows
// come in, and an estimate of that is least sure where it matters most (a
// popular entity has hundreds of times the average number of facts), so
// the choice is made when the query runs: an AdaptiveJoin reads the input
// up to the number of rows from which the hash join is cheaper, computed
// from the pattern's estimated facts, and takes the index join if the
// input ends first. A pattern estimated at over a million facts is never
// held in a hash table: it is always joined by index.
// A hash join becomes a merge join (MergeJoin: both sides read once, side
// by side, nothing held but one key's rows) when the rows so far and the
// pattern's own scan both ascend by the one variable they share: in the
// top-level group, whose rows keep the order of its first scan through
// every join.
// Filters are placed right above the first operator that binds all their
// variables. ORDER BY ?t needs no Sort when the pipeline starts with a
// scan of a time-ordered index that binds ?t (every operator above it keeps
// its input's order). A grouped query over one pattern estimated to match
// many facts aggregates on several threads (ParallelAggregate): the pattern
// and its filters are planned once per thread, and each copy reads a slice
// of the scan.

#ifndef ALMANAC_QUERY_PLANNER_H_
#define ALMANAC_QUERY_PLANNER_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "query/bound_query.h"
#include "query/operator.h"

namespace almanac {

struct PlanOptions {
  // Names of optimizer passes to skip ("push_time_filters", "order_joins").
  std::set<std::string> disabled_passes;
  // How patterns after the first join what comes before them: chosen by
  // cost as the query runs, or (for tests) always one way where it can be
  // used.
  // kPreferMerge: a merge join wherever both sides are in order of the
  // join variable, otherwise by cost.
  enum class Joins { kByCost, kAlwaysHash, kAlwaysIndex, kPreferMerge };
  Joins joins = Joins::kByCost;
  // When joins are by cost: the input rows from which an AdaptiveJoin takes
  // the hash or merge join (for tests). 0: from the cost.
  size_t adaptive_switch_rows = 0;
  // The most threads a grouped query over one pattern reads that pattern's
  // scan with (ParallelAggregate, query/aggregate.h), and a repeated
  // predicate steps a level of its walk with (PathJoin), when the scan or
  // level is large enough to be worth them. 0: one per core; 1: never in
  // parallel.
  int max_threads = 0;
  // Split scans and levels among max_threads even when they are small (for
  // tests).
  bool split_small_scans = false;
};

struct Plan {
  std::unique_ptr<Operator> root;
  std::vector<std::string> columns;  // The first columns.size() values of a
                                     // row are the result; the rest are
                                     // hidden sort keys.
};

// Runs the optimizer passes over `find` (in place) and builds its operators.
absl::StatusOr<Plan> PlanFind(BoundFind find, const ExecContext& context,
                              const PlanOptions& options = {});

// Renders the operator tree, one operator a line, with estimated rows and,
// when `analyzed`, actual rows and time.
std::string ExplainText(const Operator& root, bool analyzed);
std::string ExplainJson(const Operator& root, bool analyzed);

}  // namespace almanac

#endif  // ALMANAC_QUERY_PLANNER_H_
