// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/pattern_join.h"

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

// The id a position is bound to by `row`, if any.
std::optional<TermId> BoundId(const BoundTerm& term, const Row& row) {
  if (term.kind == BoundTerm::Kind::kConstant) return term.id;
  if (term.kind == BoundTerm::Kind::kSlot) {
    const Value& value = row[term.slot];
    if (value.kind == Value::Kind::kTerm) return value.term;
  }
  return std::nullopt;
}

// Whether `term` is known at plan time to be bound.
bool IsBound(const BoundTerm& term, const std::vector<bool>& bound) {
  return term.kind != BoundTerm::Kind::kSlot || bound[term.slot];
}

// Checks one position of a scanned fact against a row being built.
bool Unify(const BoundTerm& term, TermId id, Row* row) {
  if (term.kind == BoundTerm::Kind::kConstant) return term.id == id;
  Value& slot = (*row)[term.slot];
  if (slot.is_null()) {
    // Only the kind and its field count (Value::operator==): set in place.
    slot.kind = Value::Kind::kTerm;
    slot.term = id;
    return true;
  }
  return slot.kind == Value::Kind::kTerm && slot.term == id;
}

}  // namespace

bool ReadsBoundSlot(const BoundPattern& pattern,
                    const std::vector<bool>& bound_before) {
  for (const BoundTerm* term :
       {&pattern.subject, &pattern.predicate, &pattern.object}) {
    if (term->kind == BoundTerm::Kind::kSlot && bound_before[term->slot]) {
      return true;
    }
  }
  return false;
}

IndexOrder PlannedIndex(const BoundPattern& pattern,
                        const std::vector<bool>& bound_before) {
  ScanSpec shape;
  if (IsBound(pattern.subject, bound_before)) shape.subject = 1;
  if (IsBound(pattern.predicate, bound_before)) shape.predicate = 1;
  if (IsBound(pattern.object, bound_before)) {
    // Literal objects are not in the entity-time index.
    shape.object = pattern.object.kind == BoundTerm::Kind::kConstant
                       ? pattern.object.id
                       : MakeTermId(TermKind::kEntity, 1);
  }
  if (pattern.bounds) shape.time = pattern.bounds;
  // A time written in the pattern narrows the scan too (StartScan).
  if (pattern.time.kind == BoundTime::Kind::kConstant &&
      pattern.time.time.is_stated()) {
    shape.time = TimeBounds();
  }
  return ChooseIndex(shape);
}

std::optional<int> OrderSlot(const BoundPattern& pattern,
                             const std::vector<bool>& bound_before) {
  const BoundTerm* order[3];
  switch (PlannedIndex(pattern, bound_before)) {
    case IndexOrder::kSpo:
      order[0] = &pattern.subject, order[1] = &pattern.predicate,
      order[2] = &pattern.object;
      break;
    case IndexOrder::kPos:
      order[0] = &pattern.predicate, order[1] = &pattern.object,
      order[2] = &pattern.subject;
      break;
    case IndexOrder::kOsp:
      order[0] = &pattern.object, order[1] = &pattern.subject,
      order[2] = &pattern.predicate;
      break;
    case IndexOrder::kPredicateTime:
    case IndexOrder::kEntityTime:
      return std::nullopt;  // In time order.
  }
  for (const BoundTerm* term : order) {
    if (IsBound(*term, bound_before)) continue;
    return term->slot;  // Not bound: a variable.
  }
  return std::nullopt;  // Every position fixed: one fact at most per time.
}

absl::StatusOr<bool> Seed::NextRow(Row* row) {
  if (done_) return false;
  done_ = true;
  *row = row_;
  return true;
}

PatternJoin::PatternJoin(std::unique_ptr<Operator> input, BoundPattern pattern,
                         const ExecContext& context,
                         const std::vector<bool>& bound_before)
    : input_(std::move(input)),
      pattern_(std::move(pattern)),
      context_(context),
      planned_index_(PlannedIndex(pattern_, bound_before)),
      scans_alone_(dynamic_cast<Seed*>(input_.get()) != nullptr &&
                   !ReadsBoundSlot(pattern_, bound_before) &&
                   !(pattern_.time.kind == BoundTime::Kind::kSlot &&
                     bound_before[pattern_.time.slot])) {}

bool PatternJoin::ScansInTimeOrderOf(int slot) const {
  if (pattern_.time.kind != BoundTime::Kind::kSlot ||
      pattern_.time.slot != slot) {
    return false;
  }
  switch (planned_index_) {
    case IndexOrder::kPredicateTime:
      return true;
    case IndexOrder::kEntityTime:
      // By subject whatever its value; by object only for a constant: a
      // literal $parameter would be read from osp instead.
      return pattern_.subject.kind != BoundTerm::Kind::kSlot ||
             pattern_.object.parameter < 0;
    default:
      return false;
  }
}

std::string PatternJoin::Describe() const {
  std::string line =
      absl::StrCat(scans_alone_ ? "IndexScan " : "IndexJoin ",
                   IndexOrderName(planned_index_), " ", pattern_.text);
  if (pattern_.bounds) {
    const TimeBounds& b = *pattern_.bounds;
    const auto day = [](int32_t d) {
      return d == DayRange::kOpenBegin || d == DayRange::kOpenEnd
                 ? std::string("*")
                 : Date::FromDayNumber(d).ToString();
    };
    absl::StrAppend(&line, " [begin ", day(b.begin_min), "..", day(b.begin_max),
                    ", end ", day(b.end_min), "..", day(b.end_max), "]");
  }
  return line;
}

