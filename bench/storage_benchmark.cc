// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Storage-level reads, in LevelDB's db_bench vocabulary, on the datasets of
// the query benchmarks (bench/bench_dataset.h), each read twice: straight
// from RocksDB (raw) and through Database::Scan (decoded facts).
//   readseq/DATASET/raw          every key of the spo index, in order
//   readseq/DATASET/scan_api     every fact, Scan with nothing bound
//   seekrandom/DATASET/raw       all spo keys of a random subject
//   seekrandom/DATASET/scan_api  Scan with a random subject bound
// Subjects are drawn with a fixed seed from all subjects of the dataset, so
// every run reads the same ones. Counters: facts_per_second (readseq);
// median_us, p95_us, p99_us and rows per seek (seekrandom).
// Environment as for query_benchmark: ALMANAC_BENCH_SCALES,
// ALMANAC_BENCH_DIR.

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "bench/bench_dataset.h"
#include "bench/latency.h"
#include "bench/sqlite_baseline.h"
#include "benchmark/benchmark.h"
#include "storage/coding.h"
#include "storage/dictionary.h"
#include "storage/store.h"

namespace almanac {
namespace {

constexpr int kSubjectDraws = 1000;

// `kSubjectDraws` subjects of the dataset, drawn uniformly with a fixed seed.
absl::StatusOr<std::vector<Term>> DrawSubjects(const BenchDataset& dataset) {
  auto sqlite = SqliteBaseline::Open(dataset.sqlite_path);
  if (!sqlite.ok()) return sqlite.status();
  auto rows = (*sqlite)->Query(
      "SELECT name FROM terms WHERE id IN (SELECT DISTINCT s FROM facts)"
      " ORDER BY name",
      {});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::FailedPreconditionError("no subjects");
  std::mt19937_64 random(42);
  std::uniform_int_distribution<size_t> pick(0, rows->size() - 1);
  std::vector<Term> subjects;
  for (int i = 0; i < kSubjectDraws; ++i) {
    auto term = Term::ParseObjectField((*rows)[pick(random)][0]);
    if (!term.ok()) return term.status();
    subjects.push_back(*term);
  }
  return subjects;
}

void Fail(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(status.ToString().c_str());
}

void BM_ReadSeqRaw(benchmark::State& state, uint64_t facts) {
  auto dataset = GeneratedDataset(facts);
  if (!dataset.ok()) return Fail(state, dataset.status());
  auto store = Store::Open(dataset->almanac_path, StoreOptions());
  if (!store.ok()) return Fail(state, store.status());
  int64_t rows = 0;
  for (auto _ : state) {
    std::unique_ptr<rocksdb::Iterator> it((*store)->db()->NewIterator(
        rocksdb::ReadOptions(), (*store)->handle(Family::kSpo)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(it->key().data());
      benchmark::DoNotOptimize(it->value().data());
      ++rows;
    }
  }
  state.counters["facts_per_second"] = benchmark::Counter(
      static_cast<double>(rows), benchmark::Counter::kIsRate);
}

void BM_ReadSeqScanApi(benchmark::State& state, uint64_t facts) {
  auto dataset = GeneratedDataset(facts);
  if (!dataset.ok()) return Fail(state, dataset.status());
  auto db = Database::Open(dataset->almanac_path, Options());
  if (!db.ok()) return Fail(state, db.status());
  ScanOptions options;
  options.with_source = false;
  int64_t rows = 0;
  for (auto _ : state) {
    for (auto it = (*db)->Scan(Pattern(), options); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(&it->fact());
      ++rows;
    }
  }
  state.counters["facts_per_second"] = benchmark::Counter(
      static_cast<double>(rows), benchmark::Counter::kIsRate);
}

void BM_SeekRandomRaw(benchmark::State& state, uint64_t facts) {
  auto dataset = GeneratedDataset(facts);
  if (!dataset.ok()) return Fail(state, dataset.status());
  auto subjects = DrawSubjects(*dataset);
  if (!subjects.ok()) return Fail(state, subjects.status());
  auto store = Store::Open(dataset->almanac_path, StoreOptions());
  if (!store.ok()) return Fail(state, store.status());
  // The spo key prefix of each subject: its term id.
  std::vector<std::string> prefixes;
  DictionaryReader dictionary(**store, nullptr);
  for (const Term& subject : *subjects) {
    auto id = dictionary.Find(subject);
    if (!id.ok() || !id->has_value()) {
      return Fail(state, absl::NotFoundError(subject.ToString()));
    }
    PutFixed64(&prefixes.emplace_back(), **id);
  }
  LatencyRecorder latency;
  int64_t rows = 0;
  size_t next = 0;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    const std::string& prefix = prefixes[next++ % prefixes.size()];
    const std::string limit = PrefixSuccessor(prefix);
    rocksdb::ReadOptions read_options;
    const rocksdb::Slice upper(limit);
    read_options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it((*store)->db()->NewIterator(
        read_options, (*store)->handle(Family::kSpo)));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(it->key().data());
      benchmark::DoNotOptimize(it->value().data());
      ++rows;
    }
  }
  latency.Report(state);
  state.counters["rows"] =
      latency.size() == 0 ? 0 : static_cast<double>(rows) / latency.size();
}

void BM_SeekRandomScanApi(benchmark::State& state, uint64_t facts) {
  auto dataset = GeneratedDataset(facts);
  if (!dataset.ok()) return Fail(state, dataset.status());
  auto subjects = DrawSubjects(*dataset);
  if (!subjects.ok()) return Fail(state, subjects.status());
  auto db = Database::Open(dataset->almanac_path, Options());
  if (!db.ok()) return Fail(state, db.status());
  ScanOptions options;
  options.with_source = false;
  LatencyRecorder latency;
  int64_t rows = 0;
  size_t next = 0;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    Pattern pattern;
    pattern.subject = (*subjects)[next++ % subjects->size()];
    for (auto it = (*db)->Scan(pattern, options); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(&it->fact());
      ++rows;
    }
  }
  latency.Report(state);
  state.counters["rows"] =
      latency.size() == 0 ? 0 : static_cast<double>(rows) / latency.size();
}

void RegisterBenchmarks(uint64_t facts) {
  const std::string label = ScaleLabel(facts);
  benchmark::RegisterBenchmark(("readseq/" + label + "/raw").c_str(),
                               BM_ReadSeqRaw, facts)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("readseq/" + label + "/scan_api").c_str(),
                               BM_ReadSeqScanApi, facts)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark(("seekrandom/" + label + "/raw").c_str(),
                               BM_SeekRandomRaw, facts)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark(("seekrandom/" + label + "/scan_api").c_str(),
                               BM_SeekRandomScanApi, facts)
      ->Unit(benchmark::kMicrosecond);
}

}  // namespace
}  // namespace almanac

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  const char* scales = std::getenv("ALMANAC_BENCH_SCALES");
  for (absl::string_view scale :
       absl::StrSplit(scales && *scales ? scales : "100000,1000000", ',')) {
    uint64_t facts = 0;
    if (absl::SimpleAtoi(scale, &facts) && facts > 0) {
      almanac::RegisterBenchmarks(facts);
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
