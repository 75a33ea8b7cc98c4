// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of Database::Import through the public API. Each test writes small
// files into a temporary directory, imports them, and compares what scans
// and statistics return, rendered as lines of text: facts as
// Fact::ToString() (see Facts), statistics as in RenderStatistics. The
// atomicity tests also compare a raw dump of every column family (RawDump).

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/format.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

// Opens (creating) the database at `path`; commits are not synced, which
// these tests do not need and which keeps them fast.
std::unique_ptr<Database> OpenDatabase(const std::string& path) {
  Options options;
  options.sync_commits = false;
  absl::StatusOr<std::unique_ptr<Database>> db = Database::Open(path, options);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

// The facts `pattern` matches, one Fact::ToString() line each, in scan
// order; "ERROR ..." last when the scan fails.
std::vector<std::string> Facts(const Database& db, const Pattern& pattern = {},
                               const ScanOptions& options = {}) {
  std::vector<std::string> lines;
  std::unique_ptr<FactIterator> it = db.Scan(pattern, options);
  for (; it->Valid(); it->Next()) lines.push_back(it->fact().ToString());
  if (!it->status().ok()) {
    lines.push_back(absl::StrCat("ERROR ", it->status().ToString()));
  }
  return lines;
}

// Facts(), sorted: for expectations that should not depend on term ids.
std::vector<std::string> SortedFacts(const Database& db,
                                     const Pattern& pattern = {},
                                     const ScanOptions& options = {}) {
  std::vector<std::string> lines = Facts(db, pattern, options);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string SpanText(const std::optional<DayRange>& span) {
  if (!span) return "-";
  const auto bound = [](int32_t day, bool open) {
    return open ? std::string("open") : Date::FromDayNumber(day).ToString();
  };
  return absl::StrCat(bound(span->begin, span->begin == DayRange::kOpenBegin),
                      "..",
                      bound(span->end - 1, span->end == DayRange::kOpenEnd));
}

// "facts F, entities E, literals L" and then one line per predicate:
// "  P: F facts, S subjects, O objects, T timed, FIRST..LAST".
std::string RenderStatistics(const Statistics& stats) {
  std::string text =
      absl::StrCat("facts ", stats.facts, ", entities ", stats.entities,
                   ", literals ", stats.literals, "\n");
  for (const PredicateStatistics& p : stats.predicates) {
    absl::StrAppend(&text, "  ", p.predicate.ToString(), ": ", p.facts,
                    " facts, ", p.distinct_subjects, " subjects, ",
                    p.distinct_objects, " objects, ", p.timed_facts, " timed, ",
                    SpanText(p.time_span), "\n");
  }
  return text;
}

std::string StatisticsOf(const Database& db) {
  absl::StatusOr<Statistics> stats = db.GetStatistics();
  if (!stats.ok()) return absl::StrCat("ERROR ", stats.status().ToString());
  return RenderStatistics(*stats);
}

TxNumber LastTx(const Database& db) {
  absl::StatusOr<Statistics> stats = db.GetStatistics();
  EXPECT_TRUE(stats.ok()) << stats.status();
  return stats.ok() ? stats->last_tx : 0;
}

// What GetStatistics() should say about a database into which `facts` were
// added in this order. Repeats are counted once (the source is not part of
// a fact's identity), but the terms and sources of every fact added, repeats
// too, are in the dictionary and so in the entity and literal counts.
std::string ReferenceStatistics(const std::vector<Fact>& facts) {
  struct Counts {
    uint64_t facts = 0;
    std::set<std::string> subjects;
    std::set<std::string> objects;
    uint64_t timed = 0;
    std::optional<DayRange> span;
  };
  std::set<std::string> seen;
  std::set<std::string> entities;
  std::set<std::string> literals;
  std::map<std::string, Counts> by_predicate;
  for (const Fact& fact : facts) {
    for (const Term* term : {&fact.subject, &fact.predicate, &fact.object}) {
      if (term->is_entity()) entities.insert(term->text());
      if (term->kind() == TermKind::kString ||
          term->kind() == TermKind::kDecimal) {
        literals.insert(term->ToString());
      }
    }
    if (!fact.source.empty()) {
      literals.insert(Term::String(fact.source).ToString());
    }
    Fact identity = fact;
    identity.source.clear();
    if (!seen.insert(identity.ToString()).second) continue;
    Counts& counts = by_predicate[fact.predicate.text()];
    ++counts.facts;
    counts.subjects.insert(fact.subject.ToString());
    counts.objects.insert(fact.object.ToString());
    if (fact.time.is_stated()) {
      ++counts.timed;
      const DayRange days = fact.time.days();
      if (!counts.span) counts.span = days;
      counts.span->begin = std::min(counts.span->begin, days.begin);
      counts.span->end = std::max(counts.span->end, days.end);
    }
  }
  Statistics stats;
  stats.facts = seen.size();
  stats.entities = entities.size();
  stats.literals = literals.size();
  for (const auto& [predicate, counts] : by_predicate) {
    PredicateStatistics p;
    p.predicate = Term::Entity(predicate);
    p.facts = counts.facts;
    p.distinct_subjects = counts.subjects.size();
    p.distinct_objects = counts.objects.size();
    p.timed_facts = counts.timed;
    p.time_span = counts.span;
    stats.predicates.push_back(std::move(p));
  }
  return RenderStatistics(stats);
}

// Reads one TSV row "subject<TAB>predicate<TAB>object<TAB>time[<TAB>source]"
// the way the importer does, for building transactions and reference
// models from the same text.
Fact ParseRow(const std::string& row) {
  std::vector<std::string> fields = absl::StrSplit(row, '\t');
  Fact fact;
  fact.subject = Term::Entity(fields.at(0));
  fact.predicate = Term::Entity(fields.at(1));
  absl::StatusOr<Term> object = Term::ParseObjectField(fields.at(2));
  EXPECT_TRUE(object.ok()) << object.status() << " in " << row;
  if (object.ok()) fact.object = *object;
  absl::StatusOr<ValidTime> time = ValidTime::Parse(fields.at(3));
  EXPECT_TRUE(time.ok()) << time.status() << " in " << row;
  if (time.ok()) fact.time = *time;
  if (fields.size() > 4) fact.source = fields[4];
  return fact;
}

std::vector<Fact> ParseRows(const std::vector<std::string>& rows) {
  std::vector<Fact> facts;
  for (const std::string& row : rows) facts.push_back(ParseRow(row));
  return facts;
}

std::string JoinLines(const std::vector<std::string>& rows) {
  std::string text;
  for (const std::string& row : rows) absl::StrAppend(&text, row, "\n");
  return text;
}

absl::StatusOr<CommitResult> CommitAll(Database& db,
                                       const std::vector<Fact>& facts) {
  Transaction txn;
  for (const Fact& fact : facts) txn.Add(fact);
  return db.Commit(txn);
}

// Every key and value of every column family of the (closed) database at
// `path`, read with RocksDB directly: one "family key -> value" line each,
// bytes C-escaped.
std::string RawDump(const std::string& path) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : kFamilyNames) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::OpenForReadOnly(
      rocksdb::DBOptions(), path, families, &handles, &raw);
  if (!status.ok()) return "OPEN FAILED " + status.ToString();
  std::unique_ptr<rocksdb::DB> db(raw);
  std::string dump;
  for (size_t i = 0; i < handles.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      absl::StrAppend(&dump, kFamilyNames[i], " ",
                      absl::CEscape(it->key().ToString()), " -> ",
                      absl::CEscape(it->value().ToString()), "\n");
    }
    if (!it->status().ok()) {
      absl::StrAppend(&dump, "READ FAILED ", it->status().ToString(), "\n");
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    status = db->DestroyColumnFamilyHandle(handle);
    if (!status.ok()) absl::StrAppend(&dump, "CLOSE FAILED\n");
  }
  return dump;
}

