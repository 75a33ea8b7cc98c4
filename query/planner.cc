// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/planner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"
#include "query/adaptive_join.h"
#include "query/aggregate.h"
#include "query/hash_join.h"
#include "query/merge_join.h"
#include "query/path_join.h"
#include "query/pattern_join.h"
#include "query/relational.h"
#include "query/time_bounds.h"
#include "storage/fact_scanner.h"
#include "storage/records.h"

namespace almanac {
namespace {

using ExprKind = ast::Expr::Kind;

// The statistics the planner estimates with, read once per query.
class Estimator {
 public:
  Estimator(const ExecContext& context) : context_(context) {
    absl::StatusOr<StoreCounters> counters =
        context.counters ? *context.counters
                         : context.store->ReadCounters(context.snapshot);
    if (counters.ok()) {
      facts_ = static_cast<double>(counters->facts);
      entities_ = std::max<double>(1, counters->entities);
    }
  }

  // Estimated rows a scan of `pattern` yields per input row, given which
  // slots are bound.
  double Rows(const BoundPattern& pattern, const std::vector<bool>& bound) {
    const auto is_bound = [&](const BoundTerm& term) {
      return term.kind != BoundTerm::Kind::kSlot || bound[term.slot];
    };
    for (const BoundTerm* term :
         {&pattern.subject, &pattern.predicate, &pattern.object}) {
      if (term->kind == BoundTerm::Kind::kMissing) return 0;
    }
    double rows = facts_;
    double subjects = entities_;
    double objects = entities_;
    double time_share = 1;  // Of those facts, the share the bounds admit.
    if (pattern.predicate.kind == BoundTerm::Kind::kConstant) {
      const PredicateCounts counts = CountsOf(pattern.predicate.id);
      rows = static_cast<double>(counts.facts);
      subjects = std::max<double>(1, counts.distinct_subjects);
      objects = std::max<double>(1, counts.distinct_objects);
      if (pattern.bounds && counts.has_span()) {
        time_share = SpanFraction(*pattern.bounds, counts);
      }
    } else if (is_bound(pattern.predicate)) {
      rows /= 100;  // A predicate from an earlier pattern.
    }
    if (is_bound(pattern.subject)) rows /= subjects;
    if (is_bound(pattern.object)) rows /= objects;
    // A pattern whose subject, predicate and object slots nothing binds,
    // and whose keys were measured (MeasureScans): the measure replaces the
    // guess from the averages.
    if (!ReadsBoundSlot(pattern, bound)) {
      if (auto it = measured_.find(ConstantsOf(pattern));
          it != measured_.end()) {
        const Measured& measured = it->second;
        rows = measured.at_most ? std::min(rows, measured.rows) : measured.rows;
      }
    }
    rows *= time_share;
    if (pattern.time.kind == BoundTime::Kind::kConstant ||
        (pattern.time.kind == BoundTime::Kind::kSlot &&
         bound[pattern.time.slot])) {
      rows /= 10;
    }
    return rows;
  }

