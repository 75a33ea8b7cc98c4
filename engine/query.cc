// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Database::Query and Database::Execute: statements of the query language.
// FIND runs on a snapshot (query/run_find.h); ADD and RETRACT become a
// Transaction; BEGIN ... COMMIT groups them into one.

#include <optional>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/database_impl.h"
#include "query/binder.h"
#include "query/parser.h"
#include "query/query_error.h"
#include "query/run_find.h"
#include "storage/dictionary.h"

namespace almanac {
namespace {

// Adds the facts of an ADD or RETRACT statement to `txn`: all of them, or
// none when one is invalid.
absl::Status AddWrites(const Store& store, std::string_view text,
                       const ast::Statement& statement,
                       const QueryParameters& parameters, Transaction* txn) {
  Binder binder(store, nullptr, text, parameters);
  std::vector<Fact> facts;
  for (const ast::FactTemplate& fact : statement.facts) {
    ALMANAC_ASSIGN_OR_RETURN(Fact bound, binder.BindFact(fact));
    absl::Status valid = CheckFact(bound);
    if (!valid.ok()) {
      // Point at the position at fault.
      const ast::Position& at =
          !bound.subject.is_entity()     ? fact.subject.position
          : !bound.predicate.is_entity() ? fact.predicate.position
                                         : fact.position;
      return QueryError(text, at, std::string(valid.message()));
    }
    facts.push_back(std::move(bound));
  }
  for (Fact& fact : facts) {
    if (statement.kind == ast::Statement::Kind::kAdd) {
      txn->Add(std::move(fact));
    } else {
      txn->Retract(std::move(fact));
    }
  }
  return absl::OkStatus();
}

QueryResult WriteResult(const CommitResult& commit) {
  QueryResult result;
  result.tx = commit.tx;
  result.added = commit.added;
  result.retracted = commit.retracted;
  return result;
}

}  // namespace

FindSource DatabaseImpl::LatestFindSource(
    std::shared_ptr<const Snapshot>* snapshot) {
  const uint64_t epoch = write_epoch_.load();
  StoreCounters counters;
  {
    std::lock_guard<std::mutex> lock(published_mutex_);
    counters = published_counters_;
  }
  *snapshot = GetSnapshot();
  FindSource source{store_.get(),
                    static_cast<const SnapshotImpl&>(**snapshot).get(),
                    &interrupts_, counters, options_.query_threads};
  if (epoch % 2 == 0 && write_epoch_.load() == epoch) {
    source.predicate_counts = &predicate_counts_;
  }
  return source;
}

absl::StatusOr<QueryResult> DatabaseImpl::RunStatement(
    std::string_view text, const ast::Statement& statement,
    const QueryParameters& parameters, std::optional<Transaction>* open) {
  switch (statement.kind) {
    case ast::Statement::Kind::kFind: {
      std::shared_ptr<const Snapshot> snapshot;
      const FindSource source = LatestFindSource(&snapshot);
      return RunFind(source, text, statement, parameters);
    }
    case ast::Statement::Kind::kAdd:
    case ast::Statement::Kind::kRetract: {
      if (statement.explain != ast::Statement::Explain::kNone) {
        // EXPLAIN of a write checks it and says what it would do; it
        // writes nothing.
        Transaction checked;
        ALMANAC_RETURN_IF_ERROR(
            AddWrites(*store_, text, statement, parameters, &checked));
        QueryResult result;
        result.plan = absl::StrCat(
            statement.kind == ast::Statement::Kind::kAdd ? "Add " : "Retract ",
            checked.entries().size(),
            checked.entries().size() == 1 ? " fact\n" : " facts\n");
        return result;
      }
      Transaction single;
      Transaction* txn = open->has_value() ? &**open : &single;
      ALMANAC_RETURN_IF_ERROR(
          AddWrites(*store_, text, statement, parameters, txn));
      if (open->has_value()) return QueryResult();
      ALMANAC_ASSIGN_OR_RETURN(CommitResult commit, Commit(single));
      return WriteResult(commit);
    }
    case ast::Statement::Kind::kBegin:
      if (open->has_value()) {
        return QueryError(text, statement.position,
                          "a transaction is already open; COMMIT or "
                          "ROLLBACK it first");
      }
      open->emplace();
      return QueryResult();
    case ast::Statement::Kind::kCommit: {
      if (!open->has_value()) {
        return QueryError(text, statement.position, "COMMIT without BEGIN");
      }
      ALMANAC_ASSIGN_OR_RETURN(CommitResult commit, Commit(**open));
      open->reset();
      return WriteResult(commit);
    }
    case ast::Statement::Kind::kRollback:
      if (!open->has_value()) {
        return QueryError(text, statement.position, "ROLLBACK without BEGIN");
      }
      open->reset();
      return QueryResult();
  }
  return absl::InternalError("unknown statement kind");
}

absl::StatusOr<std::vector<QueryResult>> DatabaseImpl::RunScript(
    std::string_view script, const QueryParameters& parameters,
    std::optional<Transaction>* open) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements,
                           Parse(script));
  std::vector<QueryResult> results;
  for (const ast::Statement& statement : statements) {
    // A failing statement leaves the open transaction as it found it: an
    // ADD or RETRACT adds all its facts or none (AddWrites).
    ALMANAC_ASSIGN_OR_RETURN(QueryResult result,
                             RunStatement(script, statement, parameters, open));
    results.push_back(std::move(result));
  }
  return results;
}

