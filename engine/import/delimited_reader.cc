// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// RecordReader, and the TSV and CSV fact sources built on it.
//
// Rows of both formats: subject, predicate, object, time[, source].
//   - A first row that names those columns (any case, spaces around names
//     ignored) is a header and skipped; each file may have one.
//   - Lines that begin with '#' are comments. Blank lines are skipped.
//   - TSV fields are taken as they stand between tabs; CSV fields follow
//     RFC 4180 (see RecordFormat::quoted).
//   - Subject and predicate are entities named exactly as written. The
//     object is typed by Term::ParseObjectField. The time is read by
//     ValidTime::Parse, spaces around it ignored. The source is taken as it
//     stands; empty means none.

#include "engine/import/delimited_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/import/fact_source.h"

namespace almanac {
namespace {

constexpr size_t kNone = std::string_view::npos;

absl::Status ErrnoError(const std::string& path, int error) {
  std::string message = absl::StrCat(path, ": ", std::strerror(error));
  if (error == ENOENT || error == ENOTDIR) return absl::NotFoundError(message);
  return absl::UnavailableError(message);
}

// Opens `path` for reading into *fd and returns its size.
absl::StatusOr<uint64_t> OpenFile(const std::string& path, int* fd) {
  *fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (*fd < 0) return ErrnoError(path, errno);
  struct stat info;
  if (fstat(*fd, &info) != 0) {
    const int error = errno;
    close(*fd);
    return ErrnoError(path, error);
  }
  if (S_ISDIR(info.st_mode)) {
    close(*fd);
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": is a directory (a temporal-KG folder needs --format tkg)"));
  }
  return static_cast<uint64_t>(info.st_size);
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (!IsSpace(c)) return false;
  }
  return true;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

void SplitPlain(std::string_view record, char delimiter,
                std::vector<std::string_view>* fields) {
  while (true) {
    const void* found = std::memchr(record.data(), delimiter, record.size());
    if (found == nullptr) break;
    const size_t length = static_cast<const char*>(found) - record.data();
    fields->push_back(record.substr(0, length));
    record.remove_prefix(length + 1);
  }
  fields->push_back(record);
}

}  // namespace

absl::StatusOr<uint64_t> ReadableFileSize(const std::string& path) {
  int fd;
  ALMANAC_ASSIGN_OR_RETURN(uint64_t size, OpenFile(path, &fd));
  close(fd);
  return size;
}

absl::StatusOr<std::unique_ptr<RecordReader>> RecordReader::Open(
    const std::string& path, RecordFormat format) {
  int fd;
  ALMANAC_RETURN_IF_ERROR(OpenFile(path, &fd).status());
  return std::unique_ptr<RecordReader>(new RecordReader(path, fd, format));
}

RecordReader::RecordReader(std::string path, int fd, RecordFormat format)
    : path_(std::move(path)), fd_(fd), format_(format), buffer_(kChunkBytes) {}

RecordReader::~RecordReader() { close(fd_); }

absl::Status RecordReader::RowError(std::string_view message) const {
  return absl::InvalidArgumentError(
      absl::StrCat(path_, ":", record_line_, ": ", AbslView(message)));
}

absl::StatusOr<bool> RecordReader::Fill() {
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(2 * buffer_.size());
  while (true) {
    const ssize_t n = read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError(path_, errno);
    end_ += n;
    bytes_in_ += n;
    return n > 0;
  }
}

size_t RecordReader::ScanPlain() {
  const char* record = buffer_.data() + pos_;
  const size_t size = end_ - pos_;
  const void* found = std::memchr(record + scanned_, '\n', size - scanned_);
  if (found == nullptr) {
    scanned_ = size;
    return kNone;
  }
  return static_cast<const char*>(found) - record;
}

size_t RecordReader::ScanQuoted() {
  const char* record = buffer_.data() + pos_;
  const size_t size = end_ - pos_;
  if (scanned_ == 0) {  // The common case: a whole line without quotes.
    const void* found = std::memchr(record, '\n', size);
    if (found != nullptr) {
      const size_t length = static_cast<const char*>(found) - record;
      if (std::memchr(record, '"', length) == nullptr) return length;
    }
  }
  for (size_t i = scanned_; i < size; ++i) {
    const char c = record[i];
    switch (state_) {
      case QuoteState::kQuoted:
        if (c == '"') state_ = QuoteState::kQuoteInQuoted;
        if (c == '\n') ++breaks_;
        continue;
      case QuoteState::kQuoteInQuoted:
        if (c == '"') {  // "" inside a quoted field.
          state_ = QuoteState::kQuoted;
          continue;
        }
        break;  // The field was closed before c.
      case QuoteState::kFieldStart:
        if (c == '"') {
          state_ = QuoteState::kQuoted;
          continue;
        }
        break;
      case QuoteState::kUnquoted:
        break;
    }
    if (c == '\n') return i;
    state_ = c == format_.delimiter ? QuoteState::kFieldStart
                                    : QuoteState::kUnquoted;
  }
  scanned_ = size;
  return kNone;
}

