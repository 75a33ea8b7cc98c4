// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/term.h"

#include <string>
#include <string_view>

#include "almanac/fact.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;

// Renders what ParseObjectField makes of `field` as "kind text", or the
// error message as "error: message".
std::string Parsed(std::string_view field) {
  absl::StatusOr<Term> term = Term::ParseObjectField(field);
  if (!term.ok()) {
    EXPECT_EQ(term.status().code(), absl::StatusCode::kInvalidArgument);
    return "error: " + std::string(term.status().message());
  }
  return std::string(TermKindName(term->kind())) + " " + term->ToString();
}

// Returns the canonical text of the decimal `text`, or "error".
std::string CanonicalDecimal(std::string_view text) {
  absl::StatusOr<Term> term = Term::Decimal(text);
  return term.ok() ? term->text() : "error";
}

Term Integer(int64_t value) { return *Term::Integer(value); }
Term DateValue(std::string_view text) {
  return Term::DateValue(*Date::Parse(text));
}

TEST(TermTest, ParseObjectFieldEntities) {
  EXPECT_EQ(Parsed("Russia"), "entity Russia");
  EXPECT_EQ(Parsed("Make a visit"), "entity `Make a visit`");
  EXPECT_EQ(Parsed("Ministry (Japan)"), "entity `Ministry (Japan)`");
  EXPECT_EQ(Parsed("Smith, John"), "entity `Smith, John`");
  EXPECT_EQ(Parsed("O'Brien"), "entity `O'Brien`");
  EXPECT_EQ(Parsed("say \"hi\""), "entity `say \"hi\"`");
  EXPECT_EQ(Parsed("Côte d’Ivoire"), "entity `Côte d’Ivoire`");
  EXPECT_EQ(Parsed("True"), "entity `True`");  // A keyword, any case.
  EXPECT_EQ(Parsed("1."), "entity `1.`");
  EXPECT_EQ(Parsed(".5"), "entity `.5`");
  EXPECT_EQ(Parsed("+5"), "entity `+5`");
  EXPECT_EQ(Parsed("1e5"), "entity `1e5`");
  EXPECT_EQ(Parsed("-"), "entity `-`");
  EXPECT_EQ(Parsed("2014-3-7"), "entity `2014-3-7`");
  EXPECT_EQ(Parsed("a`b"), "entity `a\\`b`");
  EXPECT_EQ(Parsed("x\""), "entity `x\"`");
}

TEST(TermTest, ParseObjectFieldKeepsNamesByteForByte) {
  const std::string no_break = "Kim\xC2\xA0Jong-un";  // U+00A0 inside.
  absl::StatusOr<Term> term = Term::ParseObjectField(no_break);
  ASSERT_OK(StatusOf(term));
  EXPECT_EQ(*term, Term::Entity(no_break));
  EXPECT_NE(*term, Term::Entity("Kim Jong-un"));
  EXPECT_EQ(Parsed(" Russia "), "entity ` Russia `");
}

TEST(TermTest, ParseObjectFieldBackticksForceAnEntity) {
  EXPECT_EQ(Parsed("`2014`"), "entity `2014`");
  EXPECT_EQ(Parsed("`true`"), "entity `true`");
  EXPECT_EQ(Parsed("`Russia`"), "entity Russia");
  EXPECT_EQ(Parsed("`\"quoted\"`"), "entity `\"quoted\"`");
  EXPECT_EQ(Parsed("`a\\`b`"), "entity `a\\`b`");
  EXPECT_EQ(Parsed("`a\\\\b`"), "entity `a\\\\b`");
  EXPECT_THAT(Parsed("``"), HasSubstr("empty entity name"));
  EXPECT_THAT(Parsed("`Russia"), HasSubstr("missing the closing `"));
  EXPECT_THAT(Parsed("`a`b"), HasSubstr("after the closing `"));
  EXPECT_THAT(Parsed("`a\\nb`"), HasSubstr("unknown escape \\n"));
}

TEST(TermTest, ParseObjectFieldStrings) {
  EXPECT_EQ(Parsed("\"hello, world\""), "string \"hello, world\"");
  EXPECT_EQ(Parsed("\"\""), "string \"\"");
  EXPECT_EQ(Parsed("\"2014\""), "string \"2014\"");
  EXPECT_EQ(Parsed("\"say \\\"hi\\\"\""), "string \"say \\\"hi\\\"\"");
  EXPECT_EQ(Term::ParseObjectField("\"a\\\\b\"")->text(), "a\\b");
  EXPECT_EQ(Term::ParseObjectField("\"it's `x`\"")->text(), "it's `x`");
  EXPECT_THAT(Parsed("\"abc"), HasSubstr("missing the closing \""));
  EXPECT_THAT(Parsed("\"abc\\\""), HasSubstr("missing the closing \""));
  EXPECT_THAT(Parsed("\"abc\\"), HasSubstr("missing the closing \""));
  EXPECT_THAT(Parsed("\""), HasSubstr("missing the closing \""));
  EXPECT_THAT(Parsed("\"a\\nb\""), HasSubstr("unknown escape \\n"));
  EXPECT_THAT(Parsed("\"abc\"def"), HasSubstr("after the closing \""));
}

