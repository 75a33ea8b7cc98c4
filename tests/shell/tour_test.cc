// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the questions of docs/tour.md and the first screen of README.md on
// the demo database, so that what they show is what `almanac` prints. Each
// ```aql block is one GoogleTest, TourTest.<Heading>_<n> (ReadmeTest for
// the README): its statements run as one script on a fresh demo database,
// and what the shell prints for them (PrintResult) must be the ```text
// block right after it. Trailing spaces are ignored on every line.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "gtest/gtest.h"
#include "shell/demo.h"
#include "tests/doc_examples.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

namespace fs = std::filesystem;

struct Question {
  std::string statements;
  std::string expected;  // The ```text block after the statements.
  bool has_expected = false;
  std::string document;
  int line = 0;
};

class QuestionTest : public testing::Test {
 public:
  explicit QuestionTest(Question question) : question_(std::move(question)) {}

  void TestBody() override {
    testing::ScopedTrace trace(question_.document.c_str(), question_.line,
                               question_.statements);
    ASSERT_TRUE(question_.has_expected) << "no ```text block after the query";
    TempDir dir;
    absl::StatusOr<std::unique_ptr<Database>> db =
        OpenDemoDatabaseAt(dir.Sub("demo"));
    ASSERT_OK(StatusOf(db));
    absl::StatusOr<std::vector<QueryResult>> results =
        (*db)->Execute(question_.statements);
    ASSERT_OK(StatusOf(results));
    EXPECT_EQ(StripTrailingSpaces(Printed(*results)),
              StripTrailingSpaces(question_.expected));
  }

 private:
  const Question question_;
};

// Registers one test per ```aql block of `document` as suite `suite`;
// returns how many.
int RegisterQuestions(const char* suite, const std::string& document) {
  const fs::path path = FindDocument(document);
  const std::vector<DocBlock> blocks =
      path.empty() ? std::vector<DocBlock>() : ReadBlocks(ReadDocument(path));
  std::map<std::string, int> per_heading;
  int registered = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].language != "aql") continue;
    Question question;
    question.statements = blocks[i].text;
    question.document = path.string();
    question.line = blocks[i].line;
    if (i + 1 < blocks.size() && blocks[i + 1].language == "text") {
      question.expected = blocks[i + 1].text;
      question.has_expected = true;
    }
    const std::string heading = CamelCase(blocks[i].heading);
    const std::string name = absl::StrCat(heading, "_", ++per_heading[heading]);
    testing::RegisterTest(
        suite, name.c_str(), nullptr, nullptr, question.document.c_str(),
        question.line,
        [question]() -> testing::Test* { return new QuestionTest(question); });
    ++registered;
  }
  if (registered == 0) {
    const std::string message =
        absl::StrCat("no ```aql block in ", document, " above ",
                     fs::current_path().string());
    RegisterFailure(suite, "FindsTheQuestions", message);
  }
  return registered;
}

// Registered before main() runs, as TEST() does, so that
// --gtest_list_tests (and gtest_discover_tests) sees every question.
[[maybe_unused]] const int kTourQuestions =
    RegisterQuestions("TourTest", "docs/tour.md");
[[maybe_unused]] const int kReadmeQuestions =
    RegisterQuestions("ReadmeTest", "README.md");

// The tour promises ten questions, each a heading "## N. ...?".
TEST(TourTest, AsksTenQuestions) {
  const fs::path path = FindDocument("docs/tour.md");
  ASSERT_FALSE(path.empty()) << "no docs/tour.md";
  std::vector<std::string> questions;
  std::string last;
  for (const DocBlock& block : ReadBlocks(ReadDocument(path))) {
    if (block.language == "aql" && block.heading != last) {
      questions.push_back(block.heading);
      last = block.heading;
    }
  }
  EXPECT_EQ(questions.size(), 10u) << testing::PrintToString(questions);
}

}  // namespace
}  // namespace almanac
