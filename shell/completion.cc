// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/completion.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "almanac/term.h"
#include "shell/commands.h"
#include "shell/result_printer.h"

namespace almanac {
namespace {

// Dot commands whose arguments are file names.
constexpr std::string_view kFileCommands[] = {".open",   ".read", ".output",
                                              ".import", ".dot",  ".export"};

bool IsWordByte(char c) {
  const unsigned char byte = static_cast<unsigned char>(c);
  return absl::ascii_isalnum(byte) || c == '_' || c == '-' || byte >= 0x80;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return absl::StartsWithIgnoreCase(
      absl::string_view(text.data(), text.size()),
      absl::string_view(prefix.data(), prefix.size()));
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Where the text before the cursor stands.
struct Scan {
  char quote = 0;          // The open quote, 0 when none.
  size_t quote_start = 0;  // Where the open quote is.
  bool in_comment = false;
};

// Reads `text` (the input up to the cursor) for open quotes and comments.
// `comments`: whether `--` starts a comment (query text, not dot commands).
Scan ScanText(std::string_view text, bool comments) {
  Scan scan;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (scan.in_comment) {
      scan.in_comment = c != '\n';
    } else if (scan.quote != 0) {
      if (c == '\\') {
        ++i;
      } else if (c == scan.quote) {
        scan.quote = 0;
      }
    } else if (c == '"' || c == '\'' || c == '`') {
      scan.quote = c;
      scan.quote_start = i;
    } else if (comments && c == '-' && i + 1 < text.size() &&
               text[i + 1] == '-') {
      scan.in_comment = true;
      ++i;
    }
  }
  return scan;
}

// The text inside an unfinished `...`, without its escapes.
std::string Unescape(std::string_view quoted) {
  std::string text;
  for (size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\\' && i + 1 < quoted.size()) ++i;
    text.push_back(quoted[i]);
  }
  return text;
}

void AddNames(const NameLookup& names, std::string_view prefix,
              std::vector<std::string>& out) {
  if (!names) return;
  for (std::string& name : names(prefix)) {
    out.push_back(Term::Entity(std::move(name)).ToString());
  }
}

// Keywords and functions, in capitals when `prefix` has no lower-case
// letter, in lower case when it has no capital; a word of mixed case
// ("Ma") is a name, not a keyword.
void AddWords(std::string_view prefix, std::vector<std::string>& out) {
  const auto has = [prefix](bool (*test)(unsigned char)) {
    return std::any_of(prefix.begin(), prefix.end(), [test](char c) {
      return test(static_cast<unsigned char>(c));
    });
  };
  const bool lower = has(absl::ascii_islower);
  if (lower && has(absl::ascii_isupper)) return;
  const auto cased = [lower](std::string_view word) {
    std::string text(word);
    return lower ? absl::AsciiStrToLower(text) : absl::AsciiStrToUpper(text);
  };
  for (std::string_view keyword : QueryKeywords()) {
    if (StartsWithIgnoreCase(keyword, prefix)) out.push_back(cased(keyword));
  }
  for (std::string_view function : QueryFunctions()) {
    if (StartsWithIgnoreCase(function, prefix)) {
      out.push_back(cased(function) + "(");
    }
  }
}

// The ?variables written elsewhere in `line` that start with `prefix`.
void AddVariables(std::string_view line, size_t word_start,
                  std::string_view prefix, std::vector<std::string>& out) {
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '?' || i == word_start) continue;
    size_t end = i + 1;
    while (end < line.size() && IsWordByte(line[end]) && line[end] != '-') {
      ++end;
    }
    const std::string_view variable = line.substr(i, end - i);
    if (variable.size() > 1 && StartsWith(variable, prefix)) {
      out.emplace_back(variable);
    }
  }
}

// Files and directories whose path starts with `prefix`; directories end
// in '/'. Hidden files only when the name typed starts with '.'.
void AddFiles(std::string_view prefix, std::vector<std::string>& out) {
  const size_t slash = prefix.rfind('/');
  const std::string folder(
      slash == std::string_view::npos ? "" : prefix.substr(0, slash + 1));
  const std::string_view base =
      slash == std::string_view::npos ? prefix : prefix.substr(slash + 1);
  std::error_code error;
  std::filesystem::directory_iterator it(folder.empty() ? "." : folder, error);
  constexpr int kMaxFiles = 500;
  int listed = 0;
  for (; !error && it != std::filesystem::directory_iterator();
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!StartsWith(name, base) || (name[0] == '.' && !StartsWith(base, "."))) {
      continue;
    }
    std::error_code type_error;
    const bool directory = it->is_directory(type_error);
    out.push_back(folder + name + (directory ? "/" : ""));
    if (++listed == kMaxFiles) break;
  }
}

