// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// libedit's native interface (histedit.h), not its readline emulation: it
// lets us read keys ourselves (EL_GETCFN), which is how Ctrl-C at the prompt
// and terminal resizes are noticed without libedit's own signal handling
// (EL_SIGNAL), which re-sends signals to the whole process group.

#include "shell/line_editor.h"

#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdlib>
#include <cwchar>

namespace almanac {
namespace {

// The key the editor feeds libedit when Ctrl-C arrives as a signal; bound
// to InterruptKey below, like the Ctrl-C key itself.
constexpr wchar_t kInterruptKey = L'\x03';

// How long one wait for a key lasts before the flags are looked at again:
// a signal that lands just before poll() is noticed this late at worst.
constexpr int kPollMillis = 100;

volatile sig_atomic_t g_resized = 0;

void OnResize(int) { g_resized = 1; }

}  // namespace

struct LineEditor::State {
  FILE* in = nullptr;
  FILE* out = nullptr;
  Options options;
  EditLine* el = nullptr;
  History* history = nullptr;
  std::string prompt;
  std::mbstate_t multibyte{};  // A UTF-8 character read in part.
  bool interrupted = false;    // Ctrl-C during the current ReadLine.
  // The terminal opened again without blocking, for ReadChar; -1 when it
  // could not be (say, a terminal another user owns after `su`: then `in`
  // is read, and a Ctrl-C that flushes the keys poll() saw waits for the
  // next key).
  int nonblocking_in = -1;
  struct sigaction old_resize_action {};

  State() = default;
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  ~State() {
    if (nonblocking_in >= 0) close(nonblocking_in);
  }

  static State* Of(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return static_cast<State*>(data);
  }

  static char* Prompt(EditLine* el) { return Of(el)->prompt.data(); }

  // Reads one character for libedit (EL_GETCFN): 1 when *out holds one, 0
  // at the end of input, -1 on error.
  //
  // The read must not block: Ctrl-C makes the terminal throw away the keys
  // not yet read, and may do so between poll() finding them and read()
  // taking one. A blocking read() would then wait for the next key (our
  // SIGINT handler restarts it), and the interrupt would go unnoticed.
  // That happens to keys typed while the prompt is shown, since libedit
  // puts the terminal into character mode only after printing the prompt.
  static int ReadChar(EditLine* el, wchar_t* out) {
    State& state = *Of(el);
    const int fd =
        state.nonblocking_in >= 0 ? state.nonblocking_in : fileno(state.in);
    for (;;) {
      if (state.options.take_interrupt && state.options.take_interrupt()) {
        // The flush may have taken the rest of a character begun.
        state.multibyte = std::mbstate_t{};
        *out = kInterruptKey;
        return 1;
      }
      if (g_resized) {
        g_resized = 0;
        el_resize(el);
      }
      pollfd wait = {fd, POLLIN, 0};
      const int ready = poll(&wait, 1, kPollMillis);
      if (ready < 0 && errno != EINTR) return -1;
      if (ready <= 0) continue;
      char byte;
      const ssize_t n = read(fd, &byte, 1);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) return static_cast<int>(n);
      const size_t decoded = std::mbrtowc(out, &byte, 1, &state.multibyte);
      if (decoded == static_cast<size_t>(-2)) continue;  // More bytes due.
      if (decoded == static_cast<size_t>(-1)) {
        state.multibyte = std::mbstate_t{};
        continue;  // Not a character in this encoding: dropped.
      }
      if (decoded == 0) *out = L'\0';
      return 1;
    }
  }

  // Ctrl-C: ends the line; ReadLine reports it as kInterrupted.
  static unsigned char InterruptKey(EditLine* el, int) {
    State& state = *Of(el);
    state.interrupted = true;
    std::fputs("^C\n", state.out);
    return CC_NEWLINE;
  }

  // Tab: completes the word before the cursor as far as the candidates
  // agree, or lists them when they do not.
  static unsigned char CompleteKey(EditLine* el, int) {
    State& state = *Of(el);
    if (!state.options.complete) return CC_REFRESH_BEEP;
    const LineInfo* info = el_line(el);
    const std::string line(info->buffer, info->lastchar);
    const size_t cursor = static_cast<size_t>(info->cursor - info->buffer);
    const Completion completion = state.options.complete(line, cursor);
    const std::vector<std::string>& candidates = completion.candidates;
    if (candidates.empty()) return CC_REFRESH_BEEP;
    const std::string_view word = std::string_view(line).substr(
        completion.start, cursor - completion.start);
    std::string replacement;
    if (candidates.size() == 1) {
      replacement = candidates[0];
      if (EndsWord(replacement)) replacement += ' ';
    } else {
      replacement = CommonPrefix(candidates);
      if (replacement.size() <= word.size()) {
        state.List(candidates);
        return CC_REDISPLAY;
      }
    }
    el_deletestr(el, CharacterCount(word));
    el_insertstr(el, replacement.c_str());
    return CC_REFRESH;
  }

