// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Sorting records by a key of 64-bit words. An order on a record type is
// given as the words of its key, most significant first; two records
// compare as their words do, in turn, as unsigned numbers:
//
//   struct RowOrder {
//     static constexpr int kWords = 2;
//     // REQUIRES: 0 <= i < kWords.
//     static uint64_t Word(const Row& row, int i) {
//       return i == 0 ? row.group : row.rank;
//     }
//   };
//
// WordLess<Order> is that comparison. WordSort<Order> sorts by it with a
// radix sort, byte by byte from the most significant: the import's runs
// hold a million records whose keys share most of their bytes (ids from a
// small range, dates from a few decades), and a comparison sort spent most
// of its time on the branches that tell such keys apart.

#ifndef ALMANAC_STORAGE_WORD_SORT_H_
#define ALMANAC_STORAGE_WORD_SORT_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace almanac {

template <typename Order>
struct WordLess {
  template <typename Record>
  bool operator()(const Record& a, const Record& b) const {
    for (int i = 0; i < Order::kWords; ++i) {
      const uint64_t x = Order::Word(a, i);
      const uint64_t y = Order::Word(b, i);
      if (x != y) return x < y;
    }
    return false;
  }
};

namespace word_sort_internal {

// Ranges this short are left to std::sort.
inline constexpr size_t kComparisonSortRecords = 64;

// Byte `digit` of a key whose word digit / 8 is `word`: digit 0 is the most
// significant byte of word 0, digit 8 that of word 1.
inline unsigned ByteOfWord(uint64_t word, int digit) {
  return static_cast<unsigned>(word >> (56 - 8 * (digit % 8))) & 0xff;
}

// Byte `digit` of a record's key.
template <typename Order, typename Record>
unsigned KeyByte(const Record& record, int digit) {
  return ByteOfWord(Order::Word(record, digit / 8), digit);
}

// Sorts records[0, count), whose keys agree before byte `digit`, skipping
// the bytes `varies` says are the same in every record of the whole sort.
// Each call recurses only into a later byte, so the depth is at most the
// key's bytes (48 frames of about 6 KiB for six words).
template <typename Order, typename Record>
void SortFromByte(Record* records, size_t count, int digit,
                  const std::array<uint64_t, Order::kWords>& varies) {
  constexpr int kDigits = 8 * Order::kWords;
  for (; digit < kDigits; ++digit) {
    if (count <= kComparisonSortRecords) {
      std::sort(records, records + count, WordLess<Order>());
      return;
    }
    if (ByteOfWord(varies[digit / 8], digit) == 0) continue;
    std::array<size_t, 256> counts = {};
    for (size_t i = 0; i < count; ++i) {
      ++counts[KeyByte<Order>(records[i], digit)];
    }
    if (std::find(counts.begin(), counts.end(), count) != counts.end()) {
      continue;  // Every record has the same byte here: go on to the next.
    }
    // Moves each record into its byte's bucket, following each displaced
    // record to its own bucket until one belongs where the walk began.
    std::array<size_t, 256> next;  // Next unfilled slot of each bucket.
    std::array<size_t, 256> end;
    size_t start = 0;
    for (int b = 0; b < 256; ++b) {
      next[b] = start;
      start += counts[b];
      end[b] = start;
    }
    for (int b = 0; b < 256; ++b) {
      while (next[b] < end[b]) {
        Record moving = records[next[b]];
        unsigned home = KeyByte<Order>(moving, digit);
        while (home != static_cast<unsigned>(b)) {
          std::swap(moving, records[next[home]++]);
          home = KeyByte<Order>(moving, digit);
        }
        records[next[b]++] = moving;
      }
    }
    start = 0;
    for (int b = 0; b < 256; ++b) {
      if (counts[b] > 1) {
        SortFromByte<Order>(records + start, counts[b], digit + 1, varies);
      }
      start += counts[b];
    }
    return;
  }
  // Every byte of the key compared: the records are equal.
}

}  // namespace word_sort_internal

// Sorts records[0, count) by WordLess<Order>, in place. Records with equal
// keys end in no particular order.
template <typename Order, typename Record>
void WordSort(Record* records, size_t count) {
  if (count < 2) return;
  // The bits set where some record's word differs from the first's.
  std::array<uint64_t, Order::kWords> varies = {};
  for (size_t i = 1; i < count; ++i) {
    for (int w = 0; w < Order::kWords; ++w) {
      varies[w] |= Order::Word(records[i], w) ^ Order::Word(records[0], w);
    }
  }
  word_sort_internal::SortFromByte<Order>(records, count, 0, varies);
}

}  // namespace almanac

#endif  // ALMANAC_STORAGE_WORD_SORT_H_
