// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The first stage of a query: text to AST (query/ast.h). The grammar is in
// query/grammar.h, the error messages in query/parse_errors.h.
//
// Example:
//   absl::StatusOr<std::vector<ast::Statement>> statements =
//       Parse("FIND ?who WHERE ?who recognized IEA; BEGIN;");
//   // statements->size() == 2
//
//   Parse("FIND ?who WHEN ?who recognized IEA").status().message() ==
//       "line 1, column 11: expected WHERE\n"
//       "FIND ?who WHEN ?who recognized IEA\n"
//       "          ^"

#ifndef ALMANAC_QUERY_PARSER_H_
#define ALMANAC_QUERY_PARSER_H_

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "query/ast.h"

namespace almanac {

// How deeply parentheses, braces, NOT and unary minus may nest, and how deep
// an expression tree may grow (a long chain of ANDs is one level per AND).
// Deeper input is rejected with an error instead of exhausting the stack.
inline constexpr int kMaxParseNesting = 200;
inline constexpr int kMaxExpressionDepth = 1000;

// Parses a script: statements separated by ';' (the last ';' may be left
// out), with `-- comments` to the end of a line and whitespace anywhere.
// Keywords are case-insensitive. An empty script has no statements.
//
// On a syntax error returns InvalidArgument whose message is three lines:
//   line L, column C: <what was expected>
//   <the line of `text` holding the error>
//   <spaces (and the line's tabs) up to column C>^
// Columns count bytes from 1. An error at the end of the input is reported
// just after its last non-blank character. Never throws.
[[nodiscard]] absl::StatusOr<std::vector<ast::Statement>> Parse(
    std::string_view text);

}  // namespace almanac

#endif  // ALMANAC_QUERY_PARSER_H_
