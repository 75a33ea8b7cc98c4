// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Prepared FIND statements keep their binding and plan from one Execute to
// the next (DatabaseImpl::RunPreparedFind, FindExecution::Rerun). Each run
// here is checked against the same statement run fresh through
// Database::Query with the parameters' values written into its text.

#include <algorithm>
#include <atomic>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/database_fixture.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using ::testing::UnorderedElementsAre;

// A parameter's value; one-parameter statements name theirs in the case.
using ParamValue = std::variant<Term, ValidTime>;

ParamValue E(const char* name) { return Term::Entity(name); }
ParamValue S(const char* text) { return Term::String(text); }
ParamValue I(int64_t value) { return *Term::Integer(value); }
ParamValue T(const char* time) { return *ValidTime::Parse(time); }

std::string ToText(const ParamValue& value) {
  return std::holds_alternative<Term>(value)
             ? std::get<Term>(value).ToString()
             : std::get<ValidTime>(value).ToString();
}

// `statement` with each $name replaced by its value as a literal.
std::string WithValues(std::string_view statement,
                       const QueryParameters& parameters) {
  std::string text;
  for (size_t i = 0; i < statement.size();) {
    if (statement[i] != '$') {
      text += statement[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < statement.size() &&
           (std::isalnum(static_cast<unsigned char>(statement[end])) ||
            statement[end] == '_')) {
      ++end;
    }
    auto it =
        parameters.find(std::string(statement.substr(i + 1, end - i - 1)));
    text += it == parameters.end() ? std::string(statement.substr(i, end - i))
                                   : ToText(it->second);
    i = end;
  }
  return text;
}

// The rows of a result, each "cell | cell", or the error message.
std::vector<std::string> Lines(const absl::StatusOr<QueryResult>& result) {
  if (!result.ok()) return {absl::StrCat("error: ", result.status().message())};
  std::vector<std::string> lines;
  for (ResultRows::Row row : result->rows) {
    std::vector<std::string> cells;
    for (const Cell& cell : row) cells.push_back(cell.ToString());
    lines.push_back(absl::StrJoin(cells, " | "));
  }
  return lines;
}

std::vector<std::string> Sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The first line of an error (the statement and caret follow it).
std::string FirstLine(const absl::Status& status) {
  std::string message(status.message());
  return message.substr(0, message.find('\n'));
}

class PreparedPlanTest : public DatabaseTest {
 protected:
  void Run(std::string_view script) {
    ASSERT_OK(StatusOf(db_->Execute(script)));
  }

  // People who know each other, belong to clubs and visit places.
  void AddPeople() {
    Run("ADD A knows B, A knows C, B knows C, C knows D, D knows B, "
        "E knows F, "
        "A member Club1, B member Club1, C member Club2, F member Club1, "
        "A age 30, B age 40, C age 30, F age 25, "
        "A nickname \"Ace\", B nickname \"Bee\", "
        "A visited Paris @ 2019 SOURCE \"Diary\", "
        "A visited Rome @ 2020 SOURCE \"Blog\", "
        "B visited Paris @ 2020 SOURCE \"Diary\", C visited Oslo @ 2019;");
  }

  std::unique_ptr<PreparedStatement> Prepare(std::string_view statement) {
    absl::StatusOr<std::unique_ptr<PreparedStatement>> prepared =
        db_->Prepare(statement);
    EXPECT_OK(StatusOf(prepared));
    return prepared.ok() ? *std::move(prepared) : nullptr;
  }

  // The statement run fresh, with the values written into its text.
  std::vector<std::string> Fresh(std::string_view statement,
                                 const QueryParameters& parameters) {
    return Lines(db_->Query(WithValues(statement, parameters)));
  }

  // Runs `prepared` (of `statement`) with `parameters` and expects the rows
  // of the fresh text query, in the same order when `ordered`.
  void ExpectAsFresh(PreparedStatement& prepared, std::string_view statement,
                     const QueryParameters& parameters, bool ordered) {
    const std::string text = WithValues(statement, parameters);
    const std::vector<std::string> expected = Fresh(statement, parameters);
    ASSERT_THAT(expected, Not(ElementsAre(StartsWith("error: ")))) << text;
    const std::vector<std::string> got = Lines(prepared.Execute(parameters));
    if (ordered) {
      EXPECT_EQ(got, expected) << text;
    } else {
      EXPECT_EQ(Sorted(got), Sorted(expected)) << text;
    }
  }

  // Prepares `statement`, whose one parameter is `name`, and runs it with
  // each of `values` in turn.
  void ExpectRunsAsFresh(std::string_view statement, const std::string& name,
                         const std::vector<ParamValue>& values,
                         bool ordered = false) {
    std::unique_ptr<PreparedStatement> prepared = Prepare(statement);
    ASSERT_NE(prepared, nullptr) << statement;
    for (const ParamValue& value : values) {
      ExpectAsFresh(*prepared, statement, {{name, value}}, ordered);
    }
  }

  // The plan of `statement` with `parameters` after a run (EXPLAIN
  // ANALYZE), which says which join each AdaptiveJoin ran.
  std::string Plan(std::string_view statement,
                   const QueryParameters& parameters) {
    absl::StatusOr<QueryResult> result =
        db_->Query("EXPLAIN ANALYZE " + std::string(statement), parameters);
    return result.ok() ? result->plan : std::string(result.status().message());
  }
};

TEST_F(PreparedPlanTest, OneLookupServesSubjectAfterSubject) {
  AddPeople();
  const std::string lookup = "FIND ?p, ?o WHERE $s ?p ?o;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(lookup);
  ASSERT_NE(prepared, nullptr);
  for (const char* subject : {"A", "B", "C", "D", "E", "F", "Club1", "A"}) {
    ExpectAsFresh(*prepared, lookup, {{"s", E(subject)}}, /*ordered=*/false);
  }
  // The rows themselves, not only agreement with the text form.
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("C")}})),
              UnorderedElementsAre("knows | D", "member | Club2", "age | 30",
                                   "visited | Oslo"));
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("Club1")}})), IsEmpty());
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("E")}})),
              ElementsAre("knows | F"));
}

