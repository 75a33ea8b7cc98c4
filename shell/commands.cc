// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/commands.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "almanac/status_macros.h"
#include "shell/explore_commands.h"
#include "shell/export_command.h"
#include "shell/import_command.h"
#include "shell/result_printer.h"
#include "shell/session_commands.h"

namespace almanac {
namespace {

constexpr int kFactsShown = 100;

// A subject or predicate word: `...` or bare text; "_" is a wildcard.
absl::StatusOr<std::optional<Term>> EntityWord(const std::string& word) {
  if (word == "_") return std::nullopt;
  ALMANAC_ASSIGN_OR_RETURN(Term term, Term::ParseObjectField(word));
  if (!term.is_entity()) {
    return absl::InvalidArgumentError(
        absl::StrCat(word, " is not an entity name"));
  }
  return term;
}

absl::Status RunHelp(ShellContext& shell,
                     const std::vector<std::string>& args) {
  std::ostream& out = *shell.out;
  if (args.size() > 1) {
    return absl::InvalidArgumentError("usage: .help [COMMAND]");
  }
  if (args.size() == 1) {
    const std::string name = args[0][0] == '.' ? args[0] : "." + args[0];
    for (const DotCommand& command : DotCommands()) {
      if (name != command.name) continue;
      out << "usage: " << command.name;
      if (*command.usage != '\0') out << " " << command.usage;
      out << "\n" << command.help << "\n";
      return absl::OkStatus();
    }
    return absl::NotFoundError(
        absl::StrCat("no command ", name, "; type .help for the list"));
  }
  size_t name_width = 0;
  for (const DotCommand& command : DotCommands()) {
    name_width = std::max(name_width, std::strlen(command.name));
  }
  const int width = static_cast<int>(name_width);
  for (const DotCommand& command : DotCommands()) {
    out << absl::StrFormat("%-*s  %s\n", width, command.name, command.help);
    if (*command.usage != '\0') {
      out << absl::StrFormat("%-*s    %s %s\n", width, "", command.name,
                             command.usage);
    }
  }
  out << "Statements end with ';'. Names with spaces or punctuation go in "
         "backticks: `Make a visit`.\n";
  return absl::OkStatus();
}

absl::Status RunFacts(ShellContext& shell,
                      const std::vector<std::string>& args) {
  if (args.size() > 3) {
    return absl::InvalidArgumentError(
        "usage: .facts [SUBJECT [PREDICATE [OBJECT]]]");
  }
  Pattern pattern;
  if (args.size() > 0) {
    ALMANAC_ASSIGN_OR_RETURN(pattern.subject, EntityWord(args[0]));
  }
  if (args.size() > 1) {
    ALMANAC_ASSIGN_OR_RETURN(pattern.predicate, EntityWord(args[1]));
  }
  if (args.size() > 2 && args[2] != "_") {
    ALMANAC_ASSIGN_OR_RETURN(pattern.object, Term::ParseObjectField(args[2]));
  }
  std::ostream& out = *shell.out;
  uint64_t count = 0;
  std::unique_ptr<FactIterator> it = shell.db->Scan(pattern);
  for (; it->Valid(); it->Next()) {
    if (++count <= kFactsShown) out << it->fact().ToString() << "\n";
  }
  ALMANAC_RETURN_IF_ERROR(it->status());
  if (count > kFactsShown) {
    out << absl::StrFormat("%d facts (%d shown)\n", count, kFactsShown);
  } else {
    out << count << (count == 1 ? " fact\n" : " facts\n");
  }
  return absl::OkStatus();
}

absl::Status RunImportCommand(ShellContext& shell,
                              const std::vector<std::string>& args) {
  ALMANAC_ASSIGN_OR_RETURN(ImportRequest request, ParseImportArguments(args));
  return RunImport(*shell.db, std::move(request), *shell.out, *shell.err,
                   shell.show_progress);
}

absl::Status RunQuit(ShellContext& shell, const std::vector<std::string>&) {
  shell.quit = true;
  return absl::OkStatus();
}

}  // namespace

const std::vector<DotCommand>& DotCommands() {
  static const auto* const commands = new std::vector<DotCommand>{
      {".help", "[COMMAND]", "Show the commands, or how to use one", RunHelp},
      {".open", "DB", "Open or create the database in folder DB", RunOpen},
      {".read", "FILE", "Run the statements and commands of FILE", RunRead},
      {".import", kImportUsage, "Import facts from files", RunImportCommand},
      {".export", kExportUsage,
       "Write every fact in a format .import reads back", RunExportCommand},
      {".output", "[FILE]", "Send results to FILE, or back to standard output",
       RunOutput},
      {".mode", kOutputFormatNames, "Set how results are printed", RunMode},
      {".maxrows", "N", "Show at most N rows of a table (0: all)", RunMaxRows},
      {".timer", "on|off", "Print the time each statement takes", RunTimer},
      {".explain", "on|off", "Show each FIND's plan instead of its rows",
       RunExplain},
      {".stats", "", "Facts, entities, predicates and the time span",
       RunStatsCommand},
      {".predicates", "[PATTERN]",
       "Predicates with their fact counts and an example",
       RunPredicatesCommand},
      {".entity", "NAME", "Everything about one entity", RunEntityCommand},
      {".timeline", "NAME [FROM .. TO]",
       "The facts about an entity in time order", RunTimelineCommand},
      {".sources", "", "Every source with its facts and dates",
       RunSourcesCommand},
      {".dot", "FILE", "Write the last result as a Graphviz graph",
       RunDotCommand},
      {".facts", "[SUBJECT [PREDICATE [OBJECT]]]",
       "Facts matching a pattern; _ matches anything", RunFacts},
      {".quit", "", "Leave the shell", RunQuit},
  };
  return *commands;
}

PrintOptions ResultPrintOptions(const ShellContext& shell) {
  const bool on_terminal = shell.terminal && (shell.console == nullptr ||
                                              shell.out == shell.console);
  PrintOptions options;
  options.format = shell.format;
  options.max_rows = shell.max_rows;
  options.width = on_terminal ? shell.width : 0;
  options.color = on_terminal;
  return options;
}

absl::StatusOr<std::vector<std::string>> SplitWords(std::string_view line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    if (absl::ascii_isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
      continue;
    }
    std::string word;
    if (line[i] == '`' || line[i] == '"') {
      const char quote = line[i];
      word.push_back(line[i++]);
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i++];
        word.push_back(c);
        if (c == '\\' && i < line.size()) {
          word.push_back(line[i++]);
        } else if (c == quote) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        return absl::InvalidArgumentError(
            absl::StrCat("unterminated ", std::string(1, quote),
                         " in: ", std::string(line)));
      }
    } else {
      while (i < line.size() &&
             !absl::ascii_isspace(static_cast<unsigned char>(line[i]))) {
        word.push_back(line[i++]);
      }
    }
    words.push_back(std::move(word));
  }
  return words;
}

