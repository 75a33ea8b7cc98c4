// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The exploring dot commands (.stats, .predicates, .entity, .timeline,
// .sources, .dot) run by the real binary through pipes, on small databases
// each test writes with ADD, and compared with exactly what they print.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::IsEmpty;

// Two exercises Russia took part in, an alias, and facts with no source or
// no time.
constexpr char kNews[] =
    "ADD `Druzhba-III` participant Pakistan @ 2018-10-21..2018-11-04 "
    "SOURCE \"Dawn\",\n"
    "    `Druzhba-III` participant Russia @ 2018-10-21..2018-11-04 "
    "SOURCE \"Dawn\",\n"
    "    `Zapad/Interaction 2021` participant Russia @ 2021-08 "
    "SOURCE \"The Moscow Times\",\n"
    "    `Zapad/Interaction 2021` instance_of `joint military exercise` "
    "SOURCE \"The Moscow Times\",\n"
    "    `Zapad/Interaction 2021` troops 10000 @ 2021-08,\n"
    "    Russia held_exercise_with China @ 2003..,\n"
    "    Russia annexed Crimea @ 2014,\n"
    "    `Sergei Shoigu` alias \"Shoigu\",\n"
    "    `Sergei Shoigu` visited China @ 2021-08-23 SOURCE \"agencies\",\n"
    "    Taliban governs IEA @ 1996..2001;\n";

// One entity whose facts have every shape of time.
constexpr char kPhases[] =
    "ADD Exercise phase Alpha @ 2019-03-01..2019-03-05,\n"
    "    Exercise phase Beta @ 2019-03..2019-05,\n"
    "    Exercise phase Gamma @ 2019-12-30..2020-01-02,\n"
    "    Exercise phase Delta @ 2019,\n"
    "    Exercise phase Epsilon @ ..2018-06,\n"
    "    Exercise phase Zeta @ 2020..,\n"
    "    Exercise codename \"Shield\",\n"
    "    Observer watched Exercise @ 2019-03;\n";

class ExploreTest : public ::testing::Test {
 protected:
  // Runs `almanac db -c COMMANDS` in the test's directory.
  ShellRun Run(const std::string& commands) {
    return RunShell(dir_.path(), {"db", "-c", commands});
  }

  // Writes `statements` into db and expects them to succeed.
  void Load(const std::string& statements) {
    const ShellRun run = Run(statements);
    ASSERT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  }

  TempDir dir_;
};

TEST_F(ExploreTest, StatsShowTheTimeSpan) {
  Load(kNews);
  const ShellRun run = Run(".stats");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "facts 10, entities 18, literals 4, predicates 8, transactions 1\n"
            "time span 1996-01-01 .. open\n"
            "  alias                                           1 facts       1 "
            "subjects       1 objects\n"
            "  annexed                                         1 facts       1 "
            "subjects       1 objects  2014-01-01 .. 2014-12-31\n"
            "  governs                                         1 facts       1 "
            "subjects       1 objects  1996-01-01 .. 2001-12-31\n"
            "  held_exercise_with                              1 facts       1 "
            "subjects       1 objects  2003-01-01 .. open\n"
            "  instance_of                                     1 facts       1 "
            "subjects       1 objects\n"
            "  participant                                     3 facts       2 "
            "subjects       2 objects  2018-10-21 .. 2021-08-31\n"
            "  troops                                          1 facts       1 "
            "subjects       1 objects  2021-08-01 .. 2021-08-31\n"
            "  visited                                         1 facts       1 "
            "subjects       1 objects  2021-08-23 .. 2021-08-23\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(ExploreTest, StatsOfUntimedFactsHaveNoTimeSpan) {
  Load("ADD a likes b;");
  EXPECT_EQ(Run(".stats").out,
            "facts 1, entities 3, literals 0, predicates 1, transactions 1\n"
            "  likes                                           1 facts       1 "
            "subjects       1 objects\n");
}

