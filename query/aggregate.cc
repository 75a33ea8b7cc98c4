// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/aggregate.h"

#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"
#include "query/run_parts.h"

namespace almanac {

struct GroupTable::State {
  uint64_t count = 0;
  bool all_integers = true;
  int64_t integer_sum = 0;
  double number_sum = 0;
  bool has_best = false;
  Value best;
  absl::flat_hash_set<Value> seen;  // count(DISTINCT ...)

  // Takes one value of the aggregate's argument into account.
  absl::Status Accumulate(const BoundExpr& aggregate, const Value& value,
                          Evaluator& evaluator);
  // Takes min or max `candidate` when it is strictly better.
  absl::Status Offer(const BoundExpr& aggregate, const Value& candidate,
                     Evaluator& evaluator);
};

absl::Status GroupTable::State::Offer(const BoundExpr& aggregate,
                                      const Value& candidate,
                                      Evaluator& evaluator) {
  int order = 0;
  if (has_best) {
    ALMANAC_ASSIGN_OR_RETURN(order, evaluator.Compare(candidate, best));
  }
  if (!has_best || (aggregate.name == "min" ? order < 0 : order > 0)) {
    best = candidate;
    has_best = true;
  }
  return absl::OkStatus();
}

absl::Status GroupTable::State::Accumulate(const BoundExpr& aggregate,
                                           const Value& value,
                                           Evaluator& evaluator) {
  // Aggregates skip missing values: null, and the "no time" of a fact
  // without a stated time.
  if (value.is_null() ||
      (value.kind == Value::Kind::kTime && !value.time.is_stated())) {
    return absl::OkStatus();
  }
  if (aggregate.distinct && !seen.insert(value).second) {
    return absl::OkStatus();
  }
  if (aggregate.name == "min" || aggregate.name == "max") {
    ++count;
    return Offer(aggregate, value, evaluator);
  }
  if (aggregate.name == "sum" || aggregate.name == "avg") {
    ALMANAC_ASSIGN_OR_RETURN(Cell cell, evaluator.ToCell(value));
    if (cell.kind != Cell::Kind::kTerm)
      return absl::OkStatus();  // Not a
                                // number.
    if (cell.term.kind() == TermKind::kInteger) {
      integer_sum += cell.term.integer();
      number_sum += static_cast<double>(cell.term.integer());
    } else if (cell.term.kind() == TermKind::kDecimal) {
      all_integers = false;
      number_sum += std::strtod(cell.term.text().c_str(), nullptr);
    } else {
      return absl::OkStatus();  // Not a number: ignored.
    }
  }
  ++count;
  return absl::OkStatus();
}

GroupTable::GroupTable(const std::vector<BoundExpr>& keys,
                       const std::vector<BoundExpr>& aggregates)
    : keys_(&keys), aggregates_(&aggregates), key_(keys.size()) {}

GroupTable::~GroupTable() = default;
GroupTable::GroupTable(GroupTable&&) = default;
GroupTable& GroupTable::operator=(GroupTable&&) = default;

GroupTable::State& GroupTable::StateOf(size_t group, size_t aggregate) {
  return states_[group * aggregates_->size() + aggregate];
}

size_t GroupTable::AddGroup(Row key) {
  const size_t group = groups_.size();
  index_.emplace(key, group);
  groups_.push_back(std::move(key));
  states_.resize(states_.size() + aggregates_->size());
  return group;
}

absl::Status GroupTable::Add(const Row& row, Evaluator& evaluator) {
  for (size_t i = 0; i < keys_->size(); ++i) {
    const BoundExpr& expr = (*keys_)[i];
    if (expr.kind == ast::Expr::Kind::kVariable) {
      key_[i] = row[expr.slot];
    } else {
      ALMANAC_ASSIGN_OR_RETURN(key_[i], evaluator.Evaluate(expr, row));
    }
  }
  const auto found = index_.find(key_);
  const size_t group = found == index_.end() ? AddGroup(key_) : found->second;
  for (size_t i = 0; i < aggregates_->size(); ++i) {
    const BoundExpr& aggregate = (*aggregates_)[i];
    State& state = StateOf(group, i);
    if (aggregate.kind == ast::Expr::Kind::kCountStar) {
      ++state.count;
      continue;
    }
    ALMANAC_ASSIGN_OR_RETURN(Value value,
                             evaluator.Evaluate(aggregate.args[0], row));
    ALMANAC_RETURN_IF_ERROR(state.Accumulate(aggregate, value, evaluator));
  }
  return absl::OkStatus();
}

absl::Status GroupTable::Merge(GroupTable later, Evaluator& evaluator) {
  for (size_t later_group = 0; later_group < later.groups_.size();
       ++later_group) {
    const auto found = index_.find(later.groups_[later_group]);
    if (found == index_.end()) {
      const size_t group = AddGroup(std::move(later.groups_[later_group]));
      for (size_t i = 0; i < aggregates_->size(); ++i) {
        StateOf(group, i) = std::move(later.StateOf(later_group, i));
      }
      continue;
    }
    for (size_t i = 0; i < aggregates_->size(); ++i) {
      const BoundExpr& aggregate = (*aggregates_)[i];
      State& mine = StateOf(found->second, i);
      State& theirs = later.StateOf(later_group, i);
      const bool min_or_max =
          aggregate.name == "min" || aggregate.name == "max";
      if (aggregate.distinct && !min_or_max) {
        // Only the values this table has not seen count again.
        for (const Value& value : theirs.seen) {
          ALMANAC_RETURN_IF_ERROR(mine.Accumulate(aggregate, value, evaluator));
        }
        continue;
      }
      if (aggregate.distinct) {
        // The values are counted once; the best is the same as without
        // DISTINCT (not replayed: the set's order would break ties).
        for (const Value& value : theirs.seen) {
          if (mine.seen.insert(value).second) ++mine.count;
        }
        if (theirs.has_best) {
          ALMANAC_RETURN_IF_ERROR(
              mine.Offer(aggregate, theirs.best, evaluator));
        }
        continue;
      }
      mine.count += theirs.count;
      mine.all_integers = mine.all_integers && theirs.all_integers;
      mine.integer_sum += theirs.integer_sum;
      mine.number_sum += theirs.number_sum;
      if (theirs.has_best) {
        ALMANAC_RETURN_IF_ERROR(mine.Offer(aggregate, theirs.best, evaluator));
      }
    }
  }
  return absl::OkStatus();
}

void GroupTable::AddEmptyGroupIfNone() {
  if (groups_.empty() && keys_->empty()) AddGroup(Row());
}

void GroupTable::RowOf(size_t group, Row* row) const {
  *row = groups_[group];
  for (size_t i = 0; i < aggregates_->size(); ++i) {
    const BoundExpr& aggregate = (*aggregates_)[i];
    const State& state = states_[group * aggregates_->size() + i];
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
}

namespace {

std::string DescribeAggregates(const char* name, size_t keys,
                               const std::vector<BoundExpr>& aggregates) {
  std::vector<std::string> names;
  for (const BoundExpr& aggregate : aggregates) {
    names.push_back(aggregate.kind == ast::Expr::Kind::kCountStar
                        ? "count(*)"
                        : absl::StrCat(aggregate.name, "(",
                                       aggregate.distinct ? "DISTINCT " : "",
                                       "...)"));
  }
  return absl::StrCat(name, " ", keys, " keys: ", absl::StrJoin(names, ", "));
}

// Adds every row of `input` to `table`.
absl::Status ReadInto(Operator& input, Evaluator& evaluator,
                      GroupTable* table) {
  Row row;
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input.Next(&row));
    if (!more) return absl::OkStatus();
    ALMANAC_RETURN_IF_ERROR(table->Add(row, evaluator));
  }
}

}  // namespace