TEST_F(PreparedPlanTest, BadParametersGiveTheErrorsOfTheTextForm) {
  AddPeople();
  const std::string lookup = "FIND ?p, ?o WHERE $s ?p ?o;";
  const absl::Status text_error =
      db_->Query("FIND ?p, ?o WHERE Clubb1 ?p ?o;").status();
  ASSERT_FALSE(text_error.ok());
  EXPECT_THAT(FirstLine(text_error),
              StartsWith("line 1, column 19: unknown entity Clubb1; did you "
                         "mean "));
  EXPECT_THAT(FirstLine(text_error), HasSubstr("Club1"));

  std::unique_ptr<PreparedStatement> prepared = Prepare(lookup);
  ASSERT_NE(prepared, nullptr);
  // Before any plan was kept, and after one was (the rerun binds again).
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round);
    absl::StatusOr<QueryResult> bad = prepared->Execute({{"s", E("Clubb1")}});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(FirstLine(bad.status()), FirstLine(text_error));
    EXPECT_THAT(std::string(bad.status().message()),
                HasSubstr("\nFIND ?p, ?o WHERE $s ?p ?o;\n"));
    ExpectAsFresh(*prepared, lookup, {{"s", E("A")}}, /*ordered=*/false);
  }

  // No value, or a time where a term belongs: the binder's error.
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round);
    absl::StatusOr<QueryResult> missing = prepared->Execute({});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(FirstLine(missing.status()),
              "line 1, column 19: no term given for parameter $s");
    absl::StatusOr<QueryResult> time = prepared->Execute({{"s", T("2020")}});
    ASSERT_FALSE(time.ok());
    EXPECT_EQ(FirstLine(time.status()),
              "line 1, column 19: no term given for parameter $s");
    ExpectAsFresh(*prepared, lookup, {{"s", E("B")}}, /*ordered=*/false);
  }

  // A name unknown at first is found once a fact makes it known.
  absl::StatusOr<QueryResult> unknown = prepared->Execute({{"s", E("G")}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(FirstLine(unknown.status()), HasSubstr("unknown entity G"));
  Run("ADD G knows A;");
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("G")}})),
              ElementsAre("knows | A"));
}