TEST(TermTest, ParseObjectFieldLiterals) {
  EXPECT_EQ(Parsed("42"), "integer 42");
  EXPECT_EQ(Parsed("-7"), "integer -7");
  EXPECT_EQ(Parsed("0"), "integer 0");
  EXPECT_EQ(Parsed("-0"), "integer 0");
  EXPECT_EQ(Parsed("007"), "integer 7");
  EXPECT_EQ(Parsed("2014"), "integer 2014");  // A lone year is an integer.
  EXPECT_EQ(Parsed("1.50"), "decimal 1.5");
  EXPECT_EQ(Parsed("-0.0"), "decimal 0.0");
  EXPECT_EQ(Parsed("true"), "boolean true");
  EXPECT_EQ(Parsed("false"), "boolean false");
  EXPECT_EQ(Parsed("2014-03"), "date 2014-03");
  EXPECT_EQ(Parsed("2014-03-07"), "date 2014-03-07");
  EXPECT_EQ(Parsed("2024-02-29"), "date 2024-02-29");
}

TEST(TermTest, ParseObjectFieldErrors) {
  EXPECT_EQ(Parsed(""), "error: empty object");
  EXPECT_THAT(Parsed("2014-13-01"), HasSubstr("month 13 is out of range"));
  EXPECT_THAT(Parsed("2014-13"), HasSubstr("month 13 is out of range"));
  EXPECT_THAT(Parsed("2023-02-29"), HasSubstr("2023 is not a leap year"));
  EXPECT_THAT(Parsed("0000-01"), HasSubstr("year 0 is out of range"));
}

