// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A grouped query over one large pattern reads its scan in slices, on
// threads of their own, and merges their groups: the same rows, in the same
// order, as on one thread. (The differential test also runs every random
// query split into three slices, however small.)

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "almanac/date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ParallelAggregateTest : public ::testing::Test {
 protected:
  // 60,000 facts: 6,000 subjects with 10 each, 12 predicates with 5,000
  // each; `score` has integer objects, the others entities; one fact in
  // ten has no time, the others' years grow with the subjects (so the
  // latest is only in the last slice). Written once for all the tests, which
  // only read them (a test that writes works on a copy).
  static void SetUpTestSuite() {
    data_ = new TempDir();
    std::unique_ptr<Database> db = Open(data_->Sub("db"), 1);
    ASSERT_NE(db, nullptr);
    // Imported, as large data is: into files, not memtables.
    std::string tsv;
    for (int i = 0; i < kFacts; ++i) {
      const int predicate = i % 12;
      std::string time = i % 10 == 0 ? ""
                                     : absl::StrCat(2000 + i / 2400, "-0",
                                                    1 + i % 9, "-1", i % 10);
      // The last 120 facts, in the last slice, share the latest days in two
      // forms, alternating within each predicate: min and max must keep
      // the first one read, as on one thread.
      if (i >= kFacts - 120 && !time.empty()) {
        time = (i / 12) % 2 == 0 ? "2030" : "2030-01-01..2030-12-31";
      }
      if (predicate == 0) {
        absl::StrAppend(&tsv, "E", i / 10, "\tscore\t", i % 97, "\t", time,
                        "\n");
      } else {
        absl::StrAppend(&tsv, "E", i / 10, "\tp", predicate, "\tO", i % 500,
                        "\t", time, "\n");
      }
    }
    WriteFile(data_->Sub("facts.tsv"), tsv);
    absl::StatusOr<ImportResult> imported =
        db->Import({data_->Sub("facts.tsv")}, ImportOptions());
    ASSERT_OK(StatusOf(imported));
    ASSERT_EQ(imported->added, static_cast<uint64_t>(kFacts));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }

  // The database at `path`, allowed `threads` per query.
  static std::unique_ptr<Database> Open(const std::string& path, int threads) {
    Options options;
    options.query_threads = threads;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(path, options);
    EXPECT_OK(StatusOf(db));
    return db.ok() ? *std::move(db) : nullptr;
  }
  static std::unique_ptr<Database> Open(int threads) {
    return Open(data_->Sub("db"), threads);
  }

  static std::vector<std::string> Rows(Database& db, const std::string& find) {
    absl::StatusOr<QueryResult> result = db.Query(find);
    if (!result.ok()) return {std::string(result.status().message())};
    std::vector<std::string> rows;
    for (ResultRows::Row row : result->rows) {
      rows.push_back(
          absl::StrJoin(row, " | ", [](std::string* out, const Cell& cell) {
            out->append(cell.ToString());
          }));
    }
    return rows;
  }

  static std::string Plan(Database& db, const std::string& find) {
    absl::StatusOr<QueryResult> result = db.Query("EXPLAIN " + find);
    return result.ok() ? result->plan : std::string(result.status().message());
  }

  static constexpr int kFacts = 60'000;
  static TempDir* data_;
};

TempDir* ParallelAggregateTest::data_ = nullptr;

const char* const kQueries[] = {
    "FIND ?p, count(*) AS n WHERE ?s ?p ?o GROUP BY ?p",
    "FIND ?p, year(?t), count(*) WHERE ?s ?p ?o @ ?t GROUP BY ?p, year(?t)",
    "FIND ?p, count(DISTINCT ?o), count(DISTINCT ?s) WHERE ?s ?p ?o "
    "GROUP BY ?p",
    "FIND ?p, min(?o), max(?o), min(?t), max(?t) WHERE ?s ?p ?o @ ?t "
    "GROUP BY ?p",
    "FIND ?p, max(DISTINCT ?t), min(DISTINCT ?o), count(DISTINCT ?t) "
    "WHERE ?s ?p ?o @ ?t GROUP BY ?p",
    "FIND sum(?o), avg(?o), count(?o), sum(DISTINCT ?o), avg(DISTINCT ?o) "
    "WHERE ?s score ?o",
    "FIND ?s, sum(?o) WHERE ?s ?p ?o GROUP BY ?s ORDER BY ?s LIMIT 5",
    "FIND ?o, count(*) WHERE ?s ?p ?o @ ?t FILTER ?t AFTER 2020 "
    "GROUP BY ?o ORDER BY count(*) DESC, ?o LIMIT 7",
    "FIND count(*) WHERE ?s ?p ?o",
    "FIND count(*), min(?t) WHERE ?s ?p ?o @ ?t FILTER ?t BEFORE 1900",
    "FIND ?p, count(*) WHERE ?s ?p ?o @ ?t FILTER ?t DURING 2004 "
    "GROUP BY ?p",
};

