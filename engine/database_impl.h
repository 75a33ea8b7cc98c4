// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The implementation of almanac::Database over storage::Store. Writes
// (commits and imports) take writer_mutex_ and run one at a time; scans take
// no lock and read from a RocksDB snapshot.

#ifndef ALMANAC_ENGINE_DATABASE_IMPL_H_
#define ALMANAC_ENGINE_DATABASE_IMPL_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "almanac/database.h"
#include "query/ast.h"
#include "storage/statistics_cache.h"
#include "storage/store.h"

namespace almanac {

class FindExecution;  // query/run_find.h
struct FindSource;    // query/run_find.h

class DatabaseImpl : public Database {
 public:
  DatabaseImpl(std::unique_ptr<Store> store, const Options& options,
               StoreCounters counters)
      : store_(std::move(store)),
        options_(options),
        counters_(counters),
        published_counters_(counters) {}

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
  std::unique_ptr<Session> NewSession() override;
  absl::StatusOr<std::unique_ptr<QueryCursor>> OpenCursor(
      std::string_view statement, const QueryParameters& parameters) override;
  absl::StatusOr<std::unique_ptr<PreparedStatement>> Prepare(
      std::string_view statement) override;
  void Interrupt() override {
    interrupts_.fetch_add(1, std::memory_order_relaxed);
  }
  absl::StatusOr<std::vector<std::string>> NamesWithPrefix(
      std::string_view prefix, size_t limit) const override;
  absl::StatusOr<Statistics> GetStatistics() const override;

  // A prepared FIND's binding and plan, kept for its next run.
  struct CachedPlan {
    std::mutex mutex;  // Guards the rest; std::mutex as published_mutex_.
    std::unique_ptr<FindExecution> execution;
    TxNumber planned_at = 0;
  };

  // Runs the FIND `statement` of a prepared statement. Reuses the plan in
  // `cache` when no transaction has committed since it was made and it
  // serves `parameters` (FindExecution::Rerun); otherwise binds and plans,
  // and keeps the new plan. Runs that find the cache busy (another thread)
  // plan their own.
  absl::StatusOr<QueryResult> RunPreparedFind(std::string_view text,
                                              const ast::Statement& statement,
                                              const QueryParameters& parameters,
                                              CachedPlan* cache);

  // Opens a cursor over the FIND `statement` parsed from `text`.
  absl::StatusOr<std::unique_ptr<QueryCursor>> OpenFindCursor(
      std::string_view text, const ast::Statement& statement,
      const QueryParameters& parameters);

  // Runs the statements of `script` in order, returning their results.
  // `open` is the transaction between BEGIN and COMMIT, kept from one call
  // to the next by a session. Stops at the first error, leaving `open` as
  // the failing statement found it.
  absl::StatusOr<std::vector<QueryResult>> RunScript(
      std::string_view script, const QueryParameters& parameters,
      std::optional<Transaction>* open);

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
  // Bumped by Interrupt(); running queries stop when it moves. Lock-free,
  // so Interrupt() is async-signal-safe.
  std::atomic<uint64_t> interrupts_{0};
  static_assert(std::atomic<uint64_t>::is_always_lock_free);
  absl::Mutex writer_mutex_;
  StoreCounters counters_ ABSL_GUARDED_BY(writer_mutex_);
  // A copy of counters_ that readers may take without waiting for a write:
  // the planner's estimates need no snapshot-exact counts. Taken by every
  // query, so a plain std::mutex: absl::Mutex's deadlock detection (on in
  // Debian's build of Abseil) costs more than the copy it guards.
  mutable std::mutex published_mutex_;
  StoreCounters published_counters_;  // Guarded by published_mutex_.

  // Copies counters_ to published_counters_. Called by each write once it
  // is in the database, inside its WriteUnderWay.
  void PublishCounters() ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mutex_) {
    std::lock_guard<std::mutex> lock(published_mutex_);
    published_counters_ = counters_;
  }

  // Odd while a write may be changing the database or has not yet
  // published its counters; even otherwise. A reader that sees the same
  // even value before it reads the published counters and after it takes
  // its snapshot knows that the snapshot holds exactly their transaction
  // (a seqlock).
  std::atomic<uint64_t> write_epoch_{0};

  // Makes write_epoch_ odd for its lifetime: declared by a write before it
  // changes the database, and kept until its counters are published (or
  // it failed).
  class WriteUnderWay {
   public:
    explicit WriteUnderWay(std::atomic<uint64_t>& epoch) : epoch_(epoch) {
      epoch_.fetch_add(1);
    }
    ~WriteUnderWay() { epoch_.fetch_add(1); }
    WriteUnderWay(const WriteUnderWay&) = delete;
    WriteUnderWay& operator=(const WriteUnderWay&) = delete;

   private:
    std::atomic<uint64_t>& epoch_;
  };

  // Where a FIND reads now: a new snapshot, kept in *snapshot (the source
  // points into it, so it must outlive the source), this database's
  // interrupt counter, and the counters published last, for the planner's
  // estimates. The counters are read before the snapshot is taken, so the
  // snapshot holds at least their transaction; when no write was under way
  // meanwhile (write_epoch_), exactly that one, and the planner may use
  // the cached predicate statistics.
  FindSource LatestFindSource(std::shared_ptr<const Snapshot>* snapshot);

  // The planner's predicate statistics for the transaction published last.
  PredicateCountsCache predicate_counts_;

  // The FIND statements Query ran, by their text, each kept as a prepared
  // statement: the same text again is neither parsed nor, while no
  // transaction commits, planned again. Emptied when it reaches
  // kCachedStatements. Declared after store_, so destroyed before it.
  static constexpr size_t kCachedStatements = 64;
  std::mutex statement_cache_mutex_;  // Guards statement_cache_.
  absl::flat_hash_map<std::string, std::shared_ptr<PreparedStatement>>
      statement_cache_;
};

// A RocksDB snapshot. Released when the last holder lets go. REQUIRES:
// released before the database is closed.
class SnapshotImpl : public Snapshot {
 public:
  SnapshotImpl(const Store& store, const rocksdb::Snapshot* snapshot)
      : store_(store), snapshot_(snapshot) {}
  ~SnapshotImpl() override { store_.db()->ReleaseSnapshot(snapshot_); }
  // Read from the snapshot's counters on first use: most readers (queries)
  // never ask.
  TxNumber tx() const override;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  const Store& store_;
  const rocksdb::Snapshot* const snapshot_;
  mutable absl::once_flag tx_once_;
  mutable TxNumber tx_ = 0;
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
