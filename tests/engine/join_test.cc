// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// How patterns are joined: by index nested loop when few rows come in, by
// hash when many input rows would each need a scan, by merge when both
// sides come in order of the variable they share. Which one is chosen as
// the query runs (an AdaptiveJoin), and EXPLAIN ANALYZE says which ran.
// (That all give the same rows is checked by the differential test with
// each forced.)

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/database_fixture.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class JoinTest : public DatabaseTest {
 protected:
  // 300 nodes in a chain `N<i> linked N<i+1>`, each `tagged` one of 5 tags.
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    Transaction txn;
    for (int i = 0; i < kNodes; ++i) {
      txn.Add(
          Fact{Node(i), Term::Entity("linked"), Node(i + 1), ValidTime(), ""});
      txn.Add(Fact{Node(i), Term::Entity("tagged"),
                   Term::Entity(absl::StrCat("T", i % 5)), ValidTime(), ""});
    }
    ASSERT_OK(StatusOf(db_->Commit(txn)));
  }

  static Term Node(int i) { return Term::Entity(absl::StrCat("N", i)); }

  // The plan after a run.
  std::string Plan(const std::string& find) {
    absl::StatusOr<QueryResult> result = db_->Query("EXPLAIN ANALYZE " + find);
    return result.ok() ? result->plan : std::string(result.status().message());
  }

  int64_t Count(const std::string& find) {
    absl::StatusOr<QueryResult> result = db_->Query(find);
    if (!result.ok() || result->rows.size() != 1) return -1;
    return result->rows[0][0].term.integer();
  }

  static constexpr int kNodes = 300;
};

TEST_F(JoinTest, ManyToManyJoinsAreHashJoins) {
  const std::string two_hops =
      "FIND count(*) WHERE ?a linked ?b . ?b tagged ?t;";
  EXPECT_THAT(Plan(two_hops), HasSubstr("ran HashJoin"));
  // N299 links to N300, which has no tag: 299 two-hop rows.
  EXPECT_EQ(Count(two_hops), kNodes - 1);

  // Both scans of `tagged` (pos) come in order of the tag: a merge join
  // reads each once, side by side, instead of building a table.
  const std::string same_tag =
      "FIND count(*) WHERE ?a tagged ?t . ?b tagged ?t;";
  EXPECT_THAT(Plan(same_tag), HasSubstr("or MergeJoin on ?t"));
  EXPECT_THAT(Plan(same_tag), HasSubstr("ran MergeJoin"));
  EXPECT_EQ(Count(same_tag), 5 * (kNodes / 5) * (kNodes / 5));
}

TEST_F(JoinTest, ScansInOrderOfTheirSharedVariableMerge) {
  Transaction txn;
  for (int i = 0; i < kNodes; ++i) {
    txn.Add(Fact{Node(i), Term::Entity("color"),
                 Term::Entity(absl::StrCat("C", i % 2)), ValidTime(), ""});
    txn.Add(Fact{Node(i), Term::Entity("size"),
                 Term::Entity(absl::StrCat("S", i % 3)), ValidTime(), ""});
    txn.Add(Fact{Node(i), Term::Entity("seen"),
                 Term::Entity(absl::StrCat("S", i % 3)),
                 *ValidTime::Parse("2020-01-01"), ""});
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  // pos with the object bound ascends by subject on both sides; 150 rows
  // on each would otherwise be a hash join.
  const std::string star = "FIND count(*) WHERE ?a color C0 . ?a size S0;";
  EXPECT_THAT(Plan(star), HasSubstr("ran MergeJoin"));
  EXPECT_EQ(Count(star), kNodes / 6);

  // A time written in the first pattern makes its scan read
  // predicate_time, in time order: not in order of ?s.
  const std::string dated =
      "FIND count(*) WHERE ?a seen ?s @ 2020-01-01 . ?b size ?s;";
  EXPECT_THAT(Plan(dated), HasSubstr("IndexScan predicate_time"));
  EXPECT_THAT(Plan(dated), Not(HasSubstr("MergeJoin")));
  EXPECT_EQ(Count(dated), 3 * (kNodes / 3) * (kNodes / 3));

  // The first scan ascends by ?b, the second by ?t: no order to merge on.
  EXPECT_THAT(Plan("FIND count(*) WHERE ?a linked ?b . ?b tagged ?t;"),
              Not(HasSubstr("MergeJoin")));
  // Inside OPTIONAL the rows come per outer row: never merged.
  EXPECT_THAT(Plan("FIND count(*) WHERE ?x tagged T1 . "
                   "OPTIONAL { ?a tagged ?t . ?b tagged ?t };"),
              Not(HasSubstr("MergeJoin")));
}

TEST_F(JoinTest, SelectiveJoinsSeekPerRow) {
  const std::string from_one =
      "FIND count(*) WHERE N7 linked ?b . ?b tagged ?t;";
  EXPECT_THAT(Plan(from_one), HasSubstr("ran IndexJoin"));
  EXPECT_EQ(Count(from_one), 1);
}

TEST_F(JoinTest, AJoinCountsTheRowsThatComeInBeforeChoosing) {
  // 200 nodes like Popular, 20 like Niche, and each node one other thing
  // of its own: 520 `likes` facts on 302 objects. The statistics alone
  // guess 2 facts for any one object.
  constexpr int kFans = 200;
  constexpr int kNicheFans = 20;
  Transaction txn;
  for (int i = 0; i < kNodes; ++i) {
    if (i < kFans) {
      txn.Add(Fact{Node(i), Term::Entity("likes"), Term::Entity("Popular"),
                   ValidTime(), ""});
    }
    if (i < kNicheFans) {
      txn.Add(Fact{Node(i), Term::Entity("likes"), Term::Entity("Niche"),
                   ValidTime(), ""});
    }
    txn.Add(Fact{Node(i), Term::Entity("likes"),
                 Term::Entity(absl::StrCat("O", i)), ValidTime(), ""});
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));

  // Over 64 seeks cost more than reading the 300 `linked` facts once.
  const std::string popular =
      "FIND count(*) WHERE ?x likes Popular . ?x linked ?y;";
  EXPECT_THAT(Plan(popular),
              HasSubstr("IndexJoin spo ?x linked ?y, or HashJoin on ?x from "
                        "64 rows; ran HashJoin  (estimated rows 2)  (actual "
                        "rows 200"));
  EXPECT_THAT(Plan(popular),
              HasSubstr("IndexScan pos ?x likes Popular  (estimated rows 2)  "
                        "(actual rows 200"));
  EXPECT_EQ(Count(popular), kFans);

  const std::string niche =
      "FIND count(*) WHERE ?x likes Niche . ?x linked ?y;";
  EXPECT_THAT(Plan(niche), HasSubstr("ran IndexJoin"));
  // The hash join's scan never ran.
  EXPECT_THAT(Plan(niche),
              HasSubstr("IndexScan pos ?x linked ?y  (estimated rows 300)  "
                        "(actual rows 0"));
  EXPECT_EQ(Count(niche), kNicheFans);

  // The prepared form chooses again on each run.
  std::unique_ptr<PreparedStatement> prepared =
      *db_->Prepare("FIND count(*) WHERE ?x likes $o . ?x linked ?y;");
  for (const auto& [object, count] : {std::pair{"Popular", kFans},
                                      {"Niche", kNicheFans},
                                      {"O5", 1},
                                      {"Popular", kFans}}) {
    SCOPED_TRACE(object);
    absl::StatusOr<QueryResult> result =
        prepared->Execute({{"o", Term::Entity(object)}});
    ASSERT_OK(StatusOf(result));
    ASSERT_EQ(result->rows.size(), 1u);
    EXPECT_EQ(result->rows[0][0].term.integer(), count);
  }
}

