// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Export and import again: the same facts, with their times as written and
// their sources, whatever their names and values hold.

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shell/export_command.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;

Fact MakeFact(std::string subject, std::string predicate, Term object,
              std::string_view time, std::string source = "") {
  Fact fact;
  fact.subject = Term::Entity(std::move(subject));
  fact.predicate = Term::Entity(std::move(predicate));
  fact.object = std::move(object);
  fact.time = *ValidTime::Parse(time);
  fact.source = std::move(source);
  return fact;
}

// Facts TSV can hold: names needing quotes in the query language, every
// literal type, day, month and year times, intervals, open intervals,
// untimed facts, sources with quotes and commas.
std::vector<Fact> TsvFacts() {
  return {
      MakeFact("Russia", "recognized",
               Term::Entity("Islamic Emirate of Afghanistan"), "2025-07-03",
               "The Hindu"),
      MakeFact("Return, release person(s)", "reported by",
               Term::Entity("Reuters"), "2014-05", "Reuters, \"World\""),
      MakeFact("Acme", "count", *Term::Integer(42), ""),
      MakeFact("Acme", "count", *Term::Integer(-7), "2014"),
      MakeFact("Acme", "price", *Term::Decimal("-12.50"), "2020.."),
      MakeFact("Acme", "listed", Term::Boolean(true), "..2003"),
      MakeFact("Acme", "founded", Term::DateValue(*Date::Parse("2014-03-07")),
               "2014-03..2015"),
      MakeFact("Acme", "opened", Term::DateValue(*Date::Parse("2014-03")),
               "2014-03-07..2014-04"),
      MakeFact("Acme", "motto", Term::String("say \"hi\", \\ ok"), "2014",
               "'single' \"double\" `back`"),
      MakeFact("Acme", "named after", Term::Entity("42"), ""),
      MakeFact("Acme", "named after", Term::Entity("true"), ""),
      MakeFact("Acme", "named after", Term::Entity("a`b\\c"), ""),
      MakeFact("Acme", "named after", Term::Entity("\"Nick\" Xenophon"), ""),
      MakeFact(" padded ", "in", Term::Entity("Zürich"), "1999-12-31"),
      MakeFact("subject", "predicate", Term::Entity("object"), "2001"),
  };
}

// Facts only CSV can hold.
std::vector<Fact> CsvOnlyFacts() {
  return {
      MakeFact("#MeToo", "began", Term::Entity("movement"), "2017-10"),
      MakeFact("Acme", "note", Term::String("two\nlines\tand a tab"), "2015"),
      MakeFact("Acme", "tabbed", Term::Entity("x"), "2016",
               "a\tsource, \"quoted\"\r\nover lines"),
  };
}

class ExportTest : public ::testing::Test {
 protected:
  std::unique_ptr<Database> Open(std::string_view name) {
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub(name), Options());
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? *std::move(db) : nullptr;
  }

  std::unique_ptr<Database> WithFacts(std::string_view name,
                                      const std::vector<Fact>& facts) {
    std::unique_ptr<Database> db = Open(name);
    Transaction txn;
    for (const Fact& fact : facts) txn.Add(fact);
    EXPECT_OK(db->Commit(txn).status());
    return db;
  }

  // Exports `db` in `format`, imports the file into a new database and
  // returns it.
  std::unique_ptr<Database> RoundTrip(const Database& db, ExportFormat format,
                                      ImportFormat import_format) {
    const std::string path = dir_.Sub("export");
    std::ostringstream out;
    EXPECT_OK(RunExport(db, {.format = format, .path = path}, out));
    std::unique_ptr<Database> copy = Open("copy");
    ImportOptions options;
    options.format = import_format;
    EXPECT_OK(copy->Import({path}, options).status());
    return copy;
  }

  TempDir dir_;
};

// Every fact of `db`, as the query language writes it, sorted.
std::vector<std::string> AllFacts(const Database& db) {
  std::vector<std::string> facts;
  std::unique_ptr<FactIterator> it = db.Scan(Pattern());
  for (; it->Valid(); it->Next()) facts.push_back(it->fact().ToString());
  EXPECT_OK(it->status());
  std::sort(facts.begin(), facts.end());
  return facts;
}

TEST_F(ExportTest, TsvRoundTrip) {
  std::unique_ptr<Database> db = WithFacts("db", TsvFacts());
  std::unique_ptr<Database> copy =
      RoundTrip(*db, ExportFormat::kTsv, ImportFormat::kTsv);
  EXPECT_EQ(AllFacts(*copy).size(), TsvFacts().size());
  EXPECT_EQ(AllFacts(*copy), AllFacts(*db));
}

