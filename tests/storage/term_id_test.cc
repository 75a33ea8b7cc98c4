// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/term_id.h"

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "almanac/date.h"
#include "almanac/term.h"
#include "gtest/gtest.h"

namespace almanac {
namespace {

Term IntegerTerm(int64_t value) { return *Term::Integer(value); }

Term DateTerm(const char* text) { return Term::DateValue(*Date::Parse(text)); }

// "kind:payload" of an inline term's id, or "none" for dictionary kinds.
std::string IdOf(const Term& term) {
  const std::optional<TermId> id = InlineTermId(term);
  if (!id) return "none";
  return std::string(TermKindName(KindOfTermId(*id))) + ":" +
         std::to_string(PayloadOfTermId(*id));
}

// Encodes `term` and decodes it back, rendered as the query language writes
// it with its kind.
std::string RoundTrip(const Term& term) {
  const std::optional<TermId> id = InlineTermId(term);
  if (!id) return "no inline id";
  const Term back = DecodeInlineTerm(*id);
  return std::string(TermKindName(back.kind())) + " " + back.ToString();
}

TEST(TermIdTest, IntegersRoundTrip) {
  EXPECT_EQ(RoundTrip(IntegerTerm(0)), "integer 0");
  EXPECT_EQ(RoundTrip(IntegerTerm(-1)), "integer -1");
  EXPECT_EQ(RoundTrip(IntegerTerm(10000)), "integer 10000");
  EXPECT_EQ(RoundTrip(IntegerTerm(Term::kMinInteger)),
            "integer " + std::to_string(Term::kMinInteger));
  EXPECT_EQ(RoundTrip(IntegerTerm(Term::kMaxInteger)),
            "integer " + std::to_string(Term::kMaxInteger));
}

TEST(TermIdTest, IntegerPayloadIsBiased) {
  EXPECT_EQ(IdOf(IntegerTerm(Term::kMinInteger)), "integer:0");
  EXPECT_EQ(IdOf(IntegerTerm(0)),
            "integer:" + std::to_string(uint64_t{1} << 59));
  EXPECT_EQ(IdOf(IntegerTerm(Term::kMaxInteger)),
            "integer:" + std::to_string((uint64_t{1} << 60) - 1));
}

TEST(TermIdTest, BooleansRoundTrip) {
  EXPECT_EQ(IdOf(Term::Boolean(false)), "boolean:0");
  EXPECT_EQ(IdOf(Term::Boolean(true)), "boolean:1");
  EXPECT_EQ(RoundTrip(Term::Boolean(false)), "boolean false");
  EXPECT_EQ(RoundTrip(Term::Boolean(true)), "boolean true");
}

TEST(TermIdTest, DatesOfEveryPrecisionRoundTrip) {
  for (const char* text :
       {"0001", "0001-01", "0001-01-01", "1969", "1969-12", "1969-12-31",
        "1970-01-01", "2000-02-29", "2014", "2014-03", "2014-03-07", "9999",
        "9999-12", "9999-12-31"}) {
    EXPECT_EQ(RoundTrip(DateTerm(text)), std::string("date ") + text);
    EXPECT_TRUE(DecodeInlineTerm(*InlineTermId(DateTerm(text))) ==
                DateTerm(text))
        << text;
  }
}

TEST(TermIdTest, DatePrecisionIsPartOfTheId) {
  // 2014, 2014-01 and 2014-01-01 begin on the same day but are different
  // terms.
  const TermId year = *InlineTermId(DateTerm("2014"));
  const TermId month = *InlineTermId(DateTerm("2014-01"));
  const TermId day = *InlineTermId(DateTerm("2014-01-01"));
  EXPECT_EQ(PayloadOfTermId(year) >> 2, PayloadOfTermId(day) >> 2);
  EXPECT_EQ(PayloadOfTermId(year) & 3, 1u);
  EXPECT_EQ(PayloadOfTermId(month) & 3, 2u);
  EXPECT_EQ(PayloadOfTermId(day) & 3, 3u);
  EXPECT_LT(year, month);
  EXPECT_LT(month, day);
}

TEST(TermIdTest, KindIsInTheTopFourBits) {
  const std::vector<Term> terms = {
      IntegerTerm(Term::kMinInteger), IntegerTerm(Term::kMaxInteger),
      Term::Boolean(true), DateTerm("9999-12-31"), DateTerm("0001")};
  for (const Term& term : terms) {
    const TermId id = *InlineTermId(term);
    EXPECT_EQ(static_cast<int>(id >> 60), static_cast<int>(term.kind()))
        << term.ToString();
    EXPECT_EQ(KindOfTermId(id), term.kind());
    EXPECT_NE(id, 0u);
  }
  EXPECT_EQ(MakeTermId(TermKind::kEntity, 5), (uint64_t{1} << 60) | 5);
  EXPECT_EQ(KindOfTermId(MakeTermId(TermKind::kDecimal, kTermPayloadMask)),
            TermKind::kDecimal);
  EXPECT_EQ(PayloadOfTermId(MakeTermId(TermKind::kString, 42)), 42u);
}

TEST(TermIdTest, DictionaryKindsHaveNoInlineId) {
  EXPECT_EQ(IdOf(Term::Entity("Russia")), "none");
  EXPECT_EQ(IdOf(Term::String("hello")), "none");
  EXPECT_EQ(IdOf(*Term::Decimal("-12.50")), "none");
  EXPECT_FALSE(IsInlineKind(TermKind::kEntity));
  EXPECT_FALSE(IsInlineKind(TermKind::kString));
  EXPECT_FALSE(IsInlineKind(TermKind::kDecimal));
  EXPECT_TRUE(IsInlineKind(TermKind::kInteger));
  EXPECT_TRUE(IsInlineKind(TermKind::kBoolean));
  EXPECT_TRUE(IsInlineKind(TermKind::kDate));
}

TEST(TermIdTest, IntegerIdOrderIsValueOrder) {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int64_t> any(Term::kMinInteger,
                                             Term::kMaxInteger);
  std::uniform_int_distribution<int64_t> small(-1000, 1000);
  for (int i = 0; i < 20000; ++i) {
    const int64_t a = i % 3 == 0 ? small(random) : any(random);
    const int64_t b = i % 3 == 0 ? small(random) : any(random);
    const TermId id_a = *InlineTermId(IntegerTerm(a));
    const TermId id_b = *InlineTermId(IntegerTerm(b));
    ASSERT_EQ(id_a < id_b, a < b) << a << " vs " << b;
    ASSERT_EQ(id_a == id_b, a == b) << a << " vs " << b;
  }
}

TEST(TermIdTest, DayDateIdOrderIsDayOrder) {
  const int32_t first = Date::Parse("0001-01-01")->days().begin;
  const int32_t last = Date::Parse("9999-12-31")->days().begin;
  std::mt19937 random(7);
  std::uniform_int_distribution<int32_t> any_day(first, last);
  std::uniform_int_distribution<int32_t> near(-400, 400);
  for (int i = 0; i < 20000; ++i) {
    const int32_t a = any_day(random);
    // Half the pairs are close together, across the 1970 epoch too.
    const int32_t b = i % 2 == 0 ? any_day(random) : near(random);
    const TermId id_a = *InlineTermId(Term::DateValue(Date::FromDayNumber(a)));
    const TermId id_b = *InlineTermId(Term::DateValue(Date::FromDayNumber(b)));
    ASSERT_EQ(id_a < id_b, a < b) << a << " vs " << b;
    ASSERT_EQ(id_a == id_b, a == b) << a << " vs " << b;
    ASSERT_EQ(DecodeInlineTerm(id_a).date().days().begin, a);
  }
}

}  // namespace
}  // namespace almanac
