// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// OpenFactSource, and the small value helpers of the import API that
// database.h declares: format and unit names, progress, the result summary.

#include "engine/import/fact_source.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace almanac {

absl::StatusOr<std::unique_ptr<FactSource>> OpenFactSource(
    const std::vector<std::string>& paths, const ImportOptions& options) {
  switch (options.format) {
    case ImportFormat::kTsv:
    case ImportFormat::kCsv:
      return OpenDelimitedSource(paths, options.format);
    case ImportFormat::kJsonl:
      return OpenJsonlSource(paths);
    case ImportFormat::kTkg:
      if (paths.size() != 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--format tkg reads exactly one folder, not ", paths.size()));
      }
      if (!options.epoch.has_value()) {
        return absl::InvalidArgumentError(
            "a tkg import needs an epoch, the date of time offset 0 (--epoch "
            "DATE)");
      }
      return OpenTkgSource(paths[0], options);
  }
  return absl::InvalidArgumentError("unknown import format");
}

absl::StatusOr<ImportFormat> ParseImportFormat(std::string_view name) {
  if (absl::EqualsIgnoreCase(std::string(name), "tsv"))
    return ImportFormat::kTsv;
  if (absl::EqualsIgnoreCase(std::string(name), "csv"))
    return ImportFormat::kCsv;
  if (absl::EqualsIgnoreCase(std::string(name), "tkg"))
    return ImportFormat::kTkg;
  if (absl::EqualsIgnoreCase(std::string(name), "jsonl"))
    return ImportFormat::kJsonl;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown import format \"", std::string(name),
                   "\"; expected tsv, csv, tkg or jsonl"));
}

absl::StatusOr<TimeUnit> ParseTimeUnit(std::string_view name) {
  if (absl::EqualsIgnoreCase(std::string(name), "day")) return TimeUnit::kDay;
  if (absl::EqualsIgnoreCase(std::string(name), "hour")) return TimeUnit::kHour;
  if (absl::EqualsIgnoreCase(std::string(name), "year")) return TimeUnit::kYear;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown time unit \"", std::string(name),
                   "\"; expected day, hour or year"));
}

double ImportProgress::RowsPerSecond() const {
  if (elapsed_seconds <= 0) return 0;
  return static_cast<double>(rows_read) / elapsed_seconds;
}

std::optional<double> ImportProgress::EtaSeconds() const {
  if (bytes_read == 0 || elapsed_seconds <= 0) return std::nullopt;
  if (bytes_read >= bytes_total) return 0.0;
  const double seconds_per_byte = elapsed_seconds / bytes_read;
  return seconds_per_byte * static_cast<double>(bytes_total - bytes_read);
}

std::string ImportResult::Summary() const {
  return absl::StrCat("loaded ", rows - std::min(rows_skipped, rows), " of ",
                      rows, " facts (", added, " new, ", unchanged,
                      " already present)");
}

}  // namespace almanac
