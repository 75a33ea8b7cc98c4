// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Differential test of FIND. For each seed: a random small graph (a few
// dozen to 200 facts over thirteen entities, four predicates, entity and
// integer objects, times of every precision and shape, and none) is
// committed to a database and kept as a std::vector<Fact>; random queries
// are written both as a reference::Query (no AST) and as query text, and
// every answer of the engine must be one the reference evaluator
// (reference_evaluator.h) allows. Each query runs
//   - through Database::Query, as written and with its patterns reversed;
//   - as a prepared statement run twice (the second run rewinds the plan
//     of the first);
//   - through RunFind with order_joins off, so that the patterns are joined
//     in the order written, both ways round;
//   - through RunFind with push_time_filters off, when it has a time filter;
//   - through RunFind with every join a hash join, and with a merge join
//     wherever both sides are in order of their shared variable.
// A mismatch prints the seed, the facts as an ADD script, the query, both
// answers and the engine's plan. DifferentialEdgeTest then asks every time
// relation at the edges of a small graph's times, where off-by-one errors
// in pushed time bounds show, and patterns with a time written in them.
//
// Left out of the random queries, because of the disagreements pinned by
// the tests at the end of this file: comparisons of times (=, <, ...) and
// avg over times. Also left out: min and max over times, and ORDER BY keys
// after a time key (see reference_evaluator.h on times with the same days).

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/database.h"
#include "almanac/status_macros.h"
#include "gtest/gtest.h"
#include "query/parser.h"
#include "query/planner.h"
#include "query/run_find.h"
#include "storage/store.h"
#include "tests/query/reference_evaluator.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using reference::Column;
using reference::CompareOp;
using reference::Filter;
using reference::Node;
using reference::Pattern;

constexpr int kSeeds = 20;
constexpr int kQueriesPerSeed = 64;
// Detailed reports per seed; further mismatches are only counted.
constexpr int kReportsPerSeed = 5;