// The import's temporary folders left in the database directory.
std::vector<std::string> TemporaryFolders(const std::string& db_path) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(db_path)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("import.tmp-", 0) == 0) names.push_back(name);
  }
  return names;
}

ImportOptions Format(ImportFormat format) {
  ImportOptions options;
  options.format = format;
  return options;
}

TEST(ImportTest, ImportsTsv) {
  TempDir dir;
  WriteFile(dir.Sub("news.tsv"),
            "subject\tpredicate\tobject\ttime\tsource\n"
            "Russia\trecognized\tIEA\t2025-07-03\tThe Hindu\n"
            "# a comment\n"
            "China\tHost a visit\tOther Authorities / Officials (United "
            "States)\t2014-11-10\n"
            "Barack Obama\tborn in\tHonolulu\t1961-08-04..\n"
            "Pakistan\tordered\t10000\t2018..2019-06\n"
            "Acme\tmotto\t\"make, \\\"things\\\"\"\t\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);

  absl::StatusOr<ImportResult> result =
      db->Import({dir.Sub("news.tsv")}, Format(ImportFormat::kTsv));
  ASSERT_OK(result.status());
  EXPECT_EQ(result->rows, 5u);
  EXPECT_EQ(result->added, 5u);
  EXPECT_EQ(result->unchanged, 0u);
  EXPECT_EQ(result->rows_skipped, 0u);
  EXPECT_EQ(result->tx, 1u);
  EXPECT_EQ(result->Summary(),
            "loaded 5 of 5 facts (5 new, 0 already present)");

  EXPECT_THAT(
      SortedFacts(*db),
      ElementsAre("Acme motto \"make, \\\"things\\\"\"",
                  "China `Host a visit` `Other Authorities / Officials "
                  "(United States)` @ 2014-11-10",
                  "Pakistan ordered 10000 @ 2018..2019-06",
                  "Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"",
                  "`Barack Obama` `born in` Honolulu @ 1961-08-04.."));
  Pattern pattern;
  pattern.predicate = Term::Entity("recognized");
  EXPECT_THAT(Facts(*db, pattern),
              ElementsAre("Russia recognized IEA @ 2025-07-03 SOURCE "
                          "\"The Hindu\""));
  EXPECT_EQ(LastTx(*db), 1u);
}

TEST(ImportTest, ImportsCsv) {
  TempDir dir;
  WriteFile(dir.Sub("events.csv"),
            "subject,predicate,object,time,source\r\n"
            "\"Return, release person(s)\",reported by,Reuters,2014-05,"
            "\"Reuters, \"\"World\"\"\"\r\n"
            "Joseph Benedict \"Joe\" Hockey,held office,Treasurer of "
            "Australia,2013-09..2015-09\r\n"
            "Acme,note,\"a field over\ntwo lines\",2020,\r\n"
            "Acme,greeting,\"\"\"hello\"\"\",,\r\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);

  absl::StatusOr<ImportResult> result =
      db->Import({dir.Sub("events.csv")}, Format(ImportFormat::kCsv));
  ASSERT_OK(result.status());
  EXPECT_EQ(result->Summary(),
            "loaded 4 of 4 facts (4 new, 0 already present)");
  EXPECT_EQ(result->tx, 1u);
  EXPECT_THAT(SortedFacts(*db),
              ElementsAre("Acme greeting \"hello\"",
                          "Acme note `a field over\ntwo lines` @ 2020",
                          "`Joseph Benedict \"Joe\" Hockey` `held office` "
                          "`Treasurer of Australia` @ 2013-09..2015-09",
                          "`Return, release person(s)` `reported by` Reuters "
                          "@ 2014-05 SOURCE \"Reuters, \\\"World\\\"\""));
}

TEST(ImportTest, ReimportingTheSameFileChangesNothing) {
  TempDir dir;
  WriteFile(dir.Sub("news.tsv"),
            "Russia\trecognized\tIEA\t2025-07-03\tThe Hindu\n"
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "China\tvisited\tRussia\t2019\n");
  const std::string db_path = dir.Sub("db");
  std::unique_ptr<Database> db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  absl::StatusOr<ImportResult> first =
      db->Import({dir.Sub("news.tsv")}, ImportOptions());
  ASSERT_OK(first.status());
  EXPECT_EQ(first->Summary(), "loaded 3 of 3 facts (3 new, 0 already present)");
  const std::string statistics = StatisticsOf(*db);
  db.reset();
  const std::string before = RawDump(db_path);

  db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  absl::StatusOr<ImportResult> second =
      db->Import({dir.Sub("news.tsv")}, ImportOptions());
  ASSERT_OK(second.status());
  EXPECT_EQ(second->rows, 3u);
  EXPECT_EQ(second->added, 0u);
  EXPECT_EQ(second->unchanged, 3u);
  EXPECT_EQ(second->tx, 0u);
  EXPECT_EQ(second->Summary(),
            "loaded 3 of 3 facts (0 new, 3 already present)");
  EXPECT_EQ(LastTx(*db), 1u);
  EXPECT_EQ(StatisticsOf(*db), statistics);
  EXPECT_THAT(TemporaryFolders(db_path), IsEmpty());
  db.reset();
  EXPECT_EQ(RawDump(db_path), before);
}

TEST(ImportTest, AddsOnlyTheFactsTheDatabaseLacks) {
  TempDir dir;
  const std::vector<std::string> committed = {
      "Russia\trecognized\tIEA\t2025-07-03\tTASS",
      "Russia\tsigned\tPakistan\t2018-08-07",
      "China\tvisited\tRussia\t2019",
  };
  const std::vector<std::string> file = {
      "Russia\trecognized\tIEA\t2025-07-03\tThe Hindu",  // Present.
      "Russia\trecognized\tTaliban\t2025-07-04",  // Known subject, new object.
      "Iran\trecognized\tIEA\t2025-07-05",        // New subject, known object.
      "China\tvisited\tRussia\t2019",             // Present.
      "China\tvisited\tRussia\t2020",             // Same terms, new time.
      "Pakistan\tsigned\tRussia\t2018-08-07",
      "India\thosted\tChina\t",
  };
  WriteFile(dir.Sub("news.tsv"), JoinLines(file));
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);
  ASSERT_OK(CommitAll(*db, ParseRows(committed)).status());

  absl::StatusOr<ImportResult> result =
      db->Import({dir.Sub("news.tsv")}, ImportOptions());
  ASSERT_OK(result.status());
  EXPECT_EQ(result->Summary(),
            "loaded 7 of 7 facts (5 new, 2 already present)");
  EXPECT_EQ(result->tx, 2u);
  EXPECT_EQ(LastTx(*db), 2u);

  // A fact that was there keeps its source.
  EXPECT_THAT(
      SortedFacts(*db),
      ElementsAre("China visited Russia @ 2019", "China visited Russia @ 2020",
                  "India hosted China", "Iran recognized IEA @ 2025-07-05",
                  "Pakistan signed Russia @ 2018-08-07",
                  "Russia recognized IEA @ 2025-07-03 SOURCE \"TASS\"",
                  "Russia recognized Taliban @ 2025-07-04",
                  "Russia signed Pakistan @ 2018-08-07"));
  std::vector<Fact> all = ParseRows(committed);
  for (Fact& fact : ParseRows(file)) all.push_back(std::move(fact));
  EXPECT_EQ(StatisticsOf(*db), ReferenceStatistics(all));
  EXPECT_EQ(StatisticsOf(*db),
            "facts 8, entities 11, literals 2\n"
            "  hosted: 1 facts, 1 subjects, 1 objects, 0 timed, -\n"
            "  recognized: 3 facts, 2 subjects, 2 objects, 3 timed, "
            "2025-07-03..2025-07-05\n"
            "  signed: 2 facts, 2 subjects, 2 objects, 2 timed, "
            "2018-08-07..2018-08-07\n"
            "  visited: 2 facts, 1 subjects, 1 objects, 2 timed, "
            "2019-01-01..2020-12-31\n");
}

TEST(ImportTest, StoresRepeatedRowsOnce) {
  TempDir dir;
  WriteFile(dir.Sub("1.tsv"),
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "China\tvisited\tRussia\t2019\n"
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "Russia\tsigned\tPakistan\t2018-08\n");
  WriteFile(dir.Sub("2.tsv"),
            "China\tvisited\tRussia\t2019\n"
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "India\thosted\tChina\t\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);

  ImportOptions options;
  options.sort_buffer_facts = 2;  // Repeats in different sorted runs too.
  absl::StatusOr<ImportResult> result =
      db->Import({dir.Sub("1.tsv"), dir.Sub("2.tsv")}, options);
  ASSERT_OK(result.status());
  EXPECT_EQ(result->Summary(),
            "loaded 7 of 7 facts (4 new, 3 already present)");
  EXPECT_THAT(SortedFacts(*db),
              ElementsAre("China visited Russia @ 2019", "India hosted China",
                          "Russia signed Pakistan @ 2018-08",
                          "Russia signed Pakistan @ 2018-08-07"));
  EXPECT_EQ(StatisticsOf(*db),
            "facts 4, entities 7, literals 0\n"
            "  hosted: 1 facts, 1 subjects, 1 objects, 0 timed, -\n"
            "  signed: 2 facts, 1 subjects, 1 objects, 2 timed, "
            "2018-08-01..2018-08-31\n"
            "  visited: 1 facts, 1 subjects, 1 objects, 1 timed, "
            "2019-01-01..2019-12-31\n");
}

// An import is one transaction whose adds apply in file order, so of rows
// that repeat a fact with different sources the first is stored, as when the
// same rows are committed.
TEST(ImportTest, RepeatedFactKeepsTheSourceOfItsFirstRow) {
  TempDir dir;
  std::vector<std::string> rows;
  for (int i = 1; i <= 100; ++i) {
    rows.push_back(
        absl::StrCat("Russia\tsigned\tPakistan\t2018-08-07\trow ", i));
  }
  WriteFile(dir.Sub("news.tsv"), JoinLines(rows));
  std::unique_ptr<Database> imported = OpenDatabase(dir.Sub("imported"));
  std::unique_ptr<Database> committed = OpenDatabase(dir.Sub("committed"));
  ASSERT_NE(imported, nullptr);
  ASSERT_NE(committed, nullptr);
  ASSERT_OK(imported->Import({dir.Sub("news.tsv")}, ImportOptions()).status());
  ASSERT_OK(CommitAll(*committed, ParseRows(rows)).status());

  EXPECT_THAT(
      Facts(*committed),
      ElementsAre("Russia signed Pakistan @ 2018-08-07 SOURCE \"row 1\""));
  EXPECT_THAT(
      Facts(*imported),
      ElementsAre("Russia signed Pakistan @ 2018-08-07 SOURCE \"row 1\""));

  // With sorts of 7 facts the repeats meet only in the merge of the runs.
  std::unique_ptr<Database> merged = OpenDatabase(dir.Sub("merged"));
  ASSERT_NE(merged, nullptr);
  ImportOptions small_sorts;
  small_sorts.sort_buffer_facts = 7;
  ASSERT_OK(merged->Import({dir.Sub("news.tsv")}, small_sorts).status());
  EXPECT_THAT(
      Facts(*merged),
      ElementsAre("Russia signed Pakistan @ 2018-08-07 SOURCE \"row 1\""));
}

// Rows "e<i> p<i % 7> o<i % 13> DATE" for i in [first, last].
std::string NumberedRows(int first, int last) {
  std::string text;
  for (int i = first; i <= last; ++i) {
    absl::StrAppendFormat(&text, "e%d\tp%d\to%d\t2014-%02d-%02d\n", i, i % 7,
                          i % 13, 1 + i % 12, 1 + i % 28);
  }
  return text;
}

TEST(ImportTest, MalformedRowLeavesTheDatabaseAsItWas) {
  TempDir dir;
  const std::string db_path = dir.Sub("db");
  std::unique_ptr<Database> db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(CommitAll(*db, ParseRows({"Russia\tsigned\tPakistan\t2018-08-07",
                                      "e1\tp1\to1\t2014-02-02"}))
                .status());
  WriteFile(dir.Sub("earlier.tsv"), NumberedRows(1, 20));
  ASSERT_OK(db->Import({dir.Sub("earlier.tsv")}, ImportOptions()).status());
  const std::string statistics = StatisticsOf(*db);
  db.reset();
  const std::string before = RawDump(db_path);
  ASSERT_THAT(before, HasSubstr("spo "));

  // Line 5000 of 10,000 has three columns; by then sorted runs of 100 facts
  // are on disk.
  const std::string file = dir.Sub("big.tsv");
  WriteFile(file, NumberedRows(1, 4999) + "e5000\tp0\to0\n" +
                      NumberedRows(5001, 10000));
  db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  ImportOptions options;
  options.sort_buffer_facts = 100;
  absl::StatusOr<ImportResult> result = db->Import({file}, options);
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith(file + ":5000: "));
  EXPECT_THAT(TemporaryFolders(db_path), IsEmpty());
  EXPECT_EQ(StatisticsOf(*db), statistics);
  EXPECT_EQ(LastTx(*db), 2u);
  db.reset();
  EXPECT_EQ(RawDump(db_path), before);
  EXPECT_THAT(TemporaryFolders(db_path), IsEmpty());
}

TEST(ImportTest, InterruptedImportLeavesTheDatabaseAsItWas) {
  TempDir dir;
  const std::string db_path = dir.Sub("db");
  std::unique_ptr<Database> db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  WriteFile(dir.Sub("earlier.tsv"), NumberedRows(1, 20));
  ASSERT_OK(db->Import({dir.Sub("earlier.tsv")}, ImportOptions()).status());
  const std::string statistics = StatisticsOf(*db);
  const std::string file = dir.Sub("big.tsv");
  WriteFile(file, NumberedRows(21, 200000));

  // Interrupts keep coming while the import reads.
  std::atomic<bool> done = false;
  std::thread interrupter([&] {
    while (!done.load()) {
      db->Interrupt();
      std::this_thread::yield();
    }
  });
  absl::StatusOr<ImportResult> result = db->Import({file}, ImportOptions());
  done = true;
  interrupter.join();
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();
  EXPECT_EQ(StatisticsOf(*db), statistics);
  EXPECT_THAT(TemporaryFolders(db_path), IsEmpty());
  // The next import runs to the end.
  ASSERT_OK(db->Import({file}, ImportOptions()).status());
  EXPECT_EQ(LastTx(*db), 2u);
}

TEST(ImportTest, MissingFileLeavesTheDatabaseAsItWas) {
  TempDir dir;
  WriteFile(dir.Sub("1.tsv"), NumberedRows(1, 3));
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);
  absl::StatusOr<ImportResult> result =
      db->Import({dir.Sub("1.tsv"), dir.Sub("missing.tsv")}, ImportOptions());
  EXPECT_TRUE(absl::IsNotFound(result.status())) << result.status();
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("missing.tsv"));
  EXPECT_THAT(Facts(*db), IsEmpty());
  EXPECT_EQ(LastTx(*db), 0u);
}

