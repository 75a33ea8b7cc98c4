// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Grouping and the aggregate functions: count, min, max, sum and avg, each
// also with DISTINCT. Aggregate reads its input on the calling thread.
// ParallelAggregate reads one scan in slices, each slice on a thread of its
// own through a copy of the same pipeline, and merges the groups the
// slices found. Both yield a row per group: the keys, then the aggregates.

#ifndef ALMANAC_QUERY_AGGREGATE_H_
#define ALMANAC_QUERY_AGGREGATE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "query/bound_query.h"
#include "query/operator.h"
#include "query/pattern_join.h"

namespace almanac {

// The groups of one aggregation, in order of first appearance, and each
// group's running aggregates.
class GroupTable {
 public:
  // `keys` and `aggregates` must outlive the table.
  GroupTable(const std::vector<BoundExpr>& keys,
             const std::vector<BoundExpr>& aggregates);
  ~GroupTable();
  GroupTable(GroupTable&&);
  GroupTable& operator=(GroupTable&&);

  // Adds `row` to its group, evaluating the keys and the aggregates'
  // arguments with `evaluator`.
  absl::Status Add(const Row& row, Evaluator& evaluator);

  // Adds the groups of `later`, built from the rows that follow this
  // table's: groups new to this table come after its own, in `later`'s
  // order, and min and max keep this table's value when `later`'s is
  // equal, so the result is the table one Add per row would have built.
  // (A sum of decimals may differ from it in its last digits: floating
  // point sums depend on their order.)
  absl::Status Merge(GroupTable later, Evaluator& evaluator);

  // Without keys, an empty input still makes one group (count 0).
  void AddEmptyGroupIfNone();

  size_t size() const { return groups_.size(); }
  // The keys of `group`, then its aggregates' values.
  void RowOf(size_t group, Row* row) const;

 private:
  struct State;  // One aggregate's running value.
  State& StateOf(size_t group, size_t aggregate);
  size_t AddGroup(Row key);

  const std::vector<BoundExpr>* keys_;
  const std::vector<BoundExpr>* aggregates_;
  absl::flat_hash_map<Row, size_t> index_;
  std::vector<Row> groups_;
  std::vector<State> states_;  // aggregates_->size() per group.
  Row key_;                    // Reused from row to row.
};

// Groups its input by `keys` and computes `aggregates` per group. Without
// keys, yields one row even for no input (count(*) is then 0).
class Aggregate : public Operator {
 public:
  Aggregate(std::unique_ptr<Operator> input, std::vector<BoundExpr> keys,
            std::vector<BoundExpr> aggregates, Evaluator* evaluator);
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  std::unique_ptr<Operator> input_;
  const std::vector<BoundExpr> keys_;
  const std::vector<BoundExpr> aggregates_;
  Evaluator* evaluator_;
  std::unique_ptr<GroupTable> table_;  // Once the input is read.
  size_t next_ = 0;
};

// The same as Aggregate over a pipeline that starts with one scan, with the
// scan's range split into slices of about the same size, one per part,
// read side by side. Each part is its own copy of the pipeline, with its
// own context and evaluator, so no operator is shared between threads.
class ParallelAggregate : public Operator {
 public:
  struct Part {
    std::unique_ptr<ExecContext> context;  // Refreshed from the query's.
    std::unique_ptr<Evaluator> evaluator;  // context->evaluator
    std::unique_ptr<Operator> input;
    PatternJoin* scan = nullptr;  // The scan the parts divide, in input.
  };
  // `context` is the query's: each run copies its snapshot, parameters and
  // interrupt counter into the parts'. With `split_small_ranges`, a range
  // too small to be worth threads is split all the same (for tests).
  ParallelAggregate(std::vector<Part> parts, std::vector<BoundExpr> keys,
                    std::vector<BoundExpr> aggregates,
                    const ExecContext& context, bool split_small_ranges);
  ~ParallelAggregate() override;
  std::string Describe() const override;
  std::vector<Operator*> children() const override;

  // The fewest facts a slice must hold for a part to be worth a thread.
  static constexpr uint64_t kMinRowsPerPart = 20'000;

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // Reads the input in slices and merges their groups into table_.
  absl::Status Consume();

  std::vector<Part> parts_;
  const std::vector<BoundExpr> keys_;
  const std::vector<BoundExpr> aggregates_;
  const ExecContext& context_;
  const bool split_small_ranges_;
  std::unique_ptr<GroupTable> table_;
  size_t next_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_AGGREGATE_H_
