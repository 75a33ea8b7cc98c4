// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the examples of docs/query-language.md, so that the reference cannot
// drift from the implementation. The document's fenced blocks say what to
// do:
//
//   ```aql            statements, run as one script (Database::Execute);
//   ```text           the block right after it: what the shell prints for
//                     their results (PrintResult, one result after another).
//   ```aql-nocompare  statements that must succeed; their output varies
//                     (EXPLAIN ANALYZE timings), so a ```text block after
//                     them is shown but not compared.
//   ```aql-error      statements that must fail; the ```text block after
//                     them is the error message.
//
// Every such block is one GoogleTest, DocsTest.<Heading>_<n>: the nearest
// heading above it in CamelCase and the block's number under that heading.
// Each runs on a fresh database loaded with the example data: the first
// ```aql block under the heading "Example data" (which is itself checked on
// an empty database). Trailing spaces are ignored on every line.
//
// The test finds the document by looking upward from the working directory
// (ctest runs it in build/tests) for docs/query-language.md.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "almanac/database.h"
#include "gtest/gtest.h"
#include "shell/result_printer.h"
#include "tests/doc_examples.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

namespace fs = std::filesystem;

constexpr char kDocument[] = "docs/query-language.md";

// The example data: the first ```aql block under "Example data"; empty
// when there is none.
std::string ExampleData(const std::vector<DocBlock>& blocks) {
  for (const DocBlock& block : blocks) {
    if (block.language == "aql" && block.heading == "Example data") {
      return block.text;
    }
  }
  return "";
}

struct Example {
  enum class Kind { kCompare, kNoCompare, kError };
  Kind kind = Kind::kCompare;
  std::string statements;
  std::string expected;  // The ```text block after the statements.
  bool has_expected = false;
  int line = 0;
};

absl::StatusOr<std::unique_ptr<Database>> OpenFresh(const TempDir& dir) {
  Options options;
  options.sync_commits = false;
  return Database::Open(dir.Sub("db"), options);
}

class DocExampleTest : public testing::Test {
 public:
  DocExampleTest(std::string path, std::string dataset, Example example)
      : path_(std::move(path)),
        dataset_(std::move(dataset)),
        example_(std::move(example)) {}

  void TestBody() override {
    testing::ScopedTrace trace(path_.c_str(), example_.line,
                               example_.statements);
    TempDir dir;
    absl::StatusOr<std::unique_ptr<Database>> db = OpenFresh(dir);
    ASSERT_OK(StatusOf(db));
    if (!dataset_.empty()) ASSERT_OK(StatusOf((*db)->Execute(dataset_)));

    absl::StatusOr<std::vector<QueryResult>> results =
        (*db)->Execute(example_.statements);
    switch (example_.kind) {
      case Example::Kind::kCompare:
        ASSERT_OK(StatusOf(results));
        ASSERT_TRUE(example_.has_expected)
            << "no ```text block after the example";
        EXPECT_EQ(StripTrailingSpaces(Printed(*results)),
                  StripTrailingSpaces(example_.expected));
        break;
      case Example::Kind::kNoCompare:
        EXPECT_OK(StatusOf(results));
        break;
      case Example::Kind::kError:
        ASSERT_FALSE(results.ok()) << "the statements succeeded";
        ASSERT_TRUE(example_.has_expected)
            << "no ```text block after the example";
        EXPECT_EQ(
            StripTrailingSpaces(results.status().message()),
            StripTrailingSpaces(absl::StripSuffix(example_.expected, "\n")));
        break;
    }
  }

 private:
  const std::string path_;
  const std::string dataset_;
  const Example example_;
};

bool RegisterExamples() {
  const fs::path path = FindDocument(kDocument);
  if (path.empty()) {
    RegisterFailure(
        "DocsTest", "FindsTheDocument",
        absl::StrCat("no ", kDocument, " above ", fs::current_path().string()));
    return false;
  }
  const std::vector<DocBlock> blocks = ReadBlocks(ReadDocument(path));
  const std::string dataset = ExampleData(blocks);
  if (dataset.empty()) {
    RegisterFailure("DocsTest", "FindsTheExampleData",
                    "no ```aql block under a heading \"Example data\"");
  }
  std::map<std::string, int> per_heading;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const DocBlock& block = blocks[i];
    Example example;
    if (block.language == "aql") {
      example.kind = Example::Kind::kCompare;
    } else if (block.language == "aql-nocompare") {
      example.kind = Example::Kind::kNoCompare;
    } else if (block.language == "aql-error") {
      example.kind = Example::Kind::kError;
    } else {
      continue;
    }
    example.statements = block.text;
    example.line = block.line;
    if (i + 1 < blocks.size() && blocks[i + 1].language == "text") {
      example.expected = blocks[i + 1].text;
      example.has_expected = true;
    }
    const std::string heading = CamelCase(block.heading);
    const std::string name = absl::StrCat(heading, "_", ++per_heading[heading]);
    // The example data itself runs on an empty database.
    const std::string load = block.text == dataset ? "" : dataset;
    const std::string file = path.string();
    testing::RegisterTest("DocsTest", name.c_str(), nullptr, nullptr,
                          file.c_str(), block.line,
                          [file, load, example]() -> testing::Test* {
                            return new DocExampleTest(file, load, example);
                          });
  }
  return true;
}

// Registered before main() runs, as TEST() does, so that
// --gtest_list_tests (and gtest_discover_tests) sees every example.
[[maybe_unused]] const bool kRegistered = RegisterExamples();

// The C++ example under "Parameters" is not compiled from the document;
// this is the same code (run twice, as there), checked against the ```text
// block after it.
TEST(DocsTest, ParametersExample) {
  const fs::path path = FindDocument(kDocument);
  ASSERT_FALSE(path.empty()) << "no " << kDocument;
  const std::vector<DocBlock> blocks = ReadBlocks(ReadDocument(path));
  std::optional<std::string> expected;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (!expected && blocks[i].language == "cpp" &&
        blocks[i].heading == "Parameters" && i + 1 < blocks.size() &&
        blocks[i + 1].language == "text") {
      expected = blocks[i + 1].text;
    }
  }
  ASSERT_TRUE(expected) << "no ```cpp and ```text blocks under Parameters";
  TempDir dir;
  absl::StatusOr<std::unique_ptr<Database>> opened = OpenFresh(dir);
  ASSERT_OK(StatusOf(opened));
  Database& db = **opened;
  ASSERT_OK(StatusOf(db.Execute(ExampleData(blocks))));

  // As in the document:
  absl::StatusOr<std::unique_ptr<PreparedStatement>> recognized = db.Prepare(
      "FIND ?who, ?when WHERE ?who recognized $state @ ?when "
      "FILTER ?when AFTER $since ORDER BY ?when;");
  ASSERT_OK(StatusOf(recognized));
  QueryParameters parameters;
  parameters["state"] = Term::Entity("IEA");
  std::ostringstream out;
  for (const char* since : {"2000", "1990"}) {
    parameters["since"] = *ValidTime::Parse(since);
    absl::StatusOr<QueryResult> result = (*recognized)->Execute(parameters);
    ASSERT_OK(StatusOf(result));
    PrintResult(*result, out);
  }
  EXPECT_EQ(StripTrailingSpaces(out.str()), StripTrailingSpaces(*expected));
}

}  // namespace
}  // namespace almanac
