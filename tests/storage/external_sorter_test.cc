// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/external_sorter.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

struct Record {
  uint32_t key = 0;
  uint32_t tag = 0;

  bool operator==(const Record&) const = default;
};

struct RecordLess {
  bool operator()(const Record& a, const Record& b) const {
    return std::tie(a.key, a.tag) < std::tie(b.key, b.tag);
  }
};

// The sorter's order; RecordLess, written apart, checks it.
struct RecordOrder {
  static constexpr int kWords = 2;
  static uint64_t Word(const Record& record, int i) {
    return i == 0 ? record.key : record.tag;
  }
};

using Sorter = ExternalSorter<Record, RecordOrder>;

// `count` random records; keys and tags come from small ranges, so equal
// records are common.
std::vector<Record> RandomRecords(size_t count, uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<uint32_t> key(0, 999);
  std::uniform_int_distribution<uint32_t> tag(0, 3);
  std::vector<Record> records(count);
  for (Record& record : records) record = {key(random), tag(random)};
  return records;
}

// Adds `input` to `sorter`, finishes it and returns what it yields.
std::vector<Record> SortWith(Sorter& sorter, const std::vector<Record>& input) {
  for (const Record& record : input) {
    const absl::Status status = sorter.Add(record);
    if (!status.ok()) {
      ADD_FAILURE() << status;
      return {};
    }
  }
  const absl::Status finished = sorter.Finish();
  if (!finished.ok()) {
    ADD_FAILURE() << finished;
    return {};
  }
  std::vector<Record> output;
  Record record;
  while (sorter.Next(&record)) output.push_back(record);
  EXPECT_TRUE(sorter.status().ok()) << sorter.status();
  return output;
}

std::vector<Record> Sorted(std::vector<Record> records) {
  std::sort(records.begin(), records.end(), RecordLess());
  return records;
}

// "key.tag key.tag ..." of the first `n` records, for readable failures.
std::string Head(const std::vector<Record>& records, size_t n = 8) {
  std::string out;
  for (size_t i = 0; i < std::min(n, records.size()); ++i) {
    if (i > 0) out += ' ';
    out +=
        std::to_string(records[i].key) + "." + std::to_string(records[i].tag);
  }
  return out;
}

size_t FilesIn(const std::string& dir) {
  size_t count = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(dir)) {
    ++count;
  }
  return count;
}

TEST(ExternalSorterTest, TinyBufferSpillsManyRunsAndMerges) {
  TempDir dir;
  // 10,000 records 13 at a time: 770 runs, 769 merged from their own open
  // files (kept under the usual limit of 1024 open files) and the last
  // from memory.
  const std::vector<Record> input = RandomRecords(10000, 1);
  Sorter sorter(dir.path(), 13);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 770u);
  ASSERT_EQ(output.size(), input.size());
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, BufferOfSevenRecords) {
  TempDir dir;
  const std::vector<Record> input = RandomRecords(3000, 2);
  Sorter sorter(dir.path(), 7);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 429u);  // 428 full runs and one of 4.
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, InputThatFillsTheLastRunExactly) {
  TempDir dir;
  const std::vector<Record> input = RandomRecords(1000, 3);
  Sorter sorter(dir.path(), 10);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 100u);
  EXPECT_EQ(FilesIn(dir.path()), 99u);  // The last full buffer stays.
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, InputOfExactlyOneBufferSpillsNothing) {
  TempDir dir;
  const std::vector<Record> input = RandomRecords(10, 8);
  Sorter sorter(dir.path(), 10);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 0u);
  EXPECT_EQ(FilesIn(dir.path()), 0u);
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, OneRecordMoreThanABufferMergesTwoRuns) {
  TempDir dir;
  const std::vector<Record> input = RandomRecords(11, 9);
  Sorter sorter(dir.path(), 10);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 2u);  // Ten spilled, one in memory.
  EXPECT_EQ(FilesIn(dir.path()), 1u);
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, ATruncatedRunEndsTheMergeWithDataLoss) {
  TempDir dir;
  // Two runs of 10,000 records on disk, three blocks each, and 5,000 in
  // memory.
  const std::vector<Record> input = RandomRecords(25000, 10);
  Sorter sorter(dir.path(), 10000);
  for (const Record& record : input) ASSERT_OK(sorter.Add(record));
  ASSERT_OK(sorter.Finish());
  ASSERT_EQ(sorter.run_count(), 3u);
  // Each run's first block is read; cut one run in its second.
  const std::filesystem::path run =
      std::filesystem::directory_iterator(dir.path())->path();
  std::filesystem::resize_file(run, std::filesystem::file_size(run) / 2);
  size_t read = 0;
  Record record;
  while (sorter.Next(&record)) ++read;
  EXPECT_LT(read, input.size());
  EXPECT_TRUE(absl::IsDataLoss(sorter.status())) << sorter.status();
  EXPECT_FALSE(sorter.Next(&record));
}

