// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Helpers shared by the tests.

#ifndef ALMANAC_TESTS_TEST_UTIL_H_
#define ALMANAC_TESTS_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const ::absl::Status almanac_test_status_ = (expr);             \
    ASSERT_TRUE(almanac_test_status_.ok()) << almanac_test_status_; \
  } while (false)

#define EXPECT_OK(expr)                                             \
  do {                                                              \
    const ::absl::Status almanac_test_status_ = (expr);             \
    EXPECT_TRUE(almanac_test_status_.ok()) << almanac_test_status_; \
  } while (false)

namespace almanac {

inline absl::Status StatusOf(const absl::Status& status) { return status; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

// A fresh directory under the test temporary directory, removed (with all it
// holds) when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Returns path()/name.
  std::string Sub(std::string_view name) const;

 private:
  std::string path_;
};

// Writes `contents` to the file `path`, replacing it.
void WriteFile(const std::string& path, std::string_view contents);

// Returns the contents of the file `path` ("" when it cannot be read).
std::string ReadFile(const std::string& path);

}  // namespace almanac

#endif  // ALMANAC_TESTS_TEST_UTIL_H_
