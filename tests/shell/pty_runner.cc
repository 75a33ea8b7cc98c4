// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "tests/shell/pty_runner.h"

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <regex>
#include <thread>

#include "gtest/gtest.h"
#include "tests/shell/shell_runner.h"

namespace almanac {
namespace {

constexpr auto kTimeout = std::chrono::seconds(60);

}  // namespace

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

Terminal::Terminal(const std::vector<std::string>& args,
                   const std::vector<std::string>& env,
                   const TerminalOptions& options) {
  ShellCommand command(args, env);
  winsize size{};
  size.ws_row = options.rows;
  size.ws_col = options.columns;
  pid_ = forkpty(&master_, nullptr, nullptr, &size);
  if (pid_ == 0) {
    signal(SIGINT, SIG_DFL);
    if (!options.dir.empty() && chdir(options.dir.c_str()) != 0) _exit(125);
    command.Exec();
  }
  if (pid_ < 0) ADD_FAILURE() << "forkpty: " << std::strerror(errno);
}

Terminal::~Terminal() {
  if (pid_ > 0 && exit_code_ < 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (master_ >= 0) close(master_);
}

void Terminal::Type(std::string_view keys) {
  while (!keys.empty()) {
    const ssize_t n = write(master_, keys.data(), keys.size());
    if (n <= 0) {
      ADD_FAILURE() << "write to the terminal: " << std::strerror(errno);
      return;
    }
    keys.remove_prefix(n);
  }
}

bool Terminal::WaitFor(std::string_view text, std::string* before) {
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

bool Terminal::WaitForLineEditing() {
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

void Terminal::TypeCtrlD() {
  EXPECT_TRUE(WaitForLineEditing()) << screen();
  Type("\x04");  // Ctrl-D.
}

int Terminal::WaitForExit() {
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

std::string Terminal::Finish() {
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  while (std::chrono::steady_clock::now() < deadline && ReadSome()) {
  }
  WaitForExit();
  return std::regex_replace(output_, std::regex("\r\n"), "\n");
}

bool Terminal::ReadSome() {
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

}  // namespace almanac
