// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Every fact present in every index after random adds and retracts: random
// transactions and imports over a small vocabulary are applied both to a
// database and to a reference model (a std::map), and after each round every
// way of scanning the database must return exactly what the model holds, and
// the statistics must equal those recomputed from the model.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "almanac/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

// The vocabulary. Entity names include spaces (at the ends too), quotes,
// commas, parentheses, a backtick, a no-break space, and names that look
// like literals.
const std::vector<std::string>& EntityNames() {
  static const auto* names = new std::vector<std::string>{
      "A",
      "B c",
      " padded ",
      "Ukraine",
      "Ukraine\u00A0",
      "Return, release person(s)",
      "Joe \"JJ\" Hockey",
      "it's",
      "back`tick",
      "true",
      "42",
  };
  return *names;
}

const std::vector<std::string>& PredicateNames() {
  static const auto* names =
      new std::vector<std::string>{"p", "Make a visit", "rel (2)"};
  return *names;
}

std::vector<Term> ObjectTerms() {
  std::vector<Term> terms;
  for (const std::string& name : EntityNames()) {
    terms.push_back(Term::Entity(name));
  }
  for (int64_t value : {-3, 0, 10000}) terms.push_back(*Term::Integer(value));
  for (const char* date : {"2014-03", "2014-03-07"}) {
    terms.push_back(Term::DateValue(*Date::Parse(date)));
  }
  terms.push_back(Term::String("hello, world"));
  return terms;
}

const std::vector<std::string>& Times() {
  static const auto* times = new std::vector<std::string>{
      "",           "",
      "2014",       "2014-03",
      "2014-03-07", "2013..2015",
      "2014-06..",  "..2014-02",
      "2015-07-01", "2014-01-01..2014-12-31",
  };
  return *times;
}

// The windows the time-constrained scans use.
const std::vector<std::string>& Windows() {
  static const auto* windows = new std::vector<std::string>{
      "2014", "2014-03-07", "2013..2014-06", "2014-06..", "..2013-12-31"};
  return *windows;
}

constexpr TimeRelation kRelations[] = {
    TimeRelation::kBefore,   TimeRelation::kAfter,    TimeRelation::kDuring,
    TimeRelation::kContains, TimeRelation::kOverlaps, TimeRelation::kEquals,
};

// A fact's identity: everything but its source.
std::string IdentityOf(Fact fact) {
  fact.source.clear();
  return fact.ToString();
}

// The reference model: the facts present, and per predicate the span of
// every timed fact ever added.
class Model {
 public:
  void Add(const Fact& fact) {
    const auto [it, added] = facts_.emplace(IdentityOf(fact), fact);
    if (!added || !fact.time.is_stated()) return;
    const DayRange days = fact.time.days();
    auto [span, fresh] = spans_.emplace(fact.predicate.text(), days);
    if (!fresh) {
      span->second.begin = std::min(span->second.begin, days.begin);
      span->second.end = std::max(span->second.end, days.end);
    }
  }
  void Retract(const Fact& fact) { facts_.erase(IdentityOf(fact)); }

  bool Contains(const Fact& fact) const {
    return facts_.contains(IdentityOf(fact));
  }
  const std::map<std::string, Fact>& facts() const { return facts_; }
  const std::map<std::string, DayRange>& spans() const { return spans_; }

 private:
  std::map<std::string, Fact> facts_;
  std::map<std::string, DayRange> spans_;
};

// "p: 3 facts, 2 subjects, 2 objects, 1 timed, span [begin, end)".
std::string RenderStats(const std::string& predicate, uint64_t facts,
                        uint64_t subjects, uint64_t objects, uint64_t timed,
                        const std::optional<DayRange>& span) {
  std::string out = predicate + ": " + std::to_string(facts) + " facts, " +
                    std::to_string(subjects) + " subjects, " +
                    std::to_string(objects) + " objects, " +
                    std::to_string(timed) + " timed";
  if (span) {
    out += ", span [" + std::to_string(span->begin) + ", " +
           std::to_string(span->end) + ")";
  }
  return out;
}

// The object as an import file writes it.
std::string ObjectField(const Term& term) {
  const auto quote = [](const std::string& text, char mark) {
    std::string out(1, mark);
    for (char c : text) {
      if (c == mark || c == '\\') out += '\\';
      out += c;
    }
    return out + mark;
  };
  switch (term.kind()) {
    case TermKind::kEntity:
      return quote(term.text(), '`');
    case TermKind::kString:
      return quote(term.text(), '"');
    default:
      return term.ToString();
  }
}

