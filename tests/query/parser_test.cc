// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Parser tests read like data: each case is the query text and the AST
// rendered back to one canonical line (Render below): patterns in
// parentheses, every operator parenthesized, a time written in an
// expression in [brackets], entities and literals as Term::ToString writes
// them.

#include "query/parser.h"

#include <random>
#include <string>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "query/ast.h"
#include "query/grammar.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ast::Expr;

std::string Render(const Expr& e);

std::string Render(const ast::Node& n) {
  switch (n.kind) {
    case ast::Node::Kind::kVariable:
      return "?" + n.name;
    case ast::Node::Kind::kParameter:
      return "$" + n.name;
    case ast::Node::Kind::kConstant:
      return n.constant.ToString();
  }
  return "";
}

std::string Render(const ast::TimeNode& t) {
  switch (t.kind) {
    case ast::TimeNode::Kind::kVariable:
      return "?" + t.name;
    case ast::TimeNode::Kind::kParameter:
      return "$" + t.name;
    case ast::TimeNode::Kind::kLiteral:
      return t.literal.ToString();
  }
  return "";
}

std::string Render(const ast::PathRepeat& r) {
  if (r.is_single()) return "";
  if (r.max == ast::PathRepeat::kUnbounded) {
    if (r.min <= 1) return r.min == 1 ? "+" : "*";
    return absl::StrCat("{", r.min, ",}");
  }
  if (r.min == r.max) return absl::StrCat("{", r.min, "}");
  return absl::StrCat("{", r.min, ",", r.max, "}");
}

std::string Binary(const Expr& e, const char* op) {
  return absl::StrCat("(", Render(e.args[0]), " ", op, " ", Render(e.args[1]),
                      ")");
}

std::string Args(const Expr& e, size_t from) {
  std::vector<std::string> args;
  for (size_t i = from; i < e.args.size(); ++i)
    args.push_back(Render(e.args[i]));
  return absl::StrJoin(args, ", ");
}

std::string Render(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kVariable:
      return "?" + e.name;
    case Expr::Kind::kParameter:
      return "$" + e.name;
    case Expr::Kind::kConstant:
      return e.constant.ToString();
    case Expr::Kind::kTime:
      return "[" + e.time.ToString() + "]";
    case Expr::Kind::kNot:
      return "(NOT " + Render(e.args[0]) + ")";
    case Expr::Kind::kNegate:
      return "(-" + Render(e.args[0]) + ")";
    case Expr::Kind::kAnd:
      return Binary(e, "AND");
    case Expr::Kind::kOr:
      return Binary(e, "OR");
    case Expr::Kind::kEqual:
      return Binary(e, "=");
    case Expr::Kind::kNotEqual:
      return Binary(e, "!=");
    case Expr::Kind::kLess:
      return Binary(e, "<");
    case Expr::Kind::kLessEqual:
      return Binary(e, "<=");
    case Expr::Kind::kGreater:
      return Binary(e, ">");
    case Expr::Kind::kGreaterEqual:
      return Binary(e, ">=");
    case Expr::Kind::kAdd:
      return Binary(e, "+");
    case Expr::Kind::kSubtract:
      return Binary(e, "-");
    case Expr::Kind::kMultiply:
      return Binary(e, "*");
    case Expr::Kind::kDivide:
      return Binary(e, "/");
    case Expr::Kind::kIn:
      return "(" + Render(e.args[0]) + " IN (" + Args(e, 1) + "))";
    case Expr::Kind::kBefore:
      return Binary(e, "BEFORE");
    case Expr::Kind::kAfter:
      return Binary(e, "AFTER");
    case Expr::Kind::kDuring:
      return Binary(e, "DURING");
    case Expr::Kind::kOverlaps:
      return Binary(e, "OVERLAPS");
    case Expr::Kind::kContains:
      return Binary(e, "CONTAINS");
    case Expr::Kind::kCall:
      return e.name + "(" + Args(e, 0) + ")";
    case Expr::Kind::kCountStar:
      return "count(*)";
    case Expr::Kind::kAggregate:
      return e.name + "(" + (e.distinct ? "DISTINCT " : "") + Args(e, 0) + ")";
  }
  return "";
}

std::string Render(const ast::GroupPattern& g);

std::string Render(const ast::PatternElement& e) {
  switch (e.kind) {
    case ast::PatternElement::Kind::kTriple: {
      const ast::TriplePattern& t = e.triple;
      std::string s =
          absl::StrCat("(", Render(t.subject), " ", Render(t.predicate),
                       Render(t.repeat), " ", Render(t.object));
      if (t.time.has_value()) absl::StrAppend(&s, " @ ", Render(*t.time));
      return s + ")";
    }
    case ast::PatternElement::Kind::kFilter:
      return "FILTER " + Render(e.filter);
    case ast::PatternElement::Kind::kOptional:
      return "OPTIONAL {" + Render(e.groups[0]) + "}";
    case ast::PatternElement::Kind::kNotExists:
      return "NOT EXISTS {" + Render(e.groups[0]) + "}";
    case ast::PatternElement::Kind::kUnion: {
      std::vector<std::string> groups;
      for (const auto& g : e.groups) groups.push_back("{" + Render(g) + "}");
      return absl::StrJoin(groups, " UNION ");
    }
  }
  return "";
}

std::string Render(const ast::GroupPattern& g) {
  std::vector<std::string> elements;
  for (const auto& e : g.elements) elements.push_back(Render(e));
  return absl::StrJoin(elements, " ");
}

