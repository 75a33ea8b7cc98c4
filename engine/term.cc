// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/term.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return !text.empty();
}

// An optional '-' and one or more digits.
bool LooksLikeInteger(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  return AllDigits(text);
}

// "YYYY-MM" or "YYYY-MM-DD", valid or not.
bool LooksLikeDate(std::string_view text) {
  if (text.size() != 7 && text.size() != 10) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash_here = i == 4 || i == 7;
    if (dash_here ? text[i] != '-' : !absl::ascii_isdigit(text[i])) {
      return false;
    }
  }
  return true;
}

// [A-Za-z_][A-Za-z0-9_]*
bool IsKeyword(std::string_view text) {
  for (std::string_view keyword : QueryKeywords()) {
    if (absl::EqualsIgnoreCase(
            absl::string_view(text.data(), text.size()),
            absl::string_view(keyword.data(), keyword.size()))) {
      return true;
    }
  }
  return false;
}

bool IsPlainIdentifier(std::string_view text) {
  if (text.empty() || absl::ascii_isdigit(text.front())) return false;
  for (char c : text) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

// Returns the canonical form of the decimal `text` (see Term::Decimal), or
// std::nullopt when `text` is not one.
std::optional<std::string> CanonicalDecimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = text.substr(dot + 1);
  if (!AllDigits(whole) || !AllDigits(fraction)) return std::nullopt;
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  while (fraction.size() > 1 && fraction.back() == '0') {
    fraction.remove_suffix(1);
  }
  if (whole == "0" && fraction == "0") negative = false;
  return absl::StrFormat("%s%s.%s", negative ? "-" : "", whole, fraction);
}

// Reads the integer `text` (LooksLikeInteger). Out of range values are
// detected before they could overflow: 2^59 * 10 + 9 fits in an int64_t.
absl::StatusOr<Term> ParseInteger(std::string_view text) {
  const bool negative = text.front() == '-';
  const int64_t limit = negative ? -Term::kMinInteger : Term::kMaxInteger;
  int64_t magnitude = 0;
  for (char c : text.substr(negative ? 1 : 0)) {
    magnitude = magnitude * 10 + (c - '0');
    if (magnitude > limit) {
      return absl::InvalidArgumentError(
          absl::StrFormat("integer %s is out of range [%d, %d]", text,
                          Term::kMinInteger, Term::kMaxInteger));
    }
  }
  return Term::Integer(negative ? -magnitude : magnitude);
}

// Reads `field`, which begins with `quote`, up to its closing quote, which
// must end the field. Inside, a backslash escapes `quote` or a backslash.
absl::StatusOr<std::string> Unquote(std::string_view field, char quote) {
  std::string text;
  for (size_t i = 1; i < field.size(); ++i) {
    const char c = field[i];
    if (c == quote) {
      if (i + 1 != field.size()) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "unexpected text after the closing %c in %s", quote, field));
      }
      return text;
    }
    if (c == '\\' && i + 1 < field.size()) {
      const char escaped = field[++i];
      if (escaped != quote && escaped != '\\') {
        return absl::InvalidArgumentError(absl::StrFormat(
            "unknown escape \\%c in %s: only \\%c and \\\\ are allowed",
            escaped, field, quote));
      }
      text += escaped;
      continue;
    }
    text += c;
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("missing the closing %c in %s", quote, field));
}

// Returns `text` between two `quote`s, with `quote` and backslash escaped.
std::string Quote(std::string_view text, char quote) {
  std::string quoted(1, quote);
  for (char c : text) {
    if (c == quote || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += quote;
  return quoted;
}

// Returns the offset of the first byte of `text` that does not begin a
// well-formed UTF-8 sequence (RFC 3629: shortest form, no surrogates, nothing
// above U+10FFFF), or std::string_view::npos when all of it is well formed.
size_t FindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length;
    uint32_t code_point;
    uint32_t smallest;  // The smallest code point that needs `length` bytes.
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, code_point = lead & 0x1F, smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, code_point = lead & 0x0F, smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, code_point = lead & 0x07, smallest = 0x10000;
    } else {
      return i;
    }
    if (text.size() - i < length) return i;
    for (size_t k = 1; k < length; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if (code_point < smallest || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// Returns OK when `text` has no NUL byte and is valid UTF-8. `what` names
// it in the message.
absl::Status CheckText(std::string_view text, std::string_view what) {
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s \"%s\" contains a NUL byte at offset %d", what,
        absl::CHexEscape(absl::string_view(text.data(), text.size())), nul));
  }
  const size_t invalid = FindInvalidUtf8(text);
  if (invalid != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s \"%s\" is not valid UTF-8 at offset %d", what,
        absl::CHexEscape(absl::string_view(text.data(), text.size())),
        invalid));
  }
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string_view>& QueryKeywords() {
  // As query/grammar.h reserves them (tests/shell/completion_test.cc
  // parses each with the grammar).
  static const auto* const keywords = new std::vector<std::string_view>{
      "ADD",      "AFTER",   "ANALYZE",  "AND",     "AS",       "ASC",
      "BEFORE",   "BEGIN",   "BY",       "COMMIT",  "CONTAINS", "DESC",
      "DISTINCT", "DURING",  "EXISTS",   "EXPLAIN", "FALSE",    "FILTER",
      "FIND",     "FORMAT",  "GROUP",    "IN",      "JSON",     "LIMIT",
      "NOT",      "OFFSET",  "OPTIONAL", "OR",      "ORDER",    "OVERLAPS",
      "PROFILE",  "RETRACT", "ROLLBACK", "SOURCE",  "TRUE",     "UNION",
      "WHERE"};
  return *keywords;
}

