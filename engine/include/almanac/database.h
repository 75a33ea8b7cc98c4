// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The Almanac database: dated facts persisted in one directory.
//
// Example:
//   ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
//                            Database::Open("/tmp/news", Options()));
//   Transaction txn;
//   txn.Add({.subject = Term::Entity("Russia"),
//            .predicate = Term::Entity("recognized"),
//            .object = Term::Entity("IEA"),
//            .time = ValidTime::At(*Date::Parse("2025-07-03")),
//            .source = "The Hindu"});
//   ALMANAC_ASSIGN_OR_RETURN(CommitResult result, db->Commit(txn));
//
//   Pattern pattern;
//   pattern.predicate = Term::Entity("recognized");
//   for (auto it = db->Scan(pattern); it->Valid(); it->Next()) {
//     std::cout << it->fact().ToString() << "\n";
//   }
//
// Thread safety: a Database may be shared by threads. Commits and imports are
// serialised; scans run concurrently with them and each sees one consistent
// snapshot. Only one process may open a database directory at a time.

#ifndef ALMANAC_DATABASE_H_
#define ALMANAC_DATABASE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "almanac/fact.h"
#include "almanac/query_result.h"
#include "almanac/term.h"

namespace almanac {

struct Options {
  // Create an empty database when the directory holds none.
  bool create_if_missing = true;
  // Flush each commit to stable storage before Commit() returns. When false,
  // a commit survives a crash of the process but not of the machine.
  bool sync_commits = true;
  // Memory for cached index blocks, shared by all indexes.
  size_t block_cache_bytes = size_t{64} << 20;
  // The most threads one query may use. A grouped query over one pattern
  // with at least 40,000 facts reads them in slices side by side, a thread
  // per 20,000 facts up to this number; a repeated predicate's walk steps
  // each level of at least 512 nodes likewise, a thread per 256 nodes.
  // 0: one per core; 1: every query on the calling thread alone.
  int query_threads = 0;
};

// A set of additions and retractions applied atomically by Database::Commit.
// Operations apply in the order given: adding and then retracting a fact in
// one transaction leaves it absent, and retracting and adding it again
// leaves it as it was (with its original source).
class Transaction {
 public:
  enum class Op { kAdd, kRetract };
  struct Entry {
    Op op;
    Fact fact;
  };

  void Add(Fact fact) { entries_.push_back({Op::kAdd, std::move(fact)}); }
  // Retracts the fact with equal subject, predicate, object and time; its
  // source is ignored. Retracting an absent fact changes nothing.
  void Retract(Fact fact) {
    entries_.push_back({Op::kRetract, std::move(fact)});
  }

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  void Clear() { entries_.clear(); }

 private:
  std::vector<Entry> entries_;
};

// What a commit changed, counted by net effect: a fact added and retracted
// by the same transaction is neither added nor retracted.
struct CommitResult {
  TxNumber tx = 0;         // The transaction's number; 0 if nothing changed.
  uint64_t added = 0;      // Facts that were absent and are now present.
  uint64_t retracted = 0;  // Facts that were present and are now absent.
  // Operations that did nothing where they stood in the transaction: adds
  // of present facts, retracts of absent ones.
  uint64_t unchanged = 0;
};

// A time condition on a fact's valid time, in the sense of
// Holds(relation, fact_days, range). Facts with no stated time never match.
struct TimeConstraint {
  TimeRelation relation = TimeRelation::kOverlaps;
  DayRange range;
};

// Which facts a scan returns: every bound position must be equal.
struct Pattern {
  std::optional<Term> subject;
  std::optional<Term> predicate;
  std::optional<Term> object;
  std::optional<TimeConstraint> time;
};

// A consistent view of the database at one moment. Scans given the same
// snapshot see the same facts, whatever is committed meanwhile.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
  // The last transaction the snapshot includes.
  virtual TxNumber tx() const = 0;
};

