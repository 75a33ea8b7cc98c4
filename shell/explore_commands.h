// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The dot commands that explore a database: .stats, .predicates, .entity,
// .timeline, .sources and .dot. Each has the DotCommand signature and is
// listed in the table of shell/commands.cc. They read the database through
// its public API only: statistics, scans, and queries with parameters.

#ifndef ALMANAC_SHELL_EXPLORE_COMMANDS_H_
#define ALMANAC_SHELL_EXPLORE_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "shell/commands.h"

namespace almanac {

// .stats: the counts of facts, entities, literals, predicates and
// transactions on one line, then the days the timed facts span (first ..
// last; "open" for an open end) when there are any, then one line per
// predicate.
absl::Status RunStatsCommand(ShellContext& shell,
                             const std::vector<std::string>& args);

// .predicates [PATTERN]: the predicates with facts, with their number of
// facts and one example fact each. PATTERN keeps the names that contain it,
// ignoring case, or with * or ?, the names that match it as a glob.
absl::Status RunPredicatesCommand(ShellContext& shell,
                                  const std::vector<std::string>& args);

// .entity NAME: every fact with NAME as subject (by predicate), then every
// fact with NAME as object, with times and sources. NAME may be bare words
// or `quoted`, or an alias (a fact `X alias "NAME"`) of the entity X.
absl::Status RunEntityCommand(ShellContext& shell,
                              const std::vector<std::string>& args);

// .timeline NAME [FROM .. TO]: the facts about NAME as a timeline grouped by
// year and month (shell/timeline.h), in the window FROM .. TO when given.
absl::Status RunTimelineCommand(ShellContext& shell,
                                const std::vector<std::string>& args);

// .sources: every source with its number of facts and the first and last
// dates of its facts, most facts first. Reads every fact.
absl::Status RunSourcesCommand(ShellContext& shell,
                               const std::vector<std::string>& args);

// .dot FILE: writes the last result's graph to FILE (shell/graphviz.h).
// FailedPrecondition when no FIND has run yet.
absl::Status RunDotCommand(ShellContext& shell,
                           const std::vector<std::string>& args);

}  // namespace almanac

#endif  // ALMANAC_SHELL_EXPLORE_COMMANDS_H_