class IndexConsistencyTest : public ::testing::TestWithParam<uint32_t> {
 protected:
  void SetUp() override {
    random_.seed(GetParam());
    objects_ = ObjectTerms();
    Options options;
    options.sync_commits = false;
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), options);
    ASSERT_OK(StatusOf(db));
    db_ = std::move(*db);
  }

  size_t Pick(size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(random_);
  }

  // A random fact of the vocabulary; its source depends only on the fact,
  // so that the model knows which source the database keeps.
  Fact RandomFact() {
    Fact fact;
    fact.subject = Term::Entity(EntityNames()[Pick(EntityNames().size())]);
    fact.predicate =
        Term::Entity(PredicateNames()[Pick(PredicateNames().size())]);
    fact.object = objects_[Pick(objects_.size())];
    fact.time = *ValidTime::Parse(Times()[Pick(Times().size())]);
    const size_t hash = std::hash<std::string>()(fact.ToString());
    if (hash % 3 != 0) fact.source = "doc " + std::to_string(hash % 5);
    return fact;
  }

  // A fact that is present in the model, or a random one when none is.
  Fact PresentFact() {
    if (model_.facts().empty()) return RandomFact();
    auto it = model_.facts().begin();
    std::advance(it, Pick(model_.facts().size()));
    return it->second;
  }

  void CommitRandomTransaction() {
    Transaction txn;
    const size_t size = 1 + Pick(12);
    for (size_t i = 0; i < size; ++i) {
      const size_t dice = Pick(10);
      if (dice < 6) {
        txn.Add(RandomFact());
      } else if (dice < 7) {
        txn.Add(PresentFact());  // Already there.
      } else if (dice < 9) {
        txn.Retract(PresentFact());
      } else {
        txn.Retract(RandomFact());  // Usually absent.
      }
    }
    for (const Transaction::Entry& entry : txn.entries()) {
      if (entry.op == Transaction::Op::kAdd) {
        model_.Add(entry.fact);
      } else {
        model_.Retract(entry.fact);
      }
    }
    ASSERT_OK(StatusOf(db_->Commit(txn)));
  }

  void ImportRandomFile() {
    const std::string path =
        dir_.Sub("import-" + std::to_string(imports_++) + ".tsv");
    std::string contents;
    if (Pick(2) == 0) contents += "subject\tpredicate\tobject\ttime\tsource\n";
    const size_t rows = 1 + Pick(30);
    for (size_t i = 0; i < rows; ++i) {
      const Fact fact = Pick(5) == 0 ? PresentFact() : RandomFact();
      model_.Add(fact);
      contents += fact.subject.text() + "\t" + fact.predicate.text() + "\t" +
                  ObjectField(fact.object) + "\t" + fact.time.ToString();
      if (!fact.source.empty()) contents += "\t" + fact.source;
      contents += "\n";
    }
    WriteFile(path, contents);
    ImportOptions options;
    options.format = ImportFormat::kTsv;
    if (Pick(2) == 0) options.sort_buffer_facts = 4;  // Spill sorted runs.
    absl::StatusOr<ImportResult> result = db_->Import({path}, options);
    ASSERT_OK(StatusOf(result));
    EXPECT_EQ(result->rows, rows);
  }

  // The facts `pattern` matches, sorted.
  std::vector<std::string> Scan(const Pattern& pattern) {
    std::vector<std::string> facts;
    std::unique_ptr<FactIterator> it = db_->Scan(pattern);
    for (; it->Valid(); it->Next()) facts.push_back(it->fact().ToString());
    if (!it->status().ok()) facts.push_back("ERROR " + it->status().ToString());
    std::sort(facts.begin(), facts.end());
    return facts;
  }

  // The model's facts that match `pattern`, sorted.
  std::vector<std::string> Expected(const Pattern& pattern) {
    std::vector<std::string> facts;
    for (const auto& [identity, fact] : model_.facts()) {
      if (pattern.subject && !(fact.subject == *pattern.subject)) continue;
      if (pattern.predicate && !(fact.predicate == *pattern.predicate)) {
        continue;
      }
      if (pattern.object && !(fact.object == *pattern.object)) continue;
      if (pattern.time && (!fact.time.is_stated() ||
                           !Holds(pattern.time->relation, fact.time.days(),
                                  pattern.time->range))) {
        continue;
      }
      facts.push_back(fact.ToString());
    }
    std::sort(facts.begin(), facts.end());
    return facts;
  }

  // Every single-position pattern: each subject, predicate and object.
  std::vector<std::pair<std::string, Pattern>> SinglePositionPatterns() {
    std::vector<std::pair<std::string, Pattern>> patterns;
    for (const std::string& name : EntityNames()) {
      Pattern pattern;
      pattern.subject = Term::Entity(name);
      patterns.emplace_back("subject " + name, pattern);
    }
    for (const std::string& name : PredicateNames()) {
      Pattern pattern;
      pattern.predicate = Term::Entity(name);
      patterns.emplace_back("predicate " + name, pattern);
    }
    for (const Term& term : objects_) {
      Pattern pattern;
      pattern.object = term;
      patterns.emplace_back("object " + term.ToString(), pattern);
    }
    return patterns;
  }

  void CheckScans() {
    EXPECT_EQ(Scan(Pattern()), Expected(Pattern())) << "full scan";
    for (const auto& [what, pattern] : SinglePositionPatterns()) {
      EXPECT_EQ(Scan(pattern), Expected(pattern)) << what;
    }
  }

  // Each round checks two of the windows, all of them over a few rounds.
  void CheckTimeScans(int round) {
    for (int w = 2 * round; w < 2 * round + 2; ++w) {
      const std::string& window = Windows()[w % Windows().size()];
      for (const auto& [what, untimed] : SinglePositionPatterns()) {
        for (TimeRelation relation : kRelations) {
          Pattern pattern = untimed;
          pattern.time =
              TimeConstraint{relation, ValidTime::Parse(window)->days()};
          EXPECT_EQ(Scan(pattern), Expected(pattern))
              << what << " relation " << static_cast<int>(relation)
              << " window " << window;
        }
      }
    }
  }

  void CheckStatistics() {
    absl::StatusOr<Statistics> stats = db_->GetStatistics();
    ASSERT_OK(StatusOf(stats));
    EXPECT_EQ(stats->facts, model_.facts().size());
    std::vector<std::string> actual;
    for (const PredicateStatistics& p : stats->predicates) {
      actual.push_back(RenderStats(p.predicate.text(), p.facts,
                                   p.distinct_subjects, p.distinct_objects,
                                   p.timed_facts, p.time_span));
    }
    struct Counts {
      uint64_t facts = 0;
      std::set<std::string> subjects;
      std::set<std::string> objects;
      uint64_t timed = 0;
    };
    std::map<std::string, Counts> by_predicate;
    for (const auto& [identity, fact] : model_.facts()) {
      Counts& counts = by_predicate[fact.predicate.text()];
      ++counts.facts;
      counts.subjects.insert(fact.subject.ToString());
      counts.objects.insert(fact.object.ToString());
      if (fact.time.is_stated()) ++counts.timed;
    }
    std::vector<std::string> expected;
    for (const auto& [predicate, counts] : by_predicate) {
      std::optional<DayRange> span;
      if (auto it = model_.spans().find(predicate);
          it != model_.spans().end()) {
        span = it->second;
      }
      expected.push_back(
          RenderStats(predicate, counts.facts, counts.subjects.size(),
                      counts.objects.size(), counts.timed, span));
    }
    EXPECT_EQ(actual, expected);
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  std::mt19937 random_;
  std::vector<Term> objects_;
  Model model_;
  int imports_ = 0;
};

