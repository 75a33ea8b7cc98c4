// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// From parse tree to AST: statements, patterns, facts, terms and times
// (expressions are in expression_builder.cc). The tree holds only the rules
// kKeptRule lists, in the order they matched, so each function reads the
// children of one kind of node; the grammar has already checked the syntax.

#include "query/ast_builder.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "almanac/date.h"
#include "almanac/status_macros.h"
#include "almanac/term.h"
#include "query/grammar.h"
#include "query/parse_errors.h"

namespace almanac {
namespace ast_builder_internal {
namespace {

namespace g = grammar;

std::string_view View(absl::string_view s) { return {s.data(), s.size()}; }

// Returns the text between the quotes of `quoted` with its escapes resolved
// (the grammar let through only valid ones).
std::string Unquote(std::string_view quoted) {
  std::string text;
  for (size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\') {
      c = quoted[++i];
      if (c == 'n') c = '\n';
      if (c == 't') c = '\t';
    }
    text += c;
  }
  return text;
}

absl::StatusOr<Term> Constant(std::string_view text, const ParseNode& n) {
  const std::string_view written = n.string_view();
  if (n.is_type<g::bare_entity>()) return Term::Entity(std::string(written));
  if (n.is_type<g::string_literal>()) return Term::String(Unquote(written));
  if (n.is_type<g::true_literal>()) return Term::Boolean(true);
  if (n.is_type<g::false_literal>()) return Term::Boolean(false);
  if (n.is_type<g::quoted_name>()) {
    std::string name = Unquote(written);
    if (name.empty()) return ErrorAt(text, n, "an entity name cannot be empty");
    return Term::Entity(std::move(name));
  }
  // A number or a date; out of range values are errors.
  absl::StatusOr<Term> term = Term::ParseObjectField(written);
  if (!term.ok()) return ErrorAt(text, n, View(term.status().message()));
  return term;
}

}  // namespace

ast::Position PositionOf(const ParseNode& n) {
  return ast::Position{static_cast<int>(n.begin.line),
                       static_cast<int>(n.begin.column), n.begin.byte};
}

absl::Status ErrorAt(std::string_view text, const ParseNode& n,
                     std::string_view message) {
  return ParseError(text, PositionOf(n), message);
}

absl::StatusOr<ast::Node> BuildNode(std::string_view text, const ParseNode& n) {
  ast::Node node;
  node.position = PositionOf(n);
  if (n.is_type<g::variable>() || n.is_type<g::parameter>()) {
    node.kind = n.is_type<g::variable>() ? ast::Node::Kind::kVariable
                                         : ast::Node::Kind::kParameter;
    node.name = std::string(n.string_view().substr(1));
  } else {
    node.kind = ast::Node::Kind::kConstant;
    ALMANAC_ASSIGN_OR_RETURN(node.constant, Constant(text, n));
  }
  return node;
}

// Each date is checked on its own so that an error points at it; then the
// whole, e.g. for an interval that ends before it begins.
absl::StatusOr<ValidTime> BuildTimeLiteral(std::string_view text,
                                           const ParseNode& n) {
  std::string written;
  for (const auto& c : n.children) {
    if (c->is_type<g::time_dots>()) {
      written += "..";
      continue;
    }
    const absl::StatusOr<Date> date = Date::Parse(c->string_view());
    if (!date.ok()) return ErrorAt(text, *c, View(date.status().message()));
    written += c->string_view();
  }
  absl::StatusOr<ValidTime> time = ValidTime::Parse(written);
  if (!time.ok()) return ErrorAt(text, n, View(time.status().message()));
  return time;
}

}  // namespace ast_builder_internal

namespace {

namespace g = grammar;
using ast_builder_internal::BuildExpression;
using ast_builder_internal::BuildNode;
using ast_builder_internal::BuildTimeLiteral;
using ast_builder_internal::PositionOf;

class StatementBuilder {
 public:
  explicit StatementBuilder(std::string_view text) : text_(text) {}