  // Estimates, from the size on disk of their key ranges (no key is
  // read), the facts of each of `patterns` that has a constant subject or
  // object, for Rows() to use instead of the statistics when the pattern is
  // read on its own. The statistics assume that every subject or object of
  // a predicate has as many facts, and a popular one has hundreds of times
  // more: joining from it first, or holding all its facts in a hash table,
  // can read thousands of times more than the other way round. A range
  // within one data block is too small to measure: it holds at most a
  // block's keys (hundreds to thousands of facts, as the keys compress),
  // and the statistics stay below that.
  // Facts in memtables are not measured (RocksDB's estimate of them
  // samples a skip list, and would make plans vary from run to run): a
  // pattern whose facts are mostly there is taken for a small one, or,
  // when the index has no files yet, keeps the statistics. Either way the
  // AdaptiveJoin that reads such a pattern's rows counts them as they come.
  // Time bounds are left out (Rows() applies their share to the measure as
  // it does to the statistics).
  void MeasureScans(const std::vector<BoundPattern>& patterns) {
    for (const BoundPattern& pattern : patterns) {
      if (pattern.subject.kind != BoundTerm::Kind::kConstant &&
          pattern.object.kind != BoundTerm::Kind::kConstant) {
        continue;
      }
      const std::array<TermId, 3> constants = ConstantsOf(pattern);
      if (measured_.contains(constants)) continue;
      ScanSpec spec;
      if (constants[0] != 0) spec.subject = constants[0];
      if (constants[1] != 0) spec.predicate = constants[1];
      if (constants[2] != 0) spec.object = constants[2];
      uint64_t block_keys = 0;
      const uint64_t rows =
          EstimateScanRows(*context_.store, spec, &block_keys);
      if (rows > 0) {
        measured_[constants] = {static_cast<double>(rows), false};
      } else if (block_keys > 0) {
        measured_[constants] = {static_cast<double>(block_keys), true};
      }
    }
  }

 private:
  // The constant ids of a pattern's subject, predicate and object; 0 where
  // it has none.
  static std::array<TermId, 3> ConstantsOf(const BoundPattern& pattern) {
    const auto constant = [](const BoundTerm& term) -> TermId {
      return term.kind == BoundTerm::Kind::kConstant ? term.id : 0;
    };
    return {constant(pattern.subject), constant(pattern.predicate),
            constant(pattern.object)};
  }

  PredicateCounts CountsOf(TermId predicate) {
    auto it = counts_.find(predicate);
    if (it == counts_.end()) {
      absl::StatusOr<PredicateCounts> counts;
      if (context_.predicate_counts != nullptr && context_.counters) {
        counts = context_.predicate_counts->Get(
            *context_.store, context_.snapshot, context_.counters->last_tx,
            predicate);
      } else {
        counts =
            ReadPredicateCounts(*context_.store, context_.snapshot, predicate);
      }
      it = counts_.emplace(predicate, counts.ok() ? *counts : PredicateCounts())
               .first;
    }
    return it->second;
  }

  // The share of a predicate's time span that `bounds` admits as begins.
  static double SpanFraction(const TimeBounds& bounds,
                             const PredicateCounts& counts) {
    const double low = std::max<double>(bounds.begin_min, counts.min_begin);
    const double high = std::min<double>(bounds.begin_max, counts.max_end);
    const double span = std::max<double>(
        1, static_cast<double>(counts.max_end) - counts.min_begin);
    if (high < low) return 0.01;
    return std::clamp((high - low + 1) / span, 0.01, 1.0);
  }

