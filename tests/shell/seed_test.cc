// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Checks the seed facts (data/seeds/seed.tsv) against the articles they
// were read from: counts and key facts, asked through queries on a demo
// database built from them. And the demo itself: built once, rebuilt when
// the seed facts change.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_join.h"
#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "shell/demo.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The seven articles (in five files: the Time of India page also carries
// The Hindu's and First Post's), as the seed's source column names them.
const char* const kSources[] = {
    "Agencies via ANI and AP (2021): Russia and China boosting ties amid "
    "tensions with the US",
    "Blog post (2021): Russia starts joint military drills with China",
    "First Post (2025): Russia launches monthly direct flights to North Korea "
    "amid growing ties",
    "News report (2018-10-23): Pakistan and Russia Conduct Third Joint "
    "Military Drills",
    "The Hindu (2025): Understanding Russia's Taliban gauntlet",
    "The Moscow Times (2021): Russia and China have kicked off joint military "
    "exercises",
    "Time of India (2025-05-15): China says ready to 'expand practical "
    "cooperation' with Russian army",
};

// The rows of the seed file: lines that are not blank, a comment or the
// header.
size_t SeedRows() {
  size_t rows = 0;
  for (std::string_view rest = SeedTsv(); !rest.empty();) {
    const std::string_view line = rest.substr(0, rest.find('\n'));
    rest.remove_prefix(std::min(rest.size(), line.size() + 1));
    if (line.empty() || line.starts_with("#") ||
        line.starts_with("subject\t")) {
      continue;
    }
    ++rows;
  }
  return rows;
}

class SeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Database>> db =
        OpenDemoDatabaseAt(dir_.Sub("demo"));
    ASSERT_OK(StatusOf(db));
    db_ = *std::move(db);
  }

  // Runs `query`; each row is its cells joined by " | ".
  std::vector<std::string> Rows(std::string_view query) {
    absl::StatusOr<QueryResult> result = db_->Query(query);
    EXPECT_OK(StatusOf(result));
    std::vector<std::string> rows;
    if (!result.ok()) return rows;
    for (ResultRows::Row row : result->rows) {
      std::vector<std::string> cells;
      for (const Cell& cell : row) cells.push_back(cell.ToString());
      rows.push_back(absl::StrJoin(cells, " | "));
    }
    return rows;
  }

  // Every fact matching `pattern`, as Fact::ToString() writes it.
  std::vector<std::string> Facts(const Pattern& pattern) {
    std::vector<std::string> facts;
    for (auto it = db_->Scan(pattern); it->Valid(); it->Next()) {
      facts.push_back(it->fact().ToString());
    }
    std::sort(facts.begin(), facts.end());
    return facts;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(SeedTest, EveryRowIsOneFact) {
  absl::StatusOr<Statistics> statistics = db_->GetStatistics();
  ASSERT_OK(StatusOf(statistics));
  // A row repeating another (same subject, predicate, object and time)
  // would be dropped on import, and its source lost with it.
  EXPECT_EQ(statistics->facts, SeedRows());
  EXPECT_GT(statistics->facts, 250u);
}

TEST_F(SeedTest, EveryFactHasOneOfTheSevenSources) {
  const std::set<std::string> known(std::begin(kSources), std::end(kSources));
  std::set<std::string> used;
  for (auto it = db_->Scan(Pattern()); it->Valid(); it->Next()) {
    EXPECT_TRUE(known.count(it->fact().source)) << it->fact().ToString();
    used.insert(it->fact().source);
  }
  EXPECT_EQ(used, known);
}

TEST_F(SeedTest, AliasesNameNoEntityAndOneEntityEach) {
  Pattern aliases;
  aliases.predicate = Term::Entity("alias");
  std::set<std::string> names;
  int count = 0;
  for (auto it = db_->Scan(aliases); it->Valid(); it->Next()) {
    const Fact& fact = it->fact();
    ASSERT_EQ(fact.object.kind(), TermKind::kString) << fact.ToString();
    const std::string& name = fact.object.text();
    EXPECT_TRUE(names.insert(name).second) << "alias of two entities: " << name;
    Pattern as_subject;
    as_subject.subject = Term::Entity(name);
    EXPECT_THAT(Facts(as_subject), IsEmpty()) << name;
    Pattern as_object;
    as_object.object = Term::Entity(name);
    EXPECT_THAT(Facts(as_object), IsEmpty()) << name;
    ++count;
  }
  EXPECT_EQ(count, 24);
  EXPECT_THAT(
      Rows("FIND ?name WHERE `Islamic Emirate of Afghanistan` alias "
           "?name ORDER BY ?name;"),
      ElementsAre("\"IEA\"", "\"Taliban government\"", "\"Taliban regime\""));
  EXPECT_THAT(Rows("FIND ?name WHERE `Sergei Shoigu` alias ?name;"),
              ElementsAre("\"Shoigu\""));
  EXPECT_THAT(Rows("FIND ?name WHERE `Russian Defense Ministry` alias ?name;"),
              ElementsAre("\"Ministry of Defense of the Russian Federation\""));
}

TEST_F(SeedTest, RussiaAloneRecognizedTheIEAOnJuly3_2025) {
  EXPECT_THAT(Rows("FIND ?who, ?what, ?when WHERE ?who recognized ?what @ "
                   "?when ORDER BY ?when;"),
              ElementsAre("Taliban | `Chechen Republic of Ichkeria` | 2000",
                          "Russia | `Islamic Emirate of Afghanistan` | "
                          "2025-07-03"));
  EXPECT_THAT(Rows("FIND ?who, ?when WHERE ?who governed "
                   "`Islamic Emirate of Afghanistan` @ ?when ORDER BY ?when;"),
              ElementsAre("Taliban | 1996..2001", "Taliban | 2021-08.."));
  EXPECT_THAT(Rows("FIND ?when WHERE Taliban took_over Kabul @ ?when;"),
              ElementsAre("2021-08"));
}

// The Hindu: designated in 2003; in April 2025 the Supreme Court only
// suspended the ban, and the group is still on the list of terrorist
// organisations -- so no fact says Russia delisted it.
TEST_F(SeedTest, TalibanDesignatedIn2003AndTheBanSuspendedInApril2025) {
  EXPECT_THAT(Rows("FIND ?p, ?when WHERE Russia ?p Taliban @ ?when FILTER ?p "
                   "IN (designated_as_terrorist) ORDER BY ?when;"),
              ElementsAre("designated_as_terrorist | 2003"));
  EXPECT_THAT(Rows("FIND ?when WHERE `Russian Supreme Court` suspended_ban_on "
                   "Taliban @ ?when;"),
              ElementsAre("2025-04"));
  EXPECT_THAT(Rows("FIND ?when WHERE Taliban on_terrorist_list_of Russia "
                   "@ ?when;"),
              ElementsAre("2003.."));
  EXPECT_THAT(Rows("FIND ?p WHERE ?s ?p Taliban FILTER contains(str(?p), "
                   "\"delist\");"),
              IsEmpty());
}

TEST_F(SeedTest, JointExercisesInTimeOrder) {
  EXPECT_THAT(Rows("FIND ?e, ?when WHERE ?e instance_of joint_exercise @ ?when "
                   "ORDER BY ?when;"),
              ElementsAre("`Pakistan-Russia joint exercise 2016` | 2016",
                          "`Pakistan-Russia joint exercise 2017` | 2017",
                          "`Druzhba-III` | 2018-10-21..2018-11-04",
                          "`Zapad/Interaction 2021` | 2021"));
  EXPECT_THAT(Rows("FIND ?e, ?n WHERE ?e number_in_series ?n ORDER BY ?n;"),
              ElementsAre("`Pakistan-Russia joint exercise 2016` | 1",
                          "`Pakistan-Russia joint exercise 2017` | 2",
                          "`Druzhba-III` | 3"));
}

TEST_F(SeedTest, DruzhbaIII) {
  EXPECT_THAT(Rows("FIND ?p, ?o, ?when WHERE Druzhba-III ?p ?o @ ?when FILTER "
                   "?p IN (participant, held_in, venue, russian_troops, "
                   "altitude_m) ORDER BY ?p, ?o;"),
              ElementsAre("altitude_m | 1400 | 2018-10-21..2018-11-04",
                          "held_in | Pabbi | 2018-10-21..2018-11-04",
                          "participant | Pakistan | 2018-10-21..2018-11-04",
                          "participant | Russia | 2018-10-21..2018-11-04",
                          "russian_troops | 70 | 2018-10-21..2018-11-04",
                          "venue | `National Center for Counterterrorism` | "
                          "2018-10-21..2018-11-04"));
}

TEST_F(SeedTest, ZapadInteraction2021) {
  EXPECT_THAT(
      Rows("FIND ?p, ?o WHERE `Zapad/Interaction 2021` ?p ?o FILTER ?p IN "
           "(participant, held_in, troops_about, troops_over, duration_days, "
           "russian_unit) ORDER BY ?p, ?o;"),
      ElementsAre("duration_days | 5",
                  "held_in | `Ningxia Hui Autonomous Region`",
                  "participant | China", "participant | Russia",
                  "russian_unit | `Su-30SM fighters`",
                  "russian_unit | `management personnel`",
                  "russian_unit | `motorized rifle units`",
                  "troops_about | 10000", "troops_over | 10000"));
}

TEST_F(SeedTest, RussiaAndChinaExerciseSince2003Or2005DependingOnTheSource) {
  Pattern pattern;
  pattern.subject = Term::Entity("Russia-China military exercises");
  pattern.object = Term::Entity("China");
  EXPECT_THAT(Facts(pattern),
              ElementsAre("`Russia-China military exercises` participant China "
                          "@ 2003.. SOURCE \"" +
                              std::string(kSources[1]) + "\"",
                          "`Russia-China military exercises` participant China "
                          "@ 2005.. SOURCE \"" +
                              std::string(kSources[5]) + "\""));
  EXPECT_THAT(Rows("FIND ?n, ?when WHERE `Russia-China military exercises` "
                   "exercises_held ?n @ ?when;"),
              ElementsAre("30 | 2003.."));
}

TEST_F(SeedTest, AgreementsContractsAndDeals) {
  EXPECT_THAT(Rows("FIND ?a, ?kind, ?when WHERE ?a instance_of ?kind @ ?when "
                   "FILTER ?kind IN (agreement, contract, arms_deal) "
                   "ORDER BY ?when;"),
              ElementsAre("`Pakistan-Russia defense cooperation agreement` | "
                          "agreement | 2014",
                          "`Pakistan-Russia military training contract` | "
                          "contract | 2018-08",
                          "`India-Russia S-400 deal` | arms_deal | 2018-10-05",
                          "`Russia-China military cooperation road map` | "
                          "agreement | 2021",
                          "`Russia-North Korea mutual defence pact` | "
                          "agreement | 2024"));
  EXPECT_THAT(Rows("FIND ?when WHERE `Russia-China military cooperation road "
                   "map` in_effect true @ ?when;"),
              ElementsAre("2021..2025"));
  EXPECT_THAT(Rows("FIND ?what, ?usd WHERE ?what value_usd_billion ?usd "
                   "ORDER BY ?usd;"),
              ElementsAre("`India-Russia S-400 deal` | 5",
                          "`China-Pakistan Economic Corridor` | 62"));
}

TEST_F(SeedTest, VisitsAttacksFlightsAndTrains) {
  EXPECT_THAT(Rows("FIND ?who, ?where, ?when WHERE ?who visited ?where @ ?when "
                   "ORDER BY ?when;"),
              ElementsAre("`Vladimir Putin` | India | 2018-10-05",
                          "`Sergei Shoigu` | China | 2021-08",
                          "`Vladimir Putin` | `North Korea` | 2024",
                          "`Xi Jinping` | Moscow | 2025-05"));
  EXPECT_THAT(Rows("FIND ?target, ?when WHERE ?a instance_of terrorist_attack "
                   "@ ?when . ?a target ?target ORDER BY ?when;"),
              ElementsAre("`Russian Embassy in Kabul` | 2022-09",
                          "`Crocus City Hall` | 2024-03"));
  EXPECT_THAT(Rows("FIND ?p, ?when WHERE Russia ?p `North Korea` @ ?when "
                   "ORDER BY ?when;"),
              ElementsAre("suspended_train_links_with | 2020",
                          "restored_train_links_with | 2025-06-17"));
  EXPECT_THAT(Rows("FIND ?operator, ?rub WHERE `Moscow-Pyongyang flights` "
                   "operator ?operator . `Moscow-Pyongyang flights` "
                   "ticket_price_rub ?rub;"),
              ElementsAre("`Nordwind Airlines` | 45000"));
}

// Every time the facts use. Days appear only where an article gives one
// (Druzhba-III's dates, Putin in India, the Time of India's date, the
// recognition, the train links); "since" stays open.
TEST_F(SeedTest, TimesKeepThePrecisionOfTheArticles) {
  EXPECT_THAT(
      Rows("FIND DISTINCT ?t WHERE ?s ?p ?o @ ?t FILTER year(?t) > 0 "
           "ORDER BY ?t;"),
      ElementsAre("1996..2001", "1997", "2000", "2003", "2003..", "2005..",
                  "2010..2013", "2014", "2014..", "2015", "2016", "2017",
                  "2018", "2018-08", "2018-10", "2018-10-05",
                  "2018-10-21..2018-11-04", "2020", "2021", "2021..2025",
                  "2021-08", "2021-08..", "2021-09", "2022", "2022-09", "2024",
                  "2024-03", "2025", "2025-04", "2025-05", "2025-05-15",
                  "2025-06-17", "2025-07-03"));
}

class DemoTest : public ::testing::Test {
 protected:
  std::string SeedVersionOnDisk() const {
    return ReadFile(path_ + "/" + kSeedVersionFile);
  }
  uint64_t FactCount(Database& db) {
    absl::StatusOr<Statistics> statistics = db.GetStatistics();
    EXPECT_OK(StatusOf(statistics));
    return statistics.ok() ? statistics->facts : 0;
  }

  TempDir dir_;
  const std::string path_ = dir_.Sub("demo");
};

TEST_F(DemoTest, CreatesTheDemoFromTheSeeds) {
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
  ASSERT_OK(StatusOf(db));
  EXPECT_EQ(FactCount(**db), SeedRows());
  EXPECT_EQ(SeedVersionOnDisk(), SeedVersion() + "\n");
  EXPECT_EQ(SeedVersion().size(), 16u);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".seed.tsv"));
}

