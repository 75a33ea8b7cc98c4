// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "bench/query_shapes.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

// The id of the term named by argument `name`, as an SQL expression.
std::string Id(const std::string& name) {
  return absl::StrCat("(SELECT id FROM terms WHERE name = :", name, ")");
}

std::vector<QueryShape> MakeShapes() {
  std::vector<QueryShape> shapes;
  shapes.push_back(
      {"subject_lookup",
       "FIND ?p, ?o, ?t WHERE $subject ?p ?o @ ?t;",
       absl::StrCat("SELECT p.name, o.name, f.t FROM facts f"
                    " JOIN terms p ON p.id = f.p JOIN terms o ON o.id = f.o"
                    " WHERE f.s = ",
                    Id("subject")),
       {}});
  // The same lookup on a subject with a few facts: the case where the
  // query layer's fixed costs (parse, bind, plan, cells) weigh most.
  shapes.push_back(
      {"few_row_lookup",
       "FIND ?p, ?o, ?t WHERE $few_subject ?p ?o @ ?t;",
       absl::StrCat("SELECT p.name, o.name, f.t FROM facts f"
                    " JOIN terms p ON p.id = f.p JOIN terms o ON o.id = f.o"
                    " WHERE f.s = ",
                    Id("few_subject")),
       {}});
  shapes.push_back(
      {"reverse_lookup",
       "FIND ?s, ?t WHERE ?s $popular_predicate $object @ ?t;",
       absl::StrCat("SELECT s.name, f.t FROM facts f"
                    " JOIN terms s ON s.id = f.s WHERE f.p = ",
                    Id("popular_predicate"), " AND f.o = ", Id("object")),
       {}});
  shapes.push_back(
      {"predicate_time_range",
       "FIND ?s, ?o, ?t WHERE ?s $range_predicate ?o @ ?t"
       " FILTER ?t DURING $year ORDER BY ?t;",
       absl::StrCat("SELECT s.name, o.name, f.t FROM facts f"
                    " JOIN terms s ON s.id = f.s JOIN terms o ON o.id = f.o"
                    " WHERE f.p = ",
                    Id("range_predicate"),
                    " AND f.tb >= :year_begin AND f.te <= :year_end"
                    " ORDER BY f.tb, f.te"),
       {}});
  shapes.push_back(
      {"entity_timeline",
       "FIND ?p, ?x, ?t WHERE { $subject ?p ?x @ ?t }"
       " UNION { ?x ?p $subject @ ?t } ORDER BY ?t;",
       absl::StrCat("SELECT p.name, x.name, u.t FROM ("
                    "SELECT f.p, f.o AS x, f.t, f.tb, f.te FROM facts f"
                    " WHERE f.s = ",
                    Id("subject"),
                    " UNION ALL SELECT f.p, f.s, f.t, f.tb, f.te FROM facts f"
                    " WHERE f.o = ",
                    Id("subject"),
                    ") u JOIN terms p ON p.id = u.p JOIN terms x ON x.id = u.x"
                    " ORDER BY u.tb, u.te"),
       {}});
  shapes.push_back(
      {"two_hop",
       "FIND ?p, ?b, ?c WHERE $subject ?p ?b . ?b $rare_predicate ?c;",
       absl::StrCat("SELECT p.name, b.name, c.name FROM facts f1"
                    " JOIN facts f2 ON f2.s = f1.o AND f2.p = ",
                    Id("rare_predicate"),
                    " JOIN terms p ON p.id = f1.p JOIN terms b ON b.id = f1.o"
                    " JOIN terms c ON c.id = f2.o WHERE f1.s = ",
                    Id("subject")),
       {}});
  shapes.push_back(
      {"star_join",
       "FIND ?s, ?x WHERE ?s $popular_predicate $object ."
       " ?s $rare_predicate ?x;",
       absl::StrCat("SELECT s.name, x.name FROM facts f1"
                    " JOIN facts f2 ON f2.s = f1.s AND f2.p = ",
                    Id("rare_predicate"),
                    " JOIN terms s ON s.id = f1.s JOIN terms x ON x.id = f2.o"
                    " WHERE f1.p = ",
                    Id("popular_predicate"), " AND f1.o = ", Id("object")),
       {}});
  shapes.push_back(
      {"triangle",
       "FIND ?a, ?b, ?c WHERE ?a $rare_predicate ?b ."
       " ?b $rare_predicate ?c . ?c $rare_predicate ?a;",
       absl::StrCat("SELECT a.name, b.name, c.name FROM facts f1"
                    " JOIN facts f2 ON f2.p = f1.p AND f2.s = f1.o"
                    " JOIN facts f3 ON f3.p = f1.p AND f3.s = f2.o"
                    " AND f3.o = f1.s"
                    " JOIN terms a ON a.id = f1.s JOIN terms b ON b.id = f2.s"
                    " JOIN terms c ON c.id = f3.s WHERE f1.p = ",
                    Id("rare_predicate")),
       {}});
  shapes.push_back(
      {"aggregate_predicate_year",
       "FIND ?p, year(?t) AS year, count(*) AS facts WHERE ?s ?p ?o @ ?t"
       " GROUP BY ?p, year(?t);",
       "SELECT p.name, g.year, g.n FROM (SELECT f.p, almanac_year(f.tb) AS"
       " year, count(*) AS n FROM facts f GROUP BY f.p, year) g"
       " JOIN terms p ON p.id = g.p",
       {}});
  shapes.push_back(
      {"bounded_path",
       "FIND ?x WHERE $subject $path_predicate{1,3} ?x;",
       // Breadth first, one frontier per step, each holding only nodes not
       // reached before: two to three times faster here than a recursive
       // CTE, which re-expands a node once per depth it is reached at.
       absl::StrCat(
           "WITH pp(id) AS MATERIALIZED (SELECT id FROM terms WHERE name ="
           " :path_predicate),"
           " f1(node) AS MATERIALIZED (SELECT DISTINCT o FROM facts WHERE s = ",
           Id("subject"),
           " AND p = (SELECT id FROM pp)),"
           " f2(node) AS MATERIALIZED (SELECT DISTINCT f.o FROM f1 JOIN facts f"
           " ON f.s = f1.node AND f.p = (SELECT id FROM pp)"
           " WHERE f.o NOT IN f1),"
           " f3(node) AS MATERIALIZED (SELECT DISTINCT f.o FROM f2 JOIN facts f"
           " ON f.s = f2.node AND f.p = (SELECT id FROM pp)"
           " WHERE f.o NOT IN f1 AND f.o NOT IN f2)"
           " SELECT x.name FROM (SELECT node FROM f1 UNION ALL"
           " SELECT node FROM f2 UNION ALL SELECT node FROM f3) n"
           " JOIN terms x ON x.id = n.node"),
       {"path_predicate"}});
  return shapes;
}