  const ExecContext& context_;
  double facts_ = 0;
  double entities_ = 1;
  absl::flat_hash_map<TermId, PredicateCounts> counts_;
  struct Measured {
    double rows = 0;
    bool at_most = false;  // Too small to measure: rows is a bound.
  };
  absl::flat_hash_map<std::array<TermId, 3>, Measured> measured_;
};

void CollectSlots(const BoundExpr& expr, std::vector<int>* slots) {
  if (expr.kind == ExprKind::kVariable) slots->push_back(expr.slot);
  for (const BoundExpr& arg : expr.args) CollectSlots(arg, slots);
}

// The most threads one operator may use: PlanOptions::max_threads, or one
// per core. The cores are counted once: glibc reads /sys to count them,
// which costs as much as planning a small query.
int ThreadsAllowed(const PlanOptions& options) {
  static const int cores =
      std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  return options.max_threads > 0 ? options.max_threads : cores;
}

bool AllBound(const BoundExpr& expr, const std::vector<bool>& bound) {
  std::vector<int> slots;
  CollectSlots(expr, &slots);
  return std::all_of(slots.begin(), slots.end(),
                     [&](int slot) { return bound[slot]; });
}

void MarkBound(const BoundPattern& pattern, std::vector<bool>* bound) {
  for (const BoundTerm* term :
       {&pattern.subject, &pattern.predicate, &pattern.object}) {
    if (term->kind == BoundTerm::Kind::kSlot) (*bound)[term->slot] = true;
  }
  if (pattern.time.kind == BoundTime::Kind::kSlot) {
    (*bound)[pattern.time.slot] = true;
  }
  if (pattern.source && pattern.source->kind == BoundTerm::Kind::kSlot) {
    (*bound)[pattern.source->slot] = true;
  }
}

bool SharesSlot(const BoundPattern& pattern, const std::vector<bool>& bound) {
  for (const BoundTerm* term :
       {&pattern.subject, &pattern.predicate, &pattern.object}) {
    if (term->kind == BoundTerm::Kind::kSlot && bound[term->slot]) return true;
  }
  if (pattern.source && pattern.source->kind == BoundTerm::Kind::kSlot &&
      bound[pattern.source->slot]) {
    return true;
  }
  return pattern.time.kind == BoundTime::Kind::kSlot &&
         bound[pattern.time.slot];
}

// push_time_filters: FILTER ?t REL <time> narrows the scan binding ?t.
// The bounds are exact (BoundsFor), so the filter itself is dropped when
// every row gets its ?t from that scan's fact: when no OPTIONAL or UNION
// comes before the scan (one could bind ?t, or leave it unbound, first).
// A time that is not stated (an empty $parameter) makes no bounds: the
// filter is false for it, and stays.
void PushTimeFilters(BoundGroup* group) {
  std::vector<BoundExpr> kept;
  for (BoundExpr& filter : group->filters) {
    if (filter.kind < ExprKind::kBefore || filter.kind > ExprKind::kContains ||
        filter.args.size() != 2 || filter.args[0].kind != ExprKind::kVariable ||
        filter.args[1].kind != ExprKind::kTime ||
        !filter.args[1].constant.time.is_stated()) {
      kept.push_back(std::move(filter));
      continue;
    }
    static constexpr TimeRelation kRelations[] = {
        TimeRelation::kBefore, TimeRelation::kAfter, TimeRelation::kDuring,
        TimeRelation::kOverlaps, TimeRelation::kContains};
    const TimeRelation relation =
        kRelations[static_cast<int>(filter.kind) -
                   static_cast<int>(ExprKind::kBefore)];
    const TimeBounds bounds =
        BoundsFor(relation, filter.args[1].constant.time.days());
    BoundPattern* binding = nullptr;  // The first pattern that binds ?t.
    bool after_branch = false;        // An OPTIONAL or UNION comes first.
    for (BoundGroup::Step& step : group->steps) {
      if (binding == nullptr &&
          step.kind != BoundGroup::Step::Kind::kPatterns) {
        after_branch = true;
      }
      for (BoundPattern& pattern : step.patterns) {
        if (binding == nullptr && pattern.time.kind == BoundTime::Kind::kSlot &&
            pattern.time.slot == filter.args[0].slot) {
          binding = &pattern;
        }
      }
    }
    if (binding == nullptr || after_branch) kept.push_back(filter);
    if (binding == nullptr) continue;
    TimeBounds merged = binding->bounds.value_or(TimeBounds());
    merged.begin_min = std::max(merged.begin_min, bounds.begin_min);
    merged.begin_max = std::min(merged.begin_max, bounds.begin_max);
    merged.end_min = std::max(merged.end_min, bounds.end_min);
    merged.end_max = std::min(merged.end_max, bounds.end_max);
    binding->bounds = merged;
  }
  group->filters = std::move(kept);
}

class GroupPlanner {
 public:
  GroupPlanner(const ExecContext& context, const PlanOptions& options,
               const std::vector<std::string>& slot_names)
      : context_(context),
        options_(options),
        slot_names_(slot_names),
        estimator_(context) {}