// Five rows, of which lines 2 and 4 are malformed (and, with `third_bad`,
// line 5 too).
std::string RowsWithErrors(bool third_bad) {
  return absl::StrCat("a\tp\tb\t2014\n",              // 1
                      "a\tp\n",                       // 2
                      "b\tp\tc\t2015\n",              // 3
                      "c\tp\td\t2014-13\n",           // 4
                      third_bad ? "c\tp\ta\tnever\n"  // 5
                                : "c\tp\ta\t2016\n");
}

TEST(ImportTest, SkipsUpToMaxErrorsMalformedRows) {
  TempDir dir;
  const std::string file = dir.Sub("rows.tsv");
  WriteFile(file, RowsWithErrors(/*third_bad=*/false));
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);

  std::vector<std::string> errors;
  ImportOptions options;
  options.max_errors = 2;
  options.on_row_error = [&errors](const absl::Status& status) {
    errors.push_back(std::string(status.message()));
  };
  absl::StatusOr<ImportResult> result = db->Import({file}, options);
  ASSERT_OK(result.status());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0],
            file +
                ":2: expected 4 or 5 columns (subject, predicate, object, "
                "time[, source]), found 2");
  EXPECT_THAT(errors[1], StartsWith(file + ":4: "));
  EXPECT_EQ(result->rows, 5u);
  EXPECT_EQ(result->rows_skipped, 2u);
  EXPECT_EQ(result->added, 3u);
  EXPECT_EQ(result->Summary(),
            "loaded 3 of 5 facts (3 new, 0 already present)");
  EXPECT_THAT(SortedFacts(*db),
              ElementsAre("a p b @ 2014", "b p c @ 2015", "c p a @ 2016"));
}