std::string Render(const ast::FactTemplate& f) {
  std::string s = absl::StrCat("(", Render(f.subject), " ", Render(f.predicate),
                               " ", Render(f.object));
  if (f.time.has_value()) absl::StrAppend(&s, " @ ", Render(*f.time));
  if (f.source.has_value()) absl::StrAppend(&s, " SOURCE ", Render(*f.source));
  return s + ")";
}

std::string Render(const ast::FindQuery& q) {
  std::string s = q.distinct ? "FIND DISTINCT" : "FIND";
  if (q.star) s += " *";
  for (const auto& item : q.items) {
    absl::StrAppend(&s, " ", Render(item.expr));
    if (!item.alias.empty()) absl::StrAppend(&s, " AS ", item.alias);
  }
  absl::StrAppend(&s, " WHERE ", Render(q.where));
  std::vector<std::string> keys;
  for (const auto& key : q.group_by) keys.push_back(Render(key));
  if (!keys.empty())
    absl::StrAppend(&s, " GROUP BY ", absl::StrJoin(keys, ", "));
  keys.clear();
  for (const auto& key : q.order_by) {
    keys.push_back(Render(key.expr) + (key.descending ? " DESC" : ""));
  }
  if (!keys.empty())
    absl::StrAppend(&s, " ORDER BY ", absl::StrJoin(keys, ", "));
  if (q.limit.has_value()) absl::StrAppend(&s, " LIMIT ", *q.limit);
  if (q.offset.has_value()) absl::StrAppend(&s, " OFFSET ", *q.offset);
  return s;
}

std::string Render(const ast::Statement& st) {
  std::string s;
  if (st.explain != ast::Statement::Explain::kNone) {
    s = st.explain_json ? "EXPLAIN (FORMAT JSON) " : "EXPLAIN ";
    if (st.explain == ast::Statement::Explain::kAnalyze) s += "ANALYZE ";
  }
  std::vector<std::string> facts;
  for (const auto& f : st.facts) facts.push_back(Render(f));
  switch (st.kind) {
    case ast::Statement::Kind::kFind:
      return s + Render(st.find);
    case ast::Statement::Kind::kAdd:
      return s + "ADD " + absl::StrJoin(facts, ", ");
    case ast::Statement::Kind::kRetract:
      return s + "RETRACT " + absl::StrJoin(facts, ", ");
    case ast::Statement::Kind::kBegin:
      return s + "BEGIN";
    case ast::Statement::Kind::kCommit:
      return s + "COMMIT";
    case ast::Statement::Kind::kRollback:
      return s + "ROLLBACK";
  }
  return s;
}

// Parses `text` and renders its statements joined by "; ", or returns the
// error message.
std::string ParseAndRender(std::string_view text) {
  absl::StatusOr<std::vector<ast::Statement>> statements = Parse(text);
  if (!statements.ok()) return std::string(statements.status().message());
  std::vector<std::string> rendered;
  for (const auto& s : *statements) rendered.push_back(Render(s));
  return absl::StrJoin(rendered, "; ");
}

// The error message of parsing `text`, or "OK".
std::string ErrorOf(std::string_view text) {
  absl::StatusOr<std::vector<ast::Statement>> statements = Parse(text);
  if (statements.ok()) return "OK";
  EXPECT_EQ(statements.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(statements.status().message());
}

struct Case {
  std::string_view text;
  std::string_view expected;
};

void ExpectRenderings(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(ParseAndRender(c.text), c.expected) << "parsing: " << c.text;
  }
}

TEST(ParserTest, ExamplesFromTheLanguageReference) {
  ExpectRenderings({
      {"FIND ?who, ?when WHERE ?who recognized IEA @ ?when ORDER BY ?when;",
       "FIND ?who ?when WHERE (?who recognized IEA @ ?when) ORDER BY ?when"},
      {"FIND count(*) WHERE ?s ?p ?o;", "FIND count(*) WHERE (?s ?p ?o)"},
      {"FIND ?p, count(*) AS n WHERE ?s ?p ?o GROUP BY ?p ORDER BY n DESC "
       "LIMIT 10;",
       "FIND ?p count(*) AS n WHERE (?s ?p ?o) GROUP BY ?p ORDER BY ?n DESC "
       "LIMIT 10"},
      {"FIND ?x, ?t WHERE Russia `Engage in diplomatic cooperation` ?x @ ?t\n"
       "  FILTER ?t DURING 2018-01 .. 2018-03 ORDER BY ?t;",
       "FIND ?x ?t WHERE (Russia `Engage in diplomatic cooperation` ?x @ ?t) "
       "FILTER (?t DURING [2018-01..2018-03]) ORDER BY ?t"},
      {"FIND ?a, ?c WHERE ?a `Make a visit` ?b . ?b `Host a visit` ?c "
       "LIMIT 20;",
       "FIND ?a ?c WHERE (?a `Make a visit` ?b) (?b `Host a visit` ?c) "
       "LIMIT 20"},
      {"ADD Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\";",
       "ADD (Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\")"},
      {"RETRACT Russia recognized IEA @ 2025-07-03;",
       "RETRACT (Russia recognized IEA @ 2025-07-03)"},
      {"EXPLAIN FIND ?a, ?c WHERE ?a `Make a visit` ?b . ?b `Host a visit` "
       "?c;",
       "EXPLAIN FIND ?a ?c WHERE (?a `Make a visit` ?b) "
       "(?b `Host a visit` ?c)"},
  });
}