TEST(ExternalSorterTest, BufferLargerThanInputSortsInMemory) {
  TempDir dir;
  const std::vector<Record> input = RandomRecords(10000, 4);
  Sorter sorter(dir.path(), 20000);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 0u);
  EXPECT_EQ(FilesIn(dir.path()), 0u);
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, RunsLongerThanTheReadBuffer) {
  TempDir dir;
  // Runs of 10,000 records are read back in several blocks each.
  const std::vector<Record> input = RandomRecords(25000, 5);
  Sorter sorter(dir.path(), 10000);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_EQ(sorter.run_count(), 3u);
  EXPECT_TRUE(output == Sorted(input)) << Head(output);
}

TEST(ExternalSorterTest, KeepsDuplicates) {
  TempDir dir;
  const std::vector<Record> input(50, Record{7, 1});
  Sorter sorter(dir.path(), 3);
  const std::vector<Record> output = SortWith(sorter, input);
  EXPECT_GT(sorter.run_count(), 0u);
  EXPECT_EQ(output.size(), 50u);
  EXPECT_TRUE(output == input);
}

TEST(ExternalSorterTest, SortsAlreadySortedAndReversedInput) {
  TempDir dir;
  std::vector<Record> ascending;
  for (uint32_t i = 0; i < 500; ++i) ascending.push_back({i, 0});
  std::vector<Record> descending(ascending.rbegin(), ascending.rend());
  for (const auto& input : {ascending, descending}) {
    Sorter sorter(dir.path(), 16);
    EXPECT_TRUE(SortWith(sorter, input) == ascending) << Head(input);
  }
}

TEST(ExternalSorterTest, EmptyInput) {
  TempDir dir;
  Sorter small(dir.path(), 1);
  EXPECT_TRUE(SortWith(small, {}).empty());
  EXPECT_EQ(small.run_count(), 0u);
  Sorter large(dir.path(), 1000);
  EXPECT_TRUE(SortWith(large, {}).empty());
}

TEST(ExternalSorterTest, NextStaysFalseAtTheEnd) {
  TempDir dir;
  Sorter sorter(dir.path(), 2);
  const std::vector<Record> output =
      SortWith(sorter, {{3, 0}, {1, 0}, {2, 0}, {1, 0}, {0, 9}});
  EXPECT_EQ(Head(output), "0.9 1.0 1.0 2.0 3.0");
  Record record;
  EXPECT_FALSE(sorter.Next(&record));
  EXPECT_FALSE(sorter.Next(&record));
  EXPECT_TRUE(sorter.status().ok());
}

TEST(ExternalSorterTest, RunFilesAreRemovedWithTheSorter) {
  TempDir dir;
  {
    Sorter sorter(dir.path(), 5);
    const std::vector<Record> output = SortWith(sorter, RandomRecords(100, 6));
    EXPECT_EQ(sorter.run_count(), 20u);
    EXPECT_EQ(FilesIn(dir.path()), 19u);  // The last run stays in memory.
    EXPECT_EQ(output.size(), 100u);
  }
  EXPECT_EQ(FilesIn(dir.path()), 0u);
}

TEST(ExternalSorterTest, MissingTempDirFailsTheSort) {
  TempDir dir;
  Sorter sorter(dir.Sub("missing"), 2);
  // The failed spill surfaces from a later Add or from Finish.
  absl::Status status;
  for (uint32_t i = 0; i < 10 && status.ok(); ++i) status = sorter.Add({i, 0});
  if (status.ok()) status = sorter.Finish();
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("missing"));
}

// A record as wide as the index rows of an import: five 8-byte words.
struct WideRecord {
  uint64_t first = 0;
  uint64_t second = 0;
  uint64_t third = 0;
  int32_t begin = 0;
  int32_t end = 0;
  uint64_t flags = 0;

