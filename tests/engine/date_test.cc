// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/date.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;

constexpr int32_t kFirstDay = -719162;  // 0001-01-01
constexpr int32_t kLastDay = 2932896;   // 9999-12-31

Date ParseDate(std::string_view text) {
  absl::StatusOr<Date> date = Date::Parse(text);
  EXPECT_TRUE(date.ok()) << text << ": " << date.status();
  return date.ok() ? *date : Date::FromDayNumber(0);
}

// Renders a day range as "[first day, day after)", open ends as "-inf" and
// "+inf".
std::string Render(DayRange range) {
  const std::string begin = range.begin == DayRange::kOpenBegin
                                ? "-inf"
                                : Date::FromDayNumber(range.begin).ToString();
  const std::string end = range.end == DayRange::kOpenEnd
                              ? "+inf"
                              : Date::FromDayNumber(range.end).ToString();
  return "[" + begin + ", " + end + ")";
}

// Returns the days of `text` parsed as a valid time, rendered.
std::string DaysOf(std::string_view text) {
  absl::StatusOr<ValidTime> time = ValidTime::Parse(text);
  EXPECT_TRUE(time.ok()) << text << ": " << time.status();
  return time.ok() ? Render(time->days()) : "error";
}

// Returns the relations that hold from valid time `a` to valid time `b`, in
// the order BEFORE AFTER DURING CONTAINS OVERLAPS EQUALS.
std::string Relations(std::string_view a, std::string_view b) {
  absl::StatusOr<ValidTime> time_a = ValidTime::Parse(a);
  absl::StatusOr<ValidTime> time_b = ValidTime::Parse(b);
  EXPECT_TRUE(time_a.ok()) << a << ": " << time_a.status();
  EXPECT_TRUE(time_b.ok()) << b << ": " << time_b.status();
  if (!time_a.ok() || !time_b.ok()) return "error";
  static constexpr std::pair<TimeRelation, std::string_view> kNames[] = {
      {TimeRelation::kBefore, "BEFORE"},
      {TimeRelation::kAfter, "AFTER"},
      {TimeRelation::kDuring, "DURING"},
      {TimeRelation::kContains, "CONTAINS"},
      {TimeRelation::kOverlaps, "OVERLAPS"},
      {TimeRelation::kEquals, "EQUALS"}};
  std::string holding;
  for (const auto& [relation, name] : kNames) {
    if (!Holds(relation, time_a->days(), time_b->days())) continue;
    if (!holding.empty()) holding += " ";
    holding += name;
  }
  return holding;
}

// Returns the message of the error `text` gives, or "OK".
std::string DateError(std::string_view text) {
  absl::Status status = Date::Parse(text).status();
  if (status.ok()) return "OK";
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
  return std::string(status.message());
}

std::string TimeError(std::string_view text) {
  absl::Status status = ValidTime::Parse(text).status();
  if (status.ok()) return "OK";
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << text;
  return std::string(status.message());
}

TEST(DateTest, ParseAndToStringRoundTrip) {
  for (std::string_view text :
       {"0001", "0999", "1970", "1999", "2014", "9999", "0001-01", "1900-02",
        "2014-03", "2014-12", "9999-12", "0001-01-01", "1899-12-31",
        "1970-01-01", "2000-02-29", "2014-03-07", "2018-10-21", "2024-02-29",
        "9999-12-31"}) {
    EXPECT_EQ(ParseDate(text).ToString(), text);
  }
}

TEST(DateTest, KeepsThePrecisionItWasWrittenWith) {
  EXPECT_EQ(ParseDate("2014").precision(), DatePrecision::kYear);
  EXPECT_EQ(ParseDate("2014-03").precision(), DatePrecision::kMonth);
  EXPECT_EQ(ParseDate("2014-03-07").precision(), DatePrecision::kDay);
  EXPECT_NE(ParseDate("2014"), ParseDate("2014-01"));
  EXPECT_NE(ParseDate("2014-01"), ParseDate("2014-01-01"));
  EXPECT_EQ(ParseDate("2014-01-01"), Date::FromDayNumber(16071));
}

