// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The grammar of Almanac's query language as PEGTL 3.2 rules: a flat list of
// small named rules with no semantics. ast_builder.cc turns the parse tree
// into the AST of query/ast.h; parse_errors.h says what each commit point
// expected. Read it top to bottom: words, terms, times, expressions,
// patterns, statements.
//
// Conventions:
//  - Every token rule eats the whitespace and comments after it (`ws`), so a
//    rule starts at its first significant character: that is the position
//    the AST records and errors report.
//  - Keywords are case-insensitive and end at a word boundary; all of them
//    are reserved (`reserved`): a bare name that is a keyword must be written
//    in backticks.
//  - must<X> commits right after an unambiguous prefix: when X fails, parsing
//    stops with the message parse_errors.h keeps for X. Each X is a rule of
//    its own so that the message can name what was expected.
//  - Rules kept in the parse tree (ast_builder.h) never appear inside at<>:
//    what a lookahead matches would stay in the tree.

#ifndef ALMANAC_QUERY_GRAMMAR_H_
#define ALMANAC_QUERY_GRAMMAR_H_

#include <tao/pegtl.hpp>

namespace almanac::grammar {

using tao::pegtl::any;
using tao::pegtl::at;
using tao::pegtl::digit;
using tao::pegtl::eof;
using tao::pegtl::eolf;
using tao::pegtl::identifier_first;
using tao::pegtl::identifier_other;
using tao::pegtl::istring;
using tao::pegtl::must;
using tao::pegtl::not_at;
using tao::pegtl::not_one;
using tao::pegtl::one;
using tao::pegtl::opt;
using tao::pegtl::plus;
using tao::pegtl::rep;
using tao::pegtl::seq;
using tao::pegtl::sor;
using tao::pegtl::space;
using tao::pegtl::star;
using tao::pegtl::string;
using tao::pegtl::two;
using tao::pegtl::until;

// ---- Whitespace, words, keywords ----------------------------------------

// `-- ...` up to the end of the line.
struct comment : seq<two<'-'>, until<eolf>> {};
struct ws : star<sor<space, comment>> {};

// A bare name is [A-Za-z_][A-Za-z0-9_-]* where each '-' is followed by a
// letter, digit or '_': Druzhba-III, Zapad-2021 (so `a--b` is `a` and a
// comment, and `a-` is `a` and a minus).
struct word_char : sor<identifier_other, seq<one<'-'>, identifier_other>> {};
struct word : seq<identifier_first, star<word_char>> {};

template <typename Text>
struct keyword : seq<Text, not_at<word_char>, ws> {};

#define ALMANAC_KEYWORD(name, text) \
  struct kw_##name : keyword<TAO_PEGTL_ISTRING(text)> {}

ALMANAC_KEYWORD(add, "add");
ALMANAC_KEYWORD(after, "after");
ALMANAC_KEYWORD(analyze, "analyze");
ALMANAC_KEYWORD(and, "and");
ALMANAC_KEYWORD(as, "as");
ALMANAC_KEYWORD(asc, "asc");
ALMANAC_KEYWORD(before, "before");
ALMANAC_KEYWORD(begin, "begin");
ALMANAC_KEYWORD(by, "by");
ALMANAC_KEYWORD(commit, "commit");
ALMANAC_KEYWORD(contains, "contains");
ALMANAC_KEYWORD(desc, "desc");
ALMANAC_KEYWORD(distinct, "distinct");
ALMANAC_KEYWORD(during, "during");
ALMANAC_KEYWORD(exists, "exists");
ALMANAC_KEYWORD(explain, "explain");
ALMANAC_KEYWORD(false, "false");
ALMANAC_KEYWORD(filter, "filter");
ALMANAC_KEYWORD(find, "find");
ALMANAC_KEYWORD(format, "format");
ALMANAC_KEYWORD(group, "group");
ALMANAC_KEYWORD(in, "in");
ALMANAC_KEYWORD(json, "json");
ALMANAC_KEYWORD(limit, "limit");
ALMANAC_KEYWORD(not, "not");
ALMANAC_KEYWORD(offset, "offset");
ALMANAC_KEYWORD(optional, "optional");
ALMANAC_KEYWORD(or, "or");
ALMANAC_KEYWORD(order, "order");
ALMANAC_KEYWORD(overlaps, "overlaps");
ALMANAC_KEYWORD(profile, "profile");
ALMANAC_KEYWORD(retract, "retract");
ALMANAC_KEYWORD(rollback, "rollback");
ALMANAC_KEYWORD(source, "source");
ALMANAC_KEYWORD(true, "true");
ALMANAC_KEYWORD(union, "union");
ALMANAC_KEYWORD(where, "where");

#undef ALMANAC_KEYWORD

// Every keyword starts with a letter: anything else is ruled out at once.
struct reserved
    : seq<at<identifier_first>,
          sor<kw_add, kw_after, kw_analyze, kw_and, kw_as, kw_asc, kw_before,
              kw_begin, kw_by, kw_commit, kw_contains, kw_desc, kw_distinct,
              kw_during, kw_exists, kw_explain, kw_false, kw_filter, kw_find,
              kw_format, kw_group, kw_in, kw_json, kw_limit, kw_not, kw_offset,
              kw_optional, kw_or, kw_order, kw_overlaps, kw_profile, kw_retract,
              kw_rollback, kw_source, kw_true, kw_union, kw_where>> {};

// ---- Punctuation ----------------------------------------------------------

struct comma : seq<one<','>, ws> {};
struct semicolon : seq<one<';'>, ws> {};
struct open_paren : seq<one<'('>, ws> {};
struct close_paren : seq<one<')'>, ws> {};
struct open_brace : seq<one<'{'>, ws> {};
struct close_brace : seq<one<'}'>, ws> {};
struct dot : seq<one<'.'>, not_at<one<'.'>>, ws> {};
struct at_sign : seq<one<'@'>, ws> {};

// ---- Terms: what stands in a subject, predicate or object position -------

struct var_name : plus<identifier_other> {};
struct param_name : plus<identifier_other> {};
struct variable : seq<one<'?'>, must<var_name>> {};     // ?who
struct parameter : seq<one<'$'>, must<param_name>> {};  // $since

// Text between quotes Q; a backslash escapes one character, which must match
// Escape.
template <char Q, typename Escape>
struct quoted
    : seq<one<Q>, star<sor<seq<one<'\\'>, must<Escape>>, not_one<Q>>>, one<Q>> {
};
struct string_escape : one<'"', '\'', '\\', 'n', 't'> {};
struct name_escape : one<'`', '\\'> {};
struct dq_text : quoted<'"', string_escape> {};
struct sq_text : quoted<'\'', string_escape> {};
struct bq_text : quoted<'`', name_escape> {};
// Lookaheads, so that a quote that is never closed is reported where it
// opens rather than at the end of the input.
struct dq_closed : at<dq_text> {};
struct sq_closed : at<sq_text> {};
struct bq_closed : at<bq_text> {};

struct string_literal  // "The Hindu", 'it''s' is not an escape: 'it\'s'
    : sor<seq<at<one<'"'>>, must<dq_closed>, dq_text>,
          seq<at<one<'\''>>, must<sq_closed>, sq_text>> {};
struct quoted_name : seq<at<one<'`'>>, must<bq_closed>, bq_text> {};
// YYYY-MM or YYYY-MM-DD; a lone YYYY in a term position is an integer.
struct date_literal
    : seq<rep<4, digit>, one<'-'>, rep<2, digit>, opt<one<'-'>, rep<2, digit>>,
          not_at<identifier_other>> {};
struct number_literal
    : seq<opt<one<'-'>>, plus<digit>, opt<one<'.'>, plus<digit>>,
          not_at<identifier_other>> {};
struct true_literal : kw_true {};
struct false_literal : kw_false {};
struct bare_entity : seq<not_at<reserved>, word> {};

struct term
    : sor<variable, parameter, quoted_name, string_literal, date_literal,
          number_literal, true_literal, false_literal, bare_entity> {};

// ---- Times: DATE, DATE..DATE, DATE.., ..DATE ------------------------------

struct time_date
    : seq<rep<4, digit>,
          opt<one<'-'>, rep<2, digit>, opt<one<'-'>, rep<2, digit>>>,
          not_at<sor<identifier_other, one<'-'>>>> {};
struct time_from : time_date {};
struct time_to : time_date {};
struct time_dots : two<'.'> {};
// ..DATE: open at the start.
struct time_until : seq<time_dots, ws, must<time_to>, ws> {};
// After '..' a digit starts the end date, which must then be whole: an
// open interval is followed by something else.
struct time_end : seq<at<digit>, must<time_to>, ws> {};
struct time_literal
    : sor<time_until, seq<time_from, ws, opt<time_dots, ws, opt<time_end>>>> {};
struct time_value : seq<sor<variable, parameter, time_literal>, ws> {};
struct pattern_time : time_value {};   // after '@'
struct relation_time : time_value {};  // after BEFORE, DURING, ...
struct time_suffix : seq<at_sign, must<pattern_time>> {};

// ---- Expressions, lowest precedence first ---------------------------------

struct expression;
struct unary;
struct not_expr;

struct paren_content : seq<expression> {};
struct paren_expression
    : seq<open_paren, must<paren_content>, must<close_paren>> {};

// Known functions and aggregates; the builder checks their arguments.
template <typename Text>
struct name_is : seq<Text, not_at<word_char>> {};
struct function_name
    : sor<name_is<TAO_PEGTL_ISTRING("count")>,
          name_is<TAO_PEGTL_ISTRING("min")>, name_is<TAO_PEGTL_ISTRING("max")>,
          name_is<TAO_PEGTL_ISTRING("sum")>, name_is<TAO_PEGTL_ISTRING("avg")>,
          name_is<TAO_PEGTL_ISTRING("contains")>,
          name_is<TAO_PEGTL_ISTRING("starts_with")>,
          name_is<TAO_PEGTL_ISTRING("ends_with")>,
          name_is<TAO_PEGTL_ISTRING("lower")>,
          name_is<TAO_PEGTL_ISTRING("upper")>,
          name_is<TAO_PEGTL_ISTRING("matches")>,
          name_is<TAO_PEGTL_ISTRING("year")>,
          name_is<TAO_PEGTL_ISTRING("month")>,
          name_is<TAO_PEGTL_ISTRING("day")>,
          name_is<TAO_PEGTL_ISTRING("str")>> {};
struct known_function : seq<function_name, ws, open_paren> {};
struct count_star : seq<one<'*'>, ws> {};
struct distinct_flag : kw_distinct {};
struct call_arg : seq<expression> {};
struct call_args : sor<count_star, seq<distinct_flag, must<call_arg>>,
                       seq<call_arg, star<comma, must<call_arg>>>> {};
// A word directly followed by '(' can only be a call.
struct function_call : seq<at<word, ws, one<'('>>, must<known_function>,
                           opt<call_args>, must<close_paren>> {};

// A date followed by '..' is an interval; a lone date is a constant.
struct time_interval
    : sor<time_until, seq<time_from, ws, time_dots, ws, opt<time_end>>> {};

struct primary
    : seq<sor<paren_expression, function_call, time_interval, term>, ws> {};

struct negate_operand : seq<unary> {};
struct negation : seq<one<'-'>, ws, must<negate_operand>> {};
struct unary : sor<primary, negation> {};

struct op_multiply : one<'*'> {};
struct op_divide : one<'/'> {};
struct multiply_operand : seq<unary> {};
struct divide_operand : seq<unary> {};
struct multiplicative
    : seq<unary, star<sor<seq<op_multiply, ws, must<multiply_operand>>,
                          seq<op_divide, ws, must<divide_operand>>>>> {};

struct op_add : one<'+'> {};
struct op_subtract : one<'-'> {};
struct add_operand : seq<multiplicative> {};
struct subtract_operand : seq<multiplicative> {};
struct additive : seq<multiplicative,
                      star<sor<seq<op_add, ws, must<add_operand>>,
                               seq<op_subtract, ws, must<subtract_operand>>>>> {
};

struct op_not_equal : sor<string<'!', '='>, string<'<', '>'>> {};
struct op_less_equal : string<'<', '='> {};
struct op_greater_equal : string<'>', '='> {};
struct op_equal : one<'='> {};
struct op_less : one<'<'> {};
struct op_greater : one<'>'> {};
struct compare_op : seq<sor<op_not_equal, op_less_equal, op_greater_equal,
                            op_equal, op_less, op_greater>,
                        ws> {};
struct compare_operand : seq<additive> {};
struct op_in : kw_in {};
struct in_value : seq<expression> {};
struct in_list : seq<open_paren, must<in_value>, star<comma, must<in_value>>,
                     must<close_paren>> {};
struct op_before : kw_before {};
struct op_after : kw_after {};
struct op_during : kw_during {};
struct op_overlaps : kw_overlaps {};
struct op_contains : kw_contains {};
struct time_op : sor<op_before, op_after, op_during, op_overlaps, op_contains> {
};
struct comparison
    : seq<additive, opt<sor<seq<compare_op, must<compare_operand>>,
                            seq<op_in, must<in_list>>,
                            seq<time_op, must<relation_time>>>>> {};

struct not_operand : seq<not_expr> {};
struct logical_not : seq<kw_not, must<not_operand>> {};
struct not_expr : sor<logical_not, comparison> {};
struct and_operand : seq<not_expr> {};
struct and_expr : seq<not_expr, star<kw_and, must<and_operand>>> {};
struct or_operand : seq<and_expr> {};
struct or_expr : seq<and_expr, star<kw_or, must<or_operand>>> {};
// What may follow an operand within an expression. A term followed by none
// of these is the whole expression: `lone_term` matches it directly, which
// spares the common case (FIND ?a, ?b ... ORDER BY ?a) the descent through
// every precedence level.
struct expression_continues
    : sor<one<'*', '/', '+', '-', '=', '!', '<', '>', '(', '.'>, kw_in,
          kw_before, kw_after, kw_during, kw_overlaps, kw_contains, kw_and,
          kw_or> {};
struct lone_term : seq<term, ws, not_at<expression_continues>> {};
struct expression : sor<lone_term, or_expr> {};

// ---- Patterns -------------------------------------------------------------

// After a predicate: +, *, {n}, {m,n}, {m,}.
struct repeat_plus : one<'+'> {};
struct repeat_star : one<'*'> {};
struct repeat_min : plus<digit> {};
struct repeat_comma : one<','> {};
struct repeat_max : plus<digit> {};
struct repeat_bounds
    : seq<repeat_min, ws, opt<repeat_comma, ws, opt<repeat_max, ws>>> {};
struct path_repeat
    : seq<sor<repeat_plus, repeat_star,
              seq<open_brace, must<repeat_bounds>, must<close_brace>>>,
          ws> {};

// Where a name must come, a keyword is an error of its own: it fails the
// must<keyword_name> (which it always does at a keyword) with a hint.
struct keyword_name : not_at<reserved> {};
struct name_not_keyword : seq<at<reserved>, must<keyword_name>> {};
struct subject : seq<term, ws> {};
struct predicate : seq<sor<term, name_not_keyword>, ws> {};
struct object : seq<sor<term, name_not_keyword>, ws> {};
// After SOURCE: a string, a $parameter or (in a pattern) a ?variable.
struct source_value : seq<term, ws> {};
struct source_suffix : seq<kw_source, must<source_value>> {};
struct triple : seq<subject, must<predicate>, opt<path_repeat>, must<object>,
                    opt<time_suffix>, opt<source_suffix>> {};

struct group_pattern;
struct braced_group : seq<open_brace, must<group_pattern>, must<close_brace>> {
};
struct optional_body : braced_group {};
struct exists_body : braced_group {};
struct union_body : braced_group {};

struct filter_expr : seq<expression> {};
struct filter_element : seq<kw_filter, must<filter_expr>> {};
struct optional_element : seq<kw_optional, must<optional_body>> {};
struct not_exists_element : seq<kw_not, must<kw_exists>, must<exists_body>> {};
struct union_element : seq<braced_group, must<kw_union>, must<union_body>,
                           star<kw_union, must<union_body>>> {};
struct element : sor<filter_element, optional_element, not_exists_element,
                     union_element, triple> {};

// Elements are joined with '.'; before FILTER, OPTIONAL, NOT EXISTS and
// '{' the '.' may be left out. A trailing '.' is allowed.
struct element_separator
    : sor<dot, at<sor<kw_filter, kw_optional, kw_not, one<'{'>>>> {};
struct term_start : sor<one<'?', '$', '`', '"', '\''>, digit,
                        seq<one<'-'>, digit>, seq<not_at<reserved>, word>> {};
struct pattern_end : not_at<term_start> {};
struct group_pattern : seq<element, star<element_separator, element>, opt<dot>,
                           must<pattern_end>> {};

// ---- FIND -----------------------------------------------------------------

struct alias_name
    : sor<seq<one<'?'>, must<var_name>>, seq<not_at<reserved>, word>> {};
struct projection_item : seq<expression, opt<kw_as, must<alias_name>, ws>> {};
struct next_item : seq<projection_item> {};
struct find_star : seq<one<'*'>, ws> {};
struct projection
    : sor<find_star, seq<projection_item, star<comma, must<next_item>>>> {};

struct group_key : seq<expression> {};
struct group_keys : seq<expression, star<comma, must<group_key>>> {};
struct group_by : seq<kw_group, must<kw_by>, must<group_keys>> {};

struct asc_flag : kw_asc {};
struct desc_flag : kw_desc {};
struct order_key : seq<expression, opt<sor<asc_flag, desc_flag>>> {};
struct next_order_key : seq<order_key> {};
struct order_keys : seq<order_key, star<comma, must<next_order_key>>> {};
struct order_by : seq<kw_order, must<kw_by>, must<order_keys>> {};

struct count_value : seq<plus<digit>, not_at<identifier_other>> {};
struct limit_value : count_value {};
struct offset_value : count_value {};
struct limit_clause : seq<kw_limit, must<limit_value>, ws> {};
struct offset_clause : seq<kw_offset, must<offset_value>, ws> {};

// A statement ends with ';' or the end of the script.
struct statement_end : sor<semicolon, eof> {};
struct find_end : statement_end {};
struct fact_end : statement_end {};
struct simple_end : statement_end {};

struct find_statement
    : seq<kw_find, opt<distinct_flag>, must<projection>, must<kw_where>,
          must<group_pattern>, opt<group_by>, opt<order_by>, opt<limit_clause>,
          opt<offset_clause>, must<find_end>> {};

// ---- ADD, RETRACT, transactions, EXPLAIN ----------------------------------

struct add_fact : seq<subject, must<predicate>, must<object>, opt<time_suffix>,
                      opt<source_suffix>> {};
struct next_add_fact : seq<add_fact> {};
struct add_facts : seq<add_fact, star<comma, must<next_add_fact>>> {};
struct add_statement : seq<kw_add, must<add_facts>, must<fact_end>> {};

struct retract_fact
    : seq<subject, must<predicate>, must<object>, opt<time_suffix>> {};
struct next_retract_fact : seq<retract_fact> {};
struct retract_facts : seq<retract_fact, star<comma, must<next_retract_fact>>> {
};
struct retract_statement
    : seq<kw_retract, must<retract_facts>, must<fact_end>> {};

struct begin_statement : seq<kw_begin, must<simple_end>> {};
struct commit_statement : seq<kw_commit, must<simple_end>> {};
struct rollback_statement : seq<kw_rollback, must<simple_end>> {};

struct format_json
    : seq<open_paren, must<kw_format>, must<kw_json>, must<close_paren>> {};
struct analyze_flag : kw_analyze {};
struct profile_flag : kw_profile {};  // PROFILE is EXPLAIN ANALYZE.
struct explained_statement
    : sor<find_statement, add_statement, retract_statement> {};
struct explain_statement
    : seq<sor<seq<kw_explain, opt<format_json>, opt<analyze_flag>>,
              profile_flag>,
          must<explained_statement>> {};

struct statement
    : sor<explain_statement, find_statement, add_statement, retract_statement,
          begin_statement, commit_statement, rollback_statement> {};
struct script_end : eof {};
struct script : seq<ws, star<sor<semicolon, statement>>, must<script_end>> {};

}  // namespace almanac::grammar

#endif  // ALMANAC_QUERY_GRAMMAR_H_