// The first column of `sql`'s rows.
absl::StatusOr<std::vector<std::string>> Column(
    SqliteBaseline& sqlite, const std::string& sql,
    const SqlParameters& parameters) {
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> statement,
                           sqlite.Prepare(sql));
  ALMANAC_ASSIGN_OR_RETURN(TextRows rows, statement->Execute(parameters));
  std::vector<std::string> column;
  for (const auto& row : rows) column.push_back(row.at(0));
  return column;
}

// The element of rank `rank`, or the last one when there are fewer.
absl::StatusOr<Term> AtRank(const std::vector<std::string>& ranked, size_t rank,
                            const char* what) {
  if (ranked.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the dataset has no ", what));
  }
  return Term::ParseObjectField(ranked[std::min(rank, ranked.size() - 1)]);
}

}  // namespace

const std::vector<QueryShape>& QueryShapes() {
  static const std::vector<QueryShape>* shapes =
      new std::vector<QueryShape>(MakeShapes());
  return *shapes;
}

absl::StatusOr<QueryParameters> ChooseArguments(SqliteBaseline& sqlite) {
  ALMANAC_ASSIGN_OR_RETURN(
      std::vector<std::string> predicates,
      Column(sqlite,
             "SELECT t.name FROM (SELECT p, count(*) AS n FROM facts"
             " GROUP BY p) g JOIN terms t ON t.id = g.p"
             " ORDER BY g.n DESC, t.name",
             {}));
  ALMANAC_ASSIGN_OR_RETURN(
      std::vector<std::string> subjects,
      Column(sqlite,
             "SELECT t.name FROM (SELECT s, count(*) AS n FROM facts"
             " GROUP BY s) g JOIN terms t ON t.id = g.s"
             " ORDER BY g.n DESC, t.name LIMIT 101",
             {}));
  QueryParameters arguments;
  ALMANAC_ASSIGN_OR_RETURN(arguments["popular_predicate"],
                           AtRank(predicates, 0, "predicates"));
  ALMANAC_ASSIGN_OR_RETURN(arguments["range_predicate"],
                           AtRank(predicates, 2, "predicates"));
  ALMANAC_ASSIGN_OR_RETURN(arguments["path_predicate"],
                           AtRank(predicates, 5, "predicates"));
  // For the joins (two_hop, star_join, triangle): a predicate of about
  // 0.2% of the facts keeps their results to thousands of rows at 1M facts
  // (the popular entities are dense: at rank 20 the triangle has 550k).
  ALMANAC_ASSIGN_OR_RETURN(arguments["rare_predicate"],
                           AtRank(predicates, 100, "predicates"));
  // A mid-popularity subject: the 101st most frequent.
  ALMANAC_ASSIGN_OR_RETURN(arguments["subject"],
                           AtRank(subjects, 100, "subjects"));
  // A subject with exactly 3 facts, or else the fewest above 3.
  ALMANAC_ASSIGN_OR_RETURN(
      std::vector<std::string> few_subjects,
      Column(sqlite,
             "SELECT t.name FROM (SELECT s, count(*) AS n FROM facts"
             " GROUP BY s HAVING count(*) >= 3) g JOIN terms t ON t.id = g.s"
             " ORDER BY g.n, t.name LIMIT 1",
             {}));
  ALMANAC_ASSIGN_OR_RETURN(
      arguments["few_subject"],
      AtRank(few_subjects, 0, "subjects with at least 3 facts"));

  const SqlParameters popular = {
      {"p", std::get<Term>(arguments["popular_predicate"]).ToString()}};
  ALMANAC_ASSIGN_OR_RETURN(
      std::vector<std::string> objects,
      Column(sqlite,
             "SELECT t.name FROM (SELECT o, count(*) AS n FROM facts"
             " WHERE p = (SELECT id FROM terms WHERE name = :p) GROUP BY o)"
             " g JOIN terms t ON t.id = g.o ORDER BY g.n DESC, t.name"
             " LIMIT 11",
             popular));
  ALMANAC_ASSIGN_OR_RETURN(arguments["object"], AtRank(objects, 10, "objects"));

  // The year in which the median timed fact of range_predicate begins.
  const SqlParameters ranged = {
      {"p", std::get<Term>(arguments["range_predicate"]).ToString()}};
  ALMANAC_ASSIGN_OR_RETURN(
      std::vector<std::string> median,
      Column(sqlite,
             "SELECT almanac_year(tb) FROM facts INDEXED BY"
             " facts_predicate_time WHERE p = (SELECT id FROM terms WHERE"
             " name = :p) AND tb IS NOT NULL ORDER BY tb LIMIT 1 OFFSET"
             " (SELECT count(tb) / 2 FROM facts WHERE p = (SELECT id FROM"
             " terms WHERE name = :p))",
             ranged));
  const int year =
      median.empty() || median[0].empty() ? 2012 : std::atoi(median[0].c_str());
  ALMANAC_ASSIGN_OR_RETURN(Date date,
                           Date::FromParts(year, 1, 1, DatePrecision::kYear));
  arguments["year"] = ValidTime::At(date);
  return arguments;
}