  absl::StatusOr<std::unique_ptr<Operator>> Plan(const BoundGroup& group,
                                                 std::unique_ptr<Operator> op,
                                                 std::vector<bool>* bound) {
    std::vector<bool> placed(group.filters.size(), false);
    for (const BoundGroup::Step& step : group.steps) {
      switch (step.kind) {
        case BoundGroup::Step::Kind::kPatterns:
          op =
              JoinPatterns(group, step.patterns, std::move(op), bound, &placed);
          break;
        case BoundGroup::Step::Kind::kOptional:
        case BoundGroup::Step::Kind::kUnion: {
          const BranchJoin::Mode mode =
              step.kind == BoundGroup::Step::Kind::kOptional
                  ? BranchJoin::Mode::kOptional
                  : BranchJoin::Mode::kUnion;
          ALMANAC_ASSIGN_OR_RETURN(
              op, Branches(mode, step.groups, std::move(op), bound));
          break;
        }
      }
      op = PlaceFilters(group, std::move(op), *bound, &placed);
    }
    for (const BoundGroup& not_exists : group.not_exists) {
      std::vector<bool> inner = *bound;
      ALMANAC_ASSIGN_OR_RETURN(
          op, Branches(BranchJoin::Mode::kNotExists, {not_exists},
                       std::move(op), &inner));
    }
    // Filters whose variables no step binds: evaluated on unbound values.
    for (size_t i = 0; i < group.filters.size(); ++i) {
      if (!placed[i]) op = MakeFilter(group.filters[i], std::move(op));
    }
    return op;
  }

 private:
  // Joins a run of patterns cheapest first (order_joins): each step takes
  // the pattern with the fewest estimated rows among those sharing a
  // variable with what is bound, or any when none does.
  // Filters go right above the first pattern that binds all their
  // variables.
  std::unique_ptr<Operator> JoinPatterns(
      const BoundGroup& group, const std::vector<BoundPattern>& patterns,
      std::unique_ptr<Operator> op, std::vector<bool>* bound,
      std::vector<bool>* placed) {
    std::vector<const BoundPattern*> remaining;
    for (const BoundPattern& pattern : patterns) remaining.push_back(&pattern);
    if (patterns.size() > 1) estimator_.MeasureScans(patterns);
    const bool reorder = !options_.disabled_passes.contains("order_joins");
    double rows = op->estimated_rows < 0 ? 1 : op->estimated_rows;
    while (!remaining.empty()) {
      size_t best = 0;
      if (reorder) {
        double best_rows = -1;
        bool best_connected = false;
        for (size_t i = 0; i < remaining.size(); ++i) {
          const bool connected = SharesSlot(*remaining[i], *bound);
          const double estimate = estimator_.Rows(*remaining[i], *bound);
          if (best_rows < 0 || (connected && !best_connected) ||
              (connected == best_connected && estimate < best_rows)) {
            best = i;
            best_rows = estimate;
            best_connected = connected;
          }
        }
      }
      const BoundPattern& pattern = *remaining[best];
      rows *= std::max(0.0, estimator_.Rows(pattern, *bound));
      const bool first_scan =
          !in_branch_ && dynamic_cast<const Seed*>(op.get()) != nullptr;
      if (!pattern.repeat.is_single()) {
        op = std::make_unique<PathJoin>(std::move(op), pattern, context_,
                                        ThreadsAllowed(options_),
                                        options_.split_small_scans);
      } else {
        op = JoinPattern(pattern, std::move(op), *bound);
      }
      if (first_scan) {
        order_slot_ = pattern.repeat.is_single() ? OrderSlot(pattern, *bound)
                                                 : std::nullopt;
      }
      op->estimated_rows = rows;
      MarkBound(pattern, bound);
      remaining.erase(remaining.begin() + best);
      op = PlaceFilters(group, std::move(op), *bound, placed);
    }
    return op;
  }

