// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/query_error.h"

#include "absl/strings/str_cat.h"

namespace almanac {

std::string FormatQueryError(std::string_view text,
                             const ast::Position& position,
                             std::string_view message) {
  const size_t offset = std::min(position.offset, text.size());
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0)
                   ? 0
                   : line_start + 1;
  if (offset > 0 && text[offset - 1] == '\n') line_start = offset;
  size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  const std::string_view line = text.substr(line_start, line_end - line_start);
  // The caret line keeps the tabs of the source line so that it lines up.
  std::string caret;
  for (size_t i = line_start; i < offset && i - line_start < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // One space per UTF-8 character.
    caret.push_back(c == '\t' ? '\t' : ' ');
  }
  caret.push_back('^');
  return absl::StrCat("line ", position.line, ", column ", position.column,
                      ": ", std::string(message), "\n", std::string(line), "\n",
                      caret);
}

absl::Status QueryError(std::string_view text, const ast::Position& position,
                        std::string_view message) {
  return absl::InvalidArgumentError(FormatQueryError(text, position, message));
}

}  // namespace almanac
