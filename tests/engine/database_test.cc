// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Database through its public API: commits, scans, retractions, transaction
// records, persistence, statistics and time constraints.

#include "almanac/database.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// A fact with entity subject and predicate; the object and time are written
// as an import file writes them ("10000" an integer, "\"text\"" a string,
// "2014-03" a date, anything else an entity).
Fact F(std::string_view subject, std::string_view predicate,
       std::string_view object, std::string_view time = "",
       std::string_view source = "") {
  Fact fact;
  fact.subject = Term::Entity(std::string(subject));
  fact.predicate = Term::Entity(std::string(predicate));
  absl::StatusOr<Term> parsed = Term::ParseObjectField(object);
  EXPECT_TRUE(parsed.ok()) << object << ": " << parsed.status();
  if (parsed.ok()) fact.object = *parsed;
  absl::StatusOr<ValidTime> parsed_time = ValidTime::Parse(time);
  EXPECT_TRUE(parsed_time.ok()) << time << ": " << parsed_time.status();
  if (parsed_time.ok()) fact.time = *parsed_time;
  fact.source = std::string(source);
  return fact;
}

// As F, with any terms.
Fact FactOf(Term subject, Term predicate, Term object,
            std::string_view time = "") {
  Fact fact;
  fact.subject = std::move(subject);
  fact.predicate = std::move(predicate);
  fact.object = std::move(object);
  fact.time = *ValidTime::Parse(time);
  return fact;
}

// The pattern binding each position not written "?"; the object as in F.
Pattern P(std::string_view subject, std::string_view predicate,
          std::string_view object) {
  Pattern pattern;
  if (subject != "?") pattern.subject = Term::Entity(std::string(subject));
  if (predicate != "?") {
    pattern.predicate = Term::Entity(std::string(predicate));
  }
  if (object != "?") pattern.object = *Term::ParseObjectField(object);
  return pattern;
}

// `pattern` with the condition `relation` against the days of `time`.
Pattern At(Pattern pattern, TimeRelation relation, std::string_view time) {
  pattern.time = TimeConstraint{relation, ValidTime::Parse(time)->days()};
  return pattern;
}

// "tx 1: +2 -0 =1" for a commit result.
std::string Render(const CommitResult& result) {
  return "tx " + std::to_string(result.tx) + ": +" +
         std::to_string(result.added) + " -" +
         std::to_string(result.retracted) + " =" +
         std::to_string(result.unchanged);
}

std::string RenderDay(int32_t day) {
  if (day == DayRange::kOpenBegin) return "-inf";
  if (day == DayRange::kOpenEnd) return "+inf";
  return Date::FromDayNumber(day).ToString();
}

