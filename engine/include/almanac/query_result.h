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
// are stored in a few large chunks that never move, each holding many
// rows one after another, rather than each row in an allocation of its
// own (which, for a result of thousands of short rows, cost more than
// finding them) or all rows in one array (moved whenever it grows).
class ResultRows {
 public:
  using Row = std::span<const Cell>;

  // Yields each row by value (a span), so it is a forward iterator by
  // C++20's concepts and an input iterator by the older categories.
  class Iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;
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
    // REQUIRES: both iterate the same rows.
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

  using value_type = Row;
  using size_type = size_t;
  using iterator = Iterator;
  using const_iterator = Iterator;

  ResultRows() = default;
  ResultRows(const ResultRows& other);  // Copies the cells.
  ResultRows& operator=(const ResultRows& other);
  ResultRows(ResultRows&& other) noexcept;  // Leaves `other` empty.
  ResultRows& operator=(ResultRows&& other) noexcept;
  ~ResultRows();

  size_t size() const { return rows_.size(); }
  bool empty() const { return rows_.empty(); }
  // REQUIRES: r < size().
  Row operator[](size_t r) const { return rows_[r]; }
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

  // Adds a row of `width` null cells and returns them, to be filled in
  // place. They stay where they are as more rows are added.
  std::span<Cell> AddRow(size_t width);
  // Adds `row` as the last row.
  void push_back(std::vector<Cell> row);

  // The same rows, cell for cell.
  bool operator==(const ResultRows& other) const;

 private:
  // Room for cells, made as rows take them (a short result does not pay
  // for the cells it leaves unused).
  struct Chunk {
    Cell* cells;
    size_t capacity;
    size_t used;  // Cells [0, used) are made.
  };
  void Clear();

  std::vector<Chunk> chunks_;
  std::vector<std::span<Cell>> rows_;
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
