// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Latency of a bound-subject lookup returning a few rows, against its
// physical floor, in one run:
//   BM_RawPrefixScan   a RocksDB iterator over the subject's spo keys
//   BM_ScanApi         Database::Scan with the subject bound (decoded facts)
//   BM_PreparedFind    a prepared FIND ?p, ?o WHERE $s ?p ?o
//   BM_TextFind        the same FIND as text: parse, bind, plan, run
//   BM_ParseBindPlan   EXPLAIN of that FIND: everything but running it
// Data: 100,000 generated event facts (bench/event_generator.h), imported
// once into $ALMANAC_BENCH_DIR/query-db. Counters: rows per lookup.

#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "almanac/database.h"
#include "bench/event_generator.h"
#include "benchmark/benchmark.h"
#include "storage/coding.h"
#include "storage/dictionary.h"
#include "storage/store.h"

namespace almanac {
namespace {

constexpr char kSubject[] = "Entity 2500";

std::string DatabasePath() {
  const char* dir = std::getenv("ALMANAC_BENCH_DIR");
  const std::string base = dir && *dir ? dir : "/tmp/almanac-bench";
  std::filesystem::create_directories(base);
  const std::string path = base + "/query-db";
  if (!std::filesystem::exists(path + "/CURRENT")) {
    const std::string file = base + "/query-events.tsv";
    EventGeneratorOptions options;
    options.facts = 100000;
    if (!WriteEventTsv(file, options).ok()) return path;
    auto db = Database::Open(path, Options());
    if (db.ok()) (void)(*db)->Import({file}, ImportOptions());
  }
  return path;
}

void BM_RawPrefixScan(benchmark::State& state) {
  auto store = Store::Open(DatabasePath(), StoreOptions());
  if (!store.ok()) {
    state.SkipWithError("cannot open the store");
    return;
  }
  DictionaryReader dictionary(**store, nullptr);
  const std::optional<TermId> id = *dictionary.Find(Term::Entity(kSubject));
  std::string prefix;
  PutFixed64(&prefix, id.value_or(0));
  const std::string limit = PrefixSuccessor(prefix);
  int64_t rows = 0;
  for (auto _ : state) {
    rocksdb::ReadOptions read_options;
    const rocksdb::Slice upper(limit);
    read_options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it((*store)->db()->NewIterator(
        read_options, (*store)->handle(Family::kSpo)));
    rows = 0;
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(it->key().data());
      ++rows;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_RawPrefixScan);

// One database for the API benchmarks, opened after the raw one closed.
Database& OpenDatabase() {
  static Database* db = [] {
    auto opened = Database::Open(DatabasePath(), Options());
    return opened.ok() ? opened->release() : nullptr;
  }();
  return *db;
}

void BM_ScanApi(benchmark::State& state) {
  Database& db = OpenDatabase();
  Pattern pattern;
  pattern.subject = Term::Entity(kSubject);
  ScanOptions options;
  options.with_source = false;
  int64_t rows = 0;
  for (auto _ : state) {
    rows = 0;
    for (auto it = db.Scan(pattern, options); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(&it->fact());
      ++rows;
    }
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ScanApi);

void BM_PreparedFind(benchmark::State& state) {
  Database& db = OpenDatabase();
  auto prepared = db.Prepare("FIND ?p, ?o WHERE $s ?p ?o;");
  if (!prepared.ok()) {
    state.SkipWithError(std::string(prepared.status().message()).c_str());
    return;
  }
  const QueryParameters parameters = {{"s", Term::Entity(kSubject)}};
  size_t rows = 0;
  for (auto _ : state) {
    auto result = (*prepared)->Execute(parameters);
    rows = result.ok() ? result->rows.size() : 0;
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_PreparedFind);

void BM_TextFind(benchmark::State& state) {
  Database& db = OpenDatabase();
  const std::string text =
      absl::StrCat("FIND ?p, ?o WHERE `", kSubject, "` ?p ?o;");
  size_t rows = 0;
  for (auto _ : state) {
    auto result = db.Query(text);
    rows = result.ok() ? result->rows.size() : 0;
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_TextFind);

void BM_ParseBindPlan(benchmark::State& state) {
  Database& db = OpenDatabase();
  const std::string text =
      absl::StrCat("EXPLAIN FIND ?p, ?o WHERE `", kSubject, "` ?p ?o;");
  for (auto _ : state) {
    auto result = db.Query(text);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_ParseBindPlan);

}  // namespace
}  // namespace almanac

BENCHMARK_MAIN();
