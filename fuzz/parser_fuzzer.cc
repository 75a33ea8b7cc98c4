// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// libFuzzer target for Parse() (query/parser.h): whatever the bytes, Parse
// returns statements or an InvalidArgument error in the three-line format,
// and never crashes, hangs or throws.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "query/ast.h"
#include "query/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const absl::StatusOr<std::vector<almanac::ast::Statement>> parsed =
      almanac::Parse(text);
  if (parsed.ok()) {
    for (const almanac::ast::Statement& statement : *parsed) {
      if (statement.position.offset > size) __builtin_trap();
    }
    return 0;
  }
  if (parsed.status().code() != absl::StatusCode::kInvalidArgument) {
    __builtin_trap();
  }
  // "line L, column C: message", the line, the caret: three lines.
  size_t newlines = 0;
  for (const char c : parsed.status().message()) newlines += c == '\n';
  if (newlines != 2) __builtin_trap();
  return 0;
}
