// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The names and keys that reach the disk. storage/FORMAT.md describes every
// column family and key and value layout byte by byte.
//
// DO NOT CHANGE THESE NAMES OR VALUES: a database written by one build must
// open in the next. A change of layout raises kFormatVersion, and a database
// of another version is refused at open with a clear error.

#ifndef ALMANAC_STORAGE_FORMAT_H_
#define ALMANAC_STORAGE_FORMAT_H_

#include <cstdint>

namespace almanac {

inline constexpr uint32_t kFormatVersion = 1;

// The column families, in the order of their handles in Store.
enum class Family : int {
  kMeta = 0,        // "default": format version, counters
  kTermIds,         // kind byte + name -> term id
  kTermNames,       // term id -> name
  kSpo,             // fact keys, subject first; value: tx, source
  kPos,             // fact keys, predicate first; value: tx
  kOsp,             // fact keys, object first; value: tx
  kPredicateTime,   // timed facts by predicate, then time; value: tx
  kEntityTime,      // timed facts by entity, then time; value: tx
  kHistory,         // retracted facts: fact key + retracting tx
  kPredicateStats,  // predicate id -> counts and time span
  kTransactions,    // tx -> commit time, counts
};
inline constexpr int kFamilyCount = 11;

inline constexpr const char* kFamilyNames[kFamilyCount] = {
    "default",
    "term_ids",
    "term_names",
    "spo",
    "pos",
    "osp",
    "predicate_time",
    "entity_time",
    "history",
    "predicate_stats",
    "transactions",
};

// Keys of the meta family.
inline constexpr char kFormatVersionKey[] = "format_version";  // fixed32
inline constexpr char kCountersKey[] = "counters";  // see StoreCounters

// The first byte of a value whose layout may grow: the layout's version.
inline constexpr char kValueLayout1 = 1;

}  // namespace almanac

#endif  // ALMANAC_STORAGE_FORMAT_H_
