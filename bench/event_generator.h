// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A deterministic generator of event-like facts for benchmarks: entities
// with Zipf-skewed popularity, 200 predicates, dates spread over 25 years
// (2000-2024) of day, month and year precision, some intervals, some
// sources, some integer objects. The same options give the same facts.

#ifndef ALMANAC_BENCH_EVENT_GENERATOR_H_
#define ALMANAC_BENCH_EVENT_GENERATOR_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"

namespace almanac {

struct EventGeneratorOptions {
  uint64_t facts = 100000;
  uint64_t entities = 0;  // 0: facts / 10, at least 100.
  int predicates = 200;
  uint64_t seed = 42;
};

// Writes options.facts rows to `path` as TSV (subject, predicate, object,
// time, source). Rows may repeat a fact, as real event data does.
absl::Status WriteEventTsv(const std::string& path,
                           const EventGeneratorOptions& options);

}  // namespace almanac

#endif  // ALMANAC_BENCH_EVENT_GENERATOR_H_
