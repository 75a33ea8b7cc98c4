// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Import throughput, peak memory and size on disk.
//
//   BM_ImportGenerated/N   N generated event facts (bench/event_generator.h)
//                          from one TSV file into a new database, for each N
//                          of ALMANAC_BENCH_SCALES (default 100000,1000000).
//   BM_ImportDataset       the dataset named by ALMANAC_BENCH_DATASET (any
//                          path `almanac import` reads), with
//                          ALMANAC_BENCH_FORMAT (tsv|csv|tkg),
//                          ALMANAC_BENCH_EPOCH and ALMANAC_BENCH_UNIT.
//
// Counters: facts_per_second (rows read / wall time), peak_rss_mib (the
// process's peak resident memory during the import: the peak is reset before
// each one), disk_bytes_per_fact. Run one scale per process for clean
// memory numbers, e.g.
//   ALMANAC_BENCH_SCALES=10000000 build/bench/import_benchmark
//   --benchmark_filter=BM_ImportGenerated

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "bench/event_generator.h"
#include "benchmark/benchmark.h"

namespace almanac {
namespace {

std::string BenchDir() {
  const char* dir = std::getenv("ALMANAC_BENCH_DIR");
  std::string path = dir && *dir ? dir : "/tmp/almanac-bench";
  std::filesystem::create_directories(path);
  return path;
}

// Resets the kernel's record of this process's peak resident memory.
void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Peak resident memory since the last reset, in MiB.
double PeakMemoryMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) {
      return std::strtod(line.c_str() + 6, nullptr) / 1024.0;
    }
  }
  return 0;
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t bytes = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(path)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

void RunImport(benchmark::State& state, const std::vector<std::string>& paths,
               const ImportOptions& options) {
  const std::string db_path = BenchDir() + "/import-db";
  uint64_t rows = 0;
  uint64_t added = 0;
  double peak = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(db_path);
    auto db = Database::Open(db_path, Options());
    if (!db.ok()) {
      state.SkipWithError(std::string(db.status().message()).c_str());
      return;
    }
    ResetPeakMemory();
    state.ResumeTiming();
    absl::StatusOr<ImportResult> result = (*db)->Import(paths, options);
    state.PauseTiming();
    if (!result.ok()) {
      state.SkipWithError(std::string(result.status().message()).c_str());
      return;
    }
    peak = std::max(peak, PeakMemoryMiB());
    rows += result->rows;
    added = result->added;
    db->reset();
    state.ResumeTiming();
  }
  state.counters["facts_per_second"] = benchmark::Counter(
      static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mib"] = peak;
  state.counters["facts_stored"] = static_cast<double>(added);
  state.counters["disk_bytes_per_fact"] =
      added == 0 ? 0 : static_cast<double>(DirectoryBytes(db_path)) / added;
}

void BM_ImportGenerated(benchmark::State& state) {
  const uint64_t facts = static_cast<uint64_t>(state.range(0));
  const std::string file = absl::StrCat(BenchDir(), "/events-", facts, ".tsv");
  if (!std::filesystem::exists(file)) {
    EventGeneratorOptions options;
    options.facts = facts;
    absl::Status status = WriteEventTsv(file, options);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
  }
  RunImport(state, {file}, ImportOptions());
}

// Registers BM_ImportGenerated at the sizes of ALMANAC_BENCH_SCALES
// (default 100000,1000000; add 10000000 for 10M facts).
void RegisterGenerated() {
  const char* scales = std::getenv("ALMANAC_BENCH_SCALES");
  for (absl::string_view scale :
       absl::StrSplit(scales && *scales ? scales : "100000,1000000", ',')) {
    int64_t facts = 0;
    if (!absl::SimpleAtoi(scale, &facts) || facts <= 0) continue;
    benchmark::RegisterBenchmark("BM_ImportGenerated", BM_ImportGenerated)
        ->Arg(facts)
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
  }
}

void BM_ImportDataset(benchmark::State& state) {
  const char* dataset = std::getenv("ALMANAC_BENCH_DATASET");
  if (dataset == nullptr || *dataset == '\0') {
    state.SkipWithError("set ALMANAC_BENCH_DATASET to run this benchmark");
    return;
  }
  ImportOptions options;
  const char* format = std::getenv("ALMANAC_BENCH_FORMAT");
  if (format != nullptr) options.format = *ParseImportFormat(format);
  if (const char* epoch = std::getenv("ALMANAC_BENCH_EPOCH")) {
    options.epoch = *Date::Parse(epoch);
  }
  if (const char* unit = std::getenv("ALMANAC_BENCH_UNIT")) {
    options.unit = *ParseTimeUnit(unit);
  }
  RunImport(state, {dataset}, options);
}

}  // namespace
}  // namespace almanac

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  almanac::RegisterGenerated();
  if (const char* dataset = std::getenv("ALMANAC_BENCH_DATASET");
      dataset != nullptr && *dataset != '\0') {
    benchmark::RegisterBenchmark("BM_ImportDataset", almanac::BM_ImportDataset)
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