// "likes: 2 facts, 1 subjects, 1 objects, 2 timed, 2014-01-01..2016-05-31".
std::string Render(const PredicateStatistics& stats) {
  std::string out = stats.predicate.ToString() + ": " +
                    std::to_string(stats.facts) + " facts, " +
                    std::to_string(stats.distinct_subjects) + " subjects, " +
                    std::to_string(stats.distinct_objects) + " objects, " +
                    std::to_string(stats.timed_facts) + " timed";
  if (stats.time_span) {
    const DayRange span = *stats.time_span;
    out += ", " + RenderDay(span.begin) + ".." +
           (span.end == DayRange::kOpenEnd ? "+inf" : RenderDay(span.end - 1));
  }
  return out;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    Options options;
    options.sync_commits = false;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), options);
    ASSERT_OK(StatusOf(db));
    db_ = std::move(*db);
  }

  void Reopen() {
    db_.reset();
    Open();
  }

  // Commits `txn` and renders the result, or the error.
  std::string Commit(const Transaction& txn) {
    absl::StatusOr<CommitResult> result = db_->Commit(txn);
    if (!result.ok()) return result.status().ToString();
    return Render(*result);
  }

  std::string Add(const std::vector<Fact>& facts) {
    Transaction txn;
    for (const Fact& fact : facts) txn.Add(fact);
    return Commit(txn);
  }

  std::string Retract(const std::vector<Fact>& facts) {
    Transaction txn;
    for (const Fact& fact : facts) txn.Retract(fact);
    return Commit(txn);
  }

  // The facts `pattern` matches, in scan order, as Fact::ToString() writes
  // them; a last entry "ERROR ..." when the scan fails.
  std::vector<std::string> Scan(const Pattern& pattern,
                                const ScanOptions& options = {}) {
    std::vector<std::string> facts;
    std::unique_ptr<FactIterator> it = db_->Scan(pattern, options);
    for (; it->Valid(); it->Next()) facts.push_back(it->fact().ToString());
    if (!it->status().ok()) facts.push_back("ERROR " + it->status().ToString());
    return facts;
  }

  std::vector<std::string> ScanAll() { return Scan(Pattern()); }

  // The subjects of the facts `pattern` matches, sorted, space-separated.
  std::string Subjects(const Pattern& pattern) {
    std::vector<std::string> subjects;
    std::unique_ptr<FactIterator> it = db_->Scan(pattern);
    for (; it->Valid(); it->Next()) {
      subjects.push_back(it->fact().subject.text());
    }
    if (!it->status().ok()) return it->status().ToString();
    std::sort(subjects.begin(), subjects.end());
    std::string out;
    for (const std::string& subject : subjects) {
      out += (out.empty() ? "" : " ") + subject;
    }
    return out;
  }

  // Every predicate's statistics, rendered, in the order given.
  std::vector<std::string> PredicateStats() {
    absl::StatusOr<Statistics> stats = db_->GetStatistics();
    if (!stats.ok()) return {stats.status().ToString()};
    std::vector<std::string> out;
    for (const PredicateStatistics& p : stats->predicates) {
      out.push_back(Render(p));
    }
    return out;
  }

  // "facts 3, entities 6, literals 0, last tx 3".
  std::string Totals() {
    absl::StatusOr<Statistics> stats = db_->GetStatistics();
    if (!stats.ok()) return stats.status().ToString();
    return "facts " + std::to_string(stats->facts) + ", entities " +
           std::to_string(stats->entities) + ", literals " +
           std::to_string(stats->literals) + ", last tx " +
           std::to_string(stats->last_tx);
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(DatabaseTest, EmptyDatabaseScansNothing) {
  EXPECT_THAT(ScanAll(), IsEmpty());
  EXPECT_EQ(Totals(), "facts 0, entities 0, literals 0, last tx 0");
  EXPECT_THAT(PredicateStats(), IsEmpty());
  EXPECT_EQ(db_->path(), dir_.Sub("db"));
}

TEST_F(DatabaseTest, EveryTermKindRoundTrips) {
  EXPECT_EQ(Add({
                F("Acme", "ceo", "Jane Doe"),
                F("Acme", "ceo", "`42`"),
                F("Acme", "motto", "\"Quality \\\"first\\\"\""),
                F("Acme", "employees", "10000"),
                F("Acme", "employees", "-3"),
                F("Acme", "revenue", "-12.50"),
                F("Acme", "listed", "true"),
                F("Acme", "listed", "false"),
                F("Acme", "founded", "1921-03"),
                F("Acme", "founded", "1921-03-07"),
            }),
            "tx 1: +10 -0 =0");
  EXPECT_THAT(Scan(P("Acme", "?", "?")),
              UnorderedElementsAre("Acme ceo `Jane Doe`", "Acme ceo `42`",
                                   "Acme motto \"Quality \\\"first\\\"\"",
                                   "Acme employees 10000", "Acme employees -3",
                                   "Acme revenue -12.5", "Acme listed true",
                                   "Acme listed false", "Acme founded 1921-03",
                                   "Acme founded 1921-03-07"));
  // Each literal is found by its value, and only by a term of its kind.
  EXPECT_THAT(Scan(P("?", "?", "10000")), ElementsAre("Acme employees 10000"));
  EXPECT_THAT(Scan(P("?", "?", "`10000`")), IsEmpty());
  EXPECT_THAT(Scan(P("?", "?", "`42`")), ElementsAre("Acme ceo `42`"));
  EXPECT_THAT(Scan(P("?", "?", "42")), IsEmpty());
  EXPECT_THAT(Scan(P("?", "?", "-12.5")), ElementsAre("Acme revenue -12.5"));
  EXPECT_THAT(Scan(P("?", "?", "false")), ElementsAre("Acme listed false"));
  EXPECT_THAT(Scan(P("?", "?", "1921-03")),
              ElementsAre("Acme founded 1921-03"));
  EXPECT_THAT(Scan(P("?", "?", "\"Quality \\\"first\\\"\"")),
              ElementsAre("Acme motto \"Quality \\\"first\\\"\""));
}

TEST_F(DatabaseTest, ScannedFactsKeepTheirKinds) {
  ASSERT_EQ(Add({F("Acme", "revenue", "-12.50"), F("Acme", "ceo", "`42`")}),
            "tx 1: +2 -0 =0");
  std::unique_ptr<FactIterator> it = db_->Scan(P("?", "revenue", "?"));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->fact().object.kind(), TermKind::kDecimal);
  EXPECT_EQ(it->fact().object.text(), "-12.5");
  EXPECT_EQ(it->fact().added_in, 1u);
  it = db_->Scan(P("?", "ceo", "?"));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->fact().object.kind(), TermKind::kEntity);
  EXPECT_EQ(it->fact().object.text(), "42");
}

