// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// AdaptiveJoin over stand-ins: an input that yields numbered rows, and two
// "joins" that pass each row on marked with which of them ran. What is
// checked is the choice, that every input row comes out once and in
// order, and that rounds, rewinds, errors and interrupts behave.

#include "query/adaptive_join.h"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace almanac {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kIndexMark = 1;
constexpr int kBulkMark = 2;

// Yields rows {n, null} for n = 0 .. count-1; after its last row, Refill
// makes it yield a new batch (as a branch's input does for the next outer
// row). Yields an Internal error once instead of row `fail_at`, when set.
class Numbers : public Operator {
 public:
  explicit Numbers(int count, int fail_at = -1)
      : count_(count), fail_at_(fail_at) {}
  void Refill(int count) {
    count_ = count;
    next_ = 0;
  }
  std::string Describe() const override { return "Numbers"; }
  std::vector<Operator*> children() const override { return {}; }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override {
    if (next_ == fail_at_) {
      fail_at_ = -1;
      return absl::InternalError("input failed");
    }
    if (next_ >= count_) return false;
    *row = {Value::Integer(next_++), Value()};
    return true;
  }
  void Restart() override { next_ = 0; }

 private:
  int count_;
  int next_ = 0;
  int fail_at_;
};

// Passes its input's rows on with slot 1 set to `mark`. Its second child
// stands for the bulk join's scan.
class Marking : public Operator {
 public:
  Marking(std::unique_ptr<Operator> input, int mark, std::string name)
      : input_(std::move(input)),
        scan_(std::make_unique<Numbers>(0)),
        mark_(mark),
        name_(std::move(name)) {}
  std::string Describe() const override { return name_ + " on ?x"; }
  std::vector<Operator*> children() const override {
    return {input_.get(), scan_.get()};
  }

 protected:
  absl::StatusOr<bool> NextRow(Row* row) override {
    absl::StatusOr<bool> more = input_->Next(row);
    if (more.ok() && *more) (*row)[1] = Value::Integer(mark_);
    return more;
  }

 private:
  std::unique_ptr<Operator> input_;
  std::unique_ptr<Operator> scan_;
  int mark_;
  std::string name_;
};

class AdaptiveJoinTest : public ::testing::Test {
 protected:
  // An AdaptiveJoin over `input` that switches at `switch_rows`.
  std::unique_ptr<AdaptiveJoin> Join(std::unique_ptr<Operator> input,
                                     size_t switch_rows) {
    context_.interrupts = &interrupts_;
    return std::make_unique<AdaptiveJoin>(
        std::move(input), switch_rows, context_,
        [](std::unique_ptr<Operator> rows) -> std::unique_ptr<Operator> {
          return std::make_unique<Marking>(std::move(rows), kIndexMark,
                                           "IndexJoin");
        },
        [](std::unique_ptr<Operator> rows) -> std::unique_ptr<Operator> {
          return std::make_unique<Marking>(std::move(rows), kBulkMark,
                                           "HashJoin");
        });
  }

  // Up to `limit` rows of `join`, each "number:mark".
  static std::vector<std::string> Read(Operator& join, int limit = 1000) {
    std::vector<std::string> rows;
    Row row;
    for (int i = 0; i < limit; ++i) {
      absl::StatusOr<bool> more = join.Next(&row);
      if (!more.ok()) {
        rows.push_back(std::string(more.status().message()));
        break;
      }
      if (!*more) break;
      rows.push_back(std::to_string(row[0].integer) + ":" +
                     std::to_string(row[1].integer));
    }
    return rows;
  }

  static std::vector<std::string> Marked(int count, int mark) {
    std::vector<std::string> rows;
    for (int i = 0; i < count; ++i) {
      rows.push_back(std::to_string(i) + ":" + std::to_string(mark));
    }
    return rows;
  }

  std::atomic<uint64_t> interrupts_{0};
  ExecContext context_;
};

