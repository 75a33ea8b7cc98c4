// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/import_command.h"

#include <chrono>
#include <filesystem>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

std::string ProgressLine(const ImportProgress& progress) {
  if (std::string_view(progress.phase) != "reading") {
    return absl::StrFormat("%s %d facts...", progress.phase,
                           progress.rows_read);
  }
  constexpr int kWidth = 30;
  const double fraction =
      progress.bytes_total == 0
          ? 1.0
          : static_cast<double>(progress.bytes_read) / progress.bytes_total;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '=');
  bar.resize(kWidth, ' ');
  std::string eta = "-";
  if (std::optional<double> seconds = progress.EtaSeconds()) {
    eta = absl::StrFormat("%.0fs", *seconds);
  }
  return absl::StrFormat("[%s] %3.0f%%  %d facts  %.0f facts/s  ETA %s", bar,
                         100 * fraction, progress.rows_read,
                         progress.RowsPerSecond(), eta);
}

}  // namespace

absl::StatusOr<ImportRequest> ParseImportArguments(
    const std::vector<std::string>& args) {
  ImportRequest request;
  bool format_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (!absl::StartsWith(arg, "--")) {
      request.paths.push_back(arg);
      continue;
    }
    std::string value;
    if (size_t equals = arg.find('='); equals != std::string::npos) {
      value = arg.substr(equals + 1);
      arg = arg.substr(0, equals);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
    }
    if (arg == "--format") {
      ALMANAC_ASSIGN_OR_RETURN(request.options.format,
                               ParseImportFormat(value));
      format_given = true;
    } else if (arg == "--epoch") {
      ALMANAC_ASSIGN_OR_RETURN(request.options.epoch, Date::Parse(value));
    } else if (arg == "--unit") {
      ALMANAC_ASSIGN_OR_RETURN(request.options.unit, ParseTimeUnit(value));
    } else if (arg == "--max-errors") {
      if (!absl::SimpleAtoi(value, &request.options.max_errors)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "--max-errors needs a whole number, got \"", value, "\""));
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown import option ", arg, "; usage: ", kImportUsage));
    }
  }
  if (request.paths.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("nothing to import; usage: ", kImportUsage));
  }
  if (!format_given) {
    const std::string& first = request.paths.front();
    std::error_code error;
    if (std::filesystem::is_directory(first, error)) {
      request.options.format = ImportFormat::kTkg;
    } else if (absl::EndsWithIgnoreCase(first, ".csv")) {
      request.options.format = ImportFormat::kCsv;
    } else if (absl::EndsWithIgnoreCase(first, ".jsonl")) {
      request.options.format = ImportFormat::kJsonl;
    }
  }
  return request;
}

absl::Status RunImport(Database& db, ImportRequest request, std::ostream& out,
                       std::ostream& errors, bool show_progress) {
  if (show_progress) {
    request.options.on_progress = [&errors](const ImportProgress& progress) {
      errors << "\r\033[K" << ProgressLine(progress) << std::flush;
    };
  }
  request.options.on_row_error = [&errors,
                                  show_progress](const absl::Status& status) {
    if (show_progress) errors << "\r\033[K";
    errors << "skipped " << status.message() << "\n";
  };
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ImportResult> result =
      db.Import(request.paths, request.options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (show_progress) errors << "\r\033[K" << std::flush;
  if (!result.ok()) {
    return absl::Status(
        result.status().code(),
        absl::StrCat(result.status().message(),
                     "\nimport failed; the database is unchanged"));
  }
  out << result->Summary()
      << absl::StrFormat(" in %.2f s (%.0f facts/s)", seconds,
                         seconds > 0 ? result->rows / seconds : 0.0)
      << "\n";
  return absl::OkStatus();
}

}  // namespace almanac
