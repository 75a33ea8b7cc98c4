// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// What Tab offers in the shell: given the line being typed and the cursor,
// the word under completion and the texts that could replace it. Pure logic,
// so that it is tested without a terminal; shell/line_editor.cc applies it.
//
//   FIN|            -> FIND                  (keywords, in the case typed)
//   .st|            -> .stats                (dot commands)
//   ?who rec|       -> recognized            (entity names and predicates)
//   ?who met Ma|    -> `Make a visit`, Mali  (backticks when needed)
//   .read da|       -> data/                 (file names after .read etc.)
//   FIND ?w| ... ?who ...  -> ?who           (variables of the same line)
//
// Example:
//   Completion completion = Complete("FIND ?x WHERE ?x rec", 20, names);
//   // completion.start == 17, completion.candidates == {"recognized"}

#ifndef ALMANAC_SHELL_COMPLETION_H_
#define ALMANAC_SHELL_COMPLETION_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace almanac {

// Returns entity names (predicates included) that start with `prefix`, in
// byte order; Database::NamesWithPrefix with a limit, in the shell.
using NameLookup =
    std::function<std::vector<std::string>(std::string_view prefix)>;

struct Completion {
  size_t start = 0;  // The word under completion is line[start, cursor).
  // Texts that may replace that word, sorted, without repeats; empty when
  // nothing fits (or the cursor is inside a string literal).
  std::vector<std::string> candidates;
};

// Returns the completions of the word that ends at byte `cursor` of `line`.
// `line` may start with the earlier lines of the statement being typed,
// each ended by '\n': their ?variables are offered, and their quotes and
// comments count (a line that starts with '.' is a dot command only when
// it is the first).
// Names from `names` are written as the query language needs them: bare
// when they are plain identifiers, else in backticks (Term::ToString).
// REQUIRES: cursor <= line.size().
Completion Complete(std::string_view line, size_t cursor,
                    const NameLookup& names);

// Returns the longest common prefix of `candidates` ("" when empty).
std::string CommonPrefix(const std::vector<std::string>& candidates);

// Whether a space should follow `candidate` when it completes a word on its
// own: not after a directory ("data/") or a function call ("count(").
bool EndsWord(std::string_view candidate);

// The functions of the query language (query/grammar.h), in lower case.
const std::vector<std::string_view>& QueryFunctions();

}  // namespace almanac

#endif  // ALMANAC_SHELL_COMPLETION_H_
