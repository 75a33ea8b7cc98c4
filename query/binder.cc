// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/binder.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "almanac/status_macros.h"
#include "query/query_error.h"
#include "storage/fact_scanner.h"
#include "storage/term_id.h"

namespace almanac {
namespace {

using Kind = ast::Expr::Kind;

bool IsAggregate(const ast::Expr& expr) {
  return expr.kind == Kind::kCountStar || expr.kind == Kind::kAggregate;
}

// The text a result column is named by when the query gives no alias.
std::string ColumnName(const ast::Expr& expr) {
  switch (expr.kind) {
    case Kind::kVariable:
      return expr.name;
    case Kind::kCountStar:
      return "count(*)";
    case Kind::kAggregate:
    case Kind::kCall: {
      std::vector<std::string> args;
      for (const ast::Expr& arg : expr.args) args.push_back(ColumnName(arg));
      return absl::StrCat(expr.name, "(", expr.distinct ? "DISTINCT " : "",
                          absl::StrJoin(args, ", "), ")");
    }
    case Kind::kConstant:
      return expr.constant.ToString();
    default:
      return "expr";
  }
}

// Edit distance with a cut-off: returns limit + 1 when larger than limit.
int EditDistance(std::string_view a, std::string_view b, int limit) {
  if (static_cast<int>(a.size()) - static_cast<int>(b.size()) > limit ||
      static_cast<int>(b.size()) - static_cast<int>(a.size()) > limit) {
    return limit + 1;
  }
  std::vector<int> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const int cost =
          absl::ascii_tolower(a[i - 1]) == absl::ascii_tolower(b[j - 1]) ? 0
                                                                         : 1;
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// Appends `node` as the query language writes it to *text.
void AppendNodeText(const ast::Node& node, std::string* text) {
  switch (node.kind) {
    case ast::Node::Kind::kVariable:
      text->push_back('?');
      text->append(node.name);
      return;
    case ast::Node::Kind::kParameter:
      text->push_back('$');
      text->append(node.name);
      return;
    case ast::Node::Kind::kConstant:
      text->append(node.constant.ToString());
      return;
  }
}

// The pattern as the query language writes it, for EXPLAIN. Built for
// every pattern bound, so in one string, piece by piece.
std::string PatternText(const ast::TriplePattern& triple) {
  std::string text;
  text.reserve(64);
  AppendNodeText(triple.subject, &text);
  text.push_back(' ');
  AppendNodeText(triple.predicate, &text);
  const ast::PathRepeat& repeat = triple.repeat;
  if (!repeat.is_single()) {
    if (repeat.max == ast::PathRepeat::kUnbounded && repeat.min <= 1) {
      text.append(repeat.min == 0 ? "*" : "+");
    } else if (repeat.max == ast::PathRepeat::kUnbounded) {
      absl::StrAppend(&text, "{", repeat.min, ",}");
    } else {
      absl::StrAppend(&text, "{", repeat.min, ",", repeat.max, "}");
    }
  }
  text.push_back(' ');
  AppendNodeText(triple.object, &text);
  if (triple.time) {
    switch (triple.time->kind) {
      case ast::TimeNode::Kind::kVariable:
        text.append(" @ ?");
        text.append(triple.time->name);
        break;
      case ast::TimeNode::Kind::kParameter:
        text.append(" @ $");
        text.append(triple.time->name);
        break;
      case ast::TimeNode::Kind::kLiteral:
        text.append(" @ ");
        text.append(triple.time->literal.ToString());
        break;
    }
  }
  if (triple.source) {
    text.append(" SOURCE ");
    AppendNodeText(*triple.source, &text);
  }
  return text;
}

// Whether two expressions are written the same (positions aside).
bool SameExpr(const ast::Expr& a, const ast::Expr& b) {
  if (a.kind != b.kind || a.name != b.name || a.distinct != b.distinct ||
      !(a.constant == b.constant) || !(a.time == b.time) ||
      a.args.size() != b.args.size()) {
    return false;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!SameExpr(a.args[i], b.args[i])) return false;
  }
  return true;
}

}  // namespace

bool HasAggregate(const ast::Expr& expr) {
  if (IsAggregate(expr)) return true;
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [](const ast::Expr& arg) { return HasAggregate(arg); });
}