Aggregate::Aggregate(std::unique_ptr<Operator> input,
                     std::vector<BoundExpr> keys,
                     std::vector<BoundExpr> aggregates, Evaluator* evaluator)
    : input_(std::move(input)),
      keys_(std::move(keys)),
      aggregates_(std::move(aggregates)),
      evaluator_(evaluator) {}

std::string Aggregate::Describe() const {
  return DescribeAggregates("Aggregate", keys_.size(), aggregates_);
}

void Aggregate::Restart() {
  table_.reset();  // A kept plan holds no groups.
  next_ = 0;
}

absl::StatusOr<bool> Aggregate::NextRow(Row* row) {
  if (table_ == nullptr) {
    auto table = std::make_unique<GroupTable>(keys_, aggregates_);
    ALMANAC_RETURN_IF_ERROR(ReadInto(*input_, *evaluator_, table.get()));
    table->AddEmptyGroupIfNone();
    table_ = std::move(table);
  }
  if (next_ >= table_->size()) return false;
  table_->RowOf(next_++, row);
  return true;
}

ParallelAggregate::ParallelAggregate(std::vector<Part> parts,
                                     std::vector<BoundExpr> keys,
                                     std::vector<BoundExpr> aggregates,
                                     const ExecContext& context,
                                     bool split_small_ranges)
    : parts_(std::move(parts)),
      keys_(std::move(keys)),
      aggregates_(std::move(aggregates)),
      context_(context),
      split_small_ranges_(split_small_ranges) {}

