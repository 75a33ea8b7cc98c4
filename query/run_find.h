// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs a FIND statement: Bind -> Plan (with the optimizer passes) ->
// Execute, reading from one snapshot. EXPLAIN returns the plan instead of
// rows; EXPLAIN ANALYZE runs the query and returns both.

#ifndef ALMANAC_QUERY_RUN_FIND_H_
#define ALMANAC_QUERY_RUN_FIND_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/query_result.h"
#include "query/ast.h"
#include "query/planner.h"
#include "storage/store.h"

namespace almanac {

// REQUIRES: statement.kind == ast::Statement::Kind::kFind. `text` is the
// text the statement was parsed from (for error messages).
absl::StatusOr<QueryResult> RunFind(const Store& store,
                                    const rocksdb::Snapshot* snapshot,
                                    std::string_view text,
                                    const ast::Statement& statement,
                                    const QueryParameters& parameters,
                                    const PlanOptions& options = {});

}  // namespace almanac

#endif  // ALMANAC_QUERY_RUN_FIND_H_