// mt19937_64's output is fixed by the standard, unlike the distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}
  // A number in [0, n). REQUIRES: n > 0.
  int Below(size_t n) { return static_cast<int>(engine_() % n); }
  bool Percent(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// ---- Graphs ---------------------------------------------------------------

// Names with spaces, no-break spaces, a backtick, a quote, non-ASCII
// letters, a hyphen, keywords, and one that reads as a number; "Ukraine"
// and "Ukraine\u00A0" are different entities.
const std::vector<std::string>& EntityNames() {
  static const auto* names = new std::vector<std::string>{
      "Russia",
      "Ukraine",
      "Ukraine\u00A0",
      "New Delhi",
      "Order",
      "G8",
      "Vladimir\u00A0Putin",
      "C\u00F4te d'Ivoire",
      "back`tick",
      "42",
      "x_1",
      "Zapad-2021",
      "True",
  };
  return *names;
}

const std::vector<std::string>& PredicateNames() {
  static const auto* names = new std::vector<std::string>{
      "recognized", "Make a visit", "member_of", "troops (est.)"};
  return *names;
}

// 2014 in an object position is the integer, not the year.
const std::vector<int64_t>& Integers() {
  static const auto* integers = new std::vector<int64_t>{-5, 0, 3, 7, 42, 2014};
  return *integers;
}

Date RandomDate(Rng& rng) {
  static constexpr DatePrecision kPrecisions[] = {
      DatePrecision::kYear, DatePrecision::kMonth, DatePrecision::kDay};
  return *Date::FromParts(2012 + rng.Below(8), 1 + rng.Below(12),
                          1 + rng.Below(28), kPrecisions[rng.Below(3)]);
}

// A stated time: an instant of any precision, a closed interval (sometimes
// from a date to itself), or an interval open at one end.
ValidTime RandomTime(Rng& rng) {
  const int shape = rng.Below(20);
  const Date from = RandomDate(rng);
  if (shape < 9) return ValidTime::At(from);
  if (shape == 9) return *ValidTime::Between(from, from);
  if (shape < 16) {
    const Date to = RandomDate(rng);
    absl::StatusOr<ValidTime> time = ValidTime::Between(from, to);
    return time.ok() ? *time : *ValidTime::Between(to, from);
  }
  if (shape < 18) return *ValidTime::Between(from, std::nullopt);
  return *ValidTime::Between(std::nullopt, from);
}

// The days just before, on and just after the first and the last day of
// `time`, where it has them (open ends have none). REQUIRES: stated.
std::vector<int32_t> EdgeDays(const ValidTime& time) {
  const DayRange days = time.days();
  std::vector<int32_t> edges;
  if (days.begin != DayRange::kOpenBegin) {
    edges.push_back(days.begin - 1);
    edges.push_back(days.begin);
  }
  if (days.end != DayRange::kOpenEnd) {
    edges.push_back(days.end - 1);
    edges.push_back(days.end);
  }
  return edges;
}

// A time near an edge of `near` (stated): a day just before, on, or just
// after its first or last day, as a day, the month or year holding it, an
// open interval from or to it, or an interval from or to a random date.
// Relations are most often wrong at such edges.
ValidTime TimeAtAnEdge(Rng& rng, const ValidTime& near) {
  const Date day = Date::FromDayNumber(rng.Pick(EdgeDays(near)));
  static constexpr DatePrecision kPrecisions[] = {
      DatePrecision::kDay, DatePrecision::kDay, DatePrecision::kMonth,
      DatePrecision::kYear};
  const Date edge = *Date::FromParts(day.year(), day.month(), day.day(),
                                     kPrecisions[rng.Below(4)]);
  const int shape = rng.Below(10);
  if (shape < 4) return ValidTime::At(edge);
  if (shape < 6) return *ValidTime::Between(edge, std::nullopt);
  if (shape < 8) return *ValidTime::Between(std::nullopt, edge);
  const Date other = RandomDate(rng);
  absl::StatusOr<ValidTime> time = ValidTime::Between(edge, other);
  return time.ok() ? *time : *ValidTime::Between(other, edge);
}

// Mostly an entity; mostly an integer for the last predicate.
Term RandomObject(Rng& rng, const Term& predicate) {
  const int integers = predicate.text() == PredicateNames().back() ? 70 : 8;
  if (rng.Percent(integers)) return *Term::Integer(rng.Pick(Integers()));
  return Term::Entity(rng.Pick(EntityNames()));
}

// The facts to commit, some of them more than once.
std::vector<Fact> RandomFacts(Rng& rng) {
  std::vector<Fact> facts;
  const int count = 30 + rng.Below(171);
  for (int i = 0; i < count; ++i) {
    if (!facts.empty() && rng.Percent(5)) {
      facts.push_back(rng.Pick(facts));
      continue;
    }
    Fact fact;
    fact.subject = Term::Entity(rng.Pick(EntityNames()));
    fact.predicate = Term::Entity(rng.Pick(PredicateNames()));
    fact.object =
        rng.Percent(4) ? fact.subject : RandomObject(rng, fact.predicate);
    if (!rng.Percent(25)) fact.time = RandomTime(rng);
    facts.push_back(std::move(fact));
  }
  return facts;
}

// The model: each fact once.
std::vector<Fact> DistinctFacts(const std::vector<Fact>& facts) {
  std::vector<Fact> distinct;
  std::set<std::string> seen;
  for (const Fact& fact : facts) {
    if (seen.insert(fact.ToString()).second) distinct.push_back(fact);
  }
  return distinct;
}

std::string AddScript(const std::vector<Fact>& facts) {
  std::string script;
  for (const Fact& fact : facts) {
    absl::StrAppend(&script, "  ADD ", fact.ToString(), ";\n");
  }
  return script;
}

// ---- Queries --------------------------------------------------------------

// Writes random queries over the terms of one graph. The constants of a
// pattern come from one fact of the graph, so that every name is known to
// the binder and the pattern matches something more often than not.
class QueryGenerator {
 public:
  // REQUIRES: `facts` is not empty and outlives the generator.
  QueryGenerator(Rng* rng, const std::vector<Fact>& facts)
      : rng_(*rng), facts_(facts) {
    std::set<std::string> seen;
    for (const Fact& fact : facts) {
      if (seen.insert(fact.subject.text()).second) {
        entities_.push_back(fact.subject);
      }
      if (fact.object.is_entity() && seen.insert(fact.object.text()).second) {
        entities_.push_back(fact.object);
      }
      if (fact.time.is_stated()) times_.push_back(fact.time);
    }
  }

  reference::Query Next() {
    query_ = reference::Query();
    entity_vars_.clear();
    object_vars_.clear();
    predicate_vars_.clear();
    time_vars_.clear();
    near_.clear();
    next_var_ = 0;

    const int patterns = 1 + rng_.Below(3);
    for (int i = 0; i < patterns; ++i) query_.patterns.push_back(NewPattern());
    const int filters = rng_.Below(10) < 4 ? 0 : (rng_.Below(3) < 2 ? 1 : 2);
    for (int i = 0; i < filters; ++i) AddFilter();
    query_.filters_in_one = query_.filters.size() > 1 && rng_.Percent(30);
    if (AllVars().empty() || rng_.Percent(35)) {
      AddAggregateOutputs();
    } else {
      AddPlainOutputs();
    }
    AddOrder();
    query_.lowercase_keywords = rng_.Percent(15);
    return query_;
  }

 private:
  std::string NewVar(std::vector<std::string>* kind) {
    std::string name(1, static_cast<char>('a' + next_var_++));
    kind->push_back(name);
    return name;
  }

  std::vector<std::string> AllVars() const {
    std::vector<std::string> vars = entity_vars_;
    vars.insert(vars.end(), predicate_vars_.begin(), predicate_vars_.end());
    vars.insert(vars.end(), time_vars_.begin(), time_vars_.end());
    return vars;
  }

  Node SubjectNode(const Fact& fact) {
    if (rng_.Percent(85)) return Node::Variable(NewVar(&entity_vars_));
    return Node::Constant(fact.subject);
  }

  Node ObjectNode(const Fact& fact) {
    if (rng_.Percent(80)) {
      Node node = Node::Variable(NewVar(&entity_vars_));
      object_vars_.push_back(node.var);
      return node;
    }
    return Node::Constant(fact.object);
  }

  Pattern NewPattern() {
    const Fact& fact = rng_.Pick(facts_);  // Where constants come from.
    Pattern pattern;
    const bool loop = rng_.Percent(5);  // ?x p ?x
    if (entity_vars_.empty()) {
      pattern.subject = SubjectNode(fact);
      pattern.object = loop && pattern.subject.is_variable() ? pattern.subject
                                                             : ObjectNode(fact);
    } else {
      // Join on a variable already bound: a chain or a star.
      const Node shared = Node::Variable(rng_.Pick(entity_vars_));
      const bool another = entity_vars_.size() > 1 && rng_.Percent(10);
      if (rng_.Percent(60)) {
        pattern.subject = shared;
        pattern.object = loop      ? shared
                         : another ? Node::Variable(rng_.Pick(entity_vars_))
                                   : ObjectNode(fact);
      } else {
        pattern.object = shared;
        pattern.subject = loop      ? shared
                          : another ? Node::Variable(rng_.Pick(entity_vars_))
                                    : SubjectNode(fact);
      }
    }
    if (rng_.Percent(12)) {
      pattern.predicate = !predicate_vars_.empty() && rng_.Percent(40)
                              ? Node::Variable(rng_.Pick(predicate_vars_))
                              : Node::Variable(NewVar(&predicate_vars_));
    } else {
      pattern.predicate = Node::Constant(fact.predicate);
    }
    if (!pattern.predicate.is_variable() && rng_.Percent(10)) {
      // A path: p+, p*, or p{m,n}; with no time.
      static constexpr std::pair<int, int> kRepeats[] = {
          {1, Pattern::kUnbounded},
          {0, Pattern::kUnbounded},
          {0, 2},
          {1, 3},
          {2, 2},
          {2, 4},
          {3, Pattern::kUnbounded}};
      const auto [min, max] = kRepeats[rng_.Below(std::size(kRepeats))];
      pattern.repeat_min = min;
      pattern.repeat_max = max;
      return pattern;
    }
    const int time = rng_.Below(100);
    if (time < 45 && !time_vars_.empty() && rng_.Percent(25)) {
      pattern.time_var = rng_.Pick(time_vars_);  // Shared: the same time.
    } else if (time < 45) {
      pattern.time_var = "t" + std::to_string(time_vars_.size());
      time_vars_.push_back(pattern.time_var);
      near_.push_back(fact.time.is_stated() ? fact.time : RandomTime(rng_));
    } else if (time < 53) {
      pattern.time_literal = fact.time.is_stated() && rng_.Percent(90)
                                 ? fact.time
                                 : RandomTime(rng_);
    }
    return pattern;
  }

  void AddFilter() {
    std::vector<int> kinds;
    if (!time_vars_.empty()) kinds.insert(kinds.end(), {0, 0, 0});
    if (!object_vars_.empty()) kinds.insert(kinds.end(), {1, 1});
    if (entity_vars_.size() > 1) kinds.push_back(2);
    if (!entity_vars_.empty()) kinds.push_back(3);
    if (kinds.empty()) return;
    static constexpr TimeRelation kRelations[] = {
        TimeRelation::kBefore, TimeRelation::kAfter, TimeRelation::kDuring,
        TimeRelation::kOverlaps, TimeRelation::kContains};
    static constexpr CompareOp kOps[] = {
        CompareOp::kEqual,     CompareOp::kNotEqual, CompareOp::kLess,
        CompareOp::kLessEqual, CompareOp::kGreater,  CompareOp::kGreaterEqual};
    Filter filter;
    filter.kind = Filter::Kind::kCompare;
    filter.alternative_spelling = rng_.Percent(30);
    switch (rng_.Pick(kinds)) {
      case 0: {  // ?t REL <time>
        const size_t var = rng_.Below(time_vars_.size());
        filter.kind = Filter::Kind::kTime;
        filter.var = time_vars_[var];
        filter.relation = kRelations[rng_.Below(5)];
        filter.time = RandomWindow(near_[var]);
        break;
      }
      case 1:  // ?o OP <integer>
        filter.var = rng_.Pick(object_vars_);
        filter.op = kOps[rng_.Below(6)];
        filter.right = Node::Constant(*Term::Integer(rng_.Pick(Integers())));
        break;
      case 2: {  // ?x != ?y, mostly
        filter.var = rng_.Pick(entity_vars_);
        std::string other = rng_.Pick(entity_vars_);
        while (other == filter.var) other = rng_.Pick(entity_vars_);
        filter.right = Node::Variable(other);
        const int op = rng_.Below(8);
        filter.op = op < 4   ? CompareOp::kNotEqual
                    : op < 6 ? CompareOp::kEqual
                             : kOps[rng_.Below(6)];
        break;
      }
      default:  // ?x = <entity> or ?x != <entity>
        filter.var = rng_.Pick(entity_vars_);
        filter.op = rng_.Percent(50) ? CompareOp::kEqual : CompareOp::kNotEqual;
        filter.right = Node::Constant(rng_.Pick(entities_));
        break;
    }
    query_.filters.push_back(std::move(filter));
  }

  void AddPlainOutputs() {
    for (const std::string& var : AllVars()) {
      if (!rng_.Percent(60)) continue;
      Column column;
      column.var = var;
      const bool is_time = std::find(time_vars_.begin(), time_vars_.end(),
                                     var) != time_vars_.end();
      if (is_time && rng_.Percent(25)) column.kind = Column::Kind::kYear;
      query_.columns.push_back(std::move(column));
    }
    if (query_.columns.empty()) {
      Column column;
      column.var = rng_.Pick(AllVars());
      query_.columns.push_back(std::move(column));
    }
    Shuffle(&query_.columns);
    for (size_t i = 0; i < query_.columns.size(); ++i) {
      if (rng_.Percent(15)) query_.columns[i].alias = "c" + std::to_string(i);
    }
    query_.distinct = rng_.Percent(35);
  }

  void AddAggregateOutputs() {
    const std::vector<std::string> vars = AllVars();
    const int key = vars.empty() ? 0 : rng_.Below(100);
    if (key >= 35) {
      Column column;
      if (key >= 80 && !time_vars_.empty()) {
        column.kind = Column::Kind::kYear;
        column.var = rng_.Pick(time_vars_);
      } else {
        column.var = rng_.Pick(vars);
      }
      query_.group_by.push_back(column);
      if (rng_.Percent(80)) {
        if (rng_.Percent(15)) column.alias = "k";
        query_.columns.push_back(std::move(column));
      }
    }
    const int aggregates = 1 + rng_.Below(3);
    for (int i = 0; i < aggregates; ++i) {
      Column column;
      const int kind = vars.empty() ? 0 : rng_.Below(7);
      if (kind == 0) {
        column.kind = Column::Kind::kCountStar;
      } else if (kind <= 2) {
        column.kind = Column::Kind::kCount;
        column.distinct = kind == 2;
        column.var = rng_.Pick(vars);
      } else if (kind <= 4 && !entity_vars_.empty()) {
        // Not over times: two times with the same days tie here and not in
        // the engine (see reference_evaluator.h).
        column.kind = kind == 3 ? Column::Kind::kMin : Column::Kind::kMax;
        column.var = rng_.Pick(entity_vars_);
      } else if (!object_vars_.empty()) {
        column.kind = kind == 5 ? Column::Kind::kSum : Column::Kind::kAvg;
        column.var = rng_.Pick(object_vars_);
      } else {
        column.kind = Column::Kind::kCountStar;
      }
      if (rng_.Percent(35)) column.alias = "n" + std::to_string(i);
      query_.columns.push_back(std::move(column));
    }
    Shuffle(&query_.columns);
    query_.distinct = rng_.Percent(15);
  }

  // ORDER BY one or two outputs. A time output is only ever the last key:
  // the engine orders two times with the same days by their written form,
  // which the reference ties, so a key after it would be checked wrongly.
  void AddOrder() {
    if (rng_.Percent(45)) {
      std::vector<size_t> candidates;
      for (size_t i = 0; i < query_.columns.size(); ++i) {
        candidates.push_back(i);
      }
      Shuffle(&candidates);
      candidates.resize(std::min<size_t>(candidates.size(), 1 + rng_.Below(2)));
      const auto is_time = [&](size_t i) {
        const Column& column = query_.columns[i];
        return column.kind == Column::Kind::kVariable &&
               std::find(time_vars_.begin(), time_vars_.end(), column.var) !=
                   time_vars_.end();
      };
      std::stable_partition(candidates.begin(), candidates.end(),
                            [&](size_t i) { return !is_time(i); });
      for (size_t i = 0; i < candidates.size(); ++i) {
        if (is_time(candidates[i]) && i + 1 < candidates.size()) continue;
        reference::OrderKey key;
        key.column = candidates[i];
        key.descending = rng_.Percent(40);
        key.by_alias =
            !query_.columns[key.column].alias.empty() && rng_.Percent(50);
        key.explicit_asc = rng_.Percent(30);
        query_.order_by.push_back(key);
      }
      if (rng_.Percent(50)) query_.limit = rng_.Below(7);
      if (rng_.Percent(30)) query_.offset = rng_.Below(5);
    } else if (rng_.Percent(8)) {
      query_.limit = 1 + rng_.Below(5);
    }
  }

  // A time to compare a time variable with: mostly at an edge of `near`,
  // the time of a fact its pattern matches, else of any fact's time.
  ValidTime RandomWindow(const ValidTime& near) {
    const int choice = rng_.Below(20);
    if (choice < 10) return TimeAtAnEdge(rng_, near);
    if (choice < 12) return near;
    if (times_.empty() || choice >= 17) return RandomTime(rng_);
    if (choice < 15) return TimeAtAnEdge(rng_, rng_.Pick(times_));
    return rng_.Pick(times_);
  }

  template <typename T>
  void Shuffle(std::vector<T>* items) {
    for (size_t i = items->size(); i > 1; --i) {
      std::swap((*items)[i - 1], (*items)[rng_.Below(i)]);
    }
  }

  Rng& rng_;
  const std::vector<Fact>& facts_;
  std::vector<Term> entities_;
  std::vector<ValidTime> times_;

  reference::Query query_;
  int next_var_ = 0;
  std::vector<std::string> entity_vars_;  // Subjects and objects.
  std::vector<std::string> object_vars_;  // May hold integers too.
  std::vector<std::string> predicate_vars_;
  std::vector<std::string> time_vars_;
  std::vector<ValidTime> near_;  // Per time variable: a time it may take.
};

// ---- Running and checking -------------------------------------------------

using Runner =
    std::function<absl::StatusOr<QueryResult>(const std::string& text)>;

struct Case {
  int index = 0;
  reference::Query query;
  reference::Rows expected;
};

class Reporter {
 public:
  // `graph` names the graph in reports ("seed 7").
  Reporter(std::string graph, const std::vector<Fact>& facts)
      : graph_(std::move(graph)), facts_(facts) {}
  ~Reporter() {
    if (mismatches_ > kReportsPerSeed) {
      ADD_FAILURE() << graph_ << ": " << mismatches_ << " mismatches in all, "
                    << kReportsPerSeed << " reported";
    }
  }

  // Runs `test.query` as `variant` and checks the answer.
  void Run(const Case& test, const std::string& variant, bool reverse,
           const Runner& run) {
    const std::string text = test.query.ToText(reverse);
    const absl::StatusOr<QueryResult> result = run(text);
    std::string problem;
    if (!result.ok()) {
      problem = absl::StrCat("error: ", result.status().ToString(), "\n");
    } else if (result->columns != test.query.ColumnNames()) {
      problem = absl::StrCat(
          "columns [", absl::StrJoin(result->columns, ", "), "], expected [",
          absl::StrJoin(test.query.ColumnNames(), ", "), "]\n");
    } else {
      problem = reference::Check(test.query, test.expected,
                                 reference::RowsOf(result->rows));
    }
    if (problem.empty() || ++mismatches_ > kReportsPerSeed) return;
    const absl::StatusOr<QueryResult> plan = run("EXPLAIN " + text);
    ADD_FAILURE() << graph_ << ", query " << test.index << " (" << variant
                  << "):\n  " << text << "\n"
                  << problem << "  plan:\n"
                  << (plan.ok() ? plan->plan : plan.status().ToString())
                  << (mismatches_ == 1
                          ? absl::StrCat("  facts:\n", AddScript(facts_))
                          : "  facts: as printed for the first mismatch\n");
  }

 private:
  const std::string graph_;
  const std::vector<Fact>& facts_;
  int mismatches_ = 0;
};

absl::StatusOr<QueryResult> RunWithPlanOptions(const Store& store,
                                               const std::string& text,
                                               const PlanOptions& options) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, Parse(text));
  if (statements.size() != 1) {
    return absl::InternalError("expected one statement");
  }
  const FindSource source{&store, /*snapshot=*/nullptr, /*interrupts=*/nullptr,
                          /*counters=*/std::nullopt};
  return RunFind(source, text, statements.front(), {}, options);
}