TEST_F(DemoTest, KeepsFactsAddedToACurrentDemo) {
  {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
    ASSERT_OK(StatusOf(db));
    ASSERT_OK(StatusOf((*db)->Query("ADD Iran visited Russia @ 2020-01;")));
  }
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
  ASSERT_OK(StatusOf(db));
  EXPECT_EQ(FactCount(**db), SeedRows() + 1);
}

TEST_F(DemoTest, RebuildsADemoMadeByAnOlderBuild) {
  // An older build left a demo of other facts and no seed version.
  {
    absl::StatusOr<std::unique_ptr<Database>> old =
        Database::Open(path_, Options());
    ASSERT_OK(StatusOf(old));
    ASSERT_OK(StatusOf((*old)->Query("ADD Iran visited Russia @ 2020-01;")));
  }
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
  ASSERT_OK(StatusOf(db));
  EXPECT_EQ(FactCount(**db), SeedRows());
  absl::StatusOr<QueryResult> iran =
      (*db)->Query("FIND ?x WHERE ?x visited ?y FILTER str(?x) = \"Iran\";");
  ASSERT_OK(StatusOf(iran));
  EXPECT_THAT(iran->rows, IsEmpty());
  EXPECT_EQ(SeedVersionOnDisk(), SeedVersion() + "\n");
}

