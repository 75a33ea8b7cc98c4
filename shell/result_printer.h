// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Prints a statement's result: rows as an aligned table with a row count,
// the plan of an EXPLAIN, or what a write changed.

#ifndef ALMANAC_SHELL_RESULT_PRINTER_H_
#define ALMANAC_SHELL_RESULT_PRINTER_H_

#include <iosfwd>

#include "almanac/query_result.h"

namespace almanac {

// Writes `result` to `out`:
//
//   who    | when
//   -------+-----------
//   Russia | 2025-07-03
//   (1 row)
void PrintResult(const QueryResult& result, std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_RESULT_PRINTER_H_
