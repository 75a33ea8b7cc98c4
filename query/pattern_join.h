// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The operators that read facts. Seed yields one given row (the start of a
// pipeline, or the current outer row of an OPTIONAL, NOT EXISTS or UNION
// branch). PatternJoin extends each input row with the facts that match
// its pattern under that row's bindings: for each row it runs one index
// scan whose prefix holds every position bound so far (an index
// nested-loop join; a pattern on a seed row is a plain index scan).

#ifndef ALMANAC_QUERY_PATTERN_JOIN_H_
#define ALMANAC_QUERY_PATTERN_JOIN_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "query/bound_query.h"
#include "query/operator.h"
#include "storage/fact_scanner.h"

namespace almanac {

// The index a scan of `pattern` reads when the slots in `bound_before` are
// bound (storage/fact_scanner.h ChooseIndex).
IndexOrder PlannedIndex(const BoundPattern& pattern,
                        const std::vector<bool>& bound_before);

// Whether a subject, predicate or object of `pattern` is a variable in
// `bound_before`: a scan of it then depends on the rows before it.
bool ReadsBoundSlot(const BoundPattern& pattern,
                    const std::vector<bool>& bound_before);

// The slot by whose term id such a scan's rows ascend: the variable in the
// first position of its index that the scan does not fix. None for the
// time-ordered indexes.
std::optional<int> OrderSlot(const BoundPattern& pattern,
                             const std::vector<bool>& bound_before);

class Seed : public Operator {
 public:
  explicit Seed(Row row) : row_(std::move(row)) {}
  // Makes the next Next() yield `row` once.
  void Reset(Row row) {
    row_ = std::move(row);
    done_ = false;
  }
  std::string Describe() const override { return "Seed"; }
  std::vector<Operator*> children() const override { return {}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override { done_ = false; }

 private:
  Row row_;
  bool done_ = false;
};

class PatternJoin : public Operator {
 public:
  // `bound_before` lists the slots bound by the rows `input` yields; they
  // decide the index the scans use (for EXPLAIN). `context` must outlive
  // the operator.
  PatternJoin(std::unique_ptr<Operator> input, BoundPattern pattern,
              const ExecContext& context,
              const std::vector<bool>& bound_before);

  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {input_.get()}; }

  // The scan of a pattern that reads no earlier row: its spec with this
  // run's parameters, over the whole range (ParallelAggregate splits it).
  ScanSpec SpecAlone() const { return SpecFor(Row(context_.slot_count)); }
  // Reads only `slice` of the index from the next scan on.
  void RestrictTo(KeySlice slice) { slice_ = std::move(slice); }

  // Whether a scan alone of this pattern yields its facts by ascending
  // time, the time bound to `slot` (as ORDER BY ?t orders them, ties in
  // the order read): a time-ordered index, in every run whatever the
  // $parameters' values.
  bool ScansInTimeOrderOf(int slot) const;

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // The scan for an input row, over its whole range (StartScan adds the
  // slice).
  ScanSpec SpecFor(const Row& input) const;
  // Starts the scan for input_row_; false when it cannot match at all.
  bool StartScan();
  // Whether the scanned fact agrees with input_row_; fills *row.
  bool Bind(const ScannedFact& fact, Row* row) const;

  std::unique_ptr<Operator> input_;
  BoundPattern pattern_;  // Its $parameter terms change on Restart().
  const ExecContext& context_;
  IndexOrder planned_index_;
  // Reads no value of an earlier row: a plain scan (EXPLAIN's IndexScan).
  // Inside OPTIONAL, NOT EXISTS and UNION the seed is the outer row, and a
  // pattern that uses its values is an IndexJoin on it.
  bool scans_alone_;
  Row input_row_;
  // Kept from one input row to the next, and across the runs of an
  // OPTIONAL or UNION branch: a new scan of the same index reuses its
  // iterator. Dropped by Restart(); until then its iterator pins the
  // files and memtables it reads, as the snapshot pins their data.
  std::unique_ptr<FactScanner> scanner_;
  bool scanning_ = false;  // scanner_ is on input_row_'s facts.
  KeySlice slice_;         // Default: the whole range.
};

// OPTIONAL, NOT EXISTS and UNION: for each input row, run `branches` (each a
// pipeline that starts at its Seed) seeded with that row.
class BranchJoin : public Operator {
 public:
  enum class Mode {
    kOptional,   // The branch's rows, or the input row when it has none.
    kNotExists,  // The input row when the branch has no row.
    kUnion,      // Every branch's rows, one branch after the other.
  };
  struct Branch {
    std::unique_ptr<Operator> root;
    Seed* seed;  // Inside root.
  };
  BranchJoin(Mode mode, std::unique_ptr<Operator> input,
             std::vector<Branch> branches);

  std::string Describe() const override;
  std::vector<Operator*> children() const override;

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override {
    have_input_ = false;
    branch_ = 0;
    branch_produced_ = false;
  }

 private:
  const Mode mode_;
  std::unique_ptr<Operator> input_;
  std::vector<Branch> branches_;
  Row input_row_;
  bool have_input_ = false;
  size_t branch_ = 0;
  bool branch_produced_ = false;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_PATTERN_JOIN_H_
