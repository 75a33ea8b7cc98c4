// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of the import readers. Each test writes small files into a temporary
// directory and reads them back as rows rendered "subject | predicate |
// object | time[ | source]" (see Render), or "ERROR file:line: reason".

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "almanac/database.h"
#include "engine/import/fact_source.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Entities as their names, literals as kind(value).
std::string Render(const Term& term) {
  switch (term.kind()) {
    case TermKind::kEntity:
      return term.text();
    case TermKind::kString:
    case TermKind::kDecimal:
      return std::string(TermKindName(term.kind())) + "(" + term.text() + ")";
    case TermKind::kInteger:
      return "integer(" + std::to_string(term.integer()) + ")";
    case TermKind::kBoolean:
      return term.boolean() ? "boolean(true)" : "boolean(false)";
    case TermKind::kDate:
      return "date(" + term.date().ToString() + ")";
  }
  return "?";
}

// "subject | predicate | object | time[ | source]"; an unstated time is "-".
std::string Render(const Fact& fact) {
  std::string row = Render(fact.subject) + " | " + Render(fact.predicate) +
                    " | " + Render(fact.object) + " | " +
                    (fact.time.is_stated() ? fact.time.ToString() : "-");
  if (!fact.source.empty()) row += " | " + fact.source;
  return row;
}

// Reads `source` to its end: a line per fact, "ERROR message" per malformed
// row, and "FATAL message" for an error that ends reading. Paths in messages
// are shown relative to `dir`.
std::vector<std::string> ReadAll(FactSource& source, const TempDir& dir) {
  std::vector<std::string> rows;
  Fact fact;
  while (true) {
    absl::StatusOr<bool> more = source.Next(&fact);
    if (more.ok() && !*more) break;
    if (more.ok()) {
      rows.push_back(Render(fact));
      continue;
    }
    std::string message(more.status().message());
    const std::string prefix = dir.path() + "/";
    for (size_t at; (at = message.find(prefix)) != std::string::npos;) {
      message.erase(at, prefix.size());
    }
    const bool fatal = !absl::IsInvalidArgument(more.status());
    rows.push_back((fatal ? "FATAL " : "ERROR ") + message);
    if (fatal) break;
  }
  return rows;
}

// Writes `contents` to dir/name and reads it in `format`.
std::vector<std::string> ReadAs(const TempDir& dir, std::string_view name,
                                std::string_view contents,
                                ImportFormat format) {
  WriteFile(dir.Sub(name), contents);
  absl::StatusOr<std::unique_ptr<FactSource>> source =
      OpenDelimitedSource({dir.Sub(name)}, format);
  if (!source.ok()) return {"OPEN " + std::string(source.status().message())};
  return ReadAll(**source, dir);
}

std::vector<std::string> ReadTsv(std::string_view contents) {
  TempDir dir;
  return ReadAs(dir, "in.tsv", contents, ImportFormat::kTsv);
}

std::vector<std::string> ReadCsv(std::string_view contents) {
  TempDir dir;
  return ReadAs(dir, "in.csv", contents, ImportFormat::kCsv);
}

TEST(TsvReaderTest, ReadsRowsWithAndWithoutSource) {
  EXPECT_THAT(ReadTsv("Russia\trecognized\tIEA\t2025-07-03\tThe Hindu\n"
                      "China\tConsult\tIran\t2014-03-03\n"
                      "China\tConsult\tIran\t2014-03-04\t\n"),
              ElementsAre("Russia | recognized | IEA | 2025-07-03 | The Hindu",
                          "China | Consult | Iran | 2014-03-03",
                          "China | Consult | Iran | 2014-03-04"));
}

TEST(TsvReaderTest, SkipsHeaderOnlyOnFirstRow) {
  EXPECT_THAT(
      ReadTsv("Subject\tPREDICATE\t object \tTime\tSource\n"
              "a\tb\tc\t2014\n"
              "subject\tpredicate\tobject\ttime\n"),
      ElementsAre("a | b | c | 2014", StartsWith("ERROR in.tsv:3: time: ")));
  EXPECT_THAT(ReadTsv("subject\tpredicate\tobject\ttime\na\tb\tc\t\n"),
              ElementsAre("a | b | c | -"));
}