TEST(DateTest, Fields) {
  const Date year = ParseDate("2014");
  EXPECT_EQ(year.year(), 2014);
  EXPECT_EQ(year.month(), 1);
  EXPECT_EQ(year.day(), 1);
  const Date month = ParseDate("2014-03");
  EXPECT_EQ(month.month(), 3);
  EXPECT_EQ(month.day(), 1);
  const Date day = ParseDate("2014-03-07");
  EXPECT_EQ(day.year(), 2014);
  EXPECT_EQ(day.month(), 3);
  EXPECT_EQ(day.day(), 7);
}

TEST(DateTest, DayNumbersOfKnownDates) {
  EXPECT_EQ(ParseDate("1970-01-01").days().begin, 0);
  EXPECT_EQ(ParseDate("1969-12-31").days().begin, -1);
  EXPECT_EQ(ParseDate("2000-03-01").days().begin, 11017);
  EXPECT_EQ(ParseDate("0001-01-01").days().begin, kFirstDay);
  EXPECT_EQ(ParseDate("9999-12-31").days().begin, kLastDay);
  EXPECT_EQ(Date::FromDayNumber(kFirstDay).ToString(), "0001-01-01");
  EXPECT_EQ(Date::FromDayNumber(kLastDay).ToString(), "9999-12-31");
  EXPECT_EQ(Date::FromDayNumber(11016).ToString(), "2000-02-29");
}

TEST(DateTest, DaysOfEachPrecision) {
  EXPECT_EQ(Render(ParseDate("2014").days()), "[2014-01-01, 2015-01-01)");
  EXPECT_EQ(Render(ParseDate("2014-03").days()), "[2014-03-01, 2014-04-01)");
  EXPECT_EQ(Render(ParseDate("2014-12").days()), "[2014-12-01, 2015-01-01)");
  EXPECT_EQ(Render(ParseDate("2014-03-07").days()), "[2014-03-07, 2014-03-08)");
  EXPECT_EQ(Render(ParseDate("2014-12-31").days()), "[2014-12-31, 2015-01-01)");
  EXPECT_EQ(ParseDate("9999").days().end, kLastDay + 1);
  EXPECT_EQ(ParseDate("9999-12").days().end, kLastDay + 1);
}

TEST(DateTest, LeapYears) {
  auto length = [](std::string_view text) {
    DayRange days = ParseDate(text).days();
    return days.end - days.begin;
  };
  EXPECT_EQ(length("1900"), 365);
  EXPECT_EQ(length("2000"), 366);
  EXPECT_EQ(length("2023"), 365);
  EXPECT_EQ(length("2024"), 366);
  EXPECT_EQ(length("1900-02"), 28);
  EXPECT_EQ(length("2000-02"), 29);
  EXPECT_EQ(length("2024-02"), 29);
  EXPECT_EQ(DateError("2000-02-29"), "OK");
  EXPECT_EQ(DateError("2024-02-29"), "OK");
  EXPECT_EQ(DateError("1900-02-29"),
            "\"1900-02-29\" is not a day: 1900 is not a leap year");
  EXPECT_EQ(DateError("2023-02-29"),
            "\"2023-02-29\" is not a day: 2023 is not a leap year");
}

TEST(DateTest, RejectsMalformedText) {
  const std::string_view kShape = "expected a date like 2014, 2014-03 or";
  EXPECT_THAT(DateError(""), HasSubstr(kShape));
  EXPECT_THAT(DateError("abc"), HasSubstr("got \"abc\""));
  EXPECT_THAT(DateError("14"), HasSubstr(kShape));
  EXPECT_THAT(DateError("20145"), HasSubstr(kShape));
  EXPECT_THAT(DateError("2014-3"), HasSubstr(kShape));
  EXPECT_THAT(DateError("2014-03-7"), HasSubstr(kShape));
  EXPECT_THAT(DateError("2014/03/07"), HasSubstr(kShape));
  EXPECT_THAT(DateError(" 2014"), HasSubstr(kShape));
  EXPECT_THAT(DateError("2014-03-07T00"), HasSubstr(kShape));
  EXPECT_THAT(DateError("-014"), HasSubstr(kShape));
  EXPECT_THAT(DateError("0000"), HasSubstr("year 0 is out of range in"));
  EXPECT_EQ(DateError("2014-13"), "month 13 is out of range in \"2014-13\"");
  EXPECT_EQ(DateError("2014-00-01"),
            "month 0 is out of range in \"2014-00-01\"");
  EXPECT_EQ(DateError("2014-01-32"),
            "day 32 is out of range in \"2014-01-32\"");
  EXPECT_EQ(DateError("2014-01-00"), "day 0 is out of range in \"2014-01-00\"");
  EXPECT_EQ(DateError("2014-04-31"),
            "\"2014-04-31\" is not a day: April 2014 has 30 days");
}

