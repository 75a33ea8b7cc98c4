// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// What a query statement takes and returns: parameter values for $name
// placeholders, and a result of named columns and rows of cells.

#ifndef ALMANAC_QUERY_RESULT_H_
#define ALMANAC_QUERY_RESULT_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "almanac/date.h"
#include "almanac/fact.h"
#include "almanac/term.h"

namespace almanac {

// Values for the $name parameters of a statement, by name (without '$'):
// a term, or a valid time for a parameter after '@' or in a time relation.
using QueryParameters = std::map<std::string, std::variant<Term, ValidTime>>;

// One value of a result row.
struct Cell {
  enum class Kind { kNull, kTerm, kTime };
  // Written out so that a new cell is initialized only as its members say:
  // with an implicit constructor, Cell() and vector<Cell>::resize would
  // first fill the whole cell with zeros, on every row of a result.
  Cell() {}
  Kind kind = Kind::kNull;
  Term term;       // kTerm: an entity or a literal (counts are integers).
  ValidTime time;  // kTime.

  // "" for null, Term::ToString() or ValidTime::ToString().
  std::string ToString() const;
  bool operator==(const Cell&) const = default;
};

// The rows of a result: rows[r][c] is the cell of row r in column c, and
// `for (ResultRows::Row row : result.rows)` reads them in order. The cells
// of all rows are stored one after another, rather than each row in an
// allocation of its own (which, for a result of thousands of short rows,
// cost more than finding them).
class ResultRows {
 public:
  using Row = std::span<const Cell>;

  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Row;

    Iterator() = default;
    Row operator*() const { return (*rows_)[index_]; }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++index_;
      return before;
    }
    bool operator==(const Iterator& other) const {
      return index_ == other.index_;
    }

   private:
    friend class ResultRows;
    Iterator(const ResultRows* rows, size_t index)
        : rows_(rows), index_(index) {}
    const ResultRows* rows_ = nullptr;
    size_t index_ = 0;
  };

  size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  // REQUIRES: r < size().
  Row operator[](size_t r) const {
    const size_t end = r + 1 < starts_.size() ? starts_[r + 1] : cells_.size();
    return Row(cells_.data() + starts_[r], end - starts_[r]);
  }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

  // Adds a row of `width` null cells and returns them, to be filled in
  // place. Valid until the next row is added.
  std::span<Cell> AddRow(size_t width) {
    // Room for a short result at once, rather than growing by doubling
    // from one row (moving every cell on rows 2, 3, 5, 9, ...).
    if (starts_.empty()) reserve(kFirstRows, width);
    starts_.push_back(cells_.size());
    cells_.resize(cells_.size() + width);
    return std::span<Cell>(cells_.data() + starts_.back(), width);
  }
  // Adds `row` as the last row.
  void push_back(std::vector<Cell> row) {
    std::span<Cell> cells = AddRow(row.size());
    std::move(row.begin(), row.end(), cells.begin());
  }
  // Room for `rows` rows of `width` cells without moving the cells.
  void reserve(size_t rows, size_t width) {
    starts_.reserve(rows);
    cells_.reserve(rows * width);
  }

  bool operator==(const ResultRows& other) const = default;

 private:
  static constexpr size_t kFirstRows = 16;

  std::vector<Cell> cells_;
  std::vector<size_t> starts_;  // Where each row's cells begin in cells_.
};

struct QueryResult {
  std::vector<std::string> columns;
  ResultRows rows;
  // EXPLAIN: the plan as text (or JSON); the rows are then empty, except
  // for EXPLAIN ANALYZE, which also runs the query.
  std::string plan;
  // ADD, RETRACT, COMMIT: what the write changed.
  TxNumber tx = 0;
  uint64_t added = 0;
  uint64_t retracted = 0;
};

}  // namespace almanac

#endif  // ALMANAC_QUERY_RESULT_H_