TEST(TsvReaderTest, TakesNamesExactlyAsWritten) {
  EXPECT_THAT(
      ReadTsv("Militant (Xinjiang\u00A0Uyghur)\tReturn, release person(s)\t"
              "G\u0103g\u0103uzia\u00A0\t2014\n"
              "Joseph Benedict \"Joe\" Hockey\tMeet at a 'third' location\t"
              " spaced \t2014\n"),
      ElementsAre("Militant (Xinjiang\u00A0Uyghur) | Return, release "
                  "person(s) | G\u0103g\u0103uzia\u00A0 | 2014",
                  "Joseph Benedict \"Joe\" Hockey | Meet at a 'third' "
                  "location |  spaced  | 2014"));
}

TEST(TsvReaderTest, TypesObjects) {
  EXPECT_THAT(
      ReadTsv("a\tb\t10000\t\n"
              "a\tb\t-12.50\t\n"
              "a\tb\t\"say \\\"hi\\\"\"\t\n"
              "a\tb\t2014-03\t\n"
              "a\tb\t2014-03-07\t\n"
              "a\tb\t2014\t\n"
              "a\tb\ttrue\t\n"
              "a\tb\t`Make a visit`\t\n"
              "a\tb\t`42`\t\n"
              "a\tb\tMake a visit\t\n"),
      ElementsAre("a | b | integer(10000) | -", "a | b | decimal(-12.5) | -",
                  "a | b | string(say \"hi\") | -", "a | b | date(2014-03) | -",
                  "a | b | date(2014-03-07) | -", "a | b | integer(2014) | -",
                  "a | b | boolean(true) | -", "a | b | Make a visit | -",
                  "a | b | 42 | -", "a | b | Make a visit | -"));
}

TEST(TsvReaderTest, ReadsTimeForms) {
  EXPECT_THAT(
      ReadTsv("a\tb\tc\t\n"
              "a\tb\tc\t2014\n"
              "a\tb\tc\t2014-03\n"
              "a\tb\tc\t2014-03-07\n"
              "a\tb\tc\t2014-03-07..2014-04\n"
              "a\tb\tc\t2003..\n"
              "a\tb\tc\t..2003\n"
              "a\tb\tc\t 2003 .. 2005 \n"),
      ElementsAre("a | b | c | -", "a | b | c | 2014", "a | b | c | 2014-03",
                  "a | b | c | 2014-03-07", "a | b | c | 2014-03-07..2014-04",
                  "a | b | c | 2003..", "a | b | c | ..2003",
                  "a | b | c | 2003..2005"));
}

TEST(TsvReaderTest, HandlesCrlfBomBlankLinesAndComments) {
  EXPECT_THAT(ReadTsv("\xEF\xBB\xBFsubject\tpredicate\tobject\ttime\r\n"
                      "# a comment\r\n"
                      "\r\n"
                      "  \t \n"
                      "a\tb\tc\t2014\r\n"
                      "a\tb\tc\t2015\tsrc\r\n"
                      "a\tb\tc\n"
                      "a\tb\tc\t2016"),
              ElementsAre("a | b | c | 2014", "a | b | c | 2015 | src",
                          "ERROR in.tsv:7: expected 4 or 5 columns (subject, "
                          "predicate, object, time[, source]), found 3",
                          "a | b | c | 2016"));
  EXPECT_THAT(ReadTsv("\xEF\xBB\xBF"
                      "a\tb\tc\t2014\n"),
              ElementsAre("a | b | c | 2014"));
}

TEST(TsvReaderTest, ReportsEachMalformedRowAndReadsOn) {
  EXPECT_THAT(
      ReadTsv("a\tb\tc\n"                                // 1
              "a\tb\tc\td\te\tf\n"                       // 2
              "\tb\tc\t2014\n"                           // 3
              "a\t\tc\t2014\n"                           // 4
              "a\tb\t\t2014\n"                           // 5
              "a\tb\t\"open\t2014\n"                     // 6
              "a\tb\t99999999999999999999\t2014\n"       // 7
              "a\tb\tc\t2014-13\n"                       // 8
              "a\tb\tc\t2023-02-29\n"                    // 9
              "a\tb\tc\t2015..2014\n"                    // 10
              "a\tb\tc\tyesterday\n"                     // 11
              + std::string("a\0b\tb\tc\t2014\n", 13) +  // 12
              "a\tb\tc\t2014\n"),                        // 13
      ElementsAre(
          "ERROR in.tsv:1: expected 4 or 5 columns (subject, predicate, "
          "object, time[, source]), found 3",
          "ERROR in.tsv:2: expected 4 or 5 columns (subject, predicate, "
          "object, time[, source]), found 6",
          "ERROR in.tsv:3: empty subject", "ERROR in.tsv:4: empty predicate",
          "ERROR in.tsv:5: empty object",
          StartsWith("ERROR in.tsv:6: object: "),
          StartsWith("ERROR in.tsv:7: object: "),
          StartsWith("ERROR in.tsv:8: time: "),
          StartsWith("ERROR in.tsv:9: time: "),
          StartsWith("ERROR in.tsv:10: time: "),
          StartsWith("ERROR in.tsv:11: time: "),
          StartsWith("ERROR in.tsv:12: subject: "), "a | b | c | 2014"));
}

