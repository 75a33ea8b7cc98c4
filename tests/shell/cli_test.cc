// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the `almanac` command as users run it: each test starts the real
// binary (ALMANAC_BINARY) in a temporary directory, with pipes on its
// standard input, output and error (tests/shell/shell_runner.h), and checks
// what it prints and its exit status. The demo database and $HOME point into
// the temporary directory, so the user's own files are never touched. Import
// summaries end in a timing; WithoutTimings() turns it into "in TIME".

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// "loaded ... in 0.03 s (109 facts/s)" -> "loaded ... in TIME".
std::string WithoutTimings(const std::string& text) {
  static const std::regex timing(R"( in [0-9.]+ s \([0-9]+ facts/s\))");
  return std::regex_replace(text, timing, " in TIME");
}

class CliTest : public ::testing::Test {
 protected:
  // Starts `almanac args...` in the temporary directory, with the demo
  // database at demo/ and $HOME at home/ there.
  ShellProcess Start(const std::vector<std::string>& args) {
    return ShellProcess(dir_.path(), args, ShellEnvironment(dir_.path()));
  }

  // Runs `almanac args...` to its end with `input` on its stdin.
  ShellRun Almanac(const std::vector<std::string>& args,
                   std::string_view input = "") {
    return RunShell(dir_.path(), args, input);
  }

  // Writes the file `name` in the temporary directory.
  void Write(std::string_view name, std::string_view contents) {
    WriteFile(dir_.Sub(name), contents);
  }

  TempDir dir_;
};

constexpr char kNews[] =
    "subject\tpredicate\tobject\ttime\tsource\n"
    "Russia\trecognized\tIslamic Emirate of Afghanistan\t2025-07-03\tThe "
    "Hindu\n"
    "Russia\tsigned\tPakistan\t2018-08-07\n"
    "China\tvisited\tRussia\t2019\n";

// Line 3 has one column.
constexpr char kBad[] =
    "Russia\tsigned\tPakistan\t2018-08-07\n"
    "China\tvisited\tRussia\t2019\n"
    "Pakistan\n"
    "Iran\tvisited\tRussia\t2020-01\n";

TEST_F(CliTest, HelpShowsUsage) {
  const ShellRun result = Almanac({"--help"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, StartsWith("Usage:\n"));
  EXPECT_THAT(result.out, HasSubstr("almanac import DB PATH..."));
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("demo")));
}

