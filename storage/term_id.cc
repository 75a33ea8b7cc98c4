// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/term_id.h"

namespace almanac {
namespace {

constexpr uint64_t kIntegerBias = uint64_t{1} << 59;
constexpr int64_t kDayBias = int64_t{1} << 31;

}  // namespace

bool IsInlineKind(TermKind kind) {
  return kind == TermKind::kInteger || kind == TermKind::kBoolean ||
         kind == TermKind::kDate;
}

std::optional<TermId> InlineTermId(const Term& term) {
  switch (term.kind()) {
    case TermKind::kInteger:
      return MakeTermId(TermKind::kInteger,
                        static_cast<uint64_t>(term.integer()) + kIntegerBias);
    case TermKind::kBoolean:
      return MakeTermId(TermKind::kBoolean, term.boolean() ? 1 : 0);
    case TermKind::kDate: {
      const Date date = term.date();
      const uint64_t day = static_cast<uint64_t>(date.days().begin + kDayBias);
      return MakeTermId(TermKind::kDate,
                        (day << 2) | static_cast<uint64_t>(date.precision()));
    }
    default:
      return std::nullopt;
  }
}

Term DecodeInlineTerm(TermId id) {
  const uint64_t payload = PayloadOfTermId(id);
  switch (KindOfTermId(id)) {
    case TermKind::kInteger:
      return *Term::Integer(static_cast<int64_t>(payload - kIntegerBias));
    case TermKind::kBoolean:
      return Term::Boolean(payload != 0);
    case TermKind::kDate: {
      const auto precision = static_cast<DatePrecision>(payload & 3);
      const Date day = Date::FromDayNumber(
          static_cast<int32_t>(static_cast<int64_t>(payload >> 2) - kDayBias));
      return Term::DateValue(
          *Date::FromParts(day.year(), day.month(), day.day(), precision));
    }
    default:
      return Term();
  }
}

}  // namespace almanac
