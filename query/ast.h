// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The parsed form of a query: plain structs with public fields, produced by
// Parse() (query/parser.h) and consumed by the binder. Names are still text
// here; the binder turns them into term ids. docs/query-language.md is the
// reference for the language itself.
//
//   FIND ?who, ?when WHERE ?who recognized IEA @ ?when ORDER BY ?when;
//
// parses to a Statement of kind kFind whose FindQuery has two projection
// items (variables who and when), one triple pattern in `where`, and one
// order key.

#ifndef ALMANAC_QUERY_AST_H_
#define ALMANAC_QUERY_AST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "almanac/date.h"
#include "almanac/term.h"

namespace almanac::ast {

// Where a construct starts in the query text: 1-based line and column
// (column counts bytes), and the byte offset.
struct Position {
  int line = 1;
  int column = 1;
  size_t offset = 0;
};

// A subject, predicate, object or source position of a pattern: a variable
// (?name), a parameter ($name) or a constant term (an entity name, bare or in
// backticks, or a literal).
struct Node {
  enum class Kind { kVariable, kParameter, kConstant };
  Kind kind = Kind::kConstant;
  std::string name;  // Variable or parameter name, without ? or $.
  Term constant;     // For kConstant.
  Position position;
};

// The time of a pattern or a written fact, after '@': a variable, a
// parameter, or a literal time ("2014", "2018-10-21..2018-11-04", "2003..").
struct TimeNode {
  enum class Kind { kVariable, kParameter, kLiteral };
  Kind kind = Kind::kLiteral;
  std::string name;  // Variable or parameter name.
  ValidTime literal;
  Position position;
};

// How often the predicate of a pattern repeats along a path:
// `p` once, `p+` one or more, `p*` zero or more, `p{m,n}` m to n times.
struct PathRepeat {
  int min = 1;
  int max = 1;  // kUnbounded for + and *.
  static constexpr int kUnbounded = -1;
  bool is_single() const { return min == 1 && max == 1; }
};

// subject predicate object [@ time]
struct TriplePattern {
  Node subject;
  Node predicate;
  PathRepeat repeat;  // REQUIRES: a constant predicate unless is_single().
  Node object;
  std::optional<TimeNode> time;
  std::optional<Node> source;  // After SOURCE: the fact's source.
  Position position;
};

// An expression in FILTER, FIND, GROUP BY and ORDER BY.
struct Expr {
  enum class Kind {
    kVariable,   // name
    kParameter,  // name
    kConstant,   // constant
    kTime,       // time: a date or interval written in an expression
    kNot,        // args[0]
    kNegate,     // args[0]
    kAnd,        // args[0], args[1]
    kOr,
    kEqual,
    kNotEqual,
    kLess,
    kLessEqual,
    kGreater,
    kGreaterEqual,
    kAdd,
    kSubtract,
    kMultiply,
    kDivide,
    kIn,      // args[0] IN (args[1], args[2], ...)
    kBefore,  // args[0] BEFORE args[1], both times (see docs/time.md)
    kAfter,
    kDuring,
    kOverlaps,
    kContains,
    kCall,       // name(args...): contains, starts_with, ends_with,
                 // lower, upper, matches (case-insensitive equality),
                 // year, month, day, str
    kCountStar,  // count(*)
    kAggregate,  // name(DISTINCT? args[0]): count, min, max, sum, avg
  };
  Kind kind = Kind::kConstant;
  std::string name;  // Variable, parameter, function or aggregate name
                     // (functions and aggregates in lower case).
  Term constant;
  ValidTime time;
  bool distinct = false;  // For kAggregate.
  std::vector<Expr> args;
  Position position;
};

struct GroupPattern;

// One element of a WHERE clause. Elements are joined with '.'.
struct PatternElement {
  enum class Kind {
    kTriple,     // triple
    kFilter,     // FILTER filter
    kOptional,   // OPTIONAL { groups[0] }
    kNotExists,  // NOT EXISTS { groups[0] }
    kUnion,      // { groups[0] } UNION { groups[1] } UNION ...
  };
  Kind kind = Kind::kTriple;
  TriplePattern triple;
  Expr filter;
  std::vector<GroupPattern> groups;
  Position position;
};

struct GroupPattern {
  std::vector<PatternElement> elements;
};

struct ProjectionItem {
  Expr expr;
  std::string alias;  // AS alias; empty when none.
};

struct OrderKey {
  Expr expr;
  bool descending = false;
};

// FIND [DISTINCT] items WHERE pattern [FILTER expr] [GROUP BY ...]
//   [ORDER BY ...] [LIMIT n] [OFFSET n]
// A FILTER after the pattern is kept as a kFilter element of `where`.
struct FindQuery {
  bool distinct = false;
  bool star = false;  // FIND * : every variable of the pattern.
  std::vector<ProjectionItem> items;
  GroupPattern where;
  std::vector<Expr> group_by;
  std::vector<OrderKey> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
};

// A fact to add or retract: constants or parameters, no variables.
struct FactTemplate {
  Node subject;
  Node predicate;
  Node object;
  std::optional<TimeNode> time;
  std::optional<Node> source;  // SOURCE "..." or SOURCE $param.
  Position position;
};

struct Statement {
  enum class Kind {
    kFind,
    kAdd,       // ADD fact [SOURCE s] {, fact [SOURCE s]}
    kRetract,   // RETRACT fact {, fact}
    kBegin,     // BEGIN
    kCommit,    // COMMIT
    kRollback,  // ROLLBACK
  };
  enum class Explain { kNone, kPlan, kAnalyze };
  Kind kind = Kind::kFind;
  Explain explain = Explain::kNone;  // EXPLAIN, EXPLAIN ANALYZE / PROFILE.
  bool explain_json = false;         // EXPLAIN (FORMAT JSON) ...
  FindQuery find;
  std::vector<FactTemplate> facts;
  Position position;
};

}  // namespace almanac::ast

#endif  // ALMANAC_QUERY_AST_H_