TEST(DateTest, FromPartsValidatesAndIgnoresFinerFields) {
  absl::StatusOr<Date> year =
      Date::FromParts(2014, 99, 99, DatePrecision::kYear);
  ASSERT_OK(StatusOf(year));
  EXPECT_EQ(year->ToString(), "2014");
  absl::StatusOr<Date> month =
      Date::FromParts(2014, 3, 99, DatePrecision::kMonth);
  ASSERT_OK(StatusOf(month));
  EXPECT_EQ(month->ToString(), "2014-03");
  absl::StatusOr<Date> day = Date::FromParts(2014, 3, 7, DatePrecision::kDay);
  ASSERT_OK(StatusOf(day));
  EXPECT_EQ(*day, ParseDate("2014-03-07"));

  EXPECT_THAT(Date::FromParts(0, 1, 1, DatePrecision::kYear).status().message(),
              HasSubstr("year 0 is out of range"));
  EXPECT_THAT(
      Date::FromParts(10000, 1, 1, DatePrecision::kYear).status().message(),
      HasSubstr("year 10000 is out of range"));
  EXPECT_THAT(
      Date::FromParts(2014, 13, 1, DatePrecision::kMonth).status().message(),
      HasSubstr("month 13 is out of range"));
  EXPECT_THAT(
      Date::FromParts(2023, 2, 29, DatePrecision::kDay).status().message(),
      HasSubstr("2023 is not a leap year"));
}

TEST(DateTest, BeginningOn) {
  EXPECT_EQ(
      *Date::BeginningOn(ParseDate("2014").days().begin, DatePrecision::kYear),
      ParseDate("2014"));
  EXPECT_EQ(*Date::BeginningOn(ParseDate("2014-03").days().begin,
                               DatePrecision::kMonth),
            ParseDate("2014-03"));
  EXPECT_EQ(*Date::BeginningOn(ParseDate("2014-03-07").days().begin,
                               DatePrecision::kDay),
            ParseDate("2014-03-07"));
  EXPECT_EQ(*Date::BeginningOn(kFirstDay, DatePrecision::kYear),
            ParseDate("0001"));
  EXPECT_EQ(*Date::BeginningOn(kLastDay, DatePrecision::kDay),
            ParseDate("9999-12-31"));
  EXPECT_THAT(
      Date::BeginningOn(ParseDate("2014-03").days().begin, DatePrecision::kYear)
          .status()
          .message(),
      HasSubstr("no year begins on 2014-03-01"));
  EXPECT_THAT(Date::BeginningOn(ParseDate("2014-03-07").days().begin,
                                DatePrecision::kMonth)
                  .status()
                  .message(),
              HasSubstr("no month begins on 2014-03-07"));
  EXPECT_THAT(
      Date::BeginningOn(kFirstDay - 1, DatePrecision::kDay).status().message(),
      HasSubstr("outside years 1 to 9999"));
  EXPECT_FALSE(Date::BeginningOn(kLastDay + 1, DatePrecision::kDay).ok());
}

TEST(DateTest, EndingOn) {
  EXPECT_EQ(
      *Date::EndingOn(ParseDate("2016").days().end - 1, DatePrecision::kYear),
      ParseDate("2016"));
  EXPECT_EQ(*Date::EndingOn(ParseDate("2016-02").days().end - 1,
                            DatePrecision::kMonth),
            ParseDate("2016-02"));
  EXPECT_EQ(*Date::EndingOn(ParseDate("2015-02").days().end - 1,
                            DatePrecision::kMonth),
            ParseDate("2015-02"));
  EXPECT_EQ(*Date::EndingOn(ParseDate("2014-03-07").days().begin,
                            DatePrecision::kDay),
            ParseDate("2014-03-07"));
  EXPECT_EQ(*Date::EndingOn(kLastDay, DatePrecision::kYear), ParseDate("9999"));
  EXPECT_EQ(*Date::EndingOn(kFirstDay, DatePrecision::kDay),
            ParseDate("0001-01-01"));
  EXPECT_THAT(
      Date::EndingOn(ParseDate("2014-11-30").days().begin, DatePrecision::kYear)
          .status()
          .message(),
      HasSubstr("no year ends on 2014-11-30"));
  EXPECT_THAT(Date::EndingOn(ParseDate("2016-02-28").days().begin,
                             DatePrecision::kMonth)
                  .status()
                  .message(),
              HasSubstr("no month ends on 2016-02-28"));
  EXPECT_THAT(
      Date::EndingOn(kLastDay + 1, DatePrecision::kMonth).status().message(),
      HasSubstr("outside years 1 to 9999"));
  EXPECT_FALSE(Date::EndingOn(kFirstDay - 1, DatePrecision::kDay).ok());
}

