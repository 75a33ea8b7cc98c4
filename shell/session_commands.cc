// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/session_commands.h"

#include <filesystem>
#include <fstream>
#include <ostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "shell/export_command.h"
#include "shell/repl.h"

namespace almanac {
namespace {

// .read inside .read inside ... stops here (a file that reads itself).
constexpr int kMaxReadDepth = 16;

absl::Status Usage(const char* command, const char* usage) {
  return absl::InvalidArgumentError(
      absl::StrCat("usage: ", command, " ", usage));
}

// A file name word: `...` and "..." quotes removed (no escapes in names).
std::string PathWord(const std::string& word) {
  if (word.size() >= 2 && (word.front() == '"' || word.front() == '`') &&
      word.back() == word.front()) {
    return word.substr(1, word.size() - 2);
  }
  return word;
}

// Sets `flag` from "on" or "off", or prints it when `args` is empty.
absl::Status OnOff(ShellContext& shell, const std::vector<std::string>& args,
                   const char* command, bool& flag) {
  if (args.empty()) {
    *shell.out << command << " " << (flag ? "on" : "off") << "\n";
    return absl::OkStatus();
  }
  if (args.size() == 1 && (args[0] == "on" || args[0] == "off")) {
    flag = args[0] == "on";
    return absl::OkStatus();
  }
  return Usage(command, "on|off");
}

}  // namespace

absl::Status RunOpen(ShellContext& shell,
                     const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage(".open", "DB");
  const std::string path = PathWord(args[0]);
  std::error_code error;
  if (shell.db != nullptr &&
      std::filesystem::equivalent(path, shell.db->path(), error)) {
    return absl::OkStatus();  // Already open.
  }
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                           Database::Open(path, Options()));
  UseDatabase(shell, std::move(db));
  return absl::OkStatus();
}

absl::Status RunRead(ShellContext& shell,
                     const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage(".read", "FILE");
  const std::string path = PathWord(args[0]);
  if (shell.read_depth >= kMaxReadDepth) {
    return absl::FailedPreconditionError(
        absl::StrCat(".read ", path, ": files read each other more than ",
                     kMaxReadDepth, " deep"));
  }
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  ++shell.read_depth;
  const int failures = RunLines(shell, in, /*interactive=*/false, shell.bail);
  --shell.read_depth;
  if (failures == 0) return absl::OkStatus();
  return absl::AbortedError(
      absl::StrCat(path, ": ", failures,
                   failures == 1 ? " statement" : " statements", " failed"));
}

absl::Status RunOutput(ShellContext& shell,
                       const std::vector<std::string>& args) {
  if (args.size() > 1) return Usage(".output", "[FILE]");
  if (shell.console == nullptr) shell.console = shell.out;
  if (args.empty()) {
    shell.out = shell.console;
    shell.output_file.reset();
    return absl::OkStatus();
  }
  const std::string path = PathWord(args[0]);
  auto file = std::make_unique<std::ofstream>(path, std::ios::trunc);
  if (!*file) return absl::NotFoundError(absl::StrCat("cannot write ", path));
  shell.output_file = std::move(file);
  shell.out = shell.output_file.get();
  return absl::OkStatus();
}

absl::Status RunMode(ShellContext& shell,
                     const std::vector<std::string>& args) {
  if (args.empty()) {
    *shell.out << OutputFormatName(shell.format) << "\n";
    return absl::OkStatus();
  }
  if (args.size() != 1) return Usage(".mode", kOutputFormatNames);
  ALMANAC_ASSIGN_OR_RETURN(shell.format, ParseOutputFormat(args[0]));
  return absl::OkStatus();
}

absl::Status RunMaxRows(ShellContext& shell,
                        const std::vector<std::string>& args) {
  if (args.empty()) {
    *shell.out << shell.max_rows << "\n";
    return absl::OkStatus();
  }
  uint64_t rows = 0;
  if (args.size() != 1 || !absl::SimpleAtoi(args[0], &rows)) {
    return Usage(".maxrows", "N (0: all rows)");
  }
  shell.max_rows = static_cast<size_t>(rows);
  return absl::OkStatus();
}

absl::Status RunTimer(ShellContext& shell,
                      const std::vector<std::string>& args) {
  return OnOff(shell, args, ".timer", shell.timer);
}

absl::Status RunExplain(ShellContext& shell,
                        const std::vector<std::string>& args) {
  return OnOff(shell, args, ".explain", shell.explain);
}

absl::Status RunExportCommand(ShellContext& shell,
                              const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const std::string& arg : args) paths.push_back(PathWord(arg));
  ALMANAC_ASSIGN_OR_RETURN(ExportRequest request, ParseExportArguments(paths));
  return RunExport(*shell.db, request, *shell.out);
}

}  // namespace almanac
