// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Statements through Database::Query and Execute: paths, parameters,
// transactions, EXPLAIN. Results are rendered as "cell | cell" lines.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/database_fixture.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class QueryTest : public DatabaseTest {
 protected:
  // Runs a script, expecting success.
  void Run(std::string_view script) {
    absl::StatusOr<std::vector<QueryResult>> results = db_->Execute(script);
    ASSERT_OK(StatusOf(results));
  }

  // The rows of one FIND, each "cell | cell".
  std::vector<std::string> Rows(std::string_view statement,
                                const QueryParameters& parameters = {}) {
    absl::StatusOr<QueryResult> result = db_->Query(statement, parameters);
    if (!result.ok()) return {std::string(result.status().message())};
    std::vector<std::string> rows;
    for (ResultRows::Row row : result->rows) {
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) line += " | ";
        line += row[i].ToString();
      }
      rows.push_back(line);
    }
    return rows;
  }

  std::string Error(std::string_view script) {
    absl::StatusOr<std::vector<QueryResult>> results = db_->Execute(script);
    return results.ok() ? "no error" : std::string(results.status().message());
  }
};

TEST_F(QueryTest, RepeatedPredicatesFollowPaths) {
  Run("ADD A allied_with B, B allied_with C, C allied_with A, "
      "C allied_with D, D hosts E;");
  EXPECT_THAT(Rows("FIND ?y WHERE A allied_with+ ?y ORDER BY ?y;"),
              ElementsAre("A", "B", "C", "D"));
  EXPECT_THAT(Rows("FIND ?y WHERE D allied_with+ ?y;"), IsEmpty());
  EXPECT_THAT(Rows("FIND ?y WHERE D allied_with* ?y;"), ElementsAre("D"));
  EXPECT_THAT(Rows("FIND ?x WHERE ?x allied_with+ ?x ORDER BY ?x;"),
              ElementsAre("A", "B", "C"));
  EXPECT_THAT(Rows("FIND ?x WHERE ?x allied_with* D ORDER BY ?x;"),
              ElementsAre("A", "B", "C", "D"));
  EXPECT_THAT(Rows("FIND ?x, ?y WHERE ?x allied_with{2,2} ?y ORDER BY ?x, ?y;"),
              ElementsAre("A | C", "B | A", "B | D", "C | B"));
  EXPECT_THAT(Rows("FIND ?y WHERE A allied_with{0,1} ?y ORDER BY ?y;"),
              ElementsAre("A", "B"));
  // A path joins like any pattern.
  EXPECT_THAT(Rows("FIND ?z WHERE A allied_with+ ?y . ?y hosts ?z;"),
              ElementsAre("E"));
  // Zero steps lead from a node of the predicate to itself, and from no
  // other name, whichever end the walk starts from. (That the rows do not
  // depend on the order the patterns run in, the differential test checks
  // with join ordering off.)
  EXPECT_THAT(Rows("FIND ?y WHERE E allied_with* ?y;"), IsEmpty());
  EXPECT_THAT(Rows("FIND ?x WHERE ?x allied_with{0,1} E;"), IsEmpty());
  EXPECT_THAT(Rows("FIND ?y WHERE D hosts ?y . ?y allied_with* ?y;"),
              IsEmpty());
  EXPECT_THAT(Rows("FIND ?y WHERE ?y allied_with* ?y . D hosts ?y;"),
              IsEmpty());
  EXPECT_THAT(Rows("FIND ?y WHERE C allied_with ?y . ?y allied_with* ?y "
                   "ORDER BY ?y;"),
              ElementsAre("A", "D"));
  // EXPLAIN writes the repeat as it was written.
  for (const char* repeat : {"+", "*", "{2,}", "{0,3}"}) {
    absl::StatusOr<QueryResult> plan = db_->Query(
        absl::StrCat("EXPLAIN FIND ?y WHERE A allied_with", repeat, " ?y;"));
    ASSERT_OK(StatusOf(plan));
    EXPECT_THAT(plan->plan,
                HasSubstr(absl::StrCat("Path A allied_with", repeat, " ?y")));
  }
}