TEST_F(ExploreTest, PredicatesWithCountsAndAnExample) {
  Load(kNews);
  const ShellRun run = Run(".predicates");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "predicate           facts  example\n"
            "alias                   1  `Sergei Shoigu` alias \"Shoigu\"\n"
            "annexed                 1  Russia annexed Crimea @ 2014\n"
            "governs                 1  Taliban governs IEA @ 1996..2001\n"
            "held_exercise_with      1  Russia held_exercise_with China @ "
            "2003..\n"
            "instance_of             1  `Zapad/Interaction 2021` instance_of "
            "`joint military exercise`\n"
            "participant             3  `Druzhba-III` participant Pakistan @ "
            "2018-10-21..2018-11-04\n"
            "troops                  1  `Zapad/Interaction 2021` troops 10000 "
            "@ 2021-08\n"
            "visited                 1  `Sergei Shoigu` visited China @ "
            "2021-08-23\n"
            "8 predicates\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(ExploreTest, PredicatesMatchingAPatternIgnoringCase) {
  Load(kNews);
  EXPECT_EQ(Run(".predicates PART").out,
            "predicate    facts  example\n"
            "participant      3  `Druzhba-III` participant Pakistan @ "
            "2018-10-21..2018-11-04\n"
            "1 predicate\n");
  EXPECT_EQ(Run(".predicates *_o*").out,
            "predicate    facts  example\n"
            "instance_of      1  `Zapad/Interaction 2021` instance_of "
            "`joint military exercise`\n"
            "1 predicate\n");
  EXPECT_EQ(Run(".predicates nosuch").out, "0 predicates\n");
}

TEST_F(ExploreTest, EntityAsSubjectAndAsObject) {
  Load(kNews);
  const ShellRun run = Run(".entity Russia");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "Russia\n"
            "as subject (2):\n"
            "  annexed             Crimea  2014\n"
            "  held_exercise_with  China   2003..\n"
            "as object (2):\n"
            "  Druzhba-III             participant  2018-10-21..2018-11-04  "
            "Dawn\n"
            "  Zapad/Interaction 2021  participant  2021-08                 "
            "The Moscow Times\n"
            "4 facts\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(ExploreTest, EntityGroupsFactsByPredicate) {
  Load(kNews);
  EXPECT_EQ(Run(".entity `Druzhba-III`").out,
            "Druzhba-III\n"
            "as subject (2):\n"
            "  participant  Pakistan  2018-10-21..2018-11-04  Dawn\n"
            "               Russia    2018-10-21..2018-11-04  Dawn\n"
            "2 facts\n");
}

TEST_F(ExploreTest, EntityNameWithSpacesBareOrQuoted) {
  Load(kNews);
  const std::string expected =
      "Zapad/Interaction 2021\n"
      "as subject (3):\n"
      "  instance_of  joint military exercise           The Moscow Times\n"
      "  participant  Russia                   2021-08  The Moscow Times\n"
      "  troops       10000                    2021-08\n"
      "3 facts\n";
  EXPECT_EQ(Run(".entity Zapad/Interaction 2021").out, expected);
  EXPECT_EQ(Run(".entity `Zapad/Interaction 2021`").out, expected);
  EXPECT_EQ(Run(".entity \"Zapad/Interaction 2021\"").out, expected);
}

TEST_F(ExploreTest, EntityByAlias) {
  Load(kNews);
  const ShellRun run = Run(".entity Shoigu");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "Sergei Shoigu (alias \"Shoigu\")\n"
            "as subject (2):\n"
            "  alias    \"Shoigu\"\n"
            "  visited  China     2021-08-23  agencies\n"
            "2 facts\n");
}

TEST_F(ExploreTest, AliasOfSeveralEntitiesIsAnError) {
  Load("ADD a alias \"x\", b alias \"x\";");
  const ShellRun run = Run(".entity x");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.err, "Error: \"x\" is an alias of several entities: a, b\n");
}

TEST_F(ExploreTest, UnknownEntitySuggestsNames) {
  Load(kNews);
  ShellRun run = Run(".entity Rusia");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_EQ(run.err, "Error: unknown entity Rusia; did you mean Russia?\n");

  run = Run(".timeline Sergei Shoygu");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.err,
            "Error: unknown entity `Sergei Shoygu`; did you mean "
            "`Sergei Shoigu`?\n");
}

