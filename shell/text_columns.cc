// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/text_columns.h"

#include <algorithm>
#include <ostream>
#include <utility>

namespace almanac {

size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

TextColumns::TextColumns(std::vector<Align> aligns)
    : aligns_(std::move(aligns)), widths_(aligns_.size(), 0) {}

void TextColumns::AddRow(std::vector<std::string> cells) {
  cells.resize(aligns_.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    widths_[i] = std::max(widths_[i], DisplayWidth(cells[i]));
  }
  lines_.push_back({.is_row = true, .cells = std::move(cells), .text = ""});
}

void TextColumns::AddLine(std::string line) {
  lines_.push_back({.is_row = false, .cells = {}, .text = std::move(line)});
}

void TextColumns::Write(std::ostream& out, size_t indent) const {
  for (const Line& line : lines_) {
    if (!line.is_row) {
      out << line.text << "\n";
      continue;
    }
    size_t used = line.cells.size();
    while (used > 0 && line.cells[used - 1].empty()) --used;
    out << std::string(indent, ' ');
    bool first = true;
    for (size_t i = 0; i < used; ++i) {
      if (widths_[i] == 0) continue;  // Empty in every row.
      const std::string& cell = line.cells[i];
      const std::string padding(widths_[i] - DisplayWidth(cell), ' ');
      if (!first) out << "  ";
      first = false;
      if (aligns_[i] == Align::kRight) {
        out << padding << cell;
      } else if (i + 1 < used) {
        out << cell << padding;
      } else {
        out << cell;
      }
    }
    out << "\n";
  }
}

}  // namespace almanac
