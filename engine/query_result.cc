// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/query_result.h"

#include <algorithm>
#include <memory>

namespace almanac {

std::string Cell::ToString() const {
  switch (kind) {
    case Kind::kNull:
      return "";
    case Kind::kTerm:
      return term.ToString();
    case Kind::kTime:
      return time.ToString();
  }
  return "";
}

// The first chunk holds 16 rows, so that a short result takes one
// allocation; each next chunk doubles, up to 4,096 cells (or one row).
constexpr size_t kFirstChunkRows = 16;
constexpr size_t kMaxChunkCells = 4096;

ResultRows::ResultRows(const ResultRows& other) { *this = other; }

ResultRows::ResultRows(ResultRows&& other) noexcept {
  *this = std::move(other);
}

ResultRows& ResultRows::operator=(const ResultRows& other) {
  if (this == &other) return *this;
  Clear();
  for (Row row : other) {
    std::span<Cell> cells = AddRow(row.size());
    std::copy(row.begin(), row.end(), cells.begin());
  }
  return *this;
}

ResultRows& ResultRows::operator=(ResultRows&& other) noexcept {
  if (this == &other) return *this;
  Clear();
  chunks_.swap(other.chunks_);
  rows_.swap(other.rows_);
  return *this;
}

ResultRows::~ResultRows() { Clear(); }

void ResultRows::Clear() {
  std::allocator<Cell> allocator;
  for (const Chunk& chunk : chunks_) {
    std::destroy_n(chunk.cells, chunk.used);
    allocator.deallocate(chunk.cells, chunk.capacity);
  }
  chunks_.clear();
  rows_.clear();
}

std::span<Cell> ResultRows::AddRow(size_t width) {
  // A chunk holds at least one row, however wide.
  const auto start_chunk = [&](size_t capacity) {
    capacity = std::max({capacity, width, size_t{1}});
    chunks_.push_back({std::allocator<Cell>().allocate(capacity), capacity, 0});
  };
  if (chunks_.empty()) {
    rows_.reserve(kFirstChunkRows);
    start_chunk(kFirstChunkRows * width);
  } else if (chunks_.back().used + width > chunks_.back().capacity) {
    start_chunk(std::min(2 * chunks_.back().capacity, kMaxChunkCells));
  }
  Chunk& chunk = chunks_.back();
  const std::span<Cell> row(chunk.cells + chunk.used, width);
  // Counted as made only once made, should a constructor throw.
  std::uninitialized_default_construct_n(row.data(), width);
  chunk.used += width;
  rows_.push_back(row);
  return row;
}

void ResultRows::push_back(std::vector<Cell> row) {
  std::span<Cell> cells = AddRow(row.size());
  std::move(row.begin(), row.end(), cells.begin());
}

bool ResultRows::operator==(const ResultRows& other) const {
  if (size() != other.size()) return false;
  for (size_t r = 0; r < size(); ++r) {
    if (!std::ranges::equal((*this)[r], other[r])) return false;
  }
  return true;
}

}  // namespace almanac
