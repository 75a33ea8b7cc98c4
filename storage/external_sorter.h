// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// ExternalSorter sorts more fixed-size records than fit in memory: it holds up
// to `buffer_records` at a time, spills a full buffer to a temporary file as
// a sorted run when another record comes, and merges the runs when read. A
// full buffer is sorted and written on a background thread while the caller
// fills the next, so memory stays at about 2 * buffer_records *
// sizeof(Record) plus a small read buffer per run (a block of records and
// its coded bytes). The last buffer is never spilled: it is sorted in memory
// and merged as one more run.
//
// A run is written in blocks of records coded against their predecessor
// (EncodeRunBlock): neighbours in a sorted run share their leading fields,
// so a run takes a fraction of the records' size on disk. Writing the runs
// was the largest single cost of an import that spills.
//
// Records are ordered by the words of their key (`Order`, as for WordSort
// in storage/word_sort.h). Records with equal keys come out in no
// particular order.
//
// Example:
//   ExternalSorter<Row, RowOrder> sorter(temp_dir, 1 << 20);
//   for (...) ALMANAC_RETURN_IF_ERROR(sorter.Add(row));
//   ALMANAC_RETURN_IF_ERROR(sorter.Finish());
//   Row row;
//   while (sorter.Next(&row)) { ... }
//   ALMANAC_RETURN_IF_ERROR(sorter.status());

#ifndef ALMANAC_STORAGE_EXTERNAL_SORTER_H_
#define ALMANAC_STORAGE_EXTERNAL_SORTER_H_

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "storage/coding.h"
#include "storage/word_sort.h"

namespace almanac {

// A temporary file of bytes (a run's coded blocks), deleted when destroyed.
class RunFile {
 public:
  // Creates a new file in `dir`.
  static absl::Status Create(const std::string& dir,
                             std::unique_ptr<RunFile>* file);
  ~RunFile();

  absl::Status Append(const void* data, size_t bytes);
  // Ends writing; reading starts at the beginning.
  absl::Status StartReading();
  // Reads up to `bytes`; returns the number read (0 at the end).
  size_t Read(void* data, size_t bytes);
  bool read_error() const;

 private:
  RunFile(std::string path, std::FILE* file) : path_(path), file_(file) {}
  std::string path_;
  std::FILE* file_;
};

// Appends to *out one block of `count` records of `record_bytes` bytes each
// (REQUIRES: a multiple of 8, at most 64; count at least 1): a header of the
// body's length in bytes and the record count (fixed32 each), then the body.
// In the body each record is a byte whose bit i says that its 8-byte word i
// differs from that of the record before (all zero before the first); then,
// for each differing word, how many of the bytes of the word XOR the word
// before, counted from its first byte in memory, hold all that are not zero
// (a nibble each, two to a byte, low nibble first); then those bytes.
// Decoding rebuilds every byte of a record, as it lay in memory.
void EncodeRunBlock(const void* records, size_t count, size_t record_bytes,
                    std::string* out);

// The most bytes a block body of `count` records can take.
size_t MaxRunBlockBody(size_t count, size_t record_bytes);

// A block's header: the body's length in bytes and the record count.
inline constexpr size_t kRunBlockHeaderBytes = 8;
struct RunBlockHeader {
  size_t body_bytes = 0;
  size_t count = 0;
};

// Reads the kRunBlockHeaderBytes of `header`. Returns false when they
// cannot head a block of at most `max_count` records of `record_bytes`: no
// record, too many, or a body longer than theirs can be.
bool ReadRunBlockHeader(std::string_view header, size_t max_count,
                        size_t record_bytes, RunBlockHeader* out);

// Decodes the body of a block of `count` records into `records`. Returns
// false, with `records` partly written, when the body is malformed: too
// short, a bit for a word the record does not have, or bytes left over.
bool DecodeRunBlock(std::string_view body, size_t count, size_t record_bytes,
                    void* records);

template <typename Record, typename Order>
class ExternalSorter {
  static_assert(std::is_trivially_copyable_v<Record>);
  static_assert(sizeof(Record) % 8 == 0 && sizeof(Record) <= 64,
                "runs are coded in 8-byte words, at most eight a record");
  // Padding bytes would be indeterminate, and coding compares every byte.
  static_assert(std::has_unique_object_representations_v<Record>,
                "a record may have no padding (name it as a field)");