ScanSpec PatternJoin::SpecFor(const Row& input) const {
  ScanSpec spec;
  spec.subject = BoundId(pattern_.subject, input);
  spec.predicate = BoundId(pattern_.predicate, input);
  spec.object = BoundId(pattern_.object, input);
  spec.time = pattern_.bounds;
  // A time given as a constant or bound by an earlier pattern is matched
  // exactly: the scan narrows to facts with those days.
  std::optional<EncodedTime> time;
  if (pattern_.time.kind == BoundTime::Kind::kConstant) {
    time = pattern_.time.time;
  } else if (pattern_.time.kind == BoundTime::Kind::kSlot &&
             input[pattern_.time.slot].kind == Value::Kind::kTime) {
    time = input[pattern_.time.slot].time;
  }
  if (time && time->is_stated()) {
    // (An unstated time cannot narrow the scan; Bind() checks it.)
    TimeBounds exact{time->begin, time->begin, time->end, time->end};
    if (spec.time) {
      exact.begin_min = std::max(exact.begin_min, spec.time->begin_min);
      exact.begin_max = std::min(exact.begin_max, spec.time->begin_max);
      exact.end_min = std::max(exact.end_min, spec.time->end_min);
      exact.end_max = std::min(exact.end_max, spec.time->end_max);
    }
    spec.time = exact;
  }
  return spec;
}

bool PatternJoin::StartScan() {
  for (const BoundTerm* term :
       {&pattern_.subject, &pattern_.predicate, &pattern_.object}) {
    if (term->kind == BoundTerm::Kind::kMissing) return false;
  }
  if (pattern_.source && pattern_.source->kind == BoundTerm::Kind::kMissing) {
    return false;
  }
  ScanSpec spec = SpecFor(input_row_);
  spec.slice = slice_;
  SeekOrMakeScanner(&scanner_, *context_.store, context_.snapshot, spec,
                    /*read_sources=*/pattern_.source.has_value());
  return true;
}

bool PatternJoin::Bind(const ScannedFact& fact, Row* row) const {
  *row = input_row_;
  if (!Unify(pattern_.subject, fact.key.subject, row) ||
      !Unify(pattern_.predicate, fact.key.predicate, row) ||
      !Unify(pattern_.object, fact.key.object, row)) {
    return false;
  }
  if (pattern_.source &&
      (fact.source == 0 || !Unify(*pattern_.source, fact.source, row))) {
    return false;
  }
  switch (pattern_.time.kind) {
    case BoundTime::Kind::kNone:
      return true;
    case BoundTime::Kind::kConstant:
      return fact.key.time == pattern_.time.time;
    case BoundTime::Kind::kSlot: {
      Value& slot = (*row)[pattern_.time.slot];
      if (slot.is_null()) {
        // A fact with no stated time binds the variable to "no time",
        // which joins only with another fact without a time.
        slot.kind = Value::Kind::kTime;
        slot.time = fact.key.time;
        return true;
      }
      return slot.kind == Value::Kind::kTime && slot.time == fact.key.time;
    }
  }
  return true;
}

void PatternJoin::Restart() {
  scanner_.reset();  // Made again on the new snapshot.
  scanning_ = false;
  context_.ResolveParameter(&pattern_.subject);
  context_.ResolveParameter(&pattern_.predicate);
  context_.ResolveParameter(&pattern_.object);
  if (pattern_.source) context_.ResolveParameter(&*pattern_.source);
}

absl::StatusOr<bool> PatternJoin::NextRow(Row* row) {
  while (true) {
    if (scanning_) {
      while (scanner_->Valid()) {
        ALMANAC_RETURN_IF_ERROR(context_.CheckInterrupt());
        const bool matches = Bind(scanner_->current(), row);
        scanner_->Next();
        if (matches) return true;
      }
      ALMANAC_RETURN_IF_ERROR(scanner_->status());
      scanning_ = false;
    }
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input_row_));
    if (!more) return false;
    scanning_ = StartScan();
  }
}

BranchJoin::BranchJoin(Mode mode, std::unique_ptr<Operator> input,
                       std::vector<Branch> branches)
    : mode_(mode), input_(std::move(input)), branches_(std::move(branches)) {}

std::string BranchJoin::Describe() const {
  switch (mode_) {
    case Mode::kOptional:
      return "Optional";
    case Mode::kNotExists:
      return "NotExists";
    case Mode::kUnion:
      return "Union";
  }
  return "";
}

std::vector<Operator*> BranchJoin::children() const {
  std::vector<Operator*> children = {input_.get()};
  for (const Branch& branch : branches_) children.push_back(branch.root.get());
  return children;
}

absl::StatusOr<bool> BranchJoin::NextRow(Row* row) {
  while (true) {
    if (!have_input_) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, input_->Next(&input_row_));
      if (!more) return false;
      have_input_ = true;
      branch_ = 0;
      branch_produced_ = false;
      branches_[0].seed->Reset(input_row_);
    }
    if (mode_ == Mode::kNotExists) {
      Row ignored;
      ALMANAC_ASSIGN_OR_RETURN(bool found, branches_[0].root->Next(&ignored));
      // The branch is read to its end so that its scans are finished before
      // it is seeded with the next row.
      for (bool more = found; more;) {
        ALMANAC_ASSIGN_OR_RETURN(more, branches_[0].root->Next(&ignored));
      }
      have_input_ = false;
      if (found) continue;
      *row = input_row_;
      return true;
    }
    ALMANAC_ASSIGN_OR_RETURN(bool produced, branches_[branch_].root->Next(row));
    if (produced) {
      branch_produced_ = true;
      return true;
    }
    if (mode_ == Mode::kUnion && branch_ + 1 < branches_.size()) {
      ++branch_;
      branches_[branch_].seed->Reset(input_row_);
      continue;
    }
    have_input_ = false;
    if (mode_ == Mode::kOptional && !branch_produced_) {
      *row = input_row_;
      return true;
    }
  }
}

}  // namespace almanac
