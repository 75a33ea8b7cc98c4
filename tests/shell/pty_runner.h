// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the real `almanac` binary (ALMANAC_BINARY) on a pseudo-terminal
// (forkpty), for tests of what a user at a terminal sees: the test types
// keys and reads what the shell draws. Timeouts are generous because the
// machine running the tests may be busy; a passing test does not wait for
// them. A target that includes this header compiles pty_runner.cc and
// shell_runner.cc and defines ALMANAC_BINARY.
//
// Example:
//   Terminal shell({"db"}, ShellEnvironment(dir.path()));
//   ASSERT_TRUE(shell.WaitFor("almanac> ")) << shell.screen();
//   shell.Type(".quit\r");
//   EXPECT_EQ(shell.WaitForExit(), 0) << shell.screen();

#ifndef ALMANAC_TESTS_SHELL_PTY_RUNNER_H_
#define ALMANAC_TESTS_SHELL_PTY_RUNNER_H_

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace almanac {

// Returns `text` without ANSI escape sequences, carriage returns and
// backspaces.
std::string Plain(std::string_view text);

// Where and on what size of terminal to start the shell.
struct TerminalOptions {
  std::string dir;  // Working directory; empty: the test's.
  unsigned short rows = 40;
  unsigned short columns = 120;
};

// The almanac binary running on a pseudo-terminal. The process is killed
// when the object is destroyed before it has exited.
class Terminal {
 public:
  // Starts `almanac args...` with environment `env` ("NAME=value" strings:
  // the whole environment) as `options` say. A failure to start is a test
  // failure.
  Terminal(const std::vector<std::string>& args,
           const std::vector<std::string>& env,
           const TerminalOptions& options = {});
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // Sends `keys` as if typed; a failed write is a test failure.
  void Type(std::string_view keys);

  // Reads until the output not yet matched holds `text`, then marks it
  // matched up to the end of `text`; `*before` (if given) receives what was
  // shown between the previous match and this one. False after the timeout
  // or at the end of the output. Works on screen(), without escapes.
  bool WaitFor(std::string_view text, std::string* before = nullptr);

  // Waits until the line editor has the terminal (canonical mode off), so
  // that Ctrl-D reaches it as a key: typed a moment earlier, while the
  // prompt is drawn but the terminal is still line-buffered, it would be
  // the kernel's end-of-file instead. False after the timeout.
  bool WaitForLineEditing();

  // Types Ctrl-D once the line editor reads keys.
  void TypeCtrlD();

  // Waits for the shell to exit, reading its output meanwhile; returns its
  // exit status, -1 after the timeout, 128 + N when killed by signal N.
  int WaitForExit();

  // Reads the output to its end, waits for the exit (see exit_code()) and
  // returns everything shown, escape sequences kept and the terminal's
  // "\r\n" as "\n".
  std::string Finish();

  // The exit status WaitForExit() or Finish() saw; -1 before.
  int exit_code() const { return exit_code_; }
  // Everything shown so far, without escape sequences.
  std::string screen() const { return Plain(output_); }

 private:
  // Reads what is available within 100 ms; false at the end of output.
  bool ReadSome();

  pid_t pid_ = -1;
  int master_ = -1;
  int exit_code_ = -1;
  std::string output_;
  size_t matched_ = 0;  // In screen().
};

}  // namespace almanac

#endif  // ALMANAC_TESTS_SHELL_PTY_RUNNER_H_
