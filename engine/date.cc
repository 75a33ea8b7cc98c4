// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Day numbers and the Gregorian calendar. The conversions between a (year,
// month, day) and a day number follow Howard Hinnant's days_from_civil and
// civil_from_days ("chrono-Compatible Low-Level Date Algorithms"): they count
// in years that begin on March 1, so that the leap day is the last day of its
// year, and in eras of 400 years, which all have exactly 146097 days.

#include "almanac/date.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

// 400 years of 365 days, plus 97 leap days.
constexpr int64_t kDaysPerEra = 146097;
// The days from 0000-03-01 to 1970-01-01.
constexpr int64_t kEpochFromMarchOfYear0 = 719468;

struct CivilDay {
  int year;
  int month;
  int day;
};

bool IsLeapYear(int year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::string_view MonthName(int month) {
  static constexpr std::string_view kNames[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  return kNames[month - 1];
}

// Floor division, so that the conversions also compute something sensible
// for days before year 0 (which FromDayNumber's REQUIRES rules out anyway).
constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return (a >= 0 ? a : a - (b - 1)) / b;
}

// The number of days before `month` in a year that begins on March 1:
// March 0, April 31, ..., February 337. `month_from_march` is 0 for March.
constexpr int64_t DaysBeforeMonthFromMarch(int64_t month_from_march) {
  // The month lengths from March repeat 31 30 31 30 31 in blocks of five
  // months (153 days); this expression reproduces their running sum.
  return (153 * month_from_march + 2) / 5;
}

// days_from_civil. REQUIRES: a valid date.
constexpr int64_t DayNumberOf(int year, int month, int day) {
  const int64_t march_year = month <= 2 ? year - 1 : year;
  const int64_t era = FloorDiv(march_year, 400);
  const int64_t year_of_era = march_year - era * 400;  // [0, 399]
  const int64_t month_from_march = (month + 9) % 12;   // March 0 ... Feb 11
  const int64_t day_of_year =
      DaysBeforeMonthFromMarch(month_from_march) + day - 1;  // [0, 365]
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
                             year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * kDaysPerEra + day_of_era - kEpochFromMarchOfYear0;
}

// The first and last days of the years Almanac knows, 0001-01-01 and
// 9999-12-31.
constexpr int64_t kFirstDayNumber = DayNumberOf(kMinYear, 1, 1);
constexpr int64_t kLastDayNumber = DayNumberOf(kMaxYear, 12, 31);

// civil_from_days: the inverse of DayNumberOf.
CivilDay CivilDayOf(int64_t day_number) {
  const int64_t days = day_number + kEpochFromMarchOfYear0;
  const int64_t era = FloorDiv(days, kDaysPerEra);
  const int64_t day_of_era = days - era * kDaysPerEra;  // [0, 146096]
  // Undo the leap days (one every 4 years, none every 100, one every 400)
  // before dividing by 365; the last day of an era is its own special case.
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;  // [0, 399]
  const int64_t day_of_year =
      day_of_era - (year_of_era * 365 + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;  // [0, 11]
  const int day = static_cast<int>(
      day_of_year - DaysBeforeMonthFromMarch(month_from_march) + 1);
  const int month = static_cast<int>(
      month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int year =
      static_cast<int>(era * 400 + year_of_era + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::string Format(int year, int month, int day, DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kYear:
      return absl::StrFormat("%04d", year);
    case DatePrecision::kMonth:
      return absl::StrFormat("%04d-%02d", year, month);
    case DatePrecision::kDay:
      return absl::StrFormat("%04d-%02d-%02d", year, month, day);
  }
  return "";
}

// Returns OK when the fields that `precision` uses make a date. `written` is
// the date as the user wrote it, for the message.
absl::Status CheckParts(int year, int month, int day, DatePrecision precision,
                        std::string_view written) {
  if (year < kMinYear || year > kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrFormat("year %d is out of range in \"%s\": years run from "
                        "%d to %d",
                        year, written, kMinYear, kMaxYear));
  }
  if (precision == DatePrecision::kYear) return absl::OkStatus();
  if (month < 1 || month > 12) {
    return absl::InvalidArgumentError(
        absl::StrFormat("month %d is out of range in \"%s\"", month, written));
  }
  if (precision == DatePrecision::kMonth) return absl::OkStatus();
  if (day < 1 || day > 31) {
    return absl::InvalidArgumentError(
        absl::StrFormat("day %d is out of range in \"%s\"", day, written));
  }
  if (month == 2 && day == 29 && !IsLeapYear(year)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "\"%s\" is not a day: %d is not a leap year", written, year));
  }
  if (day > DaysInMonth(year, month)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("\"%s\" is not a day: %s %d has %d days", written,
                        MonthName(month), year, DaysInMonth(year, month)));
  }
  return absl::OkStatus();
}

