// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the interactive shell as a user at a terminal sees it: each test
// starts the real binary (ALMANAC_BINARY) on a pseudo-terminal (forkpty),
// types keys into it and reads what it draws, with ANSI escape sequences
// and carriage returns removed. $HOME and the demo database point into a
// temporary directory. The terminal comes from tests/shell/pty_runner.h.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/pty_runner.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Keys as a terminal sends them.
constexpr char kEnter[] = "\r";
constexpr char kTab[] = "\t";
constexpr char kCtrlB[] = "\x02";  // Back one character.
constexpr char kCtrlC[] = "\x03";
constexpr char kLeft[] = "\x1b[D";
constexpr char kUp[] = "\x1b[A";

class PtyTest : public ::testing::Test {
 protected:
  PtyTest() {
    std::filesystem::create_directory(home());
    env_ = {"HOME=" + home(), "ALMANAC_DEMO_DB=" + dir_.Sub("demo"),
            "TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"};
    // A sanitizer build's settings (its leak suppressions) apply to the
    // shell too.
    for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
      if (const char* value = std::getenv(name)) {
        env_.push_back(std::string(name) + "=" + value);
      }
    }
  }

  std::string home() const { return dir_.Sub("home"); }
  std::string db() const { return dir_.Sub("db"); }
  std::string history() const { return home() + "/.almanac_history"; }

  // A database at db() holding the facts of `tsv`.
  void MakeDatabase(std::string_view tsv) {
    WriteFile(dir_.Sub("facts.tsv"), tsv);
    const ShellRun run =
        ShellProcess(dir_.path(), {"import", db(), dir_.Sub("facts.tsv")}, env_)
            .Finish();
    ASSERT_EQ(run.exit_code, 0) << ::testing::PrintToString(run);
  }

  // The shell on db(), at its first prompt.
  std::unique_ptr<Terminal> Start() {
    auto terminal =
        std::make_unique<Terminal>(std::vector<std::string>{db()}, env_);
    EXPECT_TRUE(terminal->WaitFor("almanac> ")) << terminal->screen();
    return terminal;
  }

  TempDir dir_;
  std::vector<std::string> env_;
};

constexpr char kFacts[] =
    "Russia\trecognized\tIslamic Emirate of Afghanistan\t2025-07-03\n"
    "Russia\tvisited\tPakistan\t2018-10-05\n"
    "China\tvisited\tPakistan\t2021-01-01\n";

TEST_F(PtyTest, CtrlDOnAnEmptyLineExits) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  EXPECT_THAT(shell->screen(), HasSubstr("is open. Type .help for help"));
  shell->TypeCtrlD();
  EXPECT_EQ(shell->WaitForExit(), 0) << shell->screen();
}

TEST_F(PtyTest, KeysMoveTheCursorAndTextIsInsertedThere) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  // "@ ?;" does not parse; going back over ';' and typing "when" makes it
  // "@ ?when;".
  for (const char* back : {kCtrlB, kLeft}) {
    shell->Type("FIND ?who WHERE ?who visited Pakistan @ ?;");
    shell->Type(back);
    shell->Type("when");
    shell->Type(kEnter);
    std::string shown;
    ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
    EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
    EXPECT_THAT(shown, HasSubstr("China")) << shown;
    EXPECT_THAT(shown, HasSubstr("Russia")) << shown;
  }
}

TEST_F(PtyTest, UpRecallsAStatementOfSeveralLinesAsOne) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(std::string("FIND ?what") + kEnter);
  ASSERT_TRUE(shell->WaitFor("...> ")) << shell->screen();
  shell->Type(std::string("WHERE Russia recognized ?what;") + kEnter);
  ASSERT_TRUE(shell->WaitFor("Islamic Emirate")) << shell->screen();
  ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
  // Both lines come back with one Up, and run again.
  shell->Type(std::string(kUp) + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
  shell->TypeCtrlD();
  EXPECT_EQ(shell->WaitForExit(), 0) << shell->screen();
}

