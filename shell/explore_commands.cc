// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/explore_commands.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "almanac/status_macros.h"
#include "shell/entity_lookup.h"
#include "shell/graphviz.h"
#include "shell/text_columns.h"
#include "shell/timeline.h"

namespace almanac {
namespace {

using Align = TextColumns::Align;

// "1996-01-01 .. 2025-07-03"; an open end is "open".
std::string DaysText(DayRange days) {
  const auto bound = [](int32_t day, bool open) {
    return open ? std::string("open") : Date::FromDayNumber(day).ToString();
  };
  return absl::StrCat(bound(days.begin, days.begin == DayRange::kOpenBegin),
                      " .. ",
                      bound(days.end - 1, days.end == DayRange::kOpenEnd));
}

std::string Plural(uint64_t count, const char* noun) {
  return absl::StrCat(count, " ", noun, count == 1 ? "" : "s");
}

absl::Status Usage(const char* usage) {
  return absl::InvalidArgumentError(absl::StrCat("usage: ", usage));
}

// Whether `text` matches the glob `pattern` (* any run, ? one byte).
bool GlobMatches(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '*') {
    for (size_t skip = 0; skip <= text.size(); ++skip) {
      if (GlobMatches(pattern.substr(1), text.substr(skip))) return true;
    }
    return false;
  }
  return !text.empty() && (pattern[0] == '?' || pattern[0] == text[0]) &&
         GlobMatches(pattern.substr(1), text.substr(1));
}

// Whether a predicate called `name` is listed for .predicates `pattern`.
bool NameMatches(const std::string& pattern, const std::string& name) {
  const std::string lower_pattern = absl::AsciiStrToLower(pattern);
  const std::string lower_name = absl::AsciiStrToLower(name);
  if (lower_pattern.find_first_of("*?") != std::string::npos) {
    return GlobMatches(lower_pattern, lower_name);
  }
  return absl::StrContains(lower_name, lower_pattern);
}

// Orders facts for display: by predicate, then time (undated first), then
// the fact as text.
bool DisplayOrder(const Fact& a, const Fact& b) {
  const auto key = [](const Fact& fact) {
    const DayRange days =
        fact.time.is_stated()
            ? fact.time.days()
            : DayRange{DayRange::kOpenBegin, DayRange::kOpenBegin};
    return std::make_tuple(fact.predicate.text(), fact.time.is_stated(),
                           days.begin, days.end, fact.ToString());
  };
  return key(a) < key(b);
}

// The facts of one side of .entity, sorted for display.
void WriteEntitySection(const std::string& heading, std::vector<Fact> facts,
                        bool as_subject, std::ostream& out) {
  if (facts.empty()) return;
  std::sort(facts.begin(), facts.end(), DisplayOrder);
  out << heading << "\n";
  TextColumns table({Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft});
  const Term* previous_predicate = nullptr;
  for (const Fact& fact : facts) {
    if (as_subject) {
      // Grouped by predicate: the name only on its first fact.
      const bool repeat = previous_predicate != nullptr &&
                          *previous_predicate == fact.predicate;
      table.AddRow({repeat ? "" : fact.predicate.text(),
                    DisplayText(fact.object), fact.time.ToString(),
                    fact.source});
      previous_predicate = &fact.predicate;
    } else {
      table.AddRow({DisplayText(fact.subject), fact.predicate.text(),
                    fact.time.ToString(), fact.source});
    }
  }
  table.Write(out, 2);
}

}  // namespace

absl::Status RunStatsCommand(ShellContext& shell,
                             const std::vector<std::string>& args) {
  if (!args.empty()) return Usage(".stats");
  ALMANAC_ASSIGN_OR_RETURN(Statistics stats, shell.db->GetStatistics());
  std::ostream& out = *shell.out;
  out << absl::StrFormat(
      "facts %d, entities %d, literals %d, predicates %d, "
      "transactions %d\n",
      stats.facts, stats.entities, stats.literals, stats.predicates.size(),
      stats.last_tx);
  std::optional<DayRange> span;
  for (const PredicateStatistics& p : stats.predicates) {
    if (!p.time_span) continue;
    if (!span) span = p.time_span;
    span->begin = std::min(span->begin, p.time_span->begin);
    span->end = std::max(span->end, p.time_span->end);
  }
  if (span) out << "time span " << DaysText(*span) << "\n";
  for (const PredicateStatistics& p : stats.predicates) {
    out << absl::StrFormat("  %-40s %8d facts  %6d subjects  %6d objects",
                           p.predicate.ToString(), p.facts, p.distinct_subjects,
                           p.distinct_objects);
    if (p.time_span) out << "  " << DaysText(*p.time_span);
    out << "\n";
  }
  return absl::OkStatus();
}

absl::Status RunPredicatesCommand(ShellContext& shell,
                                  const std::vector<std::string>& args) {
  if (args.size() > 1) return Usage(".predicates [PATTERN]");
  ALMANAC_ASSIGN_OR_RETURN(Statistics stats, shell.db->GetStatistics());
  TextColumns table({Align::kLeft, Align::kRight, Align::kLeft});
  table.AddRow({"predicate", "facts", "example"});
  uint64_t listed = 0;
  for (const PredicateStatistics& p : stats.predicates) {
    if (p.facts == 0) continue;
    if (!args.empty() && !NameMatches(args[0], p.predicate.text())) continue;
    Pattern pattern;
    pattern.predicate = p.predicate;
    ScanOptions options;
    options.with_source = false;
    std::unique_ptr<FactIterator> it = shell.db->Scan(pattern, options);
    ALMANAC_RETURN_IF_ERROR(it->status());
    const std::string example = it->Valid() ? it->fact().ToString() : "";
    table.AddRow({p.predicate.text(), absl::StrCat(p.facts), example});
    ++listed;
  }
  if (listed > 0) table.Write(*shell.out);
  *shell.out << Plural(listed, "predicate") << "\n";
  return absl::OkStatus();
}