TEST(ParserTest, FindClauses) {
  ExpectRenderings({
      {"find ?x where ?x p ?y", "FIND ?x WHERE (?x p ?y)"},
      {"Find Distinct ?x Where ?x p ?y", "FIND DISTINCT ?x WHERE (?x p ?y)"},
      {"FIND * WHERE ?x p ?y", "FIND * WHERE (?x p ?y)"},
      {"FIND DISTINCT * WHERE ?x p ?y", "FIND DISTINCT * WHERE (?x p ?y)"},
      {"FIND ?x AS who WHERE ?x p ?y", "FIND ?x AS who WHERE (?x p ?y)"},
      {"FIND ?x AS ?who WHERE ?x p ?y", "FIND ?x AS who WHERE (?x p ?y)"},
      {"FIND ?x WHERE ?x p ?y .", "FIND ?x WHERE (?x p ?y)"},
      {"FIND ?x WHERE ?x p ?y LIMIT 5 OFFSET 10",
       "FIND ?x WHERE (?x p ?y) LIMIT 5 OFFSET 10"},
      {"FIND ?x WHERE ?x p ?y OFFSET 0", "FIND ?x WHERE (?x p ?y) OFFSET 0"},
      {"FIND ?x WHERE ?x p ?y ORDER BY ?x ASC, ?y DESC, year(?y)",
       "FIND ?x WHERE (?x p ?y) ORDER BY ?x, ?y DESC, year(?y)"},
      {"FIND ?p, count(*) AS n WHERE ?s ?p ?o GROUP BY ?p, n ORDER BY n",
       "FIND ?p count(*) AS n WHERE (?s ?p ?o) GROUP BY ?p, ?n ORDER BY ?n"},
      // Only a bare name alone as a key names an alias; inside an
      // expression it is an entity.
      {"FIND ?x WHERE ?x p ?y ORDER BY ?y = n",
       "FIND ?x WHERE (?x p ?y) ORDER BY (?y = n)"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y > 3 GROUP BY ?x",
       "FIND ?x WHERE (?x p ?y) FILTER (?y > 3) GROUP BY ?x"},
      {"FIND ?x WHERE ?x p ?y . FILTER ?y > 3 . ?y q ?z",
       "FIND ?x WHERE (?x p ?y) FILTER (?y > 3) (?y q ?z)"},
      {"FIND ?x, ?y + 1 AS next, lower(?z) WHERE ?x p ?y",
       "FIND ?x (?y + 1) AS next lower(?z) WHERE (?x p ?y)"},
  });
}

TEST(ParserTest, ScriptsCommentsAndWhitespace) {
  ExpectRenderings({
      {"", ""},
      {"  -- only a comment\n", ""},
      {";;", ""},
      {"BEGIN; COMMIT; ROLLBACK", "BEGIN; COMMIT; ROLLBACK"},
      {"begin;\ncommit;", "BEGIN; COMMIT"},
      {"-- find them\nFIND ?x -- the thing\n\tWHERE\t?x p ?y; -- done\n",
       "FIND ?x WHERE (?x p ?y)"},
      {"FIND ?x WHERE ?x p ?y;FIND ?y WHERE ?y q ?z",
       "FIND ?x WHERE (?x p ?y); FIND ?y WHERE (?y q ?z)"},
      {"FIND ?x\r\nWHERE ?x p ?y\r\n", "FIND ?x WHERE (?x p ?y)"},
  });
}

TEST(ParserTest, Terms) {
  ExpectRenderings({
      {"FIND ?x WHERE $s p ?x", "FIND ?x WHERE ($s p ?x)"},
      {"FIND ?x WHERE ?x p Druzhba-III", "FIND ?x WHERE (?x p `Druzhba-III`)"},
      {"FIND ?x WHERE ?x p Zapad-2021", "FIND ?x WHERE (?x p `Zapad-2021`)"},
      {"FIND ?x WHERE ?x p _x9", "FIND ?x WHERE (?x p _x9)"},
      {"FIND ?x WHERE ?x p `Make a visit`",
       "FIND ?x WHERE (?x p `Make a visit`)"},
      // Term::ToString writes a keyword-named entity bare.
      {"FIND ?x WHERE ?x p `FIND`", "FIND ?x WHERE (?x p `FIND`)"},
      {"FIND ?x WHERE ?x `in` `Source`", "FIND ?x WHERE (?x `in` `Source`)"},
      {"FIND ?x WHERE ?x p `a\\`b\\\\c`", "FIND ?x WHERE (?x p `a\\`b\\\\c`)"},
      {"FIND ?x WHERE ?x p \"The Hindu\"",
       "FIND ?x WHERE (?x p \"The Hindu\")"},
      {"FIND ?x WHERE ?x p 'it\\'s'", "FIND ?x WHERE (?x p \"it's\")"},
      {"FIND ?x WHERE ?x p \"say \\\"hi\\\"\"",
       "FIND ?x WHERE (?x p \"say \\\"hi\\\"\")"},
      {"FIND ?x WHERE ?x p -12", "FIND ?x WHERE (?x p -12)"},
      {"FIND ?x WHERE ?x p 42", "FIND ?x WHERE (?x p 42)"},
      {"FIND ?x WHERE ?x p 3.14", "FIND ?x WHERE (?x p 3.14)"},
      {"FIND ?x WHERE ?x p -0.50", "FIND ?x WHERE (?x p -0.5)"},
      {"FIND ?x WHERE ?x p TRUE", "FIND ?x WHERE (?x p true)"},
      {"FIND ?x WHERE ?x p false", "FIND ?x WHERE (?x p false)"},
      {"FIND ?x WHERE ?x p trueish", "FIND ?x WHERE (?x p trueish)"},
      {"FIND ?x WHERE ?x p 2018-03", "FIND ?x WHERE (?x p 2018-03)"},
      {"FIND ?x WHERE ?x p 2018-03-07", "FIND ?x WHERE (?x p 2018-03-07)"},
      {"FIND ?x WHERE ?x p 2018", "FIND ?x WHERE (?x p 2018)"},
      {"FIND ?x WHERE ?x p 42.", "FIND ?x WHERE (?x p 42)"},
      {"FIND ?x WHERE ?x p finder", "FIND ?x WHERE (?x p finder)"},
      {"FIND ?x WHERE ?x p FIND-x", "FIND ?x WHERE (?x p `FIND-x`)"},
  });
}

