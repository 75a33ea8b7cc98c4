// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// What the parser says when it stops: one message per commit point of the
// grammar (every rule X in a must<X>), and the three-line format of a parse
// error:
//
//   line 1, column 18: expected WHERE
//   FIND ?who, ?when WHEN ?who recognized IEA
//                    ^
//
// The table is checked at compile time: must_if (parser.cc) static_asserts
// that every must<> target has a message here, so a new commit point without
// a message does not build.

#ifndef ALMANAC_QUERY_PARSE_ERRORS_H_
#define ALMANAC_QUERY_PARSE_ERRORS_H_

#include <string_view>

#include "absl/status/status.h"
#include "query/ast.h"
#include "query/grammar.h"

namespace almanac {

// Returns InvalidArgument with the message
//   "line L, column C: <message>\n<the line of text>\n<spaces up to C>^".
// Tabs before the column stay tabs in the caret line, and a multi-byte UTF-8
// character takes one space, so the caret lines up under the column.
absl::Status ParseError(std::string_view text, const ast::Position& position,
                        std::string_view message);

namespace grammar {

// clang-format off
template <typename Rule> inline constexpr const char* kErrorMessage = nullptr;

// Words and terms.
template <> inline constexpr const char* kErrorMessage<var_name> = "expected a variable name after '?'";
template <> inline constexpr const char* kErrorMessage<param_name> = "expected a parameter name after '$'";
template <> inline constexpr const char* kErrorMessage<string_escape> = "unknown escape: expected \\\", \\', \\\\, \\n or \\t";
template <> inline constexpr const char* kErrorMessage<name_escape> = "unknown escape: expected \\` or \\\\";
template <> inline constexpr const char* kErrorMessage<dq_closed> = "unterminated string: expected a closing '\"'";
template <> inline constexpr const char* kErrorMessage<sq_closed> = "unterminated string: expected a closing \"'\"";
template <> inline constexpr const char* kErrorMessage<bq_closed> = "unterminated name: expected a closing '`'";

// Times.
template <> inline constexpr const char* kErrorMessage<time_to> = "expected a date after '..'";
template <> inline constexpr const char* kErrorMessage<pattern_time> = "expected a time after '@': ?var, $param or a date like 2018, 2018-03, 2018-03-07 or 2018..2019";
template <> inline constexpr const char* kErrorMessage<relation_time> = "expected a time: ?var, $param or a date like 2018-03 or 2018-01 .. 2018-03";

// Expressions.
template <> inline constexpr const char* kErrorMessage<paren_content> = "expected an expression after '('";
template <> inline constexpr const char* kErrorMessage<close_paren> = "expected ')'";
template <> inline constexpr const char* kErrorMessage<known_function> = "unknown function: expected count, min, max, sum, avg, contains, starts_with, ends_with, lower, upper, matches, year, month, day or str";
template <> inline constexpr const char* kErrorMessage<call_arg> = "expected an argument";
template <> inline constexpr const char* kErrorMessage<negate_operand> = "expected an expression after '-'";
template <> inline constexpr const char* kErrorMessage<multiply_operand> = "expected an expression after '*'";
template <> inline constexpr const char* kErrorMessage<divide_operand> = "expected an expression after '/'";
template <> inline constexpr const char* kErrorMessage<add_operand> = "expected an expression after '+'";
template <> inline constexpr const char* kErrorMessage<subtract_operand> = "expected an expression after '-'";
template <> inline constexpr const char* kErrorMessage<compare_operand> = "expected an expression after the comparison";
template <> inline constexpr const char* kErrorMessage<in_list> = "expected '(' after IN";
template <> inline constexpr const char* kErrorMessage<in_value> = "expected a value in the IN list";
template <> inline constexpr const char* kErrorMessage<not_operand> = "expected an expression after NOT";
template <> inline constexpr const char* kErrorMessage<and_operand> = "expected an expression after AND";
template <> inline constexpr const char* kErrorMessage<or_operand> = "expected an expression after OR";

// Patterns.
template <> inline constexpr const char* kErrorMessage<repeat_bounds> = "expected a repeat count like {2}, {1,3} or {2,}";
template <> inline constexpr const char* kErrorMessage<close_brace> = "expected '}'";
template <> inline constexpr const char* kErrorMessage<keyword_name> = "a keyword cannot be a name: write it in backticks, like `in`";
template <> inline constexpr const char* kErrorMessage<predicate> = "expected a predicate after the subject";
template <> inline constexpr const char* kErrorMessage<object> = "expected an object after the predicate";
template <> inline constexpr const char* kErrorMessage<group_pattern> = "expected a pattern: subject predicate object";
template <> inline constexpr const char* kErrorMessage<pattern_end> = "expected '.' between patterns";
template <> inline constexpr const char* kErrorMessage<filter_expr> = "expected an expression after FILTER";
template <> inline constexpr const char* kErrorMessage<optional_body> = "expected '{' after OPTIONAL";
template <> inline constexpr const char* kErrorMessage<kw_exists> = "expected EXISTS after NOT";
template <> inline constexpr const char* kErrorMessage<exists_body> = "expected '{' after NOT EXISTS";
template <> inline constexpr const char* kErrorMessage<kw_union> = "expected UNION after '{ ... }'";
template <> inline constexpr const char* kErrorMessage<union_body> = "expected '{' after UNION";

// FIND.
template <> inline constexpr const char* kErrorMessage<projection> = "expected * or an expression after FIND";
template <> inline constexpr const char* kErrorMessage<next_item> = "expected an expression after ','";
template <> inline constexpr const char* kErrorMessage<alias_name> = "expected a name after AS";
template <> inline constexpr const char* kErrorMessage<kw_where> = "expected WHERE";
template <> inline constexpr const char* kErrorMessage<kw_by> = "expected BY";
template <> inline constexpr const char* kErrorMessage<group_keys> = "expected an expression after GROUP BY";
template <> inline constexpr const char* kErrorMessage<group_key> = "expected an expression after ','";
template <> inline constexpr const char* kErrorMessage<order_keys> = "expected an expression after ORDER BY";
template <> inline constexpr const char* kErrorMessage<next_order_key> = "expected an expression after ','";
template <> inline constexpr const char* kErrorMessage<limit_value> = "expected a number after LIMIT";
template <> inline constexpr const char* kErrorMessage<offset_value> = "expected a number after OFFSET";
template <> inline constexpr const char* kErrorMessage<find_end> = "expected ';' or a clause: GROUP BY, ORDER BY, LIMIT, OFFSET (in this order)";

// ADD, RETRACT, transactions, EXPLAIN.
template <> inline constexpr const char* kErrorMessage<add_facts> = "expected a fact: subject predicate object [@ time]";
template <> inline constexpr const char* kErrorMessage<next_add_fact> = "expected a fact after ','";
template <> inline constexpr const char* kErrorMessage<source_value> = "expected a source after SOURCE, like \"The Hindu\", $source or (in a pattern) ?source";
template <> inline constexpr const char* kErrorMessage<retract_facts> = "expected a fact: subject predicate object [@ time]";
template <> inline constexpr const char* kErrorMessage<next_retract_fact> = "expected a fact after ','";
template <> inline constexpr const char* kErrorMessage<fact_end> = "expected ',' and another fact, or ';'";
template <> inline constexpr const char* kErrorMessage<simple_end> = "expected ';'";
template <> inline constexpr const char* kErrorMessage<kw_format> = "expected FORMAT";
template <> inline constexpr const char* kErrorMessage<kw_json> = "expected JSON";
template <> inline constexpr const char* kErrorMessage<explained_statement> = "expected a statement to explain: FIND, ADD or RETRACT";
template <> inline constexpr const char* kErrorMessage<script_end> = "expected a statement (FIND, ADD, RETRACT, BEGIN, COMMIT, ROLLBACK, EXPLAIN)";
// clang-format on

}  // namespace grammar
}  // namespace almanac

#endif  // ALMANAC_QUERY_PARSE_ERRORS_H_
