// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The SQLite baseline the query benchmarks compare Almanac with: the same
// facts in a well-indexed SQLite schema, queried through reused prepared
// statements.
//
// Schema (the same facts, deduplicated as Almanac stores them):
//   terms(id INTEGER PRIMARY KEY, name TEXT)   one row per term; `name` is
//       Term::ToString() (entities, literals and integers alike), with a
//       UNIQUE index on name.
//   facts(s, p, o, tb, te, t, source) WITHOUT ROWID, PRIMARY KEY (s, p, o, t)
//       s, p, o are term ids; tb and te the half-open day range of the valid
//       time (NULL when no time is stated); t the time as written
//       (ValidTime::ToString(), '' when none); source the source text.
//   Covering indexes, one per access order Almanac has:
//       facts_pos          (p, o, s, tb, te)
//       facts_osp          (o, s, p, tb, te)
//       facts_predicate_time (p, tb, te, s, o)
//       facts_subject_time (s, tb, te, p, o)
//       facts_object_time  (o, tb, te, s, p)
//   (a WITHOUT ROWID index also holds the primary key columns, t included).
// The SQL function almanac_year(day) returns the year of a day number, as the
// query language's year() does; NULL for NULL.

#ifndef ALMANAC_BENCH_SQLITE_BASELINE_H_
#define ALMANAC_BENCH_SQLITE_BASELINE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace almanac {

// Values for the :name parameters of a statement, by name (without ':').
using SqlValue = std::variant<int64_t, std::string>;
using SqlParameters = std::map<std::string, SqlValue>;

// Result rows, each cell as text ("" for NULL).
using TextRows = std::vector<std::vector<std::string>>;

// One SQL statement, compiled once and run many times.
class SqliteStatement {
 public:
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Binds `parameters` (every :name of the statement must have a value) and
  // runs the statement to its end, returning all its rows.
  absl::StatusOr<TextRows> Execute(const SqlParameters& parameters);

 private:
  friend class SqliteBaseline;
  explicit SqliteStatement(sqlite3_stmt* statement) : statement_(statement) {}
  sqlite3_stmt* statement_;  // Owned.
};

class SqliteBaseline {
 public:
  // Opens the SQLite database file `path`, creating an empty file when
  // missing, with a 64 MiB page cache (Almanac's default block cache).
  static absl::StatusOr<std::unique_ptr<SqliteBaseline>> Open(
      const std::string& path);

  ~SqliteBaseline();
  SqliteBaseline(const SqliteBaseline&) = delete;
  SqliteBaseline& operator=(const SqliteBaseline&) = delete;

  // Creates the schema and copies every fact of `db` into it, then builds
  // the indexes and runs ANALYZE. REQUIRES: the file was empty.
  absl::Status LoadFrom(const Database& db);

  // Compiles `sql` for repeated execution.
  absl::StatusOr<std::unique_ptr<SqliteStatement>> Prepare(
      const std::string& sql);

  // Compiles and runs `sql` once: the cost of a query given as text.
  absl::StatusOr<TextRows> Query(const std::string& sql,
                                 const SqlParameters& parameters);

 private:
  explicit SqliteBaseline(sqlite3* db) : db_(db) {}
  absl::Status Exec(const std::string& sql);

  sqlite3* db_;  // Owned.
};

// Returns `sql` with each :name replaced by its value written as an SQL
// literal (strings quoted, with ' doubled), for the text form of a query.
std::string InlineSqlParameters(const std::string& sql,
                                const SqlParameters& parameters);

}  // namespace almanac

#endif  // ALMANAC_BENCH_SQLITE_BASELINE_H_
