// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the `almanac` command as users run it: each test starts the real
// binary (ALMANAC_BINARY) in a temporary directory, with pipes on its
// standard input, output and error, and checks what it prints and its exit
// status. The demo database and $HOME point into the temporary directory,
// so the user's own files are never touched. Import summaries end in a
// timing; WithoutTimings() turns it into "in TIME".

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

extern char** environ;

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

struct Result {
  int exit_code = -1;  // 128 + N when killed by signal N.
  std::string out;
  std::string err;
};

void PrintTo(const Result& result, std::ostream* os) {
  *os << "exit " << result.exit_code << "\n--- stdout\n"
      << result.out << "--- stderr\n"
      << result.err;
}

// One run of the almanac binary, its stdin, stdout and stderr on pipes.
class Child {
 public:
  // Starts `almanac args...` in directory `cwd` with environment `env`.
  Child(const std::vector<std::string>& args, const std::string& cwd,
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

    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
        pipe2(err, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe2: " << std::strerror(errno);
      return;
    }
    pid_ = fork();
    if (pid_ == 0) {
      signal(SIGPIPE, SIG_DFL);
      if (chdir(cwd.c_str()) != 0 || dup2(in[0], 0) < 0 ||
          dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
        _exit(125);
      }
      execve(argv[0], argv.data(), envp.data());
      _exit(126);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    if (pid_ < 0) ADD_FAILURE() << "fork: " << std::strerror(errno);
  }

  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  ~Child() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    for (int fd : {in_, out_, err_}) {
      if (fd >= 0) close(fd);
    }
  }

  void Write(std::string_view text) {
    while (!text.empty()) {
      const ssize_t n = write(in_, text.data(), text.size());
      if (n <= 0) {
        ADD_FAILURE() << "write to the child: " << std::strerror(errno);
        return;
      }
      text.remove_prefix(n);
    }
  }

  // Reads output until stdout holds `text`; false after 20 seconds.
  bool WaitForOutput(std::string_view text) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (result_.out.find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline || !ReadSome(100)) {
        return false;
      }
    }
    return true;
  }

  // Writes `input`, closes stdin, reads both outputs to their end and waits
  // for the child to exit.
  Result Finish(std::string_view input = "") {
    Write(input);
    close(in_);
    in_ = -1;
    while (ReadSome(-1)) {
    }
    int status = 0;
    if (waitpid(pid_, &status, 0) == pid_) {
      result_.exit_code =
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    pid_ = -1;
    return result_;
  }

 private:
  // Waits up to `timeout_ms` (-1: forever) for output and reads what is
  // there. Returns false once both outputs are at their end.
  bool ReadSome(int timeout_ms) {
    std::vector<pollfd> fds;
    for (int fd : {out_, err_}) {
      if (fd >= 0) fds.push_back({fd, POLLIN, 0});
    }
    if (fds.empty()) return false;
    if (poll(fds.data(), fds.size(), timeout_ms) < 0) return errno == EINTR;
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      char buffer[4096];
      const ssize_t n = read(p.fd, buffer, sizeof buffer);
      int& fd = p.fd == out_ ? out_ : err_;
      std::string& text = p.fd == out_ ? result_.out : result_.err;
      if (n > 0) {
        text.append(buffer, n);
      } else {
        close(fd);
        fd = -1;
      }
    }
    return true;
  }

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int err_ = -1;
  Result result_;
};

// "loaded ... in 0.03 s (109 facts/s)" -> "loaded ... in TIME".
std::string WithoutTimings(const std::string& text) {
  static const std::regex timing(R"( in [0-9.]+ s \([0-9]+ facts/s\))");
  return std::regex_replace(text, timing, " in TIME");
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { signal(SIGPIPE, SIG_IGN); }

  // Starts `almanac args...` in the temporary directory, with the demo
  // database at demo/ and $HOME at home/ there.
  Child Start(const std::vector<std::string>& args) {
    std::vector<std::string> env;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string_view text = *entry;
      if (text.starts_with("ALMANAC_DEMO_DB=") || text.starts_with("HOME=") ||
          text.starts_with("XDG_DATA_HOME=")) {
        continue;
      }
      env.emplace_back(text);
    }
    env.push_back("ALMANAC_DEMO_DB=" + dir_.Sub("demo"));
    env.push_back("HOME=" + dir_.Sub("home"));
    return Child(args, dir_.path(), env);
  }

  // Runs `almanac args...` to its end with `input` on its stdin.
  Result Almanac(const std::vector<std::string>& args,
                 std::string_view input = "") {
    return Start(args).Finish(input);
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
  const Result result = Almanac({"--help"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, StartsWith("Usage:\n"));
  EXPECT_THAT(result.out, HasSubstr("almanac import DB PATH..."));
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("demo")));
}

