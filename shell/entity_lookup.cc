// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/entity_lookup.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

constexpr char kAliasPredicate[] = "alias";

absl::StatusOr<std::vector<Fact>> ScanAll(Database& db,
                                          const Pattern& pattern) {
  std::vector<Fact> facts;
  std::unique_ptr<FactIterator> it = db.Scan(pattern);
  for (; it->Valid(); it->Next()) facts.push_back(it->fact());
  ALMANAC_RETURN_IF_ERROR(it->status());
  return facts;
}

absl::Status FactsAbout(Database& db, EntityFacts& facts) {
  Pattern as_subject;
  as_subject.subject = facts.entity;
  ALMANAC_ASSIGN_OR_RETURN(facts.as_subject, ScanAll(db, as_subject));
  Pattern as_object;
  as_object.object = facts.entity;
  ALMANAC_ASSIGN_OR_RETURN(std::vector<Fact> incoming, ScanAll(db, as_object));
  for (Fact& fact : incoming) {
    if (!(fact.subject == facts.entity)) {
      facts.as_object.push_back(std::move(fact));
    }
  }
  return absl::OkStatus();
}

// The entities `name` is an alias of.
absl::StatusOr<std::vector<Term>> AliasTargets(Database& db,
                                               const std::string& name) {
  Pattern pattern;
  pattern.predicate = Term::Entity(kAliasPredicate);
  pattern.object = Term::String(name);
  ALMANAC_ASSIGN_OR_RETURN(std::vector<Fact> facts, ScanAll(db, pattern));
  std::vector<Term> targets;
  for (const Fact& fact : facts) {
    bool seen = false;
    for (const Term& target : targets) seen = seen || target == fact.subject;
    if (!seen) targets.push_back(fact.subject);
  }
  return targets;
}

// The error for a name with no facts and no alias: the query binder's
// "unknown entity ...; did you mean ...?" when the name was never stored.
absl::Status NoFactsError(Database& db, const Term& entity) {
  const absl::StatusOr<QueryResult> probe =
      db.Query("FIND ?p WHERE $name ?p ?o LIMIT 1", {{"name", entity}});
  if (!probe.ok()) {
    // "line 1, column 15: unknown entity X; did you mean Y?\n<query>\n^":
    // keep the reason, which does not depend on the probe's text.
    const std::string message(probe.status().message());
    const size_t start = message.find("unknown entity");
    if (start == std::string::npos) return probe.status();
    return absl::InvalidArgumentError(
        message.substr(start, message.find('\n', start) - start));
  }
  Pattern as_predicate;
  as_predicate.predicate = entity;
  std::unique_ptr<FactIterator> it = db.Scan(as_predicate);
  if (it->Valid()) {
    return absl::InvalidArgumentError(
        absl::StrCat(entity.ToString(),
                     " is a predicate, not the subject or object of any fact; "
                     "try .predicates ",
                     entity.text()));
  }
  ALMANAC_RETURN_IF_ERROR(it->status());
  return absl::InvalidArgumentError(
      absl::StrCat("no facts about ", entity.ToString()));
}

}  // namespace

absl::StatusOr<std::string> NameOfWords(const std::vector<std::string>& words) {
  if (words.empty()) return absl::InvalidArgumentError("missing NAME");
  const std::string& first = words[0];
  if (words.size() == 1 && (first[0] == '`' || first[0] == '"')) {
    ALMANAC_ASSIGN_OR_RETURN(Term term, Term::ParseObjectField(first));
    return term.text();
  }
  return absl::StrJoin(words, " ");
}

std::string DisplayText(const Term& term) {
  return term.is_entity() ? term.text() : term.ToString();
}

absl::StatusOr<EntityFacts> LookUpEntity(Database& db,
                                         const std::string& name) {
  EntityFacts facts;
  facts.entity = Term::Entity(name);
  ALMANAC_RETURN_IF_ERROR(FactsAbout(db, facts));
  if (!facts.as_subject.empty() || !facts.as_object.empty()) return facts;

  ALMANAC_ASSIGN_OR_RETURN(std::vector<Term> targets, AliasTargets(db, name));
  if (targets.empty()) return NoFactsError(db, facts.entity);
  if (targets.size() > 1) {
    std::vector<std::string> names;
    for (const Term& target : targets) names.push_back(target.ToString());
    return absl::InvalidArgumentError(absl::StrCat(
        Term::String(name).ToString(),
        " is an alias of several entities: ", absl::StrJoin(names, ", ")));
  }
  facts.entity = targets[0];
  facts.alias = name;
  ALMANAC_RETURN_IF_ERROR(FactsAbout(db, facts));
  return facts;
}

}  // namespace almanac
