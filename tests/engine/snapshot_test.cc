// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Snapshots: a scan given a snapshot sees the database as it was when the
// snapshot was taken, and a scan never sees part of a transaction.

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Fact F(std::string_view subject, std::string_view predicate,
       std::string_view object, std::string_view time = "") {
  Fact fact;
  fact.subject = Term::Entity(std::string(subject));
  fact.predicate = Term::Entity(std::string(predicate));
  fact.object = *Term::ParseObjectField(object);
  fact.time = *ValidTime::Parse(time);
  return fact;
}

Pattern ByPredicate(std::string_view predicate) {
  Pattern pattern;
  pattern.predicate = Term::Entity(std::string(predicate));
  return pattern;
}

Pattern ByObject(std::string_view object) {
  Pattern pattern;
  pattern.object = *Term::ParseObjectField(object);
  return pattern;
}

Pattern During(Pattern pattern, std::string_view window) {
  pattern.time =
      TimeConstraint{TimeRelation::kDuring, ValidTime::Parse(window)->days()};
  return pattern;
}

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Options options;
    options.sync_commits = false;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), options);
    ASSERT_OK(StatusOf(db));
    db_ = std::move(*db);
  }

  void Add(const std::vector<Fact>& facts) {
    Transaction txn;
    for (const Fact& fact : facts) txn.Add(fact);
    ASSERT_OK(StatusOf(db_->Commit(txn)));
  }

  // The facts `pattern` matches as of `snapshot` (null: now), sorted.
  std::vector<std::string> Scan(
      const Pattern& pattern,
      std::shared_ptr<const Snapshot> snapshot = nullptr) {
    ScanOptions options;
    options.snapshot = std::move(snapshot);
    std::vector<std::string> facts;
    std::unique_ptr<FactIterator> it = db_->Scan(pattern, options);
    for (; it->Valid(); it->Next()) facts.push_back(it->fact().ToString());
    if (!it->status().ok()) facts.push_back("ERROR " + it->status().ToString());
    std::sort(facts.begin(), facts.end());
    return facts;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SnapshotTest, TxIsTheLastTransactionIncluded) {
  EXPECT_EQ(db_->GetSnapshot()->tx(), 0u);
  Add({F("A", "p", "B")});
  Add({F("A", "p", "C")});
  std::shared_ptr<const Snapshot> second = db_->GetSnapshot();
  EXPECT_EQ(second->tx(), 2u);
  Add({F("A", "p", "C")});  // Changes nothing: no transaction.
  EXPECT_EQ(db_->GetSnapshot()->tx(), 2u);
  Add({F("A", "p", "D")});
  EXPECT_EQ(db_->GetSnapshot()->tx(), 3u);
  EXPECT_EQ(second->tx(), 2u);
}

TEST_F(SnapshotTest, SeesOldFactsAfterLaterCommits) {
  Add({F("Russia", "member_of", "G8", "1997..2014"),
       F("China", "visited", "Russia", "2014-11-10"),
       F("China", "visited", "Russia", "2015")});
  std::shared_ptr<const Snapshot> before = db_->GetSnapshot();
  const std::vector<std::string> all_before = Scan(Pattern(), before);
  ASSERT_EQ(all_before.size(), 3u);

  Add({F("China", "visited", "Russia", "2016"), F("A", "p", "B")});
  Transaction txn;
  txn.Retract(F("China", "visited", "Russia", "2015"));
  txn.Retract(F("Russia", "member_of", "G8", "1997..2014"));
  ASSERT_OK(StatusOf(db_->Commit(txn)));

  EXPECT_EQ(Scan(Pattern(), before), all_before);
  EXPECT_THAT(Scan(ByPredicate("visited"), before),
              ElementsAre("China visited Russia @ 2014-11-10",
                          "China visited Russia @ 2015"));
  EXPECT_THAT(Scan(During(ByObject("Russia"), "2015..2016"), before),
              ElementsAre("China visited Russia @ 2015"));
  EXPECT_THAT(Scan(During(ByPredicate("member_of"), "1990..2020"), before),
              ElementsAre("Russia member_of G8 @ 1997..2014"));
  // A term first stored after the snapshot is unknown to it.
  EXPECT_THAT(Scan(ByPredicate("p"), before), IsEmpty());
  EXPECT_EQ(before->tx(), 1u);

  // Without the snapshot, the scan sees the latest commit.
  EXPECT_THAT(Scan(ByPredicate("visited")),
              ElementsAre("China visited Russia @ 2014-11-10",
                          "China visited Russia @ 2016"));
  EXPECT_THAT(Scan(ByPredicate("member_of")), IsEmpty());
  EXPECT_THAT(Scan(ByPredicate("p")), ElementsAre("A p B"));
}

