// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Query cursors (rows streamed from one snapshot), Database::Interrupt and
// Database::NamesWithPrefix.

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/database_fixture.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class CursorTest : public DatabaseTest {
 protected:
  void Run(std::string_view script) {
    ASSERT_OK(StatusOf(db_->Execute(script)));
  }

  // Adds `count` facts `N<i> linked N<i+1>`.
  void AddChain(int count) {
    Transaction txn;
    for (int i = 0; i < count; ++i) {
      txn.Add(Fact{Term::Entity(absl::StrCat("N", i)), Term::Entity("linked"),
                   Term::Entity(absl::StrCat("N", i + 1)), ValidTime(), ""});
    }
    ASSERT_OK(StatusOf(db_->Commit(txn)));
  }

  // Reads the rest of `cursor`, each row "cell | cell".
  static std::vector<std::string> Drain(QueryCursor& cursor) {
    std::vector<std::string> lines;
    std::vector<Cell> row;
    while (true) {
      absl::StatusOr<bool> more = cursor.Next(&row);
      if (!more.ok()) {
        lines.push_back(std::string(more.status().message()));
        break;
      }
      if (!*more) break;
      std::string line;
      for (size_t i = 0; i < row.size(); ++i) {
        absl::StrAppend(&line, i > 0 ? " | " : "", row[i].ToString());
      }
      lines.push_back(line);
    }
    return lines;
  }
};

// A cursor fills the caller's row in place, row after row; a cell that
// held a time and then a term, or a term and then a time, must equal the
// cell of a fresh result.
TEST_F(CursorTest, ACellReusedForAnotherKindEqualsAFreshOne) {
  Run("ADD a p b @ 2020-01-02, a q c, a r 5;");
  for (const char* query :
       {"FIND ?v, ?w WHERE { a p ?v @ ?w } UNION { a q ?w } ORDER BY ?v DESC;",
        "FIND ?v, ?w WHERE { a q ?w } UNION { a p ?v @ ?w } ORDER BY ?v;",
        // An integer, not an entity, before the time.
        "FIND ?v, ?w WHERE { a r ?w } UNION { a p ?v @ ?w } ORDER BY ?v;"}) {
    SCOPED_TRACE(query);
    absl::StatusOr<QueryResult> fresh = db_->Query(query);
    ASSERT_OK(StatusOf(fresh));
    ASSERT_EQ(fresh->rows.size(), 2u);
    absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
        db_->OpenCursor(query);
    ASSERT_OK(StatusOf(cursor));
    std::vector<Cell> row;
    for (ResultRows::Row expected : fresh->rows) {
      ASSERT_TRUE(*(*cursor)->Next(&row));
      EXPECT_EQ(row, std::vector<Cell>(expected.begin(), expected.end()));
    }
    EXPECT_FALSE(*(*cursor)->Next(&row));
  }
  // The rows themselves: the time column holds a time, then a term.
  absl::StatusOr<std::unique_ptr<QueryCursor>> cursor = db_->OpenCursor(
      "FIND ?v, ?w WHERE { a q ?w } UNION { a p ?v @ ?w } ORDER BY ?v;");
  ASSERT_OK(StatusOf(cursor));
  EXPECT_THAT(Drain(**cursor), ElementsAre(" | c", "b | 2020-01-02"));
}

TEST_F(CursorTest, YieldsTheRowsOfItsSnapshot) {
  Run("ADD A met B @ 2020, A met C @ 2021, A met D @ 2022;");
  absl::StatusOr<std::unique_ptr<QueryCursor>> cursor = db_->OpenCursor(
      "FIND ?who, ?when WHERE A met ?who @ ?when ORDER BY ?when;");
  ASSERT_OK(StatusOf(cursor));
  EXPECT_THAT((*cursor)->columns(), ElementsAre("who", "when"));
  std::vector<Cell> row;
  ASSERT_TRUE(*(*cursor)->Next(&row));
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(row[0].ToString(), "B");
  // Later writes are not seen by the open cursor.
  Run("ADD A met E @ 2019; RETRACT A met D @ 2022;");
  EXPECT_THAT(Drain(**cursor), ElementsAre("C | 2021", "D | 2022"));
  // A new cursor sees them.
  cursor = db_->OpenCursor("FIND ?who WHERE A met ?who ORDER BY ?who;");
  ASSERT_OK(StatusOf(cursor));
  EXPECT_THAT(Drain(**cursor), ElementsAre("B", "C", "E"));
}

