// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// PathJoin answers a pattern whose predicate repeats: `?x allied_with+ ?y`
// (one or more steps), `p*` (zero or more), `p{m,n}` (m to n steps). For
// each input row it walks the predicate's facts breadth first from the
// bound end (the subject if bound, else the object, backwards; else from
// every node of the predicate) and yields each reachable node once.
//
// Termination: unbounded repeats (+, *, {m,}) visit each (node, length
// capped at m) once, so a cycle is walked a bounded number of times;
// `{m,n}` walks at most n levels. Either way the walk stops after
// kMaxPathSteps levels (a safety bound, reported as an error rather than
// silently cut).

#ifndef ALMANAC_QUERY_PATH_JOIN_H_
#define ALMANAC_QUERY_PATH_JOIN_H_

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "query/bound_query.h"
#include "query/operator.h"
#include "storage/fact_scanner.h"

namespace almanac {

class PathJoin : public Operator {
 public:
  static constexpr int kMaxPathSteps = 10000;

  // `context` must outlive the operator.
  PathJoin(std::unique_ptr<Operator> input, BoundPattern pattern,
           const ExecContext& context);

  std::string Describe() const override { return "Path " + pattern_.text; }
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // Computes the rows for input_row_ into pending_.
  absl::Status Expand();
  // The nodes one step from `node`, forwards (subject to object) or back.
  absl::StatusOr<std::vector<TermId>> Step(TermId node, bool forward);
  // The nodes reachable from `start` in [min, max] steps.
  absl::StatusOr<std::vector<TermId>> Reach(TermId start, bool forward);
  // The starts of a walk with neither end bound.
  absl::StatusOr<std::vector<TermId>> AllStarts();

  std::unique_ptr<Operator> input_;
  BoundPattern pattern_;  // Its $parameter terms change on Restart().
  const ExecContext& context_;
  Row input_row_;
  std::deque<Row> pending_;
  // Reused by every Step() of one run: a new scan of the same index reuses
  // its iterator.
  std::unique_ptr<FactScanner> step_scanner_;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_PATH_JOIN_H_