TEST_F(PreparedPlanTest, WritesBetweenRunsAreSeen) {
  AddPeople();
  const std::string lookup = "FIND ?p, ?o WHERE $s ?p ?o;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(lookup);
  ASSERT_NE(prepared, nullptr);
  const QueryParameters e = {{"s", E("E")}};
  EXPECT_THAT(Lines(prepared->Execute(e)), ElementsAre("knows | F"));

  Run("ADD E knows A;");
  EXPECT_THAT(Lines(prepared->Execute(e)),
              UnorderedElementsAre("knows | F", "knows | A"));
  Run("RETRACT E knows F;");
  EXPECT_THAT(Lines(prepared->Execute(e)), ElementsAre("knows | A"));

  // Through the Transaction API, with a name new to the database.
  Transaction txn;
  txn.Add(Fact{Term::Entity("E"), Term::Entity("likes"), Term::Entity("Tea"),
               ValidTime(), ""});
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  EXPECT_THAT(Lines(prepared->Execute(e)),
              UnorderedElementsAre("knows | A", "likes | Tea"));

  // Through a prepared ADD and RETRACT.
  std::unique_ptr<PreparedStatement> add = Prepare("ADD $s age $n;");
  ASSERT_NE(add, nullptr);
  ASSERT_OK(StatusOf(add->Execute({{"s", E("E")}, {"n", I(61)}})));
  EXPECT_THAT(Lines(prepared->Execute(e)),
              UnorderedElementsAre("knows | A", "likes | Tea", "age | 61"));
  std::unique_ptr<PreparedStatement> retract = Prepare("RETRACT $s likes $o;");
  ASSERT_NE(retract, nullptr);
  ASSERT_OK(StatusOf(retract->Execute({{"s", E("E")}, {"o", E("Tea")}})));
  EXPECT_THAT(Lines(prepared->Execute(e)),
              UnorderedElementsAre("knows | A", "age | 61"));

  // Through an import.
  WriteFile(dir_.Sub("more.tsv"), "E\tknows\tD\t\n");
  ASSERT_OK(StatusOf(db_->Import({dir_.Sub("more.tsv")}, ImportOptions())));
  EXPECT_THAT(Lines(prepared->Execute(e)),
              UnorderedElementsAre("knows | A", "knows | D", "age | 61"));

  // Runs with other subjects in between still see the latest facts.
  ExpectAsFresh(*prepared, lookup, {{"s", E("A")}}, /*ordered=*/false);
  Run("ADD A knows E;");
  ExpectAsFresh(*prepared, lookup, {{"s", E("A")}}, /*ordered=*/false);
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("A")}})), Contains("knows | E"));
}

TEST_F(PreparedPlanTest, AliasesResolveUntilRetracted) {
  AddPeople();
  Run("ADD A alias \"Ann\";");
  const std::string known = "FIND ?o WHERE $s knows ?o;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(known);
  ASSERT_NE(prepared, nullptr);
  // First by its own name, then by the alias (a rerun of that plan).
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("A")}})),
              UnorderedElementsAre("B", "C"));
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("Ann")}})),
              UnorderedElementsAre("B", "C"));
  ExpectAsFresh(*prepared, known, {{"s", E("Ann")}}, /*ordered=*/false);

  Run("RETRACT A alias \"Ann\";");
  const absl::Status text_error =
      db_->Query("FIND ?o WHERE Ann knows ?o;").status();
  ASSERT_FALSE(text_error.ok());
  EXPECT_THAT(FirstLine(text_error), HasSubstr("unknown entity Ann"));
  absl::StatusOr<QueryResult> gone = prepared->Execute({{"s", E("Ann")}});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(FirstLine(gone.status()), FirstLine(text_error));
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("A")}})),
              UnorderedElementsAre("B", "C"));

  // And an alias added after a plan was kept is found.
  Run("ADD B alias \"Bob\";");
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("Bob")}})), ElementsAre("C"));
}

