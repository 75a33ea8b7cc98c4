// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The data the query benchmarks run on, built once and kept between runs:
// an Almanac database and a SQLite copy of the same facts
// (bench/sqlite_baseline.h), in one folder under $ALMANAC_BENCH_DIR
// (default /tmp/almanac-bench) per dataset:
//   query-100000/events.tsv   generated facts (bench/event_generator.h)
//   query-100000/almanac/     the Almanac database, imported from them
//   query-100000/sqlite.db    every fact of the Almanac database
//   query-100000/READY        written last: the folder is complete
// A folder without READY is rebuilt from scratch.

#ifndef ALMANAC_BENCH_BENCH_DATASET_H_
#define ALMANAC_BENCH_BENCH_DATASET_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

struct BenchDataset {
  std::string label;         // "100k", "1M", "10M", or the dataset's name.
  std::string almanac_path;  // Directory of the Almanac database.
  std::string sqlite_path;   // File of the SQLite database.
};

// The base folder of benchmark data: $ALMANAC_BENCH_DIR or
// /tmp/almanac-bench, created when missing.
std::string BenchDirectory();

// Returns "100k" for 100000, "1M" for 1000000, else the number.
std::string ScaleLabel(uint64_t facts);

// The name of the file or folder `path` names ("data/icews" for
// "data/icews/"): the label of an imported dataset.
std::string DatasetName(const std::string& path);

// Returns the dataset of `facts` generated event facts, building it first
// when it is not there yet.
absl::StatusOr<BenchDataset> GeneratedDataset(uint64_t facts);

// Returns the dataset imported from `path` (any input `almanac import`
// reads, in the format of `options`), building it first when it is not
// there yet. The folder is keyed by the file name of `path`.
absl::StatusOr<BenchDataset> ImportedDataset(const std::string& path,
                                             const ImportOptions& options);

}  // namespace almanac

#endif  // ALMANAC_BENCH_BENCH_DATASET_H_