absl::StatusOr<std::vector<std::string>> SuggestEntities(
    const Store& store, const rocksdb::Snapshot* snapshot,
    std::string_view name, int limit) {
  // Reads at most this many names: suggestions must stay cheap.
  constexpr int kMaxNamesRead = 200000;
  const int max_distance = std::max<int>(2, static_cast<int>(name.size()) / 3);
  rocksdb::ReadOptions read_options;
  read_options.snapshot = snapshot;
  std::unique_ptr<rocksdb::Iterator> it(
      store.db()->NewIterator(read_options, store.handle(Family::kTermIds)));
  const std::string prefix(1, static_cast<char>(TermKind::kEntity));
  std::vector<std::pair<int, std::string>> found;
  int read = 0;
  for (it->Seek(prefix);
       it->Valid() && it->key().starts_with(prefix) && read < kMaxNamesRead;
       it->Next(), ++read) {
    const std::string_view candidate(it->key().data() + 1,
                                     it->key().size() - 1);
    int distance = EditDistance(name, candidate, max_distance);
    const bool prefix_match =
        candidate.size() > name.size() && name.size() >= 3 &&
        absl::EqualsIgnoreCase(absl::string_view(candidate.data(), name.size()),
                               absl::string_view(name.data(), name.size()));
    if (prefix_match) distance = std::min(distance, max_distance);
    if (distance <= max_distance) {
      found.emplace_back(distance, std::string(candidate));
    }
  }
  ALMANAC_RETURN_IF_ERROR(
      FromRocksStatus(it->status(), "cannot read the dictionary"));
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  for (size_t i = 0; i < found.size() && static_cast<int>(i) < limit; ++i) {
    names.push_back(found[i].second);
  }
  return names;
}

Binder::Binder(const Store& store, const rocksdb::Snapshot* snapshot,
               std::string_view text, const QueryParameters& parameters)
    : store_(store),
      dictionary_(store, snapshot),
      snapshot_(snapshot),
      text_(text),
      parameters_(parameters) {}

int Binder::SlotOf(const std::string& name) {
  if (const int slot = FindSlot(name); slot >= 0) return slot;
  slot_names_.push_back(name);
  return static_cast<int>(slot_names_.size()) - 1;
}

int Binder::FindSlot(std::string_view name) const {
  for (size_t slot = 0; slot < slot_names_.size(); ++slot) {
    if (slot_names_[slot] == name) return static_cast<int>(slot);
  }
  return -1;
}

absl::Status Binder::UnknownEntity(const Term& term,
                                   const ast::Position& position) {
  ALMANAC_ASSIGN_OR_RETURN(std::vector<std::string> suggestions,
                           SuggestEntities(store_, snapshot_, term.text(), 3));
  std::string message = absl::StrCat("unknown entity ", term.ToString());
  if (!suggestions.empty()) {
    std::vector<std::string> quoted;
    for (const std::string& name : suggestions) {
      quoted.push_back(Term::Entity(name).ToString());
    }
    absl::StrAppend(&message, "; did you mean ", absl::StrJoin(quoted, ", "),
                    "?");
  }
  return QueryError(text_, position, message);
}

absl::StatusOr<const Term*> Binder::ConstantOf(const ast::Node& node) {
  if (node.kind == ast::Node::Kind::kConstant) return &node.constant;
  auto it = parameters_.find(node.name);
  if (it == parameters_.end() || !std::holds_alternative<Term>(it->second)) {
    return QueryError(text_, node.position,
                      absl::StrCat("no term given for parameter $", node.name));
  }
  return &std::get<Term>(it->second);
}

