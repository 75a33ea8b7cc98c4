// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/run_find.h"

#include "almanac/status_macros.h"
#include "query/binder.h"
#include "query/evaluator.h"

namespace almanac {

absl::StatusOr<QueryResult> RunFind(const Store& store,
                                    const rocksdb::Snapshot* snapshot,
                                    std::string_view text,
                                    const ast::Statement& statement,
                                    const QueryParameters& parameters,
                                    const PlanOptions& options) {
  Binder binder(store, snapshot, text, parameters);
  ALMANAC_ASSIGN_OR_RETURN(BoundFind find, binder.BindFind(statement.find));
  Evaluator evaluator(store, snapshot);
  ExecContext context{&store, snapshot, &evaluator,
                      static_cast<int>(find.slot_names.size())};
  ALMANAC_ASSIGN_OR_RETURN(Plan plan,
                           PlanFind(std::move(find), context, options));

  QueryResult result;
  result.columns = plan.columns;
  const bool explain_only = statement.explain == ast::Statement::Explain::kPlan;
  if (!explain_only) {
    Row row;
    while (true) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, plan.root->Next(&row));
      if (!more) break;
      std::vector<Cell> cells;
      for (size_t i = 0; i < result.columns.size(); ++i) {
        ALMANAC_ASSIGN_OR_RETURN(Cell cell, evaluator.ToCell(row[i]));
        cells.push_back(std::move(cell));
      }
      result.rows.push_back(std::move(cells));
    }
  }
  if (statement.explain != ast::Statement::Explain::kNone) {
    const bool analyzed =
        statement.explain == ast::Statement::Explain::kAnalyze;
    result.plan = statement.explain_json ? ExplainJson(*plan.root, analyzed)
                                         : ExplainText(*plan.root, analyzed);
    if (explain_only) result.columns.clear();
  }
  return result;
}

}  // namespace almanac