  absl::StatusOr<ast::Statement> Statement(const ParseNode& n) {
    ast::Statement statement;
    if (n.is_type<g::explain_statement>()) {
      const ParseNode* explained = nullptr;
      bool analyze = false;
      bool json = false;
      for (const auto& c : n.children) {
        if (c->is_type<g::format_json>()) {
          json = true;
        } else if (c->is_type<g::analyze_flag>() ||
                   c->is_type<g::profile_flag>()) {
          analyze = true;
        } else {
          explained = c;
        }
      }
      ALMANAC_ASSIGN_OR_RETURN(statement, Statement(*explained));
      statement.explain = analyze ? ast::Statement::Explain::kAnalyze
                                  : ast::Statement::Explain::kPlan;
      statement.explain_json = json;
    } else if (n.is_type<g::find_statement>()) {
      statement.kind = ast::Statement::Kind::kFind;
      ALMANAC_ASSIGN_OR_RETURN(statement.find, Find(n));
    } else if (n.is_type<g::add_statement>() ||
               n.is_type<g::retract_statement>()) {
      statement.kind = n.is_type<g::add_statement>()
                           ? ast::Statement::Kind::kAdd
                           : ast::Statement::Kind::kRetract;
      for (const auto& c : n.children) {
        ALMANAC_ASSIGN_OR_RETURN(ast::FactTemplate fact, Fact(*c));
        statement.facts.push_back(std::move(fact));
      }
    } else if (n.is_type<g::begin_statement>()) {
      statement.kind = ast::Statement::Kind::kBegin;
    } else if (n.is_type<g::commit_statement>()) {
      statement.kind = ast::Statement::Kind::kCommit;
    } else {
      statement.kind = ast::Statement::Kind::kRollback;
    }
    statement.position = PositionOf(n);
    return statement;
  }

 private:
  absl::Status Error(const ParseNode& n, std::string_view message) const {
    return ast_builder_internal::ErrorAt(text_, n, message);
  }

  absl::StatusOr<ast::FindQuery> Find(const ParseNode& n) {
    ast::FindQuery find;
    for (const auto& c : n.children) {
      if (c->is_type<g::distinct_flag>()) {
        find.distinct = true;
      } else if (c->is_type<g::find_star>()) {
        find.star = true;
      } else if (c->is_type<g::projection_item>()) {
        // Built in place: the AST's structs are large to move.
        if (find.items.empty()) find.items.reserve(n.children.size());
        ast::ProjectionItem& item = find.items.emplace_back();
        ALMANAC_ASSIGN_OR_RETURN(item.expr,
                                 BuildExpression(text_, *c->children[0], 1));
        if (c->children.size() > 1) {
          std::string_view alias = c->children[1]->string_view();
          if (alias.front() == '?') alias.remove_prefix(1);
          item.alias = std::string(alias);
        }
      } else if (c->is_type<g::group_pattern>()) {
        ALMANAC_ASSIGN_OR_RETURN(find.where, Group(*c));
      } else if (c->is_type<g::group_by>()) {
        for (const auto& key : c->children) {
          ALMANAC_ASSIGN_OR_RETURN(ast::Expr expr, Key(*key));
          find.group_by.push_back(std::move(expr));
        }
      } else if (c->is_type<g::order_by>()) {
        for (const auto& key : c->children) {
          ast::OrderKey order;
          ALMANAC_ASSIGN_OR_RETURN(order.expr, Key(*key->children[0]));
          order.descending = key->children.size() > 1 &&
                             key->children[1]->is_type<g::desc_flag>();
          find.order_by.push_back(std::move(order));
        }
      } else if (c->is_type<g::limit_value>()) {
        ALMANAC_ASSIGN_OR_RETURN(find.limit, Count(*c));
      } else if (c->is_type<g::offset_value>()) {
        ALMANAC_ASSIGN_OR_RETURN(find.offset, Count(*c));
      }
    }
    return find;
  }

