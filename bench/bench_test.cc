// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the benchmark suite's own parts: percentiles, argument inlining,
// row comparison, the SQLite baseline's load, the choice of the few-row
// subject, and that every query shape means the same in Almanac and in
// SQLite on a small generated dataset (and opens as a cursor, which the
// parse_plan benchmarks time, and can be EXPLAINed).

#include <memory>
#include <string>
#include <vector>

#include "almanac/database.h"
#include "almanac/status_macros.h"
#include "bench/event_generator.h"
#include "bench/latency.h"
#include "bench/query_shapes.h"
#include "bench/sqlite_baseline.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

// An Almanac database and its SQLite copy.
struct Databases {
  std::unique_ptr<Database> almanac;
  std::unique_ptr<SqliteBaseline> sqlite;
};

// Imports the facts of `facts_file` (TSV) into a new database under `dir`
// and loads its SQLite copy.
absl::StatusOr<Databases> ImportBoth(const TempDir& dir,
                                     const std::string& facts_file) {
  Databases databases;
  ALMANAC_ASSIGN_OR_RETURN(databases.almanac,
                           Database::Open(dir.Sub("almanac"), Options()));
  ALMANAC_RETURN_IF_ERROR(
      databases.almanac->Import({facts_file}, ImportOptions()).status());
  ALMANAC_ASSIGN_OR_RETURN(databases.sqlite,
                           SqliteBaseline::Open(dir.Sub("sqlite.db")));
  ALMANAC_RETURN_IF_ERROR(databases.sqlite->LoadFrom(*databases.almanac));
  return databases;
}

// The few_subject ChooseArguments picks from `tsv`.
std::string FewSubject(const std::string& tsv) {
  TempDir dir;
  WriteFile(dir.Sub("facts.tsv"), tsv);
  auto databases = ImportBoth(dir, dir.Sub("facts.tsv"));
  if (!databases.ok()) return databases.status().ToString();
  auto arguments = ChooseArguments(*databases->sqlite);
  if (!arguments.ok()) return arguments.status().ToString();
  return std::get<Term>(arguments->at("few_subject")).ToString();
}

TEST(LatencyRecorderTest, NearestRankPercentiles) {
  LatencyRecorder latency;
  EXPECT_EQ(latency.Median(), 0);
  for (int i = 100; i >= 1; --i) latency.Add(i);
  EXPECT_EQ(latency.Median(), 50);
  EXPECT_EQ(latency.Percentile(0.95), 95);
  EXPECT_EQ(latency.Percentile(0.99), 99);
  EXPECT_EQ(latency.Percentile(1.0), 100);
}

TEST(InlineSqlParametersTest, QuotesTextAndWritesNumbers) {
  EXPECT_EQ(InlineSqlParameters("SELECT :name, :n, :n2, :missing",
                                {{"name", std::string("O'Brien")},
                                 {"n", int64_t{7}},
                                 {"n2", int64_t{-2}}}),
            "SELECT 'O''Brien', 7, -2, :missing");
}

TEST(InlineArgumentsTest, WritesTermsAndTimesAsTheLanguageDoes) {
  const QueryParameters arguments = {
      {"s", Term::Entity("Entity 5")},
      {"p", Term::Entity("predicate_3")},
      {"year", ValidTime::At(*Date::Parse("2012"))}};
  EXPECT_EQ(InlineArguments(
                "FIND ?x WHERE $s $p{1,3} ?x @ ?t FILTER ?t DURING $year;",
                arguments),
            "FIND ?x WHERE `Entity 5` predicate_3{1,3} ?x @ ?t "
            "FILTER ?t DURING 2012;");
}

TEST(ToSqlParametersTest, TimesBecomeTheirDayRange) {
  const SqlParameters sql =
      ToSqlParameters({{"s", Term::Entity("Entity 5")},
                       {"year", ValidTime::At(*Date::Parse("1970"))}});
  EXPECT_EQ(std::get<std::string>(sql.at("s")), "`Entity 5`");
  EXPECT_EQ(std::get<int64_t>(sql.at("year_begin")), 0);
  EXPECT_EQ(std::get<int64_t>(sql.at("year_end")), 365);
}

TEST(CompareRowsTest, IgnoresOrderButNotMultiplicity) {
  EXPECT_OK(CompareRows({{"a", "1"}, {"b", "2"}}, {{"b", "2"}, {"a", "1"}}));
  const absl::Status status =
      CompareRows({{"a", "1"}, {"a", "1"}}, {{"a", "1"}});
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "results differ: Almanac 2 rows, SQLite 1 rows");
  EXPECT_EQ(CompareRows({{"a"}}, {{"b"}}).message(),
            "results differ: Almanac 1 rows, SQLite 1 rows; only in Almanac: "
            "(a)");
}

