// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "tests/doc_examples.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "shell/result_printer.h"

namespace almanac {

namespace fs = std::filesystem;

std::vector<DocBlock> ReadBlocks(const std::string& markdown) {
  std::vector<DocBlock> blocks;
  std::string heading;
  std::optional<DocBlock> open;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(markdown, '\n')) {
    ++number;
    if (open) {
      if (absl::StartsWith(line, "```")) {
        blocks.push_back(*std::move(open));
        open.reset();
      } else {
        absl::StrAppend(&open->text, line, "\n");
      }
    } else if (absl::StartsWith(line, "```")) {
      open = DocBlock{std::string(absl::StripAsciiWhitespace(line.substr(3))),
                      heading, "", number};
    } else if (absl::StartsWith(line, "#")) {
      const size_t text = std::min(line.find_first_not_of('#'), line.size());
      heading = std::string(absl::StripAsciiWhitespace(line.substr(text)));
    }
  }
  return blocks;
}

fs::path FindDocument(const std::string& document) {
  std::error_code error;
  for (fs::path dir = fs::current_path(error); !dir.empty();
       dir = dir.parent_path()) {
    if (fs::exists(dir / document, error)) return dir / document;
    if (dir == dir.root_path()) break;
  }
  return {};
}

std::string ReadDocument(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string StripTrailingSpaces(absl::string_view text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    lines.emplace_back(absl::StripTrailingAsciiWhitespace(line));
  }
  return absl::StrJoin(lines, "\n");
}

std::string CamelCase(absl::string_view heading) {
  std::string name;
  bool word_start = true;
  for (const char c : heading) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      word_start = true;
      continue;
    }
    name += word_start ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
    word_start = false;
  }
  return name.empty() ? "Top" : name;
}

std::string Printed(const std::vector<QueryResult>& results) {
  std::ostringstream out;
  for (const QueryResult& result : results) PrintResult(result, out);
  return out.str();
}

namespace {

class FailingTest : public testing::Test {
 public:
  explicit FailingTest(std::string message) : message_(std::move(message)) {}
  void TestBody() override { FAIL() << message_; }

 private:
  const std::string message_;
};

}  // namespace

void RegisterFailure(const char* suite, const char* name, std::string message) {
  testing::RegisterTest(
      suite, name, nullptr, nullptr, __FILE__, __LINE__,
      [message]() -> testing::Test* { return new FailingTest(message); });
}

}  // namespace almanac
