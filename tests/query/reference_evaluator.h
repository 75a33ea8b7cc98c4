// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A deliberately simple evaluator of a small part of FIND, for the
// differential test (differential_test.cc): nested loops over a vector of
// facts, bindings as std::maps from variable names to cells, filters applied
// after every pattern has matched, grouping and aggregates done naively. It
// shares no code with query/: a query is described by reference::Query
// (no AST), which also writes itself as query text.
//
// The part of the language it knows:
//   patterns   s p o [@ ?t | @ <time>], each position a variable or a
//              constant, joined on shared variables; s p+ o, s p* o,
//              s p{m,n} o and s p{m,} o (a constant p, no time; no limit
//              on a walk's length, where the engine stops at
//              PathJoin::kMaxPathSteps levels)
//   filters    ?t REL <time> (BEFORE, AFTER, DURING, OVERLAPS, CONTAINS),
//              ?x OP <constant or ?y> (=, !=, <, <=, >, >=)
//   outputs    ?x, year(?t), count(*), count([DISTINCT] ?x), min, max, sum,
//              avg; DISTINCT; GROUP BY ?x or year(?t); ORDER BY outputs;
//              LIMIT; OFFSET
//
// Semantics, from docs/time.md, docs/query-language.md and the contracts in
// query/evaluator.h:
//  - A fact with no stated time matches a pattern with @ ?t and leaves ?t
//    empty (null) in filters, outputs and aggregates; a time variable shared
//    by two patterns joins facts with the same time as written, and two
//    facts with no time with each other. A pattern with a literal time
//    matches facts with exactly that time as written (2014 and 2014..2014
//    are different times).
//  - A time filter holds when the variable is a time and
//    Holds(REL, time.days(), literal.days()); null never satisfies a filter.
//  - Comparisons: null on either side is false; values of different kinds
//    are never equal and never ordered (= false, != true, < false); entities
//    compare by name, byte by byte.
//  - Ordering (ORDER BY, min, max): nulls, booleans, numbers, times, text,
//    entities; times by first day, then end day. Two times covering the same
//    days but written differently (2014, 2014..2014) are tied here; the
//    engine orders them in a way of its own. Check() allows any order among
//    rows tied on all keys, so a query checked with it must not order by a
//    key after a time key, nor take min or max of times.
//  - count skips nulls; sum adds the integers and ignores other values (0
//    when none); avg is the mean of the integers (null when none), written
//    with six decimals in canonical form; with no GROUP BY, an empty input
//    still makes one group.
//  - year(x) is the year of x's first day; null for a non-time or an open
//    beginning.
//  - A path pattern s p{m,n} o matches each pair (x, y), once, such that
//    some walk along p's facts leads from x to y in m to n steps (p+ is
//    {1,}, p* is {0,}). A walk of zero steps leads from each node of p (a
//    subject or object of one of its facts) to itself, and from no other
//    term.

#ifndef ALMANAC_TESTS_QUERY_REFERENCE_EVALUATOR_H_
#define ALMANAC_TESTS_QUERY_REFERENCE_EVALUATOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "almanac/date.h"
#include "almanac/fact.h"
#include "almanac/query_result.h"
#include "almanac/term.h"

namespace almanac::reference {

// A subject, predicate or object of a pattern, or the right side of a
// comparison: a variable when `var` is not empty, else `constant`.
struct Node {
  std::string var;  // Without '?'.
  Term constant;

  static Node Variable(std::string name);
  static Node Constant(Term term);
  bool is_variable() const { return !var.empty(); }
};

struct Pattern {
  Node subject;
  Node predicate;
  Node object;
  std::string time_var;                   // @ ?time_var, when not empty.
  std::optional<ValidTime> time_literal;  // @ <literal>, when set.
  // How often the predicate repeats: 1 to 1 for a plain pattern; a path
  // (REQUIRES: a constant predicate, no time) otherwise. kUnbounded: no
  // upper bound.
  int repeat_min = 1;
  int repeat_max = 1;
  static constexpr int kUnbounded = -1;

  bool is_path() const { return repeat_min != 1 || repeat_max != 1; }
};

enum class CompareOp {
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual
};

struct Filter {
  enum class Kind {
    kTime,     // ?var relation time
    kCompare,  // ?var op right
  };
  Kind kind = Kind::kTime;
  std::string var;
  TimeRelation relation = TimeRelation::kOverlaps;  // kTime: not kEquals.
  ValidTime time;                                   // kTime.
  CompareOp op = CompareOp::kEqual;                 // kCompare.
  Node right;                                       // kCompare.
  bool alternative_spelling = false;                // Write != as <>.
};

// An output column, or a GROUP BY key (kVariable or kYear only).
struct Column {
  enum class Kind {
    kVariable,   // ?var
    kYear,       // year(?var)
    kCountStar,  // count(*)
    kCount,      // count([DISTINCT] ?var)
    kMin,
    kMax,
    kSum,
    kAvg,
  };
  Kind kind = Kind::kVariable;
  std::string var;
  bool distinct = false;  // kCount only.
  std::string alias;      // AS alias, when not empty.

  bool is_aggregate() const {
    return kind != Kind::kVariable && kind != Kind::kYear;
  }
};

struct OrderKey {
  size_t column = 0;  // Index into Query::columns.
  bool descending = false;
  bool by_alias = false;      // Write the column's alias instead of it.
  bool explicit_asc = false;  // Write ASC when ascending.
};

struct Query {
  std::vector<Pattern> patterns;
  std::vector<Filter> filters;
  bool filters_in_one = false;  // One FILTER joined with AND.
  bool distinct = false;
  std::vector<Column> columns;
  // REQUIRES when grouped(): every non-aggregate column is a key here.
  std::vector<Column> group_by;
  std::vector<OrderKey> order_by;
  std::optional<int64_t> limit;
  std::optional<int64_t> offset;
  bool lowercase_keywords = false;

  // True when the query has aggregates or GROUP BY.
  bool grouped() const;

  // The query in the query language, with the patterns in reverse order
  // when `reverse_patterns`.
  std::string ToText(bool reverse_patterns = false) const;

  // The result's column names: the aliases, else the outputs as written
  // without '?' ("x", "year(t)", "count(DISTINCT x)").
  std::vector<std::string> ColumnNames() const;
};

using Rows = std::vector<std::vector<Cell>>;

// The rows of an engine's result, as Rows.
Rows RowsOf(const ResultRows& rows);

// Returns the rows of `query` over `facts` (distinct facts), after DISTINCT
// and ORDER BY (a stable sort), before OFFSET and LIMIT.
Rows Evaluate(const Query& query, const std::vector<Fact>& facts);

// Orders two cells as ORDER BY does (see the top of this file). Returns <0,
// 0 or >0.
int CompareCells(const Cell& a, const Cell& b);

// Returns "" when `actual` is a right answer to `query`, given `expected`
// from Evaluate: the same rows when the query has no ORDER BY, LIMIT or
// OFFSET (in any order); with ORDER BY, rows in an order the keys allow;
// with OFFSET and LIMIT, that window of some right order. Otherwise
// returns what differs.
std::string Check(const Query& query, const Rows& expected, const Rows& actual);

// "cell | cell | cell", cells as Cell::ToString() writes them.
std::string RenderRow(const std::vector<Cell>& row);

}  // namespace almanac::reference

#endif  // ALMANAC_TESTS_QUERY_REFERENCE_EVALUATOR_H_
