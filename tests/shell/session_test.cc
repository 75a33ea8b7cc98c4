// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The shell's output formats, command-line modes, exports and session
// commands, through the real binary with pipes: exact output, exit status,
// and what goes to stdout and what to stderr.

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kNews[] =
    "subject\tpredicate\tobject\ttime\tsource\n"
    "Russia\trecognized\tIslamic Emirate of Afghanistan\t2025-07-03\tThe "
    "Hindu\n"
    "Russia\tsigned\tPakistan\t2018-08-07\n"
    "China\tvisited\tRussia\t2019\n";

constexpr char kWho[] =
    "FIND ?who, ?what, ?when WHERE ?who ?p ?what @ ?when ORDER BY ?when;";

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Sub("news.tsv"), kNews);
    ASSERT_EQ(Run({"import", "db", "news.tsv"}).exit_code, 0);
  }

  ShellRun Run(const std::vector<std::string>& args,
               std::string_view input = "") {
    return RunShell(dir_.path(), args, input);
  }

  // Runs `commands` on db with -c and returns what it printed, expecting
  // success and nothing on stderr.
  std::string Output(const std::string& commands,
                     std::vector<std::string> options = {}) {
    std::vector<std::string> args = {"db", "-c", commands};
    args.insert(args.end(), options.begin(), options.end());
    const ShellRun run = Run(args);
    EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
    EXPECT_THAT(run.err, IsEmpty());
    return run.out;
  }

  TempDir dir_;
};

TEST_F(SessionTest, PipedOutputIsThePlainTable) {
  EXPECT_EQ(Output(kWho),
            "who    | what                             | when\n"
            "-------+----------------------------------+-----------\n"
            "Russia | Pakistan                         | 2018-08-07\n"
            "China  | Russia                           | 2019\n"
            "Russia | `Islamic Emirate of Afghanistan` | 2025-07-03\n"
            "(3 rows)\n");
}

TEST_F(SessionTest, TransactionSpansStatementsTypedOneByOne) {
  const ShellRun run = Run({"db"},
                           "BEGIN;\n"
                           "ADD China visited Kazakhstan @ 2024-07;\n"
                           "FIND count(*) WHERE China visited ?where;\n"
                           "ADD China visitd\n"
                           "  Tajikistan @ 2024-07, \"China\" visited x;\n"
                           "ADD China visited\n"
                           "  Tajikistan @ 2024-07;\n"
                           "COMMIT;\n"
                           "FIND count(*) WHERE China visited ?where;\n");
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "ok\nok\n"
            // Inside the transaction its writes are not seen yet.
            "count(*)\n--------\n1\n(1 row)\n"
            // The failed ADD changed nothing; the transaction goes on.
            "ok\n"
            "added 2, retracted 0 (transaction 2)\n"
            "count(*)\n--------\n3\n(1 row)\n");
  EXPECT_THAT(run.err, HasSubstr("must be an entity"));
}

TEST_F(SessionTest, FormatCsv) {
  EXPECT_EQ(Output(kWho, {"--format", "csv"}),
            "who,what,when\n"
            "Russia,Pakistan,2018-08-07\n"
            "China,Russia,2019\n"
            "Russia,Islamic Emirate of Afghanistan,2025-07-03\n");
}

TEST_F(SessionTest, FormatTsv) {
  EXPECT_EQ(Output(kWho, {"--format=tsv"}),
            "who\twhat\twhen\n"
            "Russia\tPakistan\t2018-08-07\n"
            "China\tRussia\t2019\n"
            "Russia\tIslamic Emirate of Afghanistan\t2025-07-03\n");
}

TEST_F(SessionTest, FormatJsonAndJsonl) {
  EXPECT_EQ(
      Output(kWho, {"--format", "json"}),
      "[{\"who\":\"Russia\",\"what\":\"Pakistan\",\"when\":\"2018-08-07\"},\n"
      " {\"who\":\"China\",\"what\":\"Russia\",\"when\":\"2019\"},\n"
      " {\"who\":\"Russia\",\"what\":\"Islamic Emirate of Afghanistan\","
      "\"when\":\"2025-07-03\"}]\n");
  EXPECT_EQ(Output("FIND ?n WHERE ?n signed Pakistan;", {"--format", "jsonl"}),
            "{\"n\":\"Russia\"}\n");
  EXPECT_EQ(Output("FIND COUNT(*) AS n WHERE ?s ?p ?o;", {"--format", "jsonl"}),
            "{\"n\":3}\n");
}

TEST_F(SessionTest, FormatBoxWhenPipedHasNoColours) {
  EXPECT_EQ(Output("FIND ?who WHERE ?who signed ?x;", {"--format", "box"}),
            "┌────────┐\n"
            "│ who    │\n"
            "├────────┤\n"
            "│ Russia │\n"
            "└────────┘\n"
            "1 row\n");
}