  // The characters (not bytes) of the UTF-8 text `text`.
  static int CharacterCount(std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  }

  // Prints `candidates` in columns under the line being typed.
  void List(const std::vector<std::string>& candidates) {
    winsize size{};
    const size_t width =
        ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0
            ? size.ws_col
            : 80;
    size_t column_width = 0;
    for (const std::string& candidate : candidates) {
      column_width = std::max(column_width, candidate.size() + 2);
    }
    const size_t columns = std::max<size_t>(1, width / column_width);
    std::fputc('\n', out);
    for (size_t i = 0; i < candidates.size(); ++i) {
      const bool last_in_row =
          (i + 1) % columns == 0 || i + 1 == candidates.size();
      if (last_in_row) {
        std::fprintf(out, "%s\n", candidates[i].c_str());
      } else {
        std::fprintf(out, "%-*s", static_cast<int>(column_width),
                     candidates[i].c_str());
      }
    }
    std::fflush(out);
  }
};

std::unique_ptr<LineEditor> LineEditor::Open(FILE* in, FILE* out,
                                             Options options) {
  if (std::setlocale(LC_CTYPE, "") == nullptr || MB_CUR_MAX == 1) {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }
  auto state = std::make_unique<State>();
  state->in = in;
  state->out = out;
  state->options = std::move(options);
  state->el = el_init("almanac", in, out, stderr);
  state->history = history_init();
  if (state->el == nullptr || state->history == nullptr) {
    if (state->el != nullptr) el_end(state->el);
    if (state->history != nullptr) history_end(state->history);
    return nullptr;
  }
  EditLine* el = state->el;
  HistEvent event;
  history(state->history, &event, H_SETSIZE, state->options.history_size);
  history(state->history, &event, H_SETUNIQUE, 1);
  if (!state->options.history_path.empty()) {
    history(state->history, &event, H_LOAD,
            state->options.history_path.c_str());
  }
  el_set(el, EL_CLIENTDATA, state.get());
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_HIST, history, state->history);
  el_set(el, EL_PROMPT, &State::Prompt);
  el_set(el, EL_GETCFN, &State::ReadChar);
  el_set(el, EL_ADDFN, "almanac-complete", "Complete the word",
         &State::CompleteKey);
  el_set(el, EL_ADDFN, "almanac-interrupt", "Discard the line",
         &State::InterruptKey);
  el_set(el, EL_BIND, "^I", "almanac-complete", nullptr);
  el_source(el, nullptr);  // The user's ~/.editrc, if any.

  // A file description of our own, so that O_NONBLOCK does not leak to the
  // user's shell, which shares the one of `in`.
  if (const char* terminal = ttyname(fileno(in))) {
    state->nonblocking_in =
        open(terminal, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  }

  struct sigaction resize {};
  resize.sa_handler = OnResize;
  sigemptyset(&resize.sa_mask);
  resize.sa_flags = SA_RESTART;
  sigaction(SIGWINCH, &resize, &state->old_resize_action);
  return std::unique_ptr<LineEditor>(new LineEditor(std::move(state)));
}

LineEditor::LineEditor(std::unique_ptr<State> state)
    : state_(std::move(state)) {}

LineEditor::~LineEditor() {
  sigaction(SIGWINCH, &state_->old_resize_action, nullptr);
  el_end(state_->el);
  history_end(state_->history);
}

LineEditor::Input LineEditor::ReadLine(std::string_view prompt) {
  State& state = *state_;
  state.prompt = std::string(prompt);
  state.interrupted = false;
  // Bound on every read: libedit binds the terminal's interrupt character
  // to its own function whenever it finds the terminal's settings changed.
  el_set(state.el, EL_BIND, "^C", "almanac-interrupt", nullptr);
  int count = 0;
  const char* line = el_gets(state.el, &count);
  Input input;
  if (state.interrupted) {
    input.status = kInterrupted;
  } else if (line != nullptr && count > 0) {
    input.status = kLine;
    input.text.assign(line, static_cast<size_t>(count));
    if (!input.text.empty() && input.text.back() == '\n') {
      input.text.pop_back();
    }
  }
  return input;
}

void LineEditor::AddToHistory(std::string_view entry) {
  if (entry.find_first_not_of(" \t\n") == std::string_view::npos) return;
  HistEvent event;
  history(state_->history, &event, H_ENTER, std::string(entry).c_str());
  if (!state_->options.history_path.empty()) {
    history(state_->history, &event, H_SAVE,
            state_->options.history_path.c_str());
  }
}

}  // namespace almanac
