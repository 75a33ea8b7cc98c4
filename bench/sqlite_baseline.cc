// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "bench/sqlite_baseline.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

absl::Status SqliteError(sqlite3* db, const std::string& context) {
  return absl::InternalError(
      absl::StrCat("sqlite: ", context, ": ", sqlite3_errmsg(db)));
}

// almanac_year(day): the year of day number `day` (days since 1970-01-01).
void AlmanacYear(sqlite3_context* context, int, sqlite3_value** values) {
  if (sqlite3_value_type(values[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const int64_t day = sqlite3_value_int64(values[0]);
  if (day <= DayRange::kOpenBegin || day >= DayRange::kOpenEnd) {
    sqlite3_result_null(context);
    return;
  }
  sqlite3_result_int(context,
                     Date::FromDayNumber(static_cast<int32_t>(day)).year());
}

struct FactRow {
  int64_t s, p, o;
  std::optional<int32_t> begin, end;
  std::string time;
  std::string source;
};

constexpr char kSchema[] = R"sql(
CREATE TABLE terms(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE facts(
  s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
  tb INTEGER, te INTEGER, t TEXT NOT NULL, source TEXT NOT NULL,
  PRIMARY KEY (s, p, o, t)) WITHOUT ROWID;
)sql";

constexpr char kIndexes[] = R"sql(
CREATE UNIQUE INDEX terms_by_name ON terms(name);
CREATE INDEX facts_pos ON facts(p, o, s, tb, te);
CREATE INDEX facts_osp ON facts(o, s, p, tb, te);
CREATE INDEX facts_predicate_time ON facts(p, tb, te, s, o);
CREATE INDEX facts_subject_time ON facts(s, tb, te, p, o);
CREATE INDEX facts_object_time ON facts(o, tb, te, s, p);
ANALYZE;
)sql";

}  // namespace

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

absl::StatusOr<TextRows> SqliteStatement::Execute(
    const SqlParameters& parameters) {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  sqlite3* db = sqlite3_db_handle(statement_);
  for (int i = 1; i <= sqlite3_bind_parameter_count(statement_); ++i) {
    const char* name = sqlite3_bind_parameter_name(statement_, i);
    auto found = parameters.find(name == nullptr ? "" : name + 1);
    if (found == parameters.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("no value for parameter ", name ? name : "?"));
    }
    int rc;
    if (const int64_t* number = std::get_if<int64_t>(&found->second)) {
      rc = sqlite3_bind_int64(statement_, i, *number);
    } else {
      const std::string& text = std::get<std::string>(found->second);
      rc = sqlite3_bind_text(statement_, i, text.data(),
                             static_cast<int>(text.size()), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return SqliteError(db, "bind");
  }
  TextRows rows;
  const int columns = sqlite3_column_count(statement_);
  int rc;
  while ((rc = sqlite3_step(statement_)) == SQLITE_ROW) {
    std::vector<std::string>& row = rows.emplace_back(columns);
    for (int c = 0; c < columns; ++c) {
      const unsigned char* text = sqlite3_column_text(statement_, c);
      if (text != nullptr) {
        row[c].assign(reinterpret_cast<const char*>(text),
                      sqlite3_column_bytes(statement_, c));
      }
    }
  }
  if (rc != SQLITE_DONE) return SqliteError(db, "step");
  return rows;
}

absl::StatusOr<std::unique_ptr<SqliteBaseline>> SqliteBaseline::Open(
    const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    absl::Status status = SqliteError(db, absl::StrCat("open ", path));
    sqlite3_close(db);
    return status;
  }
  std::unique_ptr<SqliteBaseline> baseline(new SqliteBaseline(db));
  ALMANAC_RETURN_IF_ERROR(baseline->Exec("PRAGMA cache_size = -65536;"));
  if (sqlite3_create_function(db, "almanac_year", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                              &AlmanacYear, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db, "create_function");
  }
  return baseline;
}

SqliteBaseline::~SqliteBaseline() { sqlite3_close(db_); }

absl::Status SqliteBaseline::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    absl::Status status = absl::InternalError(
        absl::StrCat("sqlite: ", message ? message : "error", " in ", sql));
    sqlite3_free(message);
    return status;
  }
  return absl::OkStatus();
}