TEST_F(AdaptiveJoinTest, FewerRowsThanTheSwitchGoThroughTheIndexJoin) {
  std::unique_ptr<AdaptiveJoin> join = Join(std::make_unique<Numbers>(4), 5);
  EXPECT_EQ(join->Describe(), "IndexJoin on ?x, or HashJoin on ?x from 5 rows");
  EXPECT_EQ(Read(*join), Marked(4, kIndexMark));
  EXPECT_THAT(join->Describe(), EndsWith("; ran IndexJoin"));
}

TEST_F(AdaptiveJoinTest, FromTheSwitchTheBulkJoinTakesTheKeptRowsAndTheRest) {
  std::unique_ptr<AdaptiveJoin> join = Join(std::make_unique<Numbers>(12), 5);
  EXPECT_EQ(Read(*join), Marked(12, kBulkMark));
  EXPECT_THAT(join->Describe(), EndsWith("; ran HashJoin"));

  // Exactly as many rows as the switch: the bulk join.
  join = Join(std::make_unique<Numbers>(5), 5);
  EXPECT_EQ(Read(*join), Marked(5, kBulkMark));
  // None at all: the index join, which yields none.
  join = Join(std::make_unique<Numbers>(0), 5);
  EXPECT_TRUE(Read(*join).empty());
  EXPECT_THAT(join->Describe(), EndsWith("; ran IndexJoin"));
}

TEST_F(AdaptiveJoinTest, EachRoundOfTheInputChoosesAgain) {
  auto input = std::make_unique<Numbers>(8);
  Numbers* numbers = input.get();
  std::unique_ptr<AdaptiveJoin> join = Join(std::move(input), 5);
  EXPECT_EQ(Read(*join), Marked(8, kBulkMark));
  numbers->Refill(2);
  EXPECT_EQ(Read(*join), Marked(2, kIndexMark));
  numbers->Refill(6);
  EXPECT_EQ(Read(*join), Marked(6, kBulkMark));
  EXPECT_THAT(join->Describe(),
              EndsWith("; ran IndexJoin once, HashJoin 2 times"));
}

TEST_F(AdaptiveJoinTest, RewindStartsOverFromTheFirstRow) {
  std::unique_ptr<AdaptiveJoin> join = Join(std::make_unique<Numbers>(12), 5);
  // Stopped early, as under a LIMIT, while rows are still kept.
  EXPECT_EQ(Read(*join, 2), Marked(2, kBulkMark));
  join->Rewind();
  EXPECT_THAT(join->Describe(), Not(HasSubstr("ran")));
  EXPECT_EQ(Read(*join), Marked(12, kBulkMark));
  EXPECT_THAT(join->Describe(), EndsWith("; ran HashJoin"));
}

TEST_F(AdaptiveJoinTest, AnInputErrorWhileChoosingIsReturned) {
  std::unique_ptr<AdaptiveJoin> join =
      Join(std::make_unique<Numbers>(10, /*fail_at=*/3), 5);
  Row row;
  absl::StatusOr<bool> more = join->Next(&row);
  ASSERT_FALSE(more.ok());
  EXPECT_EQ(more.status().message(), "input failed");
  // Read on, the rows kept before the error and after it, none in between.
  EXPECT_EQ(Read(*join), Marked(10, kBulkMark));
}

TEST_F(AdaptiveJoinTest, AnInterruptStopsTheKeptRowsToo) {
  std::unique_ptr<AdaptiveJoin> join = Join(std::make_unique<Numbers>(12), 5);
  context_.interrupts_at_start = interrupts_.load();
  EXPECT_EQ(Read(*join, 1), Marked(1, kBulkMark));
  ++interrupts_;
  // The next row is one read while choosing, not from the input now.
  EXPECT_EQ(Read(*join, 1), std::vector<std::string>{"interrupted"});
}

}  // namespace
}  // namespace almanac
