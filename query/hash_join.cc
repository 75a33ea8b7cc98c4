// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/hash_join.h"

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"

namespace almanac {

HashJoin::HashJoin(std::unique_ptr<Operator> input,
                   std::unique_ptr<Operator> build, std::vector<int> key_slots,
                   std::vector<int> fill_slots, std::string key_text)
    : input_(std::move(input)),
      build_(std::move(build)),
      key_slots_(std::move(key_slots)),
      fill_slots_(std::move(fill_slots)),
      key_text_(std::move(key_text)) {}

std::string HashJoin::Describe() const {
  return key_slots_.empty() ? "HashJoin (every pair)"
                            : absl::StrCat("HashJoin on ", key_text_);
}

absl::Status HashJoin::Build() {
  Row row;
  std::vector<Value> key(key_slots_.size());
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, build_->Next(&row));
    if (!more) break;
    for (size_t i = 0; i < key_slots_.size(); ++i) key[i] = row[key_slots_[i]];
    table_[key].push_back(row);
  }
  built_ = true;
  return absl::OkStatus();
}

void HashJoin::FindMatches() {
  std::vector<Value> key(key_slots_.size());
  bool has_unbound = false;
  for (size_t i = 0; i < key_slots_.size(); ++i) {
    key[i] = input_row_[key_slots_[i]];
    has_unbound = has_unbound || key[i].is_null();
  }
  next_match_ = 0;
  if (!has_unbound) {
    auto it = table_.find(key);
    matches_ = it == table_.end() ? nullptr : &it->second;
    return;
  }
  // An unbound input value matches any build value, as in an index join,
  // where it would be bound by the scan.
  scanned_matches_.clear();
  for (const auto& [build_key, rows] : table_) {
    bool agrees = true;
    for (size_t i = 0; i < key.size() && agrees; ++i) {
      agrees = key[i].is_null() || key[i] == build_key[i];
    }
    if (agrees) {
      scanned_matches_.insert(scanned_matches_.end(), rows.begin(), rows.end());
    }
  }
  matches_ = &scanned_matches_;
}

void HashJoin::Restart() {
  built_ = false;
  table_.clear();
  matches_ = nullptr;
  next_match_ = 0;
  scanned_matches_.clear();
}

absl::StatusOr<bool> HashJoin::NextRow(Row* row) {
  if (!built_) ALMANAC_RETURN_IF_ERROR(Build());
  while (true) {
    if (matches_ != nullptr && next_match_ < matches_->size()) {
      const Row& match = (*matches_)[next_match_++];
      *row = input_row_;
      for (int slot : fill_slots_) (*row)[slot] = match[slot];
      for (int slot : key_slots_) {
        if ((*row)[slot].is_null()) (*row)[slot] = match[slot];
      }
      return true;
    }
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input_row_));
    if (!more) return false;
    FindMatches();
  }
}

}  // namespace almanac
