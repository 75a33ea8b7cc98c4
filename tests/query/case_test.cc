// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// End-to-end query cases in text files, after DuckDB's sqllogictest and
// Kùzu's e2e tests: every file in tests/query/cases/ is one GoogleTest
// (CaseTest.<file name>) that runs its records, in order, against one fresh
// database. A record is a directive line, the statement lines, and, for some,
// a "----" line and the expected lines; a blank line ends it. Lines starting
// with '#' between records are comments.
//
//   statement ok           The statements succeed. With a "----" block,
//   ADD A p B @ 2014;      their output must equal it (see below).
//
//   query                  The statements succeed and their output equals
//   FIND ?x WHERE A p ?x;  the block: for a FIND, the column names and then
//   ----                   one line per row, cells joined by " | ", each
//   x                      cell as Cell::ToString() writes it.
//   B
//
//   query rowsort          The same, with the rows (all lines but the
//                          header) of both sides sorted before comparing,
//                          for one FIND whose order is not defined.
//
//   error                  The statements fail. When the block is one line
//   FIND ?x WHERE Bb p ?x; it is the first line of the error message, else
//   ----                   the whole message (with the query line and its
//   line 1, column 15: unknown entity Bb; did you mean B?          caret).
//
// The statements of a record run as one script (Database::Execute), so a
// record may hold BEGIN ... COMMIT. A script's output is that of each of its
// statements in turn: a FIND as above, an EXPLAIN as its plan lines, a write
// that changed something as "added A, retracted R (transaction T)", anything
// else as "ok". Trailing spaces are ignored on every line (an empty last
// cell leaves one); a row that is one empty cell cannot be written, since it
// would be a blank line.
//
// The test finds the folder by looking upward from the working directory
// (ctest runs it in build/tests) for tests/query/cases.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCasesFolder = "tests/query/cases";

struct Record {
  enum class Kind { kStatement, kQuery, kError };
  Kind kind = Kind::kStatement;
  bool rowsort = false;
  int line = 0;  // Of the directive, 1-based.
  std::string statements;
  bool has_expected = false;
  std::vector<std::string> expected;
};

std::string StripTrailingSpaces(absl::string_view line) {
  const size_t end = line.find_last_not_of(" \t\r");
  return std::string(
      line.substr(0, end == absl::string_view::npos ? 0 : end + 1));
}

// Parses the records of a case file; an unknown directive is an error.
absl::StatusOr<std::vector<Record>> ParseCases(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  std::vector<Record> records;
  size_t i = 0;
  while (i < lines.size()) {
    const std::string directive = StripTrailingSpaces(lines[i]);
    if (directive.empty() || directive[0] == '#') {
      ++i;
      continue;
    }
    Record record;
    record.line = static_cast<int>(i) + 1;
    if (directive == "statement ok") {
      record.kind = Record::Kind::kStatement;
    } else if (directive == "query" || directive == "query rowsort") {
      record.kind = Record::Kind::kQuery;
      record.rowsort = directive == "query rowsort";
    } else if (directive == "error") {
      record.kind = Record::Kind::kError;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", record.line, ": unknown directive \"", directive, "\""));
    }
    std::vector<std::string> statements;
    for (++i; i < lines.size() && !StripTrailingSpaces(lines[i]).empty() &&
              StripTrailingSpaces(lines[i]) != "----";
         ++i) {
      statements.push_back(lines[i]);
    }
    record.statements = absl::StrJoin(statements, "\n");
    if (i < lines.size() && StripTrailingSpaces(lines[i]) == "----") {
      record.has_expected = true;
      for (++i; i < lines.size() && !StripTrailingSpaces(lines[i]).empty();
           ++i) {
        record.expected.push_back(StripTrailingSpaces(lines[i]));
      }
    }
    if (statements.empty() ||
        (record.kind != Record::Kind::kStatement && !record.has_expected)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", record.line, ": expected statements, \"----\" and the ",
          "expected output"));
    }
    records.push_back(std::move(record));
  }
  return records;
}