TEST_F(DatabaseTest, EveryTimeShapeRoundTrips) {
  EXPECT_EQ(Add({
                F("Germany", "capital", "Berlin"),
                F("Russia", "member_of", "G8", "1997..2014"),
                F("Russia", "recognized", "IEA", "2025-07-03"),
                F("China", "visited", "Russia", "2014-11"),
                F("China", "visited", "Russia", "2015"),
                F("Putin", "president_of", "Russia", "2012.."),
                F("Gorbachev", "led", "USSR", "..1991-12-25"),
                F("Obama", "president_of", "USA", "2009..2017-01-20"),
                F("Russia", "visited", "Ukraine", "2018-10-21..2018-11-04"),
            }),
            "tx 1: +9 -0 =0");
  EXPECT_THAT(
      ScanAll(),
      UnorderedElementsAre(
          "Germany capital Berlin", "Russia member_of G8 @ 1997..2014",
          "Russia recognized IEA @ 2025-07-03",
          "China visited Russia @ 2014-11", "China visited Russia @ 2015",
          "Putin president_of Russia @ 2012..",
          "Gorbachev led USSR @ ..1991-12-25",
          "Obama president_of USA @ 2009..2017-01-20",
          "Russia visited Ukraine @ 2018-10-21..2018-11-04"));
}

TEST_F(DatabaseTest, SourcesAreReturnedFromEveryIndex) {
  ASSERT_EQ(Add({
                F("Russia", "recognized", "IEA", "2025-07-03", "The Hindu"),
                F("Russia", "recognized", "WHO", "", "Reuters, \"World\""),
                F("Russia", "recognized", "UN"),
            }),
            "tx 1: +3 -0 =0");
  const std::vector<std::string> expected = {
      "Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"",
      "Russia recognized WHO SOURCE \"Reuters, \\\"World\\\"\"",
      "Russia recognized UN"};
  EXPECT_THAT(Scan(P("Russia", "?", "?")),
              UnorderedElementsAre(expected[0], expected[1], expected[2]));
  EXPECT_THAT(Scan(P("?", "recognized", "?")),
              UnorderedElementsAre(expected[0], expected[1], expected[2]));
  EXPECT_THAT(Scan(P("?", "?", "WHO")), ElementsAre(expected[1]));
  EXPECT_THAT(
      Scan(At(P("?", "recognized", "?"), TimeRelation::kDuring, "2025")),
      ElementsAre(expected[0]));
  EXPECT_THAT(Scan(At(P("?", "?", "IEA"), TimeRelation::kDuring, "2025")),
              ElementsAre(expected[0]));
  ScanOptions no_sources;
  no_sources.with_source = false;
  EXPECT_THAT(Scan(P("?", "?", "WHO"), no_sources),
              ElementsAre("Russia recognized WHO"));
}

TEST_F(DatabaseTest, NamesAreTakenByteForByte) {
  const std::string nbsp = "\u00A0";
  ASSERT_EQ(
      Add({
          F("Return, release person(s)", "Make a visit", "Ukraine"),
          F("Joseph Benedict \"Joe\" Hockey", "held office",
            "Treasurer of Australia", "2013-09..2015-09"),
          F("China", "Host a visit",
            "Other Authorities / Officials (United States)", "2014-11-10"),
          F("Ukraine" + nbsp, "it's", "Ukraine"),
          F(" padded ", "x", "`back\\`tick`"),
      }),
      "tx 1: +5 -0 =0");
  EXPECT_THAT(
      Scan(P("Return, release person(s)", "?", "?")),
      ElementsAre("`Return, release person(s)` `Make a visit` Ukraine"));
  EXPECT_THAT(Scan(P("Joseph Benedict \"Joe\" Hockey", "?", "?")),
              ElementsAre("`Joseph Benedict \"Joe\" Hockey` `held office` "
                          "`Treasurer of Australia` @ 2013-09..2015-09"));
  EXPECT_THAT(
      Scan(P("?", "?", "Other Authorities / Officials (United States)")),
      ElementsAre("China `Host a visit` `Other Authorities / Officials "
                  "(United States)` @ 2014-11-10"));
  // "Ukraine" and "Ukraine" + U+00A0 are different entities.
  EXPECT_THAT(Scan(P("Ukraine", "?", "?")), IsEmpty());
  EXPECT_THAT(Scan(P("Ukraine" + nbsp, "?", "?")),
              ElementsAre("`Ukraine" + nbsp + "` `it's` Ukraine"));
  EXPECT_EQ(Subjects(P("?", "?", "Ukraine")),
            "Return, release person(s) Ukraine" + nbsp);
  EXPECT_THAT(Scan(P("padded", "?", "?")), IsEmpty());
  EXPECT_THAT(Scan(P(" padded ", "?", "?")),
              ElementsAre("` padded ` x `back\\`tick`"));
  std::unique_ptr<FactIterator> it = db_->Scan(P("Ukraine" + nbsp, "?", "?"));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->fact().subject.text(), "Ukraine\xC2\xA0");
}

