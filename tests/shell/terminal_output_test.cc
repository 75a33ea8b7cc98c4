// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Results on a terminal: the real binary with its standard output on a
// pseudo-terminal of a chosen width. There tables are boxes with colours,
// cut to the width, and the startup line says what is open.

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/shell/shell_runner.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// `almanac args...` on a pseudo-terminal `columns` wide, in `dir`.
class TerminalRun {
 public:
  TerminalRun(const std::string& dir, const std::vector<std::string>& args,
              unsigned short columns) {
    std::vector<std::string> argv_strings = {ALMANAC_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    winsize size{};
    size.ws_row = 24;
    size.ws_col = columns;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      setenv("ALMANAC_DEMO_DB", (dir + "/demo").c_str(), 1);
      setenv("HOME", (dir + "/home").c_str(), 1);
      unsetenv("XDG_DATA_HOME");
      if (chdir(dir.c_str()) != 0) _exit(125);
      execv(argv[0], argv.data());
      _exit(126);
    }
    EXPECT_GT(pid_, 0) << "forkpty failed";
  }

  TerminalRun(const TerminalRun&) = delete;
  TerminalRun& operator=(const TerminalRun&) = delete;

  ~TerminalRun() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  void Type(std::string_view text) {
    EXPECT_EQ(write(master_, text.data(), text.size()),
              static_cast<ssize_t>(text.size()));
  }

  // Reads until the output holds `text`; false after 20 seconds or at its
  // end.
  bool WaitFor(std::string_view text) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (output_.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline || !ReadSome()) {
        return false;
      }
    }
    return true;
  }

  // Reads to the end of the output (20 seconds at most), waits for the exit
  // and returns the output with the terminal's "\r\n" as "\n".
  std::string Finish() {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline && ReadSome()) {
    }
    kill(pid_, SIGKILL);  // Only if it still runs past the deadline.
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return std::regex_replace(output_, std::regex("\r\n"), "\n");
  }

  int exit_code() const { return exit_code_; }

 private:
  // Waits up to a second for output and reads it. Returns false at the end
  // of the output (EIO once the child has closed the terminal).
  bool ReadSome() {
    pollfd p = {master_, POLLIN, 0};
    if (poll(&p, 1, 1000) == 0) return true;
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof buffer);
    if (n <= 0) return false;
    output_.append(buffer, n);
    return true;
  }

  pid_t pid_ = -1;
  int master_ = -1;
  int exit_code_ = -1;
  std::string output_;
};

std::string WithoutColours(const std::string& text) {
  return std::regex_replace(text, std::regex("\x1b\\[[0-9;]*m"), "");
}

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

  TempDir dir_;
};

TEST_F(TerminalOutputTest, TablesAreBoxesWithColours) {
  TerminalRun run(dir_.path(), {"db", "-c", "FIND ?who WHERE ?who signed ?x;"},
                  80);
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
  TerminalRun run(
      dir_.path(),
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
  TerminalRun run(
      dir_.path(),
      {"db", "--format", "csv", "-c", "FIND ?who WHERE ?who signed ?x;"}, 80);
  EXPECT_EQ(run.Finish(), "who\nRussia\n");
}

TEST_F(TerminalOutputTest, OutputToAFileIsPlain) {
  TerminalRun run(
      dir_.path(),
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
  TerminalRun run(dir_.path(), {"db"}, 80);
  ASSERT_TRUE(run.WaitFor("Type .help for help"));
  run.Type(".quit\n");
  const std::string out = run.Finish();
  EXPECT_THAT(out,
              HasSubstr("db is open. Type .help for help, .quit to leave."));
  EXPECT_THAT(out, Not(HasSubstr("Error")));
}

}  // namespace
}  // namespace almanac
