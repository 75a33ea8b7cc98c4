// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/word_sort.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"

namespace almanac {
namespace {

// Three words and a payload the order ignores, so that a sort which lost
// or duplicated a record shows.
struct Row {
  uint64_t a = 0;
  uint64_t b = 0;
  uint64_t c = 0;
  uint64_t payload = 0;

  bool operator==(const Row&) const = default;
};

struct RowOrder {
  static constexpr int kWords = 3;
  static uint64_t Word(const Row& row, int i) {
    switch (i) {
      case 0:
        return row.a;
      case 1:
        return row.b;
      default:
        return row.c;
    }
  }
};

// The order written apart from WordLess; the payload breaks ties, so that
// the expected output is one sequence.
struct RowLess {
  bool operator()(const Row& x, const Row& y) const {
    return std::tie(x.a, x.b, x.c, x.payload) <
           std::tie(y.a, y.b, y.c, y.payload);
  }
};

// Sorts `rows` with WordSort, then each run of equal keys by payload (their
// order is unspecified), and checks the result against std::sort.
void ExpectSortsLikeStdSort(std::vector<Row> rows) {
  std::vector<Row> expected = rows;
  std::sort(expected.begin(), expected.end(), RowLess());
  WordSort<RowOrder>(rows.data(), rows.size());
  const auto same_key = [](const Row& x, const Row& y) {
    return !WordLess<RowOrder>()(x, y) && !WordLess<RowOrder>()(y, x);
  };
  for (auto run = rows.begin(); run != rows.end();) {
    auto run_end = run + 1;
    while (run_end != rows.end() && same_key(*run, *run_end)) ++run_end;
    std::sort(run, run_end, RowLess());
    run = run_end;
  }
  ASSERT_EQ(rows.size(), expected.size());
  EXPECT_TRUE(rows == expected);
}

// `count` rows whose words come from `word`, with distinct payloads.
std::vector<Row> MakeRows(
    size_t count, uint32_t seed,
    const std::function<uint64_t(std::mt19937_64&, int)>& word) {
  std::mt19937_64 random(seed);
  std::vector<Row> rows(count);
  for (size_t i = 0; i < count; ++i) {
    rows[i] = {word(random, 0), word(random, 1), word(random, 2), i};
  }
  return rows;
}

TEST(WordLessTest, ComparesWordsInTurnAsUnsignedNumbers) {
  const WordLess<RowOrder> less;
  EXPECT_TRUE(less(Row{1, 9, 9}, Row{2, 0, 0}));
  EXPECT_TRUE(less(Row{1, 2, 3}, Row{1, 2, 4}));
  EXPECT_TRUE(less(Row{1, 2, 3}, Row{1, ~uint64_t{0}, 0}));
  EXPECT_FALSE(less(Row{1, 2, 3}, Row{1, 2, 3}));
  EXPECT_FALSE(less(Row{2, 0, 0}, Row{1, 9, 9}));
  // The payload is not part of the key.
  EXPECT_FALSE(less(Row{1, 2, 3, 0}, Row{1, 2, 3, 1}));
}

TEST(WordSortTest, SortsFewRows) {
  for (size_t count : {0, 1, 2, 3, 63, 64, 65, 66, 300}) {
    SCOPED_TRACE(count);
    ExpectSortsLikeStdSort(
        MakeRows(count, 1, [](auto& random, int) { return random() % 5; }));
  }
}

TEST(WordSortTest, SortsIdsFromASmallRange) {
  // Like term ids: a kind in the top bits, a sequence number below.
  ExpectSortsLikeStdSort(MakeRows(100000, 2, [](auto& random, int word) {
    const uint64_t kind = word == 2 ? 1 + random() % 3 : 1;
    return kind << 60 | random() % 300000;
  }));
}

TEST(WordSortTest, SortsKeysThatDifferInAnyByte) {
  // Each word anywhere in its range, from 0 to all ones.
  ExpectSortsLikeStdSort(MakeRows(
      50000, 3, [](auto& random, int) { return random() >> (random() % 64); }));
}

TEST(WordSortTest, SortsSkewedKeys) {
  // Most rows share the first word; many share the first two.
  ExpectSortsLikeStdSort(MakeRows(50000, 4, [](auto& random, int word) {
    if (word < 2 && random() % 10 != 0) return uint64_t{7};
    return random() % 1000;
  }));
}

TEST(WordSortTest, SortsKeysThatDifferOnlyInTheLastByte) {
  ExpectSortsLikeStdSort(MakeRows(20000, 5, [](auto& random, int word) {
    return word < 2 ? uint64_t{0x0123456789abcdef} : random() % 256;
  }));
}

TEST(WordSortTest, SortsEqualKeys) {
  ExpectSortsLikeStdSort(
      MakeRows(5000, 6, [](auto&, int) { return uint64_t{42}; }));
}

TEST(WordSortTest, SortsSortedAndReversedInput) {
  std::vector<Row> rows =
      MakeRows(20000, 7, [](auto& random, int) { return random() % 100000; });
  std::sort(rows.begin(), rows.end(), RowLess());
  ExpectSortsLikeStdSort(rows);
  std::reverse(rows.begin(), rows.end());
  ExpectSortsLikeStdSort(rows);
}

}  // namespace
}  // namespace almanac
