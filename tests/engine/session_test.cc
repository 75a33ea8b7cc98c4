// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Sessions: a transaction opened by BEGIN stays open across calls to
// Session::Execute until COMMIT or ROLLBACK; an error or the session's end
// discards it.

#include <memory>
#include <string>
#include <vector>

#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/database_fixture.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;

class DatabaseSessionTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK(StatusOf(db_->Execute("ADD Putin visited Xi;")));
  }

  // The number of facts `who visited ?where`, read outside any session.
  int64_t Visits(const std::string& who) {
    absl::StatusOr<QueryResult> result =
        db_->Query("FIND count(*) WHERE `" + who + "` visited ?where;");
    return result.ok() ? result->rows[0][0].term.integer() : -1;
  }
};

TEST_F(DatabaseSessionTest, TransactionSpansCalls) {
  std::unique_ptr<Session> session = db_->NewSession();
  ASSERT_OK(StatusOf(session->Execute("BEGIN;")));
  EXPECT_TRUE(session->in_transaction());
  ASSERT_OK(StatusOf(session->Execute("ADD Xi visited Kazakhstan @ 2024-07;")));
  ASSERT_OK(StatusOf(session->Execute("ADD Xi visited Tajikistan @ 2024-07;")));
  EXPECT_EQ(Visits("Xi"), 0);  // Nothing is written before COMMIT.
  absl::StatusOr<std::vector<QueryResult>> commit = session->Execute("COMMIT;");
  ASSERT_OK(StatusOf(commit));
  EXPECT_EQ(commit->at(0).added, 2u);
  EXPECT_FALSE(session->in_transaction());
  EXPECT_EQ(Visits("Xi"), 2);
}

TEST_F(DatabaseSessionTest, RollbackDiscards) {
  std::unique_ptr<Session> session = db_->NewSession();
  ASSERT_OK(StatusOf(session->Execute("BEGIN; ADD Xi visited Russia;")));
  ASSERT_OK(StatusOf(session->Execute("ROLLBACK;")));
  EXPECT_FALSE(session->in_transaction());
  EXPECT_EQ(Visits("Xi"), 0);
}

TEST_F(DatabaseSessionTest, AFailingStatementLeavesTheTransactionAsItWas) {
  std::unique_ptr<Session> session = db_->NewSession();
  ASSERT_OK(StatusOf(session->Execute("BEGIN; ADD Xi visited Russia;")));
  // The second fact is refused, so the statement adds neither.
  absl::StatusOr<std::vector<QueryResult>> bad =
      session->Execute("ADD Xi visited India, \"Xi\" visited China;");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("must be an entity"));
  bad = session->Execute("FIND ?x WHERE Xii visited ?x;");
  ASSERT_FALSE(bad.ok());
  // Statements of a failing script before the error stay.
  bad = session->Execute("ADD Xi visited Kazakhstan; ADD \"Xi\" visited Laos;");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(session->in_transaction());
  absl::StatusOr<std::vector<QueryResult>> commit = session->Execute("COMMIT;");
  ASSERT_OK(StatusOf(commit));
  EXPECT_EQ(commit->at(0).added, 2u);  // Russia and Kazakhstan.
  EXPECT_EQ(Visits("Xi"), 2);
}

TEST_F(DatabaseSessionTest, EndingTheSessionDiscardsItsTransaction) {
  {
    std::unique_ptr<Session> session = db_->NewSession();
    ASSERT_OK(StatusOf(session->Execute("BEGIN; ADD Xi visited Russia;")));
  }
  EXPECT_EQ(Visits("Xi"), 0);
  // Each session has its own transaction.
  std::unique_ptr<Session> first = db_->NewSession();
  std::unique_ptr<Session> second = db_->NewSession();
  ASSERT_OK(StatusOf(first->Execute("BEGIN;")));
  EXPECT_FALSE(second->in_transaction());
  ASSERT_OK(StatusOf(second->Execute("ADD Xi visited China;")));
  EXPECT_EQ(Visits("Xi"), 1);
}

}  // namespace
}  // namespace almanac