TEST_F(SnapshotTest, SeesOldFactsAfterAnImport) {
  Add({F("A", "p", "B", "2014")});
  std::shared_ptr<const Snapshot> before = db_->GetSnapshot();
  const std::string path = dir_.Sub("facts.tsv");
  WriteFile(path,
            "A\tp\tC\t2015\n"
            "D\tp\tB\t2016-03\tsome source\n"
            "A\tp\tB\t2014\n");
  ImportOptions options;
  options.sort_buffer_facts = 2;  // Spill sorted runs too.
  absl::StatusOr<ImportResult> result = db_->Import({path}, options);
  ASSERT_OK(StatusOf(result));
  EXPECT_EQ(result->added, 2u);

  EXPECT_THAT(Scan(Pattern(), before), ElementsAre("A p B @ 2014"));
  EXPECT_THAT(Scan(ByPredicate("p"), before), ElementsAre("A p B @ 2014"));
  EXPECT_THAT(Scan(During(ByPredicate("p"), "2010..2020"), before),
              ElementsAre("A p B @ 2014"));
  EXPECT_THAT(Scan(During(ByObject("B"), "2010..2020"), before),
              ElementsAre("A p B @ 2014"));
  EXPECT_EQ(before->tx(), 1u);

  std::shared_ptr<const Snapshot> after = db_->GetSnapshot();
  EXPECT_EQ(after->tx(), 2u);
  EXPECT_THAT(Scan(ByPredicate("p"), after),
              ElementsAre("A p B @ 2014", "A p C @ 2015",
                          "D p B @ 2016-03 SOURCE \"some source\""));
  EXPECT_THAT(Scan(ByPredicate("p"), before), ElementsAre("A p B @ 2014"));
}

// The writer's schedule: transaction t retracts kFactsPerTx facts when t is a
// multiple of 4, and otherwise adds kFactsPerTx (by import when t is a
// multiple of 5).
constexpr int kFactsPerTx = 5;
constexpr int kTransactions = 24;

bool IsRetraction(uint64_t tx) { return tx % 4 == 0; }

// The facts present after transaction `tx` of the schedule.
uint64_t FactsAfter(uint64_t tx) {
  int64_t facts = 0;
  for (uint64_t t = 1; t <= tx; ++t) {
    facts += IsRetraction(t) ? -kFactsPerTx : kFactsPerTx;
  }
  return static_cast<uint64_t>(facts);
}

TEST_F(SnapshotTest, ReadersNeverSeePartOfATransaction) {
  std::atomic<bool> writer_done{false};
  const auto write_all = [&] {
    std::vector<Fact> present;
    int next = 0;
    for (uint64_t t = 1; t <= kTransactions; ++t) {
      if (IsRetraction(t)) {
        Transaction txn;
        for (int i = 0; i < kFactsPerTx; ++i) txn.Retract(present[i]);
        present.erase(present.begin(), present.begin() + kFactsPerTx);
        ASSERT_OK(StatusOf(db_->Commit(txn)));
        continue;
      }
      std::vector<Fact> facts;
      std::string tsv;
      for (int i = 0; i < kFactsPerTx; ++i, ++next) {
        const std::string day =
            Date::FromDayNumber(16071 + next).ToString();  // From 2014-01-01.
        facts.push_back(F(absl::StrCat("s", next), "p", "o", day));
        absl::StrAppend(&tsv, "s", next, "\tp\to\t", day, "\n");
      }
      if (t % 5 == 0) {
        const std::string path = dir_.Sub("tx" + std::to_string(t) + ".tsv");
        WriteFile(path, tsv);
        ASSERT_OK(StatusOf(db_->Import({path}, ImportOptions())));
      } else {
        Transaction txn;
        for (const Fact& fact : facts) txn.Add(fact);
        ASSERT_OK(StatusOf(db_->Commit(txn)));
      }
      present.insert(present.end(), facts.begin(), facts.end());
    }
  };
  std::thread writer([&] {
    write_all();
    writer_done = true;
  });

  // Scans every index the patterns can select, all from one snapshot.
  const std::vector<Pattern> patterns = {Pattern(), ByPredicate("p"),
                                         ByObject("o"),
                                         During(ByPredicate("p"), "2000..2030"),
                                         During(ByObject("o"), "2000..2030")};
  const auto check_once = [&] {
    std::shared_ptr<const Snapshot> snapshot = db_->GetSnapshot();
    const uint64_t expected = FactsAfter(snapshot->tx());
    for (const Pattern& pattern : patterns) {
      const size_t seen = Scan(pattern, snapshot).size();
      ASSERT_EQ(seen % kFactsPerTx, 0u) << "at tx " << snapshot->tx();
      ASSERT_EQ(seen, expected) << "at tx " << snapshot->tx();
    }
    absl::StatusOr<Statistics> stats = db_->GetStatistics();
    ASSERT_OK(StatusOf(stats));
    ASSERT_EQ(stats->facts, FactsAfter(stats->last_tx));
  };
  std::thread reader([&] {
    for (int i = 0; i < 100000 && !writer_done; ++i) {
      check_once();
      if (::testing::Test::HasFatalFailure()) return;
    }
  });
  writer.join();
  reader.join();
  check_once();
  EXPECT_EQ(db_->GetSnapshot()->tx(), static_cast<uint64_t>(kTransactions));
  EXPECT_EQ(Scan(ByPredicate("p")).size(), FactsAfter(kTransactions));
}

}  // namespace
}  // namespace almanac