struct ScanOptions {
  // Read from this snapshot; when empty the scan takes its own.
  std::shared_ptr<const Snapshot> snapshot;
  // Fill Fact::source. Costs one lookup per fact for patterns that are not
  // answered from the subject-first index.
  bool with_source = true;
};

// Iterates over the facts a scan matched. It is positioned on the first fact
// when returned. The order depends on the index the pattern selects: by
// subject, predicate, object (subject bound), by predicate, object, subject
// (predicate bound, or predicate and object), by object, subject, predicate
// (object bound, or object and subject), and by time when a time constraint
// is given with only a predicate, or only a subject, or only an object bound.
class FactIterator {
 public:
  virtual ~FactIterator() = default;
  // True while positioned on a fact.
  virtual bool Valid() const = 0;
  // Moves to the next fact. REQUIRES: Valid().
  virtual void Next() = 0;
  // The current fact. REQUIRES: Valid().
  virtual const Fact& fact() const = 0;
  // OK unless the scan failed; check it when Valid() turns false.
  virtual absl::Status status() const = 0;
};

enum class ImportFormat { kTsv, kCsv, kTkg, kJsonl };
enum class TimeUnit { kDay, kHour, kYear };

// Returns the format named "tsv", "csv", "tkg" or "jsonl".
absl::StatusOr<ImportFormat> ParseImportFormat(std::string_view name);
// Returns the unit named "day", "hour" or "year".
absl::StatusOr<TimeUnit> ParseTimeUnit(std::string_view name);

struct ImportProgress {
  const char* phase = "reading";  // "reading", "sorting" or "writing".
  uint64_t rows_read = 0;         // Rows read so far, good and bad.
  uint64_t bytes_read = 0;
  uint64_t bytes_total = 0;  // Of all input files.
  double elapsed_seconds = 0;

  // Rows read per second so far.
  double RowsPerSecond() const;
  // Estimated seconds to the end of reading, from bytes read so far.
  std::optional<double> EtaSeconds() const;
};

struct ImportOptions {
  ImportFormat format = ImportFormat::kTsv;
  // kTkg only: the date of time offset 0 (required) and the offset's unit.
  std::optional<Date> epoch;
  TimeUnit unit = TimeUnit::kDay;
  // Skip up to this many malformed rows, reporting each through on_row_error;
  // one more fails the import. 0: the first malformed row fails it.
  uint64_t max_errors = 0;
  // Called for each malformed row that is skipped, with "FILE:LINE: reason".
  std::function<void(const absl::Status&)> on_row_error;
  // Called now and then (at most about ten times a second) while importing.
  std::function<void(const ImportProgress&)> on_progress;
  // Facts held in memory by each of the import's five sorts before a sorted
  // run is spilled to disk: the import's memory is bounded by about
  // 512 bytes * sort_buffer_facts, whatever the size of the input (a fact
  // is a 56-byte row in one sort and up to five 40-byte rows in the others,
  // and each sort fills one buffer while the previous one is written).
  size_t sort_buffer_facts = size_t{1} << 20;
};

struct ImportResult {
  uint64_t rows = 0;          // Rows read, good and bad.
  uint64_t rows_skipped = 0;  // Malformed rows skipped (see max_errors).
  uint64_t added = 0;         // Facts new to the database.
  uint64_t unchanged = 0;     // Good rows whose fact was already there.
  TxNumber tx = 0;            // The import's transaction; 0 if nothing changed.

  // "loaded X of Y facts (A new, U already present)".
  std::string Summary() const;
};

struct PredicateStatistics {
  Term predicate;
  uint64_t facts = 0;
  uint64_t distinct_subjects = 0;
  uint64_t distinct_objects = 0;
  uint64_t timed_facts = 0;  // Facts with a stated valid time.
  // The days the timed facts cover: a bound that grows with additions and is
  // not narrowed by retractions. Empty when no timed fact was ever added.
  std::optional<DayRange> time_span;
};