TEST(ParserTest, StringEscapes) {
  absl::StatusOr<std::vector<ast::Statement>> parsed =
      Parse("ADD a b \"tab\\tnew\\nline \\\\ \\' \\\"\"");
  ASSERT_OK(StatusOf(parsed));
  EXPECT_EQ(parsed->at(0).facts[0].object.constant,
            Term::String("tab\tnew\nline \\ ' \""));
  parsed = Parse("ADD `a\\`b` b 'x'");
  ASSERT_OK(StatusOf(parsed));
  EXPECT_EQ(parsed->at(0).facts[0].subject.constant, Term::Entity("a`b"));
}

TEST(ParserTest, PathRepeats) {
  ExpectRenderings({
      {"FIND ?b WHERE ?a p+ ?b", "FIND ?b WHERE (?a p+ ?b)"},
      {"FIND ?b WHERE ?a p* ?b", "FIND ?b WHERE (?a p* ?b)"},
      {"FIND ?b WHERE ?a p{2} ?b", "FIND ?b WHERE (?a p{2} ?b)"},
      {"FIND ?b WHERE ?a p{1,3} ?b", "FIND ?b WHERE (?a p{1,3} ?b)"},
      {"FIND ?b WHERE ?a p{ 2 , } ?b", "FIND ?b WHERE (?a p{2,} ?b)"},
      {"FIND ?b WHERE ?a `Host a visit`+ ?b @ ?t",
       "FIND ?b WHERE (?a `Host a visit`+ ?b @ ?t)"},
  });
  absl::StatusOr<std::vector<ast::Statement>> parsed =
      Parse("FIND ?b WHERE ?a p* ?b");
  ASSERT_OK(StatusOf(parsed));
  const ast::PathRepeat& repeat =
      parsed->at(0).find.where.elements[0].triple.repeat;
  EXPECT_EQ(repeat.min, 0);
  EXPECT_EQ(repeat.max, ast::PathRepeat::kUnbounded);
}

TEST(ParserTest, PatternTimes) {
  ExpectRenderings({
      {"FIND ?x WHERE ?x p ?y @ $when", "FIND ?x WHERE (?x p ?y @ $when)"},
      {"FIND ?x WHERE ?x p ?y @ 2014", "FIND ?x WHERE (?x p ?y @ 2014)"},
      {"FIND ?x WHERE ?x p ?y @2014-03", "FIND ?x WHERE (?x p ?y @ 2014-03)"},
      {"FIND ?x WHERE ?x p ?y @ 2018-10-21..2018-11-04",
       "FIND ?x WHERE (?x p ?y @ 2018-10-21..2018-11-04)"},
      {"FIND ?x WHERE ?x p ?y @ 2018 .. 2019",
       "FIND ?x WHERE (?x p ?y @ 2018..2019)"},
      {"FIND ?x WHERE ?x p ?y @ 2003..", "FIND ?x WHERE (?x p ?y @ 2003..)"},
      {"FIND ?x WHERE ?x p ?y @ ..2001", "FIND ?x WHERE (?x p ?y @ ..2001)"},
      {"FIND ?x WHERE ?x p ?y @ 2003. ?y q ?z",
       "FIND ?x WHERE (?x p ?y @ 2003) (?y q ?z)"},
  });
}

TEST(ParserTest, PatternElements) {
  ExpectRenderings({
      {"FIND ?x WHERE ?x p ?y OPTIONAL { ?y q ?z }",
       "FIND ?x WHERE (?x p ?y) OPTIONAL {(?y q ?z)}"},
      {"FIND ?x WHERE ?x p ?y . NOT EXISTS { ?y q ?z . ?z r 1 . }",
       "FIND ?x WHERE (?x p ?y) NOT EXISTS {(?y q ?z) (?z r 1)}"},
      {"FIND ?x WHERE { ?x p ?y } UNION { ?x q ?y } UNION { ?x r ?y }",
       "FIND ?x WHERE {(?x p ?y)} UNION {(?x q ?y)} UNION {(?x r ?y)}"},
      {"FIND ?x WHERE ?x a b { ?x p ?y } union { ?x q ?y FILTER ?y > 2 }",
       "FIND ?x WHERE (?x a b) {(?x p ?y)} UNION {(?x q ?y) FILTER (?y > 2)}"},
      {"FIND ?x WHERE ?x p ?y OPTIONAL { ?y q ?z OPTIONAL { ?z r ?w } } . "
       "?w s ?v",
       "FIND ?x WHERE (?x p ?y) OPTIONAL {(?y q ?z) OPTIONAL {(?z r ?w)}} "
       "(?w s ?v)"},
  });
}