// Returns the number written with the digits text[pos, pos + count).
int DigitsAt(std::string_view text, size_t pos, size_t count) {
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) value = value * 10 + text[i] - '0';
  return value;
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view StripSpaces(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// InvalidArgument unless `day_number` lies in years kMinYear to kMaxYear.
absl::Status CheckDayInRange(int64_t day_number) {
  if (day_number < kFirstDayNumber || day_number > kLastDayNumber) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "day %d lies outside years %d to %d", day_number, kMinYear, kMaxYear));
  }
  return absl::OkStatus();
}

// The error of BeginningOn and EndingOn (`what` "begins" or "ends") when
// no month or year of `precision` begins or ends on `civil`.
absl::Status NoDateAt(std::string_view what, DatePrecision precision,
                      const CivilDay& civil) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "no %s %s on %s", precision == DatePrecision::kYear ? "year" : "month",
      what, Format(civil.year, civil.month, civil.day, DatePrecision::kDay)));
}

}  // namespace

bool Holds(TimeRelation relation, DayRange a, DayRange b) {
  // kOpenBegin and kOpenEnd are the smallest and largest int32_t, and no
  // range begins at kOpenEnd or ends at kOpenBegin, so plain comparisons
  // treat open ends as minus and plus infinity.
  switch (relation) {
    case TimeRelation::kBefore:
      return a.end <= b.begin;
    case TimeRelation::kAfter:
      return a.begin >= b.end;
    case TimeRelation::kDuring:
      return b.begin <= a.begin && a.end <= b.end;
    case TimeRelation::kContains:
      return a.begin <= b.begin && b.end <= a.end;
    case TimeRelation::kOverlaps:
      return a.begin < b.end && b.begin < a.end;
    case TimeRelation::kEquals:
      return a == b;
  }
  return false;
}

absl::StatusOr<Date> Date::Parse(std::string_view text) {
  const bool year_only = text.size() == 4;
  const bool month_only = text.size() == 7;
  bool well_formed = year_only || month_only || text.size() == 10;
  for (size_t i = 0; well_formed && i < text.size(); ++i) {
    const bool dash_here = i == 4 || i == 7;
    well_formed = dash_here ? text[i] == '-' : absl::ascii_isdigit(text[i]);
  }
  if (!well_formed) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "expected a date like 2014, 2014-03 or 2014-03-07, got \"%s\"", text));
  }
  const int year = DigitsAt(text, 0, 4);
  const int month = text.size() >= 7 ? DigitsAt(text, 5, 2) : 1;
  const int day = text.size() == 10 ? DigitsAt(text, 8, 2) : 1;
  const DatePrecision precision = year_only    ? DatePrecision::kYear
                                  : month_only ? DatePrecision::kMonth
                                               : DatePrecision::kDay;
  ALMANAC_RETURN_IF_ERROR(CheckParts(year, month, day, precision, text));
  return Date(static_cast<int32_t>(DayNumberOf(year, month, day)), precision);
}

absl::StatusOr<Date> Date::FromParts(int year, int month, int day,
                                     DatePrecision precision) {
  if (precision == DatePrecision::kYear) month = 1;
  if (precision != DatePrecision::kDay) day = 1;
  // The date as text is for the message only: formatting it for every
  // valid date cost more than the rest (index keys decode through here).
  if (!CheckParts(year, month, day, precision, "").ok()) {
    return CheckParts(year, month, day, precision,
                      Format(year, month, day, precision));
  }
  return Date(static_cast<int32_t>(DayNumberOf(year, month, day)), precision);
}

absl::StatusOr<Date> Date::BeginningOn(int32_t day_number,
                                       DatePrecision precision) {
  ALMANAC_RETURN_IF_ERROR(CheckDayInRange(day_number));
  // Every day begins a day: no need to find its year and month. This is
  // the common case when decoding stored times.
  if (precision == DatePrecision::kDay) return Date(day_number, precision);
  const CivilDay civil = CivilDayOf(day_number);
  const bool begins = civil.day == 1 &&
                      (precision == DatePrecision::kMonth || civil.month == 1);
  if (!begins) return NoDateAt("begins", precision, civil);
  return Date(day_number, precision);
}

