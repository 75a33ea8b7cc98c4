// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Reading the examples of a Markdown document, for the tests that run them
// (tests/query/docs_test.cc, tests/shell/tour_test.cc). A document's fenced
// blocks say what to do: an ```aql block holds statements, and the ```text
// block right after it is what the shell prints for them.
//
// Example:
//   const std::filesystem::path path = FindDocument("docs/tour.md");
//   for (const DocBlock& block : ReadBlocks(ReadDocument(path))) ...

#ifndef ALMANAC_TESTS_DOC_EXAMPLES_H_
#define ALMANAC_TESTS_DOC_EXAMPLES_H_

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "almanac/query_result.h"

namespace almanac {

// A fenced block of a document.
struct DocBlock {
  std::string language;  // The word after ```.
  std::string heading;   // The nearest heading above, without the #s.
  std::string text;
  int line = 0;  // Of the opening fence, 1-based.
};

// Returns the fenced blocks of `markdown`, in order.
std::vector<DocBlock> ReadBlocks(const std::string& markdown);

// Returns `document` (a path relative to the repository root, such as
// "docs/tour.md"), looked for in the working directory and each of its
// parents (ctest runs the tests in build/tests); empty when there is none.
std::filesystem::path FindDocument(const std::string& document);

// Returns the contents of the file `path`; empty when it cannot be read.
std::string ReadDocument(const std::filesystem::path& path);

// Returns `text` with the spaces and tabs at the end of each line removed.
std::string StripTrailingSpaces(absl::string_view text);

// Returns a heading as a test name: "EXPLAIN (FORMAT JSON)" ->
// "EXPLAINFORMATJSON", "Joins with '.'" -> "JoinsWith"; "Top" when nothing
// is left.
std::string CamelCase(absl::string_view heading);

// Returns what the shell prints for `results` (PrintResult, one after
// another).
std::string Printed(const std::vector<QueryResult>& results);

// Registers test `suite`.`name`, which fails with `message`: how a document
// that cannot be read or holds no examples shows up in the test list.
void RegisterFailure(const char* suite, const char* name, std::string message);

}  // namespace almanac

#endif  // ALMANAC_TESTS_DOC_EXAMPLES_H_
