// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/repl.h"

#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace almanac {

namespace {

// Whether `text` ends a statement: its last non-blank character is ';'
// outside quotes and comments.
bool EndsStatement(std::string_view text) {
  char quote = 0;
  char last = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '"' || c == '\'' || c == '`') {
      quote = c;
      last = c;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      last = c;
    }
  }
  return quote == 0 && last == ';';
}

}  // namespace

int RunLines(ShellContext& shell, std::istream& in, bool interactive,
             bool bail) {
  int failures = 0;
  std::string pending;  // A statement that has not ended yet.
  std::string line;
  while (!shell.quit) {
    if (interactive) {
      *shell.out << (pending.empty() ? "almanac> " : "     ...> ")
                 << std::flush;
    }
    const bool got = static_cast<bool>(std::getline(in, line));
    if (got && !line.empty() && line.back() == '\r') line.pop_back();
    std::string input;
    if (got && pending.empty() &&
        line.find_first_not_of(" \t") != std::string::npos &&
        line[line.find_first_not_of(" \t")] == '.') {
      input = line;  // A dot command: one line.
    } else if (got) {
      pending += line;
      pending += '\n';
      if (!EndsStatement(pending)) continue;
      input = std::move(pending);
      pending.clear();
    } else if (pending.find_first_not_of(" \t\n") != std::string::npos) {
      input = std::move(pending);  // The input ended without ';'.
      pending.clear();
    } else {
      break;
    }
    const absl::Status status = RunLine(shell, input);
    if (!got) shell.quit = true;
    if (status.ok()) continue;
    ++failures;
    *shell.err << "Error: " << status.message() << "\n";
    if (bail) break;
  }
  if (interactive && !shell.quit) *shell.out << "\n";
  return failures;
}

}  // namespace almanac
