// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/merge_join.h"

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

absl::Status OutOfOrder(const char* side) {
  return absl::InternalError(
      absl::StrCat("merge join: the ", side, " input is not in key order"));
}

}  // namespace

MergeJoin::MergeJoin(std::unique_ptr<Operator> input,
                     std::unique_ptr<Operator> right, int key_slot,
                     std::vector<int> fill_slots, std::string key_text)
    : input_(std::move(input)),
      right_(std::move(right)),
      key_slot_(key_slot),
      fill_slots_(std::move(fill_slots)),
      key_text_(std::move(key_text)) {}

void MergeJoin::Restart() {
  have_input_ = false;
  last_input_key_ = 0;
  group_.clear();
  have_group_ = false;
  group_key_ = 0;
  next_match_ = 0;
  have_right_row_ = false;
  right_done_ = false;
  last_right_key_ = 0;
}

absl::Status MergeJoin::GatherGroup(TermId key) {
  group_.clear();
  have_group_ = true;
  group_key_ = key;
  while (true) {
    if (!have_right_row_) {
      if (right_done_) return absl::OkStatus();
      ALMANAC_ASSIGN_OR_RETURN(bool more, right_->Next(&right_row_));
      if (!more) {
        right_done_ = true;
        return absl::OkStatus();
      }
      const Value& value = right_row_[key_slot_];
      if (value.kind != Value::Kind::kTerm || value.term < last_right_key_) {
        return OutOfOrder("right");
      }
      last_right_key_ = value.term;
      have_right_row_ = true;
    }
    const TermId right_key = right_row_[key_slot_].term;
    if (right_key > key) return absl::OkStatus();
    if (right_key == key) group_.push_back(right_row_);
    have_right_row_ = false;
  }
}

absl::StatusOr<bool> MergeJoin::NextRow(Row* row) {
  while (true) {
    if (have_input_ && next_match_ < group_.size()) {
      const Row& match = group_[next_match_++];
      *row = input_row_;
      for (int slot : fill_slots_) (*row)[slot] = match[slot];
      return true;
    }
    ALMANAC_ASSIGN_OR_RETURN(have_input_, input_->Next(&input_row_));
    if (!have_input_) return false;
    const Value& value = input_row_[key_slot_];
    if (value.kind != Value::Kind::kTerm || value.term < last_input_key_) {
      return OutOfOrder("left");
    }
    last_input_key_ = value.term;
    next_match_ = 0;
    if (!have_group_ || group_key_ != value.term) {
      ALMANAC_RETURN_IF_ERROR(GatherGroup(value.term));
    }
  }
}

}  // namespace almanac