// Completes an argument of the dot command `command`.
void AddArguments(std::string_view command, std::string_view word,
                  const NameLookup& names, std::vector<std::string>& out) {
  if (!word.empty() && word[0] == '`') {
    AddNames(names, Unescape(word.substr(1)), out);
  } else if (std::find(std::begin(kFileCommands), std::end(kFileCommands),
                       command) != std::end(kFileCommands)) {
    AddFiles(word, out);
  } else if (command == ".help") {
    // ".help stats" and ".help .stats" both work.
    const bool with_dot = !word.empty() && word[0] == '.';
    for (const DotCommand& dot : DotCommands()) {
      const std::string_view name = with_dot ? dot.name : dot.name + 1;
      if (StartsWith(name, word)) out.emplace_back(name);
    }
  } else if (command == ".mode") {
    for (absl::string_view format : absl::StrSplit(kOutputFormatNames, '|')) {
      if (StartsWith(std::string_view(format.data(), format.size()), word)) {
        out.emplace_back(format);
      }
    }
  } else if (command == ".timer" || command == ".explain") {
    for (std::string_view value : {"on", "off"}) {
      if (StartsWith(value, word)) out.emplace_back(value);
    }
  } else if (!word.empty()) {
    AddNames(names, word, out);
  }
}

// A line starting with '.': the command's name, then its arguments.
Completion CompleteDotCommand(std::string_view text, size_t dot,
                              const NameLookup& names) {
  Completion completion;
  const size_t name_end = std::min(text.find_first_of(" \t", dot), text.size());
  if (name_end == text.size()) {
    completion.start = dot;
    for (const DotCommand& command : DotCommands()) {
      if (StartsWith(command.name, text.substr(dot))) {
        completion.candidates.emplace_back(command.name);
      }
    }
    return completion;
  }
  const Scan scan = ScanText(text, /*comments=*/false);
  if (scan.quote == '`') {
    completion.start = scan.quote_start;
  } else if (scan.quote != 0) {
    completion.start = text.size();
    return completion;  // Inside "...": free text.
  } else {
    const size_t space = text.find_last_of(" \t");
    completion.start = space + 1;
  }
  AddArguments(text.substr(dot, name_end - dot), text.substr(completion.start),
               names, completion.candidates);
  return completion;
}

// Query text: keywords, functions, names, variables.
Completion CompleteQuery(std::string_view line, size_t cursor,
                         const NameLookup& names) {
  const std::string_view text = line.substr(0, cursor);
  Completion completion;
  completion.start = cursor;
  const Scan scan = ScanText(text, /*comments=*/true);
  if (scan.in_comment || scan.quote == '"' || scan.quote == '\'') {
    return completion;
  }
  if (scan.quote == '`') {
    completion.start = scan.quote_start;
    AddNames(names, Unescape(text.substr(scan.quote_start + 1)),
             completion.candidates);
    return completion;
  }
  size_t start = cursor;
  while (start > 0 && IsWordByte(text[start - 1])) --start;
  if (start > 0 && (text[start - 1] == '?' || text[start - 1] == '$')) --start;
  completion.start = start;
  const std::string_view word = text.substr(start);
  if (word.empty() || word[0] == '$') return completion;
  if (word[0] == '?') {
    AddVariables(line, start, word, completion.candidates);
    return completion;
  }
  AddWords(word, completion.candidates);
  AddNames(names, word, completion.candidates);
  return completion;
}

}  // namespace

Completion Complete(std::string_view line, size_t cursor,
                    const NameLookup& names) {
  const size_t first = line.find_first_not_of(" \t");
  Completion completion =
      first != std::string_view::npos && first < cursor && line[first] == '.'
          ? CompleteDotCommand(line.substr(0, cursor), first, names)
          : CompleteQuery(line, cursor, names);
  std::vector<std::string>& candidates = completion.candidates;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()),
                   candidates.end());
  return completion;
}

std::string CommonPrefix(const std::vector<std::string>& candidates) {
  if (candidates.empty()) return "";
  std::string_view prefix = candidates.front();
  for (const std::string& candidate : candidates) {
    size_t n = 0;
    while (n < prefix.size() && n < candidate.size() &&
           prefix[n] == candidate[n]) {
      ++n;
    }
    prefix = prefix.substr(0, n);
  }
  return std::string(prefix);
}

bool EndsWord(std::string_view candidate) {
  return !candidate.empty() && candidate.back() != '/' &&
         candidate.back() != '(';
}

const std::vector<std::string_view>& QueryFunctions() {
  static const auto* const functions = new std::vector<std::string_view>{
      "avg",         "contains", "count", "day",   "ends_with",
      "lower",       "matches",  "max",   "min",   "month",
      "starts_with", "str",      "sum",   "upper", "year"};
  return *functions;
}

}  // namespace almanac
