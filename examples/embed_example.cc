// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Embedding Almanac: open a database, add dated facts in a transaction, and
// read them back by pattern and by time.
//
//   embed_example /tmp/example-db

#include <iostream>
#include <memory>

#include "almanac/database.h"
#include "almanac/status_macros.h"

namespace {

almanac::Fact DatedFact(const char* subject, const char* predicate,
                        const char* object, const char* time,
                        const char* source) {
  almanac::Fact fact;
  fact.subject = almanac::Term::Entity(subject);
  fact.predicate = almanac::Term::Entity(predicate);
  fact.object = almanac::Term::Entity(object);
  fact.time = *almanac::ValidTime::Parse(time);
  fact.source = source;
  return fact;
}

absl::Status Run(const std::string& path) {
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<almanac::Database> db,
                           almanac::Database::Open(path, {}));

  almanac::Transaction txn;
  txn.Add(DatedFact("Russia", "recognized", "IEA", "2025-07-03", "The Hindu"));
  txn.Add(DatedFact("Pakistan", "held_exercise_with", "Russia",
                    "2018-10-21..2018-11-04", "Druzhba-III report"));
  txn.Add(DatedFact("Pakistan", "held_exercise_with", "Russia", "2016",
                    "Druzhba-III report"));
  ALMANAC_ASSIGN_OR_RETURN(almanac::CommitResult result, db->Commit(txn));
  std::cout << "transaction " << result.tx << " added " << result.added
            << " facts\n";

  // Everything Pakistan did, in subject order.
  almanac::Pattern by_subject;
  by_subject.subject = almanac::Term::Entity("Pakistan");
  for (auto it = db->Scan(by_subject); it->Valid(); it->Next()) {
    std::cout << "  " << it->fact().ToString() << "\n";
  }

  // Exercises during 2018, read from the time-ordered index.
  almanac::Pattern in_2018;
  in_2018.predicate = almanac::Term::Entity("held_exercise_with");
  in_2018.time = almanac::TimeConstraint{almanac::TimeRelation::kDuring,
                                         almanac::Date::Parse("2018")->days()};
  std::unique_ptr<almanac::FactIterator> it = db->Scan(in_2018);
  for (; it->Valid(); it->Next()) {
    std::cout << "during 2018: " << it->fact().ToString() << "\n";
  }
  return it->status();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed_example DATABASE_DIR\n";
    return 2;
  }
  const absl::Status status = Run(argv[1]);
  if (!status.ok()) {
    std::cerr << "error: " << status << "\n";
    return 1;
  }
  return 0;
}
