// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/result_printer.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

namespace almanac {
namespace {

// Display width: counts UTF-8 code points, not bytes.
size_t Width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

void PrintPadded(const std::string& text, size_t width, std::ostream& out) {
  out << text << std::string(width - std::min(width, Width(text)), ' ');
}

}  // namespace

void PrintResult(const QueryResult& result, std::ostream& out) {
  if (!result.plan.empty()) {
    out << result.plan;
    if (result.plan.back() != '\n') out << "\n";
  }
  if (result.columns.empty()) {
    if (result.tx != 0 || result.added != 0 || result.retracted != 0) {
      out << "added " << result.added << ", retracted " << result.retracted
          << " (transaction " << result.tx << ")\n";
    } else if (result.plan.empty()) {
      out << "ok\n";
    }
    return;
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths;
  for (const std::string& column : result.columns) {
    widths.push_back(Width(column));
  }
  for (const std::vector<Cell>& row : result.rows) {
    std::vector<std::string> texts;
    for (size_t i = 0; i < row.size(); ++i) {
      texts.push_back(row[i].ToString());
      widths[i] = std::max(widths[i], Width(texts.back()));
    }
    cells.push_back(std::move(texts));
  }
  const auto print_row = [&](const std::vector<std::string>& texts) {
    for (size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) out << " | ";
      if (i + 1 == texts.size()) {
        out << texts[i];
      } else {
        PrintPadded(texts[i], widths[i], out);
      }
    }
    out << "\n";
  };
  print_row(result.columns);
  for (size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) out << "-+-";
    out << std::string(widths[i], '-');
  }
  out << "\n";
  for (const std::vector<std::string>& texts : cells) print_row(texts);
  out << "(" << result.rows.size()
      << (result.rows.size() == 1 ? " row)\n" : " rows)\n");
}

}  // namespace almanac