TEST_F(PreparedPlanTest, EveryOperatorRunsAgainWithOtherValues) {
  AddPeople();
  // OPTIONAL, with the parameter outside and inside the braces.
  ExpectRunsAsFresh("FIND ?y, ?c WHERE $s knows ?y OPTIONAL { ?y member ?c };",
                    "s", {E("A"), E("C"), E("A"), E("E")});
  ExpectRunsAsFresh(
      "FIND ?x, ?y WHERE ?x member Club1 OPTIONAL { ?x knows ?y . "
      "?y member $c };",
      "c", {E("Club1"), E("Club2"), E("Club1")});
  // UNION, the parameter in both branches.
  ExpectRunsAsFresh("FIND ?x WHERE { $s knows ?x } UNION { ?x knows $s };", "s",
                    {E("B"), E("C"), E("B"), E("F")});
  // NOT EXISTS, the parameter outside and inside.
  ExpectRunsAsFresh("FIND ?y WHERE $s knows ?y NOT EXISTS { ?y member ?c };",
                    "s", {E("A"), E("C"), E("A")});
  ExpectRunsAsFresh("FIND ?x WHERE ?x member Club1 NOT EXISTS { ?x knows $s };",
                    "s", {E("C"), E("B"), E("C"), E("F")});
  // A path from a parameter, and to one.
  ExpectRunsAsFresh("FIND ?y WHERE $start knows+ ?y;", "start",
                    {E("A"), E("E"), E("D"), E("A")});
  ExpectRunsAsFresh("FIND ?x WHERE ?x knows+ $end;", "end",
                    {E("B"), E("F"), E("B"), E("A")});
  ExpectRunsAsFresh("FIND ?y WHERE $start knows{0,1} ?y;", "start",
                    {E("C"), E("F"), E("C")});
  // Grouping and counting, also of no rows.
  ExpectRunsAsFresh("FIND ?p, count(*) AS n WHERE $s ?p ?o GROUP BY ?p;", "s",
                    {E("A"), E("B"), E("A")});
  ExpectRunsAsFresh("FIND count(*) WHERE $s knows ?y;", "s",
                    {E("A"), E("F"), E("A"), E("F")});
  // ORDER BY, DISTINCT, LIMIT and OFFSET.
  ExpectRunsAsFresh("FIND ?p, ?o WHERE $s ?p ?o ORDER BY ?p DESC, ?o;", "s",
                    {E("A"), E("B"), E("A")}, /*ordered=*/true);
  ExpectRunsAsFresh("FIND DISTINCT ?p WHERE $s ?p ?o;", "s",
                    {E("A"), E("B"), E("A")});
  ExpectRunsAsFresh(
      "FIND ?p, ?o WHERE $s ?p ?o ORDER BY ?p, ?o LIMIT 2 "
      "OFFSET 1;",
      "s", {E("A"), E("C"), E("A")}, /*ordered=*/true);
  ExpectRunsAsFresh("FIND ?y WHERE $s knows+ ?y ORDER BY ?y DESC LIMIT 2;", "s",
                    {E("A"), E("E"), E("A")}, /*ordered=*/true);
  // The parameter as predicate, as literal object (one never stored, which
  // matches nothing), and as SOURCE.
  ExpectRunsAsFresh("FIND ?s, ?o WHERE ?s $p ?o;", "p",
                    {E("knows"), E("member"), E("knows")});
  ExpectRunsAsFresh("FIND ?s WHERE ?s nickname $n;", "n",
                    {S("Zed"), S("Ace"), S("Zed"), S("Bee")});
  ExpectRunsAsFresh("FIND ?s WHERE ?s age $n;", "n",
                    {I(30), I(99), I(40), I(30)});
  ExpectRunsAsFresh("FIND ?s, ?o WHERE ?s visited ?o SOURCE $src;", "src",
                    {S("Diary"), S("Blog"), S("Nowhere"), S("Diary")});
}