TEST_F(DatabaseTest, AddingAFactTwiceStoresItOnce) {
  EXPECT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014", "Wikipedia")}),
            "tx 1: +1 -0 =0");
  // The source is not part of the fact's identity.
  EXPECT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014", "Other")}),
            "tx 0: +0 -0 =1");
  EXPECT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014"),
                 F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 0: +0 -0 =2");
  // Repeated within one transaction.
  EXPECT_EQ(Add({F("A", "p", "B"), F("A", "p", "B")}), "tx 2: +1 -0 =1");
  EXPECT_THAT(ScanAll(),
              UnorderedElementsAre("Russia member_of G8 @ 1997..2014 SOURCE "
                                   "\"Wikipedia\"",
                                   "A p B"));
  EXPECT_EQ(Totals(), "facts 2, entities 6, literals 1, last tx 2");
}

TEST_F(DatabaseTest, SameTripleAtDifferentTimesIsDifferentFacts) {
  EXPECT_EQ(Add({
                F("Russia", "member_of", "G8"),
                F("Russia", "member_of", "G8", "2014"),
                F("Russia", "member_of", "G8", "2014-01-01..2014-12-31"),
                F("Russia", "member_of", "G8", "2014-01"),
                F("Russia", "member_of", "G8", "2014.."),
            }),
            "tx 1: +5 -0 =0");
  EXPECT_THAT(
      Scan(P("Russia", "member_of", "G8")),
      ElementsAre("Russia member_of G8", "Russia member_of G8 @ 2014-01",
                  "Russia member_of G8 @ 2014",
                  "Russia member_of G8 @ 2014-01-01..2014-12-31",
                  "Russia member_of G8 @ 2014.."));
  EXPECT_EQ(Retract({F("Russia", "member_of", "G8", "2014")}),
            "tx 2: +0 -1 =0");
  EXPECT_THAT(
      Scan(P("Russia", "member_of", "G8")),
      ElementsAre("Russia member_of G8", "Russia member_of G8 @ 2014-01",
                  "Russia member_of G8 @ 2014-01-01..2014-12-31",
                  "Russia member_of G8 @ 2014.."));
}

TEST_F(DatabaseTest, RetractRemovesTheFact) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014", "Wikipedia"),
                 F("China", "visited", "Russia", "2015")}),
            "tx 1: +2 -0 =0");
  // The source of a retraction is ignored.
  EXPECT_EQ(Retract({F("Russia", "member_of", "G8", "1997..2014", "other")}),
            "tx 2: +0 -1 =0");
  EXPECT_THAT(ScanAll(), ElementsAre("China visited Russia @ 2015"));
  EXPECT_THAT(Scan(P("?", "member_of", "?")), IsEmpty());
  EXPECT_THAT(Scan(P("?", "?", "G8")), IsEmpty());
  EXPECT_THAT(Scan(At(P("Russia", "?", "?"), TimeRelation::kOverlaps, "2000")),
              IsEmpty());
  EXPECT_EQ(Totals(), "facts 1, entities 5, literals 1, last tx 2");
  // Adding it again brings it back, in a new transaction.
  EXPECT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 3: +1 -0 =0");
  std::unique_ptr<FactIterator> it = db_->Scan(P("?", "member_of", "?"));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->fact().added_in, 3u);
  EXPECT_EQ(it->fact().ToString(), "Russia member_of G8 @ 1997..2014");
}

TEST_F(DatabaseTest, RetractingAnAbsentFactChangesNothing) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 1: +1 -0 =0");
  EXPECT_EQ(Retract({F("Russia", "member_of", "G8", "1997..2015")}),
            "tx 0: +0 -0 =1");
  EXPECT_EQ(Retract({F("Russia", "member_of", "G8")}), "tx 0: +0 -0 =1");
  EXPECT_EQ(Retract({F("Nobody", "knows", "Nothing", "2014")}),
            "tx 0: +0 -0 =1");
  EXPECT_EQ(Retract({F("Russia", "member_of", "\"G8\"", "1997..2014")}),
            "tx 0: +0 -0 =1");
  EXPECT_THAT(ScanAll(), ElementsAre("Russia member_of G8 @ 1997..2014"));
  EXPECT_EQ(Totals(), "facts 1, entities 3, literals 0, last tx 1");
}

