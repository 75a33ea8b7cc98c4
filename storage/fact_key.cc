// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/fact_key.h"

#include "absl/status/status.h"
#include "storage/coding.h"

namespace almanac {
namespace {

constexpr uint8_t kIntervalBit = 0x10;

uint8_t PrecisionBits(const std::optional<Date>& date) {
  return date ? static_cast<uint8_t>(date->precision()) : 0;
}

EncodedTime ReadTime(const char* src) {
  return {DecodeOrderedInt32(src), DecodeOrderedInt32(src + 4),
          static_cast<uint8_t>(src[8])};
}

void WriteTime(char* dst, EncodedTime time) {
  EncodeOrderedInt32(dst, time.begin);
  EncodeOrderedInt32(dst + 4, time.end);
  dst[8] = static_cast<char>(time.shape);
}

// Three term ids, one after another from dst.
void WriteTerms(char* dst, TermId first, TermId second, TermId third) {
  EncodeFixed64(dst, first);
  EncodeFixed64(dst + 8, second);
  EncodeFixed64(dst + 16, third);
}

}  // namespace

EncodedTime EncodeTime(const ValidTime& time) {
  if (!time.is_stated()) return EncodedTime{};
  const DayRange days = time.days();
  uint8_t shape = static_cast<uint8_t>(PrecisionBits(time.from()) |
                                       (PrecisionBits(time.to()) << 2));
  if (time.is_interval()) shape |= kIntervalBit;
  return {days.begin, days.end, shape};
}

absl::StatusOr<ValidTime> DecodeTime(EncodedTime time) {
  if (time.shape == 0) return ValidTime();
  const auto corrupt = [] {
    return absl::DataLossError("corrupt time encoding in an index key");
  };
  const int from_bits = time.shape & 3;
  const int to_bits = (time.shape >> 2) & 3;
  const bool interval = (time.shape & kIntervalBit) != 0;
  if ((time.shape & ~0x1F) != 0 ||
      (!interval && (from_bits == 0 || from_bits != to_bits)) ||
      (interval && from_bits == 0 && to_bits == 0) ||
      time.end <= time.begin) {  // Also keeps time.end - 1 below in range.
    return corrupt();
  }
  std::optional<Date> from;
  std::optional<Date> to;
  if (from_bits != 0) {
    auto date =
        Date::BeginningOn(time.begin, static_cast<DatePrecision>(from_bits));
    if (!date.ok()) return corrupt();
    from = *date;
  }
  if (!interval) return ValidTime::At(*from);
  if (to_bits != 0) {
    auto date =
        Date::EndingOn(time.end - 1, static_cast<DatePrecision>(to_bits));
    if (!date.ok()) return corrupt();
    to = *date;
  }
  absl::StatusOr<ValidTime> decoded = ValidTime::Between(from, to);
  if (!decoded.ok()) return corrupt();
  return decoded;
}

std::string EncodeKey(IndexOrder order, const FactKey& fact) {
  std::string key;
  EncodeKeyTo(order, fact, &key);
  return key;
}

std::string EncodeEntityTimeKey(const FactKey& fact, EntityRole role) {
  std::string key;
  EncodeEntityTimeKeyTo(fact, role, &key);
  return key;
}

// The keys are written in place, field by field at fixed offsets (the
// mirror of DecodeKey): a bulk load encodes up to six keys a fact.
void EncodeKeyTo(IndexOrder order, const FactKey& fact, std::string* key) {
  if (order == IndexOrder::kEntityTime) {
    EncodeEntityTimeKeyTo(fact, EntityRole::kSubject, key);
    return;
  }
  key->resize(kFactKeySize);
  char* p = key->data();
  switch (order) {
    case IndexOrder::kSpo:
      WriteTerms(p, fact.subject, fact.predicate, fact.object);
      WriteTime(p + 24, fact.time);
      break;
    case IndexOrder::kPos:
      WriteTerms(p, fact.predicate, fact.object, fact.subject);
      WriteTime(p + 24, fact.time);
      break;
    case IndexOrder::kOsp:
      WriteTerms(p, fact.object, fact.subject, fact.predicate);
      WriteTime(p + 24, fact.time);
      break;
    case IndexOrder::kPredicateTime:
      EncodeFixed64(p, fact.predicate);
      WriteTime(p + 8, fact.time);
      EncodeFixed64(p + 17, fact.subject);
      EncodeFixed64(p + 25, fact.object);
      break;
    case IndexOrder::kEntityTime:
      break;  // Above.
  }
}

void EncodeEntityTimeKeyTo(const FactKey& fact, EntityRole role,
                           std::string* key) {
  const bool as_subject = role == EntityRole::kSubject;
  key->resize(kEntityTimeKeySize);
  char* p = key->data();
  EncodeFixed64(p, as_subject ? fact.subject : fact.object);
  WriteTime(p + 8, fact.time);
  EncodeFixed64(p + 17, fact.predicate);
  EncodeFixed64(p + 25, as_subject ? fact.object : fact.subject);
  p[33] = static_cast<char>(role);
}

bool DecodeKey(IndexOrder order, std::string_view key, FactKey* fact,
               EntityRole* role) {
  const char* p = key.data();
  if (order == IndexOrder::kEntityTime) {
    if (key.size() != kEntityTimeKeySize) return false;
    const TermId entity = DecodeFixed64(p);
    fact->time = ReadTime(p + 8);
    fact->predicate = DecodeFixed64(p + 17);
    const TermId other = DecodeFixed64(p + 25);
    if (p[33] != 0 && p[33] != 1) return false;
    const auto found_role = static_cast<EntityRole>(p[33]);
    const bool as_subject = found_role == EntityRole::kSubject;
    fact->subject = as_subject ? entity : other;
    fact->object = as_subject ? other : entity;
    if (role != nullptr) *role = found_role;
    return true;
  }
  if (key.size() != kFactKeySize) return false;
  const TermId a = DecodeFixed64(p);
  switch (order) {
    case IndexOrder::kSpo:
      *fact = {a, DecodeFixed64(p + 8), DecodeFixed64(p + 16),
               ReadTime(p + 24)};
      return true;
    case IndexOrder::kPos:
      *fact = {DecodeFixed64(p + 16), a, DecodeFixed64(p + 8),
               ReadTime(p + 24)};
      return true;
    case IndexOrder::kOsp:
      *fact = {DecodeFixed64(p + 8), DecodeFixed64(p + 16), a,
               ReadTime(p + 24)};
      return true;
    case IndexOrder::kPredicateTime:
      *fact = {DecodeFixed64(p + 17), a, DecodeFixed64(p + 25),
               ReadTime(p + 8)};
      return true;
    case IndexOrder::kEntityTime:
      break;
  }
  return false;
}

}  // namespace almanac
