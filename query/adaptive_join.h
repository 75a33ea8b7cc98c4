// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// AdaptiveJoin joins its input to one pattern either by index nested loop
// (a scan per input row) or in bulk (a hash or merge join, which reads the
// pattern's facts once), and chooses when it runs, by how many rows come
// in, instead of when the query is planned, by an estimate.
//
// The planner estimates a pattern with a constant subject or object from
// its predicate's averages, and dated news facts are skewed: a popular
// entity has hundreds of times the average number of facts. Counting them
// while planning would read the same keys the query reads anyway, and cost
// more than planning itself. Here the rows counted are rows the join uses.
//
// The join first reads up to `switch_rows` input rows and keeps them. If
// the input ends before that, they go through the index join; otherwise
// through the bulk join, which then reads the rest of the input. Either way
// each input row is read once, and the joined rows come in input order.

#ifndef ALMANAC_QUERY_ADAPTIVE_JOIN_H_
#define ALMANAC_QUERY_ADAPTIVE_JOIN_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "query/operator.h"

namespace almanac {

class AdaptiveJoin : public Operator {
 public:
  // Makes a join of the pattern to the rows `input` yields.
  using MakeJoin = absl::FunctionRef<std::unique_ptr<Operator>(
      std::unique_ptr<Operator> input)>;

  // Calls each of `make_index_join` and `make_bulk_join` once, with an
  // operator that yields the rows of `input` this join passes on. The bulk
  // join's second child must be the scan it reads the pattern with (as for
  // HashJoin and MergeJoin). `switch_rows` is at least 1. `context` must
  // outlive the operator.
  AdaptiveJoin(std::unique_ptr<Operator> input, size_t switch_rows,
               const ExecContext& context, MakeJoin make_index_join,
               MakeJoin make_bulk_join);

  // Both joins and the number of rows that decides between them; once a
  // run has chosen, which one it ran last (for EXPLAIN ANALYZE).
  std::string Describe() const override;
  // The input and the bulk join's scan of the pattern. The index join
  // reads the pattern with the input's values, as Describe() says.
  std::vector<Operator*> children() const override;

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // The input and the rows read from it before choosing: what the chosen
  // join reads, through a PassedRows.
  struct InputRows {
    const ExecContext& context;
    std::unique_ptr<Operator> input;
    std::vector<Row> kept;
    size_t next_kept = 0;
    bool ended = false;  // The input has yielded its last row.
  };
  class PassedRows;

  // Reads up to switch_rows_ input rows into input_.kept and sets chosen_.
  absl::Status Choose();
  // Forgets the choice and the rows kept, for the input's next rows.
  void StartRound();

  InputRows input_;
  const size_t switch_rows_;
  std::unique_ptr<Operator> index_join_;
  std::unique_ptr<Operator> bulk_join_;
  Operator* chosen_ = nullptr;  // Null until this round has chosen.
  // The choice of the last round that ended, for Describe().
  const Operator* last_choice_ = nullptr;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_ADAPTIVE_JOIN_H_