TEST_F(ExportTest, CsvRoundTrip) {
  std::vector<Fact> facts = TsvFacts();
  for (Fact& fact : CsvOnlyFacts()) facts.push_back(fact);
  std::unique_ptr<Database> db = WithFacts("db", facts);
  std::unique_ptr<Database> copy =
      RoundTrip(*db, ExportFormat::kCsv, ImportFormat::kCsv);
  EXPECT_EQ(AllFacts(*copy).size(), facts.size());
  EXPECT_EQ(AllFacts(*copy), AllFacts(*db));
}

TEST_F(ExportTest, JsonlRoundTrip) {
  std::vector<Fact> facts = TsvFacts();
  for (Fact& fact : CsvOnlyFacts()) facts.push_back(fact);
  facts.push_back(MakeFact("Acme", "founded",
                           Term::DateValue(*Date::Parse("2014")), "2014"));
  facts.push_back(MakeFact("Acme", "emoji", Term::String("😀 \x01 \\u"), ""));
  std::unique_ptr<Database> db = WithFacts("db", facts);
  std::unique_ptr<Database> copy =
      RoundTrip(*db, ExportFormat::kJsonl, ImportFormat::kJsonl);
  EXPECT_EQ(AllFacts(*copy).size(), facts.size());
  EXPECT_EQ(AllFacts(*copy), AllFacts(*db));
}

// Imports `contents` as JSON lines, skipping up to 100 malformed rows, and
// returns the facts read and the errors, in order.
std::vector<std::string> ImportJsonl(const TempDir& dir,
                                     std::string_view contents) {
  const std::string path = dir.Sub("in.jsonl");
  WriteFile(path, contents);
  std::vector<std::string> lines;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.Sub("jsonl-db"), Options());
  EXPECT_TRUE(db.ok());
  ImportOptions options;
  options.format = ImportFormat::kJsonl;
  options.max_errors = 100;
  options.on_row_error = [&](const absl::Status& status) {
    lines.push_back(std::string(status.message()).substr(path.size()));
  };
  EXPECT_OK((*db)->Import({path}, options).status());
  for (const std::string& fact : AllFacts(**db)) lines.push_back(fact);
  return lines;
}

TEST_F(ExportTest, JsonlReader) {
  EXPECT_THAT(
      ImportJsonl(
          dir_,
          "{\"subject\":\"A\",\"predicate\":\"p\",\"object\":\"2014-03\"}\n"
          "\n"
          " { \"subject\" : \"B\", \"predicate\":\"p\", \"object\": 1.50,"
          " \"time\": \"2001..\", \"extra\": [1] }\n"
          "{\"subject\":\"C\",\"predicate\":\"p\",\"object\":7,"
          "\"source\":\"\\u00e9\\ud83d\\ude00\"}\n"
          "{\"subject\":\"D\",\"predicate\":\"p\",\"object\":\"x\","
          "\"object_type\":\"string\",\"time\":null}\n"
          "{\"subject\":\"\",\"predicate\":\"p\",\"object\":1}\n"
          "{\"subject\":\"E\",\"predicate\":\"p\",\"object\":1e5}\n"
          "{\"subject\":\"E\",\"predicate\":\"p\",\"object\":\"x\","
          "\"object_type\":\"integer\"}\n"
          "{\"subject\":\"E\",\"predicate\":\"p\"}\n"
          "{\"subject\":\"E\",\"predicate\":\"p\",\"object\":1,"
          "\"time\":\"2014-13\"}\n"
          "{\"subject\":\"E\"\n"),
      ElementsAre(":3: nested objects and arrays are not read at column 81",
                  ":6: \"subject\" must be a non-empty string",
                  ":7: number 1e5: exponents are not read",
                  ":8: the object is not of object_type integer",
                  ":9: no \"object\"",
                  ":10: month 13 is out of range in \"2014-13\"",
                  ":11: expected '}' at column 15", "A p 2014-03",
                  "C p 7 SOURCE \"é😀\"", "D p \"x\""));
}

TEST_F(ExportTest, TsvRecord) {
  EXPECT_EQ(*ExportRecord(TsvFacts()[0], ExportFormat::kTsv),
            "Russia\trecognized\t`Islamic Emirate of Afghanistan`\t"
            "2025-07-03\tThe Hindu\n");
  EXPECT_EQ(*ExportRecord(TsvFacts()[2], ExportFormat::kTsv),
            "Acme\tcount\t42\t\t\n");
}

TEST_F(ExportTest, CsvRecord) {
  EXPECT_EQ(*ExportRecord(TsvFacts()[1], ExportFormat::kCsv),
            "\"Return, release person(s)\",reported by,Reuters,2014-05,"
            "\"Reuters, \"\"World\"\"\"\n");
  EXPECT_EQ(*ExportRecord(TsvFacts()[8], ExportFormat::kCsv),
            "Acme,motto,\"\"\"say \\\"\"hi\\\"\", \\\\ ok\"\"\",2014,"
            "\"'single' \"\"double\"\" `back`\"\n");
}