TEST_F(JoinTest, InsideABranchEachOuterRowChoosesAgain) {
  // Big tags 100 nodes, T0 60 (every fifth). For each tag the OPTIONAL
  // joins its nodes to `linked`: by hash for Big (from 64 rows), by index
  // for T0, one after the other in the same run.
  Transaction txn;
  for (int i = 0; i < 100; ++i) {
    txn.Add(Fact{Node(i), Term::Entity("tagged"), Term::Entity("Big"),
                 ValidTime(), ""});
  }
  for (const char* tag : {"Big", "T0"}) {
    txn.Add(Fact{Term::Entity(tag), Term::Entity("is"), Term::Entity("tag"),
                 ValidTime(), ""});
  }
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  const std::string query =
      "FIND count(?b) WHERE ?tag is tag "
      "OPTIONAL { ?a tagged ?tag . ?a linked ?b };";
  EXPECT_THAT(Plan(query), HasSubstr("or HashJoin on ?a from 64 rows; ran "
                                     "IndexJoin once, HashJoin once"));
  EXPECT_EQ(Count(query), 100 + kNodes / 5);
}

TEST_F(JoinTest, PatternsWithAConstantAreMeasuredOnDisk) {
  // Imported, as large data is: into files, whose sizes the planner reads.
  // 5,000 articles mention Popular, 5 mention Rare, each mentions a thing
  // of its own too; Smith wrote 100. The statistics alone guess 2 facts
  // for anything mentioned.
  std::string tsv;
  for (int i = 0; i < 5000; ++i) {
    absl::StrAppend(&tsv, "A", i, "\tmentions\tPopular\t2020\n");
    absl::StrAppend(&tsv, "A", i, "\tmentions\tO", i, "\t2020\n");
    if (i % 7 == 0 && i < 35) {
      absl::StrAppend(&tsv, "A", i, "\tmentions\tRare\t2020\n");
    }
    if (i < 100) absl::StrAppend(&tsv, "A", i, "\tauthor\tSmith\t2020\n");
  }
  WriteFile(dir_.Sub("articles.tsv"), tsv);
  ASSERT_OK(StatusOf(db_->Import({dir_.Sub("articles.tsv")}, ImportOptions())));

  // The join starts from Rare, whichever is written first.
  for (const std::string query :
       {"FIND count(*) WHERE ?a mentions Popular . ?a mentions Rare;",
        "FIND count(*) WHERE ?a mentions Rare . ?a mentions Popular;"}) {
    SCOPED_TRACE(query);
    EXPECT_THAT(Plan(query), HasSubstr("├─ IndexScan pos ?a mentions Rare"));
    EXPECT_EQ(Count(query), 5);
  }

  // Smith's 100 articles are more than 64, but far fewer than a 16th of
  // Popular's facts: 100 seeks cost less than holding 5,000 facts.
  const std::string smith =
      "FIND count(*) WHERE ?a author Smith . ?a mentions Popular;";
  EXPECT_THAT(Plan(smith), HasSubstr("ran IndexJoin"));
  EXPECT_EQ(Count(smith), 100);
}

TEST_F(JoinTest, AValueLeftUnboundByOptionalJoinsWithEveryRow) {
  // N300 has no tag, so its ?t stays unbound and, as in an index join,
  // `?x tagged ?t` then matches all 300 tagged facts; every other ?b has a
  // tag shared by 60 nodes.
  const std::string query =
      "FIND count(*) WHERE ?a linked ?b OPTIONAL { ?b tagged ?t } . "
      "?x tagged ?t;";
  EXPECT_THAT(Plan(query), HasSubstr("ran HashJoin"));
  EXPECT_EQ(Count(query), (kNodes - 1) * (kNodes / 5) + kNodes);
}

}  // namespace
}  // namespace almanac
