// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Dates and valid times. A date keeps the precision it was written with: 2014
// is a year, 2014-03 a month, 2014-03-07 a day, and each stands for the whole
// interval of days it covers. Comparisons follow that meaning: the year 1999
// contains 1999-06-01 and is neither before nor after it. docs/time.md has the
// full semantics.
//
// Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
// calendar. A DayRange is half-open: [begin, end).
//
// Example:
//   ASSIGN_OR_RETURN(ValidTime t, ValidTime::Parse("2018-10-21..2018-11-04"));
//   t.ToString();              // "2018-10-21..2018-11-04"
//   t.days().end - t.days().begin;  // 15

#ifndef ALMANAC_DATE_H_
#define ALMANAC_DATE_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace almanac {

// How precisely a date was written. The values reach the disk: DO NOT CHANGE.
enum class DatePrecision : uint8_t {
  kYear = 1,
  kMonth = 2,
  kDay = 3,
};

// A half-open interval of day numbers. An open end is kOpenBegin / kOpenEnd.
struct DayRange {
  static constexpr int32_t kOpenBegin = std::numeric_limits<int32_t>::min();
  static constexpr int32_t kOpenEnd = std::numeric_limits<int32_t>::max();

  int32_t begin = kOpenBegin;  // First day covered (included).
  int32_t end = kOpenEnd;      // First day after the range (not included).

  bool operator==(const DayRange&) const = default;
};

// Allen-style relations between two ranges, as the query language names them.
enum class TimeRelation {
  kBefore,    // a ends on or before the day b begins: a.end <= b.begin
  kAfter,     // a begins on or after the day b ends: a.begin >= b.end
  kDuring,    // a lies within b: b.begin <= a.begin && a.end <= b.end
  kContains,  // b lies within a
  kOverlaps,  // a and b share at least one day
  kEquals,    // the same days
};

// Returns whether `relation` holds between `a` and `b`. Open ends behave as
// minus and plus infinity.
bool Holds(TimeRelation relation, DayRange a, DayRange b);

// A calendar date of year, month or day precision, years 1 to 9999.
class Date {
 public:
  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (exactly four year digits, two
  // month and day digits). Returns InvalidArgument naming the problem
  // (`month 13 is out of range in "2014-13"`,
  // `"2023-02-29" is not a day: 2023 is not a leap year`) otherwise.
  static absl::StatusOr<Date> Parse(std::string_view text);

  // Returns the date of the given precision; fields finer than `precision`
  // are ignored. Returns InvalidArgument when a field is out of range.
  static absl::StatusOr<Date> FromParts(int year, int month, int day,
                                        DatePrecision precision);

  // Returns the day-precision date of day number `day_number`.
  // REQUIRES: the day lies in years 1 to 9999.
  static Date FromDayNumber(int32_t day_number) {
    return Date(day_number, DatePrecision::kDay);
  }

  // Returns the date of `precision` that begins on day `day_number`.
  // Returns InvalidArgument when none does: the day is not the first of its
  // month (month precision) or of its year (year precision), or lies
  // outside years 1 to 9999.
  static absl::StatusOr<Date> BeginningOn(int32_t day_number,
                                          DatePrecision precision);

  // Returns the date of `precision` that ends on day `day_number`, with
  // errors as BeginningOn's: the day must be the last of its month or year.
  static absl::StatusOr<Date> EndingOn(int32_t day_number,
                                       DatePrecision precision);

  int year() const;
  int month() const;  // 1 for a year-precision date.
  int day() const;    // 1 for a year- or month-precision date.
  DatePrecision precision() const { return precision_; }

  // The days this date covers: a year covers 365 or 366 days.
  DayRange days() const;
  // The day number of the first of them, days().begin, found without
  // turning it into a year and month.
  int32_t first_day() const { return first_day_; }

  // Returns the text Parse() accepts: "2014", "2014-03" or "2014-03-07".
  std::string ToString() const;

  bool operator==(const Date&) const = default;

 private:
  Date(int32_t first_day, DatePrecision precision)
      : first_day_(first_day), precision_(precision) {}

  int32_t first_day_;  // Day number of the first day covered.
  DatePrecision precision_;
};

// When a fact holds: not stated, at one date (which may itself be a year or a
// month), or over an interval from one date to another, inclusive of both,
// either end of which may be open ("2003.." is "since 2003").
class ValidTime {
 public:
  // No time stated.
  ValidTime() = default;

  // At `date`: the days the date covers.
  static ValidTime At(Date date);

  // From `from` to `to`, both included; std::nullopt is an open end. Returns
  // InvalidArgument when `from` begins after `to` ends, or both are open.
  static absl::StatusOr<ValidTime> Between(std::optional<Date> from,
                                           std::optional<Date> to);

  // Parses "" (no time), "DATE", "DATE..DATE", "DATE.." and "..DATE", with
  // optional spaces around "..". Errors are InvalidArgument with a reason.
  static absl::StatusOr<ValidTime> Parse(std::string_view text);

  bool is_stated() const { return shape_ != Shape::kNone; }
  bool is_interval() const { return shape_ == Shape::kInterval; }

  // The first and last dates as written. For At(d) both are d; an open end
  // of an interval is std::nullopt; both are std::nullopt when not stated.
  const std::optional<Date>& from() const { return from_; }
  const std::optional<Date>& to() const { return to_; }

  // The days covered: from the first day of from() to the last day of to().
  // REQUIRES: is_stated().
  DayRange days() const;

  // Returns the text Parse() accepts; "" when not stated.
  std::string ToString() const;

  bool operator==(const ValidTime&) const = default;

 private:
  enum class Shape : uint8_t { kNone, kInstant, kInterval };
  Shape shape_ = Shape::kNone;
  std::optional<Date> from_;
  std::optional<Date> to_;
};

}  // namespace almanac

#endif  // ALMANAC_DATE_H_
