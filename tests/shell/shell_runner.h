// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the real `almanac` binary (ALMANAC_BINARY) with pipes on its standard
// input, output and error, for tests that compare what it prints. With
// ShellEnvironment() the demo database and $HOME point into the test's
// directory, so the user's own files are never touched. A target that
// includes this header compiles shell_runner.cc and defines ALMANAC_BINARY.
//
// Example:
//   TempDir dir;
//   ShellRun run = RunShell(dir.path(), {"db", "-c", ".stats"});
//   EXPECT_EQ(run.out, "facts 0, ...\n");

#ifndef ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_
#define ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_

#include <sys/types.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace almanac {

// What one run of the binary did.
struct ShellRun {
  int exit_code = -1;  // 128 + N when killed by signal N; -1: not started.
  std::string out;
  std::string err;
};

// Prints `run` in GoogleTest failure messages.
void PrintTo(const ShellRun& run, std::ostream* os);

// Returns the test process's environment ("NAME=value" strings) with the
// demo database at `dir`/demo, $HOME at `dir`/home and no XDG_DATA_HOME.
std::vector<std::string> ShellEnvironment(const std::string& dir);

// The command line and environment of `almanac args...`, prepared before a
// fork so that the child has nothing left to do but Exec().
class ShellCommand {
 public:
  // `env` holds "NAME=value" strings: the whole environment.
  ShellCommand(const std::vector<std::string>& args,
               const std::vector<std::string>& env);
  ShellCommand(const ShellCommand&) = delete;
  ShellCommand& operator=(const ShellCommand&) = delete;

  // In a forked child: replaces the process with the binary, or exits with
  // status 126 if it cannot.
  [[noreturn]] void Exec();

 private:
  std::vector<std::string> args_;  // ALMANAC_BINARY, then the arguments.
  std::vector<std::string> env_;
  std::vector<char*> argv_;  // Into args_, ending in nullptr.
  std::vector<char*> envp_;  // Into env_, ending in nullptr.
};

// One run of the binary, its stdin, stdout and stderr on pipes. The process
// is killed when the object is destroyed before Finish().
class ShellProcess {
 public:
  // Starts `almanac args...` in directory `dir` with environment `env`
  // ("NAME=value" strings). Failures to start are test failures.
  ShellProcess(const std::string& dir, const std::vector<std::string>& args,
               const std::vector<std::string>& env);
  ~ShellProcess();
  ShellProcess(const ShellProcess&) = delete;
  ShellProcess& operator=(const ShellProcess&) = delete;

  // Writes `text` to the process's stdin; a failed write (a process that
  // has stopped reading) is a test failure, never a SIGPIPE.
  void Write(std::string_view text);

  // Reads output until stdout holds `text`; false after 20 seconds or at
  // the end of the output.
  bool WaitForOutput(std::string_view text);

  // Writes `input` (which must fit a pipe's buffer, 64 KiB), closes stdin,
  // reads both outputs to their end and waits for the process to exit.
  // Returns everything it printed, including what came before.
  ShellRun Finish(std::string_view input = "");

 private:
  // Waits up to `timeout_ms` (-1: forever) for output and reads what is
  // there. Returns false once both outputs are at their end.
  bool ReadSome(int timeout_ms);

  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  int err_ = -1;
  ShellRun run_;
};

// Runs `almanac args...` in directory `dir` with ShellEnvironment(dir) and
// `input` on its stdin (at most 64 KiB), and waits for it to exit.
ShellRun RunShell(const std::string& dir, const std::vector<std::string>& args,
                  std::string_view input = "");

}  // namespace almanac

#endif  // ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_