TEST_F(ParallelAggregateTest, SlicesGiveTheRowsOfOneThreadInTheSameOrder) {
  std::vector<std::vector<std::string>> serial;
  {
    std::unique_ptr<Database> db = Open(1);
    ASSERT_NE(db, nullptr);
    for (const char* query : kQueries) {
      EXPECT_THAT(Plan(*db, query), Not(HasSubstr("Parallel"))) << query;
      serial.push_back(Rows(*db, query));
    }
  }
  std::unique_ptr<Database> db = Open(3);
  ASSERT_NE(db, nullptr);
  for (size_t i = 0; i < std::size(kQueries); ++i) {
    SCOPED_TRACE(kQueries[i]);
    ASSERT_FALSE(serial[i].empty());
    EXPECT_EQ(Rows(*db, kQueries[i]), serial[i]);
  }
  // The queries over all facts ran in parallel; the one over `score` (a
  // twelfth of them) did not.
  EXPECT_THAT(Plan(*db, kQueries[0]),
              HasSubstr("ParallelAggregate 1 keys: count(*) (3 threads)"));
  EXPECT_THAT(Plan(*db, kQueries[5]), Not(HasSubstr("Parallel")));
  EXPECT_EQ(serial[8], std::vector<std::string>{"60000"});
  EXPECT_EQ(serial[9], std::vector<std::string>{"0 | "});
}

TEST_F(ParallelAggregateTest, EachThreadReadsASliceOfTheScan) {
  std::unique_ptr<Database> db = Open(2);
  ASSERT_NE(db, nullptr);
  absl::StatusOr<QueryResult> analyzed =
      db->Query("EXPLAIN ANALYZE FIND count(*) WHERE ?s ?p ?o");
  ASSERT_OK(StatusOf(analyzed));
  // Two scans of spo, each with its own share of the facts.
  int64_t total = 0;
  int scans = 0;
  for (absl::string_view line : absl::StrSplit(analyzed->plan, '\n')) {
    if (!absl::StrContains(line, "IndexScan spo")) continue;
    ++scans;
    const size_t at = line.find("actual rows ");
    ASSERT_NE(at, absl::string_view::npos) << line;
    const int64_t rows = std::stoll(std::string(line.substr(at + 12)));
    EXPECT_GT(rows, kFacts / 5) << line;
    total += rows;
  }
  EXPECT_EQ(scans, 2) << analyzed->plan;
  EXPECT_EQ(total, kFacts);
  EXPECT_EQ(analyzed->rows[0][0].ToString(), "60000");
}

TEST_F(ParallelAggregateTest, APreparedQuerySplitsItsScanAgainEachRun) {
  TempDir copy;
  std::filesystem::copy(data_->Sub("db"), copy.Sub("db"),
                        std::filesystem::copy_options::recursive);
  std::unique_ptr<Database> db = Open(copy.Sub("db"), 2);
  ASSERT_NE(db, nullptr);
  absl::StatusOr<std::unique_ptr<PreparedStatement>> prepared =
      db->Prepare("FIND ?p, count(*) WHERE ?s ?p ?o GROUP BY ?p");
  ASSERT_OK(StatusOf(prepared));
  const auto run = [&] {
    absl::StatusOr<QueryResult> result = (*prepared)->Execute();
    EXPECT_OK(StatusOf(result));
    std::vector<std::string> rows;
    if (!result.ok()) return rows;
    for (ResultRows::Row row : result->rows) {
      rows.push_back(row[0].ToString() + " " + row[1].ToString());
    }
    return rows;
  };
  const std::vector<std::string> first = run();
  ASSERT_EQ(first.size(), 12u);
  EXPECT_EQ(first[0], "score 5000");
  EXPECT_EQ(run(), first);
  // Facts added between runs are read: the slices are those of this run.
  Transaction txn;
  for (int i = 0; i < 300; ++i) {
    txn.Add(Fact{Term::Entity(absl::StrCat("New", i)), Term::Entity("p5"),
                 Term::Entity("O1"), ValidTime(), ""});
  }
  ASSERT_OK(StatusOf(db->Commit(txn)));
  std::vector<std::string> expected = first;
  for (std::string& row : expected) {
    if (row == "p5 5000") row = "p5 5300";
  }
  EXPECT_NE(expected, first);
  EXPECT_EQ(run(), expected);
}

}  // namespace
}  // namespace almanac
