// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// What a query statement takes and returns: parameter values for $name
// placeholders, and a result of named columns and rows of cells.

#ifndef ALMANAC_QUERY_RESULT_H_
#define ALMANAC_QUERY_RESULT_H_

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "almanac/date.h"
#include "almanac/fact.h"
#include "almanac/term.h"

namespace almanac {

// Values for the $name parameters of a statement, by name (without '$'):
// a term, or a valid time for a parameter after '@' or in a time relation.
using QueryParameters = std::map<std::string, std::variant<Term, ValidTime>>;

// One value of a result row.
struct Cell {
  enum class Kind { kNull, kTerm, kTime };
  // Written out so that a new cell is initialized only as its members say:
  // with an implicit constructor, Cell() and vector<Cell>::resize would
  // first fill the whole cell with zeros, on every row of a result.
  Cell() {}
  Kind kind = Kind::kNull;
  Term term;       // kTerm: an entity or a literal (counts are integers).
  ValidTime time;  // kTime.

  // "" for null, Term::ToString() or ValidTime::ToString().
  std::string ToString() const;
  bool operator==(const Cell&) const = default;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  // EXPLAIN: the plan as text (or JSON); the rows are then empty, except
  // for EXPLAIN ANALYZE, which also runs the query.
  std::string plan;
  // ADD, RETRACT, COMMIT: what the write changed.
  TxNumber tx = 0;
  uint64_t added = 0;
  uint64_t retracted = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_RESULT_H_