  // A GROUP BY or ORDER BY key. A bare name alone as a key refers to an
  // alias of the projection (ORDER BY n), so it is a kVariable named n; the
  // binder resolves it. Anywhere else in an expression a bare name is an
  // entity constant.
  absl::StatusOr<ast::Expr> Key(const ParseNode& n) {
    if (!n.is_type<g::bare_entity>()) return BuildExpression(text_, n, 1);
    ast::Expr expr;
    expr.kind = ast::Expr::Kind::kVariable;
    expr.name = std::string(n.string_view());
    expr.position = PositionOf(n);
    return expr;
  }

  absl::StatusOr<int64_t> Count(const ParseNode& n) {
    const std::string_view digits = n.string_view();
    int64_t value = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size()) {
      return Error(
          n, absl::StrCat("number ", std::string(digits), " is too large"));
    }
    return value;
  }

  absl::StatusOr<ast::GroupPattern> Group(const ParseNode& n) {
    ast::GroupPattern group;
    group.elements.reserve(n.children.size());
    for (const auto& c : n.children) {
      ast::PatternElement& element = group.elements.emplace_back();
      element.position = PositionOf(*c);
      if (c->is_type<g::triple>()) {
        element.kind = ast::PatternElement::Kind::kTriple;
        ALMANAC_RETURN_IF_ERROR(Triple(*c, &element.triple));
      } else if (c->is_type<g::filter_element>()) {
        element.kind = ast::PatternElement::Kind::kFilter;
        ALMANAC_ASSIGN_OR_RETURN(element.filter,
                                 BuildExpression(text_, *c->children[0], 1));
      } else {
        element.kind = c->is_type<g::optional_element>()
                           ? ast::PatternElement::Kind::kOptional
                       : c->is_type<g::not_exists_element>()
                           ? ast::PatternElement::Kind::kNotExists
                           : ast::PatternElement::Kind::kUnion;
        for (const auto& branch : c->children) {
          ALMANAC_ASSIGN_OR_RETURN(ast::GroupPattern inner, Group(*branch));
          element.groups.push_back(std::move(inner));
        }
      }
    }
    return group;
  }

  // Children: subject, predicate, [path_repeat], object, [pattern_time],
  // [source_value]. Fills *out, a default one.
  absl::Status Triple(const ParseNode& n, ast::TriplePattern* out) {
    ast::TriplePattern& triple = *out;
    triple.position = PositionOf(n);
    size_t i = 0;
    ALMANAC_ASSIGN_OR_RETURN(triple.subject,
                             BuildNode(text_, *n.children[i++]));
    const ParseNode& predicate = *n.children[i++];
    ALMANAC_ASSIGN_OR_RETURN(triple.predicate, BuildNode(text_, predicate));
    if (n.children[i]->is_type<g::path_repeat>()) {
      ALMANAC_ASSIGN_OR_RETURN(triple.repeat, Repeat(*n.children[i++]));
      if (triple.predicate.kind != ast::Node::Kind::kConstant) {
        return Error(predicate,
                     "a repeated predicate (+, *, {m,n}) must be a "
                     "constant, not a variable or parameter");
      }
    }
    ALMANAC_ASSIGN_OR_RETURN(triple.object, BuildNode(text_, *n.children[i++]));
    if (i < n.children.size() && n.children[i]->is_type<g::pattern_time>()) {
      ALMANAC_ASSIGN_OR_RETURN(triple.time, Time(*n.children[i++]));
    }
    if (i < n.children.size()) {
      ALMANAC_ASSIGN_OR_RETURN(triple.source,
                               BuildNode(text_, *n.children[i]->children[0]));
    }
    return absl::OkStatus();
  }

