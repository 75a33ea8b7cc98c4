// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Prints a statement's result: rows in one of the output formats, the plan
// of an EXPLAIN, or what a write changed.
//
// Example:
//   PrintOptions options;
//   options.format = OutputFormat::kBox;
//   options.width = 80;  // Truncate wide values to fit 80 columns.
//   PrintResult(result, options, std::cout);

#ifndef ALMANAC_SHELL_RESULT_PRINTER_H_
#define ALMANAC_SHELL_RESULT_PRINTER_H_

#include <cstddef>
#include <iosfwd>
#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/query_result.h"

namespace almanac {

enum class OutputFormat {
  kTable,     // Aligned columns, "|" between them, "(N rows)" after.
  kBox,       // Box-drawing lines around aligned columns, "N rows" after.
  kCsv,       // RFC 4180, a header line first.
  kTsv,       // Tab-separated; \t \n \r and \\ escaped in values.
  kJson,      // One array of objects keyed by column name.
  kJsonl,     // One object per line.
  kMarkdown,  // A pipe table.
};

// The names --format and .mode accept, for usage lines.
inline constexpr char kOutputFormatNames[] =
    "table|box|csv|tsv|json|jsonl|markdown";

// Returns the format named `name` (one of kOutputFormatNames), or
// InvalidArgument listing the names.
absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name);

// Returns the name ParseOutputFormat() reads back.
std::string_view OutputFormatName(OutputFormat format);

struct PrintOptions {
  OutputFormat format = OutputFormat::kTable;
  // Table and box: the columns the output may use; wider values are cut
  // with "…" to fit. 0: no limit.
  size_t width = 0;
  // Table, box and markdown: the most rows shown; the rest are counted as
  // "N rows (M shown)". 0: all rows. Data formats always print every row.
  size_t max_rows = 0;
  // Table and box: ANSI colours (dim borders, bold header). Only for a
  // terminal.
  bool color = false;
};

// Writes `result` to `out` in the table format, whole and without colour:
//
//   who    | when
//   -------+-----------
//   Russia | 2025-07-03
//   (1 row)
void PrintResult(const QueryResult& result, std::ostream& out);

// Writes `result` to `out` as `options` say. A result without columns (a
// write, an EXPLAIN) is printed the same way in every format: the plan, or
// "added A, retracted R (transaction T)".
void PrintResult(const QueryResult& result, const PrintOptions& options,
                 std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_RESULT_PRINTER_H_
