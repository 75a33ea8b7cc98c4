// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Parse(): runs the PEGTL grammar (query/grammar.h) over the text into a
// parse tree, turns a PEGTL parse_error into a Status at this one boundary,
// and hands the tree to BuildStatements() (query/ast_builder.cc).

#include "query/parser.h"

#include <algorithm>
#include <cstddef>
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
// kKeptRule keeps and nothing else. The nodes and their lists of children
// come from blocks this builder owns, a few allocations a statement.
//
// Finished nodes wait on a stack until the kept rule around them matches
// and takes the ones it added as its children. Control::match notes, in
// local variables, the stack's height (and for a kept rule where it
// began) before a rule that may hold kept ones, and cuts the stack back
// to that height if the rule fails.
class TreeBuilder {
 public:
  TreeBuilder() { done_.reserve(kWaitingNodes); }

  // Where a kept rule began: the stack's height and the text.
  struct Start {
    size_t height;
    const char* begin;
    ParseNode::Begin position;
  };
  template <typename ParseInput>
  Start StartAt(const ParseInput& in) const {
    const auto& at = in.iterator();
    return {done_.size(), in.current(), {at.line, at.column, at.byte}};
  }

  // A kept rule that began at `start` matched up to where `in` is now: its
  // node goes on the stack, holding the nodes above start.height.
  template <typename Rule, typename ParseInput>
  void Close(const Start& start, const ParseInput& in) {
    const size_t count = done_.size() - start.height;
    // A binary operator level with one operand is that operand.
    if (kFoldOneRule<Rule> && count == 1) return;
    ParseNode* node = NewNode();
    node->rule = &rule_tag<Rule>;
    node->text = std::string_view(
        start.begin, static_cast<size_t>(in.current() - start.begin));
    node->begin = start.position;
    node->children = CopyChildren(start.height);
    CutTo(start.height);
    done_.push_back(node);
  }

  // How many finished nodes wait, and dropping those from `first` on.
  size_t height() const { return done_.size(); }
  void CutTo(size_t first) {
    done_.erase(done_.begin() + static_cast<std::ptrdiff_t>(first),
                done_.end());
  }

  // The root, whose children are the statements' nodes; valid while this
  // builder lives. REQUIRES: the whole script matched.
  const ParseNode& Root() {
    ParseNode* root = NewNode();
    root->children = CopyChildren(0);
    return *root;
  }

 private:
  // Room for the waiting nodes of a common statement, so that done_ does
  // not grow while it is parsed; and the sizes of the blocks.
  static constexpr size_t kWaitingNodes = 128;
  static constexpr size_t kBlockNodes = 64;
  static constexpr size_t kBlockPointers = 256;

  // A block's nodes are made as they are taken, not all when it is.
  ParseNode* NewNode() {
    if (nodes_used_ == kBlockNodes || node_blocks_.empty()) {
      node_blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(
          kBlockNodes * sizeof(ParseNode)));
      nodes_used_ = 0;
    }
    std::byte* place = &node_blocks_.back()[nodes_used_++ * sizeof(ParseNode)];
    return new (place) ParseNode;
  }

  // Copies the waiting nodes from `first` on into a block of their own.
  std::span<ParseNode* const> CopyChildren(size_t first) {
    const size_t count = done_.size() - first;
    if (count == 0) return {};
    if (pointer_blocks_.empty() ||
        pointers_used_ + count > pointer_block_size_) {
      pointer_block_size_ = std::max(count, kBlockPointers);
      pointer_blocks_.push_back(
          std::make_unique_for_overwrite<ParseNode*[]>(pointer_block_size_));
      pointers_used_ = 0;
    }
    ParseNode** children = &pointer_blocks_.back()[pointers_used_];
    std::copy(done_.begin() + static_cast<std::ptrdiff_t>(first), done_.end(),
              children);
    pointers_used_ += count;
    return {children, count};
  }

  std::vector<ParseNode*> done_;  // Finished nodes waiting for a parent.
  // Nodes need no destructor, so a block is freed as plain bytes, and
  // operator new[] aligns a block for them.
  static_assert(std::is_trivially_destructible_v<ParseNode>);
  static_assert(alignof(ParseNode) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  std::vector<std::unique_ptr<std::byte[]>> node_blocks_;
  size_t nodes_used_ = 0;  // In the last node block.
  std::vector<std::unique_ptr<ParseNode*[]>> pointer_blocks_;
  size_t pointer_block_size_ = 0;  // Of the last pointer block.
  size_t pointers_used_ = 0;       // In the last pointer block.
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
  if constexpr (kKeptRule<Rule> || depth == 0) {
    return true;
  } else {
    return AnyMayHoldKept<depth - 1>(typename Rule::subs_t());
  }
}

// must_if raises the message of ErrorMessages when a must<> target fails
// (and static_asserts that there is one); match() adds the nesting limit
// and builds the tree around each rule's match. PEGTL calls match() for
// every rule, internal ones included. There is no unwind(): when a must<>
// raises, the parse ends and the tree is thrown away.
template <typename Rule>
struct Control : pegtl::must_if<ErrorMessages>::control<Rule> {
  using Base = typename pegtl::must_if<ErrorMessages>::template control<Rule>;

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
      return MatchBuildingTree<A, M, Action, Ctl>(in, st...);
    } else {
      return MatchBuildingTree<A, M, Action, Ctl>(in, st...);
    }
  }

  // A kept rule that matches puts its node on the tree's stack; a rule
  // that may hold kept ones and fails takes the nodes its sub-rules added
  // off again.
  template <pegtl::apply_mode A, pegtl::rewind_mode M,
            template <typename...> class Action,
            template <typename...> class Ctl, typename ParseInput,
            typename... States>
  [[nodiscard]] static bool MatchBuildingTree(ParseInput& in, States&&... st) {
    if constexpr (kKeptRule<Rule>) {
      TreeBuilder& tree = FindState<TreeBuilder>(st...);
      const TreeBuilder::Start start = tree.StartAt(in);
      if (Base::template match<A, M, Action, Ctl>(in, st...)) {
        tree.template Close<Rule>(start, in);
        return true;
      }
      tree.CutTo(start.height);
      return false;
    } else if constexpr (MayHoldKept<Rule>()) {
      TreeBuilder& tree = FindState<TreeBuilder>(st...);
      const size_t height = tree.height();
      if (Base::template match<A, M, Action, Ctl>(in, st...)) return true;
      tree.CutTo(height);
      return false;
    } else {
      return Base::template match<A, M, Action, Ctl>(in, st...);
    }
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
  try {
    TreeBuilder tree;
    if (!pegtl::parse<grammar::script, pegtl::nothing, Control>(in, tree,
                                                                depth)) {
      // The grammar ends in must<script_end>, so it fails by raising; this
      // is only a safety net.
      return ParseError(text, ast::Position{},
                        grammar::kErrorMessage<grammar::script_end>);
    }
    // The AST keeps nothing of the tree, which goes with this scope.
    return BuildStatements(tree.Root(), text);
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
}

}  // namespace almanac
