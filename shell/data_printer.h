// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The formats for programs to read: CSV, TSV, JSON and JSON lines. Values
// are written as data, not as the query language writes them: an entity is
// its name, a string its text, without quotes.

#ifndef ALMANAC_SHELL_DATA_PRINTER_H_
#define ALMANAC_SHELL_DATA_PRINTER_H_

#include <iosfwd>
#include <string>
#include <string_view>

#include "almanac/query_result.h"
#include "shell/result_printer.h"

namespace almanac {

// Returns the value of `cell` as data: an entity's name, a string's text,
// a number, boolean, date or valid time as written; "" for null.
std::string CellValue(const Cell& cell);

// Returns `text` as one RFC 4180 field: in double quotes, with each quote
// doubled, when it holds a comma, a quote, a CR or LF, or begins with '#'
// (which would otherwise start a comment line for `almanac import`).
std::string CsvField(std::string_view text);

// Returns `text` as a JSON string literal, quotes included: '"', '\\' and
// control characters escaped, other UTF-8 kept as it is.
std::string JsonString(std::string_view text);

// Returns `cell` as a JSON value: integers and decimals as numbers,
// booleans as true/false, null as null, anything else as a string.
std::string JsonValue(const Cell& cell);

// Writes every row of `result` in `format`, which is kCsv, kTsv, kJson or
// kJsonl. REQUIRES: !result.columns.empty().
void PrintData(const QueryResult& result, OutputFormat format,
               std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_DATA_PRINTER_H_