TEST(ParserTest, Expressions) {
  ExpectRenderings({
      {"FIND ?x WHERE ?x p ?y FILTER ?a = 1 OR ?b = 2 AND NOT ?c",
       "FIND ?x WHERE (?x p ?y) FILTER ((?a = 1) OR ((?b = 2) AND (NOT ?c)))"},
      {"FIND ?a + ?b * 2 - -3 WHERE ?x p ?y",
       "FIND ((?a + (?b * 2)) - -3) WHERE (?x p ?y)"},
      {"FIND ?a - ?b - ?c, ?a / ?b / ?c WHERE ?x p ?y",
       "FIND ((?a - ?b) - ?c) ((?a / ?b) / ?c) WHERE (?x p ?y)"},
      {"FIND (?a + ?b) * ?c WHERE ?x p ?y",
       "FIND ((?a + ?b) * ?c) WHERE (?x p ?y)"},
      {"FIND -?a, - 3, -(1) WHERE ?x p ?y",
       "FIND (-?a) (-3) (-1) WHERE (?x p ?y)"},
      {"FIND ?x WHERE ?x p ?y FILTER NOT NOT ?y",
       "FIND ?x WHERE (?x p ?y) FILTER (NOT (NOT ?y))"},
      {"FIND ?x WHERE ?x p ?y FILTER ?a != 1 AND ?a <> 2 AND ?a < 3 AND "
       "?a <= 4 AND ?a > 5 AND ?a >= 6",
       "FIND ?x WHERE (?x p ?y) FILTER ((((((?a != 1) AND (?a != 2)) AND "
       "(?a < 3)) AND (?a <= 4)) AND (?a > 5)) AND (?a >= 6))"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y IN (1, 'two', three, `Four 4`)",
       "FIND ?x WHERE (?x p ?y) FILTER (?y IN (1, \"two\", three, "
       "`Four 4`))"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y = recognized OR ?y = $p",
       "FIND ?x WHERE (?x p ?y) FILTER ((?y = recognized) OR (?y = $p))"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y = true OR ?y = 2.5",
       "FIND ?x WHERE (?x p ?y) FILTER ((?y = true) OR (?y = 2.5))"},
      // A lone date is a constant, except to the right of a time relation.
      {"FIND ?x WHERE ?x p ?y FILTER ?y = 2018-03 OR ?y = 2018",
       "FIND ?x WHERE (?x p ?y) FILTER ((?y = 2018-03) OR (?y = 2018))"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y = 2018-01 .. 2018-03",
       "FIND ?x WHERE (?x p ?y) FILTER (?y = [2018-01..2018-03])"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y < ..2018",
       "FIND ?x WHERE (?x p ?y) FILTER (?y < [..2018])"},
  });
}

TEST(ParserTest, TimeRelations) {
  ExpectRenderings({
      {"FIND ?x WHERE ?x p ?y @ ?t FILTER ?t BEFORE 2018",
       "FIND ?x WHERE (?x p ?y @ ?t) FILTER (?t BEFORE [2018])"},
      {"FIND ?x WHERE ?x p ?y @ ?t FILTER ?t after 2018-03-07",
       "FIND ?x WHERE (?x p ?y @ ?t) FILTER (?t AFTER [2018-03-07])"},
      {"FIND ?x WHERE ?x p ?y @ ?t FILTER ?t DURING 2018-01..2018-03",
       "FIND ?x WHERE (?x p ?y @ ?t) FILTER (?t DURING [2018-01..2018-03])"},
      {"FIND ?x WHERE ?x p ?y @ ?t FILTER ?t OVERLAPS 2003 ..",
       "FIND ?x WHERE (?x p ?y @ ?t) FILTER (?t OVERLAPS [2003..])"},
      {"FIND ?x WHERE ?x p ?y @ ?t FILTER ?t CONTAINS .. 2001",
       "FIND ?x WHERE (?x p ?y @ ?t) FILTER (?t CONTAINS [..2001])"},
      {"FIND ?x WHERE ?x p ?y @ ?t . ?y q ?z @ ?u FILTER ?t BEFORE ?u AND "
       "?u DURING $window",
       "FIND ?x WHERE (?x p ?y @ ?t) (?y q ?z @ ?u) FILTER ((?t BEFORE ?u) "
       "AND (?u DURING $window))"},
  });
}

TEST(ParserTest, FunctionsAndAggregates) {
  ExpectRenderings({
      {"FIND ?x WHERE ?x p ?y FILTER CONTAINS(?y, \"oil\") AND "
       "Starts_With(?y, 'a') AND ends_with(?y, 'z') AND matches(?y, x)",
       "FIND ?x WHERE (?x p ?y) FILTER (((contains(?y, \"oil\") AND "
       "starts_with(?y, \"a\")) AND ends_with(?y, \"z\")) AND matches(?y, x))"},
      {"FIND lower(?y), UPPER(?y), str(?y), year(?t), month(?t), day(?t) "
       "WHERE ?x p ?y @ ?t",
       "FIND lower(?y) upper(?y) str(?y) year(?t) month(?t) day(?t) WHERE "
       "(?x p ?y @ ?t)"},
      {"FIND COUNT(*), count(?x), count(DISTINCT ?x), min(?y), max(?y), "
       "sum(?y), avg(?y + 1) WHERE ?x p ?y",
       "FIND count(*) count(?x) count(DISTINCT ?x) min(?y) max(?y) sum(?y) "
       "avg((?y + 1)) WHERE (?x p ?y)"},
      {"FIND ?x WHERE ?x year ?y . ?x count ?z",
       "FIND ?x WHERE (?x year ?y) (?x count ?z)"},
  });
}

TEST(ParserTest, AddRetractAndTransactions) {
  ExpectRenderings({
      {"ADD a b c", "ADD (a b c)"},
      {"ADD a b c @ 2014 SOURCE $src, $s $p 12 @ $t, d e 'f' SOURCE Reuters",
       "ADD (a b c @ 2014 SOURCE $src), ($s $p 12 @ $t), (d e \"f\" SOURCE "
       "Reuters)"},
      {"add a b c @ 2003..;", "ADD (a b c @ 2003..)"},
      {"RETRACT a b c, d e f @ 2018-10-21..2018-11-04",
       "RETRACT (a b c), (d e f @ 2018-10-21..2018-11-04)"},
      {"BEGIN; ADD a b c; COMMIT;", "BEGIN; ADD (a b c); COMMIT"},
  });
}

