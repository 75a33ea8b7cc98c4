// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs a FIND statement: Bind -> Plan (with the optimizer passes) ->
// Execute, reading from one snapshot. A FindExecution yields the rows one
// at a time, as the operators produce them; RunFind collects them, and for
// EXPLAIN returns the plan instead (EXPLAIN ANALYZE: both).

#ifndef ALMANAC_QUERY_RUN_FIND_H_
#define ALMANAC_QUERY_RUN_FIND_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/query_result.h"
#include "query/ast.h"
#include "query/evaluator.h"
#include "query/planner.h"
#include "storage/statistics_cache.h"
#include "storage/store.h"

namespace almanac {

// Where a FIND runs: the store, the snapshot it reads, the database's
// interrupt counter (null: not interruptible) and, if at hand, recent
// counts for the planner's estimates (else read from the snapshot).
struct FindSource {
  const Store* store;
  const rocksdb::Snapshot* snapshot;
  const std::atomic<uint64_t>* interrupts;
  std::optional<StoreCounters> counters;
  // The most threads the query may use, when PlanOptions::max_threads
  // does not say (0: one per core).
  int threads = 0;
  // The predicate statistics of transaction counters->last_tx, when the
  // snapshot holds exactly that transaction; null: read from the snapshot.
  PredicateCountsCache* predicate_counts = nullptr;
};

// One FIND statement, bound and planned, producing its rows.
class FindExecution {
 public:
  // Binds and plans `statement` (REQUIRES: a FIND). `text` is the text it
  // was parsed from, for error messages. The store and snapshot must
  // outlive the execution; `text`, `statement` and `parameters` need only
  // last for this call.
  static absl::StatusOr<std::unique_ptr<FindExecution>> Start(
      const FindSource& source, std::string_view text,
      const ast::Statement& statement, const QueryParameters& parameters,
      const PlanOptions& options = {});

  FindExecution(const FindExecution&) = delete;
  FindExecution& operator=(const FindExecution&) = delete;

  const std::vector<std::string>& columns() const { return plan_.columns; }

  // Produces the next result row in *row: true when there was one, false
  // at the end. Cancelled when the database was interrupted.
  absl::StatusOr<bool> Next(std::vector<Cell>* row);
  // As Next, adding the row to the end of *rows. On an error *rows may end
  // with a row only partly filled: discard it.
  absl::StatusOr<bool> NextInto(ResultRows* rows);

  // Runs the statement again from its first row, on `source`'s snapshot
  // and with `parameters`, keeping the binding and the plan: only the
  // $parameters are bound again. Returns false, changing nothing, when the
  // plan cannot serve them: a parameter is used outside a pattern's terms
  // (its value shaped the plan), or the values differ from those the plan
  // was made for and the plan chose a join order by them. The caller must
  // know that nothing the binding read (names, aliases) has changed since
  // Start, e.g. because no transaction committed since. Errors are those
  // binding the parameters gives.
  absl::StatusOr<bool> Rerun(const FindSource& source, std::string_view text,
                             const QueryParameters& parameters);

  // Lets go of what the last run holds (open scans, hash tables, sorted
  // rows) until the next Rerun.
  void Release() { plan_.root->Rewind(); }

  // The operator tree, with the rows and time counted so far.
  const Operator& root() const { return *plan_.root; }

 private:
  explicit FindExecution(const FindSource& source);
  // Points the context and the evaluator at `source`: its store, snapshot
  // and interrupt counter (taking the counter's value now).
  void ReadFrom(const FindSource& source);
  // Turns the values of row_ into `cells`, one per column.
  absl::Status FillCells(std::span<Cell> cells);

  Evaluator evaluator_;
  ExecContext context_;
  Plan plan_;
  Row row_;
  // From the binding, for Rerun.
  std::vector<BoundFind::ParameterTerm> parameter_terms_;
  bool parameters_outside_terms_ = false;
  bool plan_chose_by_values_ = false;
};

// Runs `execution` to its end and returns its columns and rows.
absl::StatusOr<QueryResult> CollectRows(FindExecution& execution);

// Runs `statement` to the end and returns all its rows (EXPLAIN: the plan).
absl::StatusOr<QueryResult> RunFind(const FindSource& source,
                                    std::string_view text,
                                    const ast::Statement& statement,
                                    const QueryParameters& parameters,
                                    const PlanOptions& options = {});

}  // namespace almanac

#endif  // ALMANAC_QUERY_RUN_FIND_H_