// The lines a script's results print as (see the top of this file).
std::vector<std::string> Render(const std::vector<QueryResult>& results,
                                bool rowsort) {
  std::vector<std::string> out;
  for (const QueryResult& result : results) {
    if (!result.plan.empty()) {
      for (absl::string_view line : absl::StrSplit(result.plan, '\n')) {
        if (!line.empty()) out.push_back(StripTrailingSpaces(line));
      }
    }
    if (!result.columns.empty()) {
      out.push_back(absl::StrJoin(result.columns, " | "));
      std::vector<std::string> rows;
      for (ResultRows::Row row : result.rows) {
        std::vector<std::string> cells;
        for (const Cell& cell : row) cells.push_back(cell.ToString());
        rows.push_back(StripTrailingSpaces(absl::StrJoin(cells, " | ")));
      }
      if (rowsort) std::sort(rows.begin(), rows.end());
      out.insert(out.end(), rows.begin(), rows.end());
    } else if (result.tx != 0 || result.added != 0 || result.retracted != 0) {
      out.push_back(absl::StrCat("added ", result.added, ", retracted ",
                                 result.retracted, " (transaction ", result.tx,
                                 ")"));
    } else if (result.plan.empty()) {
      out.push_back("ok");
    }
  }
  return out;
}

class CaseFileTest : public testing::Test {
 public:
  explicit CaseFileTest(std::string path) : path_(std::move(path)) {}

  void TestBody() override {
    std::ifstream in(path_, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<std::vector<Record>> records = ParseCases(text.str());
    ASSERT_TRUE(records.ok()) << path_ << ": " << records.status().message();

    TempDir dir;
    Options options;
    options.sync_commits = false;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir.Sub("db"), options);
    ASSERT_OK(StatusOf(db));
    for (const Record& record : *records) {
      testing::ScopedTrace trace(path_.c_str(), record.line, record.statements);
      Run(**db, record);
    }
  }

 private:
  static void Run(Database& db, const Record& record) {
    absl::StatusOr<std::vector<QueryResult>> results =
        db.Execute(record.statements);
    if (record.kind == Record::Kind::kError) {
      ASSERT_FALSE(results.ok()) << "the statements succeeded";
      std::vector<std::string> message =
          absl::StrSplit(results.status().message(), '\n');
      if (record.expected.size() == 1) message.resize(1);
      for (std::string& line : message) line = StripTrailingSpaces(line);
      EXPECT_EQ(absl::StrJoin(message, "\n"),
                absl::StrJoin(record.expected, "\n"));
      return;
    }
    ASSERT_TRUE(results.ok()) << results.status().message();
    if (!record.has_expected) return;
    std::vector<std::string> expected = record.expected;
    if (record.rowsort && !expected.empty()) {
      std::sort(expected.begin() + 1, expected.end());
    }
    EXPECT_EQ(absl::StrJoin(Render(*results, record.rowsort), "\n"),
              absl::StrJoin(expected, "\n"));
  }

  const std::string path_;
};

// Returns the folder `relative`, looked for in the working directory and
// each of its parents; empty when there is none.
fs::path FindUpward(std::string_view relative) {
  std::error_code error;
  for (fs::path dir = fs::current_path(error); !dir.empty();
       dir = dir.parent_path()) {
    if (fs::exists(dir / relative, error)) return dir / relative;
    if (dir == dir.root_path()) break;
  }
  return {};
}

// A test name from a file name: letters, digits and '_' kept.
std::string TestName(const fs::path& file) {
  std::string name = file.stem().string();
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class MissingFolderTest : public testing::Test {
  void TestBody() override {
    FAIL() << "no " << kCasesFolder << " above " << fs::current_path();
  }
};

bool RegisterCaseFiles() {
  const fs::path folder = FindUpward(kCasesFolder);
  if (folder.empty()) {
    testing::RegisterTest(
        "CaseTest", "FindsTheCaseFiles", nullptr, nullptr, __FILE__, __LINE__,
        []() -> testing::Test* { return new MissingFolderTest(); });
    return false;
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    const std::string path = file.string();
    testing::RegisterTest(
        "CaseTest", TestName(file).c_str(), nullptr, nullptr, path.c_str(), 1,
        [path]() -> testing::Test* { return new CaseFileTest(path); });
  }
  return true;
}

// Registered before main() runs, as TEST() does, so that
// --gtest_list_tests (and gtest_discover_tests) sees one test per file.
[[maybe_unused]] const bool kRegistered = RegisterCaseFiles();

}  // namespace
}  // namespace almanac
