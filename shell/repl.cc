// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/repl.h"

#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include "shell/completion.h"
#include "shell/line_editor.h"

namespace almanac {

namespace {

constexpr char kPrompt[] = "almanac> ";
constexpr char kContinuationPrompt[] = "     ...> ";
constexpr char kHistoryFile[] = ".almanac_history";
constexpr size_t kMaxNamesCompleted = 200;

// Set by SIGINT in an interactive session; the line editor takes it.
volatile sig_atomic_t g_interrupt_pending = 0;
// The database whose statement is running, for SIGINT to interrupt.
std::atomic<Database*> g_running_db{nullptr};
static_assert(std::atomic<Database*>::is_always_lock_free);

void OnInterrupt(int) {
  g_interrupt_pending = 1;
  if (Database* db = g_running_db.load()) db->Interrupt();
}

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

bool IsDotCommand(std::string_view line) {
  const size_t first = line.find_first_not_of(" \t");
  return first != std::string_view::npos && line[first] == '.';
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Reads the next line. `pending`: the lines of a statement begun and not
// yet ended ("" when none).
using ReadFunction =
    std::function<LineEditor::Input(const std::string& pending)>;

// Called with each complete input (a dot command or whole statements).
using InputFunction = std::function<void(std::string_view input)>;

// The loop shared by piped and edited input: gathers lines into inputs,
// runs them, reports errors. Returns the number of inputs that failed.
int RunLoop(ShellContext& shell, const ReadFunction& read, bool bail,
            const InputFunction& on_input) {
  int failures = 0;
  std::string pending;  // A statement that has not ended yet.
  while (!shell.quit) {
    LineEditor::Input line = read(pending);
    if (line.status == LineEditor::kInterrupted) {
      pending.clear();
      continue;
    }
    const bool got = line.status == LineEditor::kLine;
    if (got && !line.text.empty() && line.text.back() == '\r') {
      line.text.pop_back();
    }
    std::string input;
    if (got && pending.empty() && IsDotCommand(line.text)) {
      input = std::move(line.text);  // A dot command: one line.
    } else if (got) {
      pending += line.text;
      pending += '\n';
      if (!EndsStatement(pending)) continue;
      input = std::move(pending);
      pending.clear();
    } else if (!IsBlank(pending)) {
      input = std::move(pending);  // The input ended without ';'.
      pending.clear();
    } else {
      break;
    }
    if (on_input) on_input(input);
    // .open replaces the database: no statement of it to interrupt.
    const bool interruptible =
        !IsDotCommand(input) || input.find(".open") == std::string::npos;
    if (interruptible) g_running_db.store(shell.db.get());
    const absl::Status status = RunLine(shell, input);
    g_running_db.store(nullptr);
    g_interrupt_pending = 0;
    if (!got) shell.quit = true;
    if (status.ok()) continue;
    ++failures;
    *shell.err << "Error: " << status.message() << "\n";
    if (bail) break;
  }
  return failures;
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  std::string path = home;
  if (path.back() != '/') path += '/';
  return path + kHistoryFile;
}

}  // namespace

int RunLines(ShellContext& shell, std::istream& in, bool interactive,
             bool bail) {
  const ReadFunction read = [&](const std::string& pending) {
    if (interactive) {
      *shell.out << (pending.empty() ? kPrompt : kContinuationPrompt)
                 << std::flush;
    }
    LineEditor::Input line;
    if (std::getline(in, line.text)) line.status = LineEditor::kLine;
    return line;
  };
  const int failures = RunLoop(shell, read, bail, nullptr);
  if (interactive && !shell.quit) *shell.out << "\n";
  return failures;
}

void RunInteractive(ShellContext& shell) {
  // The earlier lines of the statement being typed, for completion.
  std::string_view pending_lines;
  LineEditor::Options options;
  options.history_path = HistoryPath();
  options.complete = [&shell, &pending_lines](std::string_view line,
                                              size_t cursor) {
    const NameLookup names = [&shell](std::string_view prefix) {
      absl::StatusOr<std::vector<std::string>> found =
          shell.db->NamesWithPrefix(prefix, kMaxNamesCompleted);
      return found.ok() ? *std::move(found) : std::vector<std::string>();
    };
    const std::string before(pending_lines);
    Completion completion =
        Complete(before + std::string(line), before.size() + cursor, names);
    if (completion.start < before.size()) return Completion();
    completion.start -= before.size();
    return completion;
  };
  options.take_interrupt = [] {
    if (g_interrupt_pending == 0) return false;
    g_interrupt_pending = 0;
    return true;
  };
  std::unique_ptr<LineEditor> editor =
      LineEditor::Open(stdin, stdout, std::move(options));
  if (editor == nullptr) {
    RunLines(shell, std::cin, /*interactive=*/true, /*bail=*/false);
    return;
  }

  struct sigaction interrupt {};
  interrupt.sa_handler = OnInterrupt;
  sigemptyset(&interrupt.sa_mask);
  interrupt.sa_flags = SA_RESTART;
  struct sigaction old_interrupt {};
  sigaction(SIGINT, &interrupt, &old_interrupt);

  const ReadFunction read = [&](const std::string& pending) {
    shell.out->flush();
    pending_lines = pending;
    LineEditor::Input line =
        editor->ReadLine(pending.empty() ? kPrompt : kContinuationPrompt);
    pending_lines = {};
    return line;
  };
  const InputFunction remember = [&](std::string_view input) {
    if (!input.empty() && input.back() == '\n') input.remove_suffix(1);
    editor->AddToHistory(input);
  };
  RunLoop(shell, read, /*bail=*/false, remember);
  shell.out->flush();
  if (!shell.quit) std::cout << "\n";  // After "^D", on the terminal.
  editor.reset();
  sigaction(SIGINT, &old_interrupt, nullptr);
}

}  // namespace almanac