TEST_F(DatabaseTest, AddThenRetractInOneTransactionLeavesItAbsent) {
  Transaction txn;
  txn.Add(F("Russia", "member_of", "G8", "1997..2014"));
  txn.Add(F("China", "visited", "Russia", "2015"));
  txn.Retract(F("Russia", "member_of", "G8", "1997..2014"));
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  EXPECT_THAT(ScanAll(), ElementsAre("China visited Russia @ 2015"));
  EXPECT_THAT(Scan(P("?", "member_of", "?")), IsEmpty());
  EXPECT_THAT(Scan(At(P("?", "?", "G8"), TimeRelation::kOverlaps, "2000")),
              IsEmpty());
  EXPECT_THAT(PredicateStats(),
              ElementsAre("visited: 1 facts, 1 subjects, 1 objects, 1 timed, "
                          "2015-01-01..2015-12-31"));
  absl::StatusOr<Statistics> stats = db_->GetStatistics();
  ASSERT_OK(StatusOf(stats));
  EXPECT_EQ(stats->facts, 1u);
}

TEST_F(DatabaseTest, RetractThenAddInOneTransactionLeavesItPresent) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 1: +1 -0 =0");
  Transaction txn;
  txn.Retract(F("Russia", "member_of", "G8", "1997..2014"));
  txn.Add(F("Russia", "member_of", "G8", "1997..2014"));
  ASSERT_OK(StatusOf(db_->Commit(txn)));
  EXPECT_THAT(ScanAll(), ElementsAre("Russia member_of G8 @ 1997..2014"));
  EXPECT_THAT(PredicateStats(),
              ElementsAre("member_of: 1 facts, 1 subjects, 1 objects, 1 "
                          "timed, 1997-01-01..2014-12-31"));
}

// CommitResult counts "facts that were absent and are now present" and
// "facts that were present and are now absent"; a fact added and retracted
// by the same transaction is neither, and such a transaction changes nothing.
TEST_F(DatabaseTest, CommitResultCountsNetChanges) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 1: +1 -0 =0");
  Transaction add_then_retract;
  add_then_retract.Add(F("China", "visited", "Russia", "2015"));
  add_then_retract.Retract(F("China", "visited", "Russia", "2015"));
  EXPECT_EQ(Commit(add_then_retract), "tx 0: +0 -0 =0");
  Transaction retract_then_add;
  retract_then_add.Retract(F("Russia", "member_of", "G8", "1997..2014"));
  retract_then_add.Add(F("Russia", "member_of", "G8", "1997..2014"));
  EXPECT_EQ(Commit(retract_then_add), "tx 0: +0 -0 =0");
}

TEST_F(DatabaseTest, InvalidFactsFailTheWholeCommit) {
  struct Case {
    const char* what;
    Fact fact;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"string subject",
       FactOf(Term::String("Russia"), Term::Entity("p"), Term::Entity("o")),
       "subject"},
      {"integer subject",
       FactOf(*Term::Integer(7), Term::Entity("p"), Term::Entity("o")),
       "subject"},
      {"date predicate",
       FactOf(Term::Entity("s"), Term::DateValue(*Date::Parse("2014")),
              Term::Entity("o")),
       "predicate"},
      {"boolean predicate",
       FactOf(Term::Entity("s"), Term::Boolean(true), Term::Entity("o")),
       "predicate"},
      {"empty subject name",
       FactOf(Term(), Term::Entity("p"), Term::Entity("o")), "empty"},
      {"empty predicate name",
       FactOf(Term::Entity("s"), Term::Entity(""), Term::Entity("o")), "empty"},
      {"empty object name",
       FactOf(Term::Entity("s"), Term::Entity("p"), Term::Entity("")), "empty"},
      {"NUL in a string",
       FactOf(Term::Entity("s"), Term::Entity("p"),
              Term::String(std::string("a\0b", 3))),
       ""},
      {"invalid UTF-8 name",
       FactOf(Term::Entity("bad\xFF"), Term::Entity("p"), Term::Entity("o")),
       ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Transaction txn;
    txn.Add(F("Russia", "member_of", "G8", "1997..2014"));
    txn.Add(c.fact);
    txn.Add(F("China", "visited", "Russia", "2015"));
    absl::StatusOr<CommitResult> result = db_->Commit(txn);
    EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
    EXPECT_THAT(std::string(result.status().message()), HasSubstr(c.message));
    // A bad retraction fails the commit too.
    Transaction retraction;
    retraction.Add(F("Russia", "member_of", "G8", "1997..2014"));
    retraction.Retract(c.fact);
    result = db_->Commit(retraction);
    EXPECT_TRUE(absl::IsInvalidArgument(result.status())) << result.status();
  }
  Fact bad_source = F("Russia", "member_of", "G8", "", "bad\xC0");
  Transaction txn;
  txn.Add(bad_source);
  EXPECT_TRUE(absl::IsInvalidArgument(db_->Commit(txn).status()));

  EXPECT_THAT(ScanAll(), IsEmpty());
  EXPECT_EQ(Totals(), "facts 0, entities 0, literals 0, last tx 0");
  EXPECT_TRUE(absl::IsNotFound(db_->GetTransaction(1).status()));
  // The failed commits used no transaction number.
  EXPECT_EQ(Add({F("Russia", "member_of", "G8")}), "tx 1: +1 -0 =0");
}

