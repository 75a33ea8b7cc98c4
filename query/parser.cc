// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Parse(): runs the PEGTL grammar (query/grammar.h) over the text into a
// parse tree, turns a PEGTL parse_error into a Status at this one boundary,
// and hands the tree to BuildStatements() (query/ast_builder.cc).

#include "query/parser.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <tao/pegtl.hpp>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "query/ast_builder.h"
#include "query/grammar.h"
#include "query/parse_errors.h"

namespace almanac {
namespace {

namespace pegtl = tao::pegtl;

// For must_if: the message of a commit point, and no error for a rule that
// merely fails (it may be one alternative of several).
struct ErrorMessages {
  template <typename Rule>
  static constexpr const char* message = grammar::kErrorMessage<Rule>;
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

// The rules through which the grammar recurses; each level counts towards
// kMaxParseNesting. A recursive-descent parser uses stack for every level, so
// this is what keeps "((((...", "NOT NOT ...", "- - ..." and "{{{..." from
// overflowing it.
template <typename Rule>
inline constexpr bool kNests = std::is_same_v<Rule, grammar::expression> ||
                               std::is_same_v<Rule, grammar::negate_operand> ||
                               std::is_same_v<Rule, grammar::not_operand> ||
                               std::is_same_v<Rule, grammar::group_pattern>;

// The parser state: how deep the nesting rules are now.
struct NestingDepth {
  int value = 0;
};

template <typename T, typename First, typename... Rest>
T& FindState(First& first, Rest&... rest) {
  if constexpr (std::is_same_v<std::remove_cvref_t<First>, T>) {
    return first;
  } else {
    return FindState<T>(rest...);
  }
}

// The parse tree, built as the grammar runs, with a node for each rule
// KeptRule keeps and nothing else. (PEGTL's parse_tree::parse also gives
// every rule around kept ones a node of its own, and on success moves its
// children up into its parent, one vector at a time: two thirds of parsing
// went into that.) A rule around kept ones only remembers how many
// children the nearest open node had when it began, and drops those it
// added when it fails.
class TreeBuilder {
 public:
  TreeBuilder() {
    open_.reserve(kNesting);
    marks_.reserve(4 * kNesting);
    open_.push_back(std::make_unique<ParseNode>());
  }

  // A kept rule begins, succeeds (its node joins its parent's children,
  // after KeptRule's transform) or fails (its node goes).
  template <typename Rule, typename ParseInput>
  void Open(const ParseInput& in) {
    open_.push_back(std::make_unique<ParseNode>());
    open_.back()->template start<Rule>(in);
  }
  template <typename Rule, typename ParseInput>
  void Close(const ParseInput& in) {
    std::unique_ptr<ParseNode> node = std::move(open_.back());
    open_.pop_back();
    node->template success<Rule>(in);
    if constexpr (requires { KeptRule<Rule>::transform(node); }) {
      KeptRule<Rule>::transform(node);  // fold_one may put a child instead.
    }
    if (node != nullptr) open_.back()->children.push_back(std::move(node));
  }
  void Drop() { open_.pop_back(); }

  // A rule that may hold kept ones begins, succeeds or fails.
  void Mark() { marks_.push_back(open_.back()->children.size()); }
  void Unmark() { marks_.pop_back(); }
  void Rewind() {
    open_.back()->children.resize(marks_.back());
    marks_.pop_back();
  }

  // The root, whose children are the statements' nodes. REQUIRES: the
  // whole script matched.
  std::unique_ptr<ParseNode> TakeRoot() { return std::move(open_.front()); }

 private:
  // Room for the open nodes and marks of a common statement, so that
  // neither vector grows while it is parsed.
  static constexpr size_t kNesting = 32;

  std::vector<std::unique_ptr<ParseNode>> open_;  // The root first.
  std::vector<size_t> marks_;
};

// Whether a match of `Rule` can add nodes to the tree: it is kept, or one
// of its sub-rules, `depth` levels down, may be (beyond that, assumed so).
template <typename Rule, int depth = 8>
constexpr bool MayHoldKept();

template <int depth, typename... Subs>
constexpr bool AnyMayHoldKept(pegtl::type_list<Subs...> /*subs*/) {
  return (MayHoldKept<Subs, depth>() || ...);
}

template <typename Rule, int depth>
constexpr bool MayHoldKept() {
  if constexpr (KeptRule<Rule>::value || depth == 0) {
    return true;
  } else {
    return AnyMayHoldKept<depth - 1>(typename Rule::subs_t());
  }
}

// must_if raises the message of ErrorMessages when a must<> target fails
// (and static_asserts that there is one); match() adds the nesting limit;
// start(), success() and failure() build the tree. There is no unwind():
// when a must<> raises, the parse ends and the tree is thrown away.
template <typename Rule>
struct Control : pegtl::must_if<ErrorMessages>::control<Rule> {
  using Base = typename pegtl::must_if<ErrorMessages>::template control<Rule>;