TEST(DateTest, EveryMonthAndYearEndsWhereItsDaysEnd) {
  for (int year : {1, 1900, 2000, 2023, 2024, 9999}) {
    const Date whole_year = *Date::FromParts(year, 1, 1, DatePrecision::kYear);
    EXPECT_EQ(*Date::EndingOn(whole_year.days().end - 1, DatePrecision::kYear),
              whole_year);
    for (int month = 1; month <= 12; ++month) {
      const Date date = *Date::FromParts(year, month, 1, DatePrecision::kMonth);
      EXPECT_EQ(*Date::EndingOn(date.days().end - 1, DatePrecision::kMonth),
                date)
          << date.ToString();
      EXPECT_EQ(date.first_day(), date.days().begin);
    }
  }
}

TEST(DateTest, RandomDayNumbersRoundTrip) {
  std::mt19937 random(20260101);
  std::uniform_int_distribution<int32_t> any_day(kFirstDay, kLastDay);
  for (int i = 0; i < 100000; ++i) {
    const int32_t day = any_day(random);
    const Date date = Date::FromDayNumber(day);
    ASSERT_EQ(date.days().begin, day);
    ASSERT_EQ(date.days().end, day + 1);
    ASSERT_EQ(ParseDate(date.ToString()), date) << date.ToString();
    // The year and the month of the day contain it.
    const Date month =
        *Date::FromParts(date.year(), date.month(), 1, DatePrecision::kMonth);
    const Date year = *Date::FromParts(date.year(), 1, 1, DatePrecision::kYear);
    ASSERT_TRUE(Holds(TimeRelation::kContains, month.days(), date.days()));
    ASSERT_TRUE(Holds(TimeRelation::kContains, year.days(), month.days()));
  }
}

TEST(DateTest, ConsecutiveDaysAreConsecutiveDates) {
  // Walks every day of years 1 to 9999 and checks the calendar by hand.
  int year = 1, month = 1, day = 1;
  for (int32_t n = kFirstDay; n <= kLastDay; ++n) {
    const Date date = Date::FromDayNumber(n);
    ASSERT_EQ(date.year(), year);
    ASSERT_EQ(date.month(), month);
    ASSERT_EQ(date.day(), day);
    const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    const int month_length =
        month == 2
            ? (leap ? 29 : 28)
            : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
    if (++day > month_length) {
      day = 1;
      ++month;
    }
    if (month > 12) {
      month = 1;
      ++year;
    }
  }
  EXPECT_EQ(year, 10000);
}

TEST(DateTest, DayTextSortsLikeDayNumbers) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int32_t> any_day(kFirstDay, kLastDay);
  for (int i = 0; i < 100000; ++i) {
    const int32_t a = any_day(random);
    const int32_t b = any_day(random);
    const std::string text_a = Date::FromDayNumber(a).ToString();
    const std::string text_b = Date::FromDayNumber(b).ToString();
    ASSERT_EQ(a < b, text_a < text_b) << text_a << " " << text_b;
    ASSERT_EQ(a == b, text_a == text_b) << text_a << " " << text_b;
  }
}

TEST(ValidTimeTest, ParseAndToStringRoundTrip) {
  for (std::string_view text :
       {"", "2014", "2014-03", "2014-03-07", "2018-10-21..2018-11-04", "2003..",
        "..2001", "1999..2000-06", "2014-03..2014", "2014-03-07..2014-03-07"}) {
    absl::StatusOr<ValidTime> time = ValidTime::Parse(text);
    ASSERT_OK(StatusOf(time));
    EXPECT_EQ(time->ToString(), text);
  }
}

