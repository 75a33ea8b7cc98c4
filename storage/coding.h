// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Byte encodings used in keys and values. Key encodings are order-preserving:
// comparing the encoded bytes with memcmp (RocksDB's default comparator)
// orders them as the values they encode.

#ifndef ALMANAC_STORAGE_CODING_H_
#define ALMANAC_STORAGE_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace almanac {

// Unsigned integers, big-endian: order-preserving.
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
uint32_t DecodeFixed32(const char* src);
uint64_t DecodeFixed64(const char* src);

// Signed 32-bit integers with the sign bit flipped, big-endian: INT32_MIN is
// 00 00 00 00, -1 is 7F FF FF FF, 0 is 80 00 00 00. Order-preserving.
void PutOrderedInt32(std::string* dst, int32_t value);
int32_t DecodeOrderedInt32(const char* src);

// LEB128 varints (7 bits a byte, low bits first), for values only: they are
// not order-preserving.
void PutVarint64(std::string* dst, uint64_t value);
// Reads a varint from the front of *input and advances it. Returns false on
// truncated or over-long input.
bool GetVarint64(std::string_view* input, uint64_t* value);

// Returns the smallest string greater than every string that starts with
// `prefix`, or "" when there is none (the prefix is all 0xFF bytes).
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace almanac

#endif  // ALMANAC_STORAGE_CODING_H_