ParallelAggregate::~ParallelAggregate() = default;

std::string ParallelAggregate::Describe() const {
  return absl::StrCat(
      DescribeAggregates("ParallelAggregate", keys_.size(), aggregates_), " (",
      parts_.size(), " threads)");
}

std::vector<Operator*> ParallelAggregate::children() const {
  std::vector<Operator*> children;
  for (const Part& part : parts_) children.push_back(part.input.get());
  return children;
}

void ParallelAggregate::Restart() {
  table_.reset();
  next_ = 0;
  // Before the parts' operators restart: they read their parameters and
  // snapshot from their contexts.
  for (Part& part : parts_) {
    *part.context = context_;
    part.context->evaluator = part.evaluator.get();
    part.evaluator->UseSnapshot(context_.snapshot);
  }
}

absl::Status ParallelAggregate::Consume() {
  const ScanSpec spec = parts_[0].scan->SpecAlone();
  size_t used = 1;
  std::vector<std::string> boundaries;
  const uint64_t rows = EstimateScanRows(*context_.store, spec) +
                        EstimateMemtableRows(*context_.store, spec);
  if (split_small_ranges_ || rows >= 2 * kMinRowsPerPart) {
    const size_t worth = split_small_ranges_
                             ? parts_.size()
                             : static_cast<size_t>(rows / kMinRowsPerPart);
    ALMANAC_ASSIGN_OR_RETURN(
        boundaries,
        SplitScanRange(*context_.store, context_.snapshot, spec,
                       static_cast<int>(std::min(worth, parts_.size()))));
    used = boundaries.size() + 1;
  }
  for (size_t i = 0; i < used; ++i) {
    parts_[i].scan->RestrictTo(KeySlice{i == 0 ? "" : boundaries[i - 1],
                                        i + 1 == used ? "" : boundaries[i]});
  }

  std::vector<GroupTable> tables;
  for (size_t i = 0; i < used; ++i) tables.emplace_back(keys_, aggregates_);
  std::vector<absl::Status> statuses(used);
  const auto read_part = [&](size_t i) {
    statuses[i] = ReadInto(*parts_[i].input, *parts_[i].evaluator, &tables[i]);
  };
  RunParts(used, read_part);
  for (const absl::Status& status : statuses) ALMANAC_RETURN_IF_ERROR(status);

  for (size_t i = 1; i < used; ++i) {
    ALMANAC_RETURN_IF_ERROR(
        tables[0].Merge(std::move(tables[i]), *context_.evaluator));
  }
  tables[0].AddEmptyGroupIfNone();
  table_ = std::make_unique<GroupTable>(std::move(tables[0]));
  return absl::OkStatus();
}

absl::StatusOr<bool> ParallelAggregate::NextRow(Row* row) {
  if (table_ == nullptr) ALMANAC_RETURN_IF_ERROR(Consume());
  if (next_ >= table_->size()) return false;
  table_->RowOf(next_++, row);
  return true;
}

}  // namespace almanac
