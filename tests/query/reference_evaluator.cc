// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "tests/query/reference_evaluator.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace almanac::reference {
namespace {

// A variable absent from a binding is unbound (null). A time variable
// matched by a fact with no time holds a time that is not stated: it joins
// only with another fact with no time, and reads as null.
using Binding = std::map<std::string, Cell>;

Cell TermCell(Term term) {
  Cell cell;
  cell.kind = Cell::Kind::kTerm;
  cell.term = std::move(term);
  return cell;
}

Cell TimeCell(const ValidTime& time) {
  Cell cell;
  cell.kind = Cell::Kind::kTime;
  cell.time = time;
  return cell;
}

Cell IntegerCell(int64_t value) { return TermCell(*Term::Integer(value)); }

Cell Lookup(const Binding& binding, const std::string& var) {
  auto it = binding.find(var);
  if (it == binding.end()) return Cell();
  const Cell& cell = it->second;
  return cell.kind == Cell::Kind::kTime && !cell.time.is_stated() ? Cell()
                                                                  : cell;
}

// ---- Matching -------------------------------------------------------------

// Whether `node` can stand for `term` given `binding`: a cheap test before
// copying the binding.
bool Fits(const Node& node, const Term& term, const Binding& binding) {
  if (!node.is_variable()) return node.constant == term;
  auto it = binding.find(node.var);
  return it == binding.end() ||
         (it->second.kind == Cell::Kind::kTerm && it->second.term == term);
}

bool Unify(const Node& node, const Term& term, Binding* binding) {
  if (!node.is_variable()) return node.constant == term;
  const auto [it, inserted] = binding->emplace(node.var, TermCell(term));
  return inserted ||
         (it->second.kind == Cell::Kind::kTerm && it->second.term == term);
}

bool MatchTime(const Pattern& pattern, const Fact& fact, Binding* binding) {
  if (pattern.time_literal) {
    return fact.time.is_stated() && fact.time == *pattern.time_literal;
  }
  if (pattern.time_var.empty()) return true;
  const auto [it, inserted] =
      binding->emplace(pattern.time_var, TimeCell(fact.time));
  return inserted ||
         (it->second.kind == Cell::Kind::kTime && it->second.time == fact.time);
}

// ---- Paths ----------------------------------------------------------------

// The value `node` stands for in `binding`, if any.
std::optional<Term> BoundTerm(const Node& node, const Binding& binding) {
  if (!node.is_variable()) return node.constant;
  auto it = binding.find(node.var);
  if (it == binding.end() || it->second.kind != Cell::Kind::kTerm) {
    return std::nullopt;
  }
  return it->second.term;
}

// The nodes some walk along the facts of `predicate` reaches from `start`
// in `min` to `max` steps, forwards (subject to object) or backwards, each
// once. The walks of exactly L steps are followed for L = 0, 1, ...: past
// min plus the number of nodes, a longer walk reaches nothing new.
std::vector<Term> Reach(const Term& start, const Term& predicate, int min,
                        int max, bool forward, const std::vector<Fact>& facts) {
  std::set<std::string> nodes;
  for (const Fact& fact : facts) {
    if (fact.predicate != predicate) continue;
    nodes.insert(fact.subject.ToString());
    nodes.insert(fact.object.ToString());
  }
  const int last = max == Pattern::kUnbounded
                       ? min + static_cast<int>(nodes.size()) + 1
                       : max;
  std::map<std::string, Term> reached;
  std::map<std::string, Term> level = {{start.ToString(), start}};
  for (int steps = 0; steps <= last && !level.empty(); ++steps) {
    // Zero steps only from a node of the predicate.
    if (steps == 0 && !nodes.contains(start.ToString())) {
      level.clear();
      break;
    }
    if (steps >= min) reached.insert(level.begin(), level.end());
    std::map<std::string, Term> next;
    for (const Fact& fact : facts) {
      if (fact.predicate != predicate) continue;
      const Term& from = forward ? fact.subject : fact.object;
      const Term& to = forward ? fact.object : fact.subject;
      if (level.contains(from.ToString())) next.emplace(to.ToString(), to);
    }
    level = std::move(next);
  }
  std::vector<Term> ends;
  for (const auto& [text, term] : reached) ends.push_back(term);
  return ends;
}

// Appends to *out `binding` extended by each match of the path `pattern`.
void MatchPath(const Pattern& pattern, const std::vector<Fact>& facts,
               const Binding& binding, std::vector<Binding>* out) {
  const Term& predicate = pattern.predicate.constant;
  const int min = pattern.repeat_min;
  const int max = pattern.repeat_max;
  const auto add = [&](const Term& from, const Term& to) {
    Binding extended = binding;
    if (Unify(pattern.subject, from, &extended) &&
        Unify(pattern.object, to, &extended)) {
      out->push_back(std::move(extended));
    }
  };
  const std::optional<Term> subject = BoundTerm(pattern.subject, binding);
  const std::optional<Term> object = BoundTerm(pattern.object, binding);
  if (subject) {
    for (const Term& end : Reach(*subject, predicate, min, max, true, facts)) {
      add(*subject, end);
    }
    return;
  }
  if (object) {
    for (const Term& start :
         Reach(*object, predicate, min, max, false, facts)) {
      add(start, *object);
    }
    return;
  }
  std::map<std::string, Term> starts;
  for (const Fact& fact : facts) {
    if (fact.predicate != predicate) continue;
    starts.emplace(fact.subject.ToString(), fact.subject);
    if (min == 0) starts.emplace(fact.object.ToString(), fact.object);
  }
  for (const auto& [text, start] : starts) {
    for (const Term& end : Reach(start, predicate, min, max, true, facts)) {
      add(start, end);
    }
  }
}

// ---- Values ---------------------------------------------------------------

// The ordering class of a cell: nulls, booleans, numbers, times, text,
// entities.
int Rank(const Cell& cell) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return 0;
    case Cell::Kind::kTime:
      return 3;
    case Cell::Kind::kTerm:
      break;
  }
  switch (cell.term.kind()) {
    case TermKind::kBoolean:
      return 1;
    case TermKind::kInteger:
    case TermKind::kDecimal:
      return 2;
    case TermKind::kDate:
      return 3;
    case TermKind::kString:
      return 4;
    case TermKind::kEntity:
      return 5;
  }
  return 0;
}

