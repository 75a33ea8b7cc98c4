// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Term ids: the 64-bit numbers that stand for terms in every index key.
//
//   bits 63..60  the TermKind (1 entity .. 6 date); 0 is never a valid id
//   bits 59..0   the payload:
//     entity, string, decimal: a sequence number from the dictionary
//                              (1, 2, 3, ... shared by the three kinds)
//     integer: value + 2^59, so [-2^59, 2^59) maps to [0, 2^60) in order
//     boolean: 0 false, 1 true
//     date:    (first day + 2^31) << 2 | precision (1 year, 2 month, 3 day)
//
// Literals of the inline kinds (integer, boolean, date) need no dictionary
// entry and their ids sort in value order within the kind. Ids are written
// big-endian in keys, so an index groups terms by kind first.

#ifndef ALMANAC_STORAGE_TERM_ID_H_
#define ALMANAC_STORAGE_TERM_ID_H_

#include <cstdint>
#include <optional>

#include "almanac/term.h"

namespace almanac {

using TermId = uint64_t;

inline constexpr int kTermKindShift = 60;
inline constexpr uint64_t kTermPayloadMask = (uint64_t{1} << 60) - 1;

inline TermId MakeTermId(TermKind kind, uint64_t payload) {
  return (static_cast<uint64_t>(kind) << kTermKindShift) |
         (payload & kTermPayloadMask);
}
inline TermKind KindOfTermId(TermId id) {
  return static_cast<TermKind>(id >> kTermKindShift);
}
inline uint64_t PayloadOfTermId(TermId id) { return id & kTermPayloadMask; }

// True for the kinds whose value is the id itself (integer, boolean, date).
bool IsInlineKind(TermKind kind);

// Returns the id of an inline term; std::nullopt for dictionary kinds.
std::optional<TermId> InlineTermId(const Term& term);

// Returns the term an inline id stands for.
// REQUIRES: IsInlineKind(KindOfTermId(id)).
Term DecodeInlineTerm(TermId id);

}  // namespace almanac

#endif  // ALMANAC_STORAGE_TERM_ID_H_