TEST(CsvReaderTest, ReadsQuotedFields) {
  EXPECT_THAT(
      ReadCsv("\"subject\",\"predicate\",\"object\",\"time\",\"source\"\n"
              "\"Return, release person(s)\",b,c,2014,\"\"\n"
              "\"Joseph Benedict \"\"Joe\"\" Hockey\",b,\"\"\"hi\"\"\",2014,"
              "\"Reuters, \"\"World\"\"\"\n"
              "Joseph Benedict \"Joe\" Hockey,b,c,2014-03..\n"
              "\"Militant (Xinjiang\u00A0Uyghur)\",b,\"1,000\",2014\r\n"),
      ElementsAre("Return, release person(s) | b | c | 2014",
                  "Joseph Benedict \"Joe\" Hockey | b | string(hi) | 2014 | "
                  "Reuters, \"World\"",
                  "Joseph Benedict \"Joe\" Hockey | b | c | 2014-03..",
                  "Militant (Xinjiang\u00A0Uyghur) | b | 1,000 | 2014"));
}

TEST(CsvReaderTest, CountsLinesInsideQuotedFields) {
  EXPECT_THAT(ReadCsv("a,b,\"two\nlines\",2014\n"              // 1-2
                      "a,b,\"three\r\n\nlines\",\"2015\"\r\n"  // 3-5
                      "a,b,c\n"                                // 6
                      "# a comment with a \" quote\n"          // 7
                      "a,b,\"c\"d,2014\n"                      // 8
                      "a,b,c,2016\n"),                         // 9
              ElementsAre("a | b | two\nlines | 2014",
                          "a | b | three\r\n\nlines | 2015",
                          "ERROR in.csv:6: expected 4 or 5 columns (subject, "
                          "predicate, object, time[, source]), found 3",
                          "ERROR in.csv:8: text after the closing quote of "
                          "column 3",
                          "a | b | c | 2016"));
}

TEST(CsvReaderTest, ReadsOnAfterQuoteLeftOpen) {
  EXPECT_THAT(ReadCsv("a,b,c,2014\n"
                      "a,b,\"open,2014\n"
                      "a,b,c,2015\n"
                      "a,b,c,2016"),
              ElementsAre("a | b | c | 2014",
                          "ERROR in.csv:2: a quoted field is not closed",
                          "a | b | c | 2015", "a | b | c | 2016"));
}

TEST(CsvReaderTest, RejectsOverlongRow) {
  std::string contents = "a,b,\"" + std::string(17 << 20, 'x');
  contents += "\na,b,c,2014\n";
  EXPECT_THAT(ReadCsv(contents),
              ElementsAre("ERROR in.csv:1: row is longer than 16 MiB (is a "
                          "quote left open?)",
                          "a | b | c | 2014"));
}

TEST(CsvReaderTest, ReadsAcrossChunksWithRightLineNumbers) {
  std::string contents;
  constexpr int kRows = 60000;  // About 2 MiB: several 1 MiB chunks.
  for (int i = 0; i < kRows; ++i) {
    contents +=
        "\"entity number " + std::to_string(i) + "\",\"multi\nline\",c,2014\n";
  }
  contents += "a,b,c\n";
  TempDir dir;
  WriteFile(dir.Sub("big.csv"), contents);
  absl::StatusOr<std::unique_ptr<FactSource>> source =
      OpenDelimitedSource({dir.Sub("big.csv")}, ImportFormat::kCsv);
  ASSERT_OK(source.status());
  EXPECT_EQ((*source)->bytes_read(), 0u);
  EXPECT_EQ((*source)->bytes_total(), contents.size());
  std::vector<std::string> rows = ReadAll(**source, dir);
  ASSERT_EQ(rows.size(), kRows + 1u);
  EXPECT_EQ(rows[12345], "entity number 12345 | multi\nline | c | 2014");
  EXPECT_THAT(rows.back(), StartsWith("ERROR big.csv:120001: expected 4 or 5"));
  EXPECT_EQ((*source)->bytes_read(), contents.size());
}