TEST_F(PreparedPlanTest, IndexJoinsRunAgain) {
  AddPeople();
  const std::string join = "FIND ?y, ?c WHERE $s knows ?y . ?y member ?c;";
  EXPECT_THAT(Plan(join, {{"s", E("A")}}), HasSubstr("ran IndexJoin"));
  // Repeated values rerun the kept plan; changed ones plan again.
  ExpectRunsAsFresh(join, "s",
                    {E("A"), E("B"), E("A"), E("A"), E("C"), E("C"), E("B")});
  EXPECT_THAT(Lines(Prepare(join)->Execute({{"s", E("A")}})),
              UnorderedElementsAre("B | Club1", "C | Club2"));
}

TEST_F(PreparedPlanTest, HashJoinsRunAgain) {
  // As in join_test.cc: 300 nodes in a chain, each tagged one of 5 tags,
  // and the chain again backwards.
  Transaction txn;
  const auto node = [](int i) { return Term::Entity(absl::StrCat("N", i)); };
  for (int i = 0; i < 300; ++i) {
    txn.Add(
        Fact{node(i), Term::Entity("linked"), node(i + 1), ValidTime(), ""});
    txn.Add(
        Fact{node(i + 1), Term::Entity("follows"), node(i), ValidTime(), ""});
    txn.Add(Fact{node(i), Term::Entity("tagged"),
                 Term::Entity(absl::StrCat("T", i % 5)), ValidTime(), ""});
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  const std::string join =
      "FIND ?t, count(*) AS n WHERE ?a $p ?b . ?b tagged ?t GROUP BY ?t;";
  EXPECT_THAT(Plan(join, {{"p", E("linked")}}), HasSubstr("ran HashJoin"));
  EXPECT_THAT(Plan(join, {{"p", E("follows")}}), HasSubstr("ran HashJoin"));
  ExpectRunsAsFresh(join, "p",
                    {E("linked"), E("follows"), E("linked"), E("linked"),
                     E("follows"), E("follows")});
  // ?b is N1..N300 for `linked`: N0 (T0) is not among them, N300 has no
  // tag.
  std::unique_ptr<PreparedStatement> prepared = Prepare(join);
  ASSERT_NE(prepared, nullptr);
  for (int run = 0; run < 2; ++run) {
    EXPECT_THAT(Lines(prepared->Execute({{"p", E("linked")}})),
                UnorderedElementsAre("T0 | 59", "T1 | 60", "T2 | 60", "T3 | 60",
                                     "T4 | 60"));
  }
  // A LIMIT stops the hash join while it still holds input rows it read
  // before choosing; the next run starts from the first row again.
  const std::string limited =
      "FIND ?a, ?t WHERE ?a $p ?b . ?b tagged ?t LIMIT 5;";
  EXPECT_THAT(Plan(limited, {{"p", E("linked")}}), HasSubstr("ran HashJoin"));
  ExpectRunsAsFresh(
      limited, "p",
      {E("linked"), E("linked"), E("follows"), E("follows"), E("linked")},
      /*ordered=*/true);
}

TEST_F(PreparedPlanTest, ALimitThatStoppedEarlyStartsOverOnTheNextRun) {
  AddPeople();
  // Scans yield facts in index order, so these rows are the same each time
  // even without ORDER BY.
  for (const char* statement :
       {"FIND ?p, ?o WHERE $s ?p ?o LIMIT 2;",
        "FIND ?p, ?o WHERE $s ?p ?o LIMIT 1 OFFSET 2;",
        "FIND ?y WHERE $s knows+ ?y ORDER BY ?y LIMIT 1;",
        "FIND ?y, ?c WHERE $s knows ?y OPTIONAL { ?y member ?c } LIMIT 1;"}) {
    SCOPED_TRACE(statement);
    std::unique_ptr<PreparedStatement> prepared = Prepare(statement);
    ASSERT_NE(prepared, nullptr);
    const QueryParameters a = {{"s", E("A")}};
    const std::vector<std::string> first = Lines(prepared->Execute(a));
    EXPECT_EQ(first, Fresh(statement, a));
    EXPECT_THAT(first, Not(IsEmpty()));
    // The same rows again, not the ones after them.
    EXPECT_EQ(Lines(prepared->Execute(a)), first);
    ExpectAsFresh(*prepared, statement, {{"s", E("B")}}, /*ordered=*/true);
    EXPECT_EQ(Lines(prepared->Execute(a)), first);
  }
  // A path's rows come in no defined order: a limit leaves some of them
  // unread; the next run has its own.
  std::unique_ptr<PreparedStatement> path =
      Prepare("FIND ?y WHERE $s knows+ ?y LIMIT 2;");
  ASSERT_NE(path, nullptr);
  for (const char* s : {"A", "A", "E", "A", "D"}) {
    SCOPED_TRACE(s);
    const std::vector<std::string> all_reached =
        Fresh("FIND ?y WHERE $s knows+ ?y;", {{"s", E(s)}});
    const std::vector<std::string> got = Lines(path->Execute({{"s", E(s)}}));
    EXPECT_EQ(got.size(), std::min<size_t>(2, all_reached.size()));
    EXPECT_THAT(got, ::testing::IsSubsetOf(all_reached));
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()).size(), got.size());
  }
  // Without the limit, everything after the limited runs.
  const std::string all = "FIND ?p, ?o WHERE $s ?p ?o;";
  std::unique_ptr<PreparedStatement> limited =
      Prepare("FIND ?p, ?o WHERE $s ?p ?o LIMIT 1;");
  ASSERT_NE(limited, nullptr);
  std::unique_ptr<PreparedStatement> full = Prepare(all);
  ASSERT_NE(full, nullptr);
  for (int run = 0; run < 3; ++run) {
    EXPECT_EQ(Lines(limited->Execute({{"s", E("A")}})).size(), 1u);
    ExpectAsFresh(*full, all, {{"s", E("A")}}, /*ordered=*/true);
  }
}

