// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/adaptive_join.h"

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"

namespace almanac {

// Yields the rows kept while choosing, then the rest of the input. It does
// not own the input: the AdaptiveJoin does, and starts it over.
class AdaptiveJoin::PassedRows : public Operator {
 public:
  explicit PassedRows(InputRows* rows) : rows_(*rows) {}

  std::string Describe() const override { return "PassedRows"; }
  std::vector<Operator*> children() const override { return {}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override {
    if (rows_.next_kept < rows_.kept.size()) {
      // Reading the input checked for an interrupt at each row; a join
      // above may spend long on each (a hash join of every pair).
      ALMANAC_RETURN_IF_ERROR(rows_.context.CheckInterrupt());
      *row = std::move(rows_.kept[rows_.next_kept++]);
      return true;
    }
    if (rows_.ended) return false;
    ALMANAC_ASSIGN_OR_RETURN(bool more, rows_.input->Next(row));
    rows_.ended = !more;
    return more;
  }

 private:
  InputRows& rows_;
};

namespace {

// The operator's name: its description up to the first space.
std::string NameOf(const std::string& description) {
  return description.substr(0, description.find(' '));
}

std::string Times(uint64_t count) {
  return count == 1 ? "once" : absl::StrCat(count, " times");
}

}  // namespace

AdaptiveJoin::AdaptiveJoin(std::unique_ptr<Operator> input, size_t switch_rows,
                           const ExecContext& context, MakeJoin make_index_join,
                           MakeJoin make_bulk_join)
    : input_(context, std::move(input)), switch_rows_(switch_rows) {
  index_join_ = make_index_join(std::make_unique<PassedRows>(&input_));
  bulk_join_ = make_bulk_join(std::make_unique<PassedRows>(&input_));
}

std::string AdaptiveJoin::Describe() const {
  const std::string index_join = index_join_->Describe();
  const std::string bulk_join = bulk_join_->Describe();
  std::string line = absl::StrCat(index_join, ", or ", bulk_join, " from ",
                                  switch_rows_, " rows");
  if (index_rounds_ > 0 && bulk_rounds_ > 0) {
    absl::StrAppend(&line, "; ran ", NameOf(index_join), " ",
                    Times(index_rounds_), ", ", NameOf(bulk_join), " ",
                    Times(bulk_rounds_));
  } else if (index_rounds_ + bulk_rounds_ > 0) {
    const uint64_t rounds = index_rounds_ + bulk_rounds_;
    absl::StrAppend(&line, "; ran ",
                    NameOf(index_rounds_ > 0 ? index_join : bulk_join),
                    rounds > 1 ? " " + Times(rounds) : "");
  }
  return line;
}

std::vector<Operator*> AdaptiveJoin::children() const {
  return {input_.input.get(), bulk_join_->children()[1]};
}

absl::Status AdaptiveJoin::Choose() {
  while (input_.kept.size() < switch_rows_) {
    Row& row = input_.kept.emplace_back();
    absl::StatusOr<bool> more = input_.input->Next(&row);
    if (!more.ok() || !*more) input_.kept.pop_back();
    if (!more.ok()) return more.status();
    if (!*more) {
      input_.ended = true;
      break;
    }
  }
  if (input_.ended) {
    chosen_ = index_join_.get();
    ++index_rounds_;
  } else {
    chosen_ = bulk_join_.get();
    ++bulk_rounds_;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> AdaptiveJoin::NextRow(Row* row) {
  if (chosen_ == nullptr) ALMANAC_RETURN_IF_ERROR(Choose());
  ALMANAC_ASSIGN_OR_RETURN(bool more, chosen_->Next(row));
  // Inside OPTIONAL, NOT EXISTS and UNION the input starts again with the
  // next outer row once it has ended: that round chooses anew.
  if (!more) StartRound();
  return more;
}

void AdaptiveJoin::StartRound() {
  input_.kept.clear();
  input_.next_kept = 0;
  input_.ended = false;
  chosen_ = nullptr;
}

void AdaptiveJoin::Restart() {
  StartRound();
  input_.kept = {};  // A kept plan holds no rows between runs.
  index_rounds_ = 0;
  bulk_rounds_ = 0;
  // Operator::Rewind starts over what children() lists; the joins, which
  // it does not list, start over here.
  index_join_->Rewind();
  bulk_join_->Rewind();
}

}  // namespace almanac