std::string_view TermKindName(TermKind kind) {
  switch (kind) {
    case TermKind::kEntity:
      return "entity";
    case TermKind::kString:
      return "string";
    case TermKind::kInteger:
      return "integer";
    case TermKind::kDecimal:
      return "decimal";
    case TermKind::kBoolean:
      return "boolean";
    case TermKind::kDate:
      return "date";
  }
  return "unknown";
}

Term Term::Entity(std::string name) {
  Term term;
  term.kind_ = TermKind::kEntity;
  term.text_ = std::move(name);
  return term;
}

Term Term::String(std::string text) {
  Term term;
  term.kind_ = TermKind::kString;
  term.text_ = std::move(text);
  return term;
}

Term Term::Boolean(bool value) {
  Term term;
  term.kind_ = TermKind::kBoolean;
  term.number_ = value ? 1 : 0;
  return term;
}

Term Term::DateValue(Date date) {
  Term term;
  term.kind_ = TermKind::kDate;
  term.date_ = date;
  return term;
}

absl::StatusOr<Term> Term::Integer(int64_t value) {
  if (value < kMinInteger || value > kMaxInteger) {
    return absl::InvalidArgumentError(
        absl::StrFormat("integer %d is out of range [%d, %d]", value,
                        kMinInteger, kMaxInteger));
  }
  Term term;
  term.kind_ = TermKind::kInteger;
  term.number_ = value;
  return term;
}

absl::StatusOr<Term> Term::Decimal(std::string_view text) {
  std::optional<std::string> canonical = CanonicalDecimal(text);
  if (!canonical.has_value()) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "expected a decimal like -12.5 (digits, '.', digits), got \"%s\"",
        text));
  }
  Term term;
  term.kind_ = TermKind::kDecimal;
  term.text_ = *std::move(canonical);
  return term;
}

absl::StatusOr<Term> Term::ParseObjectField(std::string_view field) {
  if (field.empty()) return absl::InvalidArgumentError("empty object");
  if (field.front() == '"') {
    ALMANAC_ASSIGN_OR_RETURN(std::string text, Unquote(field, '"'));
    return String(std::move(text));
  }
  if (field.front() == '`') {
    ALMANAC_ASSIGN_OR_RETURN(std::string name, Unquote(field, '`'));
    if (name.empty()) {
      return absl::InvalidArgumentError("empty entity name in ``");
    }
    return Entity(std::move(name));
  }
  if (LooksLikeInteger(field)) return ParseInteger(field);
  if (CanonicalDecimal(field).has_value()) return Decimal(field);
  if (field == "true" || field == "false") return Boolean(field == "true");
  if (LooksLikeDate(field)) {
    ALMANAC_ASSIGN_OR_RETURN(Date date, Date::Parse(field));
    return DateValue(date);
  }
  return Entity(std::string(field));
}

absl::Status Term::CheckStorable() const {
  switch (kind_) {
    case TermKind::kEntity:
      if (text_.empty()) {
        return absl::InvalidArgumentError("an entity name must not be empty");
      }
      return CheckText(text_, "entity name");
    case TermKind::kString:
      return CheckText(text_, "string");
    case TermKind::kInteger:
    case TermKind::kDecimal:
    case TermKind::kBoolean:
    case TermKind::kDate:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

std::string Term::ToString() const {
  switch (kind_) {
    case TermKind::kEntity:
      if (IsPlainIdentifier(text_) && !IsKeyword(text_)) {
        return text_;
      }
      return Quote(text_, '`');
    case TermKind::kString:
      return Quote(text_, '"');
    case TermKind::kInteger:
      return absl::StrCat(number_);
    case TermKind::kDecimal:
      return text_;
    case TermKind::kBoolean:
      return boolean() ? "true" : "false";
    case TermKind::kDate:
      return date_.ToString();
  }
  return "";
}

bool Term::operator==(const Term& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case TermKind::kEntity:
    case TermKind::kString:
    case TermKind::kDecimal:
      return text_ == other.text_;
    case TermKind::kInteger:
    case TermKind::kBoolean:
      return number_ == other.number_;
    case TermKind::kDate:
      return date_ == other.date_;
  }
  return false;
}

}  // namespace almanac
