// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The operators above the pattern operators: Filter, Project, Distinct,
// Sort and Limit (the aggregates are in query/aggregate.h). Each keeps only
// what it needs: Filter, Project and Limit stream; Distinct keeps the rows
// seen; Sort keeps its input.

#ifndef ALMANAC_QUERY_RELATIONAL_H_
#define ALMANAC_QUERY_RELATIONAL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "query/bound_query.h"
#include "query/operator.h"

namespace almanac {

class Filter : public Operator {
 public:
  Filter(std::unique_ptr<Operator> input, BoundExpr condition,
         Evaluator* evaluator, std::string text)
      : input_(std::move(input)),
        condition_(std::move(condition)),
        evaluator_(evaluator),
        text_(std::move(text)) {}
  std::string Describe() const override {
    return text_.empty() ? "Filter" : "Filter " + text_;
  }
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;

 private:
  std::unique_ptr<Operator> input_;
  const BoundExpr condition_;
  Evaluator* evaluator_;
  const std::string text_;
};

// Evaluates `outputs` (the result columns) and `extra` (hidden sort keys).
class Project : public Operator {
 public:
  Project(std::unique_ptr<Operator> input, std::vector<BoundExpr> outputs,
          std::vector<std::string> names, Evaluator* evaluator);
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;

 private:
  std::unique_ptr<Operator> input_;
  const std::vector<BoundExpr> outputs_;
  const std::vector<std::string> names_;
  Evaluator* evaluator_;
  // Whether output i is slot i of the input row, for every output: then
  // the input row, cut to the outputs, is the output row, and no value is
  // copied.
  bool outputs_lead_input_;
  Row input_row_;
};

// Drops rows whose first `width` values were seen before.
class Distinct : public Operator {
 public:
  Distinct(std::unique_ptr<Operator> input, size_t width)
      : input_(std::move(input)), width_(width) {}
  std::string Describe() const override { return "Distinct"; }
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override { seen_.clear(); }

 private:
  std::unique_ptr<Operator> input_;
  const size_t width_;
  absl::flat_hash_set<Row> seen_;
};

class Sort : public Operator {
 public:
  struct Key {
    size_t column;
    bool descending;
  };
  Sort(std::unique_ptr<Operator> input, std::vector<Key> keys,
       Evaluator* evaluator, std::string text)
      : input_(std::move(input)),
        keys_(std::move(keys)),
        evaluator_(evaluator),
        text_(std::move(text)) {}
  std::string Describe() const override { return "Sort " + text_; }
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override {
    sorted_ = false;
    std::vector<Row>().swap(rows_);  // A kept plan holds no rows.
    std::vector<size_t>().swap(order_);
    next_ = 0;
  }

 private:
  std::unique_ptr<Operator> input_;
  const std::vector<Key> keys_;
  Evaluator* evaluator_;
  const std::string text_;
  bool sorted_ = false;
  std::vector<Row> rows_;      // As read.
  std::vector<size_t> order_;  // Indexes into rows_, sorted.
  size_t next_ = 0;
};

class Limit : public Operator {
 public:
  Limit(std::unique_ptr<Operator> input, int64_t offset,
        std::optional<int64_t> limit)
      : input_(std::move(input)), offset_(offset), limit_(limit) {}
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {input_.get()}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override {
    skipped_ = 0;
    produced_ = 0;
  }

 private:
  std::unique_ptr<Operator> input_;
  const int64_t offset_;
  const std::optional<int64_t> limit_;
  int64_t skipped_ = 0;
  int64_t produced_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_RELATIONAL_H_
