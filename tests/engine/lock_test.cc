// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Only one process may open a database directory at a time, and opening it
// twice in one process fails cleanly.

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

Fact F(std::string_view subject, std::string_view predicate,
       std::string_view object) {
  Fact fact;
  fact.subject = Term::Entity(std::string(subject));
  fact.predicate = Term::Entity(std::string(predicate));
  fact.object = Term::Entity(std::string(object));
  return fact;
}

// A child process that opens the database at `path` each time it is asked
// and reports "CODE: message" back. It is forked before this process opens
// the database, so that its open really contends for the directory's lock
// with another process rather than with a copy of this one's state, and so
// that no background thread of a database can hold a lock at the fork (see
// Database::Open: a child forked after a database was opened may not open
// one before it execs; under AddressSanitizer such a child hung in the
// sanitizer's allocator about one run in twenty). ctest runs each test in a
// process of its own, so nothing was opened before the fork.
class OpeningChild {
 public:
  explicit OpeningChild(const std::string& path) {
    // A child that died must fail the test, not kill it with SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    int commands[2];
    int reports[2];
    if (pipe(commands) != 0 || pipe(reports) != 0) {
      ADD_FAILURE() << "pipe failed";
      return;
    }
    pid_ = fork();
    if (pid_ == 0) {
      close(commands[1]);
      close(reports[0]);
      Serve(path, commands[0], reports[1]);  // Never returns.
    }
    close(commands[0]);
    close(reports[1]);
    command_fd_ = commands[1];
    report_fd_ = reports[0];
    if (pid_ < 0) ADD_FAILURE() << "fork failed";
  }

  ~OpeningChild() {
    if (command_fd_ >= 0) close(command_fd_);  // The child exits on EOF.
    if (report_fd_ >= 0) close(report_fd_);
    if (pid_ > 0) {
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }

  // Asks the child to open the database; returns its report, or what went
  // wrong. After a successful open the child exits, holding the database
  // open until it does.
  std::string TryOpen() {
    if (write(command_fd_, "o", 1) != 1) return "cannot write to the child";
    std::string report;
    while (true) {
      pollfd poll_fd = {report_fd_, POLLIN, 0};
      if (poll(&poll_fd, 1, /*timeout_ms=*/30000) <= 0) {
        return "no answer from the child within 30 s";
      }
      char c;
      if (read(report_fd_, &c, 1) != 1) return "the child died: " + report;
      if (c == '\0') return report;
      report += c;
    }
  }

  // Waits for the child to exit; returns its exit code (-1 if killed).
  int Wait() {
    int status = 0;
    if (waitpid(pid_, &status, 0) != pid_) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  [[noreturn]] static void Serve(const std::string& path, int command_fd,
                                 int report_fd) {
    alarm(60);  // A watchdog: never outlive a stuck test.
    char command;
    while (read(command_fd, &command, 1) == 1) {
      absl::StatusOr<std::unique_ptr<Database>> db =
          Database::Open(path, Options());
      const std::string report =
          db.ok() ? "OK"
                  : absl::StatusCodeToString(db.status().code()) + ": " +
                        std::string(db.status().message());
      if (write(report_fd, report.c_str(), report.size() + 1) < 0) _exit(2);
      if (db.ok()) {
        // Exit without closing: the lock goes with the process.
        (void)db->release();
        _exit(0);
      }
    }
    _exit(0);
  }

  pid_t pid_ = -1;
  int command_fd_ = -1;
  int report_fd_ = -1;
};

TEST(LockTest, AnotherProcessCannotOpenAnOpenDatabase) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  OpeningChild child(path);
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(path, Options());
  ASSERT_OK(StatusOf(db));
  Transaction txn;
  txn.Add(F("A", "p", "B"));
  ASSERT_OK(StatusOf((*db)->Commit(txn)));

  const std::string refused = child.TryOpen();
  EXPECT_THAT(refused, StartsWith("FAILED_PRECONDITION: "));
  EXPECT_THAT(refused, HasSubstr("already open in another process"));
  EXPECT_THAT(refused, HasSubstr(path));

  // The refusal changed nothing for the process that holds it.
  EXPECT_TRUE((*db)->Scan(Pattern())->Valid());
  db->reset();

  EXPECT_EQ(child.TryOpen(), "OK");
  EXPECT_EQ(child.Wait(), 0);
  // The child is gone, and so is its lock.
  db = Database::Open(path, Options());
  ASSERT_OK(StatusOf(db));
  std::unique_ptr<FactIterator> it = (*db)->Scan(Pattern());
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->fact().ToString(), "A p B");
}

TEST(LockTest, OpeningTwiceInOneProcessFails) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  absl::StatusOr<std::unique_ptr<Database>> first =
      Database::Open(path, Options());
  ASSERT_OK(StatusOf(first));
  for (int attempt = 0; attempt < 3; ++attempt) {
    absl::StatusOr<std::unique_ptr<Database>> second =
        Database::Open(path, Options());
    EXPECT_FALSE(second.ok());
  }
  // The first handle is unharmed.
  Transaction txn;
  txn.Add(F("A", "p", "B"));
  ASSERT_OK(StatusOf((*first)->Commit(txn)));
  EXPECT_TRUE((*first)->Scan(Pattern())->Valid());
  first->reset();
  // Once closed, it opens again.
  ASSERT_OK(StatusOf(Database::Open(path, Options())));
}

// The same directory named another way is still the same database.
TEST(LockTest, OpeningTwiceByAnotherNameFails) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  absl::StatusOr<std::unique_ptr<Database>> first =
      Database::Open(path, Options());
  ASSERT_OK(StatusOf(first));
  std::filesystem::create_directory_symlink(path, dir.Sub("link"));
  for (const std::string& alias :
       {path + "/", path + "/.", dir.path() + "/./db", dir.Sub("link")}) {
    absl::StatusOr<std::unique_ptr<Database>> second =
        Database::Open(alias, Options());
    EXPECT_FALSE(second.ok()) << alias << " opened a second time";
  }
  Transaction txn;
  txn.Add(F("A", "p", "B"));
  EXPECT_OK(StatusOf((*first)->Commit(txn)));
}

}  // namespace
}  // namespace almanac