TEST(DelimitedSourceTest, ReadsFilesInOrderEachWithItsHeader) {
  TempDir dir;
  const std::string one = "subject\tpredicate\tobject\ttime\na\tb\tc\t2001\n";
  const std::string two = "subject\tpredicate\tobject\ttime\nd\te\tf\t2002\n";
  WriteFile(dir.Sub("1.tsv"), one);
  WriteFile(dir.Sub("2.tsv"), two);
  absl::StatusOr<std::unique_ptr<FactSource>> source = OpenDelimitedSource(
      {dir.Sub("2.tsv"), dir.Sub("1.tsv")}, ImportFormat::kTsv);
  ASSERT_OK(source.status());
  EXPECT_EQ((*source)->bytes_total(), one.size() + two.size());
  EXPECT_THAT(ReadAll(**source, dir),
              ElementsAre("d | e | f | 2002", "a | b | c | 2001"));
  EXPECT_EQ((*source)->bytes_read(), one.size() + two.size());
}

TEST(DelimitedSourceTest, ChecksEveryFileWhenOpening) {
  TempDir dir;
  WriteFile(dir.Sub("1.tsv"), "a\tb\tc\t2014\n");
  absl::StatusOr<std::unique_ptr<FactSource>> source = OpenDelimitedSource(
      {dir.Sub("1.tsv"), dir.Sub("missing.tsv")}, ImportFormat::kTsv);
  EXPECT_TRUE(absl::IsNotFound(source.status())) << source.status();
  EXPECT_THAT(source.status().message(), HasSubstr("missing.tsv"));

  source = OpenDelimitedSource({dir.path()}, ImportFormat::kCsv);
  EXPECT_TRUE(absl::IsInvalidArgument(source.status())) << source.status();
  EXPECT_THAT(source.status().message(), HasSubstr("is a directory"));
}

// Writes the files of a temporal-KG folder: name -> contents.
void WriteFolder(const TempDir& dir,
                 const std::map<std::string, std::string>& files) {
  for (const auto& [name, contents] : files) WriteFile(dir.Sub(name), contents);
}

absl::StatusOr<std::unique_ptr<FactSource>> OpenTkg(const TempDir& dir,
                                                    std::string_view epoch,
                                                    TimeUnit unit) {
  ImportOptions options;
  options.format = ImportFormat::kTkg;
  options.epoch = *Date::Parse(epoch);
  options.unit = unit;
  return OpenFactSource({dir.path()}, options);
}

std::vector<std::string> ReadTkg(const TempDir& dir, std::string_view epoch,
                                 TimeUnit unit) {
  absl::StatusOr<std::unique_ptr<FactSource>> source =
      OpenTkg(dir, epoch, unit);
  if (!source.ok()) return {"OPEN " + std::string(source.status().message())};
  return ReadAll(**source, dir);
}

TEST(TkgReaderTest, ReadsIcewsFolder) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt",
                     "China\t1\r\nG\u0103g\u0103uzia\u00A0\t0\r\n"
                     "Government Official (Russia)\t2\r\n"},
                    {"relation2id.txt", "Make statement\t0\r\nConsult\t1\r\n"},
                    {"train.txt", "2\t0\t1\t149\n1\t1\t0\t0\n"},
                    {"valid.txt", "0\t1\t1\t364\n"},
                    {"test.txt", "1\t0\t2\t1\n"}});
  absl::StatusOr<std::unique_ptr<FactSource>> source =
      OpenTkg(dir, "2014-01-01", TimeUnit::kDay);
  ASSERT_OK(source.status());
  EXPECT_EQ((*source)->bytes_total(), 36u);
  EXPECT_THAT(ReadAll(**source, dir),
              ElementsAre("Government Official (Russia) | Make statement | "
                          "China | 2014-05-30",
                          "China | Consult | G\u0103g\u0103uzia\u00A0 | "
                          "2014-01-01",
                          "G\u0103g\u0103uzia\u00A0 | Consult | China | "
                          "2014-12-31",
                          "China | Make statement | Government Official "
                          "(Russia) | 2014-01-02"));
  EXPECT_EQ((*source)->bytes_read(), 36u);
}