bool HasTimeFilter(const reference::Query& query) {
  for (const Filter& filter : query.filters) {
    if (filter.kind == Filter::Kind::kTime) return true;
  }
  return false;
}

class DifferentialTest : public ::testing::TestWithParam<int> {};

TEST_P(DifferentialTest, EngineAgreesWithReference) {
  const int seed = GetParam();
  Rng rng(static_cast<uint64_t>(seed));
  const std::vector<Fact> writes = RandomFacts(rng);
  const std::vector<Fact> facts = DistinctFacts(writes);
  QueryGenerator generator(&rng, facts);
  std::vector<Case> cases;
  for (int i = 0; i < kQueriesPerSeed; ++i) {
    Case test;
    test.index = i;
    test.query = generator.Next();
    test.expected = reference::Evaluate(test.query, facts);
    cases.push_back(std::move(test));
  }

  TempDir dir;
  Reporter reporter(absl::StrCat("seed ", seed), facts);
  {
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir.Sub("db"), Options{.sync_commits = false});
    ASSERT_OK(StatusOf(db));
    // In transactions of 80, so that later ones meet terms already stored.
    for (size_t begin = 0; begin < writes.size(); begin += 80) {
      Transaction txn;
      for (size_t i = begin; i < std::min(writes.size(), begin + 80); ++i) {
        txn.Add(writes[i]);
      }
      ASSERT_OK(StatusOf((*db)->Commit(txn)));
    }
    const Runner query = [&](const std::string& text) {
      return (*db)->Query(text);
    };
    // A prepared statement keeps its plan and rewinds it for the next run:
    // the second run must read everything again from the start.
    const Runner prepared_again =
        [&](const std::string& text) -> absl::StatusOr<QueryResult> {
      ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<PreparedStatement> prepared,
                               (*db)->Prepare(text));
      ALMANAC_RETURN_IF_ERROR(prepared->Execute().status());
      return prepared->Execute();
    };
    for (const Case& test : cases) {
      reporter.Run(test, "Database::Query", false, query);
      if (test.query.patterns.size() > 1) {
        reporter.Run(test, "Database::Query, patterns reversed", true, query);
      }
      reporter.Run(test, "a prepared statement's second run", false,
                   prepared_again);
    }
  }

  // The same database, read below the API with optimizer passes off.
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open(dir.Sub("db"), StoreOptions{.create_if_missing = false});
  ASSERT_OK(StatusOf(store));
  const auto without = [&](std::set<std::string> passes) -> Runner {
    return [&store, passes](const std::string& text) {
      return RunWithPlanOptions(**store, text, PlanOptions{passes});
    };
  };
  const Runner in_written_order = without({"order_joins"});
  const Runner unpushed = without({"push_time_filters"});
  PlanOptions hash_options;
  hash_options.joins = PlanOptions::Joins::kAlwaysHash;
  const Runner hash_joined = [&](const std::string& text) {
    return RunWithPlanOptions(**store, text, hash_options);
  };
  // Each join takes the hash or merge join from its second input row, the
  // index join for fewer: both sides of an AdaptiveJoin meet these small
  // graphs, and the rows read before the switch are passed on.
  PlanOptions early_switch_options;
  early_switch_options.adaptive_switch_rows = 2;
  const Runner switched_early = [&](const std::string& text) {
    return RunWithPlanOptions(**store, text, early_switch_options);
  };
  PlanOptions merge_options;
  merge_options.joins = PlanOptions::Joins::kPreferMerge;
  const Runner merge_joined = [&](const std::string& text) {
    return RunWithPlanOptions(**store, text, merge_options);
  };
  // A grouped query over one pattern reads its scan in slices on threads
  // of their own, however few its facts.
  PlanOptions parallel_options;
  parallel_options.max_threads = 3;
  parallel_options.split_small_scans = true;
  const Runner in_slices = [&](const std::string& text) {
    return RunWithPlanOptions(**store, text, parallel_options);
  };
  for (const Case& test : cases) {
    reporter.Run(test, "aggregated in 3 slices", false, in_slices);
    if (test.query.patterns.size() > 1) {
      reporter.Run(test, "hash joins", false, hash_joined);
      reporter.Run(test, "hash joins, patterns reversed", true, hash_joined);
      reporter.Run(test, "joins switching after 2 rows", false, switched_early);
      reporter.Run(test, "joins switching after 2 rows, patterns reversed",
                   true, switched_early);
      reporter.Run(test, "merge joins where in order", false, merge_joined);
      reporter.Run(test, "merge joins where in order, patterns reversed", true,
                   merge_joined);
    }
    reporter.Run(test, "order_joins off", false, in_written_order);
    if (test.query.patterns.size() > 1) {
      reporter.Run(test, "order_joins off, patterns reversed", true,
                   in_written_order);
    }
    if (HasTimeFilter(test.query)) {
      reporter.Run(test, "push_time_filters off", false, unpushed);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, DifferentialTest,
                         ::testing::Range(1, kSeeds + 1));

// ---- Time filters at the edges ----------------------------------------------

// Fact times whose edges touch: 2013-12-31 ends where 2014 begins,
// 2014-03-07 and 2014-03-08 are adjacent, 2014, 2014..2014 and
// 2014-01-01..2014-12-31 cover the same days.
const std::vector<std::string>& EdgeTimes() {
  static const auto* times = new std::vector<std::string>{
      "2014",
      "2014..2014",
      "2014-01-01..2014-12-31",
      "2014-03",
      "2014-03-07",
      "2014-03-08",
      "2013-12-31",
      "2015-01-01",
      "2013-06..2014-02-15",
      "2014-03-07..2014-03-31",
      "2014-06..",
      "..2014-02",
      "..2013",
      "2015..",
      "2012..2016",
      "2014-12",
      "2014-12-31",
  };
  return *times;
}

// Each time twice, under different subjects, predicates and objects, and
// two facts with no time.
std::vector<Fact> EdgeFacts() {
  const std::vector<Term> subjects = {Term::Entity("A"), Term::Entity("B c")};
  const std::vector<Term> predicates = {Term::Entity("p"), Term::Entity("q")};
  const std::vector<Term> objects = {Term::Entity("A"), Term::Entity("C\u00A0"),
                                     *Term::Integer(7)};
  std::vector<Fact> facts;
  const size_t n = EdgeTimes().size();
  for (size_t i = 0; i < 2 * n; ++i) {
    Fact fact;
    fact.subject = subjects[i % 2];
    fact.predicate = predicates[(i / 3) % 2];
    fact.object = objects[i % 3];
    fact.time = *ValidTime::Parse(EdgeTimes()[i % n]);
    facts.push_back(std::move(fact));
  }
  for (size_t i = 0; i < 2; ++i) {
    Fact fact;
    fact.subject = subjects[i];
    fact.predicate = predicates[i];
    fact.object = objects[i + 1];
    facts.push_back(std::move(fact));
  }
  return DistinctFacts(facts);
}

// The fact times, and around every edge of each: the day before, the day
// itself, from it and until it.
std::vector<ValidTime> EdgeWindows() {
  std::vector<ValidTime> windows;
  std::set<std::string> seen;
  const auto add = [&](ValidTime time) {
    if (seen.insert(time.ToString()).second) windows.push_back(time);
  };
  for (const std::string& text : EdgeTimes()) {
    const ValidTime time = *ValidTime::Parse(text);
    add(time);
    for (const int32_t day : EdgeDays(time)) {
      const Date date = Date::FromDayNumber(day);
      add(ValidTime::At(date));
      add(*ValidTime::Between(date, std::nullopt));
      add(*ValidTime::Between(std::nullopt, date));
    }
  }
  return windows;
}

// Patterns over the edge graph that read each index: nothing bound (spo),
// the predicate (predicate_time when a time is pushed), the subject or the
// object (entity_time), two positions (spo, pos).
std::vector<Pattern> EdgeShapes() {
  const Node s = Node::Variable("s");
  const Node p = Node::Variable("p");
  const Node o = Node::Variable("o");
  const Node a = Node::Constant(Term::Entity("A"));
  const Node q = Node::Constant(Term::Entity("p"));
  std::vector<Pattern> shapes;
  for (const auto& [subject, predicate, object] :
       std::vector<std::tuple<Node, Node, Node>>{
           {s, p, o}, {s, q, o}, {a, p, o}, {s, p, a}, {a, q, o}, {s, q, a}}) {
    Pattern pattern;
    pattern.subject = subject;
    pattern.predicate = predicate;
    pattern.object = object;
    shapes.push_back(std::move(pattern));
  }
  return shapes;
}

// FIND every variable of `pattern`, its time last.
reference::Query FindAll(const Pattern& pattern) {
  reference::Query query;
  query.patterns.push_back(pattern);
  for (const std::string& var : {pattern.subject.var, pattern.predicate.var,
                                 pattern.object.var, pattern.time_var}) {
    if (var.empty()) continue;
    Column column;
    column.var = var;
    query.columns.push_back(std::move(column));
  }
  return query;
}

class DifferentialEdgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), Options{.sync_commits = false});
    ASSERT_OK(StatusOf(db));
    db_ = *std::move(db);
    Transaction txn;
    for (const Fact& fact : facts_) txn.Add(fact);
    ASSERT_OK(StatusOf(db_->Commit(txn)));
  }

  void Run(Reporter* reporter, const Case& test) {
    reporter->Run(test, "Database::Query", false,
                  [&](const std::string& text) { return db_->Query(text); });
  }

  const std::vector<Fact> facts_ = EdgeFacts();
  TempDir dir_;
  std::unique_ptr<Database> db_;
};

