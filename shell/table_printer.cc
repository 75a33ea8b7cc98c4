// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/table_printer.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace almanac {
namespace {

// A column is never cut narrower than this to fit the terminal.
constexpr size_t kNarrowestColumn = 3;

constexpr char kBold[] = "1";
constexpr char kDim[] = "2";

// The cells to print, already cut to their column's width.
struct Grid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<bool>> right_aligned;  // Numbers, in a box.
  std::vector<size_t> widths;                    // Of each column.
};

bool IsNumber(const Cell& cell) {
  return cell.kind == Cell::Kind::kTerm &&
         (cell.term.kind() == TermKind::kInteger ||
          cell.term.kind() == TermKind::kDecimal);
}

// The columns a row takes besides its cells: " | " between cells in a
// table, "│ " + " │ " between + " │" in a box.
size_t Decoration(OutputFormat format, size_t columns) {
  if (format == OutputFormat::kBox) return 3 * columns + 1;
  return 3 * (columns - 1);
}

// Narrows the widest columns, one column at a time, until the row fits
// `width` or every column is at kNarrowestColumn.
void FitWidths(size_t width, size_t decoration, std::vector<size_t>& widths) {
  size_t total = decoration;
  for (size_t w : widths) total += w;
  while (total > width) {
    auto widest = std::max_element(widths.begin(), widths.end());
    if (*widest <= kNarrowestColumn) return;
    --*widest;
    --total;
  }
}

Grid MakeGrid(const QueryResult& result, const PrintOptions& options,
              size_t shown) {
  Grid grid;
  grid.header = result.columns;
  for (const std::string& column : result.columns) {
    grid.widths.push_back(DisplayWidth(column));
  }
  for (size_t r = 0; r < shown; ++r) {
    const ResultRows::Row row = result.rows[r];
    std::vector<std::string> texts;
    std::vector<bool> right;
    for (size_t i = 0; i < row.size(); ++i) {
      std::string text = row[i].ToString();
      if (options.format == OutputFormat::kMarkdown) {
        text = absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
      }
      grid.widths[i] = std::max(grid.widths[i], DisplayWidth(text));
      texts.push_back(std::move(text));
      right.push_back(options.format == OutputFormat::kBox && IsNumber(row[i]));
    }
    grid.rows.push_back(std::move(texts));
    grid.right_aligned.push_back(std::move(right));
  }
  if (options.width > 0 && options.format != OutputFormat::kMarkdown) {
    FitWidths(options.width, Decoration(options.format, grid.widths.size()),
              grid.widths);
    for (size_t i = 0; i < grid.header.size(); ++i) {
      grid.header[i] = TruncateToWidth(grid.header[i], grid.widths[i]);
    }
    for (std::vector<std::string>& texts : grid.rows) {
      for (size_t i = 0; i < texts.size(); ++i) {
        texts[i] = TruncateToWidth(texts[i], grid.widths[i]);
      }
    }
  }
  return grid;
}

std::string Padding(const std::string& text, size_t width) {
  return std::string(width - std::min(width, DisplayWidth(text)), ' ');
}

// `text` in the ANSI style `code` when `color`.
std::string Paint(const std::string& text, const char* code, bool color) {
  if (!color || text.empty()) return text;
  return absl::StrCat("\x1b[", code, "m", text, "\x1b[0m");
}

std::string RowCount(size_t total, size_t shown) {
  std::string text = absl::StrCat(total, total == 1 ? " row" : " rows");
  if (shown < total) absl::StrAppend(&text, " (", shown, " shown)");
  return text;
}

