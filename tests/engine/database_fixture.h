// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The fixture of the engine's statement tests: a new, empty database in a
// temporary directory, open as db_ for each test.

#ifndef ALMANAC_TESTS_ENGINE_DATABASE_FIXTURE_H_
#define ALMANAC_TESTS_ENGINE_DATABASE_FIXTURE_H_

#include <memory>

#include "almanac/database.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {

class DatabaseTest : public ::testing::Test {
 protected:
  // Opens db_; a fixture adding data calls this first.
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Database>> db =
        Database::Open(dir_.Sub("db"), Options());
    ASSERT_OK(StatusOf(db));
    db_ = *std::move(db);
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace almanac

#endif  // ALMANAC_TESTS_ENGINE_DATABASE_FIXTURE_H_