absl::Status RunEntityCommand(ShellContext& shell,
                              const std::vector<std::string>& args) {
  if (args.empty()) return Usage(".entity NAME");
  ALMANAC_ASSIGN_OR_RETURN(std::string name, NameOfWords(args));
  ALMANAC_ASSIGN_OR_RETURN(EntityFacts facts, LookUpEntity(*shell.db, name));
  std::ostream& out = *shell.out;
  const std::string entity = facts.entity.text();
  out << entity;
  if (!facts.alias.empty()) {
    out << " (alias " << Term::String(facts.alias).ToString() << ")";
  }
  out << "\n";
  const size_t subject_count = facts.as_subject.size();
  const size_t object_count = facts.as_object.size();
  WriteEntitySection(absl::StrCat("as subject (", subject_count, "):"),
                     std::move(facts.as_subject), /*as_subject=*/true, out);
  WriteEntitySection(absl::StrCat("as object (", object_count, "):"),
                     std::move(facts.as_object), /*as_subject=*/false, out);
  out << Plural(subject_count + object_count, "fact") << "\n";
  return absl::OkStatus();
}

absl::Status RunTimelineCommand(ShellContext& shell,
                                const std::vector<std::string>& args) {
  if (args.empty()) return Usage(".timeline NAME [FROM .. TO]");
  ALMANAC_ASSIGN_OR_RETURN(TimelineRequest request,
                           ParseTimelineArguments(args));
  ALMANAC_ASSIGN_OR_RETURN(std::string name, NameOfWords(request.name_words));
  ALMANAC_ASSIGN_OR_RETURN(EntityFacts facts, LookUpEntity(*shell.db, name));
  std::ostream& out = *shell.out;
  out << facts.entity.text();
  if (!facts.alias.empty()) {
    out << " (alias " << Term::String(facts.alias).ToString() << ")";
  }
  if (request.window) out << ", " << request.window->ToString();
  out << "\n";
  std::vector<Fact> all = std::move(facts.as_subject);
  all.insert(all.end(), facts.as_object.begin(), facts.as_object.end());
  WriteTimeline(all, request.window, out);
  return absl::OkStatus();
}

absl::Status RunSourcesCommand(ShellContext& shell,
                               const std::vector<std::string>& args) {
  if (!args.empty()) return Usage(".sources");
  struct SourceFacts {
    uint64_t facts = 0;
    int32_t first_day = DayRange::kOpenEnd;   // Of the earliest start.
    std::string first;                        // That start as written.
    int32_t last_day = DayRange::kOpenBegin;  // Of the latest end.
    std::string last;
  };
  std::map<std::string, SourceFacts> sources;
  std::unique_ptr<FactIterator> it = shell.db->Scan(Pattern());
  for (; it->Valid(); it->Next()) {
    const Fact& fact = it->fact();
    SourceFacts& source = sources[fact.source];
    ++source.facts;
    if (!fact.time.is_stated()) continue;
    const DayRange days = fact.time.days();
    if (source.first.empty() || days.begin < source.first_day) {
      source.first_day = days.begin;
      source.first = fact.time.from() ? fact.time.from()->ToString() : "open";
    }
    if (source.last.empty() || days.end > source.last_day) {
      source.last_day = days.end;
      source.last = fact.time.to() ? fact.time.to()->ToString() : "open";
    }
  }
  ALMANAC_RETURN_IF_ERROR(it->status());

  std::vector<std::pair<std::string, SourceFacts>> ordered(sources.begin(),
                                                           sources.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) {
                     return a.second.facts > b.second.facts;
                   });
  TextColumns table({Align::kRight, Align::kLeft, Align::kLeft, Align::kLeft});
  table.AddRow({"facts", "first", "last", "source"});
  for (const auto& [name, source] : ordered) {
    table.AddRow({absl::StrCat(source.facts), source.first, source.last,
                  name.empty() ? "(no source)" : name});
  }
  if (!ordered.empty()) table.Write(*shell.out);
  *shell.out << Plural(ordered.size(), "source") << "\n";
  return absl::OkStatus();
}

absl::Status RunDotCommand(ShellContext& shell,
                           const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage(".dot FILE");
  ALMANAC_ASSIGN_OR_RETURN(const std::string path, NameOfWords(args));
  if (!shell.last_result) {
    return absl::FailedPreconditionError(
        "no result to draw yet: run a FIND first");
  }
  std::ostringstream graph;
  ALMANAC_ASSIGN_OR_RETURN(DotGraphSize size,
                           WriteDotGraph(*shell.db, *shell.last_result, graph));
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << graph.str();
  file.close();
  if (!file) {
    return absl::PermissionDeniedError(absl::StrCat("cannot write ", path));
  }
  *shell.out << "wrote " << Plural(size.nodes, "node") << " and "
             << Plural(size.edges, "edge") << " to " << path << "\n";
  return absl::OkStatus();
}

}  // namespace almanac