// `?t REL window` for every relation and window, each pair asked through
// one of the shapes in turn.
TEST_F(DifferentialEdgeTest, TimeFiltersAtTheEdgesOfFactTimes) {
  static constexpr TimeRelation kRelations[] = {
      TimeRelation::kBefore, TimeRelation::kAfter, TimeRelation::kDuring,
      TimeRelation::kOverlaps, TimeRelation::kContains};
  const std::vector<Pattern> shapes = EdgeShapes();
  Reporter reporter("edge graph", facts_);
  int index = 0;
  for (const ValidTime& window : EdgeWindows()) {
    for (const TimeRelation relation : kRelations) {
      Pattern pattern = shapes[index % shapes.size()];
      pattern.time_var = "t";
      Case test;
      test.index = index++;
      test.query = FindAll(pattern);
      Filter filter;
      filter.var = "t";
      filter.relation = relation;
      filter.time = window;
      test.query.filters.push_back(std::move(filter));
      test.expected = reference::Evaluate(test.query, facts_);
      Run(&reporter, test);
    }
  }
}

// `@ <time>` in a pattern matches the time as written: 2014, 2014..2014
// and 2014-01-01..2014-12-31 cover the same days and are three times.
TEST_F(DifferentialEdgeTest, PatternTimesMatchAsWritten) {
  Reporter reporter("edge graph", facts_);
  int index = 0;
  for (const std::string& time : EdgeTimes()) {
    for (Pattern pattern : EdgeShapes()) {
      pattern.time_literal = *ValidTime::Parse(time);
      Case test;
      test.index = index++;
      test.query = FindAll(pattern);
      test.expected = reference::Evaluate(test.query, facts_);
      Run(&reporter, test);
    }
  }
}

