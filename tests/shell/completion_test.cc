// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Tests of what Tab offers (shell/completion.h), without a terminal: each
// case is a line with the cursor at its end and the candidates expected.
// Names come from a fixed list standing in for the dictionary.

#include "shell/completion.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "almanac/term.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "query/grammar.h"
#include "shell/commands.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The dictionary of these tests, in byte order as Database keeps it.
const std::vector<std::string>& Names() {
  static const auto* const names = new std::vector<std::string>{
      "Make a visit", "Mali",       "Moscow",    "Russia",
      "in",           "recognized", "Zapad-2021"};
  return *names;
}

std::vector<std::string> NamesWithPrefix(std::string_view prefix) {
  std::vector<std::string> found;
  for (const std::string& name : Names()) {
    if (std::string_view(name).substr(0, prefix.size()) == prefix) {
      found.push_back(name);
    }
  }
  return found;
}

// The candidates for `line` with the cursor at its end.
std::vector<std::string> CandidatesAtEnd(std::string_view line) {
  return Complete(line, line.size(), NamesWithPrefix).candidates;
}

TEST(CompletionTest, KeywordsInTheCaseTyped) {
  EXPECT_THAT(CandidatesAtEnd("FI"), ElementsAre("FILTER", "FIND"));
  EXPECT_THAT(CandidatesAtEnd("fin"), ElementsAre("find"));
  // Mixed case is a name being typed, not a keyword.
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x ?p Fi"), IsEmpty());
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x recognized ?y ORD"),
              ElementsAre("ORDER"));
}

TEST(CompletionTest, FunctionsEndWithAParenthesis) {
  EXPECT_THAT(CandidatesAtEnd("FIND cou"), ElementsAre("count("));
  EXPECT_THAT(CandidatesAtEnd("FIND ?x, YE"), ElementsAre("YEAR("));
}

TEST(CompletionTest, TheWordStartsAfterPunctuation) {
  const Completion completion =
      Complete("FIND ?x WHERE ?x rec", 20, NamesWithPrefix);
  EXPECT_EQ(completion.start, 17u);
  EXPECT_THAT(completion.candidates, ElementsAre("recognized"));
  EXPECT_EQ(Complete("FIND (cou", 9, NamesWithPrefix).start, 6u);
}

TEST(CompletionTest, NamesAreQuotedWhenTheyNeedBackticks) {
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE Russia visited Ma"),
              ElementsAre("Mali", "`Make a visit`"));
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x ?p Zap"),
              ElementsAre("`Zapad-2021`"));
  // A name that is a keyword is written in backticks; the keyword is offered
  // too.
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x recognized i"),
              ElementsAre("`in`", "in"));
}

TEST(CompletionTest, InsideBackticksTheWordStartsAtTheBacktick) {
  const std::string line = "FIND ?x WHERE `Make a";
  const Completion completion = Complete(line, line.size(), NamesWithPrefix);
  EXPECT_EQ(completion.start, line.find('`'));
  EXPECT_THAT(completion.candidates, ElementsAre("`Make a visit`"));
}

TEST(CompletionTest, NothingInsideStringsOrComments) {
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x summary \"Ru"), IsEmpty());
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x summary 'Ru"), IsEmpty());
  EXPECT_THAT(CandidatesAtEnd("FIND ?x -- the Ru"), IsEmpty());
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x ?p $Ru"), IsEmpty());
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x ?p "), IsEmpty());
}

TEST(CompletionTest, VariablesOfTheSameLine) {
  const std::string line = "FIND ?w WHERE ?who recognized ?whom";
  const Completion completion = Complete(line, 7, NamesWithPrefix);
  EXPECT_EQ(completion.start, 5u);
  EXPECT_THAT(completion.candidates, ElementsAre("?who", "?whom"));
}

TEST(CompletionTest, EarlierLinesOfTheStatementCount) {
  EXPECT_THAT(CandidatesAtEnd("FIND ?who\nWHERE ?w"), ElementsAre("?who"));
  EXPECT_THAT(CandidatesAtEnd("FIND ?x -- a comment\nWHERE ?x rec"),
              ElementsAre("recognized"));
  EXPECT_THAT(CandidatesAtEnd("FIND ?x WHERE ?x summary \"two\nli"), IsEmpty());
  // A '.' starts a dot command only on the statement's first line; later it
  // is a join, and "st" a word of the query.
  EXPECT_THAT(CandidatesAtEnd("FIND ?x\n.st"),
              ElementsAre("starts_with(", "str("));
}