// Walks over a graph of 1,000 nodes and 2,000 edges find what a
// breadth-first walk finds, nearest first, forwards and backwards.
TEST_F(QueryTest, LongWalksFindWhatABreadthFirstWalkFinds) {
  constexpr int kNodes = 1000;
  std::vector<std::vector<int>> forward(kNodes), backward(kNodes);
  Transaction txn;
  for (int i = 0; i < kNodes; ++i) {
    for (int to : {(i * 7 + 1) % kNodes, (i * 13 + 5) % kNodes}) {
      txn.Add(Fact{Term::Entity(absl::StrCat("N", i)), Term::Entity("link"),
                   Term::Entity(absl::StrCat("N", to)), ValidTime(), ""});
      forward[i].push_back(to);
      backward[to].push_back(i);
    }
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  // The distance of each node from node 0, over up to `max` steps.
  const auto distances = [](const std::vector<std::vector<int>>& edges,
                            int max) {
    std::map<std::string, int> distance;
    std::vector<int> frontier = {0};
    std::set<int> seen;
    for (int step = 1; step <= max && !frontier.empty(); ++step) {
      std::vector<int> next;
      for (int node : frontier) {
        for (int to : edges[node]) {
          if (!seen.insert(to).second) continue;
          distance[absl::StrCat("N", to)] = step;
          next.push_back(to);
        }
      }
      frontier = next;
    }
    return distance;
  };
  const auto check = [&](const std::string& query,
                         const std::map<std::string, int>& expected) {
    SCOPED_TRACE(query);
    const std::vector<std::string> rows = Rows(query);
    std::map<std::string, int> found;
    int last = 0;
    for (const std::string& row : rows) {
      ASSERT_TRUE(expected.contains(row)) << row;
      EXPECT_GE(expected.at(row), last) << row << " after a farther node";
      last = expected.at(row);
      found[row] = last;
    }
    EXPECT_EQ(found, expected);
  };
  check("FIND ?y WHERE N0 link{1,6} ?y;", distances(forward, 6));
  check("FIND ?y WHERE N0 link+ ?y;", distances(forward, kNodes));
  check("FIND ?x WHERE ?x link{1,5} N0;", distances(backward, 5));
  EXPECT_EQ(distances(forward, kNodes).size(), static_cast<size_t>(kNodes));
}

// A level of a walk with hundreds of nodes is stepped on several threads
// (PathJoin::kMinNodesPerThread): the rows, and their order, are those of
// one thread. 4,000 nodes with three links each, so that the levels from
// node 0 grow past 500 nodes by the sixth step. (Taking the chunks of a
// level in reverse makes this test fail: the levels are split.)
TEST_F(QueryTest, WalksOnSeveralThreadsGiveTheRowsOfOne) {
  constexpr int kNodes = 4000;
  Transaction txn;
  for (int i = 0; i < kNodes; ++i) {
    for (int to :
         {(i * 3 + 1) % kNodes, (i * 3 + 2) % kNodes, (i * 7 + 3) % kNodes}) {
      txn.Add(Fact{Term::Entity(absl::StrCat("N", i)), Term::Entity("link"),
                   Term::Entity(absl::StrCat("N", to)), ValidTime(), ""});
    }
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  const std::vector<std::string> queries = {
      "FIND ?y WHERE N0 link{1,9} ?y;",
      "FIND ?y WHERE N0 link+ ?y;",
      "FIND ?x WHERE ?x link* N0;",
      "FIND ?y WHERE N5 link{7,8} ?y;",
  };
  // The rows of each query with the database allowed `threads` a query.
  const auto rows_with = [&](int threads) {
    db_.reset();
    Options options;
    options.query_threads = threads;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), options);
    EXPECT_OK(StatusOf(db));
    std::vector<std::vector<std::string>> rows;
    if (!db.ok()) return rows;
    db_ = *std::move(db);
    for (const std::string& query : queries) rows.push_back(Rows(query));
    return rows;
  };
  const std::vector<std::vector<std::string>> one = rows_with(1);
  const std::vector<std::vector<std::string>> three = rows_with(3);
  ASSERT_EQ(one.size(), queries.size());
  for (size_t i = 0; i < queries.size(); ++i) {
    SCOPED_TRACE(queries[i]);
    EXPECT_GT(one[i].size(), 1000u);
    EXPECT_EQ(three[i], one[i]);
  }
}

TEST_F(QueryTest, ParametersTakeTermsAndTimes) {
  Run("ADD Russia recognized IEA @ 2025-07-03, "
      "Taliban recognized `Chechen Republic of Ichkeria` @ 2000;");
  EXPECT_THAT(Rows("FIND ?who WHERE ?who recognized $state;",
                   {{"state", Term::Entity("IEA")}}),
              ElementsAre("Russia"));
  EXPECT_THAT(Rows("FIND ?who WHERE ?who recognized ?x @ ?t "
                   "FILTER ?t AFTER $when;",
                   {{"when", *ValidTime::Parse("2010")}}),
              ElementsAre("Russia"));
  EXPECT_THAT(Rows("FIND ?who WHERE ?who recognized $state;"),
              ElementsAre(StartsWith("line 1, column 33: no term given for "
                                     "parameter $state")));
}