double NumberOf(const Term& term) {
  return term.kind() == TermKind::kInteger
             ? static_cast<double>(term.integer())
             : std::strtod(term.text().c_str(), nullptr);
}

// The days of a time, or of a date term.
std::optional<DayRange> DaysOf(const Cell& cell) {
  if (cell.kind == Cell::Kind::kTime && cell.time.is_stated()) {
    return cell.time.days();
  }
  if (cell.kind == Cell::Kind::kTerm && cell.term.kind() == TermKind::kDate) {
    return cell.term.date().days();
  }
  return std::nullopt;
}

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool CompareHolds(CompareOp op, const Cell& left, const Cell& right) {
  if (left.kind == Cell::Kind::kNull || right.kind == Cell::Kind::kNull) {
    return false;
  }
  if (Rank(left) != Rank(right)) return op == CompareOp::kNotEqual;
  int order = CompareCells(left, right);
  // Times tied on their days are equal only when written the same.
  if (order == 0 && Rank(left) == 3 && !(left == right)) {
    if (op == CompareOp::kEqual) return false;
    if (op == CompareOp::kNotEqual) return true;
  }
  switch (op) {
    case CompareOp::kEqual:
      return order == 0;
    case CompareOp::kNotEqual:
      return order != 0;
    case CompareOp::kLess:
      return order < 0;
    case CompareOp::kLessEqual:
      return order <= 0;
    case CompareOp::kGreater:
      return order > 0;
    case CompareOp::kGreaterEqual:
      return order >= 0;
  }
  return false;
}

Cell ValueOf(const Node& node, const Binding& binding) {
  return node.is_variable() ? Lookup(binding, node.var)
                            : TermCell(node.constant);
}

bool FilterHolds(const Filter& filter, const Binding& binding) {
  const Cell left = Lookup(binding, filter.var);
  if (filter.kind == Filter::Kind::kTime) {
    const std::optional<DayRange> days = DaysOf(left);
    return days && Holds(filter.relation, *days, filter.time.days());
  }
  return CompareHolds(filter.op, left, ValueOf(filter.right, binding));
}

Cell YearOf(const Cell& cell) {
  if (cell.kind == Cell::Kind::kTime && cell.time.from()) {
    return IntegerCell(cell.time.from()->year());
  }
  if (cell.kind == Cell::Kind::kTerm && cell.term.kind() == TermKind::kDate) {
    return IntegerCell(cell.term.date().year());
  }
  return Cell();
}

