// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The shell's dot commands. One table drives dispatch, usage and .help.

#ifndef ALMANAC_SHELL_COMMANDS_H_
#define ALMANAC_SHELL_COMMANDS_H_

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

struct ShellContext {
  std::unique_ptr<Database> db;
  std::ostream* out;
  std::ostream* err;
  bool show_progress = false;  // Draw progress bars (a terminal).
  bool quit = false;           // Set by .quit.
};

struct DotCommand {
  const char* name;   // ".stats"
  const char* usage;  // Arguments, "" when none.
  const char* help;   // One line.
  absl::Status (*run)(ShellContext& shell,
                      const std::vector<std::string>& args);
};

// Every dot command, in the order .help lists them.
const std::vector<DotCommand>& DotCommands();

// Splits a command line into words: spaces separate, `...` and "..." keep
// their spaces (and their quotes, so a word can be told apart from a
// string). Returns InvalidArgument for an unterminated quote.
absl::StatusOr<std::vector<std::string>> SplitWords(std::string_view line);

// Runs one input: a dot command (one line), or statements of the query
// language (which may span lines), printing their results.
absl::Status RunLine(ShellContext& shell, std::string_view line);

}  // namespace almanac

#endif  // ALMANAC_SHELL_COMMANDS_H_
