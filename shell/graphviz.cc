// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/graphviz.h"

#include <memory>
#include <ostream>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"

namespace almanac {

std::string DotQuoted(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted.push_back('\\');
      quoted.push_back(c);
    } else if (c == '\n') {
      quoted += "\\n";
    } else if (c != '\r') {
      quoted.push_back(c);
    }
  }
  quoted.push_back('"');
  return quoted;
}

absl::StatusOr<DotGraphSize> WriteDotGraph(const Database& db,
                                           const QueryResult& result,
                                           std::ostream& out) {
  std::vector<std::string> nodes;  // In the order the rows name them.
  std::set<std::string> seen;
  for (ResultRows::Row row : result.rows) {
    for (const Cell& cell : row) {
      if (cell.kind == Cell::Kind::kTerm && cell.term.is_entity() &&
          seen.insert(cell.term.text()).second) {
        nodes.push_back(cell.term.text());
      }
    }
  }
  DotGraphSize size;
  out << "digraph almanac {\n  node [shape=box];\n";
  for (const std::string& node : nodes) {
    out << "  " << DotQuoted(node) << ";\n";
    ++size.nodes;
  }
  for (const std::string& node : nodes) {
    Pattern pattern;
    pattern.subject = Term::Entity(node);
    ScanOptions options;
    options.with_source = false;
    std::unique_ptr<FactIterator> it = db.Scan(pattern, options);
    for (; it->Valid(); it->Next()) {
      const Fact& fact = it->fact();
      if (!fact.object.is_entity() || seen.count(fact.object.text()) == 0) {
        continue;
      }
      std::string label = fact.predicate.text();
      if (fact.time.is_stated()) {
        absl::StrAppend(&label, "\n", fact.time.ToString());
      }
      out << "  " << DotQuoted(node) << " -> " << DotQuoted(fact.object.text())
          << " [label=" << DotQuoted(label) << "];\n";
      ++size.edges;
    }
    ALMANAC_RETURN_IF_ERROR(it->status());
  }
  out << "}\n";
  return size;
}

}  // namespace almanac