  // Children: +, * or min [, [max]].
  absl::StatusOr<ast::PathRepeat> Repeat(const ParseNode& n) {
    ast::PathRepeat repeat;
    const auto& c = n.children;
    if (c[0]->is_type<g::repeat_plus>() || c[0]->is_type<g::repeat_star>()) {
      repeat.min = c[0]->is_type<g::repeat_plus>() ? 1 : 0;
      repeat.max = ast::PathRepeat::kUnbounded;
      return repeat;
    }
    for (size_t i = 0; i < c.size(); ++i) {
      if (c[i]->is_type<g::repeat_comma>()) continue;
      const std::string_view digits = c[i]->string_view();
      int value = 0;
      const auto [end, error] =
          std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (error != std::errc() || end != digits.data() + digits.size()) {
        return Error(*c[i], "repeat count is too large");
      }
      (i == 0 ? repeat.min : repeat.max) = value;
    }
    if (c.size() == 1) repeat.max = repeat.min;                   // {n}
    if (c.size() == 2) repeat.max = ast::PathRepeat::kUnbounded;  // {m,}
    if (repeat.max != ast::PathRepeat::kUnbounded && repeat.max < repeat.min) {
      return Error(n, "the most repeats are fewer than the fewest");
    }
    if (repeat.max == 0) return Error(n, "a path must repeat at least once");
    return repeat;
  }

  // Children: subject, predicate, object, [pattern_time], [source_value].
  absl::StatusOr<ast::FactTemplate> Fact(const ParseNode& n) {
    ast::FactTemplate fact;
    fact.position = PositionOf(n);
    ast::Node* const nodes[] = {&fact.subject, &fact.predicate, &fact.object};
    for (size_t i = 0; i < 3; ++i) {
      ALMANAC_ASSIGN_OR_RETURN(*nodes[i], FactNode(*n.children[i]));
    }
    for (size_t i = 3; i < n.children.size(); ++i) {
      const ParseNode& c = *n.children[i];
      if (c.is_type<g::pattern_time>()) {
        ALMANAC_ASSIGN_OR_RETURN(fact.time, Time(c));
        if (fact.time->kind == ast::TimeNode::Kind::kVariable) {
          return Error(*c.children[0], kNoVariableInFact);
        }
      } else {
        ALMANAC_ASSIGN_OR_RETURN(fact.source, FactNode(*c.children[0]));
      }
    }
    return fact;
  }

  static constexpr std::string_view kNoVariableInFact =
      "a fact to add or retract cannot hold a variable: use a constant or a "
      "$parameter";

  absl::StatusOr<ast::Node> FactNode(const ParseNode& n) {
    ALMANAC_ASSIGN_OR_RETURN(ast::Node node, BuildNode(text_, n));
    if (node.kind == ast::Node::Kind::kVariable) {
      return Error(n, kNoVariableInFact);
    }
    return node;
  }

  // A pattern_time node: the time after '@'.
  absl::StatusOr<ast::TimeNode> Time(const ParseNode& n) {
    const ParseNode& c = *n.children[0];
    ast::TimeNode time;
    time.position = PositionOf(c);
    if (c.is_type<g::variable>() || c.is_type<g::parameter>()) {
      time.kind = c.is_type<g::variable>() ? ast::TimeNode::Kind::kVariable
                                           : ast::TimeNode::Kind::kParameter;
      time.name = std::string(c.string_view().substr(1));
    } else {
      time.kind = ast::TimeNode::Kind::kLiteral;
      ALMANAC_ASSIGN_OR_RETURN(time.literal, BuildTimeLiteral(text_, c));
    }
    return time;
  }

  std::string_view text_;
};

}  // namespace

absl::StatusOr<std::vector<ast::Statement>> BuildStatements(
    const ParseNode& root, std::string_view text) {
  StatementBuilder builder(text);
  std::vector<ast::Statement> statements;
  for (const auto& child : root.children) {
    ALMANAC_ASSIGN_OR_RETURN(ast::Statement statement,
                             builder.Statement(*child));
    statements.push_back(std::move(statement));
  }
  return statements;
}

}  // namespace almanac