TEST(CompletionTest, DotCommands) {
  EXPECT_THAT(CandidatesAtEnd(".st"), ElementsAre(".stats"));
  EXPECT_THAT(CandidatesAtEnd("  .ti"), ElementsAre(".timeline", ".timer"));
  EXPECT_THAT(CandidatesAtEnd(".nosuch"), IsEmpty());
  // Every command of the table is offered for ".".
  EXPECT_EQ(CandidatesAtEnd(".").size(), DotCommands().size());
}

TEST(CompletionTest, DotCommandArguments) {
  EXPECT_THAT(CandidatesAtEnd(".entity Mo"), ElementsAre("Moscow"));
  EXPECT_THAT(CandidatesAtEnd(".timeline Ma"),
              ElementsAre("Mali", "`Make a visit`"));
  EXPECT_THAT(CandidatesAtEnd(".entity `Make"), ElementsAre("`Make a visit`"));
  EXPECT_THAT(CandidatesAtEnd(".mode cs"), ElementsAre("csv"));
  EXPECT_THAT(CandidatesAtEnd(".mode js"), ElementsAre("json", "jsonl"));
  EXPECT_THAT(CandidatesAtEnd(".timer o"), ElementsAre("off", "on"));
  EXPECT_THAT(CandidatesAtEnd(".help ti"), ElementsAre("timeline", "timer"));
  EXPECT_THAT(CandidatesAtEnd(".help .ex"), ElementsAre(".explain", ".export"));
}

TEST(CompletionTest, FileNamesAfterFileCommands) {
  TempDir dir;
  WriteFile(dir.Sub("data.aq"), "");
  WriteFile(dir.Sub("facts.tsv"), "");
  WriteFile(dir.Sub(".hidden"), "");
  std::filesystem::create_directory(dir.Sub("data"));
  const std::string folder = dir.path() + "/";
  EXPECT_THAT(CandidatesAtEnd(".read " + folder + "da"),
              ElementsAre(folder + "data.aq", folder + "data/"));
  EXPECT_THAT(CandidatesAtEnd(".import " + folder + "f"),
              ElementsAre(folder + "facts.tsv"));
  EXPECT_THAT(CandidatesAtEnd(".open " + folder + ".h"),
              ElementsAre(folder + ".hidden"));
  EXPECT_THAT(CandidatesAtEnd(".read " + folder + "nothing"), IsEmpty());
}

TEST(CompletionTest, CommonPrefixAndEndsWord) {
  EXPECT_EQ(CommonPrefix({"FILTER", "FIND"}), "FI");
  EXPECT_EQ(CommonPrefix({"Mali", "`Make a visit`"}), "");
  EXPECT_EQ(CommonPrefix({"json"}), "json");
  EXPECT_EQ(CommonPrefix({}), "");
  EXPECT_TRUE(EndsWord("FIND"));
  EXPECT_FALSE(EndsWord("count("));
  EXPECT_FALSE(EndsWord("data/"));
}

// The keyword and function lists must follow the grammar: each is parsed
// by query/grammar.h as a reserved word or a function name, and the engine
// writes an entity named like a keyword in backticks.
TEST(CompletionTest, KeywordsAndFunctionsAreTheGrammars) {
  namespace pegtl = tao::pegtl;
  for (std::string_view keyword : QueryKeywords()) {
    pegtl::memory_input in(keyword.data(), keyword.size(), "keyword");
    EXPECT_TRUE((pegtl::parse<pegtl::seq<grammar::reserved, pegtl::eof>>(in)))
        << keyword;
    const std::string lower = absl::AsciiStrToLower(std::string(keyword));
    EXPECT_EQ(Term::Entity(lower).ToString(), "`" + lower + "`");
  }
  for (std::string_view function : QueryFunctions()) {
    pegtl::memory_input in(function.data(), function.size(), "function");
    EXPECT_TRUE(
        (pegtl::parse<pegtl::seq<grammar::function_name, pegtl::eof>>(in)))
        << function;
  }
}

}  // namespace
}  // namespace almanac