TEST(ValidTimeTest, Shapes) {
  ValidTime none = *ValidTime::Parse("");
  EXPECT_FALSE(none.is_stated());
  EXPECT_FALSE(none.from().has_value());
  EXPECT_FALSE(none.to().has_value());
  EXPECT_EQ(*ValidTime::Parse("   "), none);
  EXPECT_EQ(none, ValidTime());

  ValidTime at = *ValidTime::Parse("2014");
  EXPECT_TRUE(at.is_stated());
  EXPECT_FALSE(at.is_interval());
  EXPECT_EQ(at.from(), ParseDate("2014"));
  EXPECT_EQ(at.to(), ParseDate("2014"));
  EXPECT_EQ(at, ValidTime::At(ParseDate("2014")));

  ValidTime since = *ValidTime::Parse("2003..");
  EXPECT_TRUE(since.is_interval());
  EXPECT_EQ(since.from(), ParseDate("2003"));
  EXPECT_FALSE(since.to().has_value());

  // The same days, written differently, are different valid times.
  EXPECT_NE(*ValidTime::Parse("2014"),
            *ValidTime::Parse("2014-01-01..2014-12-31"));
  EXPECT_NE(*ValidTime::Parse("2014"), *ValidTime::Parse("2014..2014"));
}

TEST(ValidTimeTest, SpacesAroundTheDots) {
  EXPECT_EQ(ValidTime::Parse("2018-10-21 .. 2018-11-04")->ToString(),
            "2018-10-21..2018-11-04");
  EXPECT_EQ(ValidTime::Parse("2003 ..")->ToString(), "2003..");
  EXPECT_EQ(ValidTime::Parse(".. 2001")->ToString(), "..2001");
  EXPECT_EQ(ValidTime::Parse(" 2014 ")->ToString(), "2014");
}

TEST(ValidTimeTest, Days) {
  EXPECT_EQ(DaysOf("2014"), "[2014-01-01, 2015-01-01)");
  EXPECT_EQ(DaysOf("2018-10-21..2018-11-04"), "[2018-10-21, 2018-11-05)");
  EXPECT_EQ(DaysOf("2014-01-01..2014-12-31"), "[2014-01-01, 2015-01-01)");
  EXPECT_EQ(DaysOf("1999..2000-06"), "[1999-01-01, 2000-07-01)");
  EXPECT_EQ(DaysOf("2003.."), "[2003-01-01, +inf)");
  EXPECT_EQ(DaysOf("..2001"), "[-inf, 2002-01-01)");
  DayRange fortnight = ValidTime::Parse("2018-10-21..2018-11-04")->days();
  EXPECT_EQ(fortnight.end - fortnight.begin, 15);
}

TEST(ValidTimeTest, RejectsMalformedText) {
  EXPECT_THAT(TimeError(".."), HasSubstr("\"..\" alone is not a valid time"));
  EXPECT_THAT(TimeError(" .. "), HasSubstr("\"..\" alone"));
  EXPECT_THAT(TimeError("2015..2014"),
              HasSubstr("2015..2014 is empty: 2015 begins after 2014 ends"));
  EXPECT_THAT(TimeError("2014-03-08..2014-03-07"), HasSubstr("is empty"));
  EXPECT_THAT(TimeError("2014-13..2015"),
              HasSubstr("month 13 is out of range in \"2014-13\""));
  EXPECT_THAT(TimeError("2014..2015-02-29"),
              HasSubstr("2015 is not a leap year"));
  EXPECT_THAT(TimeError("abc"), HasSubstr("got \"abc\""));
  EXPECT_THAT(TimeError("2014...2015"), HasSubstr("expected a valid time"));
  EXPECT_THAT(TimeError("2014..2015..2016"),
              HasSubstr("expected a valid time"));
  EXPECT_THAT(TimeError("2014.2015"), HasSubstr("expected a date"));
}

TEST(ValidTimeTest, Between) {
  const Date y2014 = ParseDate("2014");
  const Date march = ParseDate("2014-03");
  EXPECT_OK(StatusOf(ValidTime::Between(y2014, y2014)));
  EXPECT_OK(StatusOf(ValidTime::Between(march, y2014)));
  EXPECT_OK(StatusOf(ValidTime::Between(y2014, march)));
  EXPECT_OK(StatusOf(ValidTime::Between(std::nullopt, march)));
  EXPECT_OK(StatusOf(ValidTime::Between(march, std::nullopt)));
  EXPECT_OK(StatusOf(ValidTime::Between(ParseDate("2014-03-31"), march)));
  EXPECT_EQ(ValidTime::Between(ParseDate("2014-04-01"), march).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ValidTime::Between(std::nullopt, std::nullopt).status().message(),
              HasSubstr("at least one end"));
}