TEST_F(DatabaseTest, TransactionsAreNumberedInOrder) {
  EXPECT_EQ(Add({F("A", "p", "B")}), "tx 1: +1 -0 =0");
  EXPECT_EQ(Add({F("A", "p", "C"), F("A", "p", "D")}), "tx 2: +2 -0 =0");
  EXPECT_EQ(Retract({F("A", "p", "B")}), "tx 3: +0 -1 =0");
  EXPECT_EQ(Add({F("A", "p", "C")}), "tx 0: +0 -0 =1");
  EXPECT_EQ(Commit(Transaction()), "tx 0: +0 -0 =0");
  EXPECT_EQ(Add({F("A", "p", "E")}), "tx 4: +1 -0 =0");
  std::vector<std::string> added_in;
  for (auto it = db_->Scan(P("A", "?", "?")); it->Valid(); it->Next()) {
    added_in.push_back(it->fact().object.text() + " in " +
                       std::to_string(it->fact().added_in));
  }
  EXPECT_THAT(added_in, ElementsAre("C in 2", "D in 2", "E in 4"));
}

TEST_F(DatabaseTest, GetTransactionRecordsEachCommit) {
  const auto now = [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const int64_t before = now();
  ASSERT_EQ(Add({F("A", "p", "B"), F("A", "p", "C")}), "tx 1: +2 -0 =0");
  ASSERT_EQ(Add({F("A", "p", "D")}), "tx 2: +1 -0 =0");
  Transaction mixed;
  mixed.Retract(F("A", "p", "B"));
  mixed.Retract(F("A", "p", "C"));
  mixed.Add(F("A", "p", "E"));
  ASSERT_EQ(Commit(mixed), "tx 3: +1 -2 =0");
  const int64_t after = now();

  std::vector<std::string> records;
  int64_t previous = before - 1;
  for (TxNumber tx = 1; tx <= 3; ++tx) {
    absl::StatusOr<TransactionInfo> info = db_->GetTransaction(tx);
    ASSERT_OK(StatusOf(info));
    EXPECT_GT(info->commit_time_micros, previous) << "tx " << tx;
    EXPECT_LE(info->commit_time_micros, after) << "tx " << tx;
    previous = info->commit_time_micros;
    records.push_back(std::to_string(info->tx) + ": +" +
                      std::to_string(info->added) + " -" +
                      std::to_string(info->retracted));
  }
  EXPECT_THAT(records, ElementsAre("1: +2 -0", "2: +1 -0", "3: +1 -2"));
  EXPECT_TRUE(absl::IsNotFound(db_->GetTransaction(0).status()));
  EXPECT_TRUE(absl::IsNotFound(db_->GetTransaction(4).status()));
}

TEST_F(DatabaseTest, EverythingPersistsAcrossReopen) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014", "Wikipedia"),
                 F("China", "visited", "Russia", "2015"),
                 F("Acme", "employees", "10000", "2020")}),
            "tx 1: +3 -0 =0");
  ASSERT_EQ(Retract({F("China", "visited", "Russia", "2015")}),
            "tx 2: +0 -1 =0");
  const std::vector<std::string> facts = ScanAll();
  const std::vector<std::string> stats = PredicateStats();
  const std::string totals = Totals();
  ASSERT_EQ(facts.size(), 2u);

  Reopen();
  EXPECT_EQ(ScanAll(), facts);
  EXPECT_EQ(PredicateStats(), stats);
  EXPECT_EQ(Totals(), totals);
  EXPECT_THAT(Scan(At(P("?", "?", "Russia"), TimeRelation::kOverlaps, "2015")),
              IsEmpty());
  absl::StatusOr<TransactionInfo> first = db_->GetTransaction(1);
  ASSERT_OK(StatusOf(first));
  EXPECT_EQ(first->added, 3u);
  // Numbering and the dictionary continue where they were.
  EXPECT_EQ(Add({F("China", "visited", "Russia", "2016"),
                 F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 3: +1 -0 =1");
  EXPECT_THAT(Scan(P("?", "?", "Russia")),
              ElementsAre("China visited Russia @ 2016"));
  EXPECT_EQ(Totals(), "facts 3, entities 7, literals 1, last tx 3");
}

TEST_F(DatabaseTest, StatisticsPerPredicate) {
  ASSERT_EQ(Add({
                F("A", "likes", "B", "2014"),
                F("A", "likes", "C"),
                F("D", "likes", "B", "2016-03..2016-05"),
                F("A", "age", "30", "2020"),
            }),
            "tx 1: +4 -0 =0");
  EXPECT_THAT(PredicateStats(),
              ElementsAre("age: 1 facts, 1 subjects, 1 objects, 1 timed, "
                          "2020-01-01..2020-12-31",
                          "likes: 3 facts, 2 subjects, 2 objects, 2 timed, "
                          "2014-01-01..2016-05-31"));
  Transaction txn;
  txn.Add(F("A", "likes", "B", "2015"));
  txn.Retract(F("D", "likes", "B", "2016-03..2016-05"));
  ASSERT_EQ(Commit(txn), "tx 2: +1 -1 =0");
  ASSERT_EQ(Retract({F("A", "likes", "C")}), "tx 3: +0 -1 =0");
  // The time span is not narrowed by retractions.
  EXPECT_THAT(PredicateStats(),
              ElementsAre("age: 1 facts, 1 subjects, 1 objects, 1 timed, "
                          "2020-01-01..2020-12-31",
                          "likes: 2 facts, 1 subjects, 1 objects, 2 timed, "
                          "2014-01-01..2016-05-31"));
  EXPECT_EQ(Totals(), "facts 3, entities 6, literals 0, last tx 3");
  // Open-ended facts widen the span to the open ends; untimed facts leave it.
  ASSERT_EQ(Add({F("E", "likes", "B", "..1990"), F("E", "knows", "A"),
                 F("F", "likes", "G", "2030..")}),
            "tx 4: +3 -0 =0");
  // A predicate with no facts left is not listed.
  ASSERT_EQ(Retract({F("A", "age", "30", "2020")}), "tx 5: +0 -1 =0");
  EXPECT_THAT(PredicateStats(),
              ElementsAre("knows: 1 facts, 1 subjects, 1 objects, 0 timed",
                          "likes: 4 facts, 3 subjects, 2 objects, 4 timed, "
                          "-inf..+inf"));
  EXPECT_EQ(Totals(), "facts 5, entities 10, literals 0, last tx 5");
}

TEST_F(DatabaseTest, LiteralsCountStringsAndDecimals) {
  ASSERT_EQ(Add({F("A", "says", "\"hello\""), F("A", "pi", "3.14"),
                 F("B", "says", "\"hello\""), F("A", "n", "10000"),
                 F("A", "named", "hello")}),
            "tx 1: +5 -0 =0");
  EXPECT_EQ(Totals(), "facts 5, entities 7, literals 2, last tx 1");
}

// The facts of the time tests: all with predicate "p" and object "X".
class TimeConstraintTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    ASSERT_EQ(Add({
                  F("year1999", "p", "X", "1999"),
                  F("day19990601", "p", "X", "1999-06-01"),
                  F("month199906", "p", "X", "1999-06"),
                  F("spelled1999", "p", "X", "1999-01-01..1999-12-31"),
                  F("from1998to2000", "p", "X", "1998..2000"),
                  F("day19981231", "p", "X", "1998-12-31"),
                  F("until199905", "p", "X", "..1999-05"),
                  F("since19990602", "p", "X", "1999-06-02.."),
                  F("day20010304", "p", "X", "2001-03-04"),
                  F("untimed", "p", "X"),
              }),
              "tx 1: +10 -0 =0");
  }

  // The subjects matching `relation` against `window`, checked to be the
  // same whichever index serves the scan.
  std::string Matching(TimeRelation relation, std::string_view window) {
    const std::string by_predicate =
        Subjects(At(P("?", "p", "?"), relation, window));
    EXPECT_EQ(Subjects(At(P("?", "?", "X"), relation, window)), by_predicate);
    EXPECT_EQ(Subjects(At(P("?", "?", "?"), relation, window)), by_predicate);
    EXPECT_EQ(Subjects(At(P("?", "p", "X"), relation, window)), by_predicate);
    return by_predicate;
  }
};