  // Joins `pattern` to `input`: by index nested loop (PatternJoin: one scan
  // per input row), or in bulk (HashJoin, or MergeJoin where CanMerge: the
  // pattern's facts read once), or, by cost, by an AdaptiveJoin that
  // chooses between the two by the number of rows that come in. A seek
  // costs about as much as reading kSeekCost facts, so the bulk join wins
  // from kMinInputRows input rows and more than a kSeekCost-th of the
  // pattern's estimated facts. The input rows are not estimated here: the
  // AdaptiveJoin counts them.
  std::unique_ptr<Operator> JoinPattern(const BoundPattern& pattern,
                                        std::unique_ptr<Operator> input,
                                        const std::vector<bool>& bound) {
    constexpr double kSeekCost = 16;
    constexpr double kMinInputRows = 64;
    constexpr double kMaxBuildRows = 1 << 20;
    const bool can_merge = CanMerge(pattern, bound);
    const auto index_join = [&](std::unique_ptr<Operator> rows) {
      return std::make_unique<PatternJoin>(std::move(rows), pattern, context_,
                                           bound);
    };
    const auto bulk_join = [&](std::unique_ptr<Operator> rows) {
      return can_merge ? MakeMergeJoin(pattern, std::move(rows), bound)
                       : MakeHashJoin(pattern, std::move(rows), bound);
    };
    if (dynamic_cast<const Seed*>(input.get()) != nullptr) {
      return index_join(std::move(input));
    }
    switch (options_.joins) {
      case PlanOptions::Joins::kAlwaysHash:
        return bulk_join(std::move(input));
      case PlanOptions::Joins::kAlwaysIndex:
        return index_join(std::move(input));
      case PlanOptions::Joins::kPreferMerge:
        if (can_merge) return bulk_join(std::move(input));
        break;
      case PlanOptions::Joins::kByCost:
        break;
    }
    const double build_rows =
        estimator_.Rows(pattern, std::vector<bool>(bound.size(), false));
    if (build_rows > kMaxBuildRows) return index_join(std::move(input));
    const size_t switch_rows =
        options_.adaptive_switch_rows > 0
            ? options_.adaptive_switch_rows
            : static_cast<size_t>(std::max(
                  kMinInputRows, std::floor(build_rows / kSeekCost) + 1));
    return std::make_unique<AdaptiveJoin>(std::move(input), switch_rows,
                                          context_, index_join, bulk_join);
  }

  // A scan of `pattern` on its own (nothing bound but its constants): the
  // build side of a hash join, the right side of a merge join.
  std::unique_ptr<Operator> ScanAlone(const BoundPattern& pattern,
                                      size_t slot_count) {
    const std::vector<bool> nothing_bound(slot_count, false);
    auto scan = std::make_unique<PatternJoin>(
        std::make_unique<Seed>(Row(context_.slot_count)), pattern, context_,
        nothing_bound);
    scan->estimated_rows = estimator_.Rows(pattern, nothing_bound);
    return scan;
  }

  std::unique_ptr<Operator> MakeHashJoin(const BoundPattern& pattern,
                                         std::unique_ptr<Operator> input,
                                         const std::vector<bool>& bound) {
    std::vector<bool> build_binds(bound.size(), false);
    MarkBound(pattern, &build_binds);
    std::vector<int> key_slots;
    std::vector<int> fill_slots;
    std::vector<std::string> key_names;
    for (size_t slot = 0; slot < bound.size(); ++slot) {
      if (!build_binds[slot]) continue;
      (bound[slot] ? key_slots : fill_slots).push_back(static_cast<int>(slot));
      if (bound[slot]) key_names.push_back("?" + slot_names_[slot]);
    }
    std::unique_ptr<Operator> build = ScanAlone(pattern, bound.size());
    return std::make_unique<HashJoin>(
        std::move(input), std::move(build), std::move(key_slots),
        std::move(fill_slots), absl::StrJoin(key_names, ", "));
  }