TEST_F(ExploreTest, PredicateIsNotAnEntityWithFacts) {
  Load(kNews);
  const ShellRun run = Run(".entity participant");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.err,
            "Error: participant is a predicate, not the subject or object of "
            "any fact; try .predicates participant\n");
}

TEST_F(ExploreTest, ExploreCommandsCheckTheirArguments) {
  Load(kNews);
  const ShellRun run =
      Run(".entity\n.timeline\n.dot\n.sources x\n.predicates a b\n.stats x");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_EQ(run.err,
            "Error: usage: .entity NAME\n"
            "Error: usage: .timeline NAME [FROM .. TO]\n"
            "Error: usage: .dot FILE\n"
            "Error: usage: .sources\n"
            "Error: usage: .predicates [PATTERN]\n"
            "Error: usage: .stats\n");
}

TEST_F(ExploreTest, TimelineGroupsByYearAndMonth) {
  Load(kNews);
  const ShellRun run = Run(".timeline Russia");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "Russia\n"
            "2003\n"
            "       ..open      Russia                  held_exercise_with  "
            "China\n"
            "2014\n"
            "                   Russia                  annexed             "
            "Crimea\n"
            "2018\n"
            "  Oct  21..Nov 04  Druzhba-III             participant         "
            "Russia\n"
            "2021\n"
            "  Aug              Zapad/Interaction 2021  participant         "
            "Russia\n"
            "4 facts\n");
  EXPECT_THAT(run.err, IsEmpty());
}

TEST_F(ExploreTest, TimelineShowsEachTimeAsPreciseAsItWasWritten) {
  Load(kPhases);
  const ShellRun run = Run(".timeline Exercise");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "Exercise\n"
            "open start\n"
            "       ..2018 Jun       Exercise  phase     Epsilon\n"
            "2019\n"
            "                        Exercise  phase     Delta\n"
            "  Mar  01..05           Exercise  phase     Alpha\n"
            "                        Observer  watched   Exercise\n"
            "       ..May            Exercise  phase     Beta\n"
            "  Dec  30..2020 Jan 02  Exercise  phase     Gamma\n"
            "2020\n"
            "       ..open           Exercise  phase     Zeta\n"
            "undated\n"
            "                        Exercise  codename  \"Shield\"\n"
            "8 facts\n");
}

TEST_F(ExploreTest, TimelineWindowLeavesOutUndatedFacts) {
  Load(kPhases);
  EXPECT_EQ(Run(".timeline Exercise 2019-03 .. 2019-04").out,
            "Exercise, 2019-03..2019-04\n"
            "2019\n"
            "               Exercise  phase    Delta\n"
            "  Mar  01..05  Exercise  phase    Alpha\n"
            "               Observer  watched  Exercise\n"
            "       ..May   Exercise  phase    Beta\n"
            "4 facts (1 undated not shown)\n");
  EXPECT_EQ(Run(".timeline `Exercise` 2020..").out,
            "Exercise, 2020..\n"
            "2019\n"
            "  Dec  30..2020 Jan 02  Exercise  phase  Gamma\n"
            "2020\n"
            "       ..open           Exercise  phase  Zeta\n"
            "2 facts (1 undated not shown)\n");
}

TEST_F(ExploreTest, TimelineWithABadWindowIsAnError) {
  Load(kNews);
  const ShellRun run =
      Run(".timeline Russia 2020 .. 2010\n.timeline Russia 2020-13..");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_EQ(run.err,
            "Error: bad window: the interval 2020..2010 is empty: 2020 begins "
            "after 2010 ends\n"
            "Error: bad window: month 13 is out of range in \"2020-13\"\n");
}

TEST_F(ExploreTest, TimelineOfANameEndingInAYear) {
  Load(kNews);
  EXPECT_EQ(Run(".timeline Zapad/Interaction 2021").out,
            "Zapad/Interaction 2021\n"
            "2021\n"
            "  Aug  Zapad/Interaction 2021  participant  Russia\n"
            "       Zapad/Interaction 2021  troops       10000\n"
            "undated\n"
            "       Zapad/Interaction 2021  instance_of  "
            "joint military exercise\n"
            "3 facts\n");
}

