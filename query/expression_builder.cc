// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// From parse tree to ast::Expr: the expression half of the AST builder
// (query/ast_builder.h). The binary operator levels of the grammar fold away
// when they hold one operand, so a node here is an operator chain, a
// comparison, a call, NOT, unary minus, a time literal or a term.

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "query/ast_builder.h"
#include "query/grammar.h"
#include "query/parser.h"

namespace almanac::ast_builder_internal {
namespace {

namespace g = grammar;
using Kind = ast::Expr::Kind;

struct Function {
  std::string_view name;
  int arity;
  bool aggregate;
};
constexpr Function kFunctions[] = {
    {"count", 1, true},        {"min", 1, true},        {"max", 1, true},
    {"sum", 1, true},          {"avg", 1, true},        {"contains", 2, false},
    {"starts_with", 2, false}, {"ends_with", 2, false}, {"lower", 1, false},
    {"upper", 1, false},       {"matches", 2, false},   {"year", 1, false},
    {"month", 1, false},       {"day", 1, false},       {"str", 1, false},
};

// The kind of a binary operator node.
Kind OperatorKind(const ParseNode& op) {
  if (op.is_type<g::op_multiply>()) return Kind::kMultiply;
  if (op.is_type<g::op_divide>()) return Kind::kDivide;
  if (op.is_type<g::op_add>()) return Kind::kAdd;
  if (op.is_type<g::op_subtract>()) return Kind::kSubtract;
  if (op.is_type<g::op_not_equal>()) return Kind::kNotEqual;
  if (op.is_type<g::op_less_equal>()) return Kind::kLessEqual;
  if (op.is_type<g::op_greater_equal>()) return Kind::kGreaterEqual;
  if (op.is_type<g::op_less>()) return Kind::kLess;
  if (op.is_type<g::op_greater>()) return Kind::kGreater;
  if (op.is_type<g::op_before>()) return Kind::kBefore;
  if (op.is_type<g::op_after>()) return Kind::kAfter;
  if (op.is_type<g::op_during>()) return Kind::kDuring;
  if (op.is_type<g::op_overlaps>()) return Kind::kOverlaps;
  if (op.is_type<g::op_contains>()) return Kind::kContains;
  if (op.is_type<g::op_in>()) return Kind::kIn;
  return Kind::kEqual;
}

absl::Status TooDeep(std::string_view text, const ParseNode& n) {
  return ErrorAt(text, n,
                 absl::StrCat("expression too deeply nested: at most ",
                              kMaxExpressionDepth, " levels"));
}

// a OR b OR c, a AND b, a + b - c, a * b / c: left-associative. The
// children are the operands, with an operator node between two operands
// for + - * /.
absl::StatusOr<ast::Expr> Chain(std::string_view text, const ParseNode& n,
                                int depth) {
  const auto& c = n.children;
  const bool has_operators =
      n.is_type<g::additive>() || n.is_type<g::multiplicative>();
  const int operators =
      static_cast<int>(has_operators ? (c.size() - 1) / 2 : c.size() - 1);
  if (depth + operators > kMaxExpressionDepth) return TooDeep(text, n);
  // The leftmost operand sits at the bottom of the chain.
  ALMANAC_ASSIGN_OR_RETURN(ast::Expr result,
                           BuildExpression(text, *c[0], depth + operators));
  int level = operators;
  for (size_t i = 1; i < c.size();) {
    ast::Expr parent;
    parent.position = PositionOf(n);
    parent.kind = has_operators             ? OperatorKind(*c[i++])
                  : n.is_type<g::or_expr>() ? Kind::kOr
                                            : Kind::kAnd;
    --level;
    ALMANAC_ASSIGN_OR_RETURN(ast::Expr right,
                             BuildExpression(text, *c[i++], depth + level + 1));
    parent.args.push_back(std::move(result));
    parent.args.push_back(std::move(right));
    result = std::move(parent);
  }
  return result;
}

// Children: left, operator, right (or the values of an IN list). The right
// side of a time relation is a time_literal (so kTime), ?var or $param.
absl::StatusOr<ast::Expr> Comparison(std::string_view text, const ParseNode& n,
                                     int depth) {
  const auto& c = n.children;
  ast::Expr expr;
  expr.position = PositionOf(n);
  expr.kind = OperatorKind(*c[1]);
  for (size_t i = 0; i < c.size(); ++i) {
    if (i == 1) continue;
    ALMANAC_ASSIGN_OR_RETURN(ast::Expr arg,
                             BuildExpression(text, *c[i], depth + 1));
    expr.args.push_back(std::move(arg));
  }
  return expr;
}

// Children: function_name, then count_star, or [distinct_flag] arguments.
absl::StatusOr<ast::Expr> Call(std::string_view text, const ParseNode& n,
                               int depth) {
  const auto& c = n.children;
  ast::Expr expr;
  expr.position = PositionOf(n);
  const std::string_view name = c[0]->string_view();
  expr.name =
      absl::AsciiStrToLower(absl::string_view(name.data(), name.size()));
  const Function* function = nullptr;
  for (const Function& f : kFunctions) {
    if (f.name == expr.name) function = &f;
  }
  if (function == nullptr) {  // The grammar lets only known names through.
    return ErrorAt(text, n, "unknown function");
  }
  expr.kind = function->aggregate ? Kind::kAggregate : Kind::kCall;
  for (size_t i = 1; i < c.size(); ++i) {
    if (c[i]->is_type<g::count_star>()) {
      if (expr.name != "count") {
        return ErrorAt(text, *c[i],
                       absl::StrCat("only count takes *, not ", expr.name));
      }
      expr.kind = Kind::kCountStar;
      return expr;
    }
    if (c[i]->is_type<g::distinct_flag>()) {
      if (!function->aggregate) {
        return ErrorAt(
            text, *c[i],
            absl::StrCat("DISTINCT is for aggregates, not ", expr.name, "()"));
      }
      expr.distinct = true;
      continue;
    }
    ALMANAC_ASSIGN_OR_RETURN(ast::Expr arg,
                             BuildExpression(text, *c[i], depth + 1));
    expr.args.push_back(std::move(arg));
  }
  if (static_cast<int>(expr.args.size()) != function->arity) {
    return ErrorAt(
        text, n,
        absl::StrCat(expr.name, "() takes ", function->arity,
                     function->arity == 1 ? " argument" : " arguments",
                     ", not ", expr.args.size()));
  }
  return expr;
}

}  // namespace

absl::StatusOr<ast::Expr> BuildExpression(std::string_view text,
                                          const ParseNode& n, int depth) {
  if (depth > kMaxExpressionDepth) return TooDeep(text, n);
  if (n.is_type<g::or_expr>() || n.is_type<g::and_expr>() ||
      n.is_type<g::additive>() || n.is_type<g::multiplicative>()) {
    return Chain(text, n, depth);
  }
  if (n.is_type<g::comparison>()) return Comparison(text, n, depth);
  if (n.is_type<g::function_call>()) return Call(text, n, depth);

  ast::Expr expr;
  expr.position = PositionOf(n);
  if (n.is_type<g::variable>() || n.is_type<g::parameter>()) {
    // The common case (FIND ?a, ?b), without a Node between.
    expr.kind = n.is_type<g::variable>() ? Kind::kVariable : Kind::kParameter;
    expr.name = std::string(n.string_view().substr(1));
  } else if (n.is_type<g::logical_not>() || n.is_type<g::negation>()) {
    expr.kind = n.is_type<g::logical_not>() ? Kind::kNot : Kind::kNegate;
    ALMANAC_ASSIGN_OR_RETURN(ast::Expr operand,
                             BuildExpression(text, *n.children[0], depth + 1));
    expr.args.push_back(std::move(operand));
  } else if (n.is_type<g::time_interval>() || n.is_type<g::time_literal>()) {
    expr.kind = Kind::kTime;
    ALMANAC_ASSIGN_OR_RETURN(expr.time, BuildTimeLiteral(text, n));
  } else {
    ALMANAC_ASSIGN_OR_RETURN(ast::Node node, BuildNode(text, n));
    expr.kind = node.kind == ast::Node::Kind::kVariable    ? Kind::kVariable
                : node.kind == ast::Node::Kind::kParameter ? Kind::kParameter
                                                           : Kind::kConstant;
    expr.name = std::move(node.name);
    expr.constant = std::move(node.constant);
  }
  return expr;
}

}  // namespace almanac::ast_builder_internal
