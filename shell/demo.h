// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The demo database: the seed facts (data/seeds/seed.tsv, compiled into the
// binary), created on first use in the user's data directory.

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

// Where the demo database lives: $ALMANAC_DEMO_DB, else
// $XDG_DATA_HOME/almanac/demo, else $HOME/.local/share/almanac/demo.
std::string DemoDatabasePath();

// Opens the demo database, creating it from the seed facts when it has
// none. Loading the seeds again into an existing demo adds nothing.
absl::StatusOr<std::unique_ptr<Database>> OpenDemoDatabase();

}  // namespace almanac

#endif  // ALMANAC_SHELL_DEMO_H_
