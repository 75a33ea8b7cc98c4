// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/result_printer.h"

#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "shell/data_printer.h"
#include "shell/table_printer.h"

namespace almanac {
namespace {

struct NamedFormat {
  const char* name;
  OutputFormat format;
};

constexpr NamedFormat kFormats[] = {
    {"table", OutputFormat::kTable},       {"box", OutputFormat::kBox},
    {"csv", OutputFormat::kCsv},           {"tsv", OutputFormat::kTsv},
    {"json", OutputFormat::kJson},         {"jsonl", OutputFormat::kJsonl},
    {"markdown", OutputFormat::kMarkdown},
};

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name) {
  for (const NamedFormat& named : kFormats) {
    if (name == named.name) return named.format;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown format \"", std::string(name), "\"; use ", kOutputFormatNames));
}

std::string_view OutputFormatName(OutputFormat format) {
  for (const NamedFormat& named : kFormats) {
    if (format == named.format) return named.name;
  }
  return "table";
}

void PrintResult(const QueryResult& result, std::ostream& out) {
  PrintResult(result, PrintOptions(), out);
}

void PrintResult(const QueryResult& result, const PrintOptions& options,
                 std::ostream& out) {
  if (!result.plan.empty()) {
    out << result.plan;
    if (result.plan.back() != '\n') out << "\n";
  }
  if (result.columns.empty()) {
    if (result.tx != 0 || result.added != 0 || result.retracted != 0) {
      out << "added " << result.added << ", retracted " << result.retracted
          << " (transaction " << result.tx << ")\n";
    } else if (result.plan.empty()) {
      out << "ok\n";
    }
    return;
  }
  switch (options.format) {
    case OutputFormat::kTable:
    case OutputFormat::kBox:
    case OutputFormat::kMarkdown:
      PrintTable(result, options, out);
      return;
    case OutputFormat::kCsv:
    case OutputFormat::kTsv:
    case OutputFormat::kJson:
    case OutputFormat::kJsonl:
      PrintData(result, options.format, out);
      return;
  }
}

}  // namespace almanac
