// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/path_join.h"

#include <algorithm>
#include <atomic>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "query/run_parts.h"
#include "storage/fact_scanner.h"

namespace almanac {
namespace {

std::optional<TermId> BoundId(const BoundTerm& term, const Row& row) {
  if (term.kind == BoundTerm::Kind::kConstant) return term.id;
  if (term.kind == BoundTerm::Kind::kSlot &&
      row[term.slot].kind == Value::Kind::kTerm) {
    return row[term.slot].term;
  }
  return std::nullopt;
}

}  // namespace

PathJoin::PathJoin(std::unique_ptr<Operator> input, BoundPattern pattern,
                   const ExecContext& context, int threads,
                   bool split_small_levels)
    : input_(std::move(input)),
      pattern_(std::move(pattern)),
      context_(context),
      threads_(std::max(threads, 1)),
      split_small_levels_(split_small_levels) {}

absl::Status PathJoin::Step(std::span<const TermId> nodes, bool forward,
                            int capped, const States& visited,
                            std::unique_ptr<FactScanner>* scanner,
                            std::vector<TermId>* next) const {
  ScanSpec spec;
  spec.predicate = pattern_.predicate.id;
  // Each node once here: a level's nodes may share many neighbours, and
  // only the first of each matters.
  absl::flat_hash_set<TermId> found;
  for (const TermId node : nodes) {
    (forward ? spec.subject : spec.object) = node;
    FactScanner& steps =
        SeekOrMakeScanner(scanner, *context_.store, context_.snapshot, spec,
                          /*read_sources=*/false);
    ALMANAC_RETURN_IF_ERROR(context_.CheckInterrupt());
    for (; steps.Valid(); steps.Next()) {
      const FactKey& fact = steps.current().key;
      const TermId neighbour = forward ? fact.object : fact.subject;
      if (visited.contains({neighbour, capped})) continue;
      if (found.insert(neighbour).second) next->push_back(neighbour);
    }
    ALMANAC_RETURN_IF_ERROR(steps.status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::vector<TermId>>> PathJoin::StepLevel(
    const std::vector<TermId>& level, bool forward, int capped,
    const States& visited) {
  const size_t wanted =
      split_small_levels_ ? level.size() : level.size() / kMinNodesPerThread;
  const size_t parts =
      std::clamp<size_t>(wanted, 1, static_cast<size_t>(threads_));
  // The threads take chunks of the level in turn, as each is done with its
  // last (the nodes of one chunk may take far longer to step than those of
  // another); each chunk's next nodes go to their own slice. One part
  // steps the level as one chunk. Several take chunks of kChunkNodes
  // (a level split for several is at least 256 nodes a part), or, in a
  // small level split for tests, a quarter part's worth.
  size_t chunk_nodes = std::max<size_t>(level.size(), 1);
  if (parts > 1) {
    chunk_nodes =
        std::clamp<size_t>(level.size() / (4 * parts), 1, kChunkNodes);
  }
  const size_t chunks = (level.size() + chunk_nodes - 1) / chunk_nodes;
  std::vector<std::vector<TermId>> next(chunks);
  std::vector<std::unique_ptr<FactScanner>> own_scanners(parts);
  std::vector<absl::Status> statuses(parts);
  std::atomic<size_t> next_chunk{0};
  std::atomic<bool> failed{false};  // Once set, no part takes a chunk.
  RunParts(parts, [&](size_t part) {
    // Part 0 runs on this thread and keeps its scanner for the next level.
    std::unique_ptr<FactScanner>* scanner =
        part == 0 ? &step_scanner_ : &own_scanners[part];
    for (size_t chunk = next_chunk++; chunk < chunks && !failed;
         chunk = next_chunk++) {
      const size_t begin = chunk * chunk_nodes;
      const size_t end = std::min(level.size(), begin + chunk_nodes);
      statuses[part] =
          Step(std::span<const TermId>(level).subspan(begin, end - begin),
               forward, capped, visited, scanner, &next[chunk]);
      if (!statuses[part].ok()) {
        failed = true;
        return;
      }
    }
  });
  for (const absl::Status& status : statuses) {
    ALMANAC_RETURN_IF_ERROR(status);
  }
  return next;
}

absl::StatusOr<bool> PathJoin::IsNode(TermId term, bool forward) {
  for (const bool as_subject : {forward, !forward}) {
    ScanSpec spec;
    spec.predicate = pattern_.predicate.id;
    (as_subject ? spec.subject : spec.object) = term;
    const FactScanner& scanner = SeekOrMakeScanner(
        &step_scanner_, *context_.store, context_.snapshot, spec,
        /*read_sources=*/false);
    if (scanner.Valid()) return true;
    ALMANAC_RETURN_IF_ERROR(scanner.status());
  }
  return false;
}

absl::StatusOr<std::vector<TermId>> PathJoin::Reach(TermId start, bool forward,
                                                    bool start_is_node) {
  const int min = pattern_.repeat.min;
  const int max = pattern_.repeat.max;
  const bool unbounded = max == ast::PathRepeat::kUnbounded;
  std::vector<TermId> reached;
  absl::flat_hash_set<TermId> emitted;
  // Zero steps lead from a node of the predicate to itself. Not from any
  // other term: a walk with neither end bound starts only at the
  // predicate's nodes (AllStarts), and a bound end must give the same rows.
  if (min == 0) {
    bool node = start_is_node;
    if (!node) {
      ALMANAC_ASSIGN_OR_RETURN(node, IsNode(start, forward));
    }
    if (node) {
      reached.push_back(start);
      emitted.insert(start);
    }
  }
  // A state is a node and its path length capped at `min`; each state is
  // visited once, so cycles end, and a node is reached when its capped
  // length is `min` (the start too, through a cycle). Visiting a state again
  // later could reach nothing new: every path on from there was already
  // walked from its first visit, shorter. Bounded repeats ({m,n}) stop
  // after n levels.
  States visited;
  std::vector<TermId> frontier = {start};
  for (int step = 1; !frontier.empty() && (unbounded || step <= max); ++step) {
    if (step > kMaxPathSteps) {
      return absl::ResourceExhaustedError(
          absl::StrCat("the path ", pattern_.text, " is longer than ",
                       kMaxPathSteps, " steps"));
    }
    const int capped = std::min(step, std::max(min, 1));
    // The next level in the order its nodes are found (not a hash set's
    // order), so that the same query gives its rows in the same order
    // from run to run. `visited` already keeps each node once per level.
    ALMANAC_ASSIGN_OR_RETURN(std::vector<std::vector<TermId>> next,
                             StepLevel(frontier, forward, capped, visited));
    std::vector<TermId> level;
    for (const std::vector<TermId>& slice : next) {
      for (const TermId neighbour : slice) {
        if (!visited.insert({neighbour, capped}).second) continue;
        level.push_back(neighbour);
      }
    }
    frontier = std::move(level);
    if (step >= min) {
      for (TermId node : frontier) {
        if (emitted.insert(node).second) reached.push_back(node);
      }
    }
  }
  return reached;
}

absl::StatusOr<std::vector<TermId>> PathJoin::AllStarts() {
  ScanSpec spec;
  spec.predicate = pattern_.predicate.id;
  FactScanner scanner(*context_.store, context_.snapshot, spec,
                      /*read_sources=*/false);
  // Every subject of the predicate; with zero steps allowed, every object
  // too (each node reaches itself).
  const bool objects_too = pattern_.repeat.min == 0;
  absl::flat_hash_set<TermId> seen;
  std::vector<TermId> starts;
  for (; scanner.Valid(); scanner.Next()) {
    const FactKey& fact = scanner.current().key;
    if (seen.insert(fact.subject).second) starts.push_back(fact.subject);
    if (objects_too && seen.insert(fact.object).second) {
      starts.push_back(fact.object);
    }
  }
  ALMANAC_RETURN_IF_ERROR(scanner.status());
  return starts;
}

absl::Status PathJoin::Expand() {
  const std::optional<TermId> subject = BoundId(pattern_.subject, input_row_);
  const std::optional<TermId> object = BoundId(pattern_.object, input_row_);
  const auto emit = [&](TermId from, TermId to) {
    Row row = input_row_;
    if (pattern_.subject.kind == BoundTerm::Kind::kSlot) {
      row[pattern_.subject.slot] = Value::Term(from);
    }
    if (pattern_.object.kind == BoundTerm::Kind::kSlot) {
      row[pattern_.object.slot] = Value::Term(to);
    }
    // ?x p+ ?x asks for cycles: both ends must then agree.
    if (pattern_.subject.kind == BoundTerm::Kind::kSlot &&
        pattern_.object.kind == BoundTerm::Kind::kSlot &&
        pattern_.subject.slot == pattern_.object.slot && from != to) {
      return;
    }
    pending_.push_back(std::move(row));
  };
  if (subject) {
    ALMANAC_ASSIGN_OR_RETURN(std::vector<TermId> ends, Reach(*subject, true));
    for (TermId end : ends) {
      if (!object || end == *object) emit(*subject, end);
    }
    return absl::OkStatus();
  }
  if (object) {
    ALMANAC_ASSIGN_OR_RETURN(std::vector<TermId> starts, Reach(*object, false));
    for (TermId start : starts) emit(start, *object);
    return absl::OkStatus();
  }
  ALMANAC_ASSIGN_OR_RETURN(std::vector<TermId> starts, AllStarts());
  for (TermId start : starts) {
    ALMANAC_ASSIGN_OR_RETURN(std::vector<TermId> ends,
                             Reach(start, true, /*start_is_node=*/true));
    for (TermId end : ends) emit(start, end);
  }
  return absl::OkStatus();
}

void PathJoin::Restart() {
  pending_.clear();
  step_scanner_.reset();  // Made again on the new snapshot.
  context_.ResolveParameter(&pattern_.subject);
  context_.ResolveParameter(&pattern_.predicate);
  context_.ResolveParameter(&pattern_.object);
}

absl::StatusOr<bool> PathJoin::NextRow(Row* row) {
  while (pending_.empty()) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input_row_));
    if (!more) return false;
    for (const BoundTerm* term :
         {&pattern_.subject, &pattern_.object, &pattern_.predicate}) {
      if (term->kind == BoundTerm::Kind::kMissing) return false;
    }
    ALMANAC_RETURN_IF_ERROR(Expand());
  }
  *row = std::move(pending_.front());
  pending_.pop_front();
  return true;
}

}  // namespace almanac
