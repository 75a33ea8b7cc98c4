// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/demo.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

// Returns the seed version recorded in demo directory `path`; empty when
// there is none.
std::string RecordedSeedVersion(const std::string& path) {
  std::ifstream in(path + "/" + kSeedVersionFile, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return std::string(absl::StripTrailingAsciiWhitespace(text.str()));
}

// Imports the seed facts into the empty database `db` at `path`, then
// records their version.
absl::Status LoadSeeds(Database& db, const std::string& path) {
  const std::string seed_path = path + ".seed.tsv";
  {
    std::ofstream out(seed_path, std::ios::binary | std::ios::trunc);
    out << SeedTsv();
    if (!out) {
      return absl::UnavailableError("cannot write the seed facts to " +
                                    seed_path);
    }
  }
  absl::StatusOr<ImportResult> imported = db.Import({seed_path}, {});
  std::error_code error;
  std::filesystem::remove(seed_path, error);
  ALMANAC_RETURN_IF_ERROR(imported.status());

  std::ofstream version(path + "/" + kSeedVersionFile,
                        std::ios::binary | std::ios::trunc);
  version << SeedVersion() << "\n";
  if (!version) {
    return absl::UnavailableError("cannot write " + path + "/" +
                                  kSeedVersionFile);
  }
  return absl::OkStatus();
}

}  // namespace

std::string SeedVersion() {
  // 64-bit FNV-1a: stable across builds and platforms, unlike std::hash.
  uint64_t hash = 0xcbf29ce484222325u;
  for (const unsigned char c : SeedTsv()) {
    hash = (hash ^ c) * 0x100000001b3u;
  }
  return absl::StrFormat("%016x", hash);
}

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
  return OpenDemoDatabaseAt(DemoDatabasePath());
}

absl::StatusOr<std::unique_ptr<Database>> OpenDemoDatabaseAt(
    const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                           Database::Open(path, Options()));
  ALMANAC_ASSIGN_OR_RETURN(Statistics statistics, db->GetStatistics());
  if (statistics.last_tx != 0 && RecordedSeedVersion(path) == SeedVersion()) {
    return db;
  }
  if (statistics.last_tx != 0) {
    // Built from other seed facts: start again. The database is closed
    // first, so that a demo open in another process was refused above.
    db.reset();
    std::filesystem::remove_all(path, error);
    if (error) {
      return absl::UnavailableError("cannot remove the outdated demo " + path +
                                    ": " + error.message());
    }
    std::filesystem::create_directories(path, error);
    ALMANAC_ASSIGN_OR_RETURN(db, Database::Open(path, Options()));
  }
  ALMANAC_RETURN_IF_ERROR(LoadSeeds(*db, path));
  return db;
}

}  // namespace almanac