  // Whether `pattern` can be merge-joined to the rows so far: they ascend
  // by order_slot_ (the order of the top-level group's first scan, which
  // every later join keeps), the pattern shares only that variable with
  // them, and its own scan ascends by it too.
  bool CanMerge(const BoundPattern& pattern, const std::vector<bool>& bound) {
    if (in_branch_ || !order_slot_ || !pattern.repeat.is_single() ||
        options_.joins == PlanOptions::Joins::kAlwaysHash ||
        options_.joins == PlanOptions::Joins::kAlwaysIndex) {
      return false;
    }
    std::vector<bool> pattern_binds(bound.size(), false);
    MarkBound(pattern, &pattern_binds);
    for (size_t slot = 0; slot < bound.size(); ++slot) {
      if (pattern_binds[slot] && bound[slot] &&
          static_cast<int>(slot) != *order_slot_) {
        return false;
      }
    }
    return pattern_binds[*order_slot_] &&
           OrderSlot(pattern, std::vector<bool>(bound.size(), false)) ==
               order_slot_;
  }

  std::unique_ptr<Operator> MakeMergeJoin(const BoundPattern& pattern,
                                          std::unique_ptr<Operator> input,
                                          const std::vector<bool>& bound) {
    std::vector<bool> right_binds(bound.size(), false);
    MarkBound(pattern, &right_binds);
    std::vector<int> fill_slots;
    for (size_t slot = 0; slot < bound.size(); ++slot) {
      if (right_binds[slot] && !bound[slot]) {
        fill_slots.push_back(static_cast<int>(slot));
      }
    }
    std::unique_ptr<Operator> right = ScanAlone(pattern, bound.size());
    return std::make_unique<MergeJoin>(std::move(input), std::move(right),
                                       *order_slot_, std::move(fill_slots),
                                       "?" + slot_names_[*order_slot_]);
  }

  std::unique_ptr<Operator> MakeFilter(const BoundExpr& filter,
                                       std::unique_ptr<Operator> op) {
    const double rows = op->estimated_rows;
    auto filtered =
        std::make_unique<Filter>(std::move(op), filter, context_.evaluator, "");
    filtered->estimated_rows = rows < 0 ? rows : rows / 2;
    return filtered;
  }

  std::unique_ptr<Operator> PlaceFilters(const BoundGroup& group,
                                         std::unique_ptr<Operator> op,
                                         const std::vector<bool>& bound,
                                         std::vector<bool>* placed) {
    for (size_t i = 0; i < group.filters.size(); ++i) {
      if ((*placed)[i] || !AllBound(group.filters[i], bound)) continue;
      (*placed)[i] = true;
      op = MakeFilter(group.filters[i], std::move(op));
    }
    return op;
  }

  absl::StatusOr<std::unique_ptr<Operator>> Branches(
      BranchJoin::Mode mode, const std::vector<BoundGroup>& groups,
      std::unique_ptr<Operator> input, std::vector<bool>* bound) {
    std::vector<BranchJoin::Branch> branches;
    std::vector<bool> after = *bound;
    for (const BoundGroup& group : groups) {
      auto seed = std::make_unique<Seed>(Row());
      Seed* seed_pointer = seed.get();
      std::vector<bool> inner = *bound;
      // A branch runs once per outer row: its rows have no order across
      // them, so no merge join inside.
      const bool was_in_branch = in_branch_;
      in_branch_ = true;
      absl::StatusOr<std::unique_ptr<Operator>> root =
          Plan(group, std::move(seed), &inner);
      in_branch_ = was_in_branch;
      if (!root.ok()) return root.status();
      for (size_t i = 0; i < after.size(); ++i) after[i] = after[i] || inner[i];
      branches.push_back({*std::move(root), seed_pointer});
    }
    const double rows = input->estimated_rows;
    auto join = std::make_unique<BranchJoin>(mode, std::move(input),
                                             std::move(branches));
    join->estimated_rows = rows;
    *bound = after;
    return join;
  }