TEST_F(SessionTest, FormatMarkdown) {
  EXPECT_EQ(
      Output("FIND ?who, ?x WHERE ?who signed ?x;", {"--format", "markdown"}),
      "| who    | x        |\n"
      "|--------|----------|\n"
      "| Russia | Pakistan |\n");
}

TEST_F(SessionTest, UnknownFormatIsAUsageError) {
  const ShellRun run = Run({"db", "--format", "xml", "-c", ".stats"});
  EXPECT_EQ(run.exit_code, 2) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_EQ(run.err,
            "almanac: unknown format \"xml\"; use "
            "table|box|csv|tsv|json|jsonl|markdown\n");
}

TEST_F(SessionTest, ModeChangesTheFormat) {
  EXPECT_EQ(Output(".mode\n.mode csv\nFIND ?who WHERE ?who signed ?x;\n.mode"),
            "table\nwho\nRussia\ncsv\n");
  const ShellRun run = Run({"db", "-c", ".mode xml"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            "Error: unknown format \"xml\"; use "
            "table|box|csv|tsv|json|jsonl|markdown\n");
}

TEST_F(SessionTest, MaxRowsCutsTheTable) {
  EXPECT_EQ(Output(".maxrows 1\n" + std::string(kWho) + "\n.maxrows"),
            "who    | what     | when\n"
            "-------+----------+-----------\n"
            "Russia | Pakistan | 2018-08-07\n"
            "(3 rows, 1 shown)\n"
            "1\n");
  EXPECT_EQ(Output(".maxrows 1\n.mode csv\nFIND ?s WHERE ?s ?p ?o;"),
            "s\nRussia\nRussia\nChina\n");
}

TEST_F(SessionTest, TimerPrintsTheTimeTaken) {
  const std::string out = Output(
      ".timer on\nFIND ?who WHERE ?who signed ?x;\n.timer\n"
      ".timer off\nFIND ?who WHERE ?who signed ?x;");
  EXPECT_THAT(out, MatchesRegex("who\n------\nRussia\n\\(1 row\\)\n"
                                "Run time: [0-9]+\\.[0-9]{3} s\n"
                                ".timer on\n"
                                "who\n------\nRussia\n\\(1 row\\)\n"));
}

TEST_F(SessionTest, ExplainShowsThePlanOfEachFind) {
  const std::string query = "FIND ?who WHERE ?who signed ?x;";
  const std::string plan = Output("EXPLAIN " + query);
  ASSERT_THAT(plan, Not(IsEmpty()));
  EXPECT_EQ(Output(".explain on\n" + query + "\n.explain off\n" + query),
            plan + Output(query));
  EXPECT_EQ(Output(".explain on\nADD a b c;"),
            "added 1, retracted 0 (transaction 2)\n");
}

TEST_F(SessionTest, ScriptFromFileStdinOrCommandsIsTheSame) {
  const std::string script =
      ".facts China\nFIND ?who\n  WHERE ?who signed ?x;\n";
  WriteFile(dir_.Sub("script.aq"), script);
  const std::string expected =
      "China visited Russia @ 2019\n1 fact\nwho\n------\nRussia\n(1 row)\n";
  EXPECT_EQ(Output(script), expected);
  const ShellRun from_file = Run({"db", "-f", "script.aq"});
  EXPECT_EQ(from_file.exit_code, 0) << ::testing::PrintToString(from_file);
  EXPECT_EQ(from_file.out, expected);
  const ShellRun from_stdin = Run({"db"}, script);
  EXPECT_EQ(from_stdin.exit_code, 0) << ::testing::PrintToString(from_stdin);
  EXPECT_EQ(from_stdin.out, expected);
  EXPECT_THAT(from_stdin.err, IsEmpty());
}

TEST_F(SessionTest, MissingScriptFile) {
  const ShellRun run = Run({"db", "-f", "nosuch.aq"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "almanac: cannot read nosuch.aq\n");
}

TEST_F(SessionTest, ErrorsGoToStderrAndTheExitStatusSaysSo) {
  const std::string script = "FIND ?x;\n.facts China\n";
  ShellRun run = Run({"db", "-c", script});
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out, "China visited Russia @ 2019\n1 fact\n");
  EXPECT_EQ(run.err,
            "Error: line 1, column 8: expected WHERE\n"
            "FIND ?x;\n"
            "       ^\n");

  run = Run({"db", "--bail", "-c", script});
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, StartsWith("Error: line 1, column 8"));

  run = Run({"db", "--bail"}, script);
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
}

