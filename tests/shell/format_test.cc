// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The output formats on a small result: the exact text of each.

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shell/commands.h"
#include "shell/result_printer.h"
#include "shell/table_printer.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Cell TermCell(Term term) {
  Cell cell;
  cell.kind = Cell::Kind::kTerm;
  cell.term = std::move(term);
  return cell;
}

Cell TimeCell(std::string_view text) {
  Cell cell;
  cell.kind = Cell::Kind::kTime;
  cell.time = *ValidTime::Parse(text);
  return cell;
}

// Two rows of every kind of value: entities (one needing backticks), an
// integer, a decimal, a time, a null, a string with a comma and quotes, a
// boolean.
QueryResult SmallResult() {
  QueryResult result;
  result.columns = {"who", "count", "when", "note"};
  result.rows.push_back({TermCell(Term::Entity("Russia")),
                         TermCell(*Term::Integer(3)), TimeCell("2025-07-03"),
                         TermCell(Term::String("a, \"b\""))});
  result.rows.push_back({TermCell(Term::Entity("Islamic Emirate")),
                         TermCell(*Term::Decimal("2.50")), Cell(),
                         TermCell(Term::Boolean(true))});
  return result;
}

std::string Print(const QueryResult& result, const PrintOptions& options) {
  std::ostringstream out;
  PrintResult(result, options, out);
  return out.str();
}

std::string Print(const QueryResult& result, OutputFormat format) {
  PrintOptions options;
  options.format = format;
  return Print(result, options);
}

TEST(FormatTest, Table) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kTable),
            "who               | count | when       | note\n"
            "------------------+-------+------------+-----------\n"
            "Russia            | 3     | 2025-07-03 | \"a, \\\"b\\\"\"\n"
            "`Islamic Emirate` | 2.5   |            | true\n"
            "(2 rows)\n");
}

TEST(FormatTest, TableIsTheDefaultOfTheOldPrintResult) {
  std::ostringstream out;
  PrintResult(SmallResult(), out);
  EXPECT_EQ(out.str(), Print(SmallResult(), OutputFormat::kTable));
}

TEST(FormatTest, Box) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kBox),
            "┌───────────────────┬───────┬────────────┬────────────┐\n"
            "│ who               │ count │ when       │ note       │\n"
            "├───────────────────┼───────┼────────────┼────────────┤\n"
            "│ Russia            │     3 │ 2025-07-03 │ \"a, \\\"b\\\"\" │\n"
            "│ `Islamic Emirate` │   2.5 │            │ true       │\n"
            "└───────────────────┴───────┴────────────┴────────────┘\n"
            "2 rows\n");
}

TEST(FormatTest, Csv) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kCsv),
            "who,count,when,note\n"
            "Russia,3,2025-07-03,\"a, \"\"b\"\"\"\n"
            "Islamic Emirate,2.5,,true\n");
}

TEST(FormatTest, Tsv) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kTsv),
            "who\tcount\twhen\tnote\n"
            "Russia\t3\t2025-07-03\ta, \"b\"\n"
            "Islamic Emirate\t2.5\t\ttrue\n");
}

TEST(FormatTest, TsvEscapesTabsLineBreaksAndBackslashes) {
  QueryResult result;
  result.columns = {"text"};
  result.rows.push_back({TermCell(Term::String("a\tb\nc\\d"))});
  EXPECT_EQ(Print(result, OutputFormat::kTsv), "text\na\\tb\\nc\\\\d\n");
}

TEST(FormatTest, Json) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kJson),
            "[{\"who\":\"Russia\",\"count\":3,\"when\":\"2025-07-03\","
            "\"note\":\"a, \\\"b\\\"\"},\n"
            " {\"who\":\"Islamic Emirate\",\"count\":2.5,\"when\":null,"
            "\"note\":true}]\n");
}

TEST(FormatTest, JsonOfNoRowsIsAnEmptyArray) {
  QueryResult result;
  result.columns = {"who"};
  EXPECT_EQ(Print(result, OutputFormat::kJson), "[]\n");
  EXPECT_EQ(Print(result, OutputFormat::kJsonl), "");
  EXPECT_EQ(Print(result, OutputFormat::kCsv), "who\n");
}

TEST(FormatTest, JsonEscapesControlCharacters) {
  QueryResult result;
  result.columns = {"a\"b"};
  result.rows.push_back({TermCell(Term::String("x\ny\x01z\\ é"))});
  EXPECT_EQ(Print(result, OutputFormat::kJsonl),
            "{\"a\\\"b\":\"x\\ny\\u0001z\\\\ é\"}\n");
}

TEST(FormatTest, Jsonl) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kJsonl),
            "{\"who\":\"Russia\",\"count\":3,\"when\":\"2025-07-03\","
            "\"note\":\"a, \\\"b\\\"\"}\n"
            "{\"who\":\"Islamic Emirate\",\"count\":2.5,\"when\":null,"
            "\"note\":true}\n");
}

TEST(FormatTest, Markdown) {
  EXPECT_EQ(Print(SmallResult(), OutputFormat::kMarkdown),
            "| who               | count | when       | note       |\n"
            "|-------------------|-------|------------|------------|\n"
            "| Russia            | 3     | 2025-07-03 | \"a, \\\"b\\\"\" |\n"
            "| `Islamic Emirate` | 2.5   |            | true       |\n");
}

TEST(FormatTest, MarkdownEscapesPipes) {
  QueryResult result;
  result.columns = {"x"};
  result.rows.push_back({TermCell(Term::String("a|b"))});
  EXPECT_EQ(Print(result, OutputFormat::kMarkdown),
            "| x      |\n"
            "|--------|\n"
            "| \"a\\|b\" |\n");
}

