// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "bench/event_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "almanac/date.h"

namespace almanac {
namespace {

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1).
class ZipfSampler {
 public:
  explicit ZipfSampler(uint64_t n) : cumulative_(n) {
    double sum = 0;
    for (uint64_t i = 0; i < n; ++i) {
      sum += 1.0 / static_cast<double>(i + 1);
      cumulative_[i] = sum;
    }
  }

  uint64_t operator()(std::mt19937_64& random) const {
    std::uniform_real_distribution<double> uniform(0, cumulative_.back());
    const double target = uniform(random);
    return std::lower_bound(cumulative_.begin(), cumulative_.end(), target) -
           cumulative_.begin();
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace

absl::Status WriteEventTsv(const std::string& path,
                           const EventGeneratorOptions& options) {
  std::FILE* out = std::fopen(path.c_str(), "w");
  if (out == nullptr) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  const uint64_t entities = options.entities != 0
                                ? options.entities
                                : std::max<uint64_t>(100, options.facts / 10);
  std::mt19937_64 random(options.seed);
  const ZipfSampler entity(entities);
  const ZipfSampler predicate(options.predicates);
  const int32_t first_day = Date::Parse("2000-01-01")->days().begin;
  const int32_t days = Date::Parse("2025-01-01")->days().begin - first_day;
  std::uniform_int_distribution<int32_t> day(0, days - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> length(1, 60);
  std::uniform_int_distribution<int> source(0, 999);

  // Each draw is its own statement: argument evaluation order is unspecified.
  for (uint64_t row = 0; row < options.facts; ++row) {
    const uint64_t subject = entity(random);
    const uint64_t predicate_rank = predicate(random);
    const Date date = Date::FromDayNumber(first_day + day(random));
    std::string time;
    const int shape = percent(random);
    if (shape < 3) {
      time = absl::StrFormat("%04d", date.year());
    } else if (shape < 10) {
      time = absl::StrFormat("%04d-%02d", date.year(), date.month());
    } else if (shape < 20) {
      const Date end = Date::FromDayNumber(date.days().begin + length(random));
      time = absl::StrCat(date.ToString(), "..", end.ToString());
    } else {
      time = date.ToString();
    }
    std::string object;
    if (percent(random) < 10) {
      object = absl::StrCat(percent(random) * 100);
    } else {
      object = absl::StrCat("Entity ", entity(random));
    }
    std::string source_text;
    if (percent(random) < 20) {
      source_text = absl::StrCat("report-", source(random));
    }
    absl::FPrintF(out, "Entity %d\tpredicate_%d\t%s\t%s\t%s\n", subject,
                  predicate_rank, object, time, source_text);
  }
  if (std::fclose(out) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace almanac