TEST_F(PreparedPlanTest, ParametersOutsidePatternTermsFollowTheirValues) {
  AddPeople();
  // After '@'.
  ExpectRunsAsFresh("FIND ?x WHERE ?x visited ?y @ $t;", "t",
                    {T("2019"), T("2020"), T("2019"), T("2021")});
  // In FILTER.
  ExpectRunsAsFresh("FIND ?x, ?n WHERE ?x age ?n FILTER ?n > $min;", "min",
                    {I(26), I(35), I(26), I(10)});
  ExpectRunsAsFresh(
      "FIND ?x, ?y WHERE ?x visited ?y @ ?t FILTER ?t AFTER "
      "$when;",
      "when", {T("2019"), T("2018"), T("2019")});
  // In a pattern and in FILTER at once.
  ExpectRunsAsFresh("FIND ?y WHERE $s knows+ ?y FILTER ?y != $s;", "s",
                    {E("D"), E("A"), E("D")});
  // Both kinds in one statement.
  const std::string both = "FIND ?y WHERE $s visited ?y @ $t;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(both);
  ASSERT_NE(prepared, nullptr);
  for (const auto& [s, t] : std::vector<std::pair<const char*, const char*>>{
           {"A", "2019"}, {"A", "2020"}, {"B", "2020"}, {"A", "2019"}}) {
    ExpectAsFresh(*prepared, both, {{"s", E(s)}, {"t", T(t)}},
                  /*ordered=*/false);
  }
  EXPECT_THAT(Lines(prepared->Execute({{"s", E("A")}, {"t", T("2020")}})),
              ElementsAre("Rome"));
}