// "cell | cell" per row, in order.
std::vector<std::string> RenderRows(
    const std::vector<std::vector<Cell>>& rows) {
  std::vector<std::string> rendered;
  for (const std::vector<Cell>& row : rows) {
    rendered.push_back(reference::RenderRow(row));
  }
  return rendered;
}

// ---- Disagreements found --------------------------------------------------
//
// Each test below pins, in its smallest form, one disagreement between the
// engine and the documented semantics that this test found. The random
// queries above leave the construct out so that they keep checking the
// rest.

// Opens a database in `dir` holding the facts `script` adds.
std::unique_ptr<Database> OpenWith(const TempDir& dir,
                                   std::string_view script) {
  absl::StatusOr<std::unique_ptr<Database>> db =
      Database::Open(dir.Sub("db"), Options{.sync_commits = false});
  EXPECT_OK(StatusOf(db));
  if (!db.ok()) return nullptr;
  EXPECT_OK(StatusOf((*db)->Execute(script)));
  return *std::move(db);
}

// The rows of `statement`, or its error.
std::vector<std::string> Answer(Database& db, std::string_view statement) {
  const absl::StatusOr<QueryResult> result = db.Query(statement);
  if (!result.ok()) return {result.status().ToString()};
  return RenderRows(reference::RowsOf(result->rows));
}