  // PEGTL calls no hook of the internal rules behind opt<A, B>, star<A, B>
  // and the like unless enabled here; those that may hold kept rules need
  // theirs, so that a failed opt<Kept, B> drops Kept's node.
  static constexpr bool enable = Base::enable || MayHoldKept<Rule>();

  template <pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action,
            template <typename...> class Ctl, typename ParseInput,
            typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    if constexpr (kNests<Rule>) {
      int& depth = FindState<NestingDepth>(st...).value;
      if (depth >= kMaxParseNesting) {
        throw pegtl::parse_error(
            absl::StrCat("too deeply nested: at most ", kMaxParseNesting,
                         " levels of (), {}, NOT and unary minus"),
            in);
      }
      ++depth;
      struct Leave {
        int& depth;
        ~Leave() { --depth; }
      } leave{depth};
      return Base::template match<A, M, Action, Ctl>(in, st...);
    } else {
      return Base::template match<A, M, Action, Ctl>(in, st...);
    }
  }

  template <typename ParseInput, typename... States>
  static void start(const ParseInput& in, States&&... st) {
    if constexpr (KeptRule<Rule>::value) {
      FindState<TreeBuilder>(st...).template Open<Rule>(in);
    } else if constexpr (MayHoldKept<Rule>()) {
      FindState<TreeBuilder>(st...).Mark();
    }
    Base::start(in, st...);
  }

  template <typename ParseInput, typename... States>
  static void success(const ParseInput& in, States&&... st) {
    if constexpr (KeptRule<Rule>::value) {
      FindState<TreeBuilder>(st...).template Close<Rule>(in);
    } else if constexpr (MayHoldKept<Rule>()) {
      FindState<TreeBuilder>(st...).Unmark();
    }
    Base::success(in, st...);
  }

  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& in, States&&... st) {
    if constexpr (KeptRule<Rule>::value) {
      FindState<TreeBuilder>(st...).Drop();
    } else if constexpr (MayHoldKept<Rule>()) {
      FindState<TreeBuilder>(st...).Rewind();
    }
    Base::failure(in, st...);
  }
};

// Where an error at the end of the input is reported: just after the last
// character that is not whitespace, rather than on an empty last line.
ast::Position EndOfText(std::string_view text) {
  size_t end = text.size();
  while (end > 0 &&
         absl::ascii_isspace(static_cast<unsigned char>(text[end - 1]))) {
    --end;
  }
  ast::Position position;
  position.offset = end;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

}  // namespace

absl::Status ParseError(std::string_view text, const ast::Position& position,
                        std::string_view message) {
  const size_t offset = std::min(position.offset, text.size());
  size_t line_begin = 0;
  if (offset > 0) {
    const size_t newline = text.rfind('\n', offset - 1);
    if (newline != std::string_view::npos) line_begin = newline + 1;
  }
  size_t line_end = text.find('\n', line_begin);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line = text.substr(line_begin, line_end - line_begin);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  std::string caret;
  const std::string_view before =
      line.substr(0, std::min(offset - line_begin, line.size()));
  for (const char c : before) {
    if (c == '\t') {
      caret += '\t';
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      caret += ' ';  // One space per character, not per UTF-8 byte.
    }
  }
  caret += '^';
  return absl::InvalidArgumentError(
      absl::StrCat("line ", position.line, ", column ", position.column, ": ",
                   std::string(message), "\n", std::string(line), "\n", caret));
}

absl::StatusOr<std::vector<ast::Statement>> Parse(std::string_view text) {
  pegtl::memory_input<> in(text.data(), text.size(), "");
  NestingDepth depth;
  std::unique_ptr<ParseNode> root;
  try {
    TreeBuilder tree;
    if (pegtl::parse<grammar::script, pegtl::nothing, Control>(in, tree,
                                                               depth)) {
      root = tree.TakeRoot();
    }
  } catch (const pegtl::parse_error& e) {
    const pegtl::position& p = e.positions().front();
    ast::Position position{static_cast<int>(p.line), static_cast<int>(p.column),
                           p.byte};
    if (p.byte >= text.size()) position = EndOfText(text);
    return ParseError(text, position, e.message());
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory parsing the query");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("query parser: ", e.what()));
  }
  if (root == nullptr) {
    // The grammar ends in must<script_end>, so it fails by raising; this is
    // only a safety net.
    return ParseError(text, ast::Position{},
                      grammar::kErrorMessage<grammar::script_end>);
  }
  return BuildStatements(*root, text);
}

}  // namespace almanac
