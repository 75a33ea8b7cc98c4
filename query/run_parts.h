// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Runs the parts of one operator's work side by side: part 0 on the calling
// thread, each other part on a thread of its own. The operators that split
// their work (ParallelAggregate's slices of a scan, PathJoin's chunks of a
// level of its walk) give each part its own scanner and its own outputs;
// what the parts share is read-only while they run, or atomic (PathJoin's
// next chunk).

#ifndef ALMANAC_QUERY_RUN_PARTS_H_
#define ALMANAC_QUERY_RUN_PARTS_H_

#include <cstddef>
#include <functional>

namespace almanac {

// Calls run(0), ..., run(parts - 1), each on its own thread but run(0) on
// the calling thread, and returns when all have returned. A part for which
// no thread can be had runs on the calling thread. An exception a part
// throws (std::bad_alloc, say) is rethrown on the calling thread once every
// part has ended; when several throw, the lowest part's.
void RunParts(size_t parts, const std::function<void(size_t part)>& run);

}  // namespace almanac

#endif  // ALMANAC_QUERY_RUN_PARTS_H_