// Term::ToString must write an entity named like a keyword in backticks,
// or the text it writes reads back as the keyword (a syntax error) or, for
// True, as the boolean.
TEST(DifferentialBugTest, EntityNamedLikeAKeywordReadsBackFromItsText) {
  TempDir dir;
  std::unique_ptr<Database> db =
      OpenWith(dir, "ADD A p `Union`, A p `True`, A p `order`");
  ASSERT_NE(db, nullptr);
  for (const char* name : {"Union", "True", "order"}) {
    const std::string text =
        "FIND ?s WHERE ?s p " + Term::Entity(name).ToString();
    EXPECT_EQ(Answer(*db, text), std::vector<std::string>{"A"}) << text;
  }
}

// A fact with no time and a fact with one share no ?t, whichever of their
// patterns is written first.
TEST(DifferentialBugTest, SharedTimeVariableDoesNotDependOnPatternOrder) {
  TempDir dir;
  std::unique_ptr<Database> db = OpenWith(dir, "ADD A p B, B q C @ 2014");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Answer(*db, "FIND ?a, ?c WHERE ?a p ?b @ ?t . ?b q ?c @ ?t"),
            std::vector<std::string>{});
  EXPECT_EQ(Answer(*db, "FIND ?a, ?c WHERE ?b q ?c @ ?t . ?a p ?b @ ?t"),
            std::vector<std::string>{});
}