TEST_F(QueryTest, BeginCommitIsOneTransaction) {
  absl::StatusOr<std::vector<QueryResult>> results =
      db_->Execute("BEGIN; ADD A p B; ADD C p D; RETRACT A p B; COMMIT;");
  ASSERT_OK(StatusOf(results));
  ASSERT_EQ(results->size(), 5u);
  EXPECT_EQ(results->back().added, 1u);
  EXPECT_EQ(results->back().tx, 1u);
  EXPECT_THAT(Rows("FIND ?s, ?o WHERE ?s p ?o;"), ElementsAre("C | D"));
}

TEST_F(QueryTest, AFailingScriptLeavesItsOpenTransactionUnwritten) {
  EXPECT_THAT(Error("BEGIN; ADD A p B; FIND ?x WHERE Nobody p ?x; COMMIT;"),
              StartsWith("line 1, column 33: unknown entity Nobody"));
  EXPECT_THAT(Rows("FIND count(*) WHERE ?s ?p ?o;"), ElementsAre("0"));
  EXPECT_THAT(Error("BEGIN; ADD A p B;"), HasSubstr("without COMMIT"));
  EXPECT_THAT(Rows("FIND count(*) WHERE ?s ?p ?o;"), ElementsAre("0"));
  Run("BEGIN; ADD A p B; ROLLBACK;");
  EXPECT_THAT(Rows("FIND count(*) WHERE ?s ?p ?o;"), ElementsAre("0"));
  EXPECT_EQ(Error("COMMIT;"),
            "line 1, column 1: COMMIT without BEGIN\nCOMMIT;\n^");
}

TEST_F(QueryTest, ExplainNamesTheIndexOfEveryScan) {
  Run("ADD A visited B @ 2014-03-07, B hosted C @ 2014-03-08;");
  absl::StatusOr<QueryResult> plan =
      db_->Query("EXPLAIN FIND ?a, ?c WHERE ?a visited ?b . ?b hosted ?c;");
  ASSERT_OK(StatusOf(plan));
  EXPECT_THAT(plan->rows, IsEmpty());
  EXPECT_THAT(plan->plan, HasSubstr("IndexScan pos ?"));
  EXPECT_THAT(plan->plan, HasSubstr("IndexJoin "));
  EXPECT_THAT(plan->plan, HasSubstr("estimated rows"));

  absl::StatusOr<QueryResult> analyzed = db_->Query(
      "EXPLAIN ANALYZE FIND ?x WHERE A visited ?x @ ?t "
      "FILTER ?t DURING 2014-03;");
  ASSERT_OK(StatusOf(analyzed));
  EXPECT_EQ(analyzed->rows.size(), 1u);
  EXPECT_THAT(analyzed->plan, HasSubstr("actual rows 1"));
  EXPECT_THAT(analyzed->plan, HasSubstr("[begin 2014-03-01"));

  absl::StatusOr<QueryResult> json =
      db_->Query("EXPLAIN (FORMAT JSON) FIND ?x WHERE A visited ?x;");
  ASSERT_OK(StatusOf(json));
  EXPECT_THAT(json->plan, StartsWith("{\"operator\": \"Project x\""));
}

TEST_F(QueryTest, TimeWindowIsPushedIntoTheTimeOrderedIndex) {
  Run("ADD A visited B @ 2013-12-31, A visited C @ 2014-01-01, "
      "A visited D @ 2014-06, A visited E @ 2015;");
  absl::StatusOr<QueryResult> plan = db_->Query(
      "EXPLAIN ANALYZE FIND ?x WHERE ?s visited ?x @ ?t "
      "FILTER ?t DURING 2014 ORDER BY ?x;");
  ASSERT_OK(StatusOf(plan));
  // Only the two facts of 2014 are read from predicate_time.
  EXPECT_THAT(plan->plan,
              HasSubstr("IndexScan predicate_time ?s visited ?x @ ?t"));
  EXPECT_THAT(plan->plan, HasSubstr("(actual rows 2,"));
  EXPECT_THAT(Rows("FIND ?x WHERE ?s visited ?x @ ?t FILTER ?t DURING 2014 "
                   "ORDER BY ?x;"),
              ElementsAre("C", "D"));
}

