// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A dated fact: (subject, predicate, object, valid time), with an optional
// source. Two facts are the same fact when subject, predicate, object and
// valid time are equal (the time as written: "2014" and
// "2014-01-01..2014-12-31" cover the same days but are different facts). The
// source is provenance, not identity: adding a fact that is already there
// changes nothing, whatever its source.

#ifndef ALMANAC_FACT_H_
#define ALMANAC_FACT_H_

#include <cstdint>
#include <string>

#include "almanac/date.h"
#include "almanac/term.h"

namespace almanac {

// Transactions are numbered 1, 2, 3, ... in commit order; 0 means "none".
using TxNumber = uint64_t;

struct Fact {
  Term subject;        // An entity.
  Term predicate;      // An entity.
  Term object;         // An entity or a literal.
  ValidTime time;      // May be unstated.
  std::string source;  // Document, URL or citation; empty when unknown.

  // Only for facts read from a database: the transaction that added it.
  TxNumber added_in = 0;

  // Returns "subject predicate object @ time" as the query language writes it,
  // followed by SOURCE "..." when there is one.
  std::string ToString() const;
};

}  // namespace almanac

#endif  // ALMANAC_FACT_H_
