// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/fact_key.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "almanac/date.h"
#include "gtest/gtest.h"
#include "storage/coding.h"
#include "storage/term_id.h"

namespace almanac {
namespace {

constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
constexpr int32_t kMax = std::numeric_limits<int32_t>::max();

ValidTime Time(const char* text) { return *ValidTime::Parse(text); }

// Encodes the valid time written `text`, decodes it back and writes it again;
// "(unstated)" for no time, or the error.
std::string TimeRoundTrip(const char* text) {
  const EncodedTime encoded = EncodeTime(Time(text));
  absl::StatusOr<ValidTime> decoded = DecodeTime(encoded);
  if (!decoded.ok()) return decoded.status().ToString();
  if (!decoded->is_stated()) return "(unstated)";
  return decoded->ToString();
}

// Renders an encoded time as "begin end shape", days as dates and the shape
// in hex: "2014-01-01 2015-01-01 05".
std::string Render(EncodedTime time) {
  const auto day = [](int32_t d) -> std::string {
    if (d == kMin) return "-inf";
    if (d == kMax) return "+inf";
    return Date::FromDayNumber(d).ToString();
  };
  char shape[3];
  std::snprintf(shape, sizeof(shape), "%02X", time.shape);
  return day(time.begin) + " " + day(time.end) + " " + shape;
}

int ByteOrder(const std::string& a, const std::string& b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

template <typename T>
int TupleOrder(const T& a, const T& b) {
  return a < b ? -1 : (a == b ? 0 : 1);
}

// "s p o begin end shape" of a fact key, for failure messages.
std::string Render(const FactKey& key) {
  return std::to_string(key.subject) + " " + std::to_string(key.predicate) +
         " " + std::to_string(key.object) + " " +
         std::to_string(key.time.begin) + " " + std::to_string(key.time.end) +
         " " + std::to_string(key.time.shape);
}

// Random fact keys drawn from small sets, so that ties in every position are
// common: ids of several kinds, days around the edges of int32.
class RandomKeys {
 public:
  explicit RandomKeys(uint32_t seed) : random_(seed) {}

  TermId Id() {
    static const TermId kIds[] = {
        MakeTermId(TermKind::kEntity, 1),
        MakeTermId(TermKind::kEntity, 2),
        MakeTermId(TermKind::kEntity, 255),
        MakeTermId(TermKind::kEntity, 256),
        MakeTermId(TermKind::kString, 3),
        MakeTermId(TermKind::kInteger, 0),
        MakeTermId(TermKind::kInteger, kTermPayloadMask),
        MakeTermId(TermKind::kDate, 12345),
        std::numeric_limits<uint64_t>::max()};
    return kIds[Pick(std::size(kIds))];
  }

  int32_t Day() {
    static const int32_t kDays[] = {kMin, kMin + 1, -719162, -1,       0,
                                    1,    16071,    16072,   kMax - 1, kMax};
    return kDays[Pick(std::size(kDays))];
  }

  EncodedTime StatedTime() {
    return {Day(), Day(), static_cast<uint8_t>(1 + Pick(0x1F))};
  }
  EncodedTime AnyTime() { return Pick(5) == 0 ? EncodedTime{} : StatedTime(); }

  FactKey Key(bool stated) {
    return {Id(), Id(), Id(), stated ? StatedTime() : AnyTime()};
  }

 private:
  size_t Pick(size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(random_);
  }
  std::mt19937 random_;
};

using KeyTuple =
    std::tuple<uint64_t, uint64_t, uint64_t, int32_t, int32_t, uint8_t>;
using TimeFirstTuple =
    std::tuple<uint64_t, int32_t, int32_t, uint8_t, uint64_t, uint64_t>;

// Checks, for many random pairs of keys, that the bytes of EncodeKey(order)
// compare as `tuple_of` of the keys does.
template <typename Tuple>
void ExpectOrderMatches(IndexOrder order, bool stated_only,
                        const std::function<Tuple(const FactKey&)>& tuple_of,
                        uint32_t seed) {
  RandomKeys random(seed);
  for (int i = 0; i < 20000; ++i) {
    const FactKey a = random.Key(stated_only);
    FactKey b = random.Key(stated_only);
    if (i % 10 == 0) b = a;
    ASSERT_EQ(ByteOrder(EncodeKey(order, a), EncodeKey(order, b)),
              TupleOrder(tuple_of(a), tuple_of(b)))
        << Render(a) << " vs " << Render(b);
  }
}

TEST(FactKeyTest, UnstatedTimeRoundTrips) {
  EXPECT_EQ(TimeRoundTrip(""), "(unstated)");
  EXPECT_EQ(Render(EncodeTime(ValidTime())), "-inf -inf 00");
  EXPECT_FALSE(EncodeTime(ValidTime()).is_stated());
}

TEST(FactKeyTest, InstantsRoundTrip) {
  EXPECT_EQ(TimeRoundTrip("2014"), "2014");
  EXPECT_EQ(TimeRoundTrip("2014-03"), "2014-03");
  EXPECT_EQ(TimeRoundTrip("2014-03-07"), "2014-03-07");
  EXPECT_EQ(TimeRoundTrip("0001"), "0001");
  EXPECT_EQ(TimeRoundTrip("9999-12-31"), "9999-12-31");
  EXPECT_EQ(TimeRoundTrip("1969-12-31"), "1969-12-31");
}

TEST(FactKeyTest, InstantLayout) {
  EXPECT_EQ(Render(EncodeTime(Time("2014"))), "2014-01-01 2015-01-01 05");
  EXPECT_EQ(Render(EncodeTime(Time("2014-03"))), "2014-03-01 2014-04-01 0A");
  EXPECT_EQ(Render(EncodeTime(Time("2014-03-07"))), "2014-03-07 2014-03-08 0F");
}

TEST(FactKeyTest, ClosedIntervalsRoundTrip) {
  EXPECT_EQ(TimeRoundTrip("2014..2015-03"), "2014..2015-03");
  EXPECT_EQ(TimeRoundTrip("2018-10-21..2018-11-04"), "2018-10-21..2018-11-04");
  EXPECT_EQ(TimeRoundTrip("1999..2000-06"), "1999..2000-06");
  EXPECT_EQ(TimeRoundTrip("2014-02..2014-02-28"), "2014-02..2014-02-28");
  EXPECT_EQ(TimeRoundTrip("2012-02-29..2016"), "2012-02-29..2016");
  EXPECT_EQ(TimeRoundTrip("2014..2014"), "2014..2014");
}

TEST(FactKeyTest, OpenIntervalsRoundTrip) {
  EXPECT_EQ(TimeRoundTrip("2003.."), "2003..");
  EXPECT_EQ(TimeRoundTrip("2003-05.."), "2003-05..");
  EXPECT_EQ(TimeRoundTrip("..2001"), "..2001");
  EXPECT_EQ(TimeRoundTrip("..2001-02-03"), "..2001-02-03");
}

TEST(FactKeyTest, IntervalLayout) {
  EXPECT_EQ(Render(EncodeTime(Time("2014..2015-03"))),
            "2014-01-01 2015-04-01 19");
  EXPECT_EQ(Render(EncodeTime(Time("2018-10-21..2018-11-04"))),
            "2018-10-21 2018-11-05 1F");
  EXPECT_EQ(Render(EncodeTime(Time("2003.."))), "2003-01-01 +inf 11");
  EXPECT_EQ(Render(EncodeTime(Time("..2001"))), "-inf 2002-01-01 14");
}

TEST(FactKeyTest, SameDaysDifferentShapesAreDifferentTimes) {
  // "2014" and "2014-01-01..2014-12-31" cover the same days.
  const EncodedTime year = EncodeTime(Time("2014"));
  const EncodedTime spelled = EncodeTime(Time("2014-01-01..2014-12-31"));
  EXPECT_EQ(year.days(), spelled.days());
  EXPECT_NE(year, spelled);
}

TEST(FactKeyTest, DecodeTimeRejectsShapesEncodeTimeNeverWrites) {
  const int32_t day = Date::Parse("2014-03-07")->days().begin;
  for (uint8_t shape : {uint8_t{0x20}, uint8_t{0x80}, uint8_t{0x09},
                        uint8_t{0x04}, uint8_t{0x10}}) {
    const absl::StatusOr<ValidTime> decoded =
        DecodeTime(EncodedTime{day, day + 1, shape});
    EXPECT_TRUE(absl::IsDataLoss(decoded.status()))
        << "shape " << static_cast<int>(shape) << ": " << decoded.status();
  }
}

TEST(FactKeyTest, DecodeTimeRejectsDaysThatDoNotFitTheShape) {
  const int32_t first_of_2014 = Date::Parse("2014")->days().begin;
  const int32_t first_of_july = Date::Parse("2014-07-01")->days().begin;
  const int32_t march_7 = Date::Parse("2014-03-07")->days().begin;
  // Year precision at both ends (0x01 | 0x04), an interval (0x10).
  const uint8_t years = 0x15;
  // Day precision at both ends, an interval.
  const uint8_t days = 0x1F;
  const struct {
    EncodedTime time;
    const char* why;
  } kCases[] = {
      {{first_of_2014, first_of_july, years}, "a year ending on June 30"},
      {{first_of_july, first_of_july + 200, years}, "a year from July 1"},
      {{march_7, march_7, days}, "an end not after the begin"},
      {{march_7, INT32_MIN, days}, "the smallest end"},
  };
  for (const auto& c : kCases) {
    EXPECT_TRUE(absl::IsDataLoss(DecodeTime(c.time).status())) << c.why;
  }
  EXPECT_EQ(DecodeTime({first_of_2014, first_of_july, 0x1A})->ToString(),
            "2014-01..2014-06");
}

TEST(FactKeyTest, UnstatedTimeSortsBeforeEveryStatedTime) {
  const FactKey base{MakeTermId(TermKind::kEntity, 1),
                     MakeTermId(TermKind::kEntity, 2),
                     MakeTermId(TermKind::kEntity, 3),
                     {}};
  for (const char* text : {"0001", "0001-01-01", "..0001-01-01", "..2001",
                           "1969-12-31", "2003..", "9999-12-31"}) {
    FactKey timed = base;
    timed.time = EncodeTime(Time(text));
    EXPECT_LT(base.time, timed.time) << text;
    for (IndexOrder order :
         {IndexOrder::kSpo, IndexOrder::kPos, IndexOrder::kOsp}) {
      EXPECT_LT(ByteOrder(EncodeKey(order, base), EncodeKey(order, timed)), 0)
          << text << " in order " << static_cast<int>(order);
    }
  }
}

TEST(FactKeyTest, KeySizes) {
  RandomKeys random(1);
  const FactKey key = random.Key(/*stated=*/true);
  for (IndexOrder order : {IndexOrder::kSpo, IndexOrder::kPos, IndexOrder::kOsp,
                           IndexOrder::kPredicateTime}) {
    EXPECT_EQ(EncodeKey(order, key).size(), kFactKeySize);
  }
  EXPECT_EQ(EncodeEntityTimeKey(key, EntityRole::kSubject).size(),
            kEntityTimeKeySize);
  EXPECT_EQ(kFactKeySize, 33u);
  EXPECT_EQ(kEntityTimeKeySize, 34u);
}

TEST(FactKeyTest, SpoKeyLayout) {
  const FactKey key{
      MakeTermId(TermKind::kEntity, 1), MakeTermId(TermKind::kEntity, 2),
      MakeTermId(TermKind::kInteger, 3), EncodeTime(Time("2014"))};
  std::string expected;
  PutFixed64(&expected, key.subject);
  PutFixed64(&expected, key.predicate);
  PutFixed64(&expected, key.object);
  PutOrderedInt32(&expected, key.time.begin);
  PutOrderedInt32(&expected, key.time.end);
  expected.push_back(static_cast<char>(key.time.shape));
  EXPECT_EQ(EncodeKey(IndexOrder::kSpo, key), expected);
}

TEST(FactKeyTest, SpoKeysSortAsSubjectPredicateObjectTime) {
  ExpectOrderMatches<KeyTuple>(
      IndexOrder::kSpo, /*stated_only=*/false,
      [](const FactKey& k) {
        return KeyTuple(k.subject, k.predicate, k.object, k.time.begin,
                        k.time.end, k.time.shape);
      },
      101);
}

TEST(FactKeyTest, PosKeysSortAsPredicateObjectSubjectTime) {
  ExpectOrderMatches<KeyTuple>(
      IndexOrder::kPos, /*stated_only=*/false,
      [](const FactKey& k) {
        return KeyTuple(k.predicate, k.object, k.subject, k.time.begin,
                        k.time.end, k.time.shape);
      },
      102);
}

TEST(FactKeyTest, OspKeysSortAsObjectSubjectPredicateTime) {
  ExpectOrderMatches<KeyTuple>(
      IndexOrder::kOsp, /*stated_only=*/false,
      [](const FactKey& k) {
        return KeyTuple(k.object, k.subject, k.predicate, k.time.begin,
                        k.time.end, k.time.shape);
      },
      103);
}

TEST(FactKeyTest, PredicateTimeKeysSortAsPredicateTimeSubjectObject) {
  ExpectOrderMatches<TimeFirstTuple>(
      IndexOrder::kPredicateTime, /*stated_only=*/true,
      [](const FactKey& k) {
        return TimeFirstTuple(k.predicate, k.time.begin, k.time.end,
                              k.time.shape, k.subject, k.object);
      },
      104);
}

TEST(FactKeyTest, EntityTimeKeysSortAsEntityTimePredicateOtherRole) {
  using Tuple =
      std::tuple<uint64_t, int32_t, int32_t, uint8_t, uint64_t, uint64_t, int>;
  RandomKeys random(105);
  std::mt19937 pick(105);
  for (int i = 0; i < 20000; ++i) {
    const FactKey a = random.Key(/*stated=*/true);
    const FactKey b = i % 10 == 0 ? a : random.Key(/*stated=*/true);
    const auto role_a = static_cast<EntityRole>(pick() % 2);
    const auto role_b = static_cast<EntityRole>(pick() % 2);
    const auto tuple_of = [](const FactKey& k, EntityRole role) {
      const bool s = role == EntityRole::kSubject;
      return Tuple(s ? k.subject : k.object, k.time.begin, k.time.end,
                   k.time.shape, k.predicate, s ? k.object : k.subject,
                   static_cast<int>(role));
    };
    ASSERT_EQ(ByteOrder(EncodeEntityTimeKey(a, role_a),
                        EncodeEntityTimeKey(b, role_b)),
              TupleOrder(tuple_of(a, role_a), tuple_of(b, role_b)))
        << Render(a) << " vs " << Render(b);
  }
}

TEST(FactKeyTest, TripleAndPredicateTimeKeysRoundTrip) {
  RandomKeys random(106);
  for (int i = 0; i < 2000; ++i) {
    const FactKey key = random.Key(/*stated=*/true);
    for (IndexOrder order : {IndexOrder::kSpo, IndexOrder::kPos,
                             IndexOrder::kOsp, IndexOrder::kPredicateTime}) {
      FactKey decoded;
      ASSERT_TRUE(DecodeKey(order, EncodeKey(order, key), &decoded));
      ASSERT_EQ(decoded, key)
          << Render(key) << " in order " << static_cast<int>(order);
    }
  }
  const FactKey unstated{7, 8, 9, {}};
  FactKey decoded;
  ASSERT_TRUE(DecodeKey(IndexOrder::kOsp, EncodeKey(IndexOrder::kOsp, unstated),
                        &decoded));
  EXPECT_EQ(decoded, unstated);
}

TEST(FactKeyTest, EntityTimeKeysRoundTripForBothRoles) {
  const FactKey key{MakeTermId(TermKind::kEntity, 10),
                    MakeTermId(TermKind::kEntity, 20),
                    MakeTermId(TermKind::kEntity, 30),
                    EncodeTime(Time("2018-10-21..2018-11-04"))};
  for (EntityRole role : {EntityRole::kSubject, EntityRole::kObject}) {
    const std::string encoded = EncodeEntityTimeKey(key, role);
    std::string leading;
    PutFixed64(&leading,
               role == EntityRole::kSubject ? key.subject : key.object);
    EXPECT_EQ(encoded.substr(0, 8), leading);
    EXPECT_EQ(static_cast<int>(encoded.back()), static_cast<int>(role));
    FactKey decoded;
    EntityRole decoded_role = role == EntityRole::kSubject
                                  ? EntityRole::kObject
                                  : EntityRole::kSubject;
    ASSERT_TRUE(
        DecodeKey(IndexOrder::kEntityTime, encoded, &decoded, &decoded_role));
    EXPECT_EQ(decoded, key) << Render(decoded);
    EXPECT_EQ(decoded_role, role);
    // The role is optional for the caller.
    ASSERT_TRUE(DecodeKey(IndexOrder::kEntityTime, encoded, &decoded));
    EXPECT_EQ(decoded, key);
  }
  // EncodeKey(kEntityTime) is the subject-role key.
  EXPECT_EQ(EncodeKey(IndexOrder::kEntityTime, key),
            EncodeEntityTimeKey(key, EntityRole::kSubject));
}

// A loop reuses one buffer for keys of every order: each key replaces what
// the buffer held, whatever its size.
TEST(FactKeyTest, EncodingIntoABufferReplacesWhatItHeld) {
  RandomKeys random(107);
  std::string buffer = "left over from something longer than any key";
  for (int i = 0; i < 200; ++i) {
    const FactKey key = random.Key(/*stated=*/true);
    for (IndexOrder order :
         {IndexOrder::kEntityTime, IndexOrder::kSpo, IndexOrder::kPos,
          IndexOrder::kOsp, IndexOrder::kPredicateTime}) {
      EncodeKeyTo(order, key, &buffer);
      ASSERT_EQ(buffer, EncodeKey(order, key));
    }
    for (EntityRole role : {EntityRole::kObject, EntityRole::kSubject}) {
      EncodeEntityTimeKeyTo(key, role, &buffer);
      ASSERT_EQ(buffer, EncodeEntityTimeKey(key, role));
    }
  }
}

TEST(FactKeyTest, DecodeKeyRejectsWrongSizes) {
  const FactKey key{1, 2, 3, EncodeTime(Time("2014"))};
  const std::string triple = EncodeKey(IndexOrder::kSpo, key);
  const std::string entity = EncodeEntityTimeKey(key, EntityRole::kSubject);
  FactKey decoded;
  for (IndexOrder order : {IndexOrder::kSpo, IndexOrder::kPos, IndexOrder::kOsp,
                           IndexOrder::kPredicateTime}) {
    EXPECT_FALSE(DecodeKey(order, "", &decoded));
    EXPECT_FALSE(DecodeKey(order, triple.substr(0, 32), &decoded));
    EXPECT_FALSE(DecodeKey(order, triple + "x", &decoded));
    EXPECT_FALSE(DecodeKey(order, entity, &decoded));
  }
  EXPECT_FALSE(DecodeKey(IndexOrder::kEntityTime, triple, &decoded));
  EXPECT_FALSE(DecodeKey(IndexOrder::kEntityTime, entity + "x", &decoded));
  EXPECT_FALSE(DecodeKey(IndexOrder::kEntityTime, "", &decoded));
}

TEST(FactKeyTest, DecodeKeyRejectsABadRoleByte) {
  const FactKey key{1, 2, 3, EncodeTime(Time("2014"))};
  FactKey decoded;
  for (char role : {'\x02', '\x7F', '\xFF'}) {
    std::string encoded = EncodeEntityTimeKey(key, EntityRole::kObject);
    encoded.back() = role;
    EXPECT_FALSE(DecodeKey(IndexOrder::kEntityTime, encoded, &decoded))
        << static_cast<int>(static_cast<uint8_t>(role));
  }
}

}  // namespace
}  // namespace almanac