std::string ExplainEachFind(std::string_view script) {
  std::string result;
  bool at_start = true;  // Of a statement: only blanks and comments so far.
  char quote = 0;
  for (size_t i = 0; i < script.size(); ++i) {
    const char c = script[i];
    if (quote != 0) {
      result += c;
      if (c == '\\' && i + 1 < script.size()) {
        result += script[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      const size_t end = std::min(script.find('\n', i), script.size());
      result += script.substr(i, end - i);
      i = end - 1;
      continue;
    }
    if (at_start && !absl::ascii_isspace(static_cast<unsigned char>(c))) {
      at_start = false;
      const std::string_view rest = script.substr(i);
      const bool find =
          rest.size() >= 4 &&
          absl::EqualsIgnoreCase(absl::string_view(rest.data(), 4), "find") &&
          (rest.size() == 4 ||
           !(absl::ascii_isalnum(rest[4]) || rest[4] == '_' || rest[4] == '-'));
      if (find) result += "EXPLAIN ";
    }
    if (c == '"' || c == '\'' || c == '`') quote = c;
    if (c == ';') at_start = true;
    result += c;
  }
  return result;
}

void UseDatabase(ShellContext& shell, std::unique_ptr<Database> db) {
  shell.session.reset();
  shell.db = std::move(db);
  shell.session = shell.db->NewSession();
}

absl::Status RunLine(ShellContext& shell, std::string_view line) {
  const absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(
      absl::string_view(line.data(), line.size()));
  if (!trimmed.empty() && trimmed[0] != '.') {
    const auto start = std::chrono::steady_clock::now();
    const std::string explained =
        shell.explain ? ExplainEachFind(line) : std::string();
    const std::string_view script =
        shell.explain ? std::string_view(explained) : line;
    ALMANAC_ASSIGN_OR_RETURN(std::vector<QueryResult> results,
                             shell.session->Execute(script));
    const PrintOptions options = ResultPrintOptions(shell);
    for (const QueryResult& result : results) {
      PrintResult(result, options, *shell.out);
    }
    for (QueryResult& result : results) {
      if (!result.columns.empty()) shell.last_result = std::move(result);
    }
    if (shell.timer) {
      const std::chrono::duration<double> elapsed =
          std::chrono::steady_clock::now() - start;
      *shell.out << absl::StrFormat("Run time: %.3f s\n", elapsed.count());
    }
    return absl::OkStatus();
  }
  ALMANAC_ASSIGN_OR_RETURN(std::vector<std::string> words, SplitWords(line));
  if (words.empty()) return absl::OkStatus();
  const std::string name = words[0];
  words.erase(words.begin());
  for (const DotCommand& command : DotCommands()) {
    if (name == command.name ||
        (name == ".exit" && std::string(command.name) == ".quit")) {
      return command.run(shell, words);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown command ", name, "; type .help for the list"));
}

}  // namespace almanac