absl::Status SqliteBaseline::LoadFrom(const Database& db) {
  // Bulk-load settings: nothing of a half-written file is worth keeping.
  ALMANAC_RETURN_IF_ERROR(
      Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
           "PRAGMA temp_store = MEMORY;"));
  ALMANAC_RETURN_IF_ERROR(Exec(kSchema));

  // Read every fact once, giving each term an id in first-seen order.
  absl::flat_hash_map<std::string, int64_t> ids;
  std::vector<std::string> names;  // By id - 1.
  auto id_of = [&](const Term& term) {
    std::string name = term.ToString();
    auto [it, inserted] =
        ids.try_emplace(name, static_cast<int64_t>(ids.size() + 1));
    if (inserted) names.push_back(std::move(name));
    return it->second;
  };
  std::vector<FactRow> facts;
  std::unique_ptr<FactIterator> it = db.Scan(Pattern());
  for (; it->Valid(); it->Next()) {
    const Fact& fact = it->fact();
    FactRow row;
    row.s = id_of(fact.subject);
    row.p = id_of(fact.predicate);
    row.o = id_of(fact.object);
    if (fact.time.is_stated()) {
      row.begin = fact.time.days().begin;
      row.end = fact.time.days().end;
      row.time = fact.time.ToString();
    }
    row.source = fact.source;
    facts.push_back(std::move(row));
  }
  ALMANAC_RETURN_IF_ERROR(it->status());
  // Insert in primary-key order: the B-tree is then written sequentially.
  std::sort(facts.begin(), facts.end(), [](const FactRow& a, const FactRow& b) {
    return std::tie(a.s, a.p, a.o, a.time) < std::tie(b.s, b.p, b.o, b.time);
  });

  ALMANAC_RETURN_IF_ERROR(Exec("BEGIN;"));
  {
    ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> insert_term,
                             Prepare("INSERT INTO terms VALUES (?, ?);"));
    sqlite3_stmt* statement = insert_term->statement_;
    for (size_t i = 0; i < names.size(); ++i) {
      sqlite3_bind_int64(statement, 1, static_cast<int64_t>(i + 1));
      sqlite3_bind_text(statement, 2, names[i].data(),
                        static_cast<int>(names[i].size()), SQLITE_STATIC);
      if (sqlite3_step(statement) != SQLITE_DONE) {
        return SqliteError(db_, "insert term");
      }
      sqlite3_reset(statement);
    }
  }
  {
    ALMANAC_ASSIGN_OR_RETURN(
        std::unique_ptr<SqliteStatement> insert_fact,
        Prepare("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?);"));
    sqlite3_stmt* statement = insert_fact->statement_;
    for (const FactRow& row : facts) {
      sqlite3_bind_int64(statement, 1, row.s);
      sqlite3_bind_int64(statement, 2, row.p);
      sqlite3_bind_int64(statement, 3, row.o);
      if (row.begin.has_value()) {
        sqlite3_bind_int64(statement, 4, *row.begin);
        sqlite3_bind_int64(statement, 5, *row.end);
      } else {
        sqlite3_bind_null(statement, 4);
        sqlite3_bind_null(statement, 5);
      }
      sqlite3_bind_text(statement, 6, row.time.data(),
                        static_cast<int>(row.time.size()), SQLITE_STATIC);
      sqlite3_bind_text(statement, 7, row.source.data(),
                        static_cast<int>(row.source.size()), SQLITE_STATIC);
      if (sqlite3_step(statement) != SQLITE_DONE) {
        return SqliteError(db_, "insert fact");
      }
      sqlite3_reset(statement);
    }
  }
  ALMANAC_RETURN_IF_ERROR(Exec("COMMIT;"));
  ALMANAC_RETURN_IF_ERROR(Exec(kIndexes));
  return Exec("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;");
}

absl::StatusOr<std::unique_ptr<SqliteStatement>> SqliteBaseline::Prepare(
    const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()),
                         &statement, nullptr) != SQLITE_OK) {
    return SqliteError(db_, absl::StrCat("prepare ", sql));
  }
  return std::unique_ptr<SqliteStatement>(new SqliteStatement(statement));
}

absl::StatusOr<TextRows> SqliteBaseline::Query(
    const std::string& sql, const SqlParameters& parameters) {
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> statement,
                           Prepare(InlineSqlParameters(sql, parameters)));
  return statement->Execute({});
}

std::string InlineSqlParameters(const std::string& sql,
                                const SqlParameters& parameters) {
  std::string out;
  for (size_t i = 0; i < sql.size();) {
    if (sql[i] != ':') {
      out += sql[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < sql.size() &&
           (std::isalnum(static_cast<unsigned char>(sql[end])) ||
            sql[end] == '_')) {
      ++end;
    }
    auto found = parameters.find(sql.substr(i + 1, end - i - 1));
    if (found == parameters.end()) {
      out += sql.substr(i, end - i);
    } else if (const int64_t* number = std::get_if<int64_t>(&found->second)) {
      absl::StrAppend(&out, *number);
    } else {
      absl::StrAppend(&out, "'",
                      absl::StrReplaceAll(std::get<std::string>(found->second),
                                          {{"'", "''"}}),
                      "'");
    }
    i = end;
  }
  return out;
}

}  // namespace almanac