absl::StatusOr<std::optional<TermId>> Binder::FindTerm(
    const Term& term, const ast::Position& position) {
  ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> id, dictionary_.Find(term));
  if (id || !term.is_entity()) return id;
  // Not an entity of the database: perhaps another name of one, stated by a
  // fact `ENTITY alias "NAME"`.
  ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> alias,
                           dictionary_.Find(Term::Entity(kAliasPredicate)));
  ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> name,
                           dictionary_.Find(Term::String(term.text())));
  if (!alias || !name) return std::nullopt;
  ScanSpec spec;
  spec.predicate = alias;
  spec.object = name;
  std::vector<TermId> entities;
  FactScanner scanner(store_, snapshot_, spec, /*read_sources=*/false);
  for (; scanner.Valid(); scanner.Next()) {
    const TermId subject = scanner.current().key.subject;
    if (entities.empty() || entities.back() != subject) {
      entities.push_back(subject);
    }
  }
  ALMANAC_RETURN_IF_ERROR(scanner.status());
  if (entities.size() <= 1) {
    return entities.empty() ? std::nullopt : std::optional(entities[0]);
  }
  std::vector<std::string> names;
  for (TermId entity : entities) {
    ALMANAC_ASSIGN_OR_RETURN(Term named, dictionary_.Decode(entity));
    names.push_back(named.ToString());
  }
  std::sort(names.begin(), names.end());
  return QueryError(
      text_, position,
      absl::StrCat(term.ToString(), " is another name of ",
                   absl::StrJoin(names, " and "), "; name one of them"));
}

absl::StatusOr<BoundTerm> Binder::BindPatternTerm(const ast::Node& node) {
  ALMANAC_ASSIGN_OR_RETURN(BoundTerm bound, BindTerm(node));
  if (node.kind == ast::Node::Kind::kParameter) {
    bound.parameter = static_cast<int>(parameter_terms_.size());
    parameter_terms_.push_back({&node, bound});
  }
  return bound;
}

absl::StatusOr<BoundTerm> Binder::BindTerm(const ast::Node& node) {
  BoundTerm bound;
  if (node.kind == ast::Node::Kind::kVariable) {
    bound.kind = BoundTerm::Kind::kSlot;
    bound.slot = SlotOf(node.name);
    return bound;
  }
  ALMANAC_ASSIGN_OR_RETURN(const Term* term, ConstantOf(node));
  ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> id,
                           FindTerm(*term, node.position));
  if (id) {
    bound.id = *id;
    return bound;
  }
  if (term->is_entity()) return UnknownEntity(*term, node.position);
  bound.kind = BoundTerm::Kind::kMissing;  // A literal never stored.
  return bound;
}

absl::StatusOr<BoundTime> Binder::BindTime(const ast::TimeNode& time) {
  BoundTime bound;
  switch (time.kind) {
    case ast::TimeNode::Kind::kVariable:
      bound.kind = BoundTime::Kind::kSlot;
      bound.slot = SlotOf(time.name);
      return bound;
    case ast::TimeNode::Kind::kLiteral:
      bound.kind = BoundTime::Kind::kConstant;
      bound.time = EncodeTime(time.literal);
      return bound;
    case ast::TimeNode::Kind::kParameter: {
      parameters_outside_terms_ = true;
      auto it = parameters_.find(time.name);
      if (it == parameters_.end() ||
          !std::holds_alternative<ValidTime>(it->second)) {
        return QueryError(
            text_, time.position,
            absl::StrCat("no time given for parameter $", time.name));
      }
      bound.kind = BoundTime::Kind::kConstant;
      bound.time = EncodeTime(std::get<ValidTime>(it->second));
      return bound;
    }
  }
  return bound;
}

