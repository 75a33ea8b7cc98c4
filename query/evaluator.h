// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Evaluates bound expressions over a row, and compares and converts values.
// Terms are read from the dictionary only when an expression needs their
// text or value (comparisons, string functions); equality of two stored
// terms is equality of ids.

#ifndef ALMANAC_QUERY_EVALUATOR_H_
#define ALMANAC_QUERY_EVALUATOR_H_

#include "absl/status/statusor.h"
#include "almanac/query_result.h"
#include "query/bound_query.h"
#include "query/value.h"
#include "storage/dictionary.h"

namespace almanac {

class Evaluator {
 public:
  Evaluator(const Store& store, const rocksdb::Snapshot* snapshot)
      : dictionary_(store, snapshot) {}

  // Reads names as of `snapshot` from now on.
  void UseSnapshot(const rocksdb::Snapshot* snapshot) {
    dictionary_.UseSnapshot(snapshot);
  }

  // Returns the value of `expr` over `row`. Type mismatches give null (a
  // filter treats null as false), as do unbound variables. Aggregates are
  // not evaluated here. REQUIRES: expr is not an aggregate.
  absl::StatusOr<Value> Evaluate(const BoundExpr& expr, const Row& row);

  // Returns whether `expr` is true over `row`.
  absl::StatusOr<bool> IsTrue(const BoundExpr& expr, const Row& row);

  // Orders values for ORDER BY, min and max: nulls first, then booleans,
  // numbers, times and dates, text and strings, entities (by name); within
  // a kind by value. Returns <0, 0 or >0.
  absl::StatusOr<int> Compare(const Value& a, const Value& b);

  // A value in the form comparisons and functions use: a stored term read
  // from the dictionary, a time as its days.
  struct Scalar {
    enum class Kind { kNull, kBoolean, kNumber, kTime, kText, kEntity };
    Kind kind = Kind::kNull;
    bool boolean = false;
    double number = 0;
    bool is_integer = false;
    int64_t integer = 0;
    DayRange days;
    EncodedTime time;
    std::string text;
    TermId entity = 0;
  };
  absl::StatusOr<Scalar> ScalarOf(const Value& value);
  // The order of Compare, on values already made scalars: a sort makes each
  // value a scalar once instead of at every comparison.
  static int CompareScalars(const Scalar& x, const Scalar& y);

  // Returns the value as a result cell.
  absl::StatusOr<Cell> ToCell(const Value& value);
  // The same into an existing cell, reusing its storage.
  absl::Status FillCell(const Value& value, Cell* cell);

  // Returns the term `id` stands for.
  absl::StatusOr<Term> TermOf(TermId id) { return dictionary_.Decode(id); }

 private:
  absl::StatusOr<Value> Call(const BoundExpr& expr, const Row& row);
  // year(), month() and day() of a time or date.
  absl::StatusOr<Value> DatePart(const BoundExpr& expr, const Row& row);
  absl::StatusOr<Value> Arithmetic(const BoundExpr& expr, const Row& row);

  DictionaryReader dictionary_;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_EVALUATOR_H_