TEST(ParserTest, Explain) {
  ExpectRenderings({
      {"EXPLAIN FIND ?x WHERE ?x p ?y", "EXPLAIN FIND ?x WHERE (?x p ?y)"},
      {"explain analyze FIND ?x WHERE ?x p ?y",
       "EXPLAIN ANALYZE FIND ?x WHERE (?x p ?y)"},
      {"PROFILE FIND ?x WHERE ?x p ?y",
       "EXPLAIN ANALYZE FIND ?x WHERE (?x p ?y)"},
      {"EXPLAIN (FORMAT JSON) FIND ?x WHERE ?x p ?y",
       "EXPLAIN (FORMAT JSON) FIND ?x WHERE (?x p ?y)"},
      {"EXPLAIN ( format json ) ANALYZE FIND ?x WHERE ?x p ?y",
       "EXPLAIN (FORMAT JSON) ANALYZE FIND ?x WHERE (?x p ?y)"},
      {"EXPLAIN ADD a b c", "EXPLAIN ADD (a b c)"},
  });
}

TEST(ParserTest, Positions) {
  absl::StatusOr<std::vector<ast::Statement>> parsed = Parse(
      "BEGIN;\nFIND ?who\nWHERE ?who recognized IEA @ ?when . "
      "FILTER ?when > 2018");
  ASSERT_OK(StatusOf(parsed));
  ASSERT_EQ(parsed->size(), 2u);
  auto at = [](const ast::Position& p) {
    return absl::StrCat(p.line, ":", p.column, "@", p.offset);
  };
  const ast::Statement& find = parsed->at(1);
  EXPECT_EQ(at(parsed->at(0).position), "1:1@0");
  EXPECT_EQ(at(find.position), "2:1@7");
  EXPECT_EQ(at(find.find.items[0].expr.position), "2:6@12");
  const ast::PatternElement& element = find.find.where.elements[0];
  EXPECT_EQ(at(element.position), "3:7@23");
  EXPECT_EQ(at(element.triple.position), "3:7@23");
  EXPECT_EQ(at(element.triple.subject.position), "3:7@23");
  EXPECT_EQ(at(element.triple.predicate.position), "3:12@28");
  EXPECT_EQ(at(element.triple.object.position), "3:23@39");
  EXPECT_EQ(at(element.triple.time->position), "3:29@45");
  const ast::PatternElement& filter = find.find.where.elements[1];
  EXPECT_EQ(at(filter.position), "3:37@53");
  EXPECT_EQ(at(filter.filter.position), "3:44@60");
  EXPECT_EQ(at(filter.filter.args[1].position), "3:52@68");

  parsed = Parse("EXPLAIN ADD a b c,\n  d e f");
  ASSERT_OK(StatusOf(parsed));
  EXPECT_EQ(at(parsed->at(0).position), "1:1@0");
  EXPECT_EQ(at(parsed->at(0).facts[1].position), "2:3@21");
  EXPECT_EQ(at(parsed->at(0).facts[1].object.position), "2:7@25");
}

