// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The shell's read-run loop: lines are gathered until a statement ends with
// ';' (a dot command is one line), then run.

#ifndef ALMANAC_SHELL_REPL_H_
#define ALMANAC_SHELL_REPL_H_

#include <iosfwd>

#include "shell/commands.h"

namespace almanac {

// Runs the lines of `in` until its end or .quit, printing a prompt before
// each line when `interactive`. Errors go to the context's error stream as
// "Error: ...". With `bail`, stops at the first error. Returns the number of
// lines that failed.
int RunLines(ShellContext& shell, std::istream& in, bool interactive,
             bool bail);

// Runs an interactive session on the terminal (standard input and output)
// until Ctrl-D on an empty line or .quit: line editing, the history in
// $HOME/.almanac_history (a statement of several lines is one entry), Tab
// completion of keywords, dot commands and names. Ctrl-C stops the running
// statement (Database::Interrupt) or discards the line being typed; the
// session goes on. Falls back to RunLines(..., interactive=true, ...) when
// line editing cannot start. Errors are shown as they happen and, as in
// sqlite3 or psql, do not make the session fail: nothing is returned.
void RunInteractive(ShellContext& shell);

}  // namespace almanac

#endif  // ALMANAC_SHELL_REPL_H_