TEST_F(SessionTest, OutputSendsResultsToAFile) {
  EXPECT_EQ(Output(".output china.txt\n.facts China\n.output\n.stats"),
            Output(".stats"));
  EXPECT_EQ(ReadFile(dir_.Sub("china.txt")),
            "China visited Russia @ 2019\n1 fact\n");
  const ShellRun run = Run({"db", "-c", ".output no/such/dir/x.txt"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: cannot write no/such/dir/x.txt\n");
}

TEST_F(SessionTest, ReadRunsAFile) {
  WriteFile(dir_.Sub("good.aq"), ".facts China\n");
  EXPECT_EQ(Output(".read good.aq\n.read good.aq"),
            "China visited Russia @ 2019\n1 fact\n"
            "China visited Russia @ 2019\n1 fact\n");

  WriteFile(dir_.Sub("bad.aq"), ".nosuch\n.facts China\n");
  const ShellRun run = Run({"db", "-c", ".read bad.aq\n.mode"});
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out, "China visited Russia @ 2019\n1 fact\ntable\n");
  EXPECT_EQ(run.err,
            "Error: unknown command .nosuch; type .help for the list\n"
            "Error: bad.aq: 1 statement failed\n");
}

TEST_F(SessionTest, ReadOfItselfStops) {
  WriteFile(dir_.Sub("loop.aq"), ".read loop.aq\n");
  const ShellRun run = Run({"db", "-c", ".read loop.aq"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, HasSubstr("files read each other more than 16 deep"));
}

TEST_F(SessionTest, OpenSwitchesDatabases) {
  EXPECT_EQ(Output(".open other\n.facts\n.open db\n.facts China"),
            "0 facts\nChina visited Russia @ 2019\n1 fact\n");
  EXPECT_TRUE(std::filesystem::exists(dir_.Sub("other/CURRENT")));
  EXPECT_EQ(Output(".open db\n.facts China"),
            "China visited Russia @ 2019\n1 fact\n");
}

TEST_F(SessionTest, HelpForOneCommand) {
  EXPECT_EQ(Output(".help export"),
            "usage: .export [--format tsv|csv|jsonl] [FILE]\n"
            "Write every fact in a format .import reads back\n");
  EXPECT_EQ(Output(".help .mode"),
            "usage: .mode table|box|csv|tsv|json|jsonl|markdown\n"
            "Set how results are printed\n");
  const ShellRun run = Run({"db", "-c", ".help nosuch"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "Error: no command .nosuch; type .help for the list\n");
}

TEST_F(SessionTest, HelpOptionDescribesTheModes) {
  const ShellRun run = Run({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("--format FORMAT  table|box|csv|tsv|json"));
  EXPECT_THAT(run.out, HasSubstr("--bail"));
  EXPECT_THAT(run.out,
              HasSubstr("almanac export DB [--format tsv|csv|jsonl] [FILE]"));
}

TEST_F(SessionTest, ExportToStdout) {
  const ShellRun run = Run({"export", "db"});
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "subject\tpredicate\tobject\ttime\tsource\n"
            "Russia\trecognized\t`Islamic Emirate of Afghanistan`\t2025-07-03\t"
            "The Hindu\n"
            "Russia\tsigned\tPakistan\t2018-08-07\t\n"
            "China\tvisited\tRussia\t2019\t\n");
  EXPECT_THAT(run.err, IsEmpty());
  EXPECT_EQ(Output(".export --format csv"),
            "subject,predicate,object,time,source\n"
            "Russia,recognized,`Islamic Emirate of Afghanistan`,2025-07-03,"
            "The Hindu\n"
            "Russia,signed,Pakistan,2018-08-07,\n"
            "China,visited,Russia,2019,\n");
}

TEST_F(SessionTest, ExportOfAMissingDatabaseCreatesNothing) {
  const ShellRun run = Run({"export", "nosuch"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_THAT(run.err, StartsWith("almanac: "));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("nosuch")));
  EXPECT_EQ(Run({"export"}).exit_code, 2);
}

// Names and values that need quoting, every literal type, every shape of
// time, and sources with quotes and commas: all fit TSV and CSV.
constexpr char kTricky[] =
    "subject,predicate,object,time,source\n"
    "\"Return, release person(s)\",reported by,Reuters,2014-05,"
    "\"Reuters, \"\"World\"\"\"\n"
    "Acme,count,42,,\n"
    "Acme,price,-12.50,2020..,\n"
    "Acme,listed,true,..2003,\n"
    "Acme,founded,2014-03-07,2014-03..2015,'single'\n"
    "Acme,motto,\"\"\"say \\\"\"hi\\\"\", ok\"\"\",2014,\n"
    "Acme,named after,`42`,,\n"
    "Russia,recognized,Islamic Emirate of Afghanistan,2025-07-03,The Hindu\n";

// Facts that only CSV holds: a tab in a source, a line break in a string, a
// subject beginning with '#'.
constexpr char kCsvOnly[] =
    "Acme,tabbed,x,2016,\"a\ttab\"\n"
    "\"#MeToo\",began,movement,2017-10,\n"
    "Acme,note,\"\"\"two\nlines\"\"\",2015-01-02,\n";

TEST_F(SessionTest, ExportImportRoundTripCsv) {
  WriteFile(dir_.Sub("tricky.csv"), std::string(kTricky) + kCsvOnly);
  ASSERT_EQ(Run({"import", "a", "tricky.csv"}).exit_code, 0);
  const ShellRun exported = Run({"export", "a", "a.csv"});
  EXPECT_EQ(exported.exit_code, 0) << ::testing::PrintToString(exported);
  EXPECT_EQ(exported.out, "exported 11 facts to a.csv\n");
  const ShellRun imported = Run({"import", "b", "a.csv"});
  EXPECT_EQ(imported.exit_code, 0) << ::testing::PrintToString(imported);
  const std::string facts = Run({"a", "-c", ".facts"}).out;
  EXPECT_THAT(facts, HasSubstr("11 facts\n"));
  EXPECT_EQ(Run({"b", "-c", ".facts"}).out, facts);
}

TEST_F(SessionTest, ExportImportRoundTripJsonl) {
  WriteFile(dir_.Sub("tricky.csv"), std::string(kTricky) + kCsvOnly);
  ASSERT_EQ(Run({"import", "a", "tricky.csv"}).exit_code, 0);
  ASSERT_EQ(Run({"a", "-c", "ADD Acme founded 2014-03-07 @ 2014;"}).exit_code,
            0);
  const ShellRun exported = Run({"a", "-c", ".export a.jsonl"});
  EXPECT_EQ(exported.exit_code, 0) << ::testing::PrintToString(exported);
  EXPECT_EQ(exported.out, "exported 12 facts to a.jsonl\n");
  const ShellRun imported = Run({"import", "b", "a.jsonl"});
  EXPECT_EQ(imported.exit_code, 0) << ::testing::PrintToString(imported);
  const std::string facts = Run({"a", "-c", ".facts"}).out;
  EXPECT_THAT(facts, HasSubstr("12 facts\n"));
  EXPECT_EQ(Run({"b", "-c", ".facts"}).out, facts);
}

TEST_F(SessionTest, ExportImportRoundTripTsv) {
  WriteFile(dir_.Sub("tricky.csv"), kTricky);
  ASSERT_EQ(Run({"import", "a", "tricky.csv"}).exit_code, 0);
  const ShellRun run = Run({"a", "-c", ".export a.tsv"});
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out, "exported 8 facts to a.tsv\n");
  ASSERT_EQ(Run({"import", "b", "a.tsv"}).exit_code, 0);
  const std::string facts = Run({"a", "-c", ".facts"}).out;
  EXPECT_THAT(facts, HasSubstr("8 facts\n"));
  EXPECT_EQ(Run({"b", "-c", ".facts"}).out, facts);
}

TEST_F(SessionTest, TsvExportRefusesWhatOnlyCsvHolds) {
  WriteFile(dir_.Sub("tricky.csv"), std::string(kTricky) + kCsvOnly);
  ASSERT_EQ(Run({"import", "a", "tricky.csv"}).exit_code, 0);
  const ShellRun run = Run({"export", "a", "--format", "tsv", "a.tsv"});
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run);
  EXPECT_THAT(run.out, IsEmpty());
  EXPECT_THAT(run.err, StartsWith("almanac: cannot export "));
  EXPECT_THAT(run.err, HasSubstr(" as TSV: "));
  EXPECT_THAT(run.err, HasSubstr("(CSV can hold it)\n"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("a.tsv")));
}

TEST_F(SessionTest, ExportJsonl) {
  const ShellRun run = Run({"export", "db", "--format", "jsonl"});
  EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  EXPECT_EQ(run.out,
            "{\"subject\":\"Russia\",\"predicate\":\"recognized\","
            "\"object\":\"Islamic Emirate of Afghanistan\","
            "\"object_type\":\"entity\",\"time\":\"2025-07-03\","
            "\"source\":\"The Hindu\"}\n"
            "{\"subject\":\"Russia\",\"predicate\":\"signed\","
            "\"object\":\"Pakistan\",\"object_type\":\"entity\","
            "\"time\":\"2018-08-07\",\"source\":null}\n"
            "{\"subject\":\"China\",\"predicate\":\"visited\","
            "\"object\":\"Russia\",\"object_type\":\"entity\","
            "\"time\":\"2019\",\"source\":null}\n");
}

}  // namespace
}  // namespace almanac