absl::StatusOr<BoundPattern> Binder::BindPattern(
    const ast::TriplePattern& triple) {
  BoundPattern pattern;
  ALMANAC_ASSIGN_OR_RETURN(pattern.subject, BindPatternTerm(triple.subject));
  ALMANAC_ASSIGN_OR_RETURN(pattern.predicate,
                           BindPatternTerm(triple.predicate));
  ALMANAC_ASSIGN_OR_RETURN(pattern.object, BindPatternTerm(triple.object));
  if (triple.time) {
    ALMANAC_ASSIGN_OR_RETURN(pattern.time, BindTime(*triple.time));
  }
  if (triple.source) {
    ALMANAC_ASSIGN_OR_RETURN(pattern.source, BindPatternTerm(*triple.source));
    if (triple.source->kind == ast::Node::Kind::kConstant &&
        triple.source->constant.kind() != TermKind::kString) {
      return QueryError(text_, triple.source->position,
                        "SOURCE takes a string or a variable, as in "
                        "SOURCE \"The Hindu\" or SOURCE ?source");
    }
  }
  pattern.repeat = triple.repeat;
  if (!triple.repeat.is_single() &&
      (pattern.predicate.kind == BoundTerm::Kind::kSlot || triple.time)) {
    return QueryError(text_, triple.predicate.position,
                      "a repeated predicate (+, *, {m,n}) must be a name, "
                      "and the path cannot have a time");
  }
  if (!triple.repeat.is_single() && triple.source) {
    return QueryError(text_, triple.source->position,
                      "a path (+, *, {m,n}) has no source: it may cross "
                      "facts of several");
  }
  pattern.text = PatternText(triple);
  return pattern;
}

