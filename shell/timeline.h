// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The text timeline of .timeline: facts in time order, grouped by the year
// and then the month they begin, each date shown with the precision it was
// written with. A fact dated only "2021" sits under 2021 without a month;
// an interval shows where it ends; an open end shows as "open".
//
//   2018
//     Oct  21..Nov 04  Druzhba-III             participant  Pakistan
//   2021
//     Aug              Zapad/Interaction 2021  participant  Russia
//   undated
//                      Zapad/Interaction 2021  instance_of  `joint exercise`
//   3 facts

#ifndef ALMANAC_SHELL_TIMELINE_H_
#define ALMANAC_SHELL_TIMELINE_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "almanac/fact.h"

namespace almanac {

struct TimelineRequest {
  std::vector<std::string> name_words;  // For NameOfWords.
  // Only facts overlapping this window, when given; undated facts are then
  // left out (and counted).
  std::optional<ValidTime> window;
};

// Splits the words after .timeline into the name and an optional window
// FROM .. TO at the end: dates of any precision, either end open ("2018 ..",
// ".. 2021-03"), spaces around ".." optional. A window needs its "..", so
// ".timeline Zapad/Interaction 2021" names the entity "Zapad/Interaction
// 2021"; one year alone is "2021..2021". InvalidArgument for a malformed
// window ("2020 .. 2010", "2020-13 ..").
absl::StatusOr<TimelineRequest> ParseTimelineArguments(
    const std::vector<std::string>& words);

// Writes `facts` as a timeline to `out`, keeping those that overlap
// `window` when given, and ends with a count line.
void WriteTimeline(const std::vector<Fact>& facts,
                   const std::optional<ValidTime>& window, std::ostream& out);

}  // namespace almanac

#endif  // ALMANAC_SHELL_TIMELINE_H_