 public:
  ExternalSorter(std::string temp_dir, size_t buffer_records)
      : temp_dir_(std::move(temp_dir)),
        buffer_records_(std::max<size_t>(buffer_records, 1)) {}
  ExternalSorter(const ExternalSorter&) = delete;
  ExternalSorter& operator=(const ExternalSorter&) = delete;
  ~ExternalSorter() {
    if (spiller_.joinable()) spiller_.join();
  }

  // REQUIRES: Finish() not called yet.
  absl::Status Add(const Record& record) {
    if (buffer_.capacity() == 0) buffer_.reserve(buffer_records_);
    // A full buffer is spilled only when more records come: the last one
    // stays in memory.
    if (buffer_.size() >= buffer_records_) {
      absl::Status status = StartSpill();
      if (!status.ok()) return status;
    }
    buffer_.push_back(record);
    return absl::OkStatus();
  }

  // Ends adding and prepares the merge.
  absl::Status Finish() {
    WordSort<Order>(buffer_.data(), buffer_.size());
    // spiller_ is checked first: while it runs, runs_ is its to change.
    if (!spiller_.joinable() && runs_.empty()) return absl::OkStatus();
    absl::Status status = WaitForSpill();
    if (!status.ok()) return status;
    std::vector<Record>().swap(spilling_);
    for (size_t i = 0; i < runs_.size(); ++i) {
      absl::Status status = runs_[i].file->StartReading();
      if (!status.ok()) return status;
      Refill(i);
    }
    // The records still in memory are merged as one more run.
    Run in_memory;
    in_memory.count = buffer_.size();
    in_memory.buffer = std::move(buffer_);
    runs_.push_back(std::move(in_memory));
    losers_.resize(runs_.size());
    losers_[0] = PlayOff(1);
    return status_;
  }

  // Reads the next record in order into *record; false at the end or on a
  // read error (see status()). REQUIRES: Finish() returned OK.
  bool Next(Record* record) {
    if (runs_.empty()) {
      if (position_ >= buffer_.size()) return false;
      *record = buffer_[position_++];
      return true;
    }
    if (losers_.empty()) return false;  // Finish() failed before the merge.
    size_t winner = losers_[0];
    Run& r = runs_[winner];
    if (r.position == r.count) return false;  // Every run is spent.
    *record = r.buffer[r.position++];
    if (r.position == r.count) Refill(winner);
    // Replays the winner's matches on its way up, against each loser kept.
    for (size_t node = (winner + runs_.size()) / 2; node > 0; node /= 2) {
      if (HeadsBefore(losers_[node], winner)) std::swap(losers_[node], winner);
    }
    losers_[0] = winner;
    return status_.ok();
  }

  const absl::Status& status() const { return status_; }
  // The runs merged, the one kept in memory included; 0 when nothing was
  // spilled. REQUIRES: Finish() returned OK.
  size_t run_count() const { return runs_.size(); }

 private:
  static constexpr size_t kReadBufferRecords = 4096;

  struct Run {
    std::unique_ptr<RunFile> file;  // nullptr for the run kept in memory.
    std::vector<Record> buffer;
    std::string block;  // The coded block buffer was decoded from.
    size_t position = 0;
    size_t count = 0;
  };

  // Whether run a's next record comes before run b's; a spent run comes
  // after every other.
  bool HeadsBefore(size_t a, size_t b) const {
    const Run& ra = runs_[a];
    const Run& rb = runs_[b];
    if (ra.position == ra.count) return false;
    if (rb.position == rb.count) return true;
    return WordLess<Order>()(ra.buffer[ra.position], rb.buffer[rb.position]);
  }