TEST(ImportTest, OneMalformedRowMoreThanMaxErrorsFailsTheImport) {
  TempDir dir;
  const std::string file = dir.Sub("rows.tsv");
  WriteFile(file, RowsWithErrors(/*third_bad=*/true));
  const std::string db_path = dir.Sub("db");
  std::unique_ptr<Database> db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  ASSERT_OK(CommitAll(*db, ParseRows({"a\tp\tb\t2014"})).status());
  db.reset();
  const std::string before = RawDump(db_path);

  db = OpenDatabase(db_path);
  ASSERT_NE(db, nullptr);
  std::vector<std::string> errors;
  ImportOptions options;
  options.max_errors = 2;
  options.on_row_error = [&errors](const absl::Status& status) {
    errors.push_back(std::string(status.message()));
  };
  absl::StatusOr<ImportResult> result = db->Import({file}, options);
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
  EXPECT_THAT(std::string(result.status().message()),
              StartsWith(file + ":5: "));
  EXPECT_THAT(std::string(result.status().message()),
              EndsWith("(more than 2 malformed rows)"));
  EXPECT_THAT(errors, ElementsAre(StartsWith(file + ":2: "),
                                  StartsWith(file + ":4: ")));
  EXPECT_THAT(Facts(*db), ElementsAre("a p b @ 2014"));
  db.reset();
  EXPECT_EQ(RawDump(db_path), before);
  EXPECT_THAT(TemporaryFolders(db_path), IsEmpty());
}