  bool operator==(const WideRecord&) const = default;
};

struct WideLess {
  bool operator()(const WideRecord& a, const WideRecord& b) const {
    return std::tie(a.first, a.second, a.third, a.begin, a.end, a.flags) <
           std::tie(b.first, b.second, b.third, b.begin, b.end, b.flags);
  }
};

// WideLess as words: the two dates share one, each with its sign bit
// flipped so that it sorts as an unsigned number.
struct WideOrder {
  static constexpr int kWords = 5;
  static uint64_t Word(const WideRecord& r, int i) {
    const auto ordered = [](int32_t day) {
      return uint64_t{OrderedInt32Bits(day)};
    };
    switch (i) {
      case 0:
        return r.first;
      case 1:
        return r.second;
      case 2:
        return r.third;
      case 3:
        return ordered(r.begin) << 32 | ordered(r.end);
      default:
        return r.flags;
    }
  }
};

// Leading fields from small ranges (sorted neighbours share them), the rest
// anywhere in their range, negative dates and all-ones words included.
std::vector<WideRecord> RandomWideRecords(size_t count, uint32_t seed) {
  std::mt19937_64 random(seed);
  std::vector<WideRecord> records(count);
  for (WideRecord& r : records) {
    r.first = random() % 20;
    r.second = random() % 3 == 0 ? ~uint64_t{0} : random() % 1000;
    r.third = random() >> (random() % 64);
    r.begin = static_cast<int32_t>(random());
    r.end = random() % 2 == 0 ? r.begin : static_cast<int32_t>(random());
    r.flags = random() % 4 == 0 ? random() : 0;
  }
  return records;
}

TEST(ExternalSorterTest, WideRecordsComeBackWhole) {
  TempDir dir;
  // Runs of 9,000 records: three blocks each, the last one short.
  const std::vector<WideRecord> input = RandomWideRecords(30000, 7);
  ExternalSorter<WideRecord, WideOrder> sorter(dir.path(), 9000);
  for (const WideRecord& record : input) ASSERT_OK(sorter.Add(record));
  ASSERT_OK(sorter.Finish());
  EXPECT_EQ(sorter.run_count(), 4u);
  std::vector<WideRecord> output;
  WideRecord record;
  while (sorter.Next(&record)) output.push_back(record);
  ASSERT_OK(sorter.status());
  std::vector<WideRecord> expected = input;
  std::sort(expected.begin(), expected.end(), WideLess());
  EXPECT_TRUE(output == expected);
}

// Codes `records` as one block; returns its body (the header checked).
std::string BlockBody(const std::vector<WideRecord>& records) {
  std::string block = "kept";  // A block appends to what is there.
  EncodeRunBlock(records.data(), records.size(), sizeof(WideRecord), &block);
  EXPECT_EQ(block.substr(0, 4), "kept");
  block.erase(0, 4);
  RunBlockHeader header;
  EXPECT_TRUE(
      ReadRunBlockHeader(block, records.size(), sizeof(WideRecord), &header));
  EXPECT_EQ(header.body_bytes, block.size() - kRunBlockHeaderBytes);
  EXPECT_EQ(header.count, records.size());
  return block.substr(kRunBlockHeaderBytes);
}

// Decodes `body` from a buffer of exactly its size, so that a read past
// its end is one (AddressSanitizer reports it) rather than a read of the
// string's terminating NUL.
std::vector<WideRecord> DecodeBody(std::string_view body, size_t count,
                                   bool* ok) {
  const auto exact = std::make_unique<char[]>(body.size());
  std::copy(body.begin(), body.end(), exact.get());
  std::vector<WideRecord> records(count);
  *ok = DecodeRunBlock(std::string_view(exact.get(), body.size()), count,
                       sizeof(WideRecord), records.data());
  return records;
}

TEST(RunBlockTest, EveryWordLengthRoundTrips) {
  // A word changes by 1 to 8 bytes, or not at all; the first record
  // against zeros.
  std::vector<WideRecord> records;
  for (int bytes = 0; bytes <= 8; ++bytes) {
    const uint64_t value = bytes == 0 ? 0 : ~uint64_t{0} >> (64 - 8 * bytes);
    records.push_back({value, 5, value, -1, bytes, value});
    records.push_back(records.back());  // Nothing changes.
  }
  bool ok = false;
  const std::string body = BlockBody(records);
  EXPECT_TRUE(DecodeBody(body, records.size(), &ok) == records);
  EXPECT_TRUE(ok);
}