// ORDER BY ?t needs no Sort over an entity's time-ordered index; a literal
// object is read from osp instead, by subject, and must still be sorted
// when the kept plan runs with one.
TEST_F(PreparedPlanTest, OrderByTimeHoldsWhicheverIndexTheValueReads) {
  Run("ADD Z1 scored 7 @ 2003, Z2 scored 7 @ 2001, Z3 scored 7 @ 2002, "
      "Z1 met Q @ 2003, Z2 met Q @ 2001, Z3 met Q @ 2002;");
  const std::string by_time =
      "FIND ?s, ?t WHERE ?s ?p $o @ ?t FILTER ?t AFTER 2000 ORDER BY ?t;";
  ExpectRunsAsFresh(by_time, "o", {E("Q"), I(7), E("Q"), I(7)},
                    /*ordered=*/true);
  std::unique_ptr<PreparedStatement> prepared = Prepare(by_time);
  ASSERT_NE(prepared, nullptr);
  EXPECT_THAT(Lines(prepared->Execute({{"o", E("Q")}})),
              ElementsAre("Z2 | 2001", "Z3 | 2002", "Z1 | 2003"));
  EXPECT_THAT(Lines(prepared->Execute({{"o", I(7)}})),
              ElementsAre("Z2 | 2001", "Z3 | 2002", "Z1 | 2003"));
}

// An empty time (ValidTime(), no date) satisfies no relation: the FILTER
// is false for every fact, however the scan below it is bounded.
TEST_F(PreparedPlanTest, AnEmptyTimeParameterSatisfiesNoRelation) {
  AddPeople();
  // Each relation with a time some facts meet.
  for (const auto& [relation, met] :
       std::vector<std::pair<const char*, const char*>>{
           {"BEFORE", "2021"},
           {"AFTER", "2018"},
           {"DURING", "2019"},
           {"OVERLAPS", "2019"},
           {"CONTAINS", "2019-06-01"}}) {
    const std::string text = absl::StrCat(
        "FIND ?x, ?y WHERE ?x visited ?y @ ?t FILTER ?t ", relation, " $when;");
    EXPECT_THAT(Lines(db_->Query(text, {{"when", ValidTime()}})), IsEmpty())
        << text;
    std::unique_ptr<PreparedStatement> prepared = Prepare(text);
    ASSERT_NE(prepared, nullptr);
    EXPECT_THAT(Lines(prepared->Execute({{"when", T(met)}})), Not(IsEmpty()))
        << text;
    EXPECT_THAT(Lines(prepared->Execute({{"when", ValidTime()}})), IsEmpty())
        << text;
  }
}

TEST_F(PreparedPlanTest, CursorsAreUnaffectedByTheKeptPlan) {
  AddPeople();
  std::unique_ptr<PreparedStatement> prepared =
      Prepare("FIND ?p, ?o WHERE $s ?p ?o;");
  ASSERT_NE(prepared, nullptr);
  const auto drain = [](QueryCursor& cursor) {
    std::vector<std::string> lines;
    std::vector<Cell> row;
    while (true) {
      absl::StatusOr<bool> more = cursor.Next(&row);
      if (!more.ok()) {
        lines.push_back(absl::StrCat("error: ", more.status().message()));
        break;
      }
      if (!*more) break;
      std::vector<std::string> cells;
      for (const Cell& cell : row) cells.push_back(cell.ToString());
      lines.push_back(absl::StrJoin(cells, " | "));
    }
    return lines;
  };
  const QueryParameters a = {{"s", E("A")}};
  const QueryParameters b = {{"s", E("B")}};
  const std::vector<std::string> a_rows = Lines(prepared->Execute(a));
  const std::vector<std::string> b_rows = Lines(prepared->Execute(b));
  ASSERT_EQ(a_rows.size(), 7u);

  absl::StatusOr<std::unique_ptr<QueryCursor>> cursor = prepared->OpenCursor(a);
  ASSERT_OK(StatusOf(cursor));
  EXPECT_EQ(drain(**cursor), a_rows);

  // A cursor half read while the statement executes with other values.
  cursor = prepared->OpenCursor(a);
  ASSERT_OK(StatusOf(cursor));
  std::vector<Cell> row;
  ASSERT_TRUE(*(*cursor)->Next(&row));
  EXPECT_EQ(Lines(prepared->Execute(b)), b_rows);
  EXPECT_EQ(Lines(prepared->Execute(b)), b_rows);
  std::vector<std::string> rest = drain(**cursor);
  EXPECT_EQ(rest.size(), a_rows.size() - 1);
  EXPECT_TRUE(std::equal(rest.begin(), rest.end(), a_rows.begin() + 1));
  EXPECT_EQ(Lines(prepared->Execute(a)), a_rows);
}