TEST_F(CliTest, ImportsAFileAndShowsItsFacts) {
  Write("news.tsv", kNews);
  ShellRun result = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(WithoutTimings(result.out),
            "loaded 3 of 3 facts (3 new, 0 already present) in TIME\n");
  EXPECT_THAT(result.err, IsEmpty());

  result = Almanac({"db", "-c", ".facts Russia"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(result.out,
            "Russia recognized `Islamic Emirate of Afghanistan` @ 2025-07-03 "
            "SOURCE \"The Hindu\"\n"
            "Russia signed Pakistan @ 2018-08-07\n"
            "2 facts\n");
  EXPECT_THAT(result.err, IsEmpty());

  result = Almanac({"db", "-c", ".facts _ visited"});
  EXPECT_EQ(result.out, "China visited Russia @ 2019\n1 fact\n");
}

TEST_F(CliTest, ShellImportCommand) {
  Write("news.tsv", kNews);
  const ShellRun result =
      Almanac({"db", "-c", ".import news.tsv\n.facts China"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(WithoutTimings(result.out),
            "loaded 3 of 3 facts (3 new, 0 already present) in TIME\n"
            "China visited Russia @ 2019\n"
            "1 fact\n");
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, MalformedRowFailsTheImportAndChangesNothing) {
  Write("news.tsv", kNews);
  Write("bad.tsv", kBad);
  ASSERT_EQ(Almanac({"import", "db", "news.tsv"}).exit_code, 0);
  ShellRun result = Almanac({"import", "db", "bad.tsv"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "almanac: bad.tsv:3: expected 4 or 5 columns (subject, predicate, "
            "object, time[, source]), found 1\n"
            "import failed; the database is unchanged\n");

  result = Almanac({"db", "-c", ".stats"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out,
              StartsWith("facts 3, entities 7, literals 1, predicates 3, "
                         "transactions 1\n"));
}

TEST_F(CliTest, FailedImportIntoANewPathLeavesNoDatabase) {
  Write("bad.tsv", kBad);
  const ShellRun result = Almanac({"import", "new-db", "bad.tsv"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("new-db")));
}

TEST_F(CliTest, BadImportOptionIsAUsageError) {
  Write("news.tsv", kNews);
  const ShellRun result =
      Almanac({"import", "db", "news.tsv", "--max-errors", "many"});
  EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(result);
  EXPECT_EQ(result.err,
            "almanac: --max-errors needs a whole number, got \"many\"\n");
}

TEST_F(CliTest, MaxErrorsSkipsMalformedRows) {
  Write("bad.tsv", kBad);
  const ShellRun result =
      Almanac({"import", "db", "bad.tsv", "--max-errors", "1"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(WithoutTimings(result.out),
            "loaded 3 of 4 facts (3 new, 0 already present) in TIME\n");
  EXPECT_EQ(result.err,
            "skipped bad.tsv:3: expected 4 or 5 columns (subject, predicate, "
            "object, time[, source]), found 1\n");
}

TEST_F(CliTest, ImportingTheSameFileTwiceAddsNothing) {
  Write("news.tsv", kNews);
  ShellRun result = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  result = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(WithoutTimings(result.out),
            "loaded 3 of 3 facts (0 new, 3 already present) in TIME\n");
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, ImportNeedsAPath) {
  const ShellRun result = Almanac({"import", "db"});
  EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "usage: almanac import DB PATH... [--format tsv|csv|tkg|jsonl] "
            "[--epoch DATE] [--unit day|hour|year] [--max-errors N]\n");
}

// The first line of `.stats`: "facts N, entities ...".
std::string FirstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

TEST_F(CliTest, WithoutADatabaseOpensTheDemo) {
  ShellRun result = Almanac({"-c", ".stats"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, StartsWith("facts "));
  EXPECT_THAT(result.out, Not(StartsWith("facts 0,")));
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_TRUE(std::filesystem::exists(dir_.Sub("demo") + "/CURRENT"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("demo.seed.tsv")));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("home")));

  const ShellRun again = Almanac({"-c", ".stats"});
  EXPECT_EQ(again.exit_code, 0) << ::testing::PrintToString(again);
  EXPECT_EQ(FirstLine(again.out), FirstLine(result.out));
}

TEST_F(CliTest, MalformedStatementShowsWhereWithACaret) {
  const ShellRun result = Almanac({"db", "-c", "FIND ?x"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "Error: line 1, column 8: expected WHERE\n"
            "FIND ?x\n"
            "       ^\n");
}

TEST_F(CliTest, RunsStatementsAndPrintsTables) {
  Write("news.tsv", kNews);
  ASSERT_EQ(Almanac({"import", "db", "news.tsv"}).exit_code, 0);
  const ShellRun result = Almanac(
      {"db", "-c",
       "FIND ?who, ?when WHERE ?who recognized `Islamic Emirate of "
       "Afghanistan` @ ?when;\n"
       "ADD Pakistan recognized `Islamic Emirate of Afghanistan` @ 1997;\n"
       "FIND ?who, ?when WHERE ?who recognized\n"
       "  `Islamic Emirate of Afghanistan` @ ?when ORDER BY ?when;"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(result.out,
            "who    | when\n"
            "-------+-----------\n"
            "Russia | 2025-07-03\n"
            "(1 row)\n"
            "added 1, retracted 0 (transaction 2)\n"
            "who      | when\n"
            "---------+-----------\n"
            "Pakistan | 1997\n"
            "Russia   | 2025-07-03\n"
            "(2 rows)\n");
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, UnknownCommand) {
  const ShellRun result = Almanac({"db", "-c", ".nosuch"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "Error: unknown command .nosuch; type .help for the list\n");
}

TEST_F(CliTest, HelpListsEveryCommand) {
  const ShellRun result = Almanac({"db", "-c", ".help"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  std::vector<std::string> commands;
  for (std::string_view rest = result.out; !rest.empty();) {
    const std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    if (line.starts_with(".")) {
      commands.emplace_back(line.substr(0, line.find(' ')));
    }
  }
  EXPECT_THAT(commands,
              ElementsAre(".help", ".open", ".read", ".import", ".export",
                          ".output", ".mode", ".maxrows", ".timer", ".explain",
                          ".stats", ".predicates", ".entity", ".timeline",
                          ".sources", ".dot", ".facts", ".quit"));
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, ReadsCommandsFromAPipeWithoutPrompts) {
  Write("news.tsv", kNews);
  ASSERT_EQ(Almanac({"import", "db", "news.tsv"}).exit_code, 0);
  const ShellRun stats = Almanac({"db", "-c", ".stats"});
  const ShellRun facts = Almanac({"db", "-c", ".facts China"});

  const ShellRun piped = Almanac({"db"}, ".stats\n.facts China\n");
  EXPECT_EQ(piped.exit_code, 0) << ::testing::PrintToString(piped);
  EXPECT_EQ(piped.out, stats.out + facts.out);
  EXPECT_THAT(piped.out, Not(HasSubstr("almanac>")));
  EXPECT_THAT(piped.err, IsEmpty());

  const ShellRun with_error = Almanac({"db"}, ".nosuch\n.facts China\n");
  EXPECT_EQ(with_error.exit_code, 1) << ::testing::PrintToString(with_error);
  EXPECT_EQ(with_error.out, facts.out);
  EXPECT_EQ(with_error.err,
            "Error: unknown command .nosuch; type .help for the list\n");
}

TEST_F(CliTest, SecondProcessCannotOpenAnOpenDatabase) {
  ShellProcess first = Start({"db"});
  first.Write(".stats\n");
  ASSERT_TRUE(first.WaitForOutput("transactions 0\n"));

  ShellRun second = Almanac({"db", "-c", ".stats"});
  EXPECT_EQ(second.exit_code, 1) << ::testing::PrintToString(second);
  EXPECT_THAT(second.out, IsEmpty());
  EXPECT_THAT(second.err, HasSubstr("already open in another process"));
  Write("news.tsv", kNews);
  second = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(second.exit_code, 1) << ::testing::PrintToString(second);
  EXPECT_THAT(second.err, HasSubstr("already open in another process"));

  const ShellRun result = first.Finish(".facts\n");
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(result.out,
            "facts 0, entities 0, literals 0, predicates 0, transactions 0\n"
            "0 facts\n");
  EXPECT_THAT(result.err, IsEmpty());
}

}  // namespace
}  // namespace almanac
