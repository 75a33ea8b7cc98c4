// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the real `almanac` binary (ALMANAC_BINARY) to its end, with pipes on
// its standard input, output and error, for tests that compare what it
// prints. The demo database and $HOME point into the test's directory, so
// the user's own files are never touched.
//
// Example:
//   TempDir dir;
//   ShellRun run = RunShell(dir.path(), {"db", "-c", ".stats"});
//   EXPECT_EQ(run.out, "facts 0, ...\n");

#ifndef ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_
#define ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace almanac {

struct ShellRun {
  int exit_code = -1;  // 128 + N when killed by signal N; -1: not started.
  std::string out;
  std::string err;
};

inline void PrintTo(const ShellRun& run, std::ostream* os) {
  *os << "exit " << run.exit_code << "\n--- stdout\n"
      << run.out << "--- stderr\n"
      << run.err;
}

// Runs `almanac args...` in directory `dir` with `input` on its standard
// input (which must fit a pipe's buffer, 64 KiB), and waits for it to exit.
inline ShellRun RunShell(const std::string& dir,
                         const std::vector<std::string>& args,
                         std::string_view input = "") {
  std::vector<std::string> argv_strings = {ALMANAC_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    if (!text.starts_with("ALMANAC_DEMO_DB=") && !text.starts_with("HOME=") &&
        !text.starts_with("XDG_DATA_HOME=")) {
      env_strings.emplace_back(text);
    }
  }
  env_strings.push_back("ALMANAC_DEMO_DB=" + dir + "/demo");
  env_strings.push_back("HOME=" + dir + "/home");
  std::vector<char*> envp;
  for (std::string& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);

  ShellRun run;
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
      pipe2(err, O_CLOEXEC) != 0) {
    return run;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0 || dup2(in[0], 0) < 0 || dup2(out[1], 1) < 0 ||
        dup2(err[1], 2) < 0) {
      _exit(125);
    }
    execve(argv[0], argv.data(), envp.data());
    _exit(126);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (pid > 0 && !input.empty()) {
    // Ignore SIGPIPE here: a child that exits early must not kill the test.
    const auto previous = signal(SIGPIPE, SIG_IGN);
    if (write(in[1], input.data(), input.size()) < 0) {
      run.err = "cannot write the input\n";
    }
    signal(SIGPIPE, previous);
  }
  close(in[1]);
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* texts[2] = {&run.out, &run.err};
  int open_fds = 2;
  while (pid > 0 && open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        texts[i]->append(buffer, n);
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (const pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) {
    run.exit_code =
        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return run;
}

}  // namespace almanac

#endif  // ALMANAC_TESTS_SHELL_SHELL_RUNNER_H_
