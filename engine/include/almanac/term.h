// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// A Term is what stands in a fact's subject, predicate or object position: an
// entity (a name) or a typed literal. Entity names are any non-empty Unicode
// text, case preserved, spaces, quotes, commas, parentheses and no-break
// spaces included: two names are the same entity only when byte-equal.
//
// Example:
//   Term russia = Term::Entity("Russia");
//   Term troops = Term::Integer(10000);
//   russia.ToString();  // "Russia"
//   Term::Entity("Make a visit").ToString();  // "`Make a visit`"

#ifndef ALMANAC_TERM_H_
#define ALMANAC_TERM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "almanac/date.h"

namespace almanac {

// The kinds of term. The values reach the disk: DO NOT CHANGE.
enum class TermKind : uint8_t {
  kEntity = 1,
  kString = 2,
  kInteger = 3,
  kDecimal = 4,
  kBoolean = 5,
  kDate = 6,
};

// Returns "entity", "string", "integer", "decimal", "boolean" or "date".
std::string_view TermKindName(TermKind kind);

// The words the query language reserves (docs/query-language.md), in
// capitals. They are reserved in any case: an entity named like one is
// written in backticks.
const std::vector<std::string_view>& QueryKeywords();

class Term {
 public:
  // Integers are stored inline in 60 bits: [kMinInteger, kMaxInteger].
  static constexpr int64_t kMinInteger = -(int64_t{1} << 59);
  static constexpr int64_t kMaxInteger = (int64_t{1} << 59) - 1;

  // An entity named `name`. Term() is the entity with the empty name, which
  // is never stored (CheckStorable rejects it).
  Term() = default;
  static Term Entity(std::string name);
  static Term String(std::string text);
  static Term Boolean(bool value);
  static Term DateValue(Date date);

  // Returns InvalidArgument outside [kMinInteger, kMaxInteger].
  static absl::StatusOr<Term> Integer(int64_t value);

  // Parses a decimal number "-12.50" (digits, one '.', digits on both sides)
  // and keeps it in canonical form ("-12.5"). InvalidArgument otherwise.
  static absl::StatusOr<Term> Decimal(std::string_view text);

  // Reads an object field of an import file:
  //   "..."                 a string; \" and \\ are escaped quote and backslash
  //   `...`                 an entity, whatever it looks like (\` and \\ too)
  //   -12, 42               an integer
  //   3.14                  a decimal
  //   true, false           a boolean
  //   2014-03, 2014-03-07   a date (a lone year reads as an integer)
  //   anything else         an entity of exactly that name
  // Returns InvalidArgument for an unterminated quote, a bad escape, an
  // invalid date or an out-of-range number.
  static absl::StatusOr<Term> ParseObjectField(std::string_view field);

  TermKind kind() const { return kind_; }
  bool is_entity() const { return kind_ == TermKind::kEntity; }

  // The name of an entity, the text of a string, the canonical text of a
  // decimal. REQUIRES: kind() is kEntity, kString or kDecimal.
  const std::string& text() const { return text_; }
  // REQUIRES: kind() == kInteger.
  int64_t integer() const { return number_; }
  // REQUIRES: kind() == kBoolean.
  bool boolean() const { return number_ != 0; }
  // REQUIRES: kind() == kDate.
  Date date() const { return date_; }

  // Returns OK when the term can be stored: an entity's name is not empty;
  // names and strings are valid UTF-8 without NUL bytes.
  absl::Status CheckStorable() const;

  // Returns the term as the query language writes it: entities bare when
  // they are plain identifiers, else in backticks; strings in double quotes
  // with \" and \\ escaped; numbers, booleans and dates as themselves.
  std::string ToString() const;

  bool operator==(const Term& other) const;

 private:
  TermKind kind_ = TermKind::kEntity;
  std::string text_;
  int64_t number_ = 0;
  Date date_ = Date::FromDayNumber(0);
};

}  // namespace almanac

#endif  // ALMANAC_TERM_H_
