// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/coding.h"

#include <cstring>

namespace almanac {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ||
                  __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__,
              "unknown byte order");

namespace {

uint32_t ToBigEndian32(uint32_t value) {
  if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
    return __builtin_bswap32(value);
  }
  return value;
}

uint64_t ToBigEndian64(uint64_t value) {
  if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
    return __builtin_bswap64(value);
  }
  return value;
}

}  // namespace

void PutFixed32(std::string* dst, uint32_t value) {
  const uint32_t big_endian = ToBigEndian32(value);
  dst->append(reinterpret_cast<const char*>(&big_endian), 4);
}

void PutFixed64(std::string* dst, uint64_t value) {
  const uint64_t big_endian = ToBigEndian64(value);
  dst->append(reinterpret_cast<const char*>(&big_endian), 8);
}

uint32_t DecodeFixed32(const char* src) {
  uint32_t big_endian;
  std::memcpy(&big_endian, src, 4);
  return ToBigEndian32(big_endian);
}

uint64_t DecodeFixed64(const char* src) {
  uint64_t big_endian;
  std::memcpy(&big_endian, src, 8);
  return ToBigEndian64(big_endian);
}

void PutOrderedInt32(std::string* dst, int32_t value) {
  PutFixed32(dst, static_cast<uint32_t>(value) ^ 0x80000000u);
}

int32_t DecodeOrderedInt32(const char* src) {
  return static_cast<int32_t>(DecodeFixed32(src) ^ 0x80000000u);
}

void PutVarint64(std::string* dst, uint64_t value) {
  while (value >= 0x80) {
    dst->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  dst->push_back(static_cast<char>(value));
}

bool GetVarint64(std::string_view* input, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && !input->empty(); shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(input->front());
    input->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string successor(prefix);
  while (!successor.empty()) {
    if (static_cast<uint8_t>(successor.back()) != 0xFF) {
      successor.back() = static_cast<char>(successor.back() + 1);
      return successor;
    }
    successor.pop_back();
  }
  return successor;
}

}  // namespace almanac