TEST_F(PreparedPlanTest, ThreadsShareAPreparedStatement) {
  AddPeople();
  const std::string lookup = "FIND ?p, ?o WHERE $s ?p ?o;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(lookup);
  ASSERT_NE(prepared, nullptr);
  const std::vector<std::vector<const char*>> subjects = {{"A", "B"},
                                                          {"C", "F"}};
  std::map<std::string, std::vector<std::string>> expected;
  for (const auto& pair : subjects) {
    for (const char* s : pair) {
      expected[s] = Sorted(Fresh(lookup, {{"s", E(s)}}));
      ASSERT_THAT(expected[s], Not(IsEmpty()));
    }
  }
  std::mutex mutex;
  std::vector<std::string> wrong;  // Guarded by mutex.
  std::vector<std::thread> threads;
  for (const auto& pair : subjects) {
    threads.emplace_back([&, pair] {
      for (int i = 0; i < 200; ++i) {
        const char* s = pair[i % 2];
        std::vector<std::string> got =
            Sorted(Lines(prepared->Execute({{"s", E(s)}})));
        if (got != expected[s]) {
          std::lock_guard<std::mutex> lock(mutex);
          wrong.push_back(absl::StrCat("run ", i, " $s=", s, ": ",
                                       absl::StrJoin(got, ", ")));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(wrong, IsEmpty());
  // And the statement still runs alone afterwards.
  ExpectAsFresh(*prepared, lookup, {{"s", E("D")}}, /*ordered=*/false);
}

TEST_F(PreparedPlanTest, AnInterruptBeforeARunDoesNotCancelTheRerun) {
  AddPeople();
  const std::string lookup = "FIND ?p, ?o WHERE $s ?p ?o;";
  std::unique_ptr<PreparedStatement> prepared = Prepare(lookup);
  ASSERT_NE(prepared, nullptr);
  ExpectAsFresh(*prepared, lookup, {{"s", E("A")}}, /*ordered=*/false);
  // Only statements running at the time stop; the kept plan starts anew.
  db_->Interrupt();
  ExpectAsFresh(*prepared, lookup, {{"s", E("B")}}, /*ordered=*/false);
  ExpectAsFresh(*prepared, lookup, {{"s", E("A")}}, /*ordered=*/false);
}

TEST_F(PreparedPlanTest, PreparedExplainAnalyzeCountsRows) {
  AddPeople();
  std::unique_ptr<PreparedStatement> analyze =
      Prepare("EXPLAIN ANALYZE FIND ?y WHERE $s knows ?y;");
  ASSERT_NE(analyze, nullptr);
  for (const auto& [s, rows] : std::vector<std::pair<const char*, int>>{
           {"A", 2}, {"E", 1}, {"A", 2}, {"F", 0}}) {
    SCOPED_TRACE(s);
    absl::StatusOr<QueryResult> result = analyze->Execute({{"s", E(s)}});
    ASSERT_OK(StatusOf(result));
    EXPECT_EQ(result->rows.size(), static_cast<size_t>(rows));
    EXPECT_THAT(result->plan,
                HasSubstr(absl::StrCat("(actual rows ", rows, ",")));
    EXPECT_THAT(result->plan, HasSubstr("IndexScan spo $s knows ?y"));
  }
  // EXPLAIN alone runs nothing and measures nothing.
  std::unique_ptr<PreparedStatement> explain =
      Prepare("EXPLAIN FIND ?y WHERE $s knows ?y;");
  ASSERT_NE(explain, nullptr);
  absl::StatusOr<QueryResult> plan = explain->Execute({{"s", E("A")}});
  ASSERT_OK(StatusOf(plan));
  EXPECT_THAT(plan->rows, IsEmpty());
  EXPECT_THAT(plan->plan, Not(HasSubstr("actual rows")));
  EXPECT_THAT(plan->plan, HasSubstr("estimated rows"));
}

}  // namespace
}  // namespace almanac
