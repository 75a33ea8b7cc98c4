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

}  // namespace

AdaptiveJoin::AdaptiveJoin(std::unique_ptr<Operator> input, size_t switch_rows,
                           const ExecContext& context, MakeJoin make_index_join,
                           MakeJoin make_bulk_join)
    : input_{.context = context, .input = std::move(input)},
      switch_rows_(switch_rows) {
  index_join_ = make_index_join(std::make_unique<PassedRows>(&input_));
  bulk_join_ = make_bulk_join(std::make_unique<PassedRows>(&input_));
}

std::string AdaptiveJoin::Describe() const {
  const std::string bulk = bulk_join_->Describe();
  std::string line = absl::StrCat(index_join_->Describe(), ", or ", bulk,
                                  " from ", switch_rows_, " rows");
  const Operator* ran = chosen_ != nullptr ? chosen_ : last_choice_;
  if (ran != nullptr) {
    absl::StrAppend(&line, "; ran ",
                    ran == bulk_join_.get() ? NameOf(bulk)
                                            : NameOf(index_join_->Describe()));
  }
  return line;
}

std::vector<Operator*> AdaptiveJoin::children() const {
  return {input_.input.get(), bulk_join_->children()[1]};
}

absl::Status AdaptiveJoin::Choose() {
  while (input_.kept.size() < switch_rows_) {
    Row& row = input_.kept.emplace_back();
    ALMANAC_ASSIGN_OR_RETURN(bool more, input_.input->Next(&row));
    if (!more) {
      input_.kept.pop_back();
      input_.ended = true;
      break;
    }
  }
  chosen_ = input_.ended ? index_join_.get() : bulk_join_.get();
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
  last_choice_ = chosen_;
  chosen_ = nullptr;
}

void AdaptiveJoin::Restart() {
  StartRound();
  last_choice_ = nullptr;
  // Operator::Rewind starts over what children() lists; the joins, which
  // it does not list, start over here.
  index_join_->Rewind();
  bulk_join_->Rewind();
}

}  // namespace almanac