// A non-aggregate column over one binding.
Cell ColumnValue(const Column& column, const Binding& binding) {
  const Cell value = Lookup(binding, column.var);
  return column.kind == Column::Kind::kYear ? YearOf(value) : value;
}

Cell Aggregate(const Column& column,
               const std::vector<const Binding*>& members) {
  if (column.kind == Column::Kind::kCountStar) {
    return IntegerCell(static_cast<int64_t>(members.size()));
  }
  std::vector<Cell> values;
  for (const Binding* member : members) {
    Cell value = Lookup(*member, column.var);
    if (value.kind != Cell::Kind::kNull) values.push_back(std::move(value));
  }
  switch (column.kind) {
    case Column::Kind::kCount: {
      if (!column.distinct) {
        return IntegerCell(static_cast<int64_t>(values.size()));
      }
      std::set<std::string> seen;
      for (const Cell& value : values) seen.insert(value.ToString());
      return IntegerCell(static_cast<int64_t>(seen.size()));
    }
    case Column::Kind::kMin:
    case Column::Kind::kMax: {
      if (values.empty()) return Cell();
      const int sign = column.kind == Column::Kind::kMin ? -1 : 1;
      Cell best = values.front();
      for (const Cell& value : values) {
        if (CompareCells(value, best) * sign > 0) best = value;
      }
      return best;
    }
    case Column::Kind::kSum:
    case Column::Kind::kAvg: {
      int64_t sum = 0;
      int64_t count = 0;
      for (const Cell& value : values) {
        if (value.kind == Cell::Kind::kTerm &&
            value.term.kind() == TermKind::kInteger) {
          sum += value.term.integer();
          ++count;
        }
      }
      if (column.kind == Column::Kind::kSum) return IntegerCell(sum);
      if (count == 0) return Cell();
      return TermCell(*Term::Decimal(absl::StrFormat(
          "%.6f", static_cast<double>(sum) / static_cast<double>(count))));
    }
    default:
      return Cell();
  }
}

std::vector<std::string> Rendered(const std::vector<Cell>& row) {
  std::vector<std::string> cells;
  for (const Cell& cell : row) cells.push_back(cell.ToString());
  return cells;
}

// ---- Text -----------------------------------------------------------------

const char* RelationName(TimeRelation relation) {
  switch (relation) {
    case TimeRelation::kBefore:
      return "BEFORE";
    case TimeRelation::kAfter:
      return "AFTER";
    case TimeRelation::kDuring:
      return "DURING";
    case TimeRelation::kContains:
      return "CONTAINS";
    case TimeRelation::kOverlaps:
      return "OVERLAPS";
    case TimeRelation::kEquals:
      return "EQUALS";  // Not in the language; never generated.
  }
  return "";
}

const char* OperatorText(const Filter& filter) {
  switch (filter.op) {
    case CompareOp::kEqual:
      return "=";
    case CompareOp::kNotEqual:
      return filter.alternative_spelling ? "<>" : "!=";
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessEqual:
      return "<=";
    case CompareOp::kGreater:
      return ">";
    case CompareOp::kGreaterEqual:
      return ">=";
  }
  return "";
}

// What follows a path's predicate: +, * or {m,n}; nothing for a plain
// pattern.
std::string RepeatText(const Pattern& pattern) {
  if (!pattern.is_path()) return "";
  if (pattern.repeat_max == Pattern::kUnbounded) {
    if (pattern.repeat_min == 0) return "*";
    if (pattern.repeat_min == 1) return "+";
    return absl::StrCat("{", pattern.repeat_min, ",}");
  }
  return absl::StrCat("{", pattern.repeat_min, ",", pattern.repeat_max, "}");
}

std::string NodeText(const Node& node) {
  return node.is_variable() ? "?" + node.var : node.constant.ToString();
}

const char* FunctionName(Column::Kind kind) {
  switch (kind) {
    case Column::Kind::kYear:
      return "year";
    case Column::Kind::kCountStar:
    case Column::Kind::kCount:
      return "count";
    case Column::Kind::kMin:
      return "min";
    case Column::Kind::kMax:
      return "max";
    case Column::Kind::kSum:
      return "sum";
    case Column::Kind::kAvg:
      return "avg";
    case Column::Kind::kVariable:
      break;
  }
  return "";
}