TEST(FormatTest, WritesPrintTheSameInEveryFormat) {
  QueryResult result;
  result.tx = 7;
  result.added = 2;
  for (OutputFormat format :
       {OutputFormat::kTable, OutputFormat::kBox, OutputFormat::kCsv,
        OutputFormat::kJson, OutputFormat::kMarkdown}) {
    EXPECT_EQ(Print(result, format), "added 2, retracted 0 (transaction 7)\n");
  }
}

QueryResult Counted(int rows) {
  QueryResult result;
  result.columns = {"n"};
  for (int i = 1; i <= rows; ++i) {
    result.rows.push_back({TermCell(*Term::Integer(i))});
  }
  return result;
}

TEST(FormatTest, MaxRowsCutsTablesAndSaysSo) {
  PrintOptions options;
  options.max_rows = 2;
  EXPECT_EQ(Print(Counted(3), options),
            "n\n"
            "-\n"
            "1\n"
            "2\n"
            "(3 rows, 2 shown)\n");
  EXPECT_EQ(Print(Counted(2), options), "n\n-\n1\n2\n(2 rows)\n");
  options.format = OutputFormat::kBox;
  EXPECT_EQ(Print(Counted(3), options),
            "┌───┐\n"
            "│ n │\n"
            "├───┤\n"
            "│ 1 │\n"
            "│ 2 │\n"
            "└───┘\n"
            "3 rows (2 shown)\n");
}

TEST(FormatTest, MaxRowsLeavesDataFormatsWhole) {
  PrintOptions options;
  options.max_rows = 1;
  options.format = OutputFormat::kCsv;
  EXPECT_EQ(Print(Counted(3), options), "n\n1\n2\n3\n");
}

TEST(FormatTest, WideValuesAreCutToTheWidth) {
  QueryResult result;
  result.columns = {"name", "n"};
  result.rows.push_back(
      {TermCell(Term::Entity("Islamic Emirate of Afghanistan")),
       TermCell(*Term::Integer(1))});
  PrintOptions options;
  options.format = OutputFormat::kBox;
  options.width = 20;
  EXPECT_EQ(Print(result, options),
            "┌──────────────┬───┐\n"
            "│ name         │ n │\n"
            "├──────────────┼───┤\n"
            "│ `Islamic Em… │ 1 │\n"
            "└──────────────┴───┘\n"
            "1 row\n");
  options.format = OutputFormat::kTable;
  EXPECT_EQ(Print(result, options),
            "name             | n\n"
            "-----------------+--\n"
            "`Islamic Emirat… | 1\n"
            "(1 row)\n");
}

TEST(FormatTest, EveryLineFitsTheWidth) {
  QueryResult result = SmallResult();
  PrintOptions options;
  options.format = OutputFormat::kBox;
  for (size_t width : {30, 40, 50}) {
    options.width = width;
    std::istringstream lines(Print(result, options));
    for (std::string line; std::getline(lines, line);) {
      EXPECT_LE(DisplayWidth(line), width) << line;
    }
  }
}

TEST(FormatTest, ColoursOnlyWhenAsked) {
  PrintOptions options;
  options.format = OutputFormat::kBox;
  EXPECT_THAT(Print(SmallResult(), options), Not(HasSubstr("\x1b[")));
  options.color = true;
  const std::string colored = Print(SmallResult(), options);
  EXPECT_THAT(colored, HasSubstr("\x1b[2m┌───"));        // Dim borders.
  EXPECT_THAT(colored, HasSubstr("\x1b[1mwho\x1b[0m"));  // Bold header.
  options.format = OutputFormat::kCsv;
  EXPECT_THAT(Print(SmallResult(), options), Not(HasSubstr("\x1b[")));
}

TEST(FormatTest, TruncateToWidth) {
  EXPECT_EQ(TruncateToWidth("abcdef", 6), "abcdef");
  EXPECT_EQ(TruncateToWidth("abcdef", 4), "abc…");
  EXPECT_EQ(TruncateToWidth("é日本語x", 3), "é日…");
  EXPECT_EQ(TruncateToWidth("ab", 1), "…");
}

TEST(FormatTest, ParseOutputFormat) {
  for (const char* name :
       {"table", "box", "csv", "tsv", "json", "jsonl", "markdown"}) {
    absl::StatusOr<OutputFormat> format = ParseOutputFormat(name);
    ASSERT_TRUE(format.ok()) << name;
    EXPECT_EQ(OutputFormatName(*format), name);
  }
  EXPECT_EQ(
      ParseOutputFormat("xml").status().message(),
      "unknown format \"xml\"; use table|box|csv|tsv|json|jsonl|markdown");
}

TEST(ExplainEachFindTest, PutsExplainBeforeEachFind) {
  EXPECT_EQ(ExplainEachFind("FIND ?x WHERE ?x a b; ADD a b c;\n"
                            "  find ?y WHERE ?y p 'FIND; x';"),
            "EXPLAIN FIND ?x WHERE ?x a b; ADD a b c;\n"
            "  EXPLAIN find ?y WHERE ?y p 'FIND; x';");
}

TEST(ExplainEachFindTest, LeavesCommentsAndOtherWordsAlone) {
  EXPECT_EQ(ExplainEachFind("-- FIND; x\nFIND ?x WHERE ?x `FIND;` ?o;"),
            "-- FIND; x\nEXPLAIN FIND ?x WHERE ?x `FIND;` ?o;");
  EXPECT_EQ(ExplainEachFind("EXPLAIN FIND ?x WHERE ?x a b;"),
            "EXPLAIN FIND ?x WHERE ?x a b;");
  EXPECT_EQ(ExplainEachFind("Finder a b;"), "Finder a b;");
}

}  // namespace
}  // namespace almanac
