// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "tests/shell/shell_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "gtest/gtest.h"

extern char** environ;

namespace almanac {

void PrintTo(const ShellRun& run, std::ostream* os) {
  *os << "exit " << run.exit_code << "\n--- stdout\n"
      << run.out << "--- stderr\n"
      << run.err;
}

std::vector<std::string> ShellEnvironment(const std::string& dir) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    if (!text.starts_with("ALMANAC_DEMO_DB=") && !text.starts_with("HOME=") &&
        !text.starts_with("XDG_DATA_HOME=")) {
      env.emplace_back(text);
    }
  }
  env.push_back("ALMANAC_DEMO_DB=" + dir + "/demo");
  env.push_back("HOME=" + dir + "/home");
  return env;
}

ShellCommand::ShellCommand(const std::vector<std::string>& args,
                           const std::vector<std::string>& env)
    : args_{ALMANAC_BINARY}, env_(env) {
  args_.insert(args_.end(), args.begin(), args.end());
  for (std::string& arg : args_) argv_.push_back(arg.data());
  argv_.push_back(nullptr);
  for (std::string& entry : env_) envp_.push_back(entry.data());
  envp_.push_back(nullptr);
}

void ShellCommand::Exec() {
  execve(argv_[0], argv_.data(), envp_.data());
  _exit(126);
}

ShellProcess::ShellProcess(const std::string& dir,
                           const std::vector<std::string>& args,
                           const std::vector<std::string>& env) {
  ShellCommand command(args, env);
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
      pipe2(err, O_CLOEXEC) != 0) {
    ADD_FAILURE() << "pipe2: " << std::strerror(errno);
    return;
  }
  pid_ = fork();
  if (pid_ == 0) {
    signal(SIGPIPE, SIG_DFL);
    if (chdir(dir.c_str()) != 0 || dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 ||
        dup2(err[1], 2) < 0) {
      _exit(125);
    }
    command.Exec();
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  in_ = in[1];
  out_ = out[0];
  err_ = err[0];
  if (pid_ < 0) ADD_FAILURE() << "fork: " << std::strerror(errno);
}

ShellProcess::~ShellProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  for (int fd : {in_, out_, err_}) {
    if (fd >= 0) close(fd);
  }
}

void ShellProcess::Write(std::string_view text) {
  // Ignore SIGPIPE here: a process that exits early must not kill the test.
  const auto previous = signal(SIGPIPE, SIG_IGN);
  while (!text.empty()) {
    const ssize_t n = write(in_, text.data(), text.size());
    if (n <= 0) {
      ADD_FAILURE() << "write to the shell: " << std::strerror(errno);
      break;
    }
    text.remove_prefix(n);
  }
  signal(SIGPIPE, previous);
}

bool ShellProcess::WaitForOutput(std::string_view text) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (run_.out.find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline || !ReadSome(100)) {
      return false;
    }
  }
  return true;
}

ShellRun ShellProcess::Finish(std::string_view input) {
  if (in_ >= 0) {
    Write(input);
    close(in_);
    in_ = -1;
  }
  while (ReadSome(-1)) {
  }
  int status = 0;
  if (pid_ > 0 && waitpid(pid_, &status, 0) == pid_) {
    run_.exit_code =
        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  pid_ = -1;
  return run_;
}

bool ShellProcess::ReadSome(int timeout_ms) {
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
    std::string& text = p.fd == out_ ? run_.out : run_.err;
    if (n > 0) {
      text.append(buffer, n);
    } else {
      close(fd);
      fd = -1;
    }
  }
  return true;
}

ShellRun RunShell(const std::string& dir, const std::vector<std::string>& args,
                  std::string_view input) {
  return ShellProcess(dir, args, ShellEnvironment(dir)).Finish(input);
}

}  // namespace almanac
