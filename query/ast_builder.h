// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The second half of Parse(): which grammar rules the parse tree keeps
// (kKeptRule), and the walk that turns that tree into AST statements. Checks
// that need values rather than syntax happen here too: dates, number ranges,
// function arguments, no variables in facts.

#ifndef ALMANAC_QUERY_AST_BUILDER_H_
#define ALMANAC_QUERY_AST_BUILDER_H_

#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "query/ast.h"
#include "query/grammar.h"

namespace almanac {

template <typename Rule, typename... Rules>
inline constexpr bool kIsOneOf = (std::is_same_v<Rule, Rules> || ...);

// The binary operator levels: kept as nodes, except that one holding a
// single operand is replaced by it.
template <typename Rule>
inline constexpr bool kFoldOneRule =
    kIsOneOf<Rule, grammar::or_expr, grammar::and_expr, grammar::comparison,
             grammar::additive, grammar::multiplicative>;

// The rules the parse tree keeps as nodes (with their text); every other
// rule leaves no trace in it.
template <typename Rule>
inline constexpr bool kKeptRule =
    kFoldOneRule<Rule> ||
    kIsOneOf<
        Rule,
        // Terms and times.
        grammar::variable, grammar::parameter, grammar::quoted_name,
        grammar::string_literal, grammar::date_literal, grammar::number_literal,
        grammar::true_literal, grammar::false_literal, grammar::bare_entity,
        grammar::time_from, grammar::time_to, grammar::time_dots,
        grammar::time_literal, grammar::time_interval, grammar::pattern_time,
        // Expressions.
        grammar::function_call, grammar::function_name, grammar::count_star,
        grammar::distinct_flag, grammar::negation, grammar::logical_not,
        grammar::op_multiply, grammar::op_divide, grammar::op_add,
        grammar::op_subtract, grammar::op_not_equal, grammar::op_less_equal,
        grammar::op_greater_equal, grammar::op_equal, grammar::op_less,
        grammar::op_greater, grammar::op_in, grammar::op_before,
        grammar::op_after, grammar::op_during, grammar::op_overlaps,
        grammar::op_contains,
        // Patterns.
        grammar::repeat_plus, grammar::repeat_star, grammar::repeat_min,
        grammar::repeat_comma, grammar::repeat_max, grammar::path_repeat,
        grammar::triple, grammar::filter_element, grammar::optional_element,
        grammar::not_exists_element, grammar::union_element,
        grammar::group_pattern,
        // Statements.
        grammar::projection_item, grammar::alias_name, grammar::find_star,
        grammar::group_by, grammar::order_by, grammar::order_key,
        grammar::asc_flag, grammar::desc_flag, grammar::limit_value,
        grammar::offset_value, grammar::find_statement, grammar::add_fact,
        grammar::source_value, grammar::add_statement, grammar::retract_fact,
        grammar::retract_statement, grammar::begin_statement,
        grammar::commit_statement, grammar::rollback_statement,
        grammar::format_json, grammar::analyze_flag, grammar::profile_flag,
        grammar::explain_statement>;

// One object per rule, whose address names the rule in a ParseNode. Not
// const: the linker may fold equal constants into one, and two rules would
// then have one address.
template <typename Rule>
inline char rule_tag = 0;

// A node of the parse tree: a kept rule that matched, its text and the
// nodes of the kept rules inside it, in order. Nodes live in the arena of
// the parse that made them (query/parser.cc).
struct ParseNode {
  // Where the match begins: 1-based line and column, and byte offset.
  struct Begin {
    size_t line = 1;
    size_t column = 1;
    size_t byte = 0;
  };

  const char* rule = nullptr;  // &rule_tag<Rule>.
  std::string_view text;
  Begin begin;
  std::span<ParseNode* const> children;

  template <typename Rule>
  bool is_type() const {
    static_assert(kKeptRule<Rule>, "the tree holds kept rules only");
    return rule == &rule_tag<Rule>;
  }
  std::string_view string_view() const { return text; }
};

// Returns the statements of the parse tree `root` of grammar::script, parsed
// from `text` (which the tree points into). Errors are InvalidArgument in
// the format of ParseError() (query/parse_errors.h).
absl::StatusOr<std::vector<ast::Statement>> BuildStatements(
    const ParseNode& root, std::string_view text);

// The pieces of the builder that ast_builder.cc and expression_builder.cc
// share.
namespace ast_builder_internal {

ast::Position PositionOf(const ParseNode& n);

// InvalidArgument in the format of ParseError(), at the start of `n`.
absl::Status ErrorAt(std::string_view text, const ParseNode& n,
                     std::string_view message);

// One of grammar::term's alternatives: ?var, $param or a constant.
absl::StatusOr<ast::Node> BuildNode(std::string_view text, const ParseNode& n);

// A time_literal or time_interval node.
absl::StatusOr<ValidTime> BuildTimeLiteral(std::string_view text,
                                           const ParseNode& n);

// An expression node; `depth` is how deep in the expression tree the result
// will sit (1 at the top), so that no tree grows past kMaxExpressionDepth.
absl::StatusOr<ast::Expr> BuildExpression(std::string_view text,
                                          const ParseNode& n, int depth);

}  // namespace ast_builder_internal
}  // namespace almanac

#endif  // ALMANAC_QUERY_AST_BUILDER_H_
