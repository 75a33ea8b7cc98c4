// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The graph of a query result in Graphviz DOT, for .dot FILE. Every entity
// in a cell of the result is a node, in the order the rows name them; every
// fact of the database from one of these entities to another is an edge,
// labelled with its predicate and, on a second line, its valid time.
// Literals (strings, numbers, dates) are not nodes. For
//
//   FIND ?a, ?b WHERE ?a met ?b
//
// the graph holds who met whom, and every other fact between them:
//
//   digraph almanac {
//     node [shape=box];
//     "Sergei Shoigu";
//     "Wei Fenghe";
//     "Sergei Shoigu" -> "Wei Fenghe" [label="met\n2021-11"];
//   }

#ifndef ALMANAC_SHELL_GRAPHVIZ_H_
#define ALMANAC_SHELL_GRAPHVIZ_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

// `text` as a DOT double-quoted string: '"' and '\' escaped with '\', a
// line break written \n, so that labels show the text as it is.
std::string DotQuoted(std::string_view text);

struct DotGraphSize {
  uint64_t nodes = 0;
  uint64_t edges = 0;
};

// Writes the graph of `result`, with edges from the facts of `db`, to `out`.
absl::StatusOr<DotGraphSize> WriteDotGraph(const Database& db,
                                           const QueryResult& result,
                                           std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_GRAPHVIZ_H_
