// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/relational.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"

namespace almanac {

absl::StatusOr<bool> Filter::NextRow(Row* row) {
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(row));
    if (!more) return false;
    ALMANAC_ASSIGN_OR_RETURN(bool keep, evaluator_->IsTrue(condition_, *row));
    if (keep) return true;
  }
}

std::string Project::Describe() const {
  return "Project " + absl::StrJoin(names_, ", ");
}

absl::StatusOr<bool> Project::NextRow(Row* row) {
  ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input_row_));
  if (!more) return false;
  row->resize(outputs_.size());
  for (size_t i = 0; i < outputs_.size(); ++i) {
    const BoundExpr& output = outputs_[i];
    if (output.kind == ast::Expr::Kind::kVariable) {
      (*row)[i] = input_row_[output.slot];  // Most outputs: no evaluation.
      continue;
    }
    ALMANAC_ASSIGN_OR_RETURN((*row)[i],
                             evaluator_->Evaluate(output, input_row_));
  }
  return true;
}

absl::StatusOr<bool> Distinct::NextRow(Row* row) {
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(row));
    if (!more) return false;
    Row visible(row->begin(), row->begin() + std::min(width_, row->size()));
    if (seen_.insert(std::move(visible)).second) return true;
  }
}

absl::StatusOr<bool> Sort::NextRow(Row* row) {
  if (!sorted_) {
    Row input;
    while (true) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input));
      if (!more) break;
      rows_.push_back(std::move(input));
    }
    absl::Status status;
    std::stable_sort(rows_.begin(), rows_.end(),
                     [&](const Row& a, const Row& b) {
                       if (!status.ok()) return false;
                       for (const Key& key : keys_) {
                         absl::StatusOr<int> order =
                             evaluator_->Compare(a[key.column], b[key.column]);
                         if (!order.ok()) {
                           status = order.status();
                           return false;
                         }
                         if (*order != 0) {
                           return key.descending ? *order > 0 : *order < 0;
                         }
                       }
                       return false;
                     });
    ALMANAC_RETURN_IF_ERROR(status);
    sorted_ = true;
  }
  if (next_ >= rows_.size()) return false;
  *row = std::move(rows_[next_++]);
  return true;
}

std::string Limit::Describe() const {
  std::string text = "Limit";
  if (limit_) absl::StrAppend(&text, " ", *limit_);
  if (offset_ > 0) absl::StrAppend(&text, " offset ", offset_);
  return text;
}

absl::StatusOr<bool> Limit::NextRow(Row* row) {
  if (limit_ && produced_ >= *limit_) return false;
  while (skipped_ < offset_) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(row));
    if (!more) return false;
    ++skipped_;
  }
  ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(row));
  if (more) ++produced_;
  return more;
}

}  // namespace almanac