TEST(TkgReaderTest, ReadsYagoFolderInYears) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt",
                     "<Al_Gore>\t0\t1948-03-31\t####-##-##\n"
                     "<Beijing>\t1\t-1046-##-##\t1\n"},
                    {"relation2id.txt", "<worksAt>\t1\n<wasBornIn>\t0\n"},
                    {"train.txt", "0\t0\t1\t0\t0\n0\t1\t1\t183\t0\n"}});
  EXPECT_THAT(ReadTkg(dir, "1830", TimeUnit::kYear),
              ElementsAre("<Al_Gore> | <wasBornIn> | <Beijing> | 1830",
                          "<Al_Gore> | <worksAt> | <Beijing> | 2013"));
}

TEST(TkgReaderTest, ReadsHoursAsDays) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt", "Russia\t0\nChina\t1\n"},
                    {"relation2id.txt", "Consult\t0\n"},
                    {"test.txt", "0\t0\t1\t6480\n0\t0\t1\t7\n1\t0\t0\t24\n"}});
  EXPECT_THAT(ReadTkg(dir, "2018-01-01", TimeUnit::kHour),
              ElementsAre("Russia | Consult | China | 2018-09-28",
                          "ERROR test.txt:2: hour offset 7 is not a whole day; "
                          "Almanac stores dates to the day",
                          "China | Consult | Russia | 2018-01-02"));
}

TEST(TkgReaderTest, TakesNameAsEverythingBeforeLastTab) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt", "a\tname\twith tabs\t0\n\"q\"\t1\n"},
                    {"relation2id.txt", "r\t0\n"},
                    {"train.txt", "0\t0\t1\t0\n"}});
  EXPECT_THAT(ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
              ElementsAre("a\tname\twith tabs | r | \"q\" | 2014-01-01"));
}

TEST(TkgReaderTest, ReportsMalformedRowsAndReadsOn) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt", "a\t0\nb\t2\n"},
                    {"relation2id.txt", "r\t0\n"},
                    {"train.txt",
                     "0\t0\t1\t0\n"        // 1
                     "0\t1\t2\t0\n"        // 2
                     "0\t0\t2\n"           // 3
                     "0\t0\t2\t-1\n"       // 4
                     "0\t0\t2\tnoon\n"     // 5
                     "x\t0\t2\t0\n"        // 6
                     "0\t0\t2\t3000000\n"  // 7
                     "0\t0\t2\t1\n"}});    // 8
  EXPECT_THAT(
      ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
      ElementsAre("ERROR train.txt:1: entity id 1 is not in entity2id.txt",
                  "ERROR train.txt:2: relation id 1 is not in relation2id.txt",
                  "ERROR train.txt:3: expected 4 columns (subject id, "
                  "relation id, object id, time), found 3",
                  "ERROR train.txt:4: time offset -1 is negative",
                  "ERROR train.txt:5: time \"noon\" is not an integer",
                  "ERROR train.txt:6: entity id \"x\" is not a non-negative "
                  "integer",
                  "ERROR train.txt:7: time offset 3000000 is after the year "
                  "9999",
                  "a | r | b | 2014-01-02"));
  EXPECT_THAT(
      ReadTkg(dir, "2014", TimeUnit::kYear),
      ElementsAre(
          StartsWith("ERROR train.txt:1: "), StartsWith("ERROR train.txt:2: "),
          StartsWith("ERROR train.txt:3: "), StartsWith("ERROR train.txt:4: "),
          StartsWith("ERROR train.txt:5: "), StartsWith("ERROR train.txt:6: "),
          StartsWith("ERROR train.txt:7: "), "a | r | b | 2015"));
}

TEST(TkgReaderTest, RejectsBadNameFiles) {
  TempDir dir;
  WriteFolder(dir, {{"entity2id.txt", "a\t0\nb\t1\nc\t0\n"},
                    {"relation2id.txt", "r\t0\nnoid\n"},
                    {"train.txt", "0\t0\t1\t0\n"}});
  EXPECT_THAT(ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
              ElementsAre("OPEN " + dir.Sub("entity2id.txt") +
                          ":3: id 0 appears twice"));
  WriteFile(dir.Sub("entity2id.txt"), "a\t0\nb\tone\n");
  EXPECT_THAT(ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
              ElementsAre("OPEN " + dir.Sub("entity2id.txt") +
                          ":2: id \"one\" is not a non-negative integer"));
  WriteFile(dir.Sub("entity2id.txt"), "a\t0\n");
  EXPECT_THAT(ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
              ElementsAre("OPEN " + dir.Sub("relation2id.txt") +
                          ":2: expected NAME<TAB>ID, found no tab"));
}

