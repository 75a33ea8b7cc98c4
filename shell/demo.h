// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The demo database: the seed facts (data/seeds/seed.tsv, compiled into the
// binary), created on first use in the user's data directory and rebuilt
// when a build with other seed facts opens it.

#ifndef ALMANAC_SHELL_DEMO_H_
#define ALMANAC_SHELL_DEMO_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "almanac/database.h"

namespace almanac {

// The seed facts in TSV form.
std::string_view SeedTsv();

// A fingerprint of SeedTsv(): 16 hex digits, the same for the same seed
// facts in every build.
std::string SeedVersion();

// The file in the demo directory that holds the SeedVersion() of the facts
// the demo was built from.
inline constexpr char kSeedVersionFile[] = "SEED_VERSION";

// Where the demo database lives: $ALMANAC_DEMO_DB, else
// $XDG_DATA_HOME/almanac/demo, else $HOME/.local/share/almanac/demo.
std::string DemoDatabasePath();

// Opens the demo database at DemoDatabasePath(); see OpenDemoDatabaseAt.
absl::StatusOr<std::unique_ptr<Database>> OpenDemoDatabase();

// Opens the demo database in directory `path`, creating it from the seed
// facts when there is none. A demo built from other seed facts (its
// kSeedVersionFile differs or is missing, as in demos made by older builds)
// is deleted, with any facts added to it, and built again: the directory
// belongs to Almanac. Errors: those of Database::Open (a demo open in another
// process is left alone) and of the import of the seed facts.
absl::StatusOr<std::unique_ptr<Database>> OpenDemoDatabaseAt(
    const std::string& path);

}  // namespace almanac

#endif  // ALMANAC_SHELL_DEMO_H_
