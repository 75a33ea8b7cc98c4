// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/export_command.h"

#include <filesystem>
#include <fstream>
#include <ostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "shell/data_printer.h"

namespace almanac {
namespace {

constexpr char kHeaderColumns[][10] = {"subject", "predicate", "object", "time",
                                       "source"};

absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "tsv") return ExportFormat::kTsv;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "jsonl") return ExportFormat::kJsonl;
  return absl::InvalidArgumentError(absl::StrCat("unknown export format \"",
                                                 std::string(name),
                                                 "\"; use tsv, csv or jsonl"));
}

absl::Status Unwritable(const Fact& fact, ExportFormat format,
                        std::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat(
      "cannot export ", fact.ToString(), " as ",
      format == ExportFormat::kTsv ? "TSV" : "CSV", ": ", std::string(reason),
      format == ExportFormat::kTsv ? " (CSV can hold it)" : ""));
}

// The object column as `almanac import` reads it (Term::ParseObjectField).
absl::StatusOr<std::string> ObjectField(const Fact& fact, ExportFormat format) {
  const Term& object = fact.object;
  if (object.kind() == TermKind::kDate &&
      object.date().precision() == DatePrecision::kYear) {
    return Unwritable(fact, format,
                      "a year as a date object reads back as an integer "
                      "(JSON lines can hold it)");
  }
  return object.ToString();
}

std::string JsonlRecord(const Fact& fact) {
  Cell object;
  object.kind = Cell::Kind::kTerm;
  object.term = fact.object;
  return absl::StrCat(
      "{\"subject\":", JsonString(fact.subject.text()),
      ",\"predicate\":", JsonString(fact.predicate.text()),
      ",\"object\":", JsonValue(object),
      ",\"object_type\":", JsonString(TermKindName(fact.object.kind())),
      ",\"time\":",
      fact.time.is_stated() ? JsonString(fact.time.ToString()) : "null",
      ",\"source\":", fact.source.empty() ? "null" : JsonString(fact.source),
      "}\n");
}

}  // namespace

absl::StatusOr<ExportRequest> ParseExportArguments(
    const std::vector<std::string>& args) {
  ExportRequest request;
  bool format_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--format" || absl::StartsWith(arg, "--format=")) {
      std::string value;
      if (arg != "--format") {
        value = arg.substr(arg.find('=') + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError("--format needs a value");
      }
      ALMANAC_ASSIGN_OR_RETURN(request.format, ParseExportFormat(value));
      format_given = true;
    } else if (absl::StartsWith(arg, "-") && arg != "-") {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option ", arg, "; usage: ", kExportUsage));
    } else if (request.path.empty()) {
      request.path = arg == "-" ? "" : arg;
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("one file only; usage: ", kExportUsage));
    }
  }
  if (!format_given) {
    if (absl::EndsWithIgnoreCase(request.path, ".csv")) {
      request.format = ExportFormat::kCsv;
    } else if (absl::EndsWithIgnoreCase(request.path, ".jsonl")) {
      request.format = ExportFormat::kJsonl;
    }
  }
  return request;
}

absl::StatusOr<std::string> ExportRecord(const Fact& fact,
                                         ExportFormat format) {
  if (format == ExportFormat::kJsonl) return JsonlRecord(fact);
  ALMANAC_ASSIGN_OR_RETURN(std::string object, ObjectField(fact, format));
  const std::string fields[] = {fact.subject.text(), fact.predicate.text(),
                                std::move(object), fact.time.ToString(),
                                fact.source};
  std::string record;
  if (format == ExportFormat::kCsv) {
    for (const std::string& field : fields) {
      if (!record.empty()) record += ',';
      record += CsvField(field);
    }
    return record + "\n";
  }
  if (fact.subject.text().starts_with('#')) {
    return Unwritable(fact, format,
                      "a subject beginning with # reads back as a comment");
  }
  for (const std::string& field : fields) {
    if (field.find_first_of("\t\r\n") != std::string::npos) {
      return Unwritable(fact, format, "a field holds a tab or a line break");
    }
    if (!record.empty()) record += '\t';
    record += field;
  }
  return record + "\n";
}

absl::StatusOr<uint64_t> ExportFacts(const Database& db, ExportFormat format,
                                     std::ostream& out) {
  if (format != ExportFormat::kJsonl) {
    const char* separator = format == ExportFormat::kCsv ? "," : "\t";
    for (size_t i = 0; i < 5; ++i) {
      out << (i == 0 ? "" : separator) << kHeaderColumns[i];
    }
    out << "\n";
  }
  uint64_t count = 0;
  std::unique_ptr<FactIterator> it = db.Scan(Pattern());
  for (; it->Valid(); it->Next()) {
    ALMANAC_ASSIGN_OR_RETURN(std::string record,
                             ExportRecord(it->fact(), format));
    out << record;
    ++count;
  }
  ALMANAC_RETURN_IF_ERROR(it->status());
  if (!out) return absl::DataLossError("writing the export failed");
  return count;
}

absl::Status RunExport(const Database& db, const ExportRequest& request,
                       std::ostream& out) {
  if (request.path.empty())
    return ExportFacts(db, request.format, out).status();
  std::ofstream file(request.path, std::ios::binary | std::ios::trunc);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("cannot write ", request.path));
  }
  absl::StatusOr<uint64_t> count = ExportFacts(db, request.format, file);
  file.close();
  if (count.ok() && !file) {
    count =
        absl::DataLossError(absl::StrCat("writing ", request.path, " failed"));
  }
  if (!count.ok()) {
    std::error_code ignored;
    std::filesystem::remove(request.path, ignored);
    return count.status();
  }
  out << "exported " << *count << (*count == 1 ? " fact" : " facts") << " to "
      << request.path << "\n";
  return absl::OkStatus();
}

}  // namespace almanac