absl::StatusOr<Date> Date::EndingOn(int32_t day_number,
                                    DatePrecision precision) {
  ALMANAC_RETURN_IF_ERROR(CheckDayInRange(day_number));
  if (precision == DatePrecision::kDay) return Date(day_number, precision);
  const CivilDay civil = CivilDayOf(day_number);
  const bool ends = civil.day == DaysInMonth(civil.year, civil.month) &&
                    (precision == DatePrecision::kMonth || civil.month == 12);
  if (!ends) return NoDateAt("ends", precision, civil);
  const int first_month = precision == DatePrecision::kYear ? 1 : civil.month;
  return Date(static_cast<int32_t>(DayNumberOf(civil.year, first_month, 1)),
              precision);
}

int Date::year() const { return CivilDayOf(first_day_).year; }
int Date::month() const { return CivilDayOf(first_day_).month; }
int Date::day() const { return CivilDayOf(first_day_).day; }

DayRange Date::days() const {
  const CivilDay first = CivilDayOf(first_day_);
  int64_t end = first_day_ + 1;
  if (precision_ == DatePrecision::kYear) {
    end = DayNumberOf(first.year + 1, 1, 1);
  } else if (precision_ == DatePrecision::kMonth) {
    end = first_day_ + DaysInMonth(first.year, first.month);
  }
  return DayRange{first_day_, static_cast<int32_t>(end)};
}

std::string Date::ToString() const {
  const CivilDay first = CivilDayOf(first_day_);
  return Format(first.year, first.month, first.day, precision_);
}

ValidTime ValidTime::At(Date date) {
  ValidTime time;
  time.shape_ = Shape::kInstant;
  time.from_ = date;
  time.to_ = date;
  return time;
}

absl::StatusOr<ValidTime> ValidTime::Between(std::optional<Date> from,
                                             std::optional<Date> to) {
  if (!from.has_value() && !to.has_value()) {
    return absl::InvalidArgumentError(
        "an interval needs at least one end, as in 2003.. or ..2001");
  }
  // `to` begins no later than it ends, so an interval whose `from` begins
  // no later than `to` begins is not empty; only the others need to find
  // the day `to` ends on, which takes its year and month.
  if (from.has_value() && to.has_value() &&
      from->first_day() > to->first_day() &&
      from->first_day() > to->days().end - 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "the interval %s..%s is empty: %s begins after %s ends",
        from->ToString(), to->ToString(), from->ToString(), to->ToString()));
  }
  ValidTime time;
  time.shape_ = Shape::kInterval;
  time.from_ = from;
  time.to_ = to;
  return time;
}

absl::StatusOr<ValidTime> ValidTime::Parse(std::string_view text) {
  text = StripSpaces(text);
  if (text.empty()) return ValidTime();
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) {
    ALMANAC_ASSIGN_OR_RETURN(Date date, Date::Parse(text));
    return At(date);
  }
  const std::string_view first = StripSpaces(text.substr(0, dots));
  const std::string_view last = StripSpaces(text.substr(dots + 2));
  if (first.empty() && last.empty()) {
    return absl::InvalidArgumentError(
        "\"..\" alone is not a valid time: give at least one end, as in "
        "2003.. or ..2001");
  }
  if (last.find('.') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "expected a valid time like 2014, 2018-10-21..2018-11-04, 2003.. or "
        "..2001, got \"%s\"",
        text));
  }
  std::optional<Date> from;
  std::optional<Date> to;
  if (!first.empty()) {
    ALMANAC_ASSIGN_OR_RETURN(from, Date::Parse(first));
  }
  if (!last.empty()) {
    ALMANAC_ASSIGN_OR_RETURN(to, Date::Parse(last));
  }
  return Between(from, to);
}

DayRange ValidTime::days() const {
  if (shape_ == Shape::kInstant) return from_->days();
  DayRange range;  // Open at both ends; also what an unstated time gets.
  if (from_.has_value()) range.begin = from_->days().begin;
  if (to_.has_value()) range.end = to_->days().end;
  return range;
}

std::string ValidTime::ToString() const {
  switch (shape_) {
    case Shape::kNone:
      return "";
    case Shape::kInstant:
      return from_->ToString();
    case Shape::kInterval:
      return (from_.has_value() ? from_->ToString() : "") + ".." +
             (to_.has_value() ? to_->ToString() : "");
  }
  return "";
}

}  // namespace almanac
