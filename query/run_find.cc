// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/run_find.h"

#include "almanac/status_macros.h"
#include "query/binder.h"

namespace almanac {

FindExecution::FindExecution(const FindSource& source)
    : evaluator_(*source.store, source.snapshot) {
  context_.evaluator = &evaluator_;
  ReadFrom(source);
}

void FindExecution::ReadFrom(const FindSource& source) {
  context_.store = source.store;
  context_.snapshot = source.snapshot;
  context_.interrupts = source.interrupts;
  context_.interrupts_at_start =
      source.interrupts == nullptr
          ? 0
          : source.interrupts->load(std::memory_order_relaxed);
  context_.counters = source.counters;
  context_.predicate_counts = source.predicate_counts;
  evaluator_.UseSnapshot(source.snapshot);
}

namespace {

// Whether the planner chose a join order (which depends on the values of
// the constants) anywhere: in a group of more than one pattern.
bool HasJoinChoice(const BoundGroup& group) {
  size_t patterns = 0;
  for (const BoundGroup::Step& step : group.steps) {
    patterns += step.patterns.size();
    for (const BoundGroup& inner : step.groups) {
      if (HasJoinChoice(inner)) return true;
    }
  }
  for (const BoundGroup& inner : group.not_exists) {
    if (HasJoinChoice(inner)) return true;
  }
  return patterns > 1;
}

bool SameTerm(const BoundTerm& a, const BoundTerm& b) {
  return a.kind == b.kind && a.id == b.id;
}

}  // namespace

absl::StatusOr<std::unique_ptr<FindExecution>> FindExecution::Start(
    const FindSource& source, std::string_view text,
    const ast::Statement& statement, const QueryParameters& parameters,
    const PlanOptions& options) {
  std::unique_ptr<FindExecution> execution(new FindExecution(source));
  Binder binder(*source.store, source.snapshot, text, parameters);
  ALMANAC_ASSIGN_OR_RETURN(BoundFind find, binder.BindFind(statement.find));
  execution->context_.slot_count = static_cast<int>(find.slot_names.size());
  execution->parameter_terms_ = find.parameter_terms;
  execution->parameters_outside_terms_ = find.parameters_outside_terms;
  execution->plan_chose_by_values_ = HasJoinChoice(find.where);
  for (const BoundFind::ParameterTerm& term : find.parameter_terms) {
    execution->context_.parameter_terms.push_back(term.bound);
  }
  PlanOptions plan_options = options;
  if (plan_options.max_threads == 0) plan_options.max_threads = source.threads;
  ALMANAC_ASSIGN_OR_RETURN(
      execution->plan_,
      PlanFind(std::move(find), execution->context_, plan_options));
  if (statement.explain == ast::Statement::Explain::kAnalyze) {
    execution->plan_.root->MeasureTime();
  }
  return execution;
}

absl::StatusOr<bool> FindExecution::Rerun(const FindSource& source,
                                          std::string_view text,
                                          const QueryParameters& parameters) {
  if (parameters_outside_terms_) return false;
  Binder binder(*source.store, source.snapshot, text, parameters);
  std::vector<BoundTerm> terms;
  terms.reserve(parameter_terms_.size());
  bool same = true;
  for (size_t i = 0; i < parameter_terms_.size(); ++i) {
    ALMANAC_ASSIGN_OR_RETURN(BoundTerm term,
                             binder.BindTerm(*parameter_terms_[i].node));
    term.parameter = static_cast<int>(i);
    same = same && SameTerm(term, parameter_terms_[i].bound);
    terms.push_back(term);
  }
  if (plan_chose_by_values_ && !same) return false;

  ReadFrom(source);
  context_.parameter_terms = std::move(terms);
  plan_.root->Rewind();
  return true;
}

absl::Status FindExecution::FillCells(std::span<Cell> cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    ALMANAC_RETURN_IF_ERROR(evaluator_.FillCell(row_[i], &cells[i]));
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> FindExecution::Next(std::vector<Cell>* row) {
  // The scans check too, but a join can yield many rows between two scan
  // steps (a hash join of every pair): a cursor stops at its next row.
  ALMANAC_RETURN_IF_ERROR(context_.CheckInterrupt());
  ALMANAC_ASSIGN_OR_RETURN(bool more, plan_.root->Next(&row_));
  if (!more) return false;
  row->resize(plan_.columns.size());
  ALMANAC_RETURN_IF_ERROR(FillCells(*row));
  return true;
}

absl::StatusOr<bool> FindExecution::NextInto(ResultRows* rows) {
  ALMANAC_RETURN_IF_ERROR(context_.CheckInterrupt());
  ALMANAC_ASSIGN_OR_RETURN(bool more, plan_.root->Next(&row_));
  if (!more) return false;
  ALMANAC_RETURN_IF_ERROR(FillCells(rows->AddRow(plan_.columns.size())));
  return true;
}

absl::StatusOr<QueryResult> CollectRows(FindExecution& execution) {
  QueryResult result;
  result.columns = execution.columns();
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, execution.NextInto(&result.rows));
    if (!more) break;
  }
  return result;
}

absl::StatusOr<QueryResult> RunFind(const FindSource& source,
                                    std::string_view text,
                                    const ast::Statement& statement,
                                    const QueryParameters& parameters,
                                    const PlanOptions& options) {
  ALMANAC_ASSIGN_OR_RETURN(
      std::unique_ptr<FindExecution> execution,
      FindExecution::Start(source, text, statement, parameters, options));
  const bool explain_only = statement.explain == ast::Statement::Explain::kPlan;
  QueryResult result;
  if (explain_only) {
    result.columns = execution->columns();
  } else {
    ALMANAC_ASSIGN_OR_RETURN(result, CollectRows(*execution));
  }
  if (statement.explain != ast::Statement::Explain::kNone) {
    const bool analyzed =
        statement.explain == ast::Statement::Explain::kAnalyze;
    result.plan = statement.explain_json
                      ? ExplainJson(execution->root(), analyzed)
                      : ExplainText(execution->root(), analyzed);
    if (explain_only) result.columns.clear();
  }
  return result;
}

}  // namespace almanac
