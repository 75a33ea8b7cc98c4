// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Two macros for code that returns absl::Status / absl::StatusOr<T>. The
// Abseil release Almanac builds against (20220623) does not ship them.
//
// Example:
//   absl::StatusOr<int> ParseAndDouble(std::string_view s) {
//     ALMANAC_ASSIGN_OR_RETURN(int value, Parse(s));
//     ALMANAC_RETURN_IF_ERROR(CheckRange(value));
//     return 2 * value;
//   }

#ifndef ALMANAC_STATUS_MACROS_H_
#define ALMANAC_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Evaluates `expr` (an absl::Status); returns it from the enclosing function
// when it is not OK.
#define ALMANAC_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::absl::Status almanac_status_ = (expr);           \
    if (!almanac_status_.ok()) return almanac_status_; \
  } while (false)

#define ALMANAC_STATUS_CONCAT_INNER_(a, b) a##b
#define ALMANAC_STATUS_CONCAT_(a, b) ALMANAC_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when it is not
// OK, otherwise moves its value into `lhs` (a declaration or an lvalue).
#define ALMANAC_ASSIGN_OR_RETURN(lhs, rexpr) \
  ALMANAC_ASSIGN_OR_RETURN_IMPL_(            \
      ALMANAC_STATUS_CONCAT_(almanac_statusor_, __LINE__), lhs, rexpr)

#define ALMANAC_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // ALMANAC_STATUS_MACROS_H_