absl::Status RecordReader::SkipLine() {
  while (true) {
    const void* found = std::memchr(buffer_.data() + pos_, '\n', end_ - pos_);
    if (found != nullptr) {
      pos_ = static_cast<const char*>(found) - buffer_.data() + 1;
      break;
    }
    pos_ = end_;
    ALMANAC_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) break;
  }
  ++next_line_;
  scanned_ = 0;
  state_ = QuoteState::kFieldStart;
  breaks_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<bool> RecordReader::Next(std::vector<std::string_view>* fields) {
  fields->clear();
  if (at_start_) {
    at_start_ = false;
    while (end_ - pos_ < 3) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) break;
    }
    std::string_view start(buffer_.data() + pos_, end_ - pos_);
    if (start.starts_with("\xEF\xBB\xBF")) pos_ += 3;
  }
  while (true) {
    if (pos_ == end_) {
      ALMANAC_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) return false;
    }
    const bool plain =
        !format_.quoted || (format_.comments && buffer_[pos_] == '#');
    size_t length;
    while ((length = plain ? ScanPlain() : ScanQuoted()) == kNone) {
      if (end_ - pos_ > kMaxRecordBytes) {
        record_line_ = next_line_;
        ALMANAC_RETURN_IF_ERROR(SkipLine());
        return RowError(absl::StrCat("row is longer than ",
                                     kMaxRecordBytes >> 20,
                                     " MiB (is a quote left open?)"));
      }
      ALMANAC_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) break;
    }
    record_line_ = next_line_;
    size_t consumed = length + 1;
    if (length == kNone) {  // The last record, with no line break after it.
      if (!plain && state_ == QuoteState::kQuoted) {
        ALMANAC_RETURN_IF_ERROR(SkipLine());
        return RowError("a quoted field is not closed");
      }
      length = consumed = end_ - pos_;
    }
    std::string_view record(buffer_.data() + pos_, length);
    pos_ += consumed;
    next_line_ += 1 + breaks_;
    scanned_ = 0;
    state_ = QuoteState::kFieldStart;
    breaks_ = 0;

    if (record.ends_with('\r')) record.remove_suffix(1);
    if (IsBlank(record) || (format_.comments && record[0] == '#')) continue;
    if (plain || record.find('"') == kNone) {
      SplitPlain(record, format_.delimiter, fields);
      return true;
    }
    ALMANAC_RETURN_IF_ERROR(SplitQuoted(record, fields));
    return true;
  }
}

absl::Status RecordReader::SplitQuoted(std::string_view record,
                                       std::vector<std::string_view>* fields) {
  while (true) {
    if (!record.starts_with('"')) {
      const size_t length = record.find(format_.delimiter);
      fields->push_back(record.substr(0, length));
      if (length == kNone) return absl::OkStatus();
      record.remove_prefix(length + 1);
      continue;
    }
    // A quoted field: unescaped in place when it holds no "".
    std::string* unescaped = nullptr;
    size_t begin = 1;  // Of the text not yet copied to *unescaped.
    size_t quote = record.find('"', begin);
    while (quote != kNone && quote + 1 < record.size() &&
           record[quote + 1] == '"') {
      if (unescaped == nullptr) {
        while (unescaped_.size() <= fields->size()) unescaped_.emplace_back();
        unescaped = &unescaped_[fields->size()];
        unescaped->clear();
      }
      unescaped->append(record.substr(begin, quote + 1 - begin));
      begin = quote + 2;
      quote = record.find('"', begin);
    }
    if (quote == kNone) return RowError("a quoted field is not closed");
    std::string_view text = record.substr(begin, quote - begin);
    if (unescaped != nullptr) {
      unescaped->append(text);
      text = *unescaped;
    }
    fields->push_back(text);
    record.remove_prefix(quote + 1);
    if (record.empty()) return absl::OkStatus();
    if (record[0] != format_.delimiter) {
      return RowError(absl::StrCat("text after the closing quote of column ",
                                   fields->size()));
    }
    record.remove_prefix(1);
  }
}

