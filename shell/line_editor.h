// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Line editing on a terminal with libedit (BSD editline): emacs keys, a
// history kept in a file, Tab completion, and Ctrl-C that discards the line
// being typed. The shell uses it only when its input is a terminal.
//
// Example:
//   LineEditor::Options options;
//   options.history_path = home + "/.almanac_history";
//   std::unique_ptr<LineEditor> editor =
//       LineEditor::Open(stdin, stdout, std::move(options));
//   for (;;) {
//     LineEditor::Input input = editor->ReadLine("almanac> ");
//     if (input.status == LineEditor::kEnd) break;
//     ...
//   }

#ifndef ALMANAC_SHELL_LINE_EDITOR_H_
#define ALMANAC_SHELL_LINE_EDITOR_H_

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "shell/completion.h"

namespace almanac {

class LineEditor {
 public:
  struct Options {
    // The history file: read by Open, rewritten by AddToHistory. "" keeps
    // the history in memory only.
    std::string history_path;
    // The most entries the history keeps.
    int history_size = 1000;
    // What Tab offers for the word before `cursor` (a byte offset in
    // `line`). Empty: Tab does nothing.
    std::function<Completion(std::string_view line, size_t cursor)> complete;
    // Returns true, once, when Ctrl-C was pressed since the last call (the
    // owner's SIGINT handler records it). Asked while waiting for a key, so
    // that Ctrl-C at the prompt discards the line even though the terminal
    // turns it into a signal. Empty: only the Ctrl-C key itself counts.
    std::function<bool()> take_interrupt;
  };

  enum Status {
    kLine,         // A line was entered: `text`, without its newline.
    kInterrupted,  // Ctrl-C: the line being typed was discarded.
    kEnd,          // Ctrl-D on an empty line, or the input ended.
  };

  struct Input {
    Status status = kEnd;
    std::string text;
  };

  // Starts line editing on the terminal `in`/`out` and loads the history
  // file (a missing or unreadable one is ignored). Sets the C library's
  // LC_CTYPE from the environment (UTF-8 if that gives none) so that
  // non-ASCII names can be typed. Returns nullptr when libedit cannot
  // start. REQUIRES: `in` and `out` outlive the editor.
  static std::unique_ptr<LineEditor> Open(FILE* in, FILE* out, Options options);

  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  // Shows `prompt` and reads one line with editing.
  Input ReadLine(std::string_view prompt);

  // Adds `entry` to the history (a statement of several lines is one entry;
  // a repeat of the last entry and blank text are skipped) and rewrites the
  // history file. A file that cannot be written is ignored quietly.
  void AddToHistory(std::string_view entry);

 private:
  struct State;  // libedit's handles and callbacks; line_editor.cc.
  explicit LineEditor(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace almanac

#endif  // ALMANAC_SHELL_LINE_EDITOR_H_
