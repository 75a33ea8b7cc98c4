// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/commands.h"

#include <ostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "almanac/status_macros.h"
#include "shell/import_command.h"
#include "shell/result_printer.h"

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

std::string DaysText(DayRange days) {
  const auto bound = [](int32_t day, bool open) {
    return open ? std::string("open") : Date::FromDayNumber(day).ToString();
  };
  return absl::StrCat(bound(days.begin, days.begin == DayRange::kOpenBegin),
                      " .. ",
                      bound(days.end - 1, days.end == DayRange::kOpenEnd));
}

absl::Status RunHelp(ShellContext& shell, const std::vector<std::string>&) {
  std::ostream& out = *shell.out;
  for (const DotCommand& command : DotCommands()) {
    out << absl::StrFormat("%-9s %s\n", command.name, command.help);
    if (*command.usage != '\0') {
      out << absl::StrFormat("%-9s   %s %s\n", "", command.name, command.usage);
    }
  }
  out << "Names with spaces or punctuation go in backticks: `Make a visit`.\n";
  return absl::OkStatus();
}

absl::Status RunStats(ShellContext& shell, const std::vector<std::string>&) {
  ALMANAC_ASSIGN_OR_RETURN(Statistics stats, shell.db->GetStatistics());
  std::ostream& out = *shell.out;
  out << absl::StrFormat(
      "facts %d, entities %d, literals %d, predicates %d, "
      "transactions %d\n",
      stats.facts, stats.entities, stats.literals, stats.predicates.size(),
      stats.last_tx);
  for (const PredicateStatistics& p : stats.predicates) {
    out << absl::StrFormat("  %-40s %8d facts  %6d subjects  %6d objects",
                           p.predicate.ToString(), p.facts, p.distinct_subjects,
                           p.distinct_objects);
    if (p.time_span) out << "  " << DaysText(*p.time_span);
    out << "\n";
  }
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
      {".help", "", "Show the commands", RunHelp},
      {".stats", "", "Facts, entities and per-predicate statistics", RunStats},
      {".facts", "[SUBJECT [PREDICATE [OBJECT]]]",
       "Facts matching a pattern; _ matches anything", RunFacts},
      {".import", kImportUsage, "Import facts from files", RunImportCommand},
      {".quit", "", "Leave the shell", RunQuit},
  };
  return *commands;
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

absl::Status RunLine(ShellContext& shell, std::string_view line) {
  const absl::string_view trimmed = absl::StripLeadingAsciiWhitespace(
      absl::string_view(line.data(), line.size()));
  if (!trimmed.empty() && trimmed[0] != '.') {
    ALMANAC_ASSIGN_OR_RETURN(std::vector<QueryResult> results,
                             shell.db->Execute(line));
    for (const QueryResult& result : results) PrintResult(result, *shell.out);
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
