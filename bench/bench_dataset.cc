// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "bench/bench_dataset.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "bench/event_generator.h"
#include "bench/sqlite_baseline.h"

namespace almanac {
namespace {

BenchDataset DatasetIn(const std::string& folder, const std::string& label) {
  return BenchDataset{.label = label,
                      .almanac_path = folder + "/almanac",
                      .sqlite_path = folder + "/sqlite.db"};
}

bool IsReady(const std::string& folder) {
  return std::filesystem::exists(folder + "/READY");
}

// Imports `paths` into a new Almanac database and copies its facts into a
// new SQLite database, then marks the folder ready.
absl::Status Build(const std::string& folder, const BenchDataset& dataset,
                   const std::vector<std::string>& paths,
                   const ImportOptions& options) {
  std::filesystem::remove_all(dataset.almanac_path);
  std::filesystem::remove(dataset.sqlite_path);
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                           Database::Open(dataset.almanac_path, Options()));
  ALMANAC_RETURN_IF_ERROR(db->Import(paths, options).status());
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteBaseline> sqlite,
                           SqliteBaseline::Open(dataset.sqlite_path));
  ALMANAC_RETURN_IF_ERROR(sqlite->LoadFrom(*db));
  std::ofstream(folder + "/READY") << "ready\n";
  return absl::OkStatus();
}

}  // namespace

std::string BenchDirectory() {
  const char* dir = std::getenv("ALMANAC_BENCH_DIR");
  std::string path = dir && *dir ? dir : "/tmp/almanac-bench";
  std::filesystem::create_directories(path);
  return path;
}

std::string ScaleLabel(uint64_t facts) {
  if (facts % 1000000 == 0) return absl::StrCat(facts / 1000000, "M");
  if (facts % 1000 == 0) return absl::StrCat(facts / 1000, "k");
  return absl::StrCat(facts);
}

absl::StatusOr<BenchDataset> GeneratedDataset(uint64_t facts) {
  const std::string folder = absl::StrCat(BenchDirectory(), "/query-", facts);
  BenchDataset dataset = DatasetIn(folder, ScaleLabel(facts));
  if (IsReady(folder)) return dataset;
  std::filesystem::create_directories(folder);
  const std::string events = folder + "/events.tsv";
  EventGeneratorOptions generator;
  generator.facts = facts;
  ALMANAC_RETURN_IF_ERROR(WriteEventTsv(events, generator));
  ALMANAC_RETURN_IF_ERROR(Build(folder, dataset, {events}, ImportOptions()));
  return dataset;
}

std::string DatasetName(const std::string& path) {
  std::filesystem::path name = std::filesystem::path(path).lexically_normal();
  if (!name.has_filename()) name = name.parent_path();
  return name.filename().string();
}

absl::StatusOr<BenchDataset> ImportedDataset(const std::string& path,
                                             const ImportOptions& options) {
  const std::string name = DatasetName(path);
  const std::string folder = absl::StrCat(BenchDirectory(), "/query-", name);
  BenchDataset dataset = DatasetIn(folder, name);
  if (IsReady(folder)) return dataset;
  std::filesystem::create_directories(folder);
  ALMANAC_RETURN_IF_ERROR(Build(folder, dataset, {path}, options));
  return dataset;
}

}  // namespace almanac