class TextWriter {
 public:
  explicit TextWriter(const Query& query) : query_(query) {}

  std::string Write(bool reverse_patterns) const {
    std::vector<std::string> outputs;
    for (const Column& column : query_.columns) {
      std::string text = ColumnText(column);
      if (!column.alias.empty()) {
        absl::StrAppend(&text, " ", Keyword("AS"), " ", column.alias);
      }
      outputs.push_back(std::move(text));
    }
    std::vector<std::string> where;
    for (const Pattern& pattern : query_.patterns) {
      std::string text = absl::StrCat(
          NodeText(pattern.subject), " ", NodeText(pattern.predicate),
          RepeatText(pattern), " ", NodeText(pattern.object));
      if (!pattern.time_var.empty()) {
        absl::StrAppend(&text, " @ ?", pattern.time_var);
      } else if (pattern.time_literal) {
        absl::StrAppend(&text, " @ ", pattern.time_literal->ToString());
      }
      where.push_back(std::move(text));
    }
    if (reverse_patterns) std::reverse(where.begin(), where.end());
    std::string text =
        absl::StrCat(Keyword("FIND"), query_.distinct ? " " : "",
                     query_.distinct ? Keyword("DISTINCT") : "", " ",
                     absl::StrJoin(outputs, ", "), " ", Keyword("WHERE"), " ",
                     absl::StrJoin(where, " . "));
    std::vector<std::string> filters;
    for (const Filter& filter : query_.filters) {
      filters.push_back(FilterText(filter));
    }
    if (query_.filters_in_one && !filters.empty()) {
      absl::StrAppend(
          &text, " ", Keyword("FILTER"), " ",
          absl::StrJoin(filters, absl::StrCat(" ", Keyword("AND"), " ")));
    } else {
      for (const std::string& filter : filters) {
        absl::StrAppend(&text, " ", Keyword("FILTER"), " ", filter);
      }
    }
    if (!query_.group_by.empty()) {
      std::vector<std::string> keys;
      for (const Column& key : query_.group_by) keys.push_back(ColumnText(key));
      absl::StrAppend(&text, " ", Keyword("GROUP BY"), " ",
                      absl::StrJoin(keys, ", "));
    }
    if (!query_.order_by.empty()) {
      std::vector<std::string> keys;
      for (const OrderKey& key : query_.order_by) {
        const Column& column = query_.columns[key.column];
        std::string text = key.by_alias ? column.alias : ColumnText(column);
        if (key.descending) {
          absl::StrAppend(&text, " ", Keyword("DESC"));
        } else if (key.explicit_asc) {
          absl::StrAppend(&text, " ", Keyword("ASC"));
        }
        keys.push_back(std::move(text));
      }
      absl::StrAppend(&text, " ", Keyword("ORDER BY"), " ",
                      absl::StrJoin(keys, ", "));
    }
    if (query_.limit) {
      absl::StrAppend(&text, " ", Keyword("LIMIT"), " ", *query_.limit);
    }
    if (query_.offset) {
      absl::StrAppend(&text, " ", Keyword("OFFSET"), " ", *query_.offset);
    }
    return text;
  }

 private:
  std::string Keyword(std::string_view text) const {
    std::string keyword(text);
    return query_.lowercase_keywords ? absl::AsciiStrToLower(keyword) : keyword;
  }

  std::string ColumnText(const Column& column) const {
    switch (column.kind) {
      case Column::Kind::kVariable:
        return "?" + column.var;
      case Column::Kind::kCountStar:
        return "count(*)";
      case Column::Kind::kCount:
        return absl::StrCat("count(",
                            column.distinct ? Keyword("DISTINCT") + " " : "",
                            "?", column.var, ")");
      default:
        return absl::StrCat(FunctionName(column.kind), "(?", column.var, ")");
    }
  }

  std::string FilterText(const Filter& filter) const {
    if (filter.kind == Filter::Kind::kTime) {
      return absl::StrCat("?", filter.var, " ",
                          Keyword(RelationName(filter.relation)), " ",
                          filter.time.ToString());
    }
    return absl::StrCat("?", filter.var, " ", OperatorText(filter), " ",
                        NodeText(filter.right));
  }

  const Query& query_;
};

// ---- Checking -------------------------------------------------------------

