// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Database::Import: reads the files row by row, gives the terms ids, and
// hands the facts to a BulkLoader, which makes them visible atomically.

#include <chrono>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/database_impl.h"
#include "engine/import/fact_source.h"
#include "engine/import/prefetching_source.h"
#include "storage/bulk_loader.h"
#include "storage/dictionary.h"

namespace almanac {
namespace {

// Calls the progress callback at most about ten times a second.
class ProgressReporter {
 public:
  ProgressReporter(const ImportOptions& options, const FactSource& source)
      : callback_(options.on_progress),
        source_(source),
        start_(std::chrono::steady_clock::now()) {}

  void RowRead(uint64_t rows) {
    if (!callback_ || (rows & 0x3FFF) != 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    Report("reading", rows);
  }

  void Report(const char* phase, uint64_t rows) {
    if (!callback_) return;
    ImportProgress progress;
    progress.phase = phase;
    progress.rows_read = rows;
    progress.bytes_read = source_.bytes_read();
    progress.bytes_total = source_.bytes_total();
    progress.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_)
            .count();
    callback_(progress);
  }

 private:
  const std::function<void(const ImportProgress&)>& callback_;
  const FactSource& source_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

absl::StatusOr<ImportResult> DatabaseImpl::Import(
    const std::vector<std::string>& paths, const ImportOptions& options) {
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<FactSource> files,
                           OpenFactSource(paths, options));
  // Files are parsed on another thread while this one gives terms ids.
  auto source = std::make_unique<PrefetchingSource>(*files);
  absl::MutexLock lock(&writer_mutex_);
  TermAssigner terms(*store_, counters_.next_term_sequence);
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<BulkLoader> loader,
                           BulkLoader::Create(*store_, counters_.last_tx + 1,
                                              options.sort_buffer_facts));
  ProgressReporter progress(options, *source);
  const uint64_t interrupts = interrupts_.load(std::memory_order_relaxed);
  ImportResult result;
  Fact fact;
  while (true) {
    if (result.rows % 1024 == 0 &&
        interrupts_.load(std::memory_order_relaxed) != interrupts) {
      return absl::CancelledError("import interrupted; nothing was written");
    }
    absl::StatusOr<bool> next = source->Next(&fact);
    if (next.ok() && !*next) break;
    ++result.rows;
    absl::Status row_status = next.status();
    // Readers yield storable terms (FactSource's contract); the dictionary
    // checks each new term once more.
    if (row_status.ok()) row_status = CheckFactPositions(fact);
    if (absl::IsInvalidArgument(row_status)) {
      if (result.rows_skipped >= options.max_errors) {
        if (options.max_errors == 0) return row_status;
        return absl::InvalidArgumentError(
            absl::StrCat(row_status.message(), " (more than ",
                         options.max_errors, " malformed rows)"));
      }
      ++result.rows_skipped;
      if (options.on_row_error) options.on_row_error(row_status);
      continue;
    }
    ALMANAC_RETURN_IF_ERROR(row_status);

    FactKey key;
    ALMANAC_ASSIGN_OR_RETURN(key.subject, terms.Intern(fact.subject));
    ALMANAC_ASSIGN_OR_RETURN(key.predicate, terms.Intern(fact.predicate));
    ALMANAC_ASSIGN_OR_RETURN(key.object, terms.Intern(fact.object));
    key.time = EncodeTime(fact.time);
    TermId source_id = 0;
    if (!fact.source.empty()) {
      ALMANAC_ASSIGN_OR_RETURN(source_id,
                               terms.Intern(Term::String(fact.source)));
    }
    ALMANAC_RETURN_IF_ERROR(loader->Add(key, source_id));
    progress.RowRead(result.rows);
  }
  progress.Report("reading", result.rows);

  // Finish ingests the files at its end, after the sorting and writing.
  WriteUnderWay writing(write_epoch_);
  ALMANAC_ASSIGN_OR_RETURN(
      BulkLoadResult loaded,
      loader->Finish(terms, counters_, NowMicros(), [&](const char* phase) {
        progress.Report(phase, result.rows);
      }));
  counters_ = loaded.counters;
  PublishCounters();
  result.added = loaded.added;
  result.unchanged = loaded.unchanged;
  if (loaded.added > 0) result.tx = counters_.last_tx;
  return result;
}

}  // namespace almanac
