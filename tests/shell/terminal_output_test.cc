// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Results on a terminal: the real binary with its standard output on a
// pseudo-terminal of a chosen width. There tables are boxes with colours,
// cut to the width, and the startup line says what is open.

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/pty_runner.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// `text` without its colour escape sequences ("\x1b[...m").
std::string WithoutColours(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

// The width of `line` on a terminal: one column per UTF-8 character.
size_t Columns(const std::string& line) {
  size_t width = 0;
  for (unsigned char c : line) width += (c & 0xC0) != 0x80;
  return width;
}

constexpr char kNews[] =
    "Russia\trecognized\tIslamic Emirate of Afghanistan\t2025-07-03\tThe "
    "Hindu\n"
    "Russia\tsigned\tPakistan\t2018-08-07\n"
    "China\tvisited\tRussia\t2019\n";

class TerminalOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Sub("news.tsv"), kNews);
    ASSERT_EQ(RunShell(dir_.path(), {"import", "db", "news.tsv"}).exit_code, 0);
  }

  // Starts `almanac args...` on a pseudo-terminal `columns` wide, in the
  // test's directory with ShellEnvironment().
  Terminal Start(const std::vector<std::string>& args,
                 unsigned short columns) const {
    return Terminal(
        args, ShellEnvironment(dir_.path()),
        TerminalOptions{.dir = dir_.path(), .rows = 24, .columns = columns});
  }

  TempDir dir_;
};

TEST_F(TerminalOutputTest, TablesAreBoxesWithColours) {
  Terminal run = Start({"db", "-c", "FIND ?who WHERE ?who signed ?x;"}, 80);
  const std::string out = run.Finish();
  EXPECT_EQ(run.exit_code(), 0) << out;
  EXPECT_THAT(out, HasSubstr("\x1b[2m┌────────┐\x1b[0m\n"));
  EXPECT_THAT(out, HasSubstr("\x1b[1mwho\x1b[0m"));
  EXPECT_EQ(WithoutColours(out),
            "┌────────┐\n"
            "│ who    │\n"
            "├────────┤\n"
            "│ Russia │\n"
            "└────────┘\n"
            "1 row\n");
}

TEST_F(TerminalOutputTest, WideValuesAreCutToTheTerminal) {
  Terminal run = Start(
      {"db", "-c", "FIND ?s, ?p, ?o, ?t WHERE ?s ?p ?o @ ?t ORDER BY ?t;"}, 30);
  const std::string out = WithoutColours(run.Finish());
  EXPECT_EQ(run.exit_code(), 0) << out;
  EXPECT_THAT(out, HasSubstr("…"));
  EXPECT_THAT(out, HasSubstr("3 rows\n"));
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(Columns(line), 30u) << line;
  }
}

TEST_F(TerminalOutputTest, DataFormatsStayPlain) {
  Terminal run = Start(
      {"db", "--format", "csv", "-c", "FIND ?who WHERE ?who signed ?x;"}, 80);
  EXPECT_EQ(run.Finish(), "who\nRussia\n");
}

TEST_F(TerminalOutputTest, OutputToAFileIsPlain) {
  Terminal run = Start(
      {"db", "-c", ".output out.txt\nFIND ?who WHERE ?who signed ?x;"}, 80);
  EXPECT_EQ(run.Finish(), "");
  EXPECT_EQ(ReadFile(dir_.Sub("out.txt")),
            "┌────────┐\n"
            "│ who    │\n"
            "├────────┤\n"
            "│ Russia │\n"
            "└────────┘\n"
            "1 row\n");
}

TEST_F(TerminalOutputTest, StartupLineSaysWhatIsOpen) {
  Terminal run = Start({"db"}, 80);
  ASSERT_TRUE(run.WaitFor("Type .help for help"));
  run.Type(".quit\n");
  const std::string out = run.Finish();
  EXPECT_THAT(out,
              HasSubstr("db is open. Type .help for help, .quit to leave."));
  EXPECT_THAT(out, Not(HasSubstr("Error")));
}

}  // namespace
}  // namespace almanac
