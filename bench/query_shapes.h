// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The query shapes the benchmarks time, each written twice with the same
// meaning: in Almanac's query language and in SQL over the schema of
// bench/sqlite_baseline.h. Both take the same named arguments: $name in the
// query language, :name in SQL (a time argument $x is :x_begin and :x_end,
// its half-open day range).

#ifndef ALMANAC_BENCH_QUERY_SHAPES_H_
#define ALMANAC_BENCH_QUERY_SHAPES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/query_result.h"
#include "bench/sqlite_baseline.h"

namespace almanac {

struct QueryShape {
  std::string name;     // "subject_lookup", ...
  std::string almanac;  // A FIND statement with $arguments.
  std::string sql;      // A SELECT with :arguments.
  // Arguments the language takes only as constants (the predicate of a
  // repeated pattern): written into the statement before it is prepared.
  std::vector<std::string> constants;
};

// The shapes, in the order they are reported.
const std::vector<QueryShape>& QueryShapes();

// Picks the arguments of every shape from the data, deterministically:
// predicates, subjects and objects by how many facts they have (ties by
// name), so that the same data always gets the same questions, and the
// lookups and joins return hundreds to tens of thousands of rows at 1M
// facts -- except few_subject, a subject with exactly 3 facts (or else the
// fewest above 3), for a lookup of a few rows. FailedPrecondition when the
// data has none of something a shape needs. Reads the SQLite copy, which
// holds the same facts as the Almanac database.
absl::StatusOr<QueryParameters> ChooseArguments(SqliteBaseline& sqlite);

// The SQL form of `arguments`: a term as its Term::ToString() text, the
// name of its row in `terms`; a time $x as :x_begin and :x_end.
SqlParameters ToSqlParameters(const QueryParameters& arguments);

// Returns `statement` with each $name replaced by its value as the query
// language writes it: the text form of a prepared statement.
std::string InlineArguments(const std::string& statement,
                            const QueryParameters& arguments);

// The statement of `shape` to prepare: its constants written in.
std::string PreparableStatement(const QueryShape& shape,
                                const QueryParameters& arguments);

// The rows of a result as text, each cell by Cell::ToString(), in the order
// returned.
TextRows ToTextRows(const QueryResult& result);

// OK when `almanac` and `sqlite` hold the same rows, in any order;
// otherwise Internal, naming the row counts and a row found in one only.
absl::Status CompareRows(TextRows almanac, TextRows sqlite);

}  // namespace almanac

#endif  // ALMANAC_BENCH_QUERY_SHAPES_H_
