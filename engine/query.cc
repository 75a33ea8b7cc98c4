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

namespace almanac {
namespace {

// Adds the facts of an ADD or RETRACT statement to `txn`.
absl::Status AddWrites(const Store& store, std::string_view text,
                       const ast::Statement& statement,
                       const QueryParameters& parameters, Transaction* txn) {
  Binder binder(store, nullptr, text, parameters);
  for (const ast::FactTemplate& fact : statement.facts) {
    ALMANAC_ASSIGN_OR_RETURN(Fact bound, binder.BindFact(fact));
    absl::Status valid = CheckFact(bound);
    if (!valid.ok()) {
      return QueryError(text, fact.position, std::string(valid.message()));
    }
    if (statement.kind == ast::Statement::Kind::kAdd) {
      txn->Add(std::move(bound));
    } else {
      txn->Retract(std::move(bound));
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

absl::StatusOr<QueryResult> DatabaseImpl::Query(
    std::string_view statement, const QueryParameters& parameters) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<QueryResult> results,
                           Execute(statement, parameters));
  if (results.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Query takes one statement, got ", results.size(),
                     "; use Execute for a script"));
  }
  return std::move(results.front());
}

absl::StatusOr<std::vector<QueryResult>> DatabaseImpl::Execute(
    std::string_view script, const QueryParameters& parameters) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<ast::Statement> statements,
                           Parse(script));
  std::vector<QueryResult> results;
  std::optional<Transaction> open;  // Between BEGIN and COMMIT.
  for (const ast::Statement& statement : statements) {
    switch (statement.kind) {
      case ast::Statement::Kind::kFind: {
        std::shared_ptr<const Snapshot> snapshot = GetSnapshot();
        ALMANAC_ASSIGN_OR_RETURN(
            QueryResult result,
            RunFind(*store_, static_cast<const SnapshotImpl&>(*snapshot).get(),
                    script, statement, parameters));
        results.push_back(std::move(result));
        break;
      }
      case ast::Statement::Kind::kAdd:
      case ast::Statement::Kind::kRetract: {
        Transaction single;
        Transaction* txn = open ? &*open : &single;
        ALMANAC_RETURN_IF_ERROR(
            AddWrites(*store_, script, statement, parameters, txn));
        if (open) {
          results.emplace_back();
          break;
        }
        ALMANAC_ASSIGN_OR_RETURN(CommitResult commit, Commit(single));
        results.push_back(WriteResult(commit));
        break;
      }
      case ast::Statement::Kind::kBegin:
        if (open) {
          return QueryError(script, statement.position,
                            "a transaction is already open; COMMIT or "
                            "ROLLBACK it first");
        }
        open.emplace();
        results.emplace_back();
        break;
      case ast::Statement::Kind::kCommit: {
        if (!open) {
          return QueryError(script, statement.position, "COMMIT without BEGIN");
        }
        ALMANAC_ASSIGN_OR_RETURN(CommitResult commit, Commit(*open));
        open.reset();
        results.push_back(WriteResult(commit));
        break;
      }
      case ast::Statement::Kind::kRollback:
        if (!open) {
          return QueryError(script, statement.position,
                            "ROLLBACK without BEGIN");
        }
        open.reset();
        results.emplace_back();
        break;
    }
  }
  if (open) {
    return absl::InvalidArgumentError(
        "the script ends inside BEGIN without COMMIT; nothing of that "
        "transaction was written");
  }
  return results;
}

}  // namespace almanac
