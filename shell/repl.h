// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The shell's read-run loop.

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

}  // namespace almanac

#endif  // ALMANAC_SHELL_REPL_H_