TEST_F(TimeConstraintTest, AgainstADay) {
  // A fact at 1999 contains the day 1999-06-01 and overlaps it, and is
  // neither before nor after it.
  EXPECT_EQ(Matching(TimeRelation::kContains, "1999-06-01"),
            "day19990601 from1998to2000 month199906 spelled1999 year1999");
  EXPECT_EQ(Matching(TimeRelation::kOverlaps, "1999-06-01"),
            "day19990601 from1998to2000 month199906 spelled1999 year1999");
  EXPECT_EQ(Matching(TimeRelation::kBefore, "1999-06-01"),
            "day19981231 until199905");
  EXPECT_EQ(Matching(TimeRelation::kAfter, "1999-06-01"),
            "day20010304 since19990602");
  EXPECT_EQ(Matching(TimeRelation::kDuring, "1999-06-01"), "day19990601");
  EXPECT_EQ(Matching(TimeRelation::kEquals, "1999-06-01"), "day19990601");
}

TEST_F(TimeConstraintTest, AgainstAYear) {
  EXPECT_EQ(Matching(TimeRelation::kContains, "1999"),
            "from1998to2000 spelled1999 year1999");
  EXPECT_EQ(Matching(TimeRelation::kOverlaps, "1999"),
            "day19990601 from1998to2000 month199906 since19990602 "
            "spelled1999 until199905 year1999");
  EXPECT_EQ(Matching(TimeRelation::kBefore, "1999"), "day19981231");
  EXPECT_EQ(Matching(TimeRelation::kAfter, "1999"), "day20010304");
  EXPECT_EQ(Matching(TimeRelation::kDuring, "1999"),
            "day19990601 month199906 spelled1999 year1999");
  // "1999" and "1999-01-01..1999-12-31" cover the same days.
  EXPECT_EQ(Matching(TimeRelation::kEquals, "1999"), "spelled1999 year1999");
}