TEST(TkgReaderTest, NeedsFilesEpochAndOnePath) {
  TempDir dir;
  WriteFolder(dir,
              {{"entity2id.txt", "a\t0\n"}, {"relation2id.txt", "r\t0\n"}});
  absl::StatusOr<std::unique_ptr<FactSource>> source =
      OpenTkg(dir, "2014-01-01", TimeUnit::kDay);
  EXPECT_TRUE(absl::IsNotFound(source.status())) << source.status();
  EXPECT_THAT(source.status().message(),
              HasSubstr("has none of train.txt, valid.txt and test.txt"));

  WriteFile(dir.Sub("valid.txt"), "0\t0\t0\t0\n");
  EXPECT_THAT(ReadTkg(dir, "2014-01-01", TimeUnit::kDay),
              ElementsAre("a | r | a | 2014-01-01"));
  source = OpenTkg(dir, "2014-01", TimeUnit::kDay);
  EXPECT_TRUE(absl::IsInvalidArgument(source.status())) << source.status();
  EXPECT_THAT(source.status().message(), HasSubstr("must be a day"));

  ImportOptions options;
  options.format = ImportFormat::kTkg;
  source = OpenFactSource({dir.path()}, options);
  EXPECT_TRUE(absl::IsInvalidArgument(source.status())) << source.status();
  EXPECT_EQ(
      source.status().message(),
      "a tkg import needs an epoch, the date of time offset 0 (--epoch DATE)");
  options.epoch = *Date::Parse("2014-01-01");
  source = OpenFactSource({dir.path(), dir.path()}, options);
  EXPECT_TRUE(absl::IsInvalidArgument(source.status())) << source.status();

  std::remove(dir.Sub("entity2id.txt").c_str());
  source = OpenFactSource({dir.path()}, options);
  EXPECT_TRUE(absl::IsNotFound(source.status())) << source.status();
  EXPECT_THAT(source.status().message(), HasSubstr("entity2id.txt"));
  source = OpenFactSource({dir.Sub("nowhere")}, options);
  EXPECT_TRUE(absl::IsNotFound(source.status())) << source.status();
}

TEST(ImportApiTest, ParsesFormatAndUnitNames) {
  EXPECT_EQ(*ParseImportFormat("tsv"), ImportFormat::kTsv);
  EXPECT_EQ(*ParseImportFormat("csv"), ImportFormat::kCsv);
  EXPECT_EQ(*ParseImportFormat("tkg"), ImportFormat::kTkg);
  EXPECT_EQ(ParseImportFormat("xml").status().message(),
            "unknown import format \"xml\"; expected tsv, csv, tkg or jsonl");
  EXPECT_EQ(*ParseTimeUnit("day"), TimeUnit::kDay);
  EXPECT_EQ(*ParseTimeUnit("hour"), TimeUnit::kHour);
  EXPECT_EQ(*ParseTimeUnit("year"), TimeUnit::kYear);
  EXPECT_EQ(ParseTimeUnit("week").status().message(),
            "unknown time unit \"week\"; expected day, hour or year");
}

TEST(ImportApiTest, SummarizesResultAndProgress) {
  ImportResult result{
      .rows = 10, .rows_skipped = 2, .added = 5, .unchanged = 3};
  EXPECT_EQ(result.Summary(),
            "loaded 8 of 10 facts (5 new, 3 already present)");

  ImportProgress progress{.rows_read = 500,
                          .bytes_read = 250,
                          .bytes_total = 1000,
                          .elapsed_seconds = 2};
  EXPECT_EQ(progress.RowsPerSecond(), 250);
  EXPECT_EQ(progress.EtaSeconds(), 6);
  progress.bytes_read = 0;
  EXPECT_EQ(progress.EtaSeconds(), std::nullopt);
  progress.bytes_read = 1000;
  EXPECT_EQ(progress.EtaSeconds(), 0);
}

}  // namespace
}  // namespace almanac