TEST(ParserErrorTest, MessagesPointAtTheError) {
  const std::vector<Case> cases = {
      {"FIND ?who, ?when WHEN ?who recognized IEA",
       "line 1, column 18: expected WHERE\n"
       "FIND ?who, ?when WHEN ?who recognized IEA\n"
       "                 ^"},
      {"FIND ?x WHERE",
       "line 1, column 14: expected a pattern: subject predicate object\n"
       "FIND ?x WHERE\n"
       "             ^"},
      {"FIND ?x WHERE ?x",
       "line 1, column 17: expected a predicate after the subject\n"
       "FIND ?x WHERE ?x\n"
       "                ^"},
      {"FIND ?x WHERE ?x p",
       "line 1, column 19: expected an object after the predicate\n"
       "FIND ?x WHERE ?x p\n"
       "                  ^"},
      {"FIND ?x WHERE\n\t?x p ?y ?z",
       "line 2, column 10: expected '.' between patterns\n"
       "\t?x p ?y ?z\n"
       "\t        ^"},
      {"SELECT ?x",
       "line 1, column 1: expected a statement (FIND, ADD, RETRACT, BEGIN, "
       "COMMIT, ROLLBACK, EXPLAIN)\n"
       "SELECT ?x\n"
       "^"},
      {"BEGIN;\nCOMMIT;\n  FIND;",
       "line 3, column 7: expected * or an expression after FIND\n"
       "  FIND;\n"
       "      ^"},
      {"BEGIN COMMIT",
       "line 1, column 7: expected ';'\n"
       "BEGIN COMMIT\n"
       "      ^"},
      {"FIND ?x WHERE ?x p ?y LIMIT 3 ORDER BY ?x",
       "line 1, column 31: expected ';' or a clause: GROUP BY, ORDER BY, "
       "LIMIT, OFFSET (in this order)\n"
       "FIND ?x WHERE ?x p ?y LIMIT 3 ORDER BY ?x\n"
       "                              ^"},
      {"FIND ?x WHERE ?x p ?y ORDER ?x",
       "line 1, column 29: expected BY\n"
       "FIND ?x WHERE ?x p ?y ORDER ?x\n"
       "                            ^"},
      {"FIND ?x WHERE ?x p ?y LIMIT ten",
       "line 1, column 29: expected a number after LIMIT\n"
       "FIND ?x WHERE ?x p ?y LIMIT ten\n"
       "                            ^"},
      {"FIND ?x WHERE ?x p ?y LIMIT 99999999999999999999",
       "line 1, column 29: number 99999999999999999999 is too large\n"
       "FIND ?x WHERE ?x p ?y LIMIT 99999999999999999999\n"
       "                            ^"},
      {"FIND ?x WHERE ?x p ?y FILTER (?y > 3",
       "line 1, column 37: expected ')'\n"
       "FIND ?x WHERE ?x p ?y FILTER (?y > 3\n"
       "                                    ^"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y >",
       "line 1, column 34: expected an expression after the comparison\n"
       "FIND ?x WHERE ?x p ?y FILTER ?y >\n"
       "                                 ^"},
      {"FIND ? WHERE ?x p ?y",
       "line 1, column 7: expected a variable name after '?'\n"
       "FIND ? WHERE ?x p ?y\n"
       "      ^"},
      {"ADD a b \"abc\nCOMMIT",
       "line 1, column 9: unterminated string: expected a closing '\"'\n"
       "ADD a b \"abc\n"
       "        ^"},
      {"ADD a b `abc",
       "line 1, column 9: unterminated name: expected a closing '`'\n"
       "ADD a b `abc\n"
       "        ^"},
      {"ADD a b \"a\\qb\"",
       "line 1, column 12: unknown escape: expected \\\", \\', \\\\, \\n or "
       "\\t\n"
       "ADD a b \"a\\qb\"\n"
       "           ^"},
      {"ADD a b ``",
       "line 1, column 9: an entity name cannot be empty\n"
       "ADD a b ``\n"
       "        ^"},
      {"FIND foo(?x) WHERE ?x p ?y",
       "line 1, column 6: unknown function: expected count, min, max, sum, "
       "avg, contains, starts_with, ends_with, lower, upper, matches, year, "
       "month, day or str\n"
       "FIND foo(?x) WHERE ?x p ?y\n"
       "     ^"},
      {"FIND lower(?x, ?y) WHERE ?x p ?y",
       "line 1, column 6: lower() takes 1 argument, not 2\n"
       "FIND lower(?x, ?y) WHERE ?x p ?y\n"
       "     ^"},
      {"FIND sum(*) WHERE ?x p ?y",
       "line 1, column 10: only count takes *, not sum\n"
       "FIND sum(*) WHERE ?x p ?y\n"
       "         ^"},
      {"ADD a b 99999999999999999999",
       "line 1, column 9: integer 99999999999999999999 is out of range "
       "[-576460752303423488, 576460752303423487]\n"
       "ADD a b 99999999999999999999\n"
       "        ^"},
      {"FIND ?x WHERE ?x p ?y @ 2018-13",
       "line 1, column 25: month 13 is out of range in \"2018-13\"\n"
       "FIND ?x WHERE ?x p ?y @ 2018-13\n"
       "                        ^"},
      {"FIND ?x WHERE ?x p ?y @",
       "line 1, column 24: expected a time after '@': ?var, $param or a "
       "date like 2018, 2018-03, 2018-03-07 or 2018..2019\n"
       "FIND ?x WHERE ?x p ?y @\n"
       "                       ^"},
      {"FIND ?x WHERE ?x p ?y FILTER ?y DURING foo",
       "line 1, column 40: expected a time: ?var, $param or a date like "
       "2018-03 or 2018-01 .. 2018-03\n"
       "FIND ?x WHERE ?x p ?y FILTER ?y DURING foo\n"
       "                                       ^"},
      {"ADD ?x p o",
       "line 1, column 5: a fact to add or retract cannot hold a variable: "
       "use a constant or a $parameter\n"
       "ADD ?x p o\n"
       "    ^"},
      {"RETRACT a p o @ ?t",
       "line 1, column 17: a fact to add or retract cannot hold a variable: "
       "use a constant or a $parameter\n"
       "RETRACT a p o @ ?t\n"
       "                ^"},
      {"FIND ?x WHERE ?x in ?y",
       "line 1, column 18: a keyword cannot be a name: write it in "
       "backticks, like `in`\n"
       "FIND ?x WHERE ?x in ?y\n"
       "                 ^"},
      {"ADD a p o d",
       "line 1, column 11: expected ',' and another fact, or ';'\n"
       "ADD a p o d\n"
       "          ^"},
      {"FIND ?b WHERE ?a ?p+ ?b",
       "line 1, column 18: a repeated predicate (+, *, {m,n}) must be a "
       "constant, not a variable or parameter\n"
       "FIND ?b WHERE ?a ?p+ ?b\n"
       "                 ^"},
      {"FIND ?b WHERE ?a p{3,1} ?b",
       "line 1, column 19: the most repeats are fewer than the fewest\n"
       "FIND ?b WHERE ?a p{3,1} ?b\n"
       "                  ^"},
      {"FIND ?b WHERE ?a p{x} ?b",
       "line 1, column 20: expected a repeat count like {2}, {1,3} or {2,}\n"
       "FIND ?b WHERE ?a p{x} ?b\n"
       "                   ^"},
      {"FIND ?x WHERE { ?x p ?y }",
       "line 1, column 26: expected UNION after '{ ... }'\n"
       "FIND ?x WHERE { ?x p ?y }\n"
       "                         ^"},
      {"FIND ?x WHERE ?x p ?y OPTIONAL ?y q ?z",
       "line 1, column 32: expected '{' after OPTIONAL\n"
       "FIND ?x WHERE ?x p ?y OPTIONAL ?y q ?z\n"
       "                               ^"},
      {"FIND ?x WHERE ?x p ?y OPTIONAL { ?y q ?z",
       "line 1, column 41: expected '}'\n"
       "FIND ?x WHERE ?x p ?y OPTIONAL { ?y q ?z\n"
       "                                        ^"},
      {"FIND ?x WHERE NOT { ?x p ?y }",
       "line 1, column 19: expected EXISTS after NOT\n"
       "FIND ?x WHERE NOT { ?x p ?y }\n"
       "                  ^"},
      {"EXPLAIN BEGIN",
       "line 1, column 9: expected a statement to explain: FIND, ADD or "
       "RETRACT\n"
       "EXPLAIN BEGIN\n"
       "        ^"},
      {"EXPLAIN (FORMAT XML) FIND ?x WHERE ?x p ?y",
       "line 1, column 17: expected JSON\n"
       "EXPLAIN (FORMAT XML) FIND ?x WHERE ?x p ?y\n"
       "                ^"},
      {"FIND ?x AS WHERE ?x p ?y",
       "line 1, column 12: expected a name after AS\n"
       "FIND ?x AS WHERE ?x p ?y\n"
       "           ^"},
      // At the end of the input, the error is where the text ends.
      {"FIND ?x WHERE ?x p ?y\r\nFILTER ?y >= \r\n\n",
       "line 2, column 13: expected an expression after the comparison\n"
       "FILTER ?y >= \n"
       "            ^"},
      {"FIND ?x WHERE ?x `Москва` ?y ?z",
       "line 1, column 36: expected '.' between patterns\n"
       "FIND ?x WHERE ?x `Москва` ?y ?z\n"
       "                             ^"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ErrorOf(c.text), c.expected) << "parsing: " << c.text;
  }
}