TEST_F(DemoTest, RebuildsADemoOfOtherSeeds) {
  {
    absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
    ASSERT_OK(StatusOf(db));
    ASSERT_OK(StatusOf((*db)->Query("ADD Iran visited Russia @ 2020-01;")));
  }
  WriteFile(path_ + "/" + kSeedVersionFile, "0123456789abcdef\n");
  absl::StatusOr<std::unique_ptr<Database>> db = OpenDemoDatabaseAt(path_);
  ASSERT_OK(StatusOf(db));
  EXPECT_EQ(FactCount(**db), SeedRows());
  EXPECT_EQ(SeedVersionOnDisk(), SeedVersion() + "\n");
}

TEST_F(DemoTest, LeavesADemoOpenInAnotherProcessAlone) {
  absl::StatusOr<std::unique_ptr<Database>> first = OpenDemoDatabaseAt(path_);
  ASSERT_OK(StatusOf(first));
  WriteFile(path_ + "/" + kSeedVersionFile, "0123456789abcdef\n");
  // Opening it again fails (the lock is held), and nothing is removed.
  EXPECT_FALSE(OpenDemoDatabaseAt(path_).ok());
  EXPECT_EQ(FactCount(**first), SeedRows());
  EXPECT_TRUE(std::filesystem::exists(path_ + "/CURRENT"));
}

}  // namespace
}  // namespace almanac
