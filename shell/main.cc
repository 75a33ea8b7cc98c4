// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The almanac command:
//   almanac [DB] [-c COMMANDS] [-f FILE] [--bail]
//   almanac import DB PATH... [--format tsv|csv|tkg] [--epoch DATE]
//                             [--unit day|hour|year] [--max-errors N]

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "shell/commands.h"
#include "shell/demo.h"
#include "shell/import_command.h"
#include "shell/repl.h"

namespace almanac {
namespace {

constexpr char kUsage[] =
    "Usage:\n"
    "  almanac [DB] [-c COMMANDS] [-f FILE] [--bail]\n"
    "      Open the database in folder DB (created when missing; without DB,\n"
    "      the demo database of seed facts) and run COMMANDS, the lines of\n"
    "      FILE, or the lines typed or piped in.\n"
    "  almanac import DB PATH... [--format tsv|csv|tkg] [--epoch DATE]\n"
    "                            [--unit day|hour|year] [--max-errors N]\n"
    "      Import facts into DB in one transaction (docs/import.md).\n"
    "  almanac --help | --version\n";

int Fail(const absl::Status& status) {
  std::cerr << "almanac: " << status.message() << "\n";
  return 1;
}

int ImportMain(const std::vector<std::string>& args) {
  if (args.size() < 2) {
    std::cerr << "usage: almanac import DB " << kImportUsage << "\n";
    return 2;
  }
  absl::StatusOr<ImportRequest> request =
      ParseImportArguments({args.begin() + 1, args.end()});
  if (!request.ok()) {
    std::cerr << "almanac: " << request.status().message() << "\n";
    return 2;
  }
  const std::string& path = args[0];
  std::error_code error;
  const bool existed = std::filesystem::exists(path, error);
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(path, Options());
  if (!db.ok()) return Fail(db.status());
  const absl::Status status = RunImport(**db, *std::move(request), std::cout,
                                        std::cerr, isatty(STDERR_FILENO));
  if (status.ok()) return 0;
  // A failed import into a new path leaves nothing behind.
  db->reset();
  if (!existed) std::filesystem::remove_all(path, error);
  return Fail(status);
}

int ShellMain(const std::vector<std::string>& args) {
  std::string db_path;
  std::string commands;
  std::string file;
  bool have_commands = false;
  bool bail = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if ((arg == "-c" || arg == "-f") && i + 1 < args.size()) {
      (arg == "-c" ? commands : file) = args[++i];
      have_commands = have_commands || arg == "-c";
    } else if (arg == "--bail") {
      bail = true;
    } else if (!arg.empty() && arg[0] != '-' && db_path.empty()) {
      db_path = arg;
    } else {
      std::cerr << "almanac: unexpected argument " << arg << "\n" << kUsage;
      return 2;
    }
  }
  absl::StatusOr<std::unique_ptr<Database>> db =
      db_path.empty() ? OpenDemoDatabase() : Database::Open(db_path, Options());
  if (!db.ok()) return Fail(db.status());

  ShellContext shell{*std::move(db), &std::cout, &std::cerr,
                     static_cast<bool>(isatty(STDERR_FILENO))};
  int failures = 0;
  if (have_commands) {
    std::istringstream in(commands);
    failures = RunLines(shell, in, /*interactive=*/false, bail);
  } else if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Fail(absl::NotFoundError("cannot read " + file));
    failures = RunLines(shell, in, /*interactive=*/false, bail);
  } else {
    const bool interactive = isatty(STDIN_FILENO);
    if (interactive) {
      std::cout << "Almanac 0.1: " << shell.db->path()
                << " is open. Type .help for help, .quit to leave.\n";
    }
    failures = RunLines(shell, std::cin, interactive, bail);
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace almanac

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << almanac::kUsage;
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::cout << "almanac 0.1.0\n";
    return 0;
  }
  if (!args.empty() && args[0] == "import") {
    return almanac::ImportMain({args.begin() + 1, args.end()});
  }
  return almanac::ShellMain(args);
}
