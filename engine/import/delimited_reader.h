// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The layer below the TSV, CSV and temporal-KG readers: a RecordReader reads
// one file in chunks and splits it into records of fields, whatever the size
// of the file, in memory bounded by kChunkBytes + kMaxRecordBytes.
//
// What every file gets, whatever its format: a UTF-8 byte order mark at the
// start is skipped, so is the \r of a CRLF line end, and so are blank lines
// (nothing but spaces, tabs and \r). Line numbers count from 1 and name the
// line where a record begins, also when a quoted CSV field spans lines.
//
// Example:
//   ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> reader,
//                            RecordReader::Open("a.csv", {.delimiter = ','}));
//   std::vector<std::string_view> fields;
//   while (true) {
//     ALMANAC_ASSIGN_OR_RETURN(bool more, reader->Next(&fields));
//     if (!more) break;
//     ...
//   }

#ifndef ALMANAC_ENGINE_IMPORT_DELIMITED_READER_H_
#define ALMANAC_ENGINE_IMPORT_DELIMITED_READER_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace almanac {

struct RecordFormat {
  // Separates the fields of a record.
  char delimiter = '\t';
  // Fields may be quoted as RFC 4180 says: a field that begins with '"' ends
  // at the next lone '"', "" inside it stands for one '"', and delimiters and
  // line breaks inside it are part of the field. A '"' anywhere else is an
  // ordinary character.
  bool quoted = false;
  // Lines that begin with '#' are comments, skipped like blank lines.
  bool comments = false;
};

// Returns the size of the file `path` after checking that it can be opened
// for reading. NotFound when it does not exist, InvalidArgument when it is a
// directory, Unavailable when it cannot be read; the message names `path`.
absl::StatusOr<uint64_t> ReadableFileSize(const std::string& path);

// Debian's Abseil has a string_view of its own, which absl::StrCat and the
// other string functions take; this converts to it.
inline absl::string_view AbslView(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

class RecordReader {
 public:
  static constexpr size_t kChunkBytes = size_t{1} << 20;
  // A longer record is reported as malformed (usually a quote left open).
  static constexpr size_t kMaxRecordBytes = size_t{16} << 20;

  // Opens the file `path`; errors as ReadableFileSize's.
  static absl::StatusOr<std::unique_ptr<RecordReader>> Open(
      const std::string& path, RecordFormat format);

  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Reads the fields of the next record into *fields; the views stay valid
  // until the next call. Returns false at the end of the file,
  // InvalidArgument("PATH:LINE: reason") for a record that cannot be split
  // (a quote left open, text after a closing quote, a record longer than
  // kMaxRecordBytes), and Unavailable when the file cannot be read. After
  // InvalidArgument, the next call reads on: after the record, or, when its
  // end could not be found, from the line after the one where it began.
  absl::StatusOr<bool> Next(std::vector<std::string_view>* fields);

  // The line where the record last returned or rejected by Next() begins.
  int64_t line() const { return record_line_; }
  // Bytes of the file consumed so far; the file's size at the end.
  uint64_t bytes_consumed() const { return bytes_in_ - (end_ - pos_); }
  const std::string& path() const { return path_; }

  // Returns InvalidArgument("PATH:LINE: message") for the line of the
  // record last returned.
  absl::Status RowError(std::string_view message) const;

 private:
  RecordReader(std::string path, int fd, RecordFormat format);

  // Reads more of the file after end_, first moving the unconsumed bytes to
  // the front of the buffer (or growing it when they fill it). Returns false
  // at the end of the file.
  absl::StatusOr<bool> Fill();
  // Finds the end of the record at pos_, continuing the scan where the last
  // call stopped. Returns its length (not counting the '\n'), or npos when
  // the buffer holds no complete record.
  size_t ScanPlain();
  size_t ScanQuoted();
  // Consumes the first line of the record at pos_, after an error.
  absl::Status SkipLine();
  // Splits `record` into *fields.
  absl::Status SplitQuoted(std::string_view record,
                           std::vector<std::string_view>* fields);

  enum class QuoteState { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };

  const std::string path_;
  const int fd_;
  const RecordFormat format_;
  std::vector<char> buffer_;
  size_t pos_ = 0;           // Start of the unconsumed bytes in buffer_.
  size_t end_ = 0;           // End of the bytes read into buffer_.
  uint64_t bytes_in_ = 0;    // Bytes read from the file so far.
  bool at_start_ = true;     // The byte order mark is not yet checked.
  int64_t next_line_ = 1;    // The line where the record at pos_ begins.
  int64_t record_line_ = 0;  // See line().
  // The scan of the record at pos_: bytes looked at, state, line breaks.
  size_t scanned_ = 0;
  QuoteState state_ = QuoteState::kFieldStart;
  int64_t breaks_ = 0;
  // Unescaped quoted fields, one string per field position; a deque so
  // that adding one leaves the others where they are.
  std::deque<std::string> unescaped_;
};

}  // namespace almanac

#endif  // ALMANAC_ENGINE_IMPORT_DELIMITED_READER_H_
