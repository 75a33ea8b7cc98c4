// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/data_printer.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace almanac {
namespace {

// A TSV value: tab, line breaks and backslash escaped, so that every row is
// one line and every tab a separator.
std::string TsvField(std::string_view text) {
  std::string field;
  for (char c : text) {
    switch (c) {
      case '\t':
        field += "\\t";
        break;
      case '\n':
        field += "\\n";
        break;
      case '\r':
        field += "\\r";
        break;
      case '\\':
        field += "\\\\";
        break;
      default:
        field += c;
    }
  }
  return field;
}

// {"column": value, ...} for one row.
std::string JsonObject(const std::vector<std::string>& columns,
                       ResultRows::Row row) {
  std::string object = "{";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) object += ",";
    absl::StrAppend(&object, JsonString(columns[i]), ":", JsonValue(row[i]));
  }
  object += "}";
  return object;
}

}  // namespace

std::string CellValue(const Cell& cell) {
  if (cell.kind != Cell::Kind::kTerm) return cell.ToString();
  switch (cell.term.kind()) {
    case TermKind::kEntity:
    case TermKind::kString:
      return cell.term.text();
    default:
      return cell.term.ToString();
  }
}

std::string CsvField(std::string_view text) {
  const bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                      text.starts_with('#');
  if (!quoted) return std::string(text);
  std::string field = "\"";
  for (char c : text) {
    if (c == '"') field += '"';
    field += c;
  }
  field += '"';
  return field;
}

std::string JsonString(std::string_view text) {
  std::string json = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        json += "\\\"";
        break;
      case '\\':
        json += "\\\\";
        break;
      case '\n':
        json += "\\n";
        break;
      case '\r':
        json += "\\r";
        break;
      case '\t':
        json += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          json += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          json += c;
        }
    }
  }
  json += "\"";
  return json;
}

std::string JsonValue(const Cell& cell) {
  if (cell.kind == Cell::Kind::kNull) return "null";
  if (cell.kind == Cell::Kind::kTerm) {
    switch (cell.term.kind()) {
      case TermKind::kInteger:
      case TermKind::kDecimal:
      case TermKind::kBoolean:
        return cell.term.ToString();
      default:
        break;
    }
  }
  return JsonString(CellValue(cell));
}

void PrintData(const QueryResult& result, OutputFormat format,
               std::ostream& out) {
  switch (format) {
    case OutputFormat::kCsv:
    case OutputFormat::kTsv: {
      const bool csv = format == OutputFormat::kCsv;
      const char* separator = csv ? "," : "\t";
      const auto print_row = [&](const std::vector<std::string>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
          if (i > 0) out << separator;
          out << (csv ? CsvField(values[i]) : TsvField(values[i]));
        }
        // RFC 4180 ends each record with CRLF; LF is what the tools of a
        // Unix shell expect, and every CSV reader accepts it.
        out << "\n";
      };
      print_row(result.columns);
      for (ResultRows::Row row : result.rows) {
        std::vector<std::string> values;
        for (const Cell& cell : row) values.push_back(CellValue(cell));
        print_row(values);
      }
      return;
    }
    case OutputFormat::kJson:
      if (result.rows.empty()) {
        out << "[]\n";
        return;
      }
      for (size_t r = 0; r < result.rows.size(); ++r) {
        out << (r == 0 ? "[" : ",\n ")
            << JsonObject(result.columns, result.rows[r]);
      }
      out << "]\n";
      return;
    case OutputFormat::kJsonl:
      for (ResultRows::Row row : result.rows) {
        out << JsonObject(result.columns, row) << "\n";
      }
      return;
    default:
      return;
  }
}

}  // namespace almanac
