// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "shell/timeline.h"

#include <algorithm>
#include <functional>
#include <ostream>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "shell/entity_lookup.h"
#include "shell/text_columns.h"

namespace almanac {
namespace {

const char* MonthName(int month) {
  static const char* const kNames[] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
  return kNames[month - 1];
}

// "2025", "2025 Nov" or "2025 Nov 04".
std::string FullDateText(const Date& date) {
  switch (date.precision()) {
    case DatePrecision::kYear:
      return absl::StrCat(date.year());
    case DatePrecision::kMonth:
      return absl::StrCat(date.year(), " ", MonthName(date.month()));
    case DatePrecision::kDay:
      break;
  }
  return absl::StrFormat("%d %s %02d", date.year(), MonthName(date.month()),
                         date.day());
}

// Where an interval starting at `from` ends, said no longer than needed:
// "25" (same month), "Nov 04", "Nov" (same year), "2025 Nov 04", "open".
std::string EndText(const Date& from, const std::optional<Date>& to) {
  if (!to) return "open";
  if (to->year() != from.year() || to->precision() == DatePrecision::kYear) {
    return FullDateText(*to);
  }
  if (to->precision() == DatePrecision::kMonth) return MonthName(to->month());
  if (from.precision() == DatePrecision::kDay && to->month() == from.month()) {
    return absl::StrFormat("%02d", to->day());
  }
  return absl::StrFormat("%s %02d", MonthName(to->month()), to->day());
}

// One fact's place on the timeline.
struct Entry {
  bool open_start = false;  // Begins before time: listed first.
  int year = 0;
  int month = 0;  // 0 when the start is a year.
  DayRange days;
  std::string fact_text;  // Orders facts that start and end together.
  std::string when;       // The column after the month.
  const Fact* fact = nullptr;

  auto Key() const {
    return std::make_tuple(!open_start, year, month, days.begin, days.end,
                           std::cref(fact_text));
  }
};

Entry EntryOf(const Fact& fact) {
  Entry entry;
  entry.fact = &fact;
  entry.days = fact.time.days();
  entry.fact_text = fact.ToString();
  const std::optional<Date>& from = fact.time.from();
  if (!from) {
    entry.open_start = true;
    entry.when = absl::StrCat("..", FullDateText(*fact.time.to()));
    return entry;
  }
  entry.year = from->year();
  if (from->precision() != DatePrecision::kYear) entry.month = from->month();
  if (from->precision() == DatePrecision::kDay) {
    entry.when = absl::StrFormat("%02d", from->day());
  }
  if (fact.time.is_interval()) {
    absl::StrAppend(&entry.when, "..", EndText(*from, fact.time.to()));
  }
  return entry;
}

std::vector<std::string> FactCells(std::string month, std::string when,
                                   const Fact& fact) {
  return {std::move(month), std::move(when), DisplayText(fact.subject),
          DisplayText(fact.predicate), DisplayText(fact.object)};
}

}  // namespace

absl::StatusOr<TimelineRequest> ParseTimelineArguments(
    const std::vector<std::string>& words) {
  TimelineRequest request;
  absl::Status window_error;  // Of the first tail that looked like a window.
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string tail = absl::StrJoin(words.begin() + i, words.end(), "");
    const bool looks_like_window =
        tail.find("..") != std::string::npos &&
        (absl::ascii_isdigit(static_cast<unsigned char>(tail[0])) ||
         tail[0] == '.');
    // "2020 .. 2010": the ".." belongs to the date before it, not to a
    // window "..2010" after a name ending in "2020".
    const bool continues_a_date =
        tail[0] == '.' && i > 1 && Date::Parse(words[i - 1]).ok();
    if (!looks_like_window || continues_a_date) continue;
    absl::StatusOr<ValidTime> window = ValidTime::Parse(tail);
    if (!window.ok()) {
      if (window_error.ok()) window_error = window.status();
      continue;
    }
    request.window = *window;
    request.name_words.assign(words.begin(), words.begin() + i);
    return request;
  }
  if (!window_error.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad window: ", window_error.message()));
  }
  request.name_words = words;
  return request;
}

void WriteTimeline(const std::vector<Fact>& facts,
                   const std::optional<ValidTime>& window, std::ostream& out) {
  std::vector<Entry> entries;
  std::vector<const Fact*> undated;
  for (const Fact& fact : facts) {
    if (!fact.time.is_stated()) {
      undated.push_back(&fact);
    } else if (!window || Holds(TimeRelation::kOverlaps, fact.time.days(),
                                window->days())) {
      entries.push_back(EntryOf(fact));
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.Key() < b.Key(); });

  using Align = TextColumns::Align;
  TextColumns table(
      {Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft, Align::kLeft});
  const Entry* previous = nullptr;
  for (const Entry& entry : entries) {
    const bool new_group = previous == nullptr ||
                           previous->open_start != entry.open_start ||
                           previous->year != entry.year;
    if (new_group) {
      table.AddLine(entry.open_start ? "open start" : absl::StrCat(entry.year));
    }
    const bool new_month = new_group || previous->month != entry.month;
    const std::string month =
        new_month && entry.month != 0 ? MonthName(entry.month) : "";
    table.AddRow(FactCells(month, entry.when, *entry.fact));
    previous = &entry;
  }
  if (!window && !undated.empty()) {
    std::sort(undated.begin(), undated.end(), [](const Fact* a, const Fact* b) {
      return a->ToString() < b->ToString();
    });
    table.AddLine("undated");
    for (const Fact* fact : undated) table.AddRow(FactCells("", "", *fact));
  }
  table.Write(out, 2);

  const size_t shown = entries.size() + (window ? 0 : undated.size());
  out << shown << (shown == 1 ? " fact" : " facts");
  if (window && !undated.empty()) {
    out << " (" << undated.size() << " undated not shown)";
  }
  out << "\n";
}

}  // namespace almanac
