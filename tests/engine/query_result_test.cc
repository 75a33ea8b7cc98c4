// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/query_result.h"

#include <span>
#include <string>
#include <utility>
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

// Rows filled in place, across many chunks, keep every cell written, and
// a row's cells stay where AddRow put them as more rows are added.
TEST(ResultRowsTest, RowsAddedInPlaceStayPut) {
  ResultRows rows;
  std::vector<const Cell*> first_cells;
  for (int i = 0; i < 5000; ++i) {
    std::span<Cell> cells = rows.AddRow(3);
    ASSERT_EQ(cells.size(), 3u);
    EXPECT_EQ(cells[0].kind, Cell::Kind::kNull);  // Added as null cells.
    cells[0] = Entity("a name longer than the short-string buffer " +
                      std::to_string(i));
    cells[2] = Entity(std::to_string(i));
    first_cells.push_back(cells.data());
  }
  ASSERT_EQ(rows.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(rows[i].data(), first_cells[i]);
    EXPECT_EQ(
        rows[i][0].term.text(),
        "a name longer than the short-string buffer " + std::to_string(i));
    EXPECT_EQ(rows[i][1].kind, Cell::Kind::kNull);
    EXPECT_EQ(rows[i][2].term.text(), std::to_string(i));
  }
}

// A row wider than a chunk gets a chunk of its own.
TEST(ResultRowsTest, AVeryWideRow) {
  ResultRows rows;
  rows.push_back({Entity("a")});
  std::span<Cell> wide = rows.AddRow(10000);
  wide[9999] = Entity("last");
  rows.push_back({Entity("b")});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].term.text(), "a");
  EXPECT_EQ(rows[1].size(), 10000u);
  EXPECT_EQ(rows[1][9999].term.text(), "last");
  EXPECT_EQ(rows[2][0].term.text(), "b");
}

// Copies hold their own cells; moves keep the rows where they are.
TEST(ResultRowsTest, CopiesAreDeepAndMovesKeepTheRows) {
  ResultRows rows;
  for (int i = 0; i < 40; ++i) rows.push_back({Entity(std::to_string(i))});
  ResultRows copy = rows;
  EXPECT_EQ(copy, rows);
  EXPECT_NE(copy[0].data(), rows[0].data());
  const Cell* first = rows[0].data();
  ResultRows moved = std::move(rows);
  EXPECT_EQ(moved[0].data(), first);
  EXPECT_EQ(moved, copy);
  copy = moved;
  EXPECT_EQ(copy, moved);
  EXPECT_EQ(copy[39][0].term.text(), "39");
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