TEST_F(CliTest, ImportsAFileAndShowsItsFacts) {
  Write("news.tsv", kNews);
  Result result = Almanac({"import", "db", "news.tsv"});
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
  const Result result = Almanac({"db", "-c", ".import news.tsv\n.facts China"});
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
  Result result = Almanac({"import", "db", "bad.tsv"});
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
  const Result result = Almanac({"import", "new-db", "bad.tsv"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("new-db")));
}

TEST_F(CliTest, BadImportOptionIsAUsageError) {
  Write("news.tsv", kNews);
  const Result result =
      Almanac({"import", "db", "news.tsv", "--max-errors", "many"});
  EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(result);
  EXPECT_EQ(result.err,
            "almanac: --max-errors needs a whole number, got \"many\"\n");
}

TEST_F(CliTest, MaxErrorsSkipsMalformedRows) {
  Write("bad.tsv", kBad);
  const Result result =
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
  Result result = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  result = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(WithoutTimings(result.out),
            "loaded 3 of 3 facts (0 new, 3 already present) in TIME\n");
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, ImportNeedsAPath) {
  const Result result = Almanac({"import", "db"});
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
  Result result = Almanac({"-c", ".stats"});
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, StartsWith("facts "));
  EXPECT_THAT(result.out, Not(StartsWith("facts 0,")));
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_TRUE(std::filesystem::exists(dir_.Sub("demo") + "/CURRENT"));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("demo.seed.tsv")));
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("home")));

  const Result again = Almanac({"-c", ".stats"});
  EXPECT_EQ(again.exit_code, 0) << ::testing::PrintToString(again);
  EXPECT_EQ(FirstLine(again.out), FirstLine(result.out));
}

TEST_F(CliTest, MalformedStatementShowsWhereWithACaret) {
  const Result result = Almanac({"db", "-c", "FIND ?x"});
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
  const Result result = Almanac(
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
  const Result result = Almanac({"db", "-c", ".nosuch"});
  EXPECT_EQ(result.exit_code, 1) << ::testing::PrintToString(result);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err,
            "Error: unknown command .nosuch; type .help for the list\n");
}

TEST_F(CliTest, HelpListsEveryCommand) {
  const Result result = Almanac({"db", "-c", ".help"});
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
                          ".output", ".mode", ".maxrows", ".timer",
                          ".explain", ".stats", ".predicates", ".entity",
                          ".timeline", ".sources", ".dot", ".facts", ".quit"));
  EXPECT_THAT(result.err, IsEmpty());
}

TEST_F(CliTest, ReadsCommandsFromAPipeWithoutPrompts) {
  Write("news.tsv", kNews);
  ASSERT_EQ(Almanac({"import", "db", "news.tsv"}).exit_code, 0);
  const Result stats = Almanac({"db", "-c", ".stats"});
  const Result facts = Almanac({"db", "-c", ".facts China"});

  const Result piped = Almanac({"db"}, ".stats\n.facts China\n");
  EXPECT_EQ(piped.exit_code, 0) << ::testing::PrintToString(piped);
  EXPECT_EQ(piped.out, stats.out + facts.out);
  EXPECT_THAT(piped.out, Not(HasSubstr("almanac>")));
  EXPECT_THAT(piped.err, IsEmpty());

  const Result with_error = Almanac({"db"}, ".nosuch\n.facts China\n");
  EXPECT_EQ(with_error.exit_code, 1) << ::testing::PrintToString(with_error);
  EXPECT_EQ(with_error.out, facts.out);
  EXPECT_EQ(with_error.err,
            "Error: unknown command .nosuch; type .help for the list\n");
}

TEST_F(CliTest, SecondProcessCannotOpenAnOpenDatabase) {
  Child first = Start({"db"});
  first.Write(".stats\n");
  ASSERT_TRUE(first.WaitForOutput("transactions 0\n"));

  Result second = Almanac({"db", "-c", ".stats"});
  EXPECT_EQ(second.exit_code, 1) << ::testing::PrintToString(second);
  EXPECT_THAT(second.out, IsEmpty());
  EXPECT_THAT(second.err, HasSubstr("already open in another process"));
  Write("news.tsv", kNews);
  second = Almanac({"import", "db", "news.tsv"});
  EXPECT_EQ(second.exit_code, 1) << ::testing::PrintToString(second);
  EXPECT_THAT(second.err, HasSubstr("already open in another process"));

  const Result result = first.Finish(".facts\n");
  EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(result);
  EXPECT_EQ(result.out,
            "facts 0, entities 0, literals 0, predicates 0, transactions 0\n"
            "0 facts\n");
  EXPECT_THAT(result.err, IsEmpty());
}

}  // namespace
}  // namespace almanac
