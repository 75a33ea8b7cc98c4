// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/coding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace almanac {
namespace {

// Renders bytes as space-separated upper-case hex: "00 7F FF".
std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  return out;
}

std::string Fixed32(uint32_t value) {
  std::string out;
  PutFixed32(&out, value);
  return out;
}

std::string Fixed64(uint64_t value) {
  std::string out;
  PutFixed64(&out, value);
  return out;
}

std::string OrderedInt32(int32_t value) {
  std::string out;
  PutOrderedInt32(&out, value);
  return out;
}

std::string Varint(uint64_t value) {
  std::string out;
  PutVarint64(&out, value);
  return out;
}

// -1, 0 or 1 as memcmp (RocksDB's default comparator) orders the bytes.
int ByteOrder(const std::string& a, const std::string& b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

template <typename T>
int ValueOrder(T a, T b) {
  return a < b ? -1 : (a == b ? 0 : 1);
}

TEST(CodingTest, Fixed32IsBigEndian) {
  EXPECT_EQ(Hex(Fixed32(0)), "00 00 00 00");
  EXPECT_EQ(Hex(Fixed32(0x01020304)), "01 02 03 04");
  EXPECT_EQ(Hex(Fixed32(0xFFFFFFFF)), "FF FF FF FF");
}

TEST(CodingTest, Fixed64IsBigEndian) {
  EXPECT_EQ(Hex(Fixed64(0x0102030405060708)), "01 02 03 04 05 06 07 08");
  EXPECT_EQ(Hex(Fixed64(1)), "00 00 00 00 00 00 00 01");
}

TEST(CodingTest, FixedRoundTrip) {
  for (uint32_t value : {0u, 1u, 255u, 256u, 0x7FFFFFFFu, 0x80000000u,
                         std::numeric_limits<uint32_t>::max()}) {
    EXPECT_EQ(DecodeFixed32(Fixed32(value).data()), value);
  }
  for (uint64_t value :
       {uint64_t{0}, uint64_t{1}, uint64_t{0xFF}, uint64_t{1} << 32,
        uint64_t{1} << 63, std::numeric_limits<uint64_t>::max()}) {
    EXPECT_EQ(DecodeFixed64(Fixed64(value).data()), value);
  }
}

TEST(CodingTest, FixedAppendsToExistingBytes) {
  std::string out = "k";
  PutFixed32(&out, 7);
  PutFixed64(&out, 9);
  EXPECT_EQ(Hex(out), "6B 00 00 00 07 00 00 00 00 00 00 00 09");
}

// Encode* writes the bytes Put* appends, in place, and nothing beside them.
TEST(CodingTest, EncodeWritesInPlaceWhatPutAppends) {
  std::string buffer(16, '.');
  EncodeFixed32(buffer.data() + 1, 0x01020304);
  EXPECT_EQ(Hex(buffer.substr(0, 6)), "2E 01 02 03 04 2E");
  EncodeFixed64(buffer.data() + 3, 0x0102030405060708);
  EXPECT_EQ(buffer.substr(3, 8), Fixed64(0x0102030405060708));
  EXPECT_EQ(buffer.substr(11), ".....");
  for (int32_t value : {std::numeric_limits<int32_t>::min(), -1, 0, 719162,
                        std::numeric_limits<int32_t>::max()}) {
    char bytes[4];
    EncodeOrderedInt32(bytes, value);
    EXPECT_EQ(std::string(bytes, 4), OrderedInt32(value));
  }
}

TEST(CodingTest, OrderedInt32FlipsTheSignBit) {
  EXPECT_EQ(Hex(OrderedInt32(std::numeric_limits<int32_t>::min())),
            "00 00 00 00");
  EXPECT_EQ(Hex(OrderedInt32(-1)), "7F FF FF FF");
  EXPECT_EQ(Hex(OrderedInt32(0)), "80 00 00 00");
  EXPECT_EQ(Hex(OrderedInt32(1)), "80 00 00 01");
  EXPECT_EQ(Hex(OrderedInt32(std::numeric_limits<int32_t>::max())),
            "FF FF FF FF");
}

TEST(CodingTest, OrderedInt32RoundTrip) {
  for (int32_t value : {std::numeric_limits<int32_t>::min(), -100000, -1, 0, 1,
                        719162, std::numeric_limits<int32_t>::max()}) {
    EXPECT_EQ(DecodeOrderedInt32(OrderedInt32(value).data()), value);
  }
}

TEST(CodingTest, VarintLayout) {
  EXPECT_EQ(Hex(Varint(0)), "00");
  EXPECT_EQ(Hex(Varint(127)), "7F");
  EXPECT_EQ(Hex(Varint(128)), "80 01");
  EXPECT_EQ(Hex(Varint(300)), "AC 02");
  EXPECT_EQ(Varint(std::numeric_limits<uint64_t>::max()).size(), 10u);
}

TEST(CodingTest, VarintRoundTrip) {
  std::vector<uint64_t> values = {0,
                                  1,
                                  127,
                                  128,
                                  16383,
                                  16384,
                                  std::numeric_limits<uint32_t>::max(),
                                  std::numeric_limits<uint64_t>::max()};
  for (int shift = 0; shift < 64; ++shift) {
    values.push_back(uint64_t{1} << shift);
    values.push_back((uint64_t{1} << shift) - 1);
  }
  std::string all;
  for (uint64_t value : values) PutVarint64(&all, value);
  std::string_view input = all;
  for (uint64_t expected : values) {
    uint64_t value = 0;
    ASSERT_TRUE(GetVarint64(&input, &value)) << expected;
    EXPECT_EQ(value, expected);
  }
  EXPECT_TRUE(input.empty());
}

TEST(CodingTest, GetVarintAdvancesPastOneValue) {
  std::string bytes = Varint(300) + "rest";
  std::string_view input = bytes;
  uint64_t value = 0;
  ASSERT_TRUE(GetVarint64(&input, &value));
  EXPECT_EQ(value, 300u);
  EXPECT_EQ(input, "rest");
}

TEST(CodingTest, GetVarintRejectsTruncatedInput) {
  uint64_t value = 0;
  std::string_view empty;
  EXPECT_FALSE(GetVarint64(&empty, &value));
  for (uint64_t encoded_value :
       {uint64_t{128}, uint64_t{300}, uint64_t{1} << 40,
        std::numeric_limits<uint64_t>::max()}) {
    const std::string full = Varint(encoded_value);
    for (size_t keep = 1; keep < full.size(); ++keep) {
      std::string_view truncated(full.data(), keep);
      EXPECT_FALSE(GetVarint64(&truncated, &value))
          << encoded_value << " cut to " << keep << " bytes";
    }
  }
}

TEST(CodingTest, GetVarintRejectsOverlongInput) {
  // Eleven continuation bytes: longer than any 64-bit varint.
  const std::string bytes(11, '\x80');
  std::string_view input = bytes;
  uint64_t value = 0;
  EXPECT_FALSE(GetVarint64(&input, &value));
}

TEST(CodingTest, Fixed64PreservesOrder) {
  std::mt19937_64 random(20260101);
  for (int i = 0; i < 20000; ++i) {
    uint64_t a = random();
    uint64_t b = random();
    // Now and then compare values that share high bytes, or are equal.
    if (i % 5 == 0) b = (a & ~uint64_t{0xFFFF}) | (b & 0xFFFF);
    if (i % 97 == 0) b = a;
    ASSERT_EQ(ByteOrder(Fixed64(a), Fixed64(b)), ValueOrder(a, b))
        << a << " vs " << b;
  }
}

TEST(CodingTest, OrderedInt32PreservesOrder) {
  std::vector<int32_t> edges = {std::numeric_limits<int32_t>::min(),
                                std::numeric_limits<int32_t>::min() + 1,
                                -1,
                                0,
                                1,
                                std::numeric_limits<int32_t>::max() - 1,
                                std::numeric_limits<int32_t>::max()};
  for (int32_t a : edges) {
    for (int32_t b : edges) {
      ASSERT_EQ(ByteOrder(OrderedInt32(a), OrderedInt32(b)), ValueOrder(a, b))
          << a << " vs " << b;
    }
  }
  std::mt19937 random(19990601);
  std::uniform_int_distribution<int32_t> any(
      std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  std::uniform_int_distribution<size_t> pick_edge(0, edges.size() - 1);
  for (int i = 0; i < 20000; ++i) {
    int32_t a = any(random);
    int32_t b = i % 4 == 0 ? edges[pick_edge(random)] : any(random);
    if (i % 7 == 0) b = -a;  // Opposite signs, same magnitude.
    ASSERT_EQ(ByteOrder(OrderedInt32(a), OrderedInt32(b)), ValueOrder(a, b))
        << a << " vs " << b;
  }
}

TEST(CodingTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor("a\xff"), "b");
  EXPECT_EQ(PrefixSuccessor("a\xff\xff"), "b");
  EXPECT_EQ(PrefixSuccessor(std::string_view("a\x00", 2)), "a\x01");
  EXPECT_EQ(PrefixSuccessor("\xff\xff"), "");
  EXPECT_EQ(PrefixSuccessor(""), "");
}

TEST(CodingTest, PrefixSuccessorBoundsEveryExtension) {
  const std::string prefix = Fixed64(0x00000000000001FF);
  const std::string successor = PrefixSuccessor(prefix);
  EXPECT_EQ(Hex(successor), "00 00 00 00 00 00 02");
  for (const std::string& tail :
       {std::string(), std::string(1, '\0'), std::string(40, '\xff')}) {
    EXPECT_LT(ByteOrder(prefix + tail, successor), 0) << Hex(tail);
  }
  EXPECT_GE(ByteOrder(Fixed64(0x0000000000000200), successor), 0);
}

}  // namespace
}  // namespace almanac
