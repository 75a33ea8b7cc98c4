// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/external_sorter.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace almanac {

absl::Status RunFile::Create(const std::string& dir,
                             std::unique_ptr<RunFile>* file) {
  std::string path = dir + "/run-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot create a temporary file in ", dir, ": ", std::strerror(errno)));
  }
  std::FILE* stream = fdopen(fd, "w+b");
  if (stream == nullptr) {
    close(fd);
    unlink(path.c_str());
    return absl::UnavailableError(
        absl::StrCat("cannot open temporary file ", path));
  }
  file->reset(new RunFile(path, stream));
  return absl::OkStatus();
}

RunFile::~RunFile() {
  std::fclose(file_);
  unlink(path_.c_str());
}

absl::Status RunFile::Append(const void* data, size_t bytes) {
  if (std::fwrite(data, 1, bytes, file_) != bytes) {
    return absl::UnavailableError(absl::StrCat(
        "cannot write temporary file ", path_, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status RunFile::StartReading() {
  if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot rewind temporary file ", path_));
  }
  return absl::OkStatus();
}

size_t RunFile::Read(void* data, size_t bytes) {
  return std::fread(data, 1, bytes, file_);
}

bool RunFile::read_error() const { return std::ferror(file_) != 0; }

}  // namespace almanac
