// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/run_parts.h"

#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace almanac {

void RunParts(size_t parts, const std::function<void(size_t part)>& run) {
  // What each part threw, rethrown below once every part has ended: an
  // exception must not end a thread of its own (std::terminate).
  std::vector<std::exception_ptr> thrown(parts);
  const auto run_part = [&run, &thrown](size_t part) {
    try {
      run(part);
    } catch (...) {
      thrown[part] = std::current_exception();
    }
  };
  {
    std::vector<std::thread> threads;
    threads.reserve(parts);
    // Every thread is joined however this block is left.
    struct JoinAll {
      std::vector<std::thread>& threads;
      ~JoinAll() {
        for (std::thread& thread : threads) thread.join();
      }
    } join_all{threads};
    for (size_t part = 1; part < parts; ++part) {
      try {
        threads.emplace_back(run_part, part);
      } catch (const std::system_error&) {
        run_part(part);  // No thread to be had: run the part here.
      }
    }
    if (parts > 0) run_part(0);
  }
  for (const std::exception_ptr& exception : thrown) {
    if (exception != nullptr) std::rethrow_exception(exception);
  }
}

}  // namespace almanac
