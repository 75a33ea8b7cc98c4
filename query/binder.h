// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Bind: from the parsed query (query/ast.h) to the bound query
// (query/bound_query.h). Variables get row slots, constants and parameters
// become term ids, aggregates and grouping are checked, and an unknown
// entity is an error pointing at it, with "did you mean" suggestions from
// the dictionary.

#ifndef ALMANAC_QUERY_BINDER_H_
#define ALMANAC_QUERY_BINDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/fact.h"
#include "almanac/query_result.h"
#include "query/ast.h"
#include "query/bound_query.h"
#include "storage/dictionary.h"
#include "storage/store.h"

namespace almanac {

// The predicate that gives an entity another name: `IEA alias "Islamic
// Emirate of Afghanistan"` lets queries name IEA either way.
inline constexpr char kAliasPredicate[] = "alias";

class Binder {
 public:
  // `text` is the query text the AST came from (for error messages). The
  // store, snapshot, text and parameters must outlive the binder.
  Binder(const Store& store, const rocksdb::Snapshot* snapshot,
         std::string_view text, const QueryParameters& parameters);

  absl::StatusOr<BoundFind> BindFind(const ast::FindQuery& query);

  // Returns the fact an ADD or RETRACT names: constants and parameters only.
  absl::StatusOr<Fact> BindFact(const ast::FactTemplate& fact);

  // Binds one subject, predicate, object or source: a variable to its
  // slot, a name or $parameter to its id (an entity's alias resolved).
  // A literal never stored is kMissing; an unknown entity is an error
  // with suggestions.
  absl::StatusOr<BoundTerm> BindTerm(const ast::Node& node);

 private:
  // The slot of variable `name`, given one if it has none yet.
  int SlotOf(const std::string& name);
  // The slot of variable `name`, or -1 when it has none.
  int FindSlot(std::string_view name) const;
  // The term a constant or $parameter node stands for; valid while the
  // node and the parameters are.
  absl::StatusOr<const Term*> ConstantOf(const ast::Node& node);
  // Returns the id of `term`; an entity name that is not in the database
  // but is the alias of one entity (a fact `ENTITY alias "NAME"`) gives that
  // entity's id. std::nullopt when neither; an error when the name is an
  // alias of several entities.
  absl::StatusOr<std::optional<TermId>> FindTerm(const Term& term,
                                                 const ast::Position& position);
  // BindTerm inside a pattern: records where parameters are used.
  absl::StatusOr<BoundTerm> BindPatternTerm(const ast::Node& node);
  absl::StatusOr<BoundTime> BindTime(const ast::TimeNode& time);
  absl::StatusOr<BoundPattern> BindPattern(const ast::TriplePattern& triple);
  absl::Status BindGroup(const ast::GroupPattern& group, BoundGroup* bound);
  absl::StatusOr<BoundExpr> BindExpr(const ast::Expr& expr);
  // Binds an expression evaluated after grouping: aggregates become
  // positions in the grouped row, variables must be group keys.
  absl::StatusOr<BoundExpr> BindGroupedExpr(const ast::Expr& expr,
                                            BoundFind* find);
  absl::Status UnknownEntity(const Term& term, const ast::Position& position);

  const Store& store_;
  DictionaryReader dictionary_;
  const rocksdb::Snapshot* snapshot_;
  const std::string_view text_;
  const QueryParameters& parameters_;
  // Variable names by slot. A query has few variables, so they are found
  // by a scan, which costs less than hashing them.
  std::vector<std::string> slot_names_;
  // Grouped context: the group-by expressions as parsed, to match
  // variables of the outputs against.
  std::vector<const ast::Expr*> group_keys_;
  // For BoundFind::parameter_terms and parameters_outside_terms.
  std::vector<BoundFind::ParameterTerm> parameter_terms_;
  bool parameters_outside_terms_ = false;
};

// Returns whether `expr` holds an aggregate.
bool HasAggregate(const ast::Expr& expr);

// Returns names of the dictionary's entities close to `name` (edit distance
// or a common prefix), closest first, at most `limit`.
absl::StatusOr<std::vector<std::string>> SuggestEntities(
    const Store& store, const rocksdb::Snapshot* snapshot,
    std::string_view name, int limit);

}  // namespace almanac

#endif  // ALMANAC_QUERY_BINDER_H_
