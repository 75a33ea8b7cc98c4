// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/repl.h"

#include <istream>
#include <ostream>
#include <string>

namespace almanac {

int RunLines(ShellContext& shell, std::istream& in, bool interactive,
             bool bail) {
  int failures = 0;
  std::string line;
  while (!shell.quit) {
    if (interactive) *shell.out << "almanac> " << std::flush;
    if (!std::getline(in, line)) break;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const absl::Status status = RunLine(shell, line);
    if (status.ok()) continue;
    ++failures;
    *shell.err << "Error: " << status.message() << "\n";
    if (bail) break;
  }
  if (interactive && !shell.quit) *shell.out << "\n";
  return failures;
}

}  // namespace almanac