// `count` TSV rows of a varied, repeatable mix: 1000 subjects, 12
// predicates, objects of every kind, every shape of time, some sources, and
// some rows repeated.
std::vector<std::string> GeneratedRows(int count) {
  std::mt19937 random(20260101);
  const auto pick = [&random](uint32_t n) { return random() % n; };
  std::vector<std::string> rows;
  for (int i = 0; i < count; ++i) {
    if (i > 0 && pick(50) == 0) {
      rows.push_back(rows[pick(i)]);
      continue;
    }
    std::string object;
    switch (pick(6)) {
      case 0:
      case 1:
        object = absl::StrCat("s", pick(1000));
        break;
      case 2:
        object = absl::StrCat(static_cast<int>(pick(1000)) - 1000);
        break;
      case 3:
        object = absl::StrCat("\"note", pick(500), "\"");
        break;
      case 4:
        object = absl::StrFormat("%d.%02d", pick(100), 1 + pick(99));
        break;
      default:
        object = absl::StrFormat("%04d-%02d", 1990 + pick(30), 1 + pick(12));
    }
    const int year = 1990 + static_cast<int>(pick(35));
    std::string time;
    switch (pick(7)) {
      case 0:
        break;
      case 1:
        time = absl::StrCat(year);
        break;
      case 2:
        time = absl::StrFormat("%d-%02d", year, 1 + pick(12));
        break;
      case 3:
        time =
            absl::StrFormat("%d-%02d-%02d", year, 1 + pick(12), 1 + pick(28));
        break;
      case 4:
        time = absl::StrFormat("%d..%d", year, year + pick(5));
        break;
      case 5:
        time = absl::StrCat(year, "..");
        break;
      default:
        time = absl::StrCat("..", year);
    }
    std::string row = absl::StrCat("s", pick(1000), "\tp", pick(12), "\t",
                                   object, "\t", time);
    if (pick(4) == 0) absl::StrAppend(&row, "\tsource ", pick(40));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Reads "SUBJECT PREDICATE OBJECT [TIME]": _ leaves a position unbound,
// other words are read as import object fields, and TIME (as in an import
// file) is a constraint that the fact overlaps it.
Pattern ParsePattern(const std::string& text) {
  const std::vector<std::string> words = absl::StrSplit(text, ' ');
  Pattern pattern;
  std::optional<Term>* positions[] = {&pattern.subject, &pattern.predicate,
                                      &pattern.object};
  for (size_t i = 0; i < 3; ++i) {
    if (words.at(i) == "_") continue;
    absl::StatusOr<Term> term = Term::ParseObjectField(words[i]);
    EXPECT_TRUE(term.ok()) << term.status() << " in " << text;
    if (term.ok()) *positions[i] = *term;
  }
  if (words.size() > 3) {
    absl::StatusOr<ValidTime> time = ValidTime::Parse(words[3]);
    EXPECT_TRUE(time.ok()) << time.status() << " in " << text;
    if (time.ok()) {
      pattern.time = TimeConstraint{TimeRelation::kOverlaps, time->days()};
    }
  }
  return pattern;
}

// Expects the two databases to hold the same facts with the same statistics,
// those of a reference model of `facts`. New terms get ids in the order
// they are first met on every write path, so for databases written from the
// same rows in the same order even the scan orders must agree.
void ExpectSameDatabase(const Database& imported, const Database& committed,
                        const std::vector<Fact>& facts) {
  const std::string statistics = StatisticsOf(imported);
  EXPECT_EQ(statistics, StatisticsOf(committed));
  EXPECT_EQ(statistics, ReferenceStatistics(facts));

  // Patterns for every index: subject first (all facts; subject bound),
  // predicate first, object first, and by time with one bound term.
  const char* const patterns[] = {"_ _ _",
                                  "s7 _ _",
                                  "s7 p4 _",
                                  "_ p0 _",
                                  "_ p11 _",
                                  "_ p11 s7",
                                  "_ _ s7",
                                  "_ _ \"note17\"",
                                  "_ _ 1999-07",
                                  "_ _ -531",
                                  "_ _ _ 2000..2004",
                                  "s7 _ _ 2000..2004",
                                  "_ _ s7 2000..2004",
                                  "_ p3 _ 2000..2004",
                                  "_ p5 _ ..1995"};
  for (const char* text : patterns) {
    const Pattern pattern = ParsePattern(text);
    const std::vector<std::string> expected = Facts(committed, pattern);
    const std::vector<std::string> actual = Facts(imported, pattern);
    EXPECT_EQ(actual.size(), expected.size()) << text;
    EXPECT_TRUE(actual == expected) << text;
  }
}

// Commits `facts` in transactions of 2000.
void CommitInBatches(Database& db, const std::vector<Fact>& facts) {
  for (size_t begin = 0; begin < facts.size(); begin += 2000) {
    const size_t end = std::min(facts.size(), begin + 2000);
    ASSERT_OK(CommitAll(db, std::vector<Fact>(facts.begin() + begin,
                                              facts.begin() + end))
                  .status());
  }
}

// The bulk loader's external sort and merge must build the same indexes and
// statistics as commits do.
TEST(ImportTest, SmallSortBufferGivesTheSameDatabaseAsCommits) {
  TempDir dir;
  const std::vector<std::string> rows = GeneratedRows(4000);
  WriteFile(dir.Sub("facts.tsv"), JoinLines(rows));
  const std::vector<Fact> facts = ParseRows(rows);
  std::unique_ptr<Database> imported = OpenDatabase(dir.Sub("imported"));
  std::unique_ptr<Database> committed = OpenDatabase(dir.Sub("committed"));
  ASSERT_NE(imported, nullptr);
  ASSERT_NE(committed, nullptr);

  ImportOptions options;
  options.sort_buffer_facts = 200;  // 20 sorted runs per order.
  absl::StatusOr<ImportResult> result =
      imported->Import({dir.Sub("facts.tsv")}, options);
  ASSERT_OK(result.status());
  CommitInBatches(*committed, facts);
  EXPECT_EQ(result->rows, 4000u);
  EXPECT_EQ(result->added + result->unchanged, 4000u);
  EXPECT_GT(result->unchanged, 40u);  // The repeated rows.
  EXPECT_EQ(result->tx, 1u);
  ExpectSameDatabase(*imported, *committed, facts);
  EXPECT_EQ(Facts(*imported).size(), result->added);
}

// As above, into databases that hold the first quarter of the facts, a
// third of them since retracted: the merge must skip the facts that are
// there, add back the retracted ones, and count distinct subjects and
// objects against what is stored.
TEST(ImportTest, ImportIntoADatabaseGivesTheSameDatabaseAsCommits) {
  TempDir dir;
  const std::vector<std::string> rows = GeneratedRows(4000);
  WriteFile(dir.Sub("facts.tsv"), JoinLines(rows));
  const std::vector<Fact> facts = ParseRows(rows);
  const std::vector<Fact> first_quarter(facts.begin(), facts.begin() + 1000);
  Transaction retractions;
  for (size_t i = 0; i < first_quarter.size(); i += 3) {
    retractions.Retract(first_quarter[i]);
  }
  std::unique_ptr<Database> imported = OpenDatabase(dir.Sub("imported"));
  std::unique_ptr<Database> committed = OpenDatabase(dir.Sub("committed"));
  ASSERT_NE(imported, nullptr);
  ASSERT_NE(committed, nullptr);
  for (Database* db : {imported.get(), committed.get()}) {
    CommitInBatches(*db, first_quarter);
    absl::StatusOr<CommitResult> retracted = db->Commit(retractions);
    ASSERT_OK(retracted.status());
    EXPECT_GT(retracted->retracted, 300u);
  }
  const uint64_t present = Facts(*imported).size();

  ImportOptions options;
  options.sort_buffer_facts = 200;
  absl::StatusOr<ImportResult> result =
      imported->Import({dir.Sub("facts.tsv")}, options);
  ASSERT_OK(result.status());
  CommitInBatches(*committed, facts);
  EXPECT_EQ(result->rows, 4000u);
  EXPECT_EQ(result->added + result->unchanged, 4000u);
  EXPECT_GT(result->unchanged, 600u);
  EXPECT_EQ(result->tx, 3u);
  ExpectSameDatabase(*imported, *committed, facts);
  EXPECT_EQ(Facts(*imported).size(), present + result->added);
}

TEST(ImportTest, ImportsTkgFolders) {
  TempDir dir;
  const std::string data = dir.Sub("icews");
  std::filesystem::create_directory(data);
  WriteFile(data + "/entity2id.txt",
            "China\t1\r\n"
            "G\u0103g\u0103uzia\u00A0\t0\r\n"
            "Government Official (Russia)\t2\r\n");
  WriteFile(data + "/relation2id.txt", "Make statement\t0\nConsult\t1\n");
  WriteFile(data + "/train.txt", "2\t0\t1\t48\n1\t1\t0\t0\n");
  WriteFile(data + "/valid.txt", "0\t1\t1\t360\n");
  WriteFile(data + "/test.txt", "1\t0\t2\t24\n");

  ImportOptions options = Format(ImportFormat::kTkg);
  options.epoch = *Date::Parse("2014-01-01");
  options.unit = TimeUnit::kDay;
  std::unique_ptr<Database> days = OpenDatabase(dir.Sub("days"));
  ASSERT_NE(days, nullptr);
  absl::StatusOr<ImportResult> result = days->Import({data}, options);
  ASSERT_OK(result.status());
  EXPECT_EQ(result->Summary(),
            "loaded 4 of 4 facts (4 new, 0 already present)");
  EXPECT_THAT(SortedFacts(*days),
              ElementsAre("China Consult `G\u0103g\u0103uzia\u00A0` @ "
                          "2014-01-01",
                          "China `Make statement` `Government Official "
                          "(Russia)` @ 2014-01-25",
                          "`Government Official (Russia)` `Make statement` "
                          "China @ 2014-02-18",
                          "`G\u0103g\u0103uzia\u00A0` Consult China @ "
                          "2014-12-27"));
  Pattern pattern;
  pattern.subject = Term::Entity("G\u0103g\u0103uzia\u00A0");
  EXPECT_THAT(Facts(*days, pattern), ElementsAre(HasSubstr("Consult China")));
  pattern.subject = Term::Entity("G\u0103g\u0103uzia");  // No no-break space.
  EXPECT_THAT(Facts(*days, pattern), IsEmpty());

  options.unit = TimeUnit::kHour;
  std::unique_ptr<Database> hours = OpenDatabase(dir.Sub("hours"));
  ASSERT_NE(hours, nullptr);
  ASSERT_OK(hours->Import({data}, options).status());
  EXPECT_THAT(SortedFacts(*hours),
              ElementsAre("China Consult `G\u0103g\u0103uzia\u00A0` @ "
                          "2014-01-01",
                          "China `Make statement` `Government Official "
                          "(Russia)` @ 2014-01-02",
                          "`Government Official (Russia)` `Make statement` "
                          "China @ 2014-01-03",
                          "`G\u0103g\u0103uzia\u00A0` Consult China @ "
                          "2014-01-16"));

  options.unit = TimeUnit::kYear;
  options.epoch = *Date::Parse("1830-06");  // Only the year counts.
  std::unique_ptr<Database> years = OpenDatabase(dir.Sub("years"));
  ASSERT_NE(years, nullptr);
  ASSERT_OK(years->Import({data}, options).status());
  EXPECT_THAT(SortedFacts(*years),
              ElementsAre("China Consult `G\u0103g\u0103uzia\u00A0` @ 1830",
                          "China `Make statement` `Government Official "
                          "(Russia)` @ 1854",
                          "`Government Official (Russia)` `Make statement` "
                          "China @ 1878",
                          "`G\u0103g\u0103uzia\u00A0` Consult China @ 2190"));
}

TEST(ImportTest, TkgFolderNeedsAnEpoch) {
  TempDir dir;
  const std::string data = dir.Sub("icews");
  std::filesystem::create_directory(data);
  WriteFile(data + "/entity2id.txt", "a\t0\n");
  WriteFile(data + "/relation2id.txt", "r\t0\n");
  WriteFile(data + "/train.txt", "0\t0\t0\t0\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);
  absl::StatusOr<ImportResult> result =
      db->Import({data}, Format(ImportFormat::kTkg));
  EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
  EXPECT_EQ(
      result.status().message(),
      "a tkg import needs an epoch, the date of time offset 0 (--epoch DATE)");
  EXPECT_THAT(Facts(*db), IsEmpty());
  EXPECT_EQ(LastTx(*db), 0u);
}

// Progress is reported at most about ten times a second, so only the last
// "reading" call and the phases after it are certain. The rows repeat 2000
// facts over few terms, which keeps the test quick under sanitizers.
TEST(ImportTest, ReportsProgress) {
  TempDir dir;
  std::string text;
  constexpr int kRows = 100000;
  for (int i = 0; i < kRows; ++i) {
    absl::StrAppend(&text, "e", i % 40, "\tp\te", i % 50, "\t", 2000 + i % 20,
                    "\n");
  }
  WriteFile(dir.Sub("facts.tsv"), text);
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);

  std::vector<ImportProgress> calls;
  ImportOptions options;
  options.on_progress = [&calls](const ImportProgress& progress) {
    calls.push_back(progress);
  };
  ASSERT_OK(db->Import({dir.Sub("facts.tsv")}, options).status());

  // The phases in order, each repeat collapsed.
  std::vector<std::string> phases;
  for (const ImportProgress& call : calls) {
    if (phases.empty() || phases.back() != call.phase) {
      phases.push_back(call.phase);
    }
  }
  EXPECT_THAT(phases, ElementsAre("reading", "sorting", "writing"));
  uint64_t rows = 0;
  for (const ImportProgress& call : calls) {
    EXPECT_GE(call.rows_read, rows);
    EXPECT_EQ(call.bytes_total, text.size());
    EXPECT_LE(call.bytes_read, call.bytes_total);
    rows = call.rows_read;
  }
  const auto last_read =
      std::find_if(calls.rbegin(), calls.rend(), [](const ImportProgress& c) {
        return std::string_view(c.phase) == "reading";
      });
  ASSERT_NE(last_read, calls.rend());
  EXPECT_EQ(last_read->rows_read, static_cast<uint64_t>(kRows));
  EXPECT_EQ(last_read->bytes_read, text.size());
  EXPECT_EQ(last_read->EtaSeconds().value_or(-1), 0.0);
}

TEST(ImportTest, SnapshotTakenBeforeAnImportDoesNotSeeIt) {
  TempDir dir;
  WriteFile(dir.Sub("news.tsv"),
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "China\tvisited\tRussia\t2019\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);
  ASSERT_OK(CommitAll(*db, ParseRows({"Russia\trecognized\tIEA\t2025-07-03"}))
                .status());
  std::shared_ptr<const Snapshot> snapshot = db->GetSnapshot();
  ASSERT_OK(db->Import({dir.Sub("news.tsv")}, ImportOptions()).status());

  ScanOptions old_view;
  old_view.snapshot = snapshot;
  EXPECT_EQ(snapshot->tx(), 1u);
  EXPECT_THAT(SortedFacts(*db, {}, old_view),
              ElementsAre("Russia recognized IEA @ 2025-07-03"));
  Pattern pattern;
  pattern.subject = Term::Entity("Russia");
  EXPECT_THAT(SortedFacts(*db, pattern, old_view),
              ElementsAre("Russia recognized IEA @ 2025-07-03"));
  EXPECT_THAT(SortedFacts(*db, pattern),
              ElementsAre("Russia recognized IEA @ 2025-07-03",
                          "Russia signed Pakistan @ 2018-08-07"));
  EXPECT_THAT(SortedFacts(*db), ElementsAre("China visited Russia @ 2019",
                                            "Russia recognized IEA @ "
                                            "2025-07-03",
                                            "Russia signed Pakistan @ "
                                            "2018-08-07"));
  EXPECT_EQ(db->GetSnapshot()->tx(), 2u);
}

// The planner's predicate statistics are cached per transaction: every
// commit and import is seen by the next plan.
TEST(ImportTest, EstimatesFollowImportsAndCommits) {
  TempDir dir;
  WriteFile(dir.Sub("news.tsv"),
            "Russia\tsigned\tPakistan\t2018-08-07\n"
            "China\tsigned\tRussia\t2019\n"
            "India\tsigned\tRussia\t2020\n");
  std::unique_ptr<Database> db = OpenDatabase(dir.Sub("db"));
  ASSERT_NE(db, nullptr);
  const auto estimate = [&] {
    absl::StatusOr<QueryResult> result =
        db->Query("EXPLAIN FIND ?s, ?o WHERE ?s signed ?o;");
    if (!result.ok()) return std::string(result.status().message());
    const size_t scan = result->plan.find("IndexScan");
    return scan == std::string::npos ? result->plan : result->plan.substr(scan);
  };
  ASSERT_OK(db->Query("ADD Iran signed Iraq, Cuba signed Chile;").status());
  EXPECT_THAT(estimate(), HasSubstr("(estimated rows 2)"));
  ASSERT_OK(db->Import({dir.Sub("news.tsv")}, ImportOptions()).status());
  EXPECT_THAT(estimate(), HasSubstr("(estimated rows 5)"));
  ASSERT_OK(db->Query("RETRACT Iran signed Iraq;").status());
  EXPECT_THAT(estimate(), HasSubstr("(estimated rows 4)"));
}

}  // namespace
}  // namespace almanac