// Two facts with no time join on a shared ?t ("joins only with another
// fact without a time", query/pattern_join.cc); PatternJoin::StartScan
// makes no scan at all when the ?t it is given is not stated.
TEST(DifferentialBugTest, FactsWithNoTimeJoinOnASharedTimeVariable) {
  TempDir dir;
  std::unique_ptr<Database> db = OpenWith(dir, "ADD A p B, B q C");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Answer(*db, "FIND ?a, ?c WHERE ?a p ?b @ ?t . ?b q ?c @ ?t"),
            std::vector<std::string>{"A | C"});
}

// ?t of a fact with no time is empty, and a comparison with an empty
// operand is empty, which FILTER treats as false (docs/query-language.md,
// FILTER). The engine binds ?t to a time that is not stated, and compares
// it like any time.
TEST(DifferentialBugTest, TimeOfAFactWithNoTimeComparesAsEmpty) {
  TempDir dir;
  std::unique_ptr<Database> db = OpenWith(dir, "ADD A p B");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Answer(*db, "FIND ?o WHERE A p ?o @ ?t FILTER ?t = ?t"),
            std::vector<std::string>{});
  EXPECT_EQ(Answer(*db, "FIND ?o WHERE A p ?o @ ?t FILTER ?t != 2014-03"),
            std::vector<std::string>{});
}

