// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Finds the entity a user named on a dot-command line (.entity, .timeline)
// and the facts about it. A name that has no facts of its own but is an
// alias (a fact `X alias "NAME"`) stands for X.

#ifndef ALMANAC_SHELL_ENTITY_LOOKUP_H_
#define ALMANAC_SHELL_ENTITY_LOOKUP_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

// The name that `words` (as SplitWords returns them) spell: one `quoted`
// or "quoted" word without its quotes and escapes, or bare words joined by
// single spaces (".entity Sergei Shoigu"). InvalidArgument when there are
// no words or a quoted word is malformed.
absl::StatusOr<std::string> NameOfWords(const std::vector<std::string>& words);

// A term as a reader wants it in a report: an entity's name without
// backticks, a literal as the query language writes it ("5", "\"text\"").
std::string DisplayText(const Term& term);

struct EntityFacts {
  Term entity;
  // The name the user gave when it was an alias of `entity`; else empty.
  std::string alias;
  std::vector<Fact> as_subject;  // In the order of the subject index.
  // Facts with `entity` as object but not as subject (a fact about itself
  // is only in as_subject).
  std::vector<Fact> as_object;
};

// Returns the facts about the entity called `name`, or about the entity it
// is an alias of. Errors:
//   InvalidArgument "unknown entity NAME; did you mean ...?" for a name the
//     database never stored (the query binder's suggestions).
//   InvalidArgument when the name is an alias of several entities (naming
//     them), or names an entity with no facts (a predicate, say).
absl::StatusOr<EntityFacts> LookUpEntity(Database& db, const std::string& name);

}  // namespace almanac

#endif  // ALMANAC_SHELL_ENTITY_LOOKUP_H_