absl::StatusOr<std::vector<QueryResult>> DatabaseImpl::Execute(
    std::string_view script, const QueryParameters& parameters) {
  std::optional<Transaction> open;  // Between BEGIN and COMMIT.
  ALMANAC_ASSIGN_OR_RETURN(std::vector<QueryResult> results,
                           RunScript(script, parameters, &open));
  if (open) {
    return absl::InvalidArgumentError(
        "the script ends inside BEGIN without COMMIT; nothing of that "
        "transaction was written");
  }
  return results;
}

namespace {

class SessionImpl : public Session {
 public:
  explicit SessionImpl(DatabaseImpl& db) : db_(db) {}

  absl::StatusOr<std::vector<QueryResult>> Execute(
      std::string_view script, const QueryParameters& parameters) override {
    return db_.RunScript(script, parameters, &open_);
  }

  bool in_transaction() const override { return open_.has_value(); }

 private:
  DatabaseImpl& db_;
  std::optional<Transaction> open_;  // Between BEGIN and COMMIT.
};

}  // namespace

std::unique_ptr<Session> DatabaseImpl::NewSession() {
  return std::make_unique<SessionImpl>(*this);
}

namespace {

// A FindExecution with the snapshot it reads.
class QueryCursorImpl : public QueryCursor {
 public:
  QueryCursorImpl(std::shared_ptr<const Snapshot> snapshot,
                  std::unique_ptr<FindExecution> execution)
      : snapshot_(std::move(snapshot)), execution_(std::move(execution)) {}

  const std::vector<std::string>& columns() const override {
    return execution_->columns();
  }
  absl::StatusOr<bool> Next(std::vector<Cell>* row) override {
    return execution_->Next(row);
  }

 private:
  const std::shared_ptr<const Snapshot> snapshot_;
  const std::unique_ptr<FindExecution> execution_;
};

absl::StatusOr<QueryResult> RunCachedFind(const FindSource& source,
                                          std::string_view text,
                                          const ast::Statement& statement,
                                          const QueryParameters& parameters,
                                          DatabaseImpl::CachedPlan* cache) {
  const TxNumber now = source.counters->last_tx;
  bool reused = false;
  if (cache->execution != nullptr && cache->planned_at == now) {
    ALMANAC_ASSIGN_OR_RETURN(reused,
                             cache->execution->Rerun(source, text, parameters));
  }
  if (!reused) {
    cache->execution.reset();
    ALMANAC_ASSIGN_OR_RETURN(
        cache->execution,
        FindExecution::Start(source, text, statement, parameters));
    cache->planned_at = now;
  }
  absl::StatusOr<QueryResult> result = CollectRows(*cache->execution);
  // Scans and tables of this run are not kept until the next.
  cache->execution->Release();
  return result;
}

}  // namespace

absl::StatusOr<QueryResult> DatabaseImpl::RunPreparedFind(
    std::string_view text, const ast::Statement& statement,
    const QueryParameters& parameters, CachedPlan* cache) {
  // LatestFindSource reads the counters before it takes the snapshot, so
  // the snapshot holds at least transaction planned_at: a plan made from
  // it is never taken for one made after a commit it missed.
  std::shared_ptr<const Snapshot> snapshot;
  const FindSource source = LatestFindSource(&snapshot);
  std::unique_lock<std::mutex> lock(cache->mutex, std::try_to_lock);
  if (!lock.owns_lock()) return RunFind(source, text, statement, parameters);
  return RunCachedFind(source, text, statement, parameters, cache);
}