void PrintAligned(const Grid& grid, size_t total, const PrintOptions& options,
                  std::ostream& out) {
  const bool color = options.color;
  const std::string bar = Paint("|", kDim, color);
  const auto print_row = [&](const std::vector<std::string>& texts,
                             bool header) {
    for (size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) out << " " << bar << " ";
      out << Paint(texts[i], kBold, color && header);
      if (i + 1 < texts.size()) out << Padding(texts[i], grid.widths[i]);
    }
    out << "\n";
  };
  print_row(grid.header, /*header=*/true);
  std::string rule;
  for (size_t i = 0; i < grid.widths.size(); ++i) {
    if (i > 0) rule += "-+-";
    rule += std::string(grid.widths[i], '-');
  }
  out << Paint(rule, kDim, color) << "\n";
  for (const std::vector<std::string>& texts : grid.rows) {
    print_row(texts, /*header=*/false);
  }
  const size_t shown = grid.rows.size();
  if (shown < total) {
    out << "(" << total << " rows, " << shown << " shown)\n";
  } else {
    out << "(" << RowCount(total, shown) << ")\n";
  }
}

void PrintBox(const Grid& grid, size_t total, const PrintOptions& options,
              std::ostream& out) {
  const bool color = options.color;
  const auto rule = [&](const char* left, const char* middle,
                        const char* right) {
    std::string line = left;
    for (size_t i = 0; i < grid.widths.size(); ++i) {
      if (i > 0) line += middle;
      for (size_t n = 0; n < grid.widths[i] + 2; ++n) line += "─";
    }
    line += right;
    out << Paint(line, kDim, color) << "\n";
  };
  const std::string bar = Paint("│", kDim, color);
  const auto print_row = [&](const std::vector<std::string>& texts,
                             const std::vector<bool>* right, bool header) {
    for (size_t i = 0; i < texts.size(); ++i) {
      out << bar << " ";
      const std::string padding = Padding(texts[i], grid.widths[i]);
      const bool right_aligned = right != nullptr && (*right)[i];
      if (right_aligned) out << padding;
      out << Paint(texts[i], kBold, color && header);
      if (!right_aligned) out << padding;
      out << " ";
    }
    out << bar << "\n";
  };
  rule("┌", "┬", "┐");
  print_row(grid.header, nullptr, /*header=*/true);
  rule("├", "┼", "┤");
  for (size_t r = 0; r < grid.rows.size(); ++r) {
    print_row(grid.rows[r], &grid.right_aligned[r], /*header=*/false);
  }
  rule("└", "┴", "┘");
  out << RowCount(total, grid.rows.size()) << "\n";
}

void PrintMarkdown(const Grid& grid, std::ostream& out) {
  const auto print_row = [&](const std::vector<std::string>& texts) {
    out << "|";
    for (size_t i = 0; i < texts.size(); ++i) {
      out << " " << texts[i]
          << Padding(texts[i], std::max<size_t>(grid.widths[i], 3)) << " |";
    }
    out << "\n";
  };
  print_row(grid.header);
  out << "|";
  for (size_t width : grid.widths) {
    out << std::string(std::max<size_t>(width, 3) + 2, '-') << "|";
  }
  out << "\n";
  for (const std::vector<std::string>& texts : grid.rows) print_row(texts);
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string TruncateToWidth(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  size_t kept = 0;  // Code points kept.
  size_t end = 0;   // Bytes kept.
  while (end < text.size()) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (kept == width - 1) break;
      ++kept;
    }
    ++end;
  }
  return std::string(text.substr(0, end)) + "…";
}

void PrintTable(const QueryResult& result, const PrintOptions& options,
                std::ostream& out) {
  const size_t total = result.rows.size();
  const size_t shown =
      options.max_rows == 0 || options.format == OutputFormat::kMarkdown
          ? total
          : std::min(total, options.max_rows);
  const Grid grid = MakeGrid(result, options, shown);
  switch (options.format) {
    case OutputFormat::kBox:
      PrintBox(grid, total, options, out);
      return;
    case OutputFormat::kMarkdown:
      PrintMarkdown(grid, out);
      return;
    default:
      PrintAligned(grid, total, options, out);
      return;
  }
}

}  // namespace almanac