namespace {

bool IsHeader(const std::vector<std::string_view>& fields) {
  static constexpr const char* kColumns[] = {"subject", "predicate", "object",
                                             "time", "source"};
  if (fields.size() != 4 && fields.size() != 5) return false;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!absl::EqualsIgnoreCase(AbslView(TrimSpaces(fields[i])), kColumns[i])) {
      return false;
    }
  }
  return true;
}

class DelimitedSource : public FactSource {
 public:
  DelimitedSource(std::vector<std::string> paths, RecordFormat format,
                  uint64_t bytes_total)
      : paths_(std::move(paths)), format_(format), bytes_total_(bytes_total) {}

  absl::StatusOr<bool> Next(Fact* fact) override {
    while (true) {
      if (reader_ == nullptr) {
        if (next_path_ == paths_.size()) return false;
        ALMANAC_ASSIGN_OR_RETURN(
            reader_, RecordReader::Open(paths_[next_path_++], format_));
        first_row_ = true;
      }
      absl::StatusOr<bool> more = reader_->Next(&fields_);
      const bool first_row = std::exchange(first_row_, false);
      if (!more.ok()) return more.status();
      if (!*more) {
        bytes_done_ += reader_->bytes_consumed();
        reader_.reset();
        continue;
      }
      if (first_row && IsHeader(fields_)) continue;
      ALMANAC_RETURN_IF_ERROR(ReadRow(fact));
      return true;
    }
  }

  uint64_t bytes_read() const override {
    return bytes_done_ + (reader_ ? reader_->bytes_consumed() : 0);
  }
  uint64_t bytes_total() const override { return bytes_total_; }

 private:
  absl::Status ReadRow(Fact* fact) const {
    if (fields_.size() != 4 && fields_.size() != 5) {
      return reader_->RowError(absl::StrCat(
          "expected 4 or 5 columns (subject, predicate, object, time[, "
          "source]), found ",
          fields_.size()));
    }
    ALMANAC_RETURN_IF_ERROR(ReadEntity("subject", fields_[0], &fact->subject));
    ALMANAC_RETURN_IF_ERROR(
        ReadEntity("predicate", fields_[1], &fact->predicate));

    if (fields_[2].empty()) return reader_->RowError("empty object");
    absl::StatusOr<Term> object = Term::ParseObjectField(fields_[2]);
    absl::Status status =
        object.ok() ? object->CheckStorable() : object.status();
    if (!status.ok()) {
      return reader_->RowError(absl::StrCat("object: ", status.message()));
    }
    fact->object = *std::move(object);

    absl::StatusOr<ValidTime> valid_time =
        ValidTime::Parse(TrimSpaces(fields_[3]));
    if (!valid_time.ok()) {
      return reader_->RowError(
          absl::StrCat("time: ", valid_time.status().message()));
    }
    fact->time = *valid_time;
    fact->source.assign(fields_.size() == 5 ? fields_[4] : "");
    fact->added_in = 0;
    return absl::OkStatus();
  }

  absl::Status ReadEntity(std::string_view column, std::string_view name,
                          Term* term) const {
    if (name.empty()) {
      return reader_->RowError(absl::StrCat("empty ", AbslView(column)));
    }
    *term = Term::Entity(std::string(name));
    absl::Status status = term->CheckStorable();
    if (!status.ok()) {
      return reader_->RowError(
          absl::StrCat(AbslView(column), ": ", status.message()));
    }
    return absl::OkStatus();
  }

  const std::vector<std::string> paths_;
  const RecordFormat format_;
  const uint64_t bytes_total_;
  size_t next_path_ = 0;  // The file to open after the current one.
  std::unique_ptr<RecordReader> reader_;  // Null between files.
  bool first_row_ = false;                // May be a header.
  uint64_t bytes_done_ = 0;               // Of the files already read.
  std::vector<std::string_view> fields_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<FactSource>> OpenDelimitedSource(
    const std::vector<std::string>& paths, ImportFormat format) {
  if (format != ImportFormat::kTsv && format != ImportFormat::kCsv) {
    return absl::InvalidArgumentError(
        "OpenDelimitedSource reads only --format tsv and csv");
  }
  if (paths.empty()) return absl::InvalidArgumentError("no file to import");
  uint64_t bytes_total = 0;
  for (const std::string& path : paths) {
    ALMANAC_ASSIGN_OR_RETURN(uint64_t size, ReadableFileSize(path));
    bytes_total += size;
  }
  const RecordFormat record_format = {
      .delimiter = format == ImportFormat::kCsv ? ',' : '\t',
      .quoted = format == ImportFormat::kCsv,
      .comments = true};
  return std::make_unique<DelimitedSource>(paths, record_format, bytes_total);
}

}  // namespace almanac