absl::StatusOr<std::unique_ptr<QueryCursor>> DatabaseImpl::OpenFindCursor(
    std::string_view text, const ast::Statement& statement,
    const QueryParameters& parameters) {
  if (statement.kind != ast::Statement::Kind::kFind ||
      statement.explain != ast::Statement::Explain::kNone) {
    return QueryError(text, statement.position,
                      "a cursor reads the rows of a FIND statement; run "
                      "other statements with Query or Execute");
  }
  std::shared_ptr<const Snapshot> snapshot;
  const FindSource source = LatestFindSource(&snapshot);
  ALMANAC_ASSIGN_OR_RETURN(
      std::unique_ptr<FindExecution> execution,
      FindExecution::Start(source, text, statement, parameters));
  return std::make_unique<QueryCursorImpl>(std::move(snapshot),
                                           std::move(execution));
}

absl::StatusOr<std::unique_ptr<QueryCursor>> DatabaseImpl::OpenCursor(
    std::string_view statement, const QueryParameters& parameters) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements,
                           Parse(statement));
  if (statements.size() != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "OpenCursor takes one statement, got ", statements.size()));
  }
  return OpenFindCursor(statement, statements[0], parameters);
}

absl::StatusOr<std::vector<std::string>> DatabaseImpl::NamesWithPrefix(
    std::string_view prefix, size_t limit) const {
  return DictionaryReader(*store_, nullptr)
      .EntityNamesWithPrefix(prefix, limit);
}

namespace {

class PreparedStatementImpl : public PreparedStatement {
 public:
  PreparedStatementImpl(DatabaseImpl& db, std::string text,
                        ast::Statement statement)
      : db_(db), text_(std::move(text)), statement_(std::move(statement)) {}

  absl::StatusOr<QueryResult> Execute(
      const QueryParameters& parameters) override {
    if (statement_.kind == ast::Statement::Kind::kFind &&
        statement_.explain == ast::Statement::Explain::kNone) {
      return db_.RunPreparedFind(text_, statement_, parameters, &plan_);
    }
    std::optional<Transaction> none;
    return db_.RunStatement(text_, statement_, parameters, &none);
  }

  absl::StatusOr<std::unique_ptr<QueryCursor>> OpenCursor(
      const QueryParameters& parameters) override {
    return db_.OpenFindCursor(text_, statement_, parameters);
  }

 private:
  DatabaseImpl& db_;
  const std::string text_;  // The AST's positions point into it.
  const ast::Statement statement_;
  DatabaseImpl::CachedPlan plan_;  // Of a FIND.
};

}  // namespace

absl::StatusOr<QueryResult> DatabaseImpl::Query(
    std::string_view statement, const QueryParameters& parameters) {
  std::shared_ptr<PreparedStatement> cached;
  {
    std::lock_guard<std::mutex> lock(statement_cache_mutex_);
    auto found = statement_cache_.find(
        absl::string_view(statement.data(), statement.size()));
    if (found != statement_cache_.end()) cached = found->second;
  }
  if (cached != nullptr) return cached->Execute(parameters);

  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements,
                           Parse(statement));
  if (statements.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Query takes one statement, got ", statements.size(),
                     "; use Execute for a script"));
  }
  if (statements[0].kind != ast::Statement::Kind::kFind ||
      statements[0].explain != ast::Statement::Explain::kNone) {
    std::optional<Transaction> none;
    return RunStatement(statement, statements[0], parameters, &none);
  }
  cached = std::make_shared<PreparedStatementImpl>(
      *this, std::string(statement), std::move(statements[0]));
  {
    std::lock_guard<std::mutex> lock(statement_cache_mutex_);
    if (statement_cache_.size() >= kCachedStatements) statement_cache_.clear();
    statement_cache_.emplace(std::string(statement), cached);
  }
  return cached->Execute(parameters);
}

absl::StatusOr<std::unique_ptr<PreparedStatement>> DatabaseImpl::Prepare(
    std::string_view statement) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements,
                           Parse(statement));
  if (statements.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Prepare takes one statement, got ", statements.size()));
  }
  const ast::Statement::Kind kind = statements[0].kind;
  if (kind != ast::Statement::Kind::kFind &&
      kind != ast::Statement::Kind::kAdd &&
      kind != ast::Statement::Kind::kRetract) {
    return QueryError(statement, statements[0].position,
                      "only FIND, ADD and RETRACT can be prepared");
  }
  return std::unique_ptr<PreparedStatement>(new PreparedStatementImpl(
      *this, std::string(statement), std::move(statements[0])));
}

}  // namespace almanac
