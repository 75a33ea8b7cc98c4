// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Errors that point into the query text:
//
//   line 1, column 26: unknown entity `Rusia`; did you mean Russia?
//   FIND ?x WHERE ?x visited Rusia
//                            ^

#ifndef ALMANAC_QUERY_QUERY_ERROR_H_
#define ALMANAC_QUERY_QUERY_ERROR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "query/ast.h"

namespace almanac {

// Returns "line L, column C: message", the line of `text` that holds
// `position`, and a caret under the column, as one message of three lines.
std::string FormatQueryError(std::string_view text,
                             const ast::Position& position,
                             std::string_view message);

// InvalidArgument with FormatQueryError's message.
absl::Status QueryError(std::string_view text, const ast::Position& position,
                        std::string_view message);

}  // namespace almanac

#endif  // ALMANAC_QUERY_QUERY_ERROR_H_
