// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// PathJoin answers a pattern whose predicate repeats: `?x allied_with+ ?y`
// (one or more steps), `p*` (zero or more), `p{m,n}` (m to n steps). For
// each input row it walks the predicate's facts breadth first from the
// bound end (the subject if bound, else the object, backwards; else from
// every node of the predicate) and yields each reachable node once. Zero
// steps lead from each node of the predicate (a subject or object of one
// of its facts) to itself, and from no other term.
//
// Termination: unbounded repeats (+, *, {m,}) visit each (node, length
// capped at m) once, so a cycle is walked a bounded number of times;
// `{m,n}` walks at most n levels. Either way the walk stops after
// kMaxPathSteps levels (a safety bound, reported as an error rather than
// silently cut).
//
// A level of the walk with many nodes is stepped on several threads: each
// takes chunks of the level in turn and seeks their next nodes with its own
// scanner; the chunks' nodes are then taken in chunk order, so the rows and
// their order are those of one thread. The threads read the context's
// snapshot, which must not be null for a walk to see one state.

#ifndef ALMANAC_QUERY_PATH_JOIN_H_
#define ALMANAC_QUERY_PATH_JOIN_H_

#include <deque>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "query/bound_query.h"
#include "query/operator.h"
#include "storage/fact_scanner.h"

namespace almanac {

class PathJoin : public Operator {
 public:
  static constexpr int kMaxPathSteps = 10000;
  // The fewest nodes of a level each thread must step for the level to be
  // split: a thread costs about as much as a few dozen seeks.
  static constexpr size_t kMinNodesPerThread = 256;
  // The most nodes a thread steps before it takes the next chunk of the
  // level.
  static constexpr size_t kChunkNodes = 64;

  // `context` must outlive the operator. A level is stepped on up to
  // `threads` threads; with `split_small_levels` (for tests) even when it
  // has fewer than kMinNodesPerThread nodes a thread.
  PathJoin(std::unique_ptr<Operator> input, BoundPattern pattern,
           const ExecContext& context, int threads = 1,
           bool split_small_levels = false);

  std::string Describe() const override { return "Path " + pattern_.text; }
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // Computes the rows for input_row_ into pending_.
  absl::Status Expand();
  // The walk's states: a node and its path length capped at the
  // repeat's min (see Reach).
  using States = absl::flat_hash_set<std::pair<TermId, int>>;

  // Appends to *next the nodes one step from each of `nodes`, in order,
  // forwards (subject to object) or back, each once and leaving out those
  // whose state (node, capped) is in `visited`; seeks with *scanner (made
  // on first use). Runs on several threads at once, each with its own
  // scanner and output: it reads only the pattern, the context's store and
  // snapshot, and `visited`, which no thread changes meanwhile.
  absl::Status Step(std::span<const TermId> nodes, bool forward, int capped,
                    const States& visited,
                    std::unique_ptr<FactScanner>* scanner,
                    std::vector<TermId>* next) const;
  // The nodes one step from each of `level` whose state is not in
  // `visited`, in order, in slices (one per chunk of the level, stepped on
  // one or more threads); a node may be in several slices.
  absl::StatusOr<std::vector<std::vector<TermId>>> StepLevel(
      const std::vector<TermId>& level, bool forward, int capped,
      const States& visited);
  // Whether `term` is the subject or object of a fact of the predicate;
  // looks first in the direction of the walk.
  absl::StatusOr<bool> IsNode(TermId term, bool forward);
  // The nodes reachable from `start` in [min, max] steps. `start_is_node`:
  // the start is known to be a node of the predicate.
  absl::StatusOr<std::vector<TermId>> Reach(TermId start, bool forward,
                                            bool start_is_node = false);
  // The starts of a walk with neither end bound.
  absl::StatusOr<std::vector<TermId>> AllStarts();

  std::unique_ptr<Operator> input_;
  BoundPattern pattern_;  // Its $parameter terms change on Restart().
  const ExecContext& context_;
  Row input_row_;
  const int threads_;
  const bool split_small_levels_;
  std::deque<Row> pending_;
  // Reused by every Step() on the calling thread in one run: a new scan of
  // the same index reuses its iterator.
  std::unique_ptr<FactScanner> step_scanner_;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_PATH_JOIN_H_
