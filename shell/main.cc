// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The almanac command:
//   almanac [DB] [-c COMMANDS] [-f FILE] [--format FORMAT] [--bail]
//   almanac import DB PATH... [--format tsv|csv|tkg|jsonl] [--epoch DATE]
//                             [--unit day|hour|year] [--max-errors N]
//   almanac export DB [--format tsv|csv|jsonl] [FILE]

#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "shell/commands.h"
#include "shell/demo.h"
#include "shell/export_command.h"
#include "shell/import_command.h"
#include "shell/repl.h"

namespace almanac {
namespace {

constexpr char kUsage[] =
    "Usage:\n"
    "  almanac [DB] [-c COMMANDS] [-f FILE] [--format FORMAT] [--bail]\n"
    "      Open the database in folder DB (created when missing; without DB,\n"
    "      the demo database of seed facts) and run COMMANDS, the lines of\n"
    "      FILE, or the lines typed or piped in. Results go to standard\n"
    "      output, errors to standard error; the exit status is 1 when any\n"
    "      statement failed.\n"
    "      -c COMMANDS      statements and dot commands to run, then exit\n"
    "      -f FILE          run the lines of FILE, then exit\n"
    "      --format FORMAT  table|box|csv|tsv|json|jsonl|markdown (default:\n"
    "                       box on a terminal, table otherwise)\n"
    "      --bail           stop at the first error\n"
    "  almanac import DB PATH... [--format tsv|csv|tkg|jsonl] [--epoch DATE]\n"
    "                            [--unit day|hour|year] [--max-errors N]\n"
    "      Import facts into DB in one transaction (docs/import.md).\n"
    "  almanac export DB [--format tsv|csv|jsonl] [FILE]\n"
    "      Write every fact of DB, with its time and source, to FILE or\n"
    "      standard output; tsv and csv import back as they were.\n"
    "  almanac --help | --version\n";

// Rows a table shows on a terminal until .maxrows says otherwise.
constexpr size_t kTerminalMaxRows = 40;

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

int ExportMain(const std::vector<std::string>& args) {
  if (args.empty() || args[0].starts_with("-")) {
    std::cerr << "usage: almanac export DB " << kExportUsage << "\n";
    return 2;
  }
  absl::StatusOr<ExportRequest> request =
      ParseExportArguments({args.begin() + 1, args.end()});
  if (!request.ok()) {
    std::cerr << "almanac: " << request.status().message() << "\n";
    return 2;
  }
  Options options;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(args[0], options);
  if (!db.ok()) return Fail(db.status());
  const absl::Status status = RunExport(**db, *request, std::cout);
  std::cout.flush();
  return status.ok() ? 0 : Fail(status);
}

// The columns of the terminal on standard output; 0 when it is none.
size_t TerminalWidth() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0) return 0;
  return size.ws_col;
}

int ShellMain(const std::vector<std::string>& args) {
  std::string db_path;
  std::string commands;
  std::string file;
  std::optional<OutputFormat> format;
  bool have_commands = false;
  bool bail = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if ((arg == "-c" || arg == "-f") && i + 1 < args.size()) {
      if (have_commands || !file.empty()) {
        std::cerr << "almanac: give -c or -f once\n" << kUsage;
        return 2;
      }
      (arg == "-c" ? commands : file) = args[++i];
      have_commands = have_commands || arg == "-c";
    } else if (arg == "--bail") {
      bail = true;
    } else if ((arg == "--format" && i + 1 < args.size()) ||
               arg.starts_with("--format=")) {
      const std::string name =
          arg == "--format" ? args[++i] : arg.substr(arg.find('=') + 1);
      absl::StatusOr<OutputFormat> parsed = ParseOutputFormat(name);
      if (!parsed.ok()) {
        std::cerr << "almanac: " << parsed.status().message() << "\n";
        return 2;
      }
      format = *parsed;
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

  ShellContext shell;
  UseDatabase(shell, *std::move(db));
  shell.out = &std::cout;
  shell.err = &std::cerr;
  shell.console = &std::cout;
  shell.show_progress = isatty(STDERR_FILENO);
  shell.terminal = isatty(STDOUT_FILENO);
  shell.width = shell.terminal ? TerminalWidth() : 0;
  shell.format = format.value_or(shell.terminal ? OutputFormat::kBox
                                                : OutputFormat::kTable);
  shell.max_rows = shell.terminal ? kTerminalMaxRows : 0;
  shell.bail = bail;
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
                << (db_path.empty() ? " (the demo database)" : "")
                << " is open. Type .help for help, .quit to leave.\n";
    }
    if (interactive) {
      RunInteractive(shell);  // Errors were shown; the exit status is 0.
    } else {
      failures = RunLines(shell, std::cin, false, bail);
    }
  }
  shell.out->flush();
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
  if (!args.empty() && args[0] == "export") {
    return almanac::ExportMain({args.begin() + 1, args.end()});
  }
  return almanac::ShellMain(args);
}