struct Statistics {
  uint64_t facts = 0;
  uint64_t entities = 0;  // Distinct entity names ever stored (predicates too).
  uint64_t literals = 0;  // Distinct dictionary literals: strings, decimals.
  TxNumber last_tx = 0;
  std::vector<PredicateStatistics> predicates;  // Ordered by predicate name.
};

struct TransactionInfo {
  TxNumber tx = 0;
  int64_t commit_time_micros = 0;  // Wall clock, microseconds since 1970.
  uint64_t added = 0;
  uint64_t retracted = 0;
};

// The rows of one FIND statement, produced one at a time as the query
// reads them, from the snapshot taken when it was opened: a large result is
// never held in memory as a whole. REQUIRES: destroyed before the database.
class QueryCursor {
 public:
  virtual ~QueryCursor() = default;

  // The names of the result's columns.
  virtual const std::vector<std::string>& columns() const = 0;

  // Produces the next row in *row (one cell per column): true when there
  // was one, false at the end. An error ends the cursor; Cancelled when
  // Database::Interrupt was called after the cursor was opened.
  virtual absl::StatusOr<bool> Next(std::vector<Cell>* row) = 0;
};

// A statement parsed once and run many times, with different parameters:
// the query text is not parsed again. A FIND also keeps its plan: while no
// transaction commits, the next Execute binds only the $parameters that
// are a pattern's subject, predicate, object or source, and reuses the
// rest (it plans again when a parameter's value could change the plan).
// Execute may be called from several threads; a run that finds another
// in progress plans its own.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  // Runs the statement on the database as it is now, with `parameters`.
  virtual absl::StatusOr<QueryResult> Execute(
      const QueryParameters& parameters = {}) = 0;

  // Opens a cursor over the rows of the statement, which must be a FIND
  // (not EXPLAIN) -- InvalidArgument otherwise. REQUIRES: the cursor is
  // destroyed before the database; it may outlive the prepared statement.
  virtual absl::StatusOr<std::unique_ptr<QueryCursor>> OpenCursor(
      const QueryParameters& parameters = {}) = 0;
};

// A session over one database, like a connection: a transaction opened by
// BEGIN stays open across calls to Execute until COMMIT or ROLLBACK, so that
// statements typed one at a time (as in a shell) can form one transaction.
// Not thread-safe; sessions of one database may run on different threads.
class Session {
 public:
  virtual ~Session() = default;

  // Runs a script as Database::Execute does, except that a transaction left
  // open by BEGIN stays open for the next call, and that a failing statement
  // leaves it open as it was before that statement (what earlier statements
  // of the script added stays in it): COMMIT or ROLLBACK decides, as in
  // SQLite. Destroying the session discards an open transaction.
  virtual absl::StatusOr<std::vector<QueryResult>> Execute(
      std::string_view script, const QueryParameters& parameters = {}) = 0;

  // Whether BEGIN has opened a transaction not yet committed or rolled back.
  virtual bool in_transaction() const = 0;
};