TEST(ParserErrorTest, DeepNestingIsAnErrorNotACrash) {
  auto first_line = [](const std::string& message) {
    return message.substr(0, message.find('\n'));
  };
  auto repeat = [](const char* text, int times) {
    std::string repeated;
    for (int i = 0; i < times; ++i) absl::StrAppend(&repeated, text);
    return repeated;
  };
  // The projected expression is level 1, so the 200th '(' is level 201.
  EXPECT_EQ(first_line(ErrorOf("FIND " + repeat("(", 10000))),
            "line 1, column 206: too deeply nested: at most 200 levels of (), "
            "{}, NOT and unary minus");
  EXPECT_EQ(ErrorOf("FIND " + repeat("(", 199) + "1" + repeat(")", 199) +
                    " WHERE ?x p ?y"),
            "OK");
  EXPECT_THAT(first_line(ErrorOf("FIND " + repeat("- ", 10000) + "1")),
              testing::HasSubstr("too deeply nested"));
  EXPECT_THAT(first_line(ErrorOf("FIND ?x WHERE ?x p ?y FILTER " +
                                 repeat("NOT ", 10000) + "?y")),
              testing::HasSubstr("too deeply nested"));
  EXPECT_THAT(first_line(ErrorOf("FIND ?x WHERE " + repeat("{", 10000))),
              testing::HasSubstr("too deeply nested"));
  EXPECT_THAT(first_line(ErrorOf("FIND ?x WHERE " +
                                 repeat("OPTIONAL { ?x p ?y ", 10000))),
              testing::HasSubstr("too deeply nested"));
  EXPECT_THAT(first_line(ErrorOf("FIND " + repeat("lower(", 10000))),
              testing::HasSubstr("too deeply nested"));
  // A long flat chain builds a deep tree: it is bounded too.
  EXPECT_THAT(first_line(ErrorOf("FIND ?x WHERE ?x p ?y FILTER ?y" +
                                 repeat(" AND ?y", 5000))),
              testing::HasSubstr("expression too deeply nested"));
  EXPECT_EQ(ErrorOf("FIND ?x WHERE ?x p ?y FILTER ?y" + repeat(" AND ?y", 900)),
            "OK");
}

TEST(ParserErrorTest, GarbageNeverCrashes) {
  const std::vector<std::string> seeds = {
      "FIND ?who, ?when WHERE ?who recognized IEA @ ?when ORDER BY ?when;",
      "FIND ?p, count(*) AS n WHERE ?s ?p ?o GROUP BY ?p ORDER BY n DESC",
      "FIND ?x WHERE ?x p ?y @ ?t FILTER ?t DURING 2018-01 .. 2018-03",
      "ADD Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\";",
      "FIND ?x WHERE { ?x p+ ?y } UNION { ?x q{1,3} `a\\`b` } OPTIONAL {}",
  };
  const std::string alphabet = "?$`\"'\\(){}.,;@*+-/=<>!0123456789 \n\tA-Z_";
  std::mt19937 random(42);
  for (int round = 0; round < 20000; ++round) {
    std::string text = seeds[random() % seeds.size()];
    const int edits = 1 + random() % 4;
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text.erase(at, 1 + random() % 3);
          break;
        case 1:
          text.insert(at, 1, alphabet[random() % alphabet.size()]);
          break;
        default:
          text[at] = static_cast<char>(random() % 256);
      }
    }
    absl::StatusOr<std::vector<ast::Statement>> parsed = Parse(text);
    if (!parsed.ok()) {
      ASSERT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument)
          << text << "\n"
          << parsed.status();
    }
  }
}

TEST(GrammarTest, HasNoRulesThatLoopWithoutConsuming) {
  EXPECT_EQ(tao::pegtl::analyze<grammar::script>(), 0u);
}

}  // namespace
}  // namespace almanac