TEST_F(QueryTest, PreparedStatementsRunWithNewParameters) {
  absl::StatusOr<std::unique_ptr<PreparedStatement>> add =
      db_->Prepare("ADD $who recognized IEA @ $when SOURCE $source;");
  ASSERT_OK(StatusOf(add));
  ASSERT_OK(StatusOf((*add)->Execute({{"who", Term::Entity("Russia")},
                                      {"when", *ValidTime::Parse("2025-07-03")},
                                      {"source", Term::String("The Hindu")}})));
  ASSERT_OK(StatusOf((*add)->Execute({{"who", Term::Entity("China")},
                                      {"when", *ValidTime::Parse("2026")},
                                      {"source", Term::String("A guess")}})));
  absl::StatusOr<std::unique_ptr<PreparedStatement>> find =
      db_->Prepare("FIND ?when WHERE $who recognized IEA @ ?when;");
  ASSERT_OK(StatusOf(find));
  for (const auto& [who, when] :
       {std::pair{"Russia", "2025-07-03"}, std::pair{"China", "2026"}}) {
    absl::StatusOr<QueryResult> result =
        (*find)->Execute({{"who", Term::Entity(who)}});
    ASSERT_OK(StatusOf(result));
    ASSERT_EQ(result->rows.size(), 1u) << who;
    EXPECT_EQ(result->rows[0][0].ToString(), when);
  }
  EXPECT_FALSE(db_->Prepare("BEGIN;").ok());
  EXPECT_FALSE(
      db_->Prepare("FIND ?x WHERE ?x p ?y; FIND ?x WHERE ?x q ?y;").ok());
}

// Database::Query keeps the FIND texts it ran as prepared statements: the
// same text again must still see the database as it is then.
TEST_F(QueryTest, RepeatedTextSeesWritesBetweenRuns) {
  Run("ADD A met B;");
  const std::string find = "FIND ?x WHERE A met ?x ORDER BY ?x;";
  EXPECT_THAT(Rows(find), ElementsAre("B"));
  Run("ADD A met C;");
  EXPECT_THAT(Rows(find), ElementsAre("B", "C"));
  Run("RETRACT A met B;");
  EXPECT_THAT(Rows(find), ElementsAre("C"));
}

TEST_F(QueryTest, RepeatedTextTakesNewParameters) {
  Run("ADD A met B, C met D;");
  const std::string find = "FIND ?x WHERE $who met ?x;";
  EXPECT_THAT(Rows(find, {{"who", Term::Entity("A")}}), ElementsAre("B"));
  EXPECT_THAT(Rows(find, {{"who", Term::Entity("C")}}), ElementsAre("D"));
  EXPECT_THAT(Rows(find, {{"who", Term::Entity("Z")}}),
              ElementsAre(StartsWith("line 1, column 15: unknown entity Z")));
  EXPECT_THAT(Rows(find), ElementsAre(HasSubstr("no term given for "
                                                "parameter $who")));
  EXPECT_THAT(Rows(find, {{"who", Term::Entity("A")}}), ElementsAre("B"));
}

TEST_F(QueryTest, RepeatedTextWithAnUnknownNameFailsUntilTheNameExists) {
  const std::string find = "FIND ?x WHERE Nobody met ?x;";
  EXPECT_THAT(Rows(find), ElementsAre(HasSubstr("unknown entity Nobody")));
  EXPECT_THAT(Rows(find), ElementsAre(HasSubstr("unknown entity Nobody")));
  Run("ADD Nobody met Someone;");
  EXPECT_THAT(Rows(find), ElementsAre("Someone"));
}

TEST_F(QueryTest, ManyDistinctTextsThenTheFirstAgain) {
  Run("ADD A met B;");
  for (int i = 0; i < 150; ++i) {
    EXPECT_THAT(Rows(absl::StrCat("FIND ?x WHERE A met ?x LIMIT ", i + 1, ";")),
                ElementsAre("B"));
  }
  Run("ADD A met C;");
  EXPECT_THAT(Rows("FIND ?x WHERE A met ?x LIMIT 1;"), ElementsAre("B"));
  EXPECT_THAT(Rows("FIND ?x WHERE A met ?x LIMIT 150;"), ElementsAre("B", "C"));
}

TEST_F(QueryTest, QueryOfSeveralStatementsRunsNone) {
  EXPECT_THAT(Rows("ADD A met B; ADD A met C;"),
              ElementsAre(HasSubstr("Query takes one statement, got 2")));
  // Nothing was written: `met` was never stored.
  EXPECT_THAT(Rows("FIND ?x WHERE ?s met ?x;"),
              ElementsAre(HasSubstr("unknown entity met")));
}

}  // namespace
}  // namespace almanac