absl::Status Binder::BindGroup(const ast::GroupPattern& group,
                               BoundGroup* bound) {
  using ElementKind = ast::PatternElement::Kind;
  // Patterns, OPTIONAL and UNION first, in order; FILTER and NOT EXISTS
  // after, as they may use variables bound later in the group.
  for (const ast::PatternElement& element : group.elements) {
    switch (element.kind) {
      case ElementKind::kTriple: {
        ALMANAC_ASSIGN_OR_RETURN(BoundPattern pattern,
                                 BindPattern(element.triple));
        if (bound->steps.empty() ||
            bound->steps.back().kind != BoundGroup::Step::Kind::kPatterns) {
          bound->steps.emplace_back();
        }
        bound->steps.back().patterns.push_back(std::move(pattern));
        break;
      }
      case ElementKind::kOptional:
      case ElementKind::kUnion: {
        BoundGroup::Step step;
        step.kind = element.kind == ElementKind::kOptional
                        ? BoundGroup::Step::Kind::kOptional
                        : BoundGroup::Step::Kind::kUnion;
        for (const ast::GroupPattern& branch : element.groups) {
          BoundGroup inner;
          ALMANAC_RETURN_IF_ERROR(BindGroup(branch, &inner));
          step.groups.push_back(std::move(inner));
        }
        bound->steps.push_back(std::move(step));
        break;
      }
      case ElementKind::kFilter:
      case ElementKind::kNotExists:
        break;
    }
  }
  for (const ast::PatternElement& element : group.elements) {
    if (element.kind == ElementKind::kNotExists) {
      BoundGroup inner;
      ALMANAC_RETURN_IF_ERROR(BindGroup(element.groups.at(0), &inner));
      bound->not_exists.push_back(std::move(inner));
    } else if (element.kind == ElementKind::kFilter) {
      if (HasAggregate(element.filter)) {
        return QueryError(text_, element.filter.position,
                          "aggregates are not allowed in FILTER");
      }
      ALMANAC_ASSIGN_OR_RETURN(BoundExpr filter, BindExpr(element.filter));
      bound->filters.push_back(std::move(filter));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<BoundExpr> Binder::BindExpr(const ast::Expr& expr) {
  BoundExpr bound;
  bound.kind = expr.kind;
  bound.name = expr.name;
  bound.distinct = expr.distinct;
  switch (expr.kind) {
    case Kind::kVariable: {
      bound.slot = FindSlot(expr.name);
      if (bound.slot < 0) {
        return QueryError(
            text_, expr.position,
            absl::StrCat("?", expr.name, " does not appear in the pattern"));
      }
      return bound;
    }
    case Kind::kParameter: {
      parameters_outside_terms_ = true;
      auto it = parameters_.find(expr.name);
      if (it == parameters_.end()) {
        return QueryError(
            text_, expr.position,
            absl::StrCat("no value given for parameter $", expr.name));
      }
      if (const ValidTime* time = std::get_if<ValidTime>(&it->second)) {
        bound.kind = Kind::kTime;
        bound.constant = Value::Time(EncodeTime(*time));
        return bound;
      }
      ast::Expr constant = expr;
      constant.kind = Kind::kConstant;
      constant.constant = std::get<Term>(it->second);
      return BindExpr(constant);
    }
    case Kind::kConstant: {
      ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> id,
                               FindTerm(expr.constant, expr.position));
      if (id) {
        bound.constant = Value::Term(*id);
      } else if (expr.constant.is_entity()) {
        return UnknownEntity(expr.constant, expr.position);
      } else if (expr.constant.kind() == TermKind::kDecimal) {
        // Never stored: kept as a value of its kind.
        bound.constant =
            Value::Number(std::strtod(expr.constant.text().c_str(), nullptr));
      } else {
        bound.constant = Value::Text(expr.constant.text());
      }
      return bound;
    }
    case Kind::kTime:
      bound.constant = Value::Time(EncodeTime(expr.time));
      return bound;
    default:
      break;
  }
  for (const ast::Expr& arg : expr.args) {
    ALMANAC_ASSIGN_OR_RETURN(BoundExpr bound_arg, BindExpr(arg));
    bound.args.push_back(std::move(bound_arg));
  }
  return bound;
}

absl::StatusOr<BoundExpr> Binder::BindGroupedExpr(const ast::Expr& expr,
                                                  BoundFind* find) {
  const int keys = static_cast<int>(find->group_by.size());
  if (IsAggregate(expr)) {
    for (const ast::Expr& arg : expr.args) {
      if (HasAggregate(arg)) {
        return QueryError(text_, arg.position,
                          "an aggregate cannot hold another aggregate");
      }
    }
    ALMANAC_ASSIGN_OR_RETURN(BoundExpr aggregate, BindExpr(expr));
    find->aggregates.push_back(std::move(aggregate));
    BoundExpr reference;
    reference.kind = Kind::kVariable;
    reference.slot = keys + static_cast<int>(find->aggregates.size()) - 1;
    return reference;
  }
  // A group key as written (a variable, year(?t), ...) is its position.
  ALMANAC_ASSIGN_OR_RETURN(BoundExpr as_key, BindExpr(expr));
  for (int i = 0; i < keys; ++i) {
    if (SameExpr(*group_keys_[i], expr)) {
      BoundExpr reference;
      reference.kind = Kind::kVariable;
      reference.slot = i;
      return reference;
    }
  }
  if (expr.kind == Kind::kVariable) {
    return QueryError(text_, expr.position,
                      absl::StrCat("?", expr.name,
                                   " must be in GROUP BY or inside an "
                                   "aggregate such as count(?",
                                   expr.name, ")"));
  }
  BoundExpr bound = std::move(as_key);
  bound.args.clear();
  for (const ast::Expr& arg : expr.args) {
    ALMANAC_ASSIGN_OR_RETURN(BoundExpr bound_arg, BindGroupedExpr(arg, find));
    bound.args.push_back(std::move(bound_arg));
  }
  return bound;
}

absl::StatusOr<BoundFind> Binder::BindFind(const ast::FindQuery& query) {
  BoundFind find;
  ALMANAC_RETURN_IF_ERROR(BindGroup(query.where, &find.where));
  find.distinct = query.distinct;
  find.offset = query.offset.value_or(0);
  find.limit = query.limit;

  // The items as written; for FIND *, followed by every variable (copied
  // only then: copying each item's expression was a measurable part of
  // binding).
  std::vector<ast::ProjectionItem> star_items;
  if (query.star) {
    star_items = query.items;
    for (const std::string& name : slot_names_) {
      ast::ProjectionItem item;
      item.expr.kind = Kind::kVariable;
      item.expr.name = name;
      star_items.push_back(std::move(item));
    }
  }
  const std::vector<ast::ProjectionItem>& items =
      query.star ? star_items : query.items;
  find.grouped = !query.group_by.empty();
  for (const ast::ProjectionItem& item : items) {
    find.grouped = find.grouped || HasAggregate(item.expr);
  }
  for (const ast::OrderKey& key : query.order_by) {
    find.grouped = find.grouped || HasAggregate(key.expr);
  }

  if (find.grouped) {
    for (const ast::Expr& key : query.group_by) {
      ALMANAC_ASSIGN_OR_RETURN(BoundExpr bound, BindExpr(key));
      find.group_by.push_back(std::move(bound));
      group_keys_.push_back(&key);
    }
  }
  const auto bind_output = [&](const ast::Expr& expr) {
    return find.grouped ? BindGroupedExpr(expr, &find) : BindExpr(expr);
  };
  find.outputs.reserve(items.size());
  find.columns.reserve(items.size());
  for (const ast::ProjectionItem& item : items) {
    ALMANAC_ASSIGN_OR_RETURN(BoundExpr output, bind_output(item.expr));
    find.outputs.push_back(std::move(output));
    find.columns.push_back(item.alias.empty() ? ColumnName(item.expr)
                                              : item.alias);
  }
  for (const ast::OrderKey& key : query.order_by) {
    BoundFind::OrderKey bound_key;
    bound_key.descending = key.descending;
    // ORDER BY an output's alias sorts by that output.
    const auto alias = std::find_if(items.begin(), items.end(),
                                    [&](const ast::ProjectionItem& item) {
                                      return key.expr.kind == Kind::kVariable &&
                                             item.alias == key.expr.name;
                                    });
    if (alias != items.end()) {
      bound_key.expr = find.outputs[alias - items.begin()];
    } else {
      ALMANAC_ASSIGN_OR_RETURN(bound_key.expr, bind_output(key.expr));
    }
    find.order_by.push_back(std::move(bound_key));
  }
  find.slot_names = slot_names_;
  find.parameter_terms = parameter_terms_;
  find.parameters_outside_terms = parameters_outside_terms_;
  return find;
}

absl::StatusOr<Fact> Binder::BindFact(const ast::FactTemplate& fact) {
  Fact bound;
  for (auto [node, term] : {std::pair{&fact.subject, &bound.subject},
                            std::pair{&fact.predicate, &bound.predicate},
                            std::pair{&fact.object, &bound.object}}) {
    if (node->kind == ast::Node::Kind::kVariable) {
      return QueryError(text_, node->position,
                        "ADD and RETRACT take names and values, not "
                        "variables");
    }
    ALMANAC_ASSIGN_OR_RETURN(const Term* constant, ConstantOf(*node));
    *term = *constant;
    if (term->is_entity()) {
      // Another name of an entity writes about that entity.
      ALMANAC_ASSIGN_OR_RETURN(std::optional<TermId> id,
                               FindTerm(*term, node->position));
      if (id) {
        ALMANAC_ASSIGN_OR_RETURN(*term, dictionary_.Decode(*id));
      }
    }
  }
  if (fact.time) {
    if (fact.time->kind == ast::TimeNode::Kind::kVariable) {
      return QueryError(text_, fact.time->position,
                        "ADD and RETRACT take a time, not a variable");
    }
    ALMANAC_ASSIGN_OR_RETURN(BoundTime time, BindTime(*fact.time));
    ALMANAC_ASSIGN_OR_RETURN(bound.time, DecodeTime(time.time));
  }
  if (fact.source) {
    ALMANAC_ASSIGN_OR_RETURN(const Term* source, ConstantOf(*fact.source));
    if (source->kind() != TermKind::kString) {
      return QueryError(text_, fact.source->position,
                        "SOURCE takes a string, as in SOURCE \"The Hindu\"");
    }
    bound.source = source->text();
  }
  return bound;
}

}  // namespace almanac
