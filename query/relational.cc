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

struct Aggregate::State {
  uint64_t count = 0;
  bool all_integers = true;
  int64_t integer_sum = 0;
  double number_sum = 0;
  bool has_best = false;
  Value best;
  absl::flat_hash_set<Value> seen;  // count(DISTINCT ...)
};

Aggregate::Aggregate(std::unique_ptr<Operator> input,
                     std::vector<BoundExpr> keys,
                     std::vector<BoundExpr> aggregates, Evaluator* evaluator)
    : input_(std::move(input)),
      keys_(std::move(keys)),
      aggregates_(std::move(aggregates)),
      evaluator_(evaluator) {}

Aggregate::~Aggregate() = default;

std::string Aggregate::Describe() const {
  std::vector<std::string> names;
  for (const BoundExpr& aggregate : aggregates_) {
    names.push_back(aggregate.kind == ast::Expr::Kind::kCountStar
                        ? "count(*)"
                        : absl::StrCat(aggregate.name, "(",
                                       aggregate.distinct ? "DISTINCT " : "",
                                       "...)"));
  }
  return absl::StrCat("Aggregate ", keys_.size(),
                      " keys: ", absl::StrJoin(names, ", "));
}

absl::Status Aggregate::Consume() {
  absl::flat_hash_map<Row, size_t> index;
  Row row;
  Row key(keys_.size());  // Reused from row to row.
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&row));
    if (!more) break;
    for (size_t i = 0; i < keys_.size(); ++i) {
      const BoundExpr& expr = keys_[i];
      if (expr.kind == ast::Expr::Kind::kVariable) {
        key[i] = row[expr.slot];
      } else {
        ALMANAC_ASSIGN_OR_RETURN(key[i], evaluator_->Evaluate(expr, row));
      }
    }
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, groups_.size()).first;
      groups_.push_back(key);
      states_.emplace_back();
      for (size_t i = 0; i < aggregates_.size(); ++i) {
        states_.back().push_back(std::make_unique<State>());
      }
    }
    std::vector<std::unique_ptr<State>>& states = states_[it->second];
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      const BoundExpr& aggregate = aggregates_[i];
      State& state = *states[i];
      if (aggregate.kind == ast::Expr::Kind::kCountStar) {
        ++state.count;
        continue;
      }
      ALMANAC_ASSIGN_OR_RETURN(Value value,
                               evaluator_->Evaluate(aggregate.args[0], row));
      // Aggregates skip missing values: null, and the "no time" of a fact
      // without a stated time.
      if (value.is_null() ||
          (value.kind == Value::Kind::kTime && !value.time.is_stated())) {
        continue;
      }
      if (aggregate.distinct && !state.seen.insert(value).second) continue;
      ++state.count;
      if (aggregate.name == "min" || aggregate.name == "max") {
        int order = 0;
        if (state.has_best) {
          ALMANAC_ASSIGN_OR_RETURN(order,
                                   evaluator_->Compare(value, state.best));
        }
        if (!state.has_best ||
            (aggregate.name == "min" ? order < 0 : order > 0)) {
          state.best = value;
          state.has_best = true;
        }
      } else if (aggregate.name == "sum" || aggregate.name == "avg") {
        ALMANAC_ASSIGN_OR_RETURN(Cell cell, evaluator_->ToCell(value));
        if (cell.kind != Cell::Kind::kTerm) {
          --state.count;  // Not a number: ignored.
          continue;
        }
        if (cell.term.kind() == TermKind::kInteger) {
          state.integer_sum += cell.term.integer();
          state.number_sum += static_cast<double>(cell.term.integer());
        } else if (cell.term.kind() == TermKind::kDecimal) {
          state.all_integers = false;
          state.number_sum += std::strtod(cell.term.text().c_str(), nullptr);
        } else {
          --state.count;  // Not a number: ignored.
        }
      }
    }
  }
  if (groups_.empty() && keys_.empty()) {
    groups_.emplace_back();
    states_.emplace_back();
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      states_.back().push_back(std::make_unique<State>());
    }
  }
  return absl::OkStatus();
}

void Aggregate::Restart() {
  consumed_ = false;
  std::vector<Row>().swap(groups_);  // A kept plan holds no groups.
  decltype(states_)().swap(states_);
  next_ = 0;
}

absl::StatusOr<bool> Aggregate::NextRow(Row* row) {
  if (!consumed_) {
    ALMANAC_RETURN_IF_ERROR(Consume());
    consumed_ = true;
  }
  if (next_ >= groups_.size()) return false;
  *row = groups_[next_];
  for (size_t i = 0; i < aggregates_.size(); ++i) {
    const BoundExpr& aggregate = aggregates_[i];
    const State& state = *states_[next_][i];
    const std::string& name = aggregate.name;
    if (aggregate.kind == ast::Expr::Kind::kCountStar || name == "count") {
      row->push_back(Value::Integer(static_cast<int64_t>(state.count)));
    } else if (name == "min" || name == "max") {
      row->push_back(state.has_best ? state.best : Value());
    } else if (name == "sum") {
      row->push_back(state.all_integers ? Value::Integer(state.integer_sum)
                                        : Value::Number(state.number_sum));
    } else if (state.count == 0) {  // avg of nothing
      row->push_back(Value());
    } else {
      row->push_back(Value::Number(state.number_sum / state.count));
    }
  }
  ++next_;
  return true;
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