TEST_F(PtyTest, HistoryIsKeptAcrossSessions) {
  MakeDatabase(kFacts);
  {
    std::unique_ptr<Terminal> shell = Start();
    shell->Type(std::string("FIND ?what\nWHERE Russia recognized ?what;") +
                kEnter);
    ASSERT_TRUE(shell->WaitFor("Islamic Emirate")) << shell->screen();
    ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
    shell->TypeCtrlD();
    ASSERT_EQ(shell->WaitForExit(), 0) << shell->screen();
  }
  EXPECT_THAT(ReadFile(history()), HasSubstr("recognized"));
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(std::string(kUp) + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
}

TEST_F(PtyTest, AHistoryFileThatCannotBeWrittenIsIgnored) {
  MakeDatabase(kFacts);
  env_[0] = "HOME=" + dir_.Sub("no/such/folder");
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(std::string("FIND ?what WHERE Russia recognized ?what;") +
              kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  shell->TypeCtrlD();
  EXPECT_EQ(shell->WaitForExit(), 0) << shell->screen();
  EXPECT_THAT(shell->screen(), Not(HasSubstr("rror")));
}

TEST_F(PtyTest, TabCompletesKeywordsNamesAndDotCommands) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  // FIN -> FIND, Isla -> `Islamic Emirate of Afghanistan` (backticks: it
  // has spaces), recog -> recognized. The statements only run if the words
  // were completed.
  shell->Type(std::string("FIN") + kTab + "?p WHERE Russia ?p Isla" + kTab +
              ";" + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("`Islamic Emirate of Afghanistan`")) << shown;
  EXPECT_THAT(shown, HasSubstr("recognized")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
  shell->Type(std::string("FIND ?o WHERE Russia recog") + kTab + "?o;" +
              kEnter);
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;

  shell->Type(std::string(".predi") + kTab + kEnter);
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("visited")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
}

TEST_F(PtyTest, TabListsTheCandidatesWhenTheyDiffer) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(std::string("FIND ?x WHERE ?x v") + kTab);
  // One candidate so far ("visited"): completed in place.
  ASSERT_TRUE(shell->WaitFor("visited ")) << shell->screen();
  shell->Type(std::string("?y . ?x r") + kTab);
  ASSERT_TRUE(shell->WaitFor("recognized ")) << shell->screen();
  shell->Type(std::string("?z ORD") + kTab);
  ASSERT_TRUE(shell->WaitFor("ORDER ")) << shell->screen();
  shell->Type(kCtrlC);
  ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
  // "FI": FILTER and FIND are listed, then the line is shown again.
  shell->Type(std::string("FIND ?x WHERE ?x ?p ?o FI") + kTab);
  ASSERT_TRUE(shell->WaitFor("FILTER")) << shell->screen();
  ASSERT_TRUE(shell->WaitFor("FIND")) << shell->screen();
  ASSERT_TRUE(shell->WaitFor("almanac> FIND ?x WHERE ?x ?p ?o FI"))
      << shell->screen();
}

TEST_F(PtyTest, CtrlCAtThePromptDiscardsTheLine) {
  MakeDatabase(kFacts);
  std::unique_ptr<Terminal> shell = Start();
  shell->Type("FIND nonsense");
  ASSERT_TRUE(shell->WaitFor("nonsense")) << shell->screen();
  shell->Type(kCtrlC);
  ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
  shell->Type(std::string("FIND ?what WHERE Russia recognized ?what;") +
              kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
  // Also in the middle of a statement of several lines.
  shell->Type(std::string("FIND ?what") + kEnter);
  ASSERT_TRUE(shell->WaitFor("...> ")) << shell->screen();
  shell->Type(kCtrlC);
  ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
  shell->Type(std::string("FIND ?what WHERE Russia recognized ?what;") +
              kEnter);
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("Islamic Emirate")) << shown;
  EXPECT_THAT(shown, Not(HasSubstr("Error"))) << shown;
}

TEST_F(PtyTest, CtrlCStopsARunningQueryAndTheShellGoesOn) {
  std::string tsv;
  for (int i = 0; i < 3000; ++i) {
    absl::StrAppend(&tsv, "e", i, "\tlinks\te", i + 1, "\t2020-01-01\n");
  }
  MakeDatabase(tsv);
  std::unique_ptr<Terminal> shell = Start();
  // 3000^3 combinations: hours of work unless interrupted.
  shell->Type("FIND count(*) WHERE ?a links ?x . ?b links ?y . ?c links ?z;");
  ASSERT_TRUE(shell->WaitFor("?z;")) << shell->screen();
  shell->Type(kEnter);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  shell->Type(kCtrlC);
  ASSERT_TRUE(shell->WaitFor("interrupted")) << shell->screen();
  ASSERT_TRUE(shell->WaitFor("almanac> ")) << shell->screen();
  shell->Type(std::string("FIND count(*) WHERE ?a links ?x;") + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("almanac> ", &shown)) << shell->screen();
  EXPECT_THAT(shown, HasSubstr("3000")) << shown;
  shell->TypeCtrlD();
  EXPECT_EQ(shell->WaitForExit(), 0) << shell->screen();
}

TEST_F(PtyTest, ImportDrawsAProgressBar) {
  MakeDatabase(kFacts);
  const std::string path = dir_.Sub("many.tsv");
  {
    std::ofstream out(path);
    // The bar is first drawn after 16384 rows; 100k rows draw it several
    // times and still import in seconds under the sanitizers on a loaded
    // machine (300k took over a minute there).
    for (int i = 0; i < 100000; ++i) {
      out << "n" << i << "\tnext\tn" << i + 1 << "\t2020-01-01\n";
    }
  }
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(".import " + path + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("loaded 100000 of 100000 facts", &shown))
      << shell->screen();
  EXPECT_THAT(shown, HasSubstr("facts/s  ETA")) << shown;
}

TEST_F(PtyTest, DemoDatabaseWithoutArguments) {
  Terminal shell({}, env_);
  ASSERT_TRUE(shell.WaitFor("(the demo database) is open")) << shell.screen();
  ASSERT_TRUE(shell.WaitFor("almanac> ")) << shell.screen();
  shell.Type(std::string(".quit") + kEnter);
  EXPECT_EQ(shell.WaitForExit(), 0) << shell.screen();
}

}  // namespace
}  // namespace almanac
