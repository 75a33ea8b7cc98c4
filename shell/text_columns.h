// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Plain text laid out in aligned columns, for the shell's reports (.entity,
// .timeline, .predicates, .sources). Columns are separated by two spaces and
// padded to their widest cell, counted in UTF-8 code points; the last column
// is never padded, so no line ends in spaces.
//
// Example:
//   TextColumns table({Align::kLeft, Align::kRight, Align::kLeft});
//   table.AddRow({"participant", "2", "Zapad participant Russia"});
//   table.AddRow({"met", "10", "Shoigu met Wei"});
//   table.Write(out, /*indent=*/2);
//   //   participant   2  Zapad participant Russia
//   //   met          10  Shoigu met Wei

#ifndef ALMANAC_SHELL_TEXT_COLUMNS_H_
#define ALMANAC_SHELL_TEXT_COLUMNS_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace almanac {

// The display width of UTF-8 `text`: its number of code points.
size_t DisplayWidth(const std::string& text);

class TextColumns {
 public:
  enum class Align { kLeft, kRight };

  // A table whose columns are aligned as `aligns` says, one entry a column.
  explicit TextColumns(std::vector<Align> aligns);

  // Adds a row. REQUIRES: cells.size() == the number of columns.
  void AddRow(std::vector<std::string> cells);

  // Adds a line written as it is, not aligned, between the rows (a heading).
  void AddLine(std::string line);

  bool empty() const { return lines_.empty(); }

  // Writes every row and line in the order added, each row preceded by
  // `indent` spaces. A column empty in every row takes no room; trailing
  // empty cells are dropped with their padding.
  void Write(std::ostream& out, size_t indent = 0) const;

 private:
  struct Line {
    bool is_row = false;
    std::vector<std::string> cells;  // A row.
    std::string text;                // A line written as it is.
  };
  std::vector<Align> aligns_;
  std::vector<size_t> widths_;
  std::vector<Line> lines_;
};

}  // namespace almanac

#endif  // ALMANAC_SHELL_TEXT_COLUMNS_H_
