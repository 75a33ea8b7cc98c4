// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// RunParts: every part runs once, part 0 on the calling thread and the
// others on threads of their own, and what a part throws comes back to the
// caller after every part has ended.

#include "query/run_parts.h"

#include <atomic>
#include <chrono>
#include <new>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace almanac {
namespace {

TEST(RunPartsTest, EachPartRunsOnceAndPartZeroOnTheCallingThread) {
  constexpr size_t kParts = 4;
  std::vector<int> runs(kParts, 0);
  std::vector<std::thread::id> threads(kParts);
  RunParts(kParts, [&](size_t part) {
    ++runs[part];
    threads[part] = std::this_thread::get_id();
  });
  EXPECT_EQ(runs, std::vector<int>(kParts, 1));
  EXPECT_EQ(threads[0], std::this_thread::get_id());
  EXPECT_EQ(std::set<std::thread::id>(threads.begin(), threads.end()).size(),
            kParts);
}

TEST(RunPartsTest, NoPartsRunsNothing) {
  bool ran = false;
  RunParts(0, [&](size_t) { ran = true; });
  EXPECT_FALSE(ran);
}

TEST(RunPartsTest, AnExceptionComesBackAfterEveryPartHasEnded) {
  std::atomic<int> ended{0};
  const auto run = [&](size_t part) {
    if (part == 2) {
      ++ended;
      throw std::bad_alloc();
    }
    if (part == 3) {
      ++ended;
      throw std::runtime_error("part 3");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++ended;
  };
  // Part 2's exception, the lowest part's of the two.
  EXPECT_THROW(RunParts(4, run), std::bad_alloc);
  EXPECT_EQ(ended.load(), 4);
  ended = 0;
  EXPECT_THROW(RunParts(1, [&](size_t) { throw std::runtime_error("0"); }),
               std::runtime_error);
}

}  // namespace
}  // namespace almanac
