// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The reader of temporal-KG benchmark folders (ICEWS14, ICEWS05-15, ICEWS18,
// YAGO and the like):
//
//   entity2id.txt, relation2id.txt   NAME<TAB>ID per line. The name is
//       everything before the line's last tab, exactly as written (no-break
//       spaces, quotes and all). YAGO's entity2id.txt has NAME<TAB>ID<TAB>
//       START<TAB>END instead: a line of four columns whose second is an
//       integer is read that way, and START and END (dates of the entity,
//       not of facts) are ignored. Ids are non-negative integers, unique, in
//       any order.
//   train.txt, valid.txt, test.txt   SUBJECT<TAB>RELATION<TAB>OBJECT<TAB>T
//       per line, ids and a time offset; further columns (YAGO's fifth,
//       always 0) are ignored. Read in this order, those that are present.
//
// The offset T counts units from the epoch: kDay and kHour give the day
// epoch + T days (T / 24 for hours, which must be whole days), kYear the
// year-precision date of the epoch's year + T. Facts have no source.

#include <errno.h>
#include <sys/stat.h>

#include <charconv>
#include <cstring>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/import/delimited_reader.h"
#include "engine/import/fact_source.h"

namespace almanac {
namespace {

constexpr RecordFormat kTabs = {.delimiter = '\t'};
constexpr const char* kRowFiles[] = {"train.txt", "valid.txt", "test.txt"};

using NameTable = absl::flat_hash_map<int64_t, std::string>;

std::string JoinPath(const std::string& dir, std::string_view name) {
  if (dir.empty() || dir.back() == '/') {
    return absl::StrCat(dir, AbslView(name));
  }
  return absl::StrCat(dir, "/", AbslView(name));
}

// Parses an optionally negative decimal integer, nothing else around it.
bool ParseInteger(std::string_view text, int64_t* value) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, *value);
  return !text.empty() && error == std::errc() && stop == end;
}

bool ParseId(std::string_view text, int64_t* id) {
  return !text.starts_with('-') && ParseInteger(text, id);
}

// Reads a name file (entity2id.txt or relation2id.txt) into an id -> name
// table. Fails at the first malformed line.
absl::StatusOr<NameTable> ReadNames(const std::string& path) {
  ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<RecordReader> reader,
                           RecordReader::Open(path, kTabs));
  NameTable names;
  std::vector<std::string_view> fields;
  while (true) {
    ALMANAC_ASSIGN_OR_RETURN(bool more, reader->Next(&fields));
    if (!more) return names;
    int64_t id;
    std::string_view name, id_text;
    if (fields.size() == 4 && ParseId(fields[1], &id)) {  // YAGO's layout.
      name = fields[0];
      id_text = fields[1];
    } else if (fields.size() >= 2) {
      id_text = fields.back();  // The fields lie side by side in one line.
      name = std::string_view(fields[0].data(),
                              id_text.data() - 1 - fields[0].data());
    } else {
      return reader->RowError("expected NAME<TAB>ID, found no tab");
    }
    if (!ParseId(id_text, &id)) {
      return reader->RowError(absl::StrCat("id \"", AbslView(id_text),
                                           "\" is not a non-negative integer"));
    }
    if (name.empty()) return reader->RowError("empty name");
    const absl::Status storable =
        Term::Entity(std::string(name)).CheckStorable();
    if (!storable.ok()) {
      return reader->RowError(std::string(storable.message()));
    }
    if (!names.try_emplace(id, name).second) {
      return reader->RowError(absl::StrCat("id ", id, " appears twice"));
    }
  }
}

class TkgSource : public FactSource {
 public:
  TkgSource(NameTable entities, NameTable relations, Date epoch, TimeUnit unit,
            std::vector<std::string> paths, uint64_t bytes_total)
      : entities_(std::move(entities)),
        relations_(std::move(relations)),
        epoch_(epoch),
        unit_(unit),
        paths_(std::move(paths)),
        bytes_total_(bytes_total) {}

  absl::StatusOr<bool> Next(Fact* fact) override {
    while (true) {
      if (reader_ == nullptr) {
        if (next_path_ == paths_.size()) return false;
        ALMANAC_ASSIGN_OR_RETURN(
            reader_, RecordReader::Open(paths_[next_path_++], kTabs));
      }
      ALMANAC_ASSIGN_OR_RETURN(bool more, reader_->Next(&fields_));
      if (more) break;
      bytes_done_ += reader_->bytes_consumed();
      reader_.reset();
    }
    if (fields_.size() < 4) {
      return reader_->RowError(absl::StrCat(
          "expected 4 columns (subject id, relation id, object id, time), "
          "found ",
          fields_.size()));
    }
    ALMANAC_RETURN_IF_ERROR(
        Lookup(entities_, "entity", fields_[0], &fact->subject));
    ALMANAC_RETURN_IF_ERROR(
        Lookup(relations_, "relation", fields_[1], &fact->predicate));
    ALMANAC_RETURN_IF_ERROR(
        Lookup(entities_, "entity", fields_[2], &fact->object));
    int64_t offset;
    if (!ParseInteger(fields_[3], &offset)) {
      return reader_->RowError(absl::StrCat("time \"", AbslView(fields_[3]),
                                            "\" is not an integer"));
    }
    ALMANAC_ASSIGN_OR_RETURN(Date date, DateAt(offset));
    fact->time = ValidTime::At(date);
    fact->source.clear();
    fact->added_in = 0;
    return true;
  }

