// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/external_sorter.h"

#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cassert>
#include <cerrno>
#include <cstddef>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace almanac {
namespace {

constexpr size_t kWordBytes = 8;

// How many bits each byte value has set. (std::popcount may be a library
// call where the compiler may not assume the CPU has an instruction for it,
// as in GCC's builds for any x86-64.)
constexpr std::array<uint8_t, 256> kBitsSet = [] {
  std::array<uint8_t, 256> table = {};
  for (unsigned i = 0; i < 256; ++i) {
    table[i] = static_cast<uint8_t>(std::popcount(i));
  }
  return table;
}();

uint64_t WordAt(const char* record, size_t word) {
  uint64_t value;
  std::memcpy(&value, record + word * kWordBytes, kWordBytes);
  return value;
}

// `word` with its bytes in little-endian order: the first byte in memory
// is the lowest. (Its own inverse.)
uint64_t LittleEndian(uint64_t word) {
  if constexpr (std::endian::native == std::endian::big) {
    return __builtin_bswap64(word);
  }
  return word;
}

// How many of the bytes of `bits` (not 0), from the first in memory, hold
// all that are not zero: 1 to 8.
size_t ByteLength(uint64_t bits) {
  return (static_cast<size_t>(std::bit_width(LittleEndian(bits))) + 7) / 8;
}

// `word` with its bytes from the `length`th in memory on set to zero.
uint64_t FirstBytes(uint64_t word, size_t length) {
  if (length >= kWordBytes) return word;
  return LittleEndian(LittleEndian(word) & ((uint64_t{1} << (8 * length)) - 1));
}

}  // namespace

size_t MaxRunBlockBody(size_t count, size_t record_bytes) {
  const size_t words = record_bytes / kWordBytes;
  // A mask, a length nibble a word, the words whole.
  return count * (1 + (words + 1) / 2 + words * kWordBytes);
}

bool ReadRunBlockHeader(std::string_view header, size_t max_count,
                        size_t record_bytes, RunBlockHeader* out) {
  if (header.size() < kRunBlockHeaderBytes) return false;
  out->body_bytes = DecodeFixed32(header.data());
  out->count = DecodeFixed32(header.data() + 4);
  return out->count > 0 && out->count <= max_count &&
         out->body_bytes <= MaxRunBlockBody(out->count, record_bytes);
}

void EncodeRunBlock(const void* records, size_t count, size_t record_bytes,
                    std::string* out) {
  assert(record_bytes % kWordBytes == 0 && record_bytes <= 8 * kWordBytes);
  const size_t words = record_bytes / kWordBytes;
  const size_t header_at = out->size();
  // Room for the largest body, and for a whole word copied at its end.
  out->resize(header_at + kRunBlockHeaderBytes +
              MaxRunBlockBody(count, record_bytes) + kWordBytes);
  char* const body = out->data() + header_at + kRunBlockHeaderBytes;
  char* p = body;
  const char* record = static_cast<const char*>(records);
  uint64_t previous[8] = {};
  for (size_t i = 0; i < count; ++i, record += record_bytes) {
    uint64_t changes[8];
    unsigned mask = 0;
    size_t changed = 0;
    for (size_t w = 0; w < words; ++w) {
      const uint64_t word = WordAt(record, w);
      if (word == previous[w]) continue;
      mask |= 1u << w;
      changes[changed++] = word ^ previous[w];
      previous[w] = word;
    }
    *p++ = static_cast<char>(mask);
    char* const lengths = p;
    p += (changed + 1) / 2;
    std::memset(lengths, 0, (changed + 1) / 2);
    for (size_t k = 0; k < changed; ++k) {
      const size_t length = ByteLength(changes[k]);
      lengths[k / 2] =
          static_cast<char>(lengths[k / 2] | length << (k % 2 * 4));
      std::memcpy(p, &changes[k], kWordBytes);  // Only `length` bytes count.
      p += length;
    }
  }
  const size_t body_bytes = static_cast<size_t>(p - body);
  EncodeFixed32(out->data() + header_at, static_cast<uint32_t>(body_bytes));
  EncodeFixed32(out->data() + header_at + 4, static_cast<uint32_t>(count));
  out->resize(header_at + kRunBlockHeaderBytes + body_bytes);
}

bool DecodeRunBlock(std::string_view body, size_t count, size_t record_bytes,
                    void* records) {
  if (record_bytes % kWordBytes != 0 || record_bytes > 8 * kWordBytes) {
    return false;
  }
  const size_t words = record_bytes / kWordBytes;
  const char* p = body.data();
  const char* const end = p + body.size();
  char* record = static_cast<char*>(records);
  uint64_t previous[8] = {};
  for (size_t i = 0; i < count; ++i, record += record_bytes) {
    if (p == end) return false;
    const unsigned mask = static_cast<uint8_t>(*p++);
    if ((mask >> words) != 0) return false;
    const size_t changed = kBitsSet[mask];
    const char* const lengths = p;
    if (static_cast<size_t>(end - p) < (changed + 1) / 2) return false;
    p += (changed + 1) / 2;
    size_t k = 0;
    for (size_t w = 0; w < words; ++w) {
      if ((mask & (1u << w)) != 0) {
        const size_t length =
            static_cast<uint8_t>(lengths[k / 2]) >> (k % 2 * 4) & 0xF;
        ++k;
        if (length == 0 || length > kWordBytes ||
            length > static_cast<size_t>(end - p)) {
          return false;
        }
        uint64_t bits = 0;
        if (end - p >= static_cast<ptrdiff_t>(kWordBytes)) {
          std::memcpy(&bits, p, kWordBytes);
          bits = FirstBytes(bits, length);
        } else {
          std::memcpy(&bits, p, length);
        }
        previous[w] ^= bits;
        p += length;
      }
      std::memcpy(record + w * kWordBytes, &previous[w], kWordBytes);
    }
  }
  return p == end;
}

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
