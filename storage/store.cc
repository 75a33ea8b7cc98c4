// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/store.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/transaction_log.h"
#include "rocksdb/version.h"
#include "storage/coding.h"

namespace almanac {
namespace {

bool CompressionSupported(rocksdb::CompressionType type) {
  for (rocksdb::CompressionType supported :
       rocksdb::GetSupportedCompressions()) {
    if (supported == type) return true;
  }
  return false;
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.max_background_jobs = 2;
  options.bytes_per_sync = 1 << 20;
  options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  options.keep_log_file_num = 2;
  // Off, as by default; DeleteEmptyOldLogs relies on it.
  options.track_and_verify_wals_in_manifest = false;
  return options;
}

// Families read with Get (point lookups) get a Bloom filter; the other
// indexes are only ever prefix-scanned, where a whole-key filter never helps.
bool IsPointLookupFamily(Family family) {
  switch (family) {
    case Family::kPos:
    case Family::kOsp:
    case Family::kPredicateTime:
    case Family::kEntityTime:
    case Family::kHistory:
      return false;
    default:
      return true;
  }
}

rocksdb::ColumnFamilyOptions MakeFamilyOptions(
    Family family, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  if (CompressionSupported(rocksdb::kLZ4Compression)) {
    options.compression = rocksdb::kLZ4Compression;
  }
  if (CompressionSupported(rocksdb::kZSTD)) {
    options.bottommost_compression = rocksdb::kZSTD;
  }
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  if (IsPointLookupFamily(family)) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  } else {
    table.block_size = kDataBlockBytes;  // Scans read whole runs of keys.
  }
  // Indexes (and filters) in small partitions under a pinned top level: a
  // new iterator on a large file then reads a few KiB of index, not the
  // whole index block of the file, which for an imported family of 10M
  // facts is over a megabyte.
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = table.filter_policy != nullptr;
  table.metadata_block_size = 4 << 10;
  table.cache_index_and_filter_blocks = true;
  table.cache_index_and_filter_blocks_with_high_priority = true;
  table.pin_top_level_index_and_filter = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.format_version = 5;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return options;
}

bool IsLockError(const rocksdb::Status& status) {
  return status.IsIOError() && (absl::StrContains(status.ToString(), "lock") ||
                                absl::StrContains(status.ToString(), "LOCK"));
}

// RocksDB recognises a second open in the same process by the path text.
bool IsLockedByThisProcess(const rocksdb::Status& status) {
  return absl::StrContains(status.ToString(), "lock hold by current process");
}

// Whether `path` holds nothing: a database may be created there.
bool IsEmptyOrMissing(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return true;
  return std::filesystem::is_directory(path, error) &&
         std::filesystem::is_empty(path, error);
}

// Deletes the empty write-ahead logs older than the one `db` writes now.
// RocksDB before 8.3 (Debian 12 has 7.8) keeps a log it finds empty at open
// until a memtable flush, and opens a new one: a database opened again and
// again without writes (a shell session of queries, a benchmark) gained an
// empty file each time, and read them all at the next open. RocksDB 8.3
// fixes this itself (its pull request 11409). Deleting them is the
// workaround a RocksDB maintainer gave in its issue 11313, for databases
// that do not track their logs in the manifest (MakeDbOptions). An empty
// log holds no record, so no data goes with it. Called with the database
// open for writing, so with its lock held: no other process writes to
// these logs. A read-only open in another process that listed one just
// before may fail to read it, as it may when RocksDB deletes old logs
// itself. RocksDB later tries to delete them too and ignores that they are
// gone. Errors leave the files as they were: this only tidies.
void DeleteEmptyOldLogs([[maybe_unused]] rocksdb::DB& db,
                        [[maybe_unused]] const std::string& dir) {
#if ROCKSDB_MAJOR < 8 || (ROCKSDB_MAJOR == 8 && ROCKSDB_MINOR < 3)
  std::unique_ptr<rocksdb::LogFile> current;
  if (!db.GetCurrentWalFile(&current).ok()) return;
  std::error_code error;  // Error codes: no exception leaves here.
  std::filesystem::directory_iterator entry(dir, error);
  for (; !error && entry != std::filesystem::directory_iterator();
       entry.increment(error)) {
    // Logs are named by their number: 000029.log.
    const std::filesystem::path& path = entry->path();
    uint64_t number = 0;
    if (path.extension() != ".log" ||
        !absl::SimpleAtoi(path.stem().string(), &number) ||
        number >= current->LogNumber()) {
      continue;
    }
    std::error_code size_error;
    const uintmax_t size = std::filesystem::file_size(path, size_error);
    if (size_error || size != 0) continue;
    std::error_code remove_error;
    std::filesystem::remove(path, remove_error);
  }
#endif
}

}  // namespace

std::string StoreCounters::Encode() const {
  std::string value(1, kValueLayout1);
  for (uint64_t field :
       {next_term_sequence, facts, entities, literals, last_tx}) {
    PutVarint64(&value, field);
  }
  return value;
}

absl::StatusOr<StoreCounters> StoreCounters::Decode(std::string_view value) {
  StoreCounters counters;
  if (value.empty() || value[0] != kValueLayout1) {
    return absl::DataLossError("unknown layout of the database counters");
  }
  value.remove_prefix(1);
  for (uint64_t* field :
       {&counters.next_term_sequence, &counters.facts, &counters.entities,
        &counters.literals, &counters.last_tx}) {
    if (!GetVarint64(&value, field)) {
      return absl::DataLossError("truncated database counters");
    }
  }
  return counters;
}