TEST(RelationTest, DatesOfDifferentPrecision) {
  EXPECT_EQ(Relations("1999", "1999-06-01"), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("1999-06-01", "1999"), "DURING OVERLAPS");
  EXPECT_EQ(Relations("1999-12", "1999"), "DURING OVERLAPS");
  EXPECT_EQ(Relations("1999", "2000"), "BEFORE");
  EXPECT_EQ(Relations("2000", "1999"), "AFTER");
  EXPECT_EQ(Relations("1999-12-31", "2000-01-01"), "BEFORE");
  EXPECT_EQ(Relations("1999", "2001"), "BEFORE");
  EXPECT_EQ(Relations("1999", "1999"), "DURING CONTAINS OVERLAPS EQUALS");
  EXPECT_EQ(Relations("2014", "2014-01-01..2014-12-31"),
            "DURING CONTAINS OVERLAPS EQUALS");
}

TEST(RelationTest, Intervals) {
  EXPECT_EQ(Relations("2018-10-21..2018-11-04", "2018-11"), "OVERLAPS");
  EXPECT_EQ(Relations("2018-10-21..2018-11-04", "2018-10"), "OVERLAPS");
  EXPECT_EQ(Relations("2018-10-21..2018-11-04", "2018-11-05"), "BEFORE");
  EXPECT_EQ(Relations("1998..2000", "1999"), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("1998..1999", "1999..2000"), "OVERLAPS");
}

TEST(RelationTest, OpenEnds) {
  EXPECT_EQ(Relations("2003..", "2010"), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("2003..", "2003-01-01"), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("2003..", "2002-12-31"), "AFTER");
  EXPECT_EQ(Relations("2003..", "2002"), "AFTER");
  EXPECT_EQ(Relations("2003..", "..2002"), "AFTER");
  EXPECT_EQ(Relations("2003..", "2005.."), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("2003..", "2003.."), "DURING CONTAINS OVERLAPS EQUALS");
  EXPECT_EQ(Relations("..2001", "2002"), "BEFORE");
  EXPECT_EQ(Relations("..2001", "2003.."), "BEFORE");
  EXPECT_EQ(Relations("..2001", "2001.."), "OVERLAPS");
  EXPECT_EQ(Relations("..2001", "1500"), "CONTAINS OVERLAPS");
  EXPECT_EQ(Relations("1500", "..2001"), "DURING OVERLAPS");
}

TEST(RelationTest, RelationsAreConsistent) {
  // Random ranges with small bounds, so that ends often coincide; a bound of
  // 0 stands for an open end.
  std::mt19937 random(42);
  std::uniform_int_distribution<int32_t> bound(0, 12);
  auto random_range = [&] {
    int32_t begin = bound(random), end = bound(random);
    if (begin > end) std::swap(begin, end);
    DayRange range{begin, end + 1};
    if (begin == 0) range.begin = DayRange::kOpenBegin;
    if (end == 0) range.end = DayRange::kOpenEnd;
    return range;
  };
  for (int i = 0; i < 20000; ++i) {
    const DayRange a = random_range(), b = random_range();
    const bool before = Holds(TimeRelation::kBefore, a, b);
    const bool after = Holds(TimeRelation::kAfter, a, b);
    const bool during = Holds(TimeRelation::kDuring, a, b);
    const bool contains = Holds(TimeRelation::kContains, a, b);
    const bool overlaps = Holds(TimeRelation::kOverlaps, a, b);
    const bool equals = Holds(TimeRelation::kEquals, a, b);
    ASSERT_EQ(before, Holds(TimeRelation::kAfter, b, a));
    ASSERT_EQ(during, Holds(TimeRelation::kContains, b, a));
    ASSERT_EQ(overlaps, Holds(TimeRelation::kOverlaps, b, a));
    ASSERT_EQ(equals, during && contains);
    ASSERT_EQ(before + after + overlaps, 1) << Render(a) << Render(b);
    ASSERT_TRUE(overlaps || !(during || contains));
  }
}

}  // namespace
}  // namespace almanac