TEST_F(TimeConstraintTest, AgainstOpenWindows) {
  EXPECT_EQ(Matching(TimeRelation::kDuring, "2000.."), "day20010304");
  EXPECT_EQ(Matching(TimeRelation::kDuring, "..1999-05-31"),
            "day19981231 until199905");
  EXPECT_EQ(Matching(TimeRelation::kContains, "2050.."), "since19990602");
  EXPECT_EQ(Matching(TimeRelation::kAfter, "..1998"),
            "day19990601 day20010304 month199906 since19990602 spelled1999 "
            "year1999");
  EXPECT_EQ(Matching(TimeRelation::kEquals, "1999-06-02.."), "since19990602");
  EXPECT_EQ(Matching(TimeRelation::kOverlaps, "..0001"), "until199905");
}

TEST_F(TimeConstraintTest, UntimedFactsNeverMatch) {
  for (TimeRelation relation :
       {TimeRelation::kBefore, TimeRelation::kAfter, TimeRelation::kDuring,
        TimeRelation::kContains, TimeRelation::kOverlaps,
        TimeRelation::kEquals}) {
    EXPECT_EQ(Subjects(At(P("untimed", "?", "?"), relation, "..9999")), "");
    EXPECT_EQ(Subjects(At(P("untimed", "?", "?"), relation, "0001..")), "");
  }
  EXPECT_EQ(Subjects(P("untimed", "?", "?")), "untimed");
}

TEST_F(DatabaseTest, UnknownTermsMatchNothing) {
  ASSERT_EQ(Add({F("Russia", "member_of", "G8", "1997..2014")}),
            "tx 1: +1 -0 =0");
  for (const Pattern& pattern :
       {P("Nobody", "?", "?"), P("?", "unknown", "?"), P("?", "?", "Nowhere"),
        P("?", "?", "\"never stored\""), P("?", "?", "12345"),
        P("Russia", "member_of", "G9"), P("?", "?", "member_of"),
        At(P("Nobody", "?", "?"), TimeRelation::kOverlaps, "2000"),
        At(P("?", "unknown", "?"), TimeRelation::kOverlaps, "2000")}) {
    std::unique_ptr<FactIterator> it = db_->Scan(pattern);
    EXPECT_FALSE(it->Valid());
    EXPECT_OK(it->status());
  }
}

TEST(DatabaseOpenTest, RefusesADirectoryThatIsNotADatabase) {
  TempDir dir;
  WriteFile(dir.Sub("notes.txt"), "hello\n");
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.path(), Options());
  EXPECT_TRUE(absl::IsFailedPrecondition(db.status())) << db.status();
  EXPECT_THAT(std::string(db.status().message()),
              HasSubstr("not an Almanac database"));
}

TEST(DatabaseOpenTest, MissingDatabaseWithoutCreateIsNotFound) {
  TempDir dir;
  Options options;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.Sub("db"), options);
  EXPECT_TRUE(absl::IsNotFound(db.status())) << db.status();
}

}  // namespace
}  // namespace almanac
