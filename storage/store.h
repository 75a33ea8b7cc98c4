// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Store owns the RocksDB instance of one database directory and its column
// families (storage/format.h), checks the format version at open, and turns
// RocksDB errors into absl::Status.

#ifndef ALMANAC_STORAGE_STORE_H_
#define ALMANAC_STORAGE_STORE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "storage/fact_key.h"
#include "storage/format.h"
#include "storage/term_cache.h"

namespace almanac {

// The size of a data block in the files of the index families (those that
// scans read; the point-lookup families keep RocksDB's default).
inline constexpr size_t kDataBlockBytes = size_t{16} << 10;

struct StoreOptions {
  bool create_if_missing = true;  // Create an empty database if none.
  // Opens an existing database to read only, without taking its lock, so
  // that it may be open for writing at the same time, in this process or
  // another (the benchmarks read it raw beside a Database this way). Writes
  // fail; what is written after the open is not seen. The reader opens
  // every file at once and keeps it open (RocksDB's max_open_files is left
  // at -1), so a writer's compactions cannot take a file from under it.
  bool read_only = false;
  size_t block_cache_bytes = size_t{64} << 20;
  size_t term_cache_entries = size_t{1} << 20;  // See TermCache.
};

// Database-wide counters, kept in the meta family under kCountersKey and
// rewritten by every transaction. Value: layout byte 1, then five varints in
// field order.
struct StoreCounters {
  uint64_t next_term_sequence = 1;  // Next dictionary sequence number.
  uint64_t facts = 0;               // Facts present now.
  uint64_t entities = 0;            // Entity names in the dictionary.
  uint64_t literals = 0;            // Strings and decimals in the dictionary.
  uint64_t last_tx = 0;             // Last committed transaction.

  std::string Encode() const;
  static absl::StatusOr<StoreCounters> Decode(std::string_view value);
};

class Store {
 public:
  // Opens or creates the database in directory `path`. See Database::Open
  // for the errors.
  static absl::StatusOr<std::unique_ptr<Store>> Open(
      const std::string& path, const StoreOptions& options);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* handle(Family family) const {
    return handles_[static_cast<int>(family)];
  }
  const std::string& path() const { return path_; }

  // The options of `family`, for SstFileWriter files ingested into it.
  rocksdb::Options OptionsFor(Family family) const {
    return rocksdb::Options(db_options_,
                            family_options_[static_cast<int>(family)]);
  }

  // Dictionary entries cached for every reader of this database.
  TermCache& term_cache() const { return *term_cache_; }

  // Returns the counters as of `snapshot` (nullptr: the latest).
  absl::StatusOr<StoreCounters> ReadCounters(
      const rocksdb::Snapshot* snapshot) const;

  // Writes `batch` atomically; with `sync`, durably.
  absl::Status Write(rocksdb::WriteBatch* batch, bool sync);

 private:
  Store() = default;

  std::string path_;
  rocksdb::DBOptions db_options_;
  std::array<rocksdb::ColumnFamilyOptions, kFamilyCount> family_options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::array<rocksdb::ColumnFamilyHandle*, kFamilyCount> handles_{};
  std::unique_ptr<TermCache> term_cache_;
};

// The family that holds index `order`.
Family FamilyOf(IndexOrder order);

// The name of the index `order`: its family's ("spo", "predicate_time").
inline const char* IndexOrderName(IndexOrder order) {
  return kFamilyNames[static_cast<int>(FamilyOf(order))];
}

// Converts a RocksDB status; `context` says what was being done.
absl::Status FromRocksStatus(const rocksdb::Status& status,
                             absl::string_view context);

}  // namespace almanac

#endif  // ALMANAC_STORAGE_STORE_H_
