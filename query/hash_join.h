// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// HashJoin joins the rows of its input with the facts of one pattern read
// once, on their own: it first reads every match of the pattern (the build
// side, a PatternJoin on an empty row) into a hash table keyed by the
// variables the input binds too, then for each input row yields the input
// row extended by each build row with the same key.
//
// The planner uses it where an index nested-loop join would run many scans
// (one per input row) for a pattern whose own matches are few enough to
// hold: a many-to-many join reads each side once instead of seeking once
// per row. Only the build side is held in memory; the input streams.

#ifndef ALMANAC_QUERY_HASH_JOIN_H_
#define ALMANAC_QUERY_HASH_JOIN_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "query/operator.h"

namespace almanac {

class HashJoin : public Operator {
 public:
  // `key_slots`: the slots both the input and `build` bind (named
  // `key_text` for EXPLAIN). `fill_slots`: the slots only `build` binds,
  // copied into each joined row.
  HashJoin(std::unique_ptr<Operator> input, std::unique_ptr<Operator> build,
           std::vector<int> key_slots, std::vector<int> fill_slots,
           std::string key_text);

  std::string Describe() const override;
  std::vector<Operator*> children() const override {
    return {input_.get(), build_.get()};
  }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // Reads the whole build side into table_.
  absl::Status Build();
  // Points matches_ at the build rows that agree with input_row_.
  void FindMatches();

  std::unique_ptr<Operator> input_;
  std::unique_ptr<Operator> build_;
  const std::vector<int> key_slots_;
  const std::vector<int> fill_slots_;
  const std::string key_text_;
  bool built_ = false;
  absl::flat_hash_map<std::vector<Value>, std::vector<Row>> table_;
  Row input_row_;
  // The build rows matching input_row_, and the next one to yield.
  const std::vector<Row>* matches_ = nullptr;
  size_t next_match_ = 0;
  // Matches of an input row whose key holds an unbound value (after an
  // OPTIONAL): found by comparing with every build row.
  std::vector<Row> scanned_matches_;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_HASH_JOIN_H_