TEST(ChooseArgumentsTest, FewSubjectHasThreeFactsElseTheFewestAbove) {
  // Subject, predicate, object, no time.
  const std::string two_fours =
      "A\tp\tx\t\n"
      "C\tp\tw\t\nC\tp\tx\t\nC\tp\ty\t\nC\tp\tz\t\n"
      "B\tp\tw\t\nB\tp\tx\t\nB\tp\ty\t\nB\tp\tz\t\n";
  EXPECT_EQ(FewSubject(two_fours), "B");
  const std::string three = "D\tq\tw\t\nD\tq\tx\t\nD\tq\ty\t\n";
  EXPECT_EQ(FewSubject(two_fours + three), "D");
}

TEST(SqliteBaselineTest, HoldsEveryFactOnceWithItsTime) {
  TempDir dir;
  WriteFile(dir.Sub("facts.tsv"),
            "Russia\trecognized\tIEA\t2025-07-03\tThe Hindu\n"
            "Russia\trecognized\tIEA\t2025-07-03\tThe Hindu\n"
            "Druzhba\ttroops\t70\t2018-10-21..2018-11-04\t\n"
            "Druzhba\tinstance_of\tjoint_exercise\t\t\n");
  auto db = Database::Open(dir.Sub("almanac"), Options());
  ASSERT_OK(StatusOf(db));
  ASSERT_OK(StatusOf((*db)->Import({dir.Sub("facts.tsv")}, ImportOptions())));
  auto sqlite = SqliteBaseline::Open(dir.Sub("sqlite.db"));
  ASSERT_OK(StatusOf(sqlite));
  ASSERT_OK((*sqlite)->LoadFrom(**db));
  auto rows = (*sqlite)->Query(
      "SELECT s.name, p.name, o.name, f.t, f.tb, f.te, f.source FROM facts f"
      " JOIN terms s ON s.id = f.s JOIN terms p ON p.id = f.p"
      " JOIN terms o ON o.id = f.o ORDER BY s.name, p.name",
      {});
  ASSERT_OK(StatusOf(rows));
  const TextRows expected = {
      {"Druzhba", "instance_of", "joint_exercise", "", "", "", ""},
      {"Druzhba", "troops", "70", "2018-10-21..2018-11-04", "17825", "17840",
       ""},
      {"Russia", "recognized", "IEA", "2025-07-03", "20272", "20273",
       "The Hindu"}};
  EXPECT_EQ(*rows, expected);
}

// The benchmark checks agreement at every run; this checks it on every
// build, on data small enough for a unit test.
TEST(QueryShapesTest, AlmanacAndSqliteReturnTheSameRows) {
  TempDir dir;
  EventGeneratorOptions options;
  options.facts = 20000;
  ASSERT_OK(WriteEventTsv(dir.Sub("events.tsv"), options));
  auto databases = ImportBoth(dir, dir.Sub("events.tsv"));
  ASSERT_OK(StatusOf(databases));
  Database* db = databases->almanac.get();
  SqliteBaseline* sqlite = databases->sqlite.get();
  auto arguments = ChooseArguments(*sqlite);
  ASSERT_OK(StatusOf(arguments));
  const SqlParameters sql_arguments = ToSqlParameters(*arguments);

  for (const QueryShape& shape : QueryShapes()) {
    SCOPED_TRACE(shape.name);
    auto almanac =
        db->Query(PreparableStatement(shape, *arguments), *arguments);
    ASSERT_OK(StatusOf(almanac));
    auto statement = sqlite->Prepare(shape.sql);
    ASSERT_OK(StatusOf(statement));
    auto rows = (*statement)->Execute(sql_arguments);
    ASSERT_OK(StatusOf(rows));
    EXPECT_OK(CompareRows(ToTextRows(*almanac), *rows));
    if (shape.name != "triangle") {
      EXPECT_FALSE(rows->empty());
    }
    if (shape.name == "few_row_lookup") {
      EXPECT_EQ(rows->size(), 3u);
    }

    // The text forms give the same rows as the prepared ones.
    const std::string text = InlineArguments(shape.almanac, *arguments);
    auto almanac_text = db->Query(text);
    ASSERT_OK(StatusOf(almanac_text));
    auto sqlite_text = sqlite->Query(shape.sql, sql_arguments);
    ASSERT_OK(StatusOf(sqlite_text));
    EXPECT_OK(CompareRows(ToTextRows(*almanac_text), *sqlite_text));

    // A cursor on the text form opens (parsed, bound and planned) and
    // yields the first row of the same rows.
    auto cursor = db->OpenCursor(text);
    ASSERT_OK(StatusOf(cursor));
    std::vector<Cell> first;
    auto has_row = (*cursor)->Next(&first);
    ASSERT_OK(StatusOf(has_row));
    EXPECT_EQ(*has_row, !almanac_text->rows.empty());

    // EXPLAIN plans the text form and returns no row.
    auto plan = db->Query("EXPLAIN " + text);
    ASSERT_OK(StatusOf(plan));
    EXPECT_TRUE(plan->rows.empty());
    EXPECT_FALSE(plan->plan.empty());
  }
}

}  // namespace
}  // namespace almanac
