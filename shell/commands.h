// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The shell's dot commands and the state they change. One table drives
// dispatch, usage and .help: to add a command, write its handler (in its
// own file for a group of commands) and add a row to DotCommands().

#ifndef ALMANAC_SHELL_COMMANDS_H_
#define ALMANAC_SHELL_COMMANDS_H_

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"
#include "shell/result_printer.h"

namespace almanac {

struct ShellContext {
  std::unique_ptr<Database> db;
  // Statements run here, so that BEGIN ... COMMIT may span inputs. Declared
  // after `db`, so destroyed before it.
  std::unique_ptr<Session> session;
  std::ostream* out = nullptr;  // Results: standard output or .output FILE.
  std::ostream* err = nullptr;  // Errors.
  bool show_progress = false;   // Draw progress bars (a terminal).
  bool quit = false;            // Set by .quit.

  // How results print (--format, .mode, .maxrows). `terminal` and `width`
  // describe standard output; they apply only while results go there.
  OutputFormat format = OutputFormat::kTable;
  size_t max_rows = 0;    // Rows a table or box shows; 0: all.
  bool terminal = false;  // Standard output is a terminal: colours allowed.
  size_t width = 0;       // Its columns; 0: unknown, values are never cut.

  bool timer = false;    // .timer on: print the time each statement took.
  bool explain = false;  // .explain on: run each FIND as EXPLAIN FIND.
  bool bail = false;     // --bail: scripts (.read too) stop at an error.

  // Standard output, where `.output` with no file returns. When null, `out`
  // is standard output.
  std::ostream* console = nullptr;
  std::unique_ptr<std::ostream> output_file;  // Open while .output FILE.
  int read_depth = 0;  // Nesting of .read, which is limited.

  // The last result with columns (a FIND), for .dot.
  std::optional<QueryResult> last_result = std::nullopt;
};

struct DotCommand {
  const char* name;   // ".stats"
  const char* usage;  // Arguments, "" when none.
  const char* help;   // One line.
  absl::Status (*run)(ShellContext& shell,
                      const std::vector<std::string>& args);
};

// Makes `db` the shell's database, with a new session; the previous
// database's open transaction, if any, is discarded.
void UseDatabase(ShellContext& shell, std::unique_ptr<Database> db);

// Every dot command, in the order .help lists them.
const std::vector<DotCommand>& DotCommands();

// Returns the options results print with now: the format and row limit of
// `shell`, and the width and colours of the terminal while `shell.out` is
// standard output on a terminal.
PrintOptions ResultPrintOptions(const ShellContext& shell);

// Splits a command line into words: spaces separate, `...` and "..." keep
// their spaces (and their quotes, so a word can be told apart from a
// string). Returns InvalidArgument for an unterminated quote.
absl::StatusOr<std::vector<std::string>> SplitWords(std::string_view line);

// Returns `script` with "EXPLAIN " before each statement that begins with
// FIND (in any case); other statements, quotes and comments unchanged.
std::string ExplainEachFind(std::string_view script);

// Runs one input: a dot command (one line), or statements of the query
// language (which may span lines), printing their results.
absl::Status RunLine(ShellContext& shell, std::string_view line);

}  // namespace almanac

#endif  // ALMANAC_SHELL_COMMANDS_H_