TEST(RunBlockTest, SortedNeighboursTakeAFractionOfTheirSize) {
  std::vector<WideRecord> records = RandomWideRecords(4096, 8);
  std::sort(records.begin(), records.end(), WideLess());
  const std::string body = BlockBody(records);
  EXPECT_LT(body.size(), records.size() * sizeof(WideRecord) * 3 / 4);
  // A repeated record is one byte.
  const std::vector<WideRecord> same(100, records[0]);
  EXPECT_EQ(BlockBody(same).size(), BlockBody({records[0]}).size() + 99);
}

TEST(RunBlockTest, MalformedBodiesAreRejected) {
  const std::vector<WideRecord> records = {{1, 2, 3, 4, 5, 6},
                                           {1, 2, 300, 4, 5, 6}};
  const std::string body = BlockBody(records);
  bool ok = true;
  DecodeBody(body, 3, &ok);  // One record too many.
  EXPECT_FALSE(ok);
  DecodeBody(body, 1, &ok);  // Bytes left over.
  EXPECT_FALSE(ok);
  DecodeBody(body.substr(0, body.size() - 1), 2, &ok);  // Cut short.
  EXPECT_FALSE(ok);
  std::string bad_mask = body;
  bad_mask[0] = static_cast<char>(0x20);  // A sixth word.
  DecodeBody(bad_mask, 2, &ok);
  EXPECT_FALSE(ok);
  for (const char length : {'\x00', '\x09'}) {
    std::string bad_length = body;
    bad_length[1] = length;  // First record: word 0's nibble.
    DecodeBody(bad_length, 2, &ok);
    EXPECT_FALSE(ok);
  }
  DecodeBody("", 1, &ok);
  EXPECT_FALSE(ok);
  // Every shorter body is missing bytes of the second record.
  for (size_t size = 0; size < body.size(); ++size) {
    DecodeBody(body.substr(0, size), 2, &ok);
    EXPECT_FALSE(ok) << size;
  }
}

TEST(RunBlockTest, HeadersThatCannotHeadABlockAreRejected) {
  const std::vector<WideRecord> records(10, WideRecord{1, 2, 3, 4, 5, 6});
  std::string block;
  EncodeRunBlock(records.data(), records.size(), sizeof(WideRecord), &block);
  RunBlockHeader header;
  EXPECT_TRUE(ReadRunBlockHeader(block, 10, sizeof(WideRecord), &header));
  // More records than the reader holds.
  EXPECT_FALSE(ReadRunBlockHeader(block, 9, sizeof(WideRecord), &header));
  EXPECT_FALSE(ReadRunBlockHeader(block.substr(0, kRunBlockHeaderBytes - 1), 10,
                                  sizeof(WideRecord), &header));
  std::string no_records = block;
  no_records[7] = '\0';  // The count's low byte (big-endian): 10 becomes 0.
  EXPECT_FALSE(ReadRunBlockHeader(no_records, 10, sizeof(WideRecord), &header));
  std::string long_body = block;
  long_body[0] = '\x7f';  // The length's high byte: far past the most.
  EXPECT_FALSE(ReadRunBlockHeader(long_body, 10, sizeof(WideRecord), &header));
}

// Eight words, the widest a record may be: every bit of the mask.
struct EightWords {
  uint64_t words[8] = {};
  bool operator==(const EightWords&) const = default;
};

TEST(RunBlockTest, EightWordRecordsRoundTrip) {
  std::mt19937_64 random(9);
  std::vector<EightWords> records(300);
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) records[i] = records[i - 1];
    records[i].words[random() % 8] = random() >> (random() % 64);
  }
  std::string block;
  EncodeRunBlock(records.data(), records.size(), sizeof(EightWords), &block);
  std::vector<EightWords> decoded(records.size());
  ASSERT_TRUE(
      DecodeRunBlock(std::string_view(block).substr(kRunBlockHeaderBytes),
                     records.size(), sizeof(EightWords), decoded.data()));
  EXPECT_TRUE(decoded == records);
}

}  // namespace
}  // namespace almanac