  // The runs are merged by a tournament: the leaves are nodes n..2n-1 for
  // n runs (run i at node n + i), node i's children are 2i and 2i + 1, and
  // losers_[i] is the run that lost the match at node i. Returns the run
  // that wins the subtree at `node`, filling in the losers below it.
  size_t PlayOff(size_t node) {
    if (node >= runs_.size()) return node - runs_.size();
    size_t winner = PlayOff(2 * node);
    size_t loser = PlayOff(2 * node + 1);
    if (HeadsBefore(loser, winner)) std::swap(winner, loser);
    losers_[node] = loser;
    return winner;
  }

  // Hands the full buffer to the background thread (after the previous
  // spill is done) and starts an empty one.
  absl::Status StartSpill() {
    absl::Status status = WaitForSpill();
    if (!status.ok()) return status;
    spilling_.swap(buffer_);
    buffer_.clear();
    buffer_.reserve(buffer_records_);
    spiller_ = std::thread([this] { spill_status_ = SpillSorted(); });
    return absl::OkStatus();
  }

  absl::Status WaitForSpill() {
    if (spiller_.joinable()) spiller_.join();
    return spill_status_;
  }

  // Runs on the background thread: sorts `spilling_` into a new run.
  absl::Status SpillSorted() {
    WordSort<Order>(spilling_.data(), spilling_.size());
    Run run;
    absl::Status status = RunFile::Create(temp_dir_, &run.file);
    std::string block;
    for (size_t begin = 0; status.ok() && begin < spilling_.size();
         begin += kReadBufferRecords) {
      const size_t count =
          std::min(kReadBufferRecords, spilling_.size() - begin);
      block.clear();
      EncodeRunBlock(&spilling_[begin], count, sizeof(Record), &block);
      status = run.file->Append(block.data(), block.size());
    }
    if (!status.ok()) return status;
    runs_.push_back(std::move(run));
    return absl::OkStatus();
  }

  // Loads the next block of run `index`. The run is left spent (position
  // == count) when it has no more, and on a read error, which status_
  // records.
  void Refill(size_t index) {
    Run& run = runs_[index];
    run.position = 0;
    run.count = 0;
    if (run.file == nullptr) return;  // The run kept in memory.
    char header[kRunBlockHeaderBytes];
    const size_t header_bytes = run.file->Read(header, sizeof(header));
    if (header_bytes == 0 && !run.file->read_error()) return;
    RunBlockHeader block;
    if (header_bytes == sizeof(header) &&
        ReadRunBlockHeader(std::string_view(header, sizeof(header)),
                           kReadBufferRecords, sizeof(Record), &block)) {
      run.block.resize(block.body_bytes);
      run.buffer.resize(block.count);
      if (run.file->Read(run.block.data(), block.body_bytes) ==
              block.body_bytes &&
          DecodeRunBlock(run.block, block.count, sizeof(Record),
                         run.buffer.data())) {
        run.count = block.count;
        return;
      }
    }
    status_ = absl::DataLossError("cannot read back a temporary sort run");
  }

  const std::string temp_dir_;
  const size_t buffer_records_;
  std::vector<Record> buffer_;    // Being filled (or, unspilled, read).
  std::vector<Record> spilling_;  // Being sorted and written by spiller_.
  std::thread spiller_;
  absl::Status spill_status_;
  size_t position_ = 0;
  std::vector<Run> runs_;  // Written by spiller_ only while it runs.
  // The merge's tournament (see PlayOff); losers_[0] is the overall
  // winner, the run whose head is next.
  std::vector<size_t> losers_;
  absl::Status status_;
};

}  // namespace almanac

#endif  // ALMANAC_STORAGE_EXTERNAL_SORTER_H_
