// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/coding.h"

namespace almanac {

void PutFixed32(std::string* dst, uint32_t value) {
  char buffer[4];
  EncodeFixed32(buffer, value);
  dst->append(buffer, 4);
}

void PutFixed64(std::string* dst, uint64_t value) {
  char buffer[8];
  EncodeFixed64(buffer, value);
  dst->append(buffer, 8);
}

void PutOrderedInt32(std::string* dst, int32_t value) {
  PutFixed32(dst, static_cast<uint32_t>(value) ^ 0x80000000u);
}

void PutVarint64(std::string* dst, uint64_t value) {
  while (value >= 0x80) {
    dst->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  dst->push_back(static_cast<char>(value));
}

namespace coding_internal {

bool GetLongVarint64(std::string_view* input, uint64_t* value) {
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

}  // namespace coding_internal

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