absl::Status FromRocksStatus(const rocksdb::Status& status,
                             absl::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(context, ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsInvalidArgument()) return absl::InvalidArgumentError(message);
  if (status.IsBusy() || status.IsTryAgain()) {
    return absl::UnavailableError(message);
  }
  if (status.IsNotSupported()) return absl::UnimplementedError(message);
  return absl::InternalError(message);
}

absl::StatusOr<std::unique_ptr<Store>> Store::Open(
    const std::string& path, const StoreOptions& store_options) {
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  store->term_cache_ =
      std::make_unique<TermCache>(store_options.term_cache_entries);
  store->db_options_ = MakeDbOptions();
  // Few shards, so that each can hold the whole index block of a large file
  // written without partitioned indexes: a block larger than its shard is
  // never kept, and was read again by every new iterator.
  constexpr int kCacheShardBits = 2;
  const std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(store_options.block_cache_bytes, kCacheShardBits);
  for (int i = 0; i < kFamilyCount; ++i) {
    store->family_options_[i] =
        MakeFamilyOptions(static_cast<Family>(i), cache);
  }

  const bool fresh = IsEmptyOrMissing(path);
  if (fresh && (!store_options.create_if_missing || store_options.read_only)) {
    return absl::NotFoundError(absl::StrCat("no Almanac database at ", path));
  }
  if (!fresh && !std::filesystem::exists(path + "/CURRENT")) {
    return absl::FailedPreconditionError(absl::StrCat(
        path,
        " is not an Almanac database (a directory that is not empty "
        "and holds no database)"));
  }
  std::error_code error;
  std::filesystem::create_directories(path, error);
  // RocksDB is given one spelling of the directory, whatever `path` says
  // ("db/", "./db", a symlink), so that its in-process lock sees a second
  // open of the same database as one.
  const std::string canonical =
      error ? path : std::filesystem::canonical(path, error).string();
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", path, ": ", error.message()));
  }

  if (!fresh) {
    // A database of another format version may have other families; say so
    // before RocksDB refuses to open it with a message about families.
    std::vector<std::string> names;
    rocksdb::Status listed =
        rocksdb::DB::ListColumnFamilies(store->db_options_, canonical, &names);
    ALMANAC_RETURN_IF_ERROR(
        FromRocksStatus(listed, absl::StrCat("cannot open database ", path)));
    for (const std::string& name : names) {
      if (std::find(std::begin(kFamilyNames), std::end(kFamilyNames), name) ==
          std::end(kFamilyNames)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "database ", path, " has a column family \"", name,
            "\" that format version ", kFormatVersion,
            " does not know: it was written by another version of Almanac"));
      }
    }
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (int i = 0; i < kFamilyCount; ++i) {
    families.emplace_back(kFamilyNames[i], store->family_options_[i]);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status status =
      store_options.read_only
          ? rocksdb::DB::OpenForReadOnly(store->db_options_, canonical,
                                         families, &handles, &raw_db)
          : rocksdb::DB::Open(store->db_options_, canonical, families, &handles,
                              &raw_db);
  if (IsLockedByThisProcess(status)) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", path, " is already open in this process"));
  }
  if (IsLockError(status)) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", path,
                     " is already open in another process (its lock "
                     "file ",
                     path, "/LOCK is held); close that process first"));
  }
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(status, absl::StrCat("cannot open database ", path)));
  store->db_.reset(raw_db);
  for (int i = 0; i < kFamilyCount; ++i) store->handles_[i] = handles[i];

  std::string version;
  status = raw_db->Get(rocksdb::ReadOptions(), store->handle(Family::kMeta),
                       kFormatVersionKey, &version);
  if (status.IsNotFound() && fresh) {
    rocksdb::WriteBatch batch;
    std::string encoded;
    PutFixed32(&encoded, kFormatVersion);
    batch.Put(store->handle(Family::kMeta), kFormatVersionKey, encoded);
    batch.Put(store->handle(Family::kMeta), kCountersKey,
              StoreCounters().Encode());
    ALMANAC_RETURN_IF_ERROR(store->Write(&batch, /*sync=*/true));
    return store;
  }
  if (status.IsNotFound()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path,
        " is a RocksDB database but not an Almanac one (it records no "
        "format version)"));
  }
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(status, "cannot read format version"));
  if (version.size() != 4 || DecodeFixed32(version.data()) != kFormatVersion) {
    const uint32_t found =
        version.size() == 4 ? DecodeFixed32(version.data()) : 0;
    return absl::FailedPreconditionError(absl::StrCat(
        "database ", path, " has format version ", found,
        "; this build of Almanac reads format version ", kFormatVersion));
  }
  if (!store_options.read_only) DeleteEmptyOldLogs(*raw_db, canonical);
  return store;
}

Store::~Store() {
  if (db_ == nullptr) return;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    if (handle != nullptr) db_->DestroyColumnFamilyHandle(handle);
  }
  db_->Close().PermitUncheckedError();
}

absl::StatusOr<StoreCounters> Store::ReadCounters(
    const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  std::string value;
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(
      db_->Get(read_options, handle(Family::kMeta), kCountersKey, &value),
      "cannot read database counters"));
  return StoreCounters::Decode(value);
}

absl::Status Store::Write(rocksdb::WriteBatch* batch, bool sync) {
  rocksdb::WriteOptions write_options;
  write_options.sync = sync;
  return FromRocksStatus(db_->Write(write_options, batch), "write failed");
}

Family FamilyOf(IndexOrder order) {
  switch (order) {
    case IndexOrder::kSpo:
      return Family::kSpo;
    case IndexOrder::kPos:
      return Family::kPos;
    case IndexOrder::kOsp:
      return Family::kOsp;
    case IndexOrder::kPredicateTime:
      return Family::kPredicateTime;
    case IndexOrder::kEntityTime:
      return Family::kEntityTime;
  }
  return Family::kSpo;
}

}  // namespace almanac
