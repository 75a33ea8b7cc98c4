// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The formats for people to read: aligned table, box drawing, markdown.

#ifndef ALMANAC_SHELL_TABLE_PRINTER_H_
#define ALMANAC_SHELL_TABLE_PRINTER_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "almanac/query_result.h"
#include "shell/result_printer.h"

namespace almanac {

// Returns how many columns `text` takes on a terminal: its UTF-8 code points.
size_t DisplayWidth(std::string_view text);

// Returns `text` cut to `width` columns, its last one "…", or `text` itself
// when it fits. REQUIRES: width >= 1.
std::string TruncateToWidth(std::string_view text, size_t width);

// Writes the rows of `result` in options.format, which is kTable, kBox or
// kMarkdown. REQUIRES: !result.columns.empty().
void PrintTable(const QueryResult& result, const PrintOptions& options,
                std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_TABLE_PRINTER_H_
