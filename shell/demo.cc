// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/demo.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "almanac/status_macros.h"

namespace almanac {

std::string DemoDatabasePath() {
  if (const char* path = std::getenv("ALMANAC_DEMO_DB"); path && *path) {
    return path;
  }
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    return std::string(data) + "/almanac/demo";
  }
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.local/share/almanac/demo";
}

absl::StatusOr<std::unique_ptr<Database>> OpenDemoDatabase() {
  const std::string path = DemoDatabasePath();
  std::error_code error;
  std::filesystem::create_directories(path, error);
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                           Database::Open(path, Options()));
  ALMANAC_ASSIGN_OR_RETURN(Statistics statistics, db->GetStatistics());
  if (statistics.last_tx != 0) return db;

  // A new demo: write the seeds to a file beside it and import them.
  const std::string seed_path = path + ".seed.tsv";
  {
    std::ofstream out(seed_path, std::ios::binary | std::ios::trunc);
    out << SeedTsv();
    if (!out) {
      return absl::UnavailableError("cannot write the seed facts to " +
                                    seed_path);
    }
  }
  absl::StatusOr<ImportResult> imported = db->Import({seed_path}, {});
  std::filesystem::remove(seed_path, error);
  if (!imported.ok()) return imported.status();
  return db;
}

}  // namespace almanac
