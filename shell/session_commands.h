// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The dot commands that change the session rather than the database: which
// database is open, where results go and how they look, scripts and
// exports. Each takes the words after the command name; see DotCommands()
// for their usage.

#ifndef ALMANAC_SHELL_SESSION_COMMANDS_H_
#define ALMANAC_SHELL_SESSION_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "shell/commands.h"

namespace almanac {

// .open DB: closes the database and opens (or creates) DB instead. On
// error the database open before stays open.
absl::Status RunOpen(ShellContext& shell, const std::vector<std::string>& args);

// .read FILE: runs the lines of FILE as if typed. Fails, after running
// them, when any of them failed.
absl::Status RunRead(ShellContext& shell, const std::vector<std::string>& args);

// .output [FILE]: results go to FILE (replaced if it exists); without FILE,
// back to standard output.
absl::Status RunOutput(ShellContext& shell,
                       const std::vector<std::string>& args);

// .mode [FORMAT]: sets the output format, or prints it.
absl::Status RunMode(ShellContext& shell, const std::vector<std::string>& args);

// .maxrows [N]: shows at most N rows of a table (0: all), or prints N.
absl::Status RunMaxRows(ShellContext& shell,
                        const std::vector<std::string>& args);

// .timer [on|off]: prints the time each statement takes, or the setting.
absl::Status RunTimer(ShellContext& shell,
                      const std::vector<std::string>& args);

// .explain [on|off]: shows each FIND's plan instead of its rows, or the
// setting.
absl::Status RunExplain(ShellContext& shell,
                        const std::vector<std::string>& args);

// .export [--format tsv|csv|jsonl] [FILE]: every fact, to FILE or to the
// output.
absl::Status RunExportCommand(ShellContext& shell,
                              const std::vector<std::string>& args);

}  // namespace almanac

#endif  // ALMANAC_SHELL_SESSION_COMMANDS_H_
