// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// `almanac export DB [--format tsv|csv|jsonl] [FILE]` and the shell's
// `.export`: every fact of a database, with its valid time as written and
// its source, in a file `almanac import` reads back as the same facts: TSV,
// CSV or JSON lines (docs/import.md).

#ifndef ALMANAC_SHELL_EXPORT_COMMAND_H_
#define ALMANAC_SHELL_EXPORT_COMMAND_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

inline constexpr char kExportUsage[] = "[--format tsv|csv|jsonl] [FILE]";

enum class ExportFormat {
  // The columns of docs/import.md, a header line first. Fields cannot hold
  // a tab or line break, and a subject cannot begin with '#'.
  kTsv,
  // The same columns, RFC 4180: any text fits.
  kCsv,
  // One object per fact: {"subject": ..., "predicate": ..., "object": ...,
  // "object_type": "entity", "time": "2014-03" or null, "source": ... or
  // null}. Integers and decimals are JSON numbers, booleans true/false.
  // Holds any fact.
  kJsonl,
};

struct ExportRequest {
  ExportFormat format = ExportFormat::kTsv;
  std::string path;  // Empty: standard output.
};

// Parses "[--format F] [FILE]" (also --format=F). Without --format, a FILE
// ending in .csv is written as csv, one ending in .jsonl as jsonl, anything
// else as tsv.
absl::StatusOr<ExportRequest> ParseExportArguments(
    const std::vector<std::string>& args);

// Returns `fact` as one record of `format`, line break included. Returns
// InvalidArgument, naming the fact, when the format cannot hold it so that
// it reads back the same: in TSV a tab or line break in a field or a
// subject beginning with '#'; in TSV and CSV a year-precision date object
// (which their object column reads as an integer).
absl::StatusOr<std::string> ExportRecord(const Fact& fact, ExportFormat format);

// Writes every fact of `db`, in the order of its subject index, to `out` in
// `format` (TSV and CSV with a header line first). Returns the number of
// facts written, or the first error; facts before it are then written.
absl::StatusOr<uint64_t> ExportFacts(const Database& db, ExportFormat format,
                                     std::ostream& out);

// Runs `request`: facts to the file request.path (replaced if it exists,
// removed again on error), then "exported N facts to PATH" on `out`; or
// without a path, the facts themselves to `out`.
absl::Status RunExport(const Database& db, const ExportRequest& request,
                       std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_EXPORT_COMMAND_H_