int CompareByKeys(const Query& query, const std::vector<Cell>& a,
                  const std::vector<Cell>& b) {
  for (const OrderKey& key : query.order_by) {
    const int order = CompareCells(a[key.column], b[key.column]);
    if (order != 0) return key.descending ? -order : order;
  }
  return 0;
}

// One row a line; sorted unless `in_order`.
std::string RenderRows(const Rows& rows, bool in_order) {
  if (rows.empty()) return "    (none)\n";
  std::vector<std::string> lines;
  for (const std::vector<Cell>& row : rows) lines.push_back(RenderRow(row));
  if (!in_order) std::sort(lines.begin(), lines.end());
  return absl::StrCat("    ", absl::StrJoin(lines, "\n    "), "\n");
}

using Multiset = std::map<std::string, int>;

Multiset MultisetOf(const Rows& rows) {
  Multiset counts;
  for (const std::vector<Cell>& row : rows) ++counts[RenderRow(row)];
  return counts;
}

// Rows of `a` that `b` lacks, counted with repetition.
std::vector<std::string> Missing(const Multiset& a, const Multiset& b) {
  std::vector<std::string> missing;
  for (const auto& [row, count] : a) {
    auto it = b.find(row);
    const int have = it == b.end() ? 0 : it->second;
    for (int i = have; i < count; ++i) missing.push_back(row);
  }
  return missing;
}

}  // namespace

Node Node::Variable(std::string name) {
  Node node;
  node.var = std::move(name);
  return node;
}

Node Node::Constant(Term term) {
  Node node;
  node.constant = std::move(term);
  return node;
}

bool Query::grouped() const {
  if (!group_by.empty()) return true;
  return std::any_of(columns.begin(), columns.end(),
                     [](const Column& c) { return c.is_aggregate(); });
}

std::string Query::ToText(bool reverse_patterns) const {
  return TextWriter(*this).Write(reverse_patterns);
}

std::vector<std::string> Query::ColumnNames() const {
  std::vector<std::string> names;
  for (const Column& column : columns) {
    if (!column.alias.empty()) {
      names.push_back(column.alias);
    } else if (column.kind == Column::Kind::kVariable) {
      names.push_back(column.var);
    } else if (column.kind == Column::Kind::kCountStar) {
      names.push_back("count(*)");
    } else {
      names.push_back(absl::StrCat(FunctionName(column.kind), "(",
                                   column.distinct ? "DISTINCT " : "",
                                   column.var, ")"));
    }
  }
  return names;
}

Rows RowsOf(const ResultRows& rows) {
  Rows copied;
  copied.reserve(rows.size());
  for (ResultRows::Row row : rows) copied.emplace_back(row.begin(), row.end());
  return copied;
}

int CompareCells(const Cell& a, const Cell& b) {
  const int rank_a = Rank(a);
  const int rank_b = Rank(b);
  if (rank_a != rank_b) return Order(rank_a, rank_b);
  switch (rank_a) {
    case 1:
      return Order(a.term.boolean(), b.term.boolean());
    case 2:
      if (a.term.kind() == TermKind::kInteger &&
          b.term.kind() == TermKind::kInteger) {
        return Order(a.term.integer(), b.term.integer());
      }
      return Order(NumberOf(a.term), NumberOf(b.term));
    case 3: {
      const DayRange x = *DaysOf(a);
      const DayRange y = *DaysOf(b);
      if (x.begin != y.begin) return Order(x.begin, y.begin);
      return Order(x.end, y.end);
    }
    case 4:
    case 5:
      return Order(a.term.text(), b.term.text());
    default:
      return 0;
  }
}

