// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The physical operators' one contract: pull-based, a row at a time. Next()
// wraps the operator's NextRow() so that row counts and time (for EXPLAIN
// ANALYZE) are kept in one place.

#ifndef ALMANAC_QUERY_OPERATOR_H_
#define ALMANAC_QUERY_OPERATOR_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "query/bound_query.h"
#include "query/evaluator.h"
#include "query/value.h"
#include "storage/statistics_cache.h"
#include "storage/store.h"

namespace almanac {

// What every operator of one query shares.
struct ExecContext {
  const Store* store = nullptr;
  const rocksdb::Snapshot* snapshot = nullptr;
  Evaluator* evaluator = nullptr;
  int slot_count = 0;  // Width of the rows the pattern operators make.
  // The database's interrupt counter and its value when the query started:
  // the query stops when it has moved (Database::Interrupt). May be null.
  const std::atomic<uint64_t>* interrupts = nullptr;
  uint64_t interrupts_at_start = 0;
  // Counts for the planner's estimates, when the caller has them at hand;
  // otherwise the planner reads them from the snapshot.
  std::optional<StoreCounters> counters;
  // The predicate statistics of transaction counters->last_tx, when the
  // snapshot holds exactly that transaction; null: read from the snapshot.
  PredicateCountsCache* predicate_counts = nullptr;
  // The $parameters' pattern terms for this run, by BoundTerm::parameter,
  // when the plan runs again with other values (see Operator::Rewind).
  std::vector<BoundTerm> parameter_terms;

  // Gives a pattern's $parameter term this run's value.
  void ResolveParameter(BoundTerm* term) const {
    if (term->parameter >= 0 &&
        static_cast<size_t>(term->parameter) < parameter_terms.size()) {
      *term = parameter_terms[term->parameter];
    }
  }

  // Cancelled once Database::Interrupt was called after the query started.
  absl::Status CheckInterrupt() const {
    if (interrupts != nullptr &&
        interrupts->load(std::memory_order_relaxed) != interrupts_at_start) {
      return absl::CancelledError("interrupted");
    }
    return absl::OkStatus();
  }
};

class Operator {
 public:
  virtual ~Operator() = default;

  // Produces the next row in *row; false when there is none. The row is
  // replaced as a whole: whatever *row held before (it may be a row another
  // operator filled) is not read.
  absl::StatusOr<bool> Next(Row* row) {
    if (!timed_) {
      absl::StatusOr<bool> produced = NextRow(row);
      if (produced.ok() && *produced) ++rows_;
      return produced;
    }
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<bool> produced = NextRow(row);
    seconds_ +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    if (produced.ok() && *produced) ++rows_;
    return produced;
  }

  // One line for EXPLAIN: the operator and its arguments.
  virtual std::string Describe() const = 0;
  // The operators this one reads from (it owns them).
  virtual std::vector<Operator*> children() const = 0;

  // Starts over: the next Next() yields the first row again, reading the
  // snapshot and parameter terms the ExecContext holds now. Row counts and
  // times start again from zero.
  void Rewind() {
    rows_ = 0;
    seconds_ = 0;
    Restart();
    for (Operator* child : children()) child->Rewind();
  }

  // Makes this operator and those below it measure their time, for
  // EXPLAIN ANALYZE. Off by default: reading the clock around every row
  // costs more than a short query's own work.
  void MeasureTime() {
    timed_ = true;
    for (Operator* child : children()) child->MeasureTime();
  }

  double estimated_rows = -1;  // From the planner; < 0 when unknown.
  uint64_t rows() const { return rows_; }
  // Time spent in this operator and those below it (when measured).
  double seconds() const { return seconds_; }

 protected:
  virtual absl::StatusOr<bool> NextRow(Row* row) = 0;
  // Forgets this operator's own state from the last run (Rewind does the
  // children).
  virtual void Restart() {}

 private:
  bool timed_ = false;
  uint64_t rows_ = 0;
  double seconds_ = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_OPERATOR_H_
