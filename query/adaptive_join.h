// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// AdaptiveJoin joins its input to one pattern either by index nested loop
// (a scan per input row) or in bulk (a hash or merge join, which reads the
// pattern's facts once), and chooses when it runs, by how many rows come
// in, instead of when the query is planned, by an estimate.
//
// Which is cheaper turns on the number of input rows, and an estimate of
// that is least sure where it matters: the statistics assume that every
// subject or object of a predicate has as many facts, and in dated news a
// popular entity has hundreds of times the average; the rows of a join of
// joins are a guess on a guess. Counting them while planning would cost
// more than planning itself. Here the rows counted are rows the join uses.
//
// The join first reads up to `switch_rows` input rows and keeps them. If
// the input ends before that, they go through the index join; otherwise
// through the bulk join, which then reads the rest of the input. Either way
// each input row is read once, and the joined rows come in input order. It
// holds up to `switch_rows` rows before yielding its first.

#ifndef ALMANAC_QUERY_ADAPTIVE_JOIN_H_
#define ALMANAC_QUERY_ADAPTIVE_JOIN_H_

#include <cstddef>
#include <cstdint>
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
  // Not copied or moved: the joins read the input through input_.
  AdaptiveJoin(const AdaptiveJoin&) = delete;
  AdaptiveJoin& operator=(const AdaptiveJoin&) = delete;

  // Both joins and the number of rows that decides between them; after a
  // run, which one ran (inside OPTIONAL, NOT EXISTS or UNION, how many
  // times each), for EXPLAIN ANALYZE.
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
    InputRows(const ExecContext& context, std::unique_ptr<Operator> input)
        : context(context), input(std::move(input)) {}
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
  // Rounds (one per outer row inside a branch) that ran each join.
  uint64_t index_rounds_ = 0;
  uint64_t bulk_rounds_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_ADAPTIVE_JOIN_H_