TEST_F(CursorTest, ReadsOnlyFindStatements) {
  Run("ADD A met B;");
  for (const char* statement :
       {"ADD A met C;", "EXPLAIN FIND ?x WHERE A met ?x;", "BEGIN;"}) {
    absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
        db_->OpenCursor(statement);
    ASSERT_FALSE(cursor.ok()) << statement;
    EXPECT_THAT(cursor.status().message(), HasSubstr("FIND")) << statement;
  }
  // The ADD above was refused, not run.
  absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
      db_->OpenCursor("FIND ?x WHERE A met ?x;");
  ASSERT_OK(StatusOf(cursor));
  EXPECT_THAT(Drain(**cursor), ElementsAre("B"));
  // Errors are those of Query: line, column and caret.
  cursor = db_->OpenCursor("FIND ?x WHERE A mett ?x;");
  ASSERT_FALSE(cursor.ok());
  EXPECT_THAT(cursor.status().message(), HasSubstr("did you mean met?"));
}

TEST_F(CursorTest, PreparedStatementsOpenCursorsWithParameters) {
  Run("ADD A met B, C met D;");
  absl::StatusOr<std::unique_ptr<PreparedStatement>> prepared =
      db_->Prepare("FIND ?x WHERE $who met ?x;");
  ASSERT_OK(StatusOf(prepared));
  for (const auto& [who, expected] :
       std::vector<std::pair<std::string, std::string>>{{"A", "B"},
                                                        {"C", "D"}}) {
    absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
        (*prepared)->OpenCursor({{"who", Term::Entity(who)}});
    ASSERT_OK(StatusOf(cursor));
    EXPECT_THAT(Drain(**cursor), ElementsAre(expected));
  }
}

TEST_F(CursorTest, InterruptCancelsOpenCursorsButNotLaterOnes) {
  // 100 rows on each side: a hash join, whose rows for one input row come
  // without a scan step in between.
  AddChain(100);
  const char* kCrossJoin = "FIND ?a, ?c WHERE ?a linked ?b . ?c linked ?d;";
  absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
      db_->OpenCursor(kCrossJoin);
  ASSERT_OK(StatusOf(cursor));
  std::vector<Cell> row;
  ASSERT_TRUE(*(*cursor)->Next(&row));
  db_->Interrupt();
  absl::StatusOr<bool> next = (*cursor)->Next(&row);
  ASSERT_FALSE(next.ok());
  EXPECT_TRUE(absl::IsCancelled(next.status())) << next.status();
  // A statement started after the interrupt runs to the end.
  absl::StatusOr<QueryResult> count =
      db_->Query("FIND count(*) WHERE ?a linked ?b . ?c linked ?d;");
  ASSERT_OK(StatusOf(count));
  EXPECT_EQ(count->rows[0][0].ToString(), "10000");
}

TEST_F(CursorTest, InterruptFromAnotherThreadStopsARunningQuery) {
  AddChain(2000);  // The cross join below has 4,000,000 rows to count.
  std::atomic<bool> done = false;
  std::thread interrupter([&] {
    while (!done.load()) {
      db_->Interrupt();
      std::this_thread::yield();
    }
  });
  absl::StatusOr<QueryResult> count =
      db_->Query("FIND count(*) WHERE ?a linked ?b . ?c linked ?d;");
  done = true;
  interrupter.join();
  ASSERT_FALSE(count.ok());
  EXPECT_TRUE(absl::IsCancelled(count.status())) << count.status();
}

TEST_F(CursorTest, NamesWithPrefixListsEntitiesInByteOrder) {
  Run("ADD Russia recognized IEA, `Russian Navy` part_of Russia, "
      "Rwanda borders Uganda, Russia signed \"Russia-China roadmap\";");
  absl::StatusOr<std::vector<std::string>> names =
      db_->NamesWithPrefix("Ru", 10);
  ASSERT_OK(StatusOf(names));
  // Strings are not entities: the roadmap is not listed.
  EXPECT_THAT(*names, ElementsAre("Russia", "Russian Navy"));
  names = db_->NamesWithPrefix("R", 2);
  ASSERT_OK(StatusOf(names));
  EXPECT_THAT(*names, ElementsAre("Russia", "Russian Navy"));
  names = db_->NamesWithPrefix("re", 10);
  ASSERT_OK(StatusOf(names));
  EXPECT_THAT(*names, ElementsAre("recognized"));
  names = db_->NamesWithPrefix("Zz", 10);
  ASSERT_OK(StatusOf(names));
  EXPECT_THAT(*names, IsEmpty());
}

}  // namespace
}  // namespace almanac
