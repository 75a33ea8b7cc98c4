// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/run_find.h"

#include "almanac/status_macros.h"
#include "query/binder.h"

namespace almanac {

FindExecution::FindExecution(const FindSource& source)
    : evaluator_(*source.store, source.snapshot),
      context_{source.store, source.snapshot, &evaluator_, 0,
               source.interrupts,
               source.interrupts == nullptr
                   ? 0
                   : source.interrupts->load(std::memory_order_relaxed),
               source.counters} {}

absl::StatusOr<std::unique_ptr<FindExecution>> FindExecution::Start(
    const FindSource& source, std::string_view text,
    const ast::Statement& statement, const QueryParameters& parameters,
    const PlanOptions& options) {
  std::unique_ptr<FindExecution> execution(new FindExecution(source));
  Binder binder(*source.store, source.snapshot, text, parameters);
  ALMANAC_ASSIGN_OR_RETURN(BoundFind find, binder.BindFind(statement.find));
  execution->context_.slot_count = static_cast<int>(find.slot_names.size());
  ALMANAC_ASSIGN_OR_RETURN(
      execution->plan_,
      PlanFind(std::move(find), execution->context_, options));
  return execution;
}

absl::StatusOr<bool> FindExecution::Next(std::vector<Cell>* row) {
  ALMANAC_ASSIGN_OR_RETURN(bool more, plan_.root->Next(&row_));
  if (!more) return false;
  row->resize(plan_.columns.size());
  for (size_t i = 0; i < row->size(); ++i) {
    ALMANAC_ASSIGN_OR_RETURN((*row)[i], evaluator_.ToCell(row_[i]));
  }
  return true;
}

absl::StatusOr<QueryResult> RunFind(const FindSource& source,
                                    std::string_view text,
                                    const ast::Statement& statement,
                                    const QueryParameters& parameters,
                                    const PlanOptions& options) {
  ALMANAC_ASSIGN_OR_RETURN(
      std::unique_ptr<FindExecution> execution,
      FindExecution::Start(source, text, statement, parameters, options));
  QueryResult result;
  result.columns = execution->columns();
  const bool explain_only = statement.explain == ast::Statement::Explain::kPlan;
  if (!explain_only) {
    std::vector<Cell> cells;
    while (true) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, execution->Next(&cells));
      if (!more) break;
      result.rows.push_back(std::move(cells));
    }
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