TEST_F(ExploreTest, SourcesWithTheirFactsAndDates) {
  Load(kNews);
  const ShellRun run = Run(".sources");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "facts  first       last        source\n"
            "    5  1996        open        (no source)\n"
            "    2  2018-10-21  2018-11-04  Dawn\n"
            "    2  2021-08     2021-08     The Moscow Times\n"
            "    1  2021-08-23  2021-08-23  agencies\n"
            "4 sources\n");
  EXPECT_EQ(RunShell(dir_.path(), {"empty", "-c", ".sources"}).out,
            "0 sources\n");
}

TEST_F(ExploreTest, DotWritesTheLastResultAsAGraph) {
  Load(kNews);
  const ShellRun run =
      Run("FIND ?e, ?x WHERE ?e participant ?x ORDER BY ?e, ?x;\n"
          "FIND ?n WHERE ?n alias \"Shoigu\";\n"
          "ADD Pakistan borders China;\n"
          "FIND ?a, ?b WHERE ?a participant ?b LIMIT 0;\n"
          ".dot empty.dot\n"
          "FIND ?e, ?x WHERE ?e participant ?x ORDER BY ?e, ?x;\n"
          ".dot graph.dot");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out,
              ::testing::EndsWith("wrote 0 nodes and 0 edges to empty.dot\n"
                                  "e                        | x\n"
                                  "-------------------------+---------\n"
                                  "`Druzhba-III`            | Pakistan\n"
                                  "`Druzhba-III`            | Russia\n"
                                  "`Zapad/Interaction 2021` | Russia\n"
                                  "(3 rows)\n"
                                  "wrote 4 nodes and 3 edges to graph.dot\n"));
  EXPECT_EQ(ReadFile(dir_.Sub("empty.dot")),
            "digraph almanac {\n  node [shape=box];\n}\n");
  EXPECT_EQ(ReadFile(dir_.Sub("graph.dot")),
            "digraph almanac {\n"
            "  node [shape=box];\n"
            "  \"Druzhba-III\";\n"
            "  \"Pakistan\";\n"
            "  \"Russia\";\n"
            "  \"Zapad/Interaction 2021\";\n"
            "  \"Druzhba-III\" -> \"Pakistan\" "
            "[label=\"participant\\n2018-10-21..2018-11-04\"];\n"
            "  \"Druzhba-III\" -> \"Russia\" "
            "[label=\"participant\\n2018-10-21..2018-11-04\"];\n"
            "  \"Zapad/Interaction 2021\" -> \"Russia\" "
            "[label=\"participant\\n2021-08\"];\n"
            "}\n");
}

TEST_F(ExploreTest, DotEscapesQuotesAndBackslashes) {
  Load("ADD `Say \"hi\" \\\\ bye` greeted Exercise, Exercise follows a;");
  const ShellRun run =
      Run("FIND ?x, ?y WHERE ?x greeted ?y;\n.dot \"my graph.dot\"");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(ReadFile(dir_.Sub("my graph.dot")),
            "digraph almanac {\n"
            "  node [shape=box];\n"
            "  \"Say \\\"hi\\\" \\\\ bye\";\n"
            "  \"Exercise\";\n"
            "  \"Say \\\"hi\\\" \\\\ bye\" -> \"Exercise\" "
            "[label=\"greeted\"];\n"
            "}\n");
}

TEST_F(ExploreTest, DotNeedsAResult) {
  Load(kNews);
  const ShellRun run = Run(".dot graph.dot");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.err, "Error: no result to draw yet: run a FIND first\n");
  EXPECT_EQ(ReadFile(dir_.Sub("graph.dot")), "");
}

TEST_F(ExploreTest, HelpDescribesTheExploreCommands) {
  const ShellRun run = Run(".help timeline\n.help .dot");
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "usage: .timeline NAME [FROM .. TO]\n"
            "The facts about an entity in time order\n"
            "usage: .dot FILE\n"
            "Write the last result as a Graphviz graph\n");
}

}  // namespace
}  // namespace almanac