class Database {
 public:
  // Opens the database in directory `path`, creating it when missing and
  // options.create_if_missing. Errors:
  //   FailedPrecondition: another process has the database open; the
  //     message names the lock file.
  //   FailedPrecondition: the directory holds a database of a format version
  //     this build cannot read, or something that is not an Almanac database.
  //   NotFound: no database there and !options.create_if_missing.
  // Opening a database starts background threads (RocksDB's flushes and
  // compactions, which outlive the database), so, as with any threaded
  // library, a process forked after one was opened may make no Almanac
  // call before it execs: a lock that one of those threads held at the
  // fork stays locked in the child forever.
  static absl::StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                        const Options& options);

  virtual ~Database() = default;

  // Applies `txn` atomically: all of it is visible to later scans or none
  // is. Facts are checked first (entity subject and predicate, storable
  // terms); an invalid fact fails the whole commit with InvalidArgument.
  virtual absl::StatusOr<CommitResult> Commit(const Transaction& txn) = 0;

  // Returns the facts matching `pattern`. Errors surface through the
  // iterator's status(). An entity never stored simply matches nothing.
  virtual std::unique_ptr<FactIterator> Scan(
      const Pattern& pattern, const ScanOptions& options = {}) const = 0;

  // Returns a snapshot of the database as it is now.
  virtual std::shared_ptr<const Snapshot> GetSnapshot() const = 0;

  // Imports the facts of `paths` (files; for kTkg one folder) in one
  // transaction: all new facts become visible at once, or, on error, the
  // database is left as it was. Re-importing a file adds nothing.
  virtual absl::StatusOr<ImportResult> Import(
      const std::vector<std::string>& paths, const ImportOptions& options) = 0;

  // Runs one statement of the query language (docs/query-language.md):
  // FIND, ADD, RETRACT or EXPLAIN, reading from one snapshot. `parameters`
  // gives the values of its $name placeholders, so that applications never
  // paste values into query text. A malformed statement, or an unknown
  // entity, is InvalidArgument whose message gives the line and column, the
  // line itself and a caret under the place (and "did you mean" names).
  // The database keeps the last FIND texts it ran (up to 64) as prepared
  // statements: the same text again is not parsed again, and its plan is
  // kept as PreparedStatement keeps it.
  virtual absl::StatusOr<QueryResult> Query(
      std::string_view statement, const QueryParameters& parameters = {}) = 0;

  // Runs a script of statements separated by ';', returning one result per
  // statement. ADD and RETRACT commit one statement at a time, except
  // between BEGIN and COMMIT, where they commit together, atomically
  // (ROLLBACK discards them). Stops at the first error, which names the
  // statement's place; a transaction still open then is discarded.
  virtual absl::StatusOr<std::vector<QueryResult>> Execute(
      std::string_view script, const QueryParameters& parameters = {}) = 0;

  // Starts a session, whose transactions may span calls. REQUIRES: the
  // session is destroyed before the database.
  virtual std::unique_ptr<Session> NewSession() = 0;

  // Opens a cursor over the rows of one FIND statement (not EXPLAIN; use
  // Query for writes). Errors as for Query.
  virtual absl::StatusOr<std::unique_ptr<QueryCursor>> OpenCursor(
      std::string_view statement, const QueryParameters& parameters = {}) = 0;

  // Parses one FIND, ADD or RETRACT statement (or an EXPLAIN of one) for
  // repeated execution. REQUIRES: the database outlives the result.
  virtual absl::StatusOr<std::unique_ptr<PreparedStatement>> Prepare(
      std::string_view statement) = 0;

  // Makes the statements running on this database now (Query, Execute,
  // cursors being read) and an import still reading its files stop soon
  // with a Cancelled status, writing nothing; those started afterwards run
  // normally. Like sqlite3_interrupt: async-signal-safe, so a SIGINT
  // handler or another thread may call it.
  virtual void Interrupt() = 0;

  // Returns the names of entities (predicates included) that start with
  // `prefix`, in byte order, at most `limit` -- for completion. May include
  // names whose facts were all retracted.
  virtual absl::StatusOr<std::vector<std::string>> NamesWithPrefix(
      std::string_view prefix, size_t limit) const = 0;

  // Returns counts over the whole database, kept current by every commit.
  virtual absl::StatusOr<Statistics> GetStatistics() const = 0;

  // Returns when transaction `tx` was committed and what it changed.
  // NotFound when there is no such transaction.
  virtual absl::StatusOr<TransactionInfo> GetTransaction(TxNumber tx) const = 0;

  // The directory the database lives in.
  virtual const std::string& path() const = 0;
};

}  // namespace almanac

#endif  // ALMANAC_DATABASE_H_
