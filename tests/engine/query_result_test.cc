// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/query_result.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace almanac {
namespace {

Cell Entity(const std::string& name) {
  Cell cell;
  cell.kind = Cell::Kind::kTerm;
  cell.term = Term::Entity(name);
  return cell;
}

// "a b | c d": each row's cells, rows in order, as range-for reads them.
std::string Render(const ResultRows& rows) {
  std::string out;
  for (ResultRows::Row row : rows) {
    if (!out.empty()) out += " | ";
    for (size_t i = 0; i < row.size(); ++i) {
      out += (i > 0 ? " " : "") + row[i].ToString();
    }
  }
  return out;
}

TEST(ResultRowsTest, AnEmptyResultHasNoRows) {
  const ResultRows rows;
  EXPECT_TRUE(rows.empty());
  EXPECT_EQ(rows.size(), 0u);
  EXPECT_EQ(rows.begin(), rows.end());
}

TEST(ResultRowsTest, RowsKeepTheirCellsAndOrder) {
  ResultRows rows;
  rows.push_back({Entity("Russia"), Entity("IEA")});
  rows.push_back({Entity("Pakistan"), Entity("Russia")});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0].term.text(), "Pakistan");
  EXPECT_EQ(rows[1].size(), 2u);
  EXPECT_EQ(Render(rows), "Russia IEA | Pakistan Russia");
}

// Rows filled in place, past the room the first row reserves, keep every
// cell written before: growing moves the cells, not their values.
TEST(ResultRowsTest, RowsAddedInPlaceSurviveGrowth) {
  ResultRows rows;
  for (int i = 0; i < 100; ++i) {
    std::span<Cell> cells = rows.AddRow(2);
    ASSERT_EQ(cells.size(), 2u);
    EXPECT_EQ(cells[0].kind, Cell::Kind::kNull);  // Added as null cells.
    cells[0] = Entity("a name longer than the short-string buffer " +
                      std::to_string(i));
    cells[1] = Entity(std::to_string(i));
  }
  ASSERT_EQ(rows.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(
        rows[i][0].term.text(),
        "a name longer than the short-string buffer " + std::to_string(i));
    EXPECT_EQ(rows[i][1].term.text(), std::to_string(i));
  }
}

// Rows may differ in width, and a row may have no cells.
TEST(ResultRowsTest, RowsOfDifferentWidths) {
  ResultRows rows;
  rows.push_back({Entity("a")});
  rows.push_back({});
  rows.push_back({Entity("b"), Entity("c"), Entity("d")});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].size(), 1u);
  EXPECT_EQ(rows[1].size(), 0u);
  EXPECT_EQ(rows[2].size(), 3u);
  EXPECT_EQ(Render(rows), "a |  | b c d");
}

TEST(ResultRowsTest, EqualWhenTheRowsAreEqual) {
  ResultRows one;
  one.push_back({Entity("a"), Entity("b")});
  ResultRows same;
  same.push_back({Entity("a"), Entity("b")});
  ResultRows split;  // The same cells, cut into rows otherwise.
  split.push_back({Entity("a")});
  split.push_back({Entity("b")});
  EXPECT_EQ(one, same);
  EXPECT_NE(one, split);
}

}  // namespace
}  // namespace almanac