// "= ... compare[s] dates and times with each other (by first day, then
// last day)" (docs/query-language.md, Comparisons): 2014-03-01..2014-03-31
// and 2014-03 cover the same days. The engine also compares how they are
// written. (Either the docs or Evaluator::Compare is to change.)
TEST(DifferentialBugTest, TimesWithTheSameDaysCompareEqual) {
  TempDir dir;
  std::unique_ptr<Database> db =
      OpenWith(dir, "ADD A p B @ 2014-03-01..2014-03-31");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Answer(*db, "FIND ?o WHERE A p ?o @ ?t FILTER ?t = 2014-03"),
            std::vector<std::string>{"B"});
}

// avg is "the mean of the numbers among the values": over entities it is
// empty, but over times it was 0.0 (a time was counted, then nothing was
// added).
TEST(DifferentialBugTest, AvgOfTimesIsEmptyLikeAvgOfEntities) {
  TempDir dir;
  std::unique_ptr<Database> db = OpenWith(dir, "ADD A p B @ 2014");
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(Answer(*db, "FIND avg(?o), avg(?t) WHERE A p ?o @ ?t"),
            std::vector<std::string>{" | "});
}

// OPTIONAL, NOT EXISTS and UNION, which the reference evaluator leaves
// out, give the same rows whichever join runs inside and around them: by
// index, by hash, and switching between the two for each outer row
// (AdaptiveJoin, here from 3 or 4 input rows, between the branches' fewest
// and most).
TEST(DifferentialJoinTest, BranchesGiveTheSameRowsWhicheverJoinRuns) {
  TempDir dir;
  {
    std::string script = "ADD ";
    for (int i = 0; i < 40; ++i) {
      absl::StrAppend(
          &script, i == 0 ? "" : ", ", "N", i % 10, " p N", (i * 3) % 11, ", N",
          i % 9, " q N", (i * 7) % 10,
          i % 4 == 0 ? absl::StrCat(", N", i % 8, " r N", i % 5) : "");
    }
    ASSERT_NE(OpenWith(dir, script), nullptr);
  }
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open(dir.Sub("db"), StoreOptions{.create_if_missing = false});
  ASSERT_OK(StatusOf(store));
  std::vector<PlanOptions> ways(4);
  ways[0].joins = PlanOptions::Joins::kAlwaysIndex;
  ways[1].joins = PlanOptions::Joins::kAlwaysHash;
  ways[2].adaptive_switch_rows = 3;
  ways[3].adaptive_switch_rows = 4;
  bool switched_within_a_run = false;
  for (const char* query : {
           "FIND ?a, ?c WHERE ?a p ?b OPTIONAL { ?b q ?c . ?c r ?d }",
           "FIND ?a, ?b WHERE ?a p ?b NOT EXISTS { ?b q ?c . ?c p ?a }",
           "FIND ?x, ?y WHERE { ?x p ?y . ?y q ?z } UNION "
           "{ ?x q ?y . ?y r ?z } . ?y p ?w",
           "FIND ?a, count(*) AS n WHERE ?a p ?b "
           "OPTIONAL { ?b q ?c . ?d r ?c } GROUP BY ?a",
       }) {
    SCOPED_TRACE(query);
    std::vector<std::vector<std::string>> answers;
    for (const PlanOptions& options : ways) {
      absl::StatusOr<QueryResult> result =
          RunWithPlanOptions(**store, query, options);
      ASSERT_OK(StatusOf(result));
      std::vector<std::string> rows =
          RenderRows(reference::RowsOf(result->rows));
      std::sort(rows.begin(), rows.end());
      answers.push_back(std::move(rows));
    }
    EXPECT_FALSE(answers[0].empty());
    for (size_t way = 1; way < ways.size(); ++way) {
      EXPECT_EQ(answers[way], answers[0]) << "way " << way;
    }
    for (size_t way = 2; way < ways.size(); ++way) {
      absl::StatusOr<QueryResult> analyzed = RunWithPlanOptions(
          **store, absl::StrCat("EXPLAIN ANALYZE ", query), ways[way]);
      ASSERT_OK(StatusOf(analyzed));
      switched_within_a_run =
          switched_within_a_run ||
          analyzed->plan.find(", HashJoin") != std::string::npos;
    }
  }
  // Some branch took the index join for one outer row and the hash join
  // for another.
  EXPECT_TRUE(switched_within_a_run);
}

}  // namespace
}  // namespace almanac
