// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Values flowing between query operators. Pattern variables hold stored
// terms by id (kTerm) or valid times (kTime); expressions may compute
// numbers, booleans and text. A row is one value per variable slot.

#ifndef ALMANAC_QUERY_VALUE_H_
#define ALMANAC_QUERY_VALUE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "storage/fact_key.h"
#include "storage/term_id.h"

namespace almanac {

struct Value {
  enum class Kind : uint8_t {
    kNull,     // Unbound (OPTIONAL) or undefined (division by zero).
    kTerm,     // A term by id: stored (entity, string, decimal) or inline.
    kTime,     // A valid time.
    kInteger,  // Computed: counts, sums of integers, arithmetic.
    kNumber,   // Computed: averages, arithmetic with decimals.
    kBoolean,  // Computed: comparisons.
    kText,     // Computed: lower(), upper(), str().
  };
  Kind kind = Kind::kNull;
  TermId term = 0;
  EncodedTime time;
  int64_t integer = 0;
  double number = 0;
  bool boolean = false;
  std::string text;

  Value() = default;
  Value(const Value&) = default;
  Value(Value&&) = default;
  Value& operator=(Value&&) = default;
  // Operators copy whole rows for every fact they read, and almost no value
  // holds text: copying the empty string is skipped, as it costs more than
  // the rest of the value. Keep in step with the members above.
  Value& operator=(const Value& other) {
    kind = other.kind;
    term = other.term;
    time = other.time;
    integer = other.integer;
    number = other.number;
    boolean = other.boolean;
    if (!text.empty() || !other.text.empty()) text = other.text;
    return *this;
  }

  static Value Term(TermId id) {
    Value v;
    v.kind = Kind::kTerm;
    v.term = id;
    return v;
  }
  static Value Time(EncodedTime t) {
    Value v;
    v.kind = Kind::kTime;
    v.time = t;
    return v;
  }
  static Value Integer(int64_t i) {
    Value v;
    v.kind = Kind::kInteger;
    v.integer = i;
    return v;
  }
  static Value Number(double d) {
    Value v;
    v.kind = Kind::kNumber;
    v.number = d;
    return v;
  }
  static Value Boolean(bool b) {
    Value v;
    v.kind = Kind::kBoolean;
    v.boolean = b;
    return v;
  }
  static Value Text(std::string s) {
    Value v;
    v.kind = Kind::kText;
    v.text = std::move(s);
    return v;
  }

  bool is_null() const { return kind == Kind::kNull; }

  // Identity: the same kind and the same id, time or computed value. Used
  // for joins, grouping and DISTINCT.
  bool operator==(const Value& other) const {
    if (kind != other.kind) return false;
    switch (kind) {
      case Kind::kNull:
        return true;
      case Kind::kTerm:
        return term == other.term;
      case Kind::kTime:
        return time == other.time;
      case Kind::kInteger:
        return integer == other.integer;
      case Kind::kNumber:
        return number == other.number;
      case Kind::kBoolean:
        return boolean == other.boolean;
      case Kind::kText:
        return text == other.text;
    }
    return false;
  }

  // Hashes what operator== compares: the kind and its one field.
  template <typename H>
  friend H AbslHashValue(H h, const Value& v) {
    switch (v.kind) {
      case Kind::kNull:
        break;
      case Kind::kTerm:
        return H::combine(std::move(h), v.kind, v.term);
      case Kind::kTime:
        return H::combine(std::move(h), v.kind, v.time.begin, v.time.end,
                          v.time.shape);
      case Kind::kInteger:
        return H::combine(std::move(h), v.kind, v.integer);
      case Kind::kNumber:  // -0.0 == 0.0, so both hash as 0.0.
        return H::combine(std::move(h), v.kind, v.number == 0 ? 0.0 : v.number);
      case Kind::kBoolean:
        return H::combine(std::move(h), v.kind, v.boolean);
      case Kind::kText:
        return H::combine(std::move(h), v.kind, v.text);
    }
    return H::combine(std::move(h), v.kind);
  }
};

using Row = std::vector<Value>;

}  // namespace almanac

#endif  // ALMANAC_QUERY_VALUE_H_
