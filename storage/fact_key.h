// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The identity of a stored fact (subject, predicate and object ids and the
// encoded valid time) and its keys in the five index orders. storage/FORMAT.md
// draws every layout byte by byte.
//
// Valid time, 9 bytes, order-preserving:
//   begin  4 bytes  ordered int32: first day covered (INT32_MIN: open)
//   end    4 bytes  ordered int32: first day after   (INT32_MAX: open)
//   shape  1 byte   bits 0-1 precision of the first date (0 open, 1 year,
//                   2 month, 3 day); bits 2-3 precision of the last date;
//                   bit 4 set for an interval, clear for a single date.
//                   A fact with no stated time is begin = end = INT32_MIN,
//                   shape 0, so it sorts before every timed fact.

#ifndef ALMANAC_STORAGE_FACT_KEY_H_
#define ALMANAC_STORAGE_FACT_KEY_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "storage/term_id.h"

namespace almanac {

inline constexpr size_t kEncodedTimeSize = 9;

struct EncodedTime {
  int32_t begin = DayRange::kOpenBegin;
  int32_t end = DayRange::kOpenBegin;
  uint8_t shape = 0;

  bool is_stated() const { return shape != 0; }
  DayRange days() const { return {begin, end}; }
  auto operator<=>(const EncodedTime&) const = default;
};

EncodedTime EncodeTime(const ValidTime& time);
// Returns Corruption-like DataLoss when the shape byte is not one
// EncodeTime writes, or the days do not fit it: an end not after the
// begin, a begin or end that is not the first or last day of a month or
// year the shape says.
absl::StatusOr<ValidTime> DecodeTime(EncodedTime time);

// A fact's identity: equal keys are the same fact.
struct FactKey {
  TermId subject = 0;
  TermId predicate = 0;
  TermId object = 0;
  EncodedTime time;

  auto operator<=>(const FactKey&) const = default;
};

// The index orders. Each is one column family; the values reach the disk
// through the family names in storage/format.h.
enum class IndexOrder : uint8_t {
  kSpo,            // subject predicate object time
  kPos,            // predicate object subject time
  kOsp,            // object subject predicate time
  kPredicateTime,  // predicate begin end shape subject object (timed only)
  kEntityTime,     // entity begin end shape predicate other role
};
inline constexpr int kIndexOrderCount = 5;

// In the entity-time index, which position of the fact the leading entity
// holds. A fact is indexed under its subject, and under its object when the
// object is an entity.
enum class EntityRole : uint8_t { kSubject = 0, kObject = 1 };

// Returns the key of `fact` in a triple or predicate-time index.
// REQUIRES: order != kEntityTime; for kPredicateTime, fact.time.is_stated().
std::string EncodeKey(IndexOrder order, const FactKey& fact);
// Returns the entity-time key of `fact` under the entity in `role`.
// REQUIRES: fact.time.is_stated().
std::string EncodeEntityTimeKey(const FactKey& fact, EntityRole role);

// As EncodeKey and EncodeEntityTimeKey, into *key (replacing its contents),
// so that a loop can reuse one buffer.
void EncodeKeyTo(IndexOrder order, const FactKey& fact, std::string* key);
void EncodeEntityTimeKeyTo(const FactKey& fact, EntityRole role,
                           std::string* key);

// Decodes a key of `order`. Returns false when the key has the wrong size.
// For kEntityTime, *role receives the role (may be null otherwise).
bool DecodeKey(IndexOrder order, std::string_view key, FactKey* fact,
               EntityRole* role = nullptr);

// Key sizes: 33 bytes, 34 for the entity-time index.
inline constexpr size_t kFactKeySize = 3 * 8 + kEncodedTimeSize;
inline constexpr size_t kEntityTimeKeySize = kFactKeySize + 1;

}  // namespace almanac

#endif  // ALMANAC_STORAGE_FACT_KEY_H_