TEST(TermTest, IntegerLimits) {
  EXPECT_EQ(Term::kMaxInteger, 576460752303423487);
  EXPECT_EQ(Term::kMinInteger, -576460752303423488);
  EXPECT_OK(StatusOf(Term::Integer(Term::kMaxInteger)));
  EXPECT_OK(StatusOf(Term::Integer(Term::kMinInteger)));
  EXPECT_THAT(Term::Integer(Term::kMaxInteger + 1).status().message(),
              HasSubstr("integer 576460752303423488 is out of range"));
  EXPECT_THAT(Term::Integer(Term::kMinInteger - 1).status().message(),
              HasSubstr("integer -576460752303423489 is out of range"));
  EXPECT_EQ(Term::Integer(INT64_MAX).status().code(),
            absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(Parsed("576460752303423487"), "integer 576460752303423487");
  EXPECT_EQ(Parsed("-576460752303423488"), "integer -576460752303423488");
  EXPECT_THAT(Parsed("576460752303423488"),
              HasSubstr("integer 576460752303423488 is out of range"));
  EXPECT_THAT(Parsed("-576460752303423489"), HasSubstr("is out of range"));
  EXPECT_EQ(Parsed("9999999999999999999"),
            "error: integer 9999999999999999999 is out of range "
            "[-576460752303423488, 576460752303423487]");
  // Past int64_t, and far past it: no overflow on the way.
  EXPECT_THAT(Parsed("9223372036854775808"), HasSubstr("is out of range"));
  EXPECT_THAT(Parsed("-99999999999999999999999999999999999999"),
              HasSubstr("is out of range"));
  EXPECT_EQ(Parsed("0000000000000000000000000000042"), "integer 42");
}

TEST(TermTest, DecimalCanonicalForm) {
  EXPECT_EQ(CanonicalDecimal("1.50"), "1.5");
  EXPECT_EQ(CanonicalDecimal("1.0"), "1.0");
  EXPECT_EQ(CanonicalDecimal("1.000"), "1.0");
  EXPECT_EQ(CanonicalDecimal("-0.0"), "0.0");
  EXPECT_EQ(CanonicalDecimal("-000.000"), "0.0");
  EXPECT_EQ(CanonicalDecimal("007.25"), "7.25");
  EXPECT_EQ(CanonicalDecimal("-12.50"), "-12.5");
  EXPECT_EQ(CanonicalDecimal("-00.10"), "-0.1");
  EXPECT_EQ(CanonicalDecimal("100.001"), "100.001");
  EXPECT_EQ(CanonicalDecimal("0.5"), "0.5");
  EXPECT_EQ(CanonicalDecimal("12345678901234567890.12345678901234567890"),
            "12345678901234567890.1234567890123456789");
}

TEST(TermTest, DecimalRejectsOtherText) {
  for (std::string_view text :
       {"", "1", ".5", "5.", ".", "-", "-.5", "1.2.3", "1,5", "--1.0", "+1.0",
        " 1.0", "1.0 ", "1e5", "1.5e3", "abc"}) {
    EXPECT_EQ(CanonicalDecimal(text), "error") << text;
  }
  EXPECT_THAT(Term::Decimal("1,5").status().message(),
              HasSubstr("expected a decimal like -12.5"));
}

TEST(TermTest, ToStringQuotesWhatIsNotAPlainIdentifier) {
  EXPECT_EQ(Term::Entity("Russia").ToString(), "Russia");
  EXPECT_EQ(Term::Entity("_x1").ToString(), "_x1");
  EXPECT_EQ(Term::Entity("head_of_state").ToString(), "head_of_state");
  EXPECT_EQ(Term::Entity("1x").ToString(), "`1x`");
  EXPECT_EQ(Term::Entity("2014").ToString(), "`2014`");
  EXPECT_EQ(Term::Entity("true").ToString(), "`true`");
  EXPECT_EQ(Term::Entity("false").ToString(), "`false`");
  // Query-language keywords, in any case, are quoted.
  EXPECT_EQ(Term::Entity("True").ToString(), "`True`");
  EXPECT_EQ(Term::Entity("Limit").ToString(), "`Limit`");
  EXPECT_EQ(Term::Entity("order").ToString(), "`order`");
  EXPECT_EQ(Term::Entity("Ordering").ToString(), "Ordering");
  EXPECT_EQ(Term::Entity("Make a visit").ToString(), "`Make a visit`");
  EXPECT_EQ(Term::Entity("a-b").ToString(), "`a-b`");
  EXPECT_EQ(Term::Entity("Zoë").ToString(), "`Zoë`");
  EXPECT_EQ(Term::Entity("a`b").ToString(), "`a\\`b`");
  EXPECT_EQ(Term::Entity("a\\b").ToString(), "`a\\\\b`");
  EXPECT_EQ(Term::Entity("").ToString(), "``");
  EXPECT_EQ(Term().ToString(), "``");

  EXPECT_EQ(Term::String("hello").ToString(), "\"hello\"");
  EXPECT_EQ(Term::String("").ToString(), "\"\"");
  EXPECT_EQ(Term::String("say \"hi\"").ToString(), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(Term::String("a\\b").ToString(), "\"a\\\\b\"");
  EXPECT_EQ(Term::String("`x`").ToString(), "\"`x`\"");

  EXPECT_EQ(Integer(-5).ToString(), "-5");
  EXPECT_EQ(Integer(Term::kMinInteger).ToString(), "-576460752303423488");
  EXPECT_EQ(Term::Decimal("2.50")->ToString(), "2.5");
  EXPECT_EQ(Term::Boolean(true).ToString(), "true");
  EXPECT_EQ(Term::Boolean(false).ToString(), "false");
  EXPECT_EQ(DateValue("2014").ToString(), "2014");
  EXPECT_EQ(DateValue("2014-03").ToString(), "2014-03");
  EXPECT_EQ(DateValue("2014-03-07").ToString(), "2014-03-07");
}

TEST(TermTest, ToStringReadsBackAsTheSameTerm) {
  // Not a year-precision date: "2014" reads back as an integer.
  for (const Term& term :
       {Term::Entity("Russia"), Term::Entity("Make a visit"),
        Term::Entity("true"), Term::Entity("2014"), Term::Entity("a`b\\c"),
        Term::Entity("Kim\xC2\xA0Jong-un"), Term::Entity("\"quoted\""),
        Term::String(""), Term::String("say \"hi\" \\ `x`"), Integer(0),
        Integer(-42), Integer(Term::kMaxInteger), Integer(Term::kMinInteger),
        *Term::Decimal("-12.50"), Term::Boolean(true), Term::Boolean(false),
        DateValue("2014-03"), DateValue("2014-03-07")}) {
    absl::StatusOr<Term> read = Term::ParseObjectField(term.ToString());
    ASSERT_OK(StatusOf(read));
    EXPECT_EQ(*read, term) << term.ToString();
  }
}

TEST(TermTest, Equality) {
  EXPECT_EQ(Term::Entity("a"), Term::Entity("a"));
  EXPECT_NE(Term::Entity("a"), Term::Entity("A"));
  EXPECT_NE(Term::Entity("a"), Term::String("a"));
  EXPECT_EQ(Integer(1), Integer(1));
  EXPECT_NE(Integer(1), Integer(2));
  EXPECT_NE(Integer(1), Term::Boolean(true));
  EXPECT_EQ(*Term::Decimal("1.50"), *Term::Decimal("1.5"));
  EXPECT_NE(*Term::Decimal("1.0"), Integer(1));
  EXPECT_EQ(DateValue("2014-03"), DateValue("2014-03"));
  EXPECT_NE(DateValue("2014"), DateValue("2014-01"));
  EXPECT_NE(DateValue("2014-01"), DateValue("2014-01-01"));
  EXPECT_EQ(Term(), Term::Entity(""));
}

TEST(TermTest, CheckStorable) {
  EXPECT_OK(Term::Entity("Russia").CheckStorable());
  EXPECT_OK(Term::Entity("Kim\xC2\xA0Jong-un").CheckStorable());
  EXPECT_OK(Term::Entity("\xE6\x9D\xB1\xE4\xBA\xAC").CheckStorable());  // 東京
  EXPECT_OK(Term::Entity("\xF0\x9F\x98\x80").CheckStorable());  // U+1F600
  EXPECT_OK(Term::Entity("\xF4\x8F\xBF\xBF").CheckStorable());  // U+10FFFF
  EXPECT_OK(Term::String("").CheckStorable());
  EXPECT_OK(Integer(7).CheckStorable());
  EXPECT_OK(Term::Boolean(false).CheckStorable());

  EXPECT_THAT(Term().CheckStorable().message(), HasSubstr("must not be empty"));
  EXPECT_THAT(Term::Entity(std::string("a\0b", 3)).CheckStorable().message(),
              HasSubstr("contains a NUL byte at offset 1"));
  EXPECT_THAT(Term::String(std::string("\0", 1)).CheckStorable().message(),
              HasSubstr("string \"\\x00\" contains a NUL byte"));
  for (std::string_view bad : {
           "\xFF",              // Never in UTF-8.
           "\x80",              // A continuation byte first.
           "\xC0\x80",          // Overlong NUL.
           "\xE0\x80\x80",      // Overlong.
           "\xED\xA0\x80",      // A surrogate, U+D800.
           "\xE2\x82",          // Cut short.
           "\xF4\x90\x80\x80",  // U+110000.
           "\xF8\x88\x80\x80\x80",
       }) {
    const std::string name = "ok " + std::string(bad);
    EXPECT_THAT(Term::Entity(name).CheckStorable().message(),
                HasSubstr("is not valid UTF-8 at offset 3"))
        << name;
    EXPECT_THAT(Term::String(name).CheckStorable().message(),
                HasSubstr("is not valid UTF-8 at offset 3"))
        << name;
  }
}

TEST(TermTest, KindNames) {
  EXPECT_EQ(TermKindName(TermKind::kEntity), "entity");
  EXPECT_EQ(TermKindName(TermKind::kString), "string");
  EXPECT_EQ(TermKindName(TermKind::kInteger), "integer");
  EXPECT_EQ(TermKindName(TermKind::kDecimal), "decimal");
  EXPECT_EQ(TermKindName(TermKind::kBoolean), "boolean");
  EXPECT_EQ(TermKindName(TermKind::kDate), "date");
}

// Fact has no test file of its own; its ToString is all Term::ToString.
TEST(FactTest, ToString) {
  Fact fact;
  fact.subject = Term::Entity("Russia");
  fact.predicate = Term::Entity("Make a visit");
  fact.object = Term::Entity("Ukraine");
  EXPECT_EQ(fact.ToString(), "Russia `Make a visit` Ukraine");
  fact.time = *ValidTime::Parse("2018-10-21..2018-11-04");
  EXPECT_EQ(fact.ToString(),
            "Russia `Make a visit` Ukraine @ 2018-10-21..2018-11-04");
  fact.source = "ICEWS \"2018\" \\ v2";
  EXPECT_EQ(fact.ToString(),
            "Russia `Make a visit` Ukraine @ 2018-10-21..2018-11-04 "
            "SOURCE \"ICEWS \\\"2018\\\" \\\\ v2\"");

  Fact literal;
  literal.subject = Term::Entity("Russia");
  literal.predicate = Term::Entity("population");
  literal.object = Integer(146000000);
  literal.time = *ValidTime::Parse("2003..");
  EXPECT_EQ(literal.ToString(), "Russia population 146000000 @ 2003..");
  literal.time = ValidTime();
  literal.source = "census";
  EXPECT_EQ(literal.ToString(),
            "Russia population 146000000 SOURCE \"census\"");
}

}  // namespace
}  // namespace almanac
