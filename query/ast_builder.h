// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The second half of Parse(): which grammar rules the PEGTL parse tree keeps
// (KeptRule), and the walk that turns that tree into AST statements. Checks
// that need values rather than syntax happen here too: dates, number ranges,
// function arguments, no variables in facts.

#ifndef ALMANAC_QUERY_AST_BUILDER_H_
#define ALMANAC_QUERY_AST_BUILDER_H_

#include <string_view>
#include <tao/pegtl/contrib/parse_tree.hpp>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "almanac/date.h"
#include "query/ast.h"
#include "query/grammar.h"

namespace almanac {

// The parse tree keeps these rules as nodes (with their text); the binary
// operator levels fold away when they hold a single operand.
template <typename Rule>
using KeptRule = tao::pegtl::parse_tree::selector<
    Rule,
    tao::pegtl::parse_tree::store_content::on<
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
        grammar::explain_statement>,
    tao::pegtl::parse_tree::fold_one::on<grammar::or_expr, grammar::and_expr,
                                         grammar::comparison, grammar::additive,
                                         grammar::multiplicative>>;

// A node of the parse tree. The parser starts a node for every kept rule
// it tries and drops most of them again (a term tries ?var, $param, a
// name, a string, ... in turn: about ten nodes tried for each one kept), so
// nodes are recycled through a small per-thread free list rather than the
// heap.
struct ParseNode : tao::pegtl::parse_tree::basic_node<ParseNode> {
  // User-provided, so that the parser's make_unique<ParseNode>() constructs
  // the members rather than first zeroing all 120 bytes (a measurable part
  // of parsing, as nodes are started so often).
  ParseNode() {}  // NOLINT(modernize-use-equals-default)

  static void* operator new(std::size_t size);
  static void operator delete(void* node, std::size_t size) noexcept;
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
