// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The bound form of a query (Bind's output): variables are slots of a row,
// names are term ids, and what a query asks for is checked. Parsed types
// (query/ast.h) and bound types are different types.

#ifndef ALMANAC_QUERY_BOUND_QUERY_H_
#define ALMANAC_QUERY_BOUND_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/value.h"
#include "storage/fact_scanner.h"

namespace almanac {

// A subject, predicate or object position of a pattern.
struct BoundTerm {
  enum class Kind {
    kSlot,      // A variable: row slot `slot`.
    kConstant,  // A stored term: `id`.
    kMissing,   // A constant that was never stored: matches nothing.
  };
  Kind kind = Kind::kConstant;
  int slot = -1;
  TermId id = 0;
  // A $parameter's term: its index in BoundFind::parameter_terms (the
  // constant or missing term above is its value in this run); else -1.
  int parameter = -1;
};

struct BoundTime {
  enum class Kind { kNone, kSlot, kConstant };
  Kind kind = Kind::kNone;
  int slot = -1;
  EncodedTime time;
};

struct BoundPattern {
  BoundTerm subject;
  BoundTerm predicate;
  BoundTerm object;
  BoundTime time;
  // SOURCE: the fact's source string; only facts with a source match.
  std::optional<BoundTerm> source;
  ast::PathRepeat repeat;
  // Time bounds pushed down from filters by the optimizer.
  std::optional<TimeBounds> bounds;
  std::string text;  // As written, for EXPLAIN.
};

struct BoundExpr {
  ast::Expr::Kind kind = ast::Expr::Kind::kConstant;
  int slot = -1;     // kVariable: the row slot.
  Value constant;    // kConstant and kTime.
  std::string name;  // Function or aggregate name.
  bool distinct = false;
  std::vector<BoundExpr> args;
};

// A WHERE clause or a { ... } inside one.
struct BoundGroup {
  // What the group does, in the order written. The planner may reorder the
  // patterns within one run, never across an OPTIONAL or UNION: what comes
  // after `A OPTIONAL { B }` joins with the result of the OPTIONAL.
  struct Step {
    enum class Kind { kPatterns, kOptional, kUnion };
    Kind kind = Kind::kPatterns;
    std::vector<BoundPattern> patterns;  // kPatterns: a run of patterns.
    std::vector<BoundGroup> groups;      // kOptional: one; kUnion: branches.
  };
  std::vector<Step> steps;
  // NOT EXISTS tests the group's rows once its steps are done.
  std::vector<BoundGroup> not_exists;
  // A FILTER anywhere in the group applies to the whole group; each is
  // placed right after the step that binds the last of its variables.
  std::vector<BoundExpr> filters;
};

struct BoundFind {
  std::vector<std::string> slot_names;  // One per variable slot.
  BoundGroup where;

  // Aggregation. When `aggregates` or `group_by` is not empty, rows after
  // grouping hold the group keys, then the aggregates, and `outputs` and
  // `order_by` refer to those positions.
  std::vector<BoundExpr> group_by;
  std::vector<BoundExpr> aggregates;  // kCountStar and kAggregate.
  bool grouped = false;

  std::vector<BoundExpr> outputs;
  std::vector<std::string> columns;
  struct OrderKey {
    BoundExpr expr;
    bool descending = false;
  };
  std::vector<OrderKey> order_by;
  bool distinct = false;
  int64_t offset = 0;
  std::optional<int64_t> limit;

  // The $parameters used as a pattern's subject, predicate, object or
  // source, by BoundTerm::parameter. A run with other values may keep the
  // binding and the plan and bind only these again (Binder::BindTerm),
  // unless a parameter is used elsewhere too.
  struct ParameterTerm {
    const ast::Node* node;  // In the statement's AST.
    BoundTerm bound;        // Its value in this binding.
  };
  std::vector<ParameterTerm> parameter_terms;
  bool parameters_outside_terms = false;  // After @, in FILTER or FIND.
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_BOUND_QUERY_H_