TEST_F(ExportTest, JsonlRecord) {
  EXPECT_EQ(*ExportRecord(TsvFacts()[0], ExportFormat::kJsonl),
            "{\"subject\":\"Russia\",\"predicate\":\"recognized\","
            "\"object\":\"Islamic Emirate of Afghanistan\","
            "\"object_type\":\"entity\",\"time\":\"2025-07-03\","
            "\"source\":\"The Hindu\"}\n");
  EXPECT_EQ(*ExportRecord(TsvFacts()[4], ExportFormat::kJsonl),
            "{\"subject\":\"Acme\",\"predicate\":\"price\",\"object\":-12.5,"
            "\"object_type\":\"decimal\",\"time\":\"2020..\",\"source\":null}"
            "\n");
  EXPECT_EQ(*ExportRecord(TsvFacts()[2], ExportFormat::kJsonl),
            "{\"subject\":\"Acme\",\"predicate\":\"count\",\"object\":42,"
            "\"object_type\":\"integer\",\"time\":null,\"source\":null}\n");
}

TEST_F(ExportTest, TsvRefusesWhatItCannotHold) {
  const std::vector<Fact> facts = CsvOnlyFacts();
  EXPECT_EQ(ExportRecord(facts[0], ExportFormat::kTsv).status().message(),
            "cannot export `#MeToo` began movement @ 2017-10 as TSV: a subject "
            "beginning with # reads back as a comment (CSV can hold it)");
  EXPECT_EQ(ExportRecord(facts[1], ExportFormat::kTsv).status().message(),
            "cannot export Acme note \"two\nlines\tand a tab\" @ 2015 as TSV: "
            "a field holds a tab or a line break (CSV can hold it)");
  EXPECT_FALSE(ExportRecord(facts[2], ExportFormat::kTsv).ok());
}

TEST_F(ExportTest, YearDateObjectsCannotBeWritten) {
  const Fact fact =
      MakeFact("Acme", "founded", Term::DateValue(*Date::Parse("2014")), "");
  EXPECT_EQ(ExportRecord(fact, ExportFormat::kCsv).status().message(),
            "cannot export Acme founded 2014 as CSV: a year as a date object "
            "reads back as an integer (JSON lines can hold it)");
  EXPECT_EQ(*ExportRecord(fact, ExportFormat::kJsonl),
            "{\"subject\":\"Acme\",\"predicate\":\"founded\",\"object\":"
            "\"2014\",\"object_type\":\"date\",\"time\":null,\"source\":null}"
            "\n");
}

TEST_F(ExportTest, FailedExportLeavesNoFile) {
  std::unique_ptr<Database> db = WithFacts("db", CsvOnlyFacts());
  std::ostringstream out;
  const std::string path = dir_.Sub("facts.tsv");
  EXPECT_FALSE(
      RunExport(*db, {.format = ExportFormat::kTsv, .path = path}, out).ok());
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(out.str(), "");
}

TEST_F(ExportTest, ExportToAFileSaysHowMany) {
  std::unique_ptr<Database> db = WithFacts("db", TsvFacts());
  std::ostringstream out;
  const std::string path = dir_.Sub("facts.tsv");
  EXPECT_OK(RunExport(*db, {.format = ExportFormat::kTsv, .path = path}, out));
  EXPECT_EQ(out.str(), "exported 15 facts to " + path + "\n");
  EXPECT_TRUE(
      ReadFile(path).starts_with("subject\tpredicate\tobject\ttime\tsource\n"));
}

TEST(ParseExportArgumentsTest, FormatFromOptionOrFileName) {
  const auto parse = [](std::vector<std::string> args) {
    return ParseExportArguments(args);
  };
  EXPECT_EQ(parse({})->format, ExportFormat::kTsv);
  EXPECT_EQ(parse({})->path, "");
  EXPECT_EQ(parse({"out.csv"})->format, ExportFormat::kCsv);
  EXPECT_EQ(parse({"out.jsonl"})->format, ExportFormat::kJsonl);
  EXPECT_EQ(parse({"out.txt"})->format, ExportFormat::kTsv);
  EXPECT_EQ(parse({"--format", "csv", "out.txt"})->format, ExportFormat::kCsv);
  EXPECT_EQ(parse({"out.csv", "--format=tsv"})->format, ExportFormat::kTsv);
  EXPECT_EQ(parse({"--format", "xml"}).status().message(),
            "unknown export format \"xml\"; use tsv, csv or jsonl");
  EXPECT_EQ(parse({"a", "b"}).status().message(),
            "one file only; usage: [--format tsv|csv|jsonl] [FILE]");
  EXPECT_EQ(parse({"--format"}).status().message(), "--format needs a value");
}

}  // namespace
}  // namespace almanac
