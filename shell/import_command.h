// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// `almanac import DB PATH... [options]` and the shell's `.import`: argument
// parsing, the progress bar and the closing summary.

#ifndef ALMANAC_SHELL_IMPORT_COMMAND_H_
#define ALMANAC_SHELL_IMPORT_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

inline constexpr char kImportUsage[] =
    "PATH... [--format tsv|csv|tkg|jsonl] [--epoch DATE] [--unit day|hour|year] "
    "[--max-errors N]";

struct ImportRequest {
  std::vector<std::string> paths;
  ImportOptions options;
};

// Parses "PATH... [--format F] [--epoch D] [--unit U] [--max-errors N]"
// (options may come anywhere, also as --name=value). Without --format, a
// folder is read as tkg, a file ending in .csv as csv, one ending in .jsonl
// as jsonl, anything else as tsv.
absl::StatusOr<ImportRequest> ParseImportArguments(
    const std::vector<std::string>& args);

// Runs the import, drawing a progress bar on `progress` when
// `show_progress`, reporting skipped rows on `errors`, and printing the
// summary ("loaded X of Y facts (...) in S s") on `out`. Returns the
// import's error, to which it adds that the database is unchanged.
absl::Status RunImport(Database& db, ImportRequest request, std::ostream& out,
                       std::ostream& errors, bool show_progress);

}  // namespace almanac

#endif  // ALMANAC_SHELL_IMPORT_COMMAND_H_
