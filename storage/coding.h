// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Byte encodings used in keys and values. Key encodings are order-preserving:
// comparing the encoded bytes with memcmp (RocksDB's default comparator)
// orders them as the values they encode.

#ifndef ALMANAC_STORAGE_CODING_H_
#define ALMANAC_STORAGE_CODING_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace almanac {

// Unsigned integers, big-endian: order-preserving. Encode* writes into
// dst[0..3] or dst[0..7], which must exist; Put* appends.
inline void EncodeFixed32(char* dst, uint32_t value);
inline void EncodeFixed64(char* dst, uint64_t value);
void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
inline uint32_t DecodeFixed32(const char* src);
inline uint64_t DecodeFixed64(const char* src);

// Signed 32-bit integers with the sign bit flipped, big-endian: INT32_MIN is
// 00 00 00 00, -1 is 7F FF FF FF, 0 is 80 00 00 00. Order-preserving.
inline void EncodeOrderedInt32(char* dst, int32_t value);
void PutOrderedInt32(std::string* dst, int32_t value);
inline int32_t DecodeOrderedInt32(const char* src);

// LEB128 varints (7 bits a byte, low bits first), for values only: they are
// not order-preserving.
void PutVarint64(std::string* dst, uint64_t value);
// Reads a varint from the front of *input and advances it. Returns false on
// truncated or over-long input.
inline bool GetVarint64(std::string_view* input, uint64_t* value);

// Returns the smallest string greater than every string that starts with
// `prefix`, or "" when there is none (the prefix is all 0xFF bytes).
std::string PrefixSuccessor(std::string_view prefix);

// Implementation details follow: the fixed-width codings are inline, since
// every key encoded or decoded goes through several of them, and so is the
// one-byte case of GetVarint64, which every fact read goes through.

namespace coding_internal {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ||
                  __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__,
              "unknown byte order");

inline uint32_t BigEndian32(uint32_t value) {
  if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
    return __builtin_bswap32(value);
  }
  return value;
}

inline uint64_t BigEndian64(uint64_t value) {
  if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
    return __builtin_bswap64(value);
  }
  return value;
}

// GetVarint64 for a value of more than one byte, or for bad input.
bool GetLongVarint64(std::string_view* input, uint64_t* value);

}  // namespace coding_internal

inline void EncodeFixed32(char* dst, uint32_t value) {
  const uint32_t big_endian = coding_internal::BigEndian32(value);
  std::memcpy(dst, &big_endian, 4);
}

inline void EncodeFixed64(char* dst, uint64_t value) {
  const uint64_t big_endian = coding_internal::BigEndian64(value);
  std::memcpy(dst, &big_endian, 8);
}

inline uint32_t DecodeFixed32(const char* src) {
  uint32_t big_endian;
  std::memcpy(&big_endian, src, 4);
  return coding_internal::BigEndian32(big_endian);
}

inline uint64_t DecodeFixed64(const char* src) {
  uint64_t big_endian;
  std::memcpy(&big_endian, src, 8);
  return coding_internal::BigEndian64(big_endian);
}

// An int32 as the unsigned number whose big-endian bytes it is written as:
// its sign bit flipped, so that unsigned order is signed order.
inline uint32_t OrderedInt32Bits(int32_t value) {
  return static_cast<uint32_t>(value) ^ 0x80000000u;
}

inline void EncodeOrderedInt32(char* dst, int32_t value) {
  EncodeFixed32(dst, OrderedInt32Bits(value));
}

inline int32_t DecodeOrderedInt32(const char* src) {
  return static_cast<int32_t>(DecodeFixed32(src) ^ 0x80000000u);
}

// One byte for a transaction number below 128 and for "no source" (0),
// the common values of an index entry.
inline bool GetVarint64(std::string_view* input, uint64_t* value) {
  if (!input->empty() && static_cast<uint8_t>(input->front()) < 0x80) {
    *value = static_cast<uint8_t>(input->front());
    input->remove_prefix(1);
    return true;
  }
  return coding_internal::GetLongVarint64(input, value);
}

}  // namespace almanac

#endif  // ALMANAC_STORAGE_CODING_H_
