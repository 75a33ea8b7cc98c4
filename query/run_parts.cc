// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/run_parts.h"

#include <system_error>
#include <thread>
#include <vector>

namespace almanac {

void RunParts(size_t parts, const std::function<void(size_t part)>& run) {
  std::vector<std::thread> threads;
  threads.reserve(parts);
  // Every thread is joined however this function is left.
  struct JoinAll {
    std::vector<std::thread>& threads;
    ~JoinAll() {
      for (std::thread& thread : threads) thread.join();
    }
  } join_all{threads};
  for (size_t part = 1; part < parts; ++part) {
    try {
      threads.emplace_back(run, part);
    } catch (const std::system_error&) {
      run(part);  // No thread to be had: run the part here.
    }
  }
  if (parts > 0) run(0);
}

}  // namespace almanac
