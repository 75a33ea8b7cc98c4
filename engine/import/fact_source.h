// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Readers of import files. A FactSource yields the facts of one or more files
// in order, one row at a time, with bounded memory whatever the file size.
// A malformed row is reported as InvalidArgument("FILE:LINE: reason") and the
// reader stays usable: the next call to Next() reads the row after it, so a
// caller may skip bad rows (--max-errors) or stop at the first.
//
// Formats (docs/import.md has the details):
//   kTsv, kCsv: subject, predicate, object, time[, source]; with or without a
//     header row naming those columns. CSV fields follow RFC 4180 quoting;
//     TSV fields are taken as they stand. Time is empty, a date of any
//     precision, or FROM..TO with either end open.
//   kJsonl: one JSON object per line, {"subject": ..., "predicate": ...,
//     "object": ..., "object_type": ..., "time": ..., "source": ...}, as
//     `almanac export --format jsonl` writes (jsonl_reader.cc).
//   kTkg: a temporal-KG benchmark folder (entity2id.txt, relation2id.txt,
//     train.txt, valid.txt, test.txt) whose integer time offsets count days,
//     hours or years from an epoch.

#ifndef ALMANAC_ENGINE_IMPORT_FACT_SOURCE_H_
#define ALMANAC_ENGINE_IMPORT_FACT_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/database.h"
#include "almanac/fact.h"

namespace almanac {

class FactSource {
 public:
  virtual ~FactSource() = default;

  // Reads the next fact into *fact: its subject and predicate are entities
  // and every term passes Term::CheckStorable. Returns true when a fact was
  // read, false at the end of the last file, InvalidArgument("FILE:LINE:
  // reason") for a malformed row (after which reading may go on), and
  // another error when a file cannot be read (after which it may not).
  virtual absl::StatusOr<bool> Next(Fact* fact) = 0;

  // Bytes consumed so far and in all, across all files, for progress.
  virtual uint64_t bytes_read() const = 0;
  virtual uint64_t bytes_total() const = 0;
};

// Opens `paths` (files, read in order) in the delimited format `format`
// (kTsv or kCsv). Returns NotFound naming a missing file.
absl::StatusOr<std::unique_ptr<FactSource>> OpenDelimitedSource(
    const std::vector<std::string>& paths, ImportFormat format);

// Opens the temporal-KG benchmark folder `dir`: reads its entity2id.txt and
// relation2id.txt, then yields the rows of train.txt, valid.txt and test.txt
// (those present; at least one must be). A row's date is
// options.epoch + t units (kDay, kHour: must be whole days, kYear). Name
// files may have CRLF line endings; a name is everything before the line's
// last tab.
absl::StatusOr<std::unique_ptr<FactSource>> OpenTkgSource(
    const std::string& dir, const ImportOptions& options);

// Opens `paths` (files, read in order) as JSON lines. Returns NotFound
// naming a missing file.
absl::StatusOr<std::unique_ptr<FactSource>> OpenJsonlSource(
    const std::vector<std::string>& paths);

// Opens `paths` according to options.format.
absl::StatusOr<std::unique_ptr<FactSource>> OpenFactSource(
    const std::vector<std::string>& paths, const ImportOptions& options);

}  // namespace almanac

#endif  // ALMANAC_ENGINE_IMPORT_FACT_SOURCE_H_