TEST_P(IndexConsistencyTest, EveryIndexAgreesWithTheModel) {
  for (int round = 0; round < 4; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const size_t writes = 2 + Pick(5);
    for (size_t i = 0; i < writes; ++i) {
      if (Pick(4) == 0) {
        ASSERT_NO_FATAL_FAILURE(ImportRandomFile());
      } else {
        ASSERT_NO_FATAL_FAILURE(CommitRandomTransaction());
      }
    }
    CheckScans();
    CheckTimeScans(round);
    CheckStatistics();
    if (HasFailure()) return;  // One round's report is enough.
  }
  // Something happened: the rounds added facts, retracted some, and imported.
  EXPECT_GT(model_.facts().size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Seeds, IndexConsistencyTest,
                         ::testing::Values(1u, 2u, 3u, 4u));

// The same checks when every write is an import, on top of earlier commits:
// the bulk loader must skip present facts and count statistics the same way.
class ImportConsistencyTest : public IndexConsistencyTest {};

TEST_P(ImportConsistencyTest, ImportsAgreeWithTheModel) {
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ASSERT_NO_FATAL_FAILURE(CommitRandomTransaction());
    ASSERT_NO_FATAL_FAILURE(ImportRandomFile());
    ASSERT_NO_FATAL_FAILURE(ImportRandomFile());
    CheckScans();
    CheckTimeScans(round);
    CheckStatistics();
    if (HasFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, ImportConsistencyTest,
                         ::testing::Values(11u, 12u));

}  // namespace
}  // namespace almanac
