// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the interactive shell as a user at a terminal sees it: each test
// starts the real binary (ALMANAC_BINARY) on a pseudo-terminal (forkpty),
// types keys into it and reads what it draws, with ANSI escape sequences
// and carriage returns removed. $HOME and the demo database point into a
// temporary directory. Timeouts are generous because the machine running
// the tests may be busy; a passing test does not wait for them.

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

extern char** environ;

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr auto kTimeout = std::chrono::seconds(60);

// Keys as a terminal sends them.
constexpr char kEnter[] = "\r";
constexpr char kTab[] = "\t";
constexpr char kCtrlB[] = "\x02";  // Back one character.
constexpr char kCtrlC[] = "\x03";
constexpr char kCtrlD[] = "\x04";
constexpr char kLeft[] = "\x1b[D";
constexpr char kUp[] = "\x1b[A";

// `text` without ANSI escape sequences, carriage returns and backspaces.
std::string Plain(std::string_view text) {
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && (text[i] < 0x40 || text[i] > 0x7e)) ++i;
    } else if (c == '\x1b') {
      ++i;  // A two-character sequence.
    } else if (c != '\r' && c != '\b') {
      plain.push_back(c);
    }
  }
  return plain;
}

// The almanac shell running on a pseudo-terminal of 120 x 40.
class Terminal {
 public:
  Terminal(const std::vector<std::string>& args,
           const std::vector<std::string>& env) {
    std::vector<std::string> argv_strings = {ALMANAC_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : argv_strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings = env;
    std::vector<char*> envp;
    for (std::string& entry : env_strings) envp.push_back(entry.data());
    envp.push_back(nullptr);
    winsize size{};
    size.ws_row = 40;
    size.ws_col = 120;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ == 0) {
      signal(SIGINT, SIG_DFL);
      execve(argv[0], argv.data(), envp.data());
      _exit(126);
    }
    if (pid_ < 0) ADD_FAILURE() << "forkpty: " << std::strerror(errno);
  }

  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  ~Terminal() {
    if (pid_ > 0 && exit_code_ < 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) close(master_);
  }

  void Type(std::string_view keys) {
    while (!keys.empty()) {
      const ssize_t n = write(master_, keys.data(), keys.size());
      if (n <= 0) {
        ADD_FAILURE() << "write to the terminal: " << std::strerror(errno);
        return;
      }
      keys.remove_prefix(n);
    }
  }

  // Reads until the output not yet matched holds `text`, then marks it
  // matched up to the end of `text`; `*before` (if given) receives what was
  // shown between the previous match and this one. False after the timeout.
  bool WaitFor(std::string_view text, std::string* before = nullptr) {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    for (;;) {
      const std::string plain = Plain(output_);
      const size_t found = plain.find(text, matched_);
      if (found != std::string::npos) {
        if (before != nullptr) {
          *before = plain.substr(matched_, found - matched_);
        }
        matched_ = found + text.size();
        return true;
      }
      if (std::chrono::steady_clock::now() > deadline || !ReadSome()) {
        return false;
      }
    }
  }

  // Waits until the line editor has the terminal (canonical mode off), so
  // that Ctrl-D reaches it as a key: typed a moment earlier, while the
  // prompt is drawn but the terminal is still line-buffered, it would be
  // the kernel's end-of-file instead.
  bool WaitForLineEditing() {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      termios mode{};
      if (tcgetattr(master_, &mode) == 0 && (mode.c_lflag & ICANON) == 0) {
        return true;
      }
      ReadSome();
    }
    return false;
  }

  // Types Ctrl-D once the line editor reads keys.
  void TypeCtrlD() {
    EXPECT_TRUE(WaitForLineEditing()) << screen();
    Type(kCtrlD);
  }

  // Waits for the shell to exit; returns its exit status, -1 after the
  // timeout, 128 + N when killed by signal N.
  int WaitForExit() {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ =
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_code_;
      }
      ReadSome();
    }
    return -1;
  }

  // Everything shown so far, without escape sequences.
  std::string screen() const { return Plain(output_); }
  // What was shown after the last text WaitFor matched.
  std::string unmatched() const { return screen().substr(matched_); }

 private:
  // Reads what is available within 100 ms; false at the end of output.
  bool ReadSome() {
    pollfd ready = {master_, POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) return true;
    char buffer[4096];
    const ssize_t n = read(master_, buffer, sizeof(buffer));
    if (n <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      return false;  // EIO: the shell closed the terminal.
    }
    output_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int master_ = -1;
  int exit_code_ = -1;
  std::string output_;
  size_t matched_ = 0;  // In screen().
};

// Runs `almanac args...` to its end without a terminal; returns its exit
// status.
int RunToEnd(const std::vector<std::string>& args,
             const std::vector<std::string>& env) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<std::string> strings = {ALMANAC_BINARY};
    strings.insert(strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : strings) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings = env;
    std::vector<char*> envp;
    for (std::string& entry : env_strings) envp.push_back(entry.data());
    envp.push_back(nullptr);
    const int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    execve(argv[0], argv.data(), envp.data());
    _exit(126);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

class PtyTest : public ::testing::Test {
 protected:
  PtyTest() {
    std::filesystem::create_directory(home());
    env_ = {"HOME=" + home(), "ALMANAC_DEMO_DB=" + dir_.Sub("demo"),
            "TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"};
  }

  std::string home() const { return dir_.Sub("home"); }
  std::string db() const { return dir_.Sub("db"); }
  std::string history() const { return home() + "/.almanac_history"; }

  // A database at db() holding the facts of `tsv`.
  void MakeDatabase(std::string_view tsv) {
    WriteFile(dir_.Sub("facts.tsv"), tsv);
    ASSERT_EQ(RunToEnd({"import", db(), dir_.Sub("facts.tsv")}, env_), 0);
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
    tsv += "e" + std::to_string(i) + "\tlinks\te" + std::to_string(i + 1) +
           "\t2020-01-01\n";
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
    for (int i = 0; i < 300000; ++i) {
      out << "n" << i << "\tnext\tn" << i + 1 << "\t2020-01-01\n";
    }
  }
  std::unique_ptr<Terminal> shell = Start();
  shell->Type(".import " + path + kEnter);
  std::string shown;
  ASSERT_TRUE(shell->WaitFor("loaded 300000 of 300000 facts", &shown))
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
