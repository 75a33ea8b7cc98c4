// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Per-iteration latency for Google Benchmark: time each iteration of the
// benchmark loop yourself and report the median, p95 and p99 in
// state.counters, in microseconds.
//
// Example:
//   LatencyRecorder latency;
//   for (auto _ : state) {
//     LatencyRecorder::Timer timer(latency);
//     RunTheQuery();
//   }
//   latency.Report(state);  // counters median_us, p95_us, p99_us

#ifndef ALMANAC_BENCH_LATENCY_H_
#define ALMANAC_BENCH_LATENCY_H_

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <vector>

#include "benchmark/benchmark.h"

namespace almanac {

class LatencyRecorder {
 public:
  // Records the time from its construction to its destruction.
  class Timer {
   public:
    explicit Timer(LatencyRecorder& recorder)
        : recorder_(recorder), start_(std::chrono::steady_clock::now()) {}
    ~Timer() {
      const auto elapsed = std::chrono::steady_clock::now() - start_;
      recorder_.Add(std::chrono::duration<double, std::micro>(elapsed).count());
    }
    Timer(const Timer&) = delete;
    Timer& operator=(const Timer&) = delete;

   private:
    LatencyRecorder& recorder_;
    std::chrono::steady_clock::time_point start_;
  };

  void Add(double micros) { samples_.push_back(micros); }
  size_t size() const { return samples_.size(); }

  // The latency below which `fraction` (0..1) of the samples lie, by the
  // nearest-rank method. 0 when there is no sample.
  double Percentile(double fraction) const {
    if (samples_.empty()) return 0;
    std::vector<double> sorted = samples_;
    std::sort(sorted.begin(), sorted.end());
    const double rank =
        std::ceil(fraction * static_cast<double>(sorted.size()));
    const size_t index =
        std::clamp<size_t>(static_cast<size_t>(rank), 1, sorted.size()) - 1;
    return sorted[index];
  }

  double Median() const { return Percentile(0.5); }

  // Sets median_us, p95_us and p99_us on `state`.
  void Report(benchmark::State& state) const {
    state.counters["median_us"] = Median();
    state.counters["p95_us"] = Percentile(0.95);
    state.counters["p99_us"] = Percentile(0.99);
  }

 private:
  std::vector<double> samples_;  // Microseconds, in the order recorded.
};

}  // namespace almanac

#endif  // ALMANAC_BENCH_LATENCY_H_
