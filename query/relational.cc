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

Project::Project(std::unique_ptr<Operator> input,
                 std::vector<BoundExpr> outputs, std::vector<std::string> names,
                 Evaluator* evaluator)
    : input_(std::move(input)),
      outputs_(std::move(outputs)),
      names_(std::move(names)),
      evaluator_(evaluator),
      outputs_lead_input_(true) {
  for (size_t i = 0; i < outputs_.size(); ++i) {
    if (outputs_[i].kind != ast::Expr::Kind::kVariable ||
        outputs_[i].slot != static_cast<int>(i)) {
      outputs_lead_input_ = false;
    }
  }
}

std::string Project::Describe() const {
  return "Project " + absl::StrJoin(names_, ", ");
}

absl::StatusOr<bool> Project::NextRow(Row* row) {
  if (outputs_lead_input_) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(row));
    if (more) row->resize(outputs_.size());
    return more;
  }
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
    // Each key of each row is made comparable once (an entity's name read
    // once), not at every comparison.
    std::vector<Evaluator::Scalar> scalars;
    scalars.reserve(rows_.size() * keys_.size());
    for (const Row& row : rows_) {
      for (const Key& key : keys_) {
        ALMANAC_ASSIGN_OR_RETURN(scalars.emplace_back(),
                                 evaluator_->ScalarOf(row[key.column]));
      }
    }
    order_.resize(rows_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    const size_t width = keys_.size();
    std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
      for (size_t k = 0; k < width; ++k) {
        const int order = Evaluator::CompareScalars(scalars[a * width + k],
                                                    scalars[b * width + k]);
        if (order != 0) return keys_[k].descending ? order > 0 : order < 0;
      }
      return false;
    });
    sorted_ = true;
  }
  if (next_ >= order_.size()) return false;
  *row = std::move(rows_[order_[next_++]]);
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