  uint64_t bytes_read() const override {
    return bytes_done_ + (reader_ ? reader_->bytes_consumed() : 0);
  }
  uint64_t bytes_total() const override { return bytes_total_; }

 private:
  absl::Status Lookup(const NameTable& names, std::string_view kind,
                      std::string_view id_text, Term* term) const {
    int64_t id;
    if (!ParseId(id_text, &id)) {
      return reader_->RowError(
          absl::StrCat(AbslView(kind), " id \"", AbslView(id_text),
                       "\" is not a non-negative integer"));
    }
    auto it = names.find(id);
    if (it == names.end()) {
      return reader_->RowError(absl::StrCat(AbslView(kind), " id ", id,
                                            " is not in ", AbslView(kind),
                                            "2id.txt"));
    }
    *term = Term::Entity(it->second);
    return absl::OkStatus();
  }

  // Returns the date `offset` units after the epoch.
  absl::StatusOr<Date> DateAt(int64_t offset) const {
    if (offset < 0) {
      return reader_->RowError(
          absl::StrCat("time offset ", offset, " is negative"));
    }
    auto past_9999 = [&] {
      return reader_->RowError(
          absl::StrCat("time offset ", offset, " is after the year 9999"));
    };
    if (unit_ == TimeUnit::kYear) {
      if (offset > 9999 - epoch_.year()) return past_9999();
      return Date::FromParts(epoch_.year() + static_cast<int>(offset), 1, 1,
                             DatePrecision::kYear);
    }
    int64_t days = offset;
    if (unit_ == TimeUnit::kHour) {
      if (offset % 24 != 0) {
        return reader_->RowError(absl::StrCat(
            "hour offset ", offset,
            " is not a whole day; Almanac stores dates to the day"));
      }
      days = offset / 24;
    }
    static const int32_t kLastDay =
        Date::FromParts(9999, 12, 31, DatePrecision::kDay)->days().begin;
    const int32_t first_day = epoch_.days().begin;
    if (days > kLastDay - first_day) return past_9999();
    return Date::FromDayNumber(first_day + static_cast<int32_t>(days));
  }

  const NameTable entities_;
  const NameTable relations_;
  const Date epoch_;
  const TimeUnit unit_;
  const std::vector<std::string> paths_;  // The row files present.
  const uint64_t bytes_total_;
  size_t next_path_ = 0;
  std::unique_ptr<RecordReader> reader_;  // Null between files.
  uint64_t bytes_done_ = 0;               // Of the files already read.
  std::vector<std::string_view> fields_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<FactSource>> OpenTkgSource(
    const std::string& dir, const ImportOptions& options) {
  if (!options.epoch.has_value()) {
    return absl::InvalidArgumentError(
        "a tkg import needs an epoch, the date of time offset 0 (--epoch "
        "DATE)");
  }
  const Date epoch = *options.epoch;
  if (options.unit != TimeUnit::kYear &&
      epoch.precision() != DatePrecision::kDay) {
    return absl::InvalidArgumentError(
        absl::StrCat("--epoch ", epoch.ToString(),
                     " must be a day (YYYY-MM-DD) for --unit day or hour"));
  }
  struct stat info;
  if (stat(dir.c_str(), &info) != 0) {
    const int error = errno;
    std::string message = absl::StrCat(dir, ": ", std::strerror(error));
    if (error == ENOENT) return absl::NotFoundError(message);
    return absl::UnavailableError(message);
  }
  if (!S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat(
        dir, ": is not a folder (--format tkg reads a benchmark folder)"));
  }
  std::vector<std::string> paths;
  uint64_t bytes_total = 0;
  for (const char* name : kRowFiles) {
    std::string path = JoinPath(dir, name);
    absl::StatusOr<uint64_t> size = ReadableFileSize(path);
    if (absl::IsNotFound(size.status())) continue;
    ALMANAC_RETURN_IF_ERROR(size.status());
    bytes_total += *size;
    paths.push_back(std::move(path));
  }
  if (paths.empty()) {
    return absl::NotFoundError(
        absl::StrCat(dir, ": has none of train.txt, valid.txt and test.txt"));
  }
  ALMANAC_ASSIGN_OR_RETURN(NameTable entities,
                           ReadNames(JoinPath(dir, "entity2id.txt")));
  ALMANAC_ASSIGN_OR_RETURN(NameTable relations,
                           ReadNames(JoinPath(dir, "relation2id.txt")));
  return std::make_unique<TkgSource>(std::move(entities), std::move(relations),
                                     epoch, options.unit, std::move(paths),
                                     bytes_total);
}

}  // namespace almanac
