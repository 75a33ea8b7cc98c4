// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// MergeJoin: joins two inputs that both yield their rows in ascending order
// of one variable (a term id), the way RocksDB's indexes order them: an
// index scan is ordered by the first position of its index that the scan
// does not fix (pos with the predicate bound: by object, then subject).
// Both inputs are read once, side by side; only the right rows of one key
// are held at a time. The planner uses it where it would otherwise build a
// hash table (planner.h).

#ifndef ALMANAC_QUERY_MERGE_JOIN_H_
#define ALMANAC_QUERY_MERGE_JOIN_H_

#include <memory>
#include <string>
#include <vector>

#include "query/operator.h"

namespace almanac {

class MergeJoin : public Operator {
 public:
  // `input` and `right` must yield rows with `key_slot` bound to a term,
  // in ascending order of its id; a row out of order is an Internal
  // error. Each joined row is the input row with `fill_slots` (the slots
  // only `right` binds) copied from the right row; `key_text` names the
  // key for EXPLAIN.
  MergeJoin(std::unique_ptr<Operator> input, std::unique_ptr<Operator> right,
            int key_slot, std::vector<int> fill_slots, std::string key_text);

  std::string Describe() const override { return "MergeJoin on " + key_text_; }
  std::vector<Operator*> children() const override {
    return {input_.get(), right_.get()};
  }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override;
  void Restart() override;

 private:
  // Reads right rows up to `key`, keeping those equal to it in group_.
  absl::Status GatherGroup(TermId key);

  std::unique_ptr<Operator> input_;
  std::unique_ptr<Operator> right_;
  const int key_slot_;
  const std::vector<int> fill_slots_;
  const std::string key_text_;

  Row input_row_;
  bool have_input_ = false;
  TermId last_input_key_ = 0;
  // The right rows whose key is group_key_, and the next to join.
  std::vector<Row> group_;
  bool have_group_ = false;
  TermId group_key_ = 0;
  size_t next_match_ = 0;
  // The first right row past the group, read but not yet used.
  Row right_row_;
  bool have_right_row_ = false;
  bool right_done_ = false;
  TermId last_right_key_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_MERGE_JOIN_H_