  const ExecContext& context_;
  const PlanOptions& options_;
  const std::vector<std::string>& slot_names_;
  Estimator estimator_;
  bool in_branch_ = false;  // Planning an OPTIONAL, UNION or NOT EXISTS.
  // The slot the top-level rows ascend by, once its first scan is placed.
  std::optional<int> order_slot_;
};

void DescribeTree(const Operator& op, bool analyzed, const std::string& indent,
                  bool last, bool root, std::string* out) {
  std::string line = op.Describe();
  if (op.estimated_rows >= 0) {
    absl::StrAppend(&line, "  (estimated rows ",
                    static_cast<int64_t>(std::llround(op.estimated_rows)), ")");
  }
  if (analyzed) {
    absl::StrAppend(&line, absl::StrFormat("  (actual rows %d, %.3f ms)",
                                           op.rows(), op.seconds() * 1000));
  }
  absl::StrAppend(out, indent, root ? "" : (last ? "└─ " : "├─ "), line, "\n");
  const std::vector<Operator*> children = op.children();
  const std::string child_indent =
      root ? indent : indent + (last ? "   " : "│  ");
  for (size_t i = 0; i < children.size(); ++i) {
    if (dynamic_cast<const Seed*>(children[i]) != nullptr) continue;
    DescribeTree(*children[i], analyzed, child_indent, i + 1 == children.size(),
                 false, out);
  }
}

std::string JsonEscape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      escaped.push_back('\\');
      escaped.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&escaped, absl::StrFormat("\\u%04x", c));
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

void DescribeJson(const Operator& op, bool analyzed, std::string* out) {
  absl::StrAppend(out, "{\"operator\": \"", JsonEscape(op.Describe()), "\"");
  if (op.estimated_rows >= 0) {
    absl::StrAppend(out, ", \"estimated_rows\": ",
                    static_cast<int64_t>(std::llround(op.estimated_rows)));
  }
  if (analyzed) {
    absl::StrAppend(
        out, ", \"actual_rows\": ", op.rows(),
        absl::StrFormat(", \"milliseconds\": %.3f", op.seconds() * 1000));
  }
  absl::StrAppend(out, ", \"children\": [");
  bool first = true;
  for (const Operator* child : op.children()) {
    if (dynamic_cast<const Seed*>(child) != nullptr) continue;
    if (!first) absl::StrAppend(out, ", ");
    first = false;
    DescribeJson(*child, analyzed, out);
  }
  absl::StrAppend(out, "]}");
}

// The scan a pipeline starts with: the first pattern operator on the chain
// of first inputs from `root` (Filters and joins sit above it). Null when
// it starts otherwise (a path).
PatternJoin* DrivingScan(Operator& root) {
  for (Operator* op = &root; op != nullptr;) {
    if (auto* scan = dynamic_cast<PatternJoin*>(op)) return scan;
    const std::vector<Operator*> children = op->children();
    op = children.empty() ? nullptr : children[0];
  }
  return nullptr;
}

// How many threads the aggregation of `where`, planned as `plan`, is worth:
// more than one only for one pattern (with filters) whose scan is
// estimated to hold ParallelAggregate::kMinRowsPerPart facts per thread.
int AggregationThreads(const BoundGroup& where, Operator& plan,
                       const PlanOptions& options) {
  const int threads = ThreadsAllowed(options);
  const bool one_pattern =
      where.steps.size() == 1 &&
      where.steps[0].kind == BoundGroup::Step::Kind::kPatterns &&
      where.steps[0].patterns.size() == 1 && where.not_exists.empty();
  PatternJoin* scan = DrivingScan(plan);
  if (threads < 2 || !one_pattern || scan == nullptr) return 1;
  if (options.split_small_scans) return threads;
  const double worth =
      scan->estimated_rows / ParallelAggregate::kMinRowsPerPart;
  return static_cast<int>(std::clamp<double>(worth, 1, threads));
}

// Whether the rows of `plan`, an ungrouped pipeline, already come in the
// order of `order_by`: one ascending time, that of a scan alone at the
// start of the pipeline reading a time-ordered index. Every operator above
// such a scan yields the rows of each input row together, in input order.
bool ComesInOrder(const std::vector<BoundFind::OrderKey>& order_by,
                  Operator& plan) {
  if (order_by.size() != 1 || order_by[0].descending ||
      order_by[0].expr.kind != ExprKind::kVariable) {
    return false;
  }
  PatternJoin* scan = DrivingScan(plan);
  if (scan == nullptr) return false;
  const std::vector<Operator*> inputs = scan->children();
  return inputs.size() == 1 && dynamic_cast<Seed*>(inputs[0]) != nullptr &&
         scan->ScansInTimeOrderOf(order_by[0].expr.slot);
}

}  // namespace

