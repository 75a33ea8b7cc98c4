// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The implementation of almanac::Database over storage::Store. Writes
// (commits and imports) take writer_mutex_ and run one at a time; scans take
// no lock and read from a RocksDB snapshot.

#ifndef ALMANAC_ENGINE_DATABASE_IMPL_H_
#define ALMANAC_ENGINE_DATABASE_IMPL_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "almanac/database.h"
#include "query/ast.h"
#include "storage/store.h"

namespace almanac {

class DatabaseImpl : public Database {
 public:
  DatabaseImpl(std::unique_ptr<Store> store, const Options& options,
               StoreCounters counters)
      : store_(std::move(store)), options_(options), counters_(counters) {}

  absl::StatusOr<CommitResult> Commit(const Transaction& txn) override;
  std::unique_ptr<FactIterator> Scan(const Pattern& pattern,
                                     const ScanOptions& options) const override;
  std::shared_ptr<const Snapshot> GetSnapshot() const override;
  absl::StatusOr<ImportResult> Import(const std::vector<std::string>& paths,
                                      const ImportOptions& options) override;
  absl::StatusOr<QueryResult> Query(std::string_view statement,
                                    const QueryParameters& parameters) override;
  absl::StatusOr<std::vector<QueryResult>> Execute(
      std::string_view script, const QueryParameters& parameters) override;
  absl::StatusOr<std::unique_ptr<PreparedStatement>> Prepare(
      std::string_view statement) override;
  absl::StatusOr<Statistics> GetStatistics() const override;

  // Runs one parsed statement of `text`. `open` is the transaction between
  // BEGIN and COMMIT, if any; BEGIN, COMMIT and ROLLBACK change it.
  absl::StatusOr<QueryResult> RunStatement(std::string_view text,
                                           const ast::Statement& statement,
                                           const QueryParameters& parameters,
                                           std::optional<Transaction>* open);
  absl::StatusOr<TransactionInfo> GetTransaction(TxNumber tx) const override;
  const std::string& path() const override { return store_->path(); }

 private:
  const std::unique_ptr<Store> store_;
  const Options options_;
  absl::Mutex writer_mutex_;
  StoreCounters counters_ ABSL_GUARDED_BY(writer_mutex_);
};

// A RocksDB snapshot with the transaction it includes. Released when the
// last holder lets go. REQUIRES: released before the database is closed.
class SnapshotImpl : public Snapshot {
 public:
  SnapshotImpl(rocksdb::DB* db, const rocksdb::Snapshot* snapshot, TxNumber tx)
      : db_(db), snapshot_(snapshot), tx_(tx) {}
  ~SnapshotImpl() override { db_->ReleaseSnapshot(snapshot_); }
  TxNumber tx() const override { return tx_; }
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snapshot_;
  const TxNumber tx_;
};

// Returns OK when the subject and predicate of `fact` are entities.
absl::Status CheckFactPositions(const Fact& fact);

// Returns OK when `fact` can be stored: CheckFactPositions, and every term
// passes Term::CheckStorable.
absl::Status CheckFact(const Fact& fact);

// Microseconds since 1970 now.
int64_t NowMicros();

}  // namespace almanac

#endif  // ALMANAC_ENGINE_DATABASE_IMPL_H_