Rows Evaluate(const Query& query, const std::vector<Fact>& facts) {
  std::vector<Binding> bindings = {Binding()};
  for (const Pattern& pattern : query.patterns) {
    std::vector<Binding> next;
    for (const Binding& binding : bindings) {
      if (pattern.is_path()) {
        MatchPath(pattern, facts, binding, &next);
        continue;
      }
      for (const Fact& fact : facts) {
        if (!Fits(pattern.subject, fact.subject, binding) ||
            !Fits(pattern.predicate, fact.predicate, binding) ||
            !Fits(pattern.object, fact.object, binding)) {
          continue;
        }
        Binding extended = binding;
        if (Unify(pattern.subject, fact.subject, &extended) &&
            Unify(pattern.predicate, fact.predicate, &extended) &&
            Unify(pattern.object, fact.object, &extended) &&
            MatchTime(pattern, fact, &extended)) {
          next.push_back(std::move(extended));
        }
      }
    }
    bindings = std::move(next);
  }
  std::erase_if(bindings, [&](const Binding& binding) {
    return !std::all_of(
        query.filters.begin(), query.filters.end(),
        [&](const Filter& filter) { return FilterHolds(filter, binding); });
  });

  Rows rows;
  if (!query.grouped()) {
    for (const Binding& binding : bindings) {
      std::vector<Cell> row;
      for (const Column& column : query.columns) {
        row.push_back(ColumnValue(column, binding));
      }
      rows.push_back(std::move(row));
    }
  } else {
    std::map<std::vector<std::string>, size_t> index;
    std::vector<std::vector<Cell>> keys;
    std::vector<std::vector<const Binding*>> members;
    for (const Binding& binding : bindings) {
      std::vector<Cell> key;
      for (const Column& column : query.group_by) {
        key.push_back(ColumnValue(column, binding));
      }
      const auto [it, inserted] = index.emplace(Rendered(key), keys.size());
      if (inserted) {
        keys.push_back(std::move(key));
        members.emplace_back();
      }
      members[it->second].push_back(&binding);
    }
    if (query.group_by.empty() && keys.empty()) {
      keys.emplace_back();
      members.emplace_back();
    }
    for (size_t group = 0; group < keys.size(); ++group) {
      std::vector<Cell> row;
      for (const Column& column : query.columns) {
        if (column.is_aggregate()) {
          row.push_back(Aggregate(column, members[group]));
          continue;
        }
        for (size_t k = 0; k < query.group_by.size(); ++k) {
          if (query.group_by[k].kind == column.kind &&
              query.group_by[k].var == column.var) {
            row.push_back(keys[group][k]);
            break;
          }
        }
      }
      rows.push_back(std::move(row));
    }
  }

  if (query.distinct) {
    std::set<std::vector<std::string>> seen;
    std::erase_if(rows, [&](const std::vector<Cell>& row) {
      return !seen.insert(Rendered(row)).second;
    });
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const std::vector<Cell>& a, const std::vector<Cell>& b) {
                     return CompareByKeys(query, a, b) < 0;
                   });
  return rows;
}

std::string Check(const Query& query, const Rows& expected,
                  const Rows& actual) {
  const size_t n = expected.size();
  const size_t begin =
      std::min(n, static_cast<size_t>(query.offset.value_or(0)));
  const size_t end =
      query.limit ? std::min(n, begin + static_cast<size_t>(*query.limit)) : n;
  const bool windowed = query.limit || query.offset;
  const Multiset want = MultisetOf(expected);
  const Multiset got = MultisetOf(actual);

  std::string problem;
  if (!windowed && query.order_by.empty()) {
    if (want != got) problem = "different rows";
  } else if (actual.size() != end - begin) {
    problem =
        absl::StrCat("expected ", end - begin, " rows, got ", actual.size());
  } else if (!Missing(got, want).empty()) {
    problem = "rows that are not in the result";
  } else if (!query.order_by.empty()) {
    for (size_t i = 0; i < actual.size() && problem.empty(); ++i) {
      if (CompareByKeys(query, actual[i], expected[begin + i]) != 0) {
        problem = absl::StrCat("row ", i, " is out of order");
      }
    }
  }
  if (problem.empty()) return "";

  std::string out = absl::StrCat(problem, "\n  expected (", n, " rows");
  if (windowed) absl::StrAppend(&out, ", of which rows ", begin, "..", end);
  const bool in_order = !query.order_by.empty();
  absl::StrAppend(&out, "):\n", RenderRows(expected, in_order), "  actual (",
                  actual.size(), " rows):\n", RenderRows(actual, in_order));
  if (!windowed) {
    const std::vector<std::string> missing = Missing(want, got);
    const std::vector<std::string> extra = Missing(got, want);
    if (!missing.empty()) {
      absl::StrAppend(&out, "  missing:\n    ",
                      absl::StrJoin(missing, "\n    "), "\n");
    }
    if (!extra.empty()) {
      absl::StrAppend(&out, "  unexpected:\n    ",
                      absl::StrJoin(extra, "\n    "), "\n");
    }
  }
  return out;
}

std::string RenderRow(const std::vector<Cell>& row) {
  return absl::StrJoin(Rendered(row), " | ");
}

}  // namespace almanac::reference