absl::StatusOr<Plan> PlanFind(BoundFind find, const ExecContext& context,
                              const PlanOptions& options) {
  if (!options.disabled_passes.contains("push_time_filters")) {
    PushTimeFilters(&find.where);
  }
  GroupPlanner planner(context, options, find.slot_names);
  std::vector<bool> bound(find.slot_names.size(), false);
  std::unique_ptr<Operator> op =
      std::make_unique<Seed>(Row(find.slot_names.size()));
  ALMANAC_ASSIGN_OR_RETURN(op, planner.Plan(find.where, std::move(op), &bound));

  if (find.grouped) {
    const double rows = op->estimated_rows;
    const int threads = AggregationThreads(find.where, *op, options);
    if (threads > 1) {
      // A copy of the pipeline per thread, each planned on its own context.
      std::vector<ParallelAggregate::Part> parts(threads);
      for (ParallelAggregate::Part& part : parts) {
        part.context = std::make_unique<ExecContext>(context);
        part.evaluator =
            std::make_unique<Evaluator>(*context.store, context.snapshot);
        part.context->evaluator = part.evaluator.get();
        GroupPlanner part_planner(*part.context, options, find.slot_names);
        std::vector<bool> part_bound(find.slot_names.size(), false);
        ALMANAC_ASSIGN_OR_RETURN(
            part.input,
            part_planner.Plan(
                find.where, std::make_unique<Seed>(Row(find.slot_names.size())),
                &part_bound));
        part.scan = DrivingScan(*part.input);
      }
      op = std::make_unique<ParallelAggregate>(std::move(parts), find.group_by,
                                               find.aggregates, context,
                                               options.split_small_scans);
    } else {
      op = std::make_unique<Aggregate>(std::move(op), find.group_by,
                                       find.aggregates, context.evaluator);
    }
    op->estimated_rows = find.group_by.empty() ? 1 : rows;
  }
  std::vector<BoundExpr> outputs = std::move(find.outputs);
  for (const BoundFind::OrderKey& key : find.order_by) {
    outputs.push_back(key.expr);
  }
  const double rows = op->estimated_rows;
  op = std::make_unique<Project>(std::move(op), std::move(outputs),
                                 find.columns, context.evaluator);
  op->estimated_rows = rows;
  if (find.distinct) {
    op = std::make_unique<Distinct>(std::move(op), find.columns.size());
  }
  if (!find.order_by.empty() &&
      (find.grouped || !ComesInOrder(find.order_by, *op))) {
    std::vector<Sort::Key> keys;
    std::string text;
    for (size_t i = 0; i < find.order_by.size(); ++i) {
      keys.push_back({find.columns.size() + i, find.order_by[i].descending});
    }
    op = std::make_unique<Sort>(std::move(op), std::move(keys),
                                context.evaluator,
                                absl::StrCat(find.order_by.size(), " keys"));
  }
  if (find.limit || find.offset > 0) {
    op = std::make_unique<Limit>(std::move(op), find.offset, find.limit);
  }
  return Plan{std::move(op), std::move(find.columns)};
}

std::string ExplainText(const Operator& root, bool analyzed) {
  std::string out;
  DescribeTree(root, analyzed, "", true, true, &out);
  return out;
}

std::string ExplainJson(const Operator& root, bool analyzed) {
  std::string out;
  DescribeJson(root, analyzed, &out);
  return out;
}

}  // namespace almanac