SqlParameters ToSqlParameters(const QueryParameters& arguments) {
  SqlParameters sql;
  for (const auto& [name, value] : arguments) {
    if (const Term* term = std::get_if<Term>(&value)) {
      sql[name] = term->ToString();
    } else {
      const DayRange days = std::get<ValidTime>(value).days();
      sql[name + "_begin"] = int64_t{days.begin};
      sql[name + "_end"] = int64_t{days.end};
    }
  }
  return sql;
}

std::string InlineArguments(const std::string& statement,
                            const QueryParameters& arguments) {
  std::string out;
  for (size_t i = 0; i < statement.size();) {
    if (statement[i] != '$') {
      out += statement[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < statement.size() &&
           (std::isalnum(static_cast<unsigned char>(statement[end])) ||
            statement[end] == '_')) {
      ++end;
    }
    auto found = arguments.find(statement.substr(i + 1, end - i - 1));
    if (found == arguments.end()) {
      out += statement.substr(i, end - i);
    } else if (const Term* term = std::get_if<Term>(&found->second)) {
      out += term->ToString();
    } else {
      out += std::get<ValidTime>(found->second).ToString();
    }
    i = end;
  }
  return out;
}

std::string PreparableStatement(const QueryShape& shape,
                                const QueryParameters& arguments) {
  QueryParameters constants;
  for (const std::string& name : shape.constants) {
    auto found = arguments.find(name);
    if (found != arguments.end()) constants.insert(*found);
  }
  return InlineArguments(shape.almanac, constants);
}

TextRows ToTextRows(const QueryResult& result) {
  TextRows rows;
  rows.reserve(result.rows.size());
  for (const auto& row : result.rows) {
    std::vector<std::string>& text = rows.emplace_back();
    for (const Cell& cell : row) text.push_back(cell.ToString());
  }
  return rows;
}

absl::Status CompareRows(TextRows almanac, TextRows sqlite) {
  std::sort(almanac.begin(), almanac.end());
  std::sort(sqlite.begin(), sqlite.end());
  if (almanac == sqlite) return absl::OkStatus();
  std::string example;
  auto first_missing = [](const TextRows& a, const TextRows& b) {
    for (const auto& row : a) {
      if (!std::binary_search(b.begin(), b.end(), row)) return &row;
    }
    return static_cast<const std::vector<std::string>*>(nullptr);
  };
  if (const auto* row = first_missing(almanac, sqlite)) {
    example =
        absl::StrCat("; only in Almanac: (", absl::StrJoin(*row, " | "), ")");
  } else if (const auto* row = first_missing(sqlite, almanac)) {
    example =
        absl::StrCat("; only in SQLite: (", absl::StrJoin(*row, " | "), ")");
  }
  return absl::InternalError(absl::StrCat("results differ: Almanac ",
                                          almanac.size(), " rows, SQLite ",
                                          sqlite.size(), " rows", example));
}

}  // namespace almanac
