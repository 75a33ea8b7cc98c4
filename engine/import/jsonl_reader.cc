// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// JSON lines: one object per line, as `almanac export --format jsonl` writes
// them:
//
//   {"subject":"Russia","predicate":"recognized","object":"IEA",
//    "object_type":"entity","time":"2025-07-03","source":"The Hindu"}
//
// "subject", "predicate" and "object" are required; "time" and "source" may
// be missing or null; other keys are ignored. With "object_type" (entity,
// string, integer, decimal, boolean, date) the object is of that type;
// without it a JSON string object is read like the object column of a TSV
// file, a number is an integer or a decimal, true/false a boolean. Values
// are strings, numbers, booleans or null: nested objects and arrays are
// malformed rows. Blank lines are skipped.

#include <fstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "engine/import/delimited_reader.h"
#include "engine/import/fact_source.h"

namespace almanac {
namespace {

struct JsonValue {
  enum class Kind { kNull, kString, kNumber, kBoolean };
  Kind kind = Kind::kNull;
  std::string text;  // kString: the text; kNumber: as written.
  bool boolean = false;
};

// Appends code point `c` to `out` as UTF-8.
void AppendUtf8(uint32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Reads one flat JSON object from a line.
class ObjectParser {
 public:
  explicit ObjectParser(std::string_view line) : text_(line) {}

  // Returns the object's members in order, or the reason it is malformed.
  absl::StatusOr<std::vector<std::pair<std::string, JsonValue>>> Parse() {
    std::vector<std::pair<std::string, JsonValue>> members;
    SkipSpaces();
    ALMANAC_RETURN_IF_ERROR(Expect('{'));
    SkipSpaces();
    if (Peek() == '}') {
      ++pos_;
    } else {
      while (true) {
        SkipSpaces();
        std::string key;
        ALMANAC_RETURN_IF_ERROR(Expect('"'));
        ALMANAC_RETURN_IF_ERROR(ReadString(key));
        SkipSpaces();
        ALMANAC_RETURN_IF_ERROR(Expect(':'));
        SkipSpaces();
        JsonValue value;
        ALMANAC_RETURN_IF_ERROR(ReadValue(value));
        members.emplace_back(std::move(key), std::move(value));
        SkipSpaces();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        ALMANAC_RETURN_IF_ERROR(Expect('}'));
        break;
      }
    }
    SkipSpaces();
    if (pos_ != text_.size()) return Error("text after the object");
    return members;
  }

 private:
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void SkipSpaces() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(
        absl::StrCat(AbslView(what), " at column ", pos_ + 1));
  }

  absl::Status Expect(char c) {
    if (Peek() != c)
      return Error(absl::StrCat("expected '", std::string(1, c), "'"));
    ++pos_;
    return absl::OkStatus();
  }

  absl::Status ReadValue(JsonValue& value) {
    const char c = Peek();
    if (c == '"') {
      ++pos_;
      value.kind = JsonValue::Kind::kString;
      return ReadString(value.text);
    }
    for (const auto& [word, kind, boolean] :
         {std::tuple{"null", JsonValue::Kind::kNull, false},
          std::tuple{"true", JsonValue::Kind::kBoolean, true},
          std::tuple{"false", JsonValue::Kind::kBoolean, false}}) {
      if (text_.substr(pos_).starts_with(word)) {
        pos_ += std::string_view(word).size();
        value.kind = kind;
        value.boolean = boolean;
        return absl::OkStatus();
      }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t begin = pos_;
      while (pos_ < text_.size() &&
             std::string_view("+-0123456789.eE").find(text_[pos_]) !=
                 std::string_view::npos) {
        ++pos_;
      }
      value.kind = JsonValue::Kind::kNumber;
      value.text = std::string(text_.substr(begin, pos_ - begin));
      return absl::OkStatus();
    }
    if (c == '{' || c == '[')
      return Error("nested objects and arrays are not read");
    return Error("expected a value");
  }

  // Reads the rest of a string whose opening quote has been read.
  absl::Status ReadString(std::string& out) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return absl::OkStatus();
      if (static_cast<unsigned char>(c) < 0x20) {
        return Error("control character in a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      const char escaped = Peek();
      ++pos_;
      switch (escaped) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t c1;
          ALMANAC_RETURN_IF_ERROR(ReadHex4(c1));
          if (c1 >= 0xD800 && c1 < 0xDC00 &&
              text_.substr(pos_).starts_with("\\u")) {
            pos_ += 2;
            uint32_t c2;
            ALMANAC_RETURN_IF_ERROR(ReadHex4(c2));
            if (c2 < 0xDC00 || c2 >= 0xE000) return Error("bad surrogate pair");
            c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
          } else if (c1 >= 0xD800 && c1 < 0xE000) {
            return Error("lone surrogate");
          }
          AppendUtf8(c1, out);
          break;
        }
        default:
          return Error("bad escape");
      }
    }
    return Error("unterminated string");
  }

  absl::Status ReadHex4(uint32_t& value) {
    value = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const char c = Peek();
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return Error("bad \\u escape");
      }
      value = value * 16 + digit;
    }
    return absl::OkStatus();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// A JSON number as an integer or a decimal term.
absl::StatusOr<Term> ReadNumber(const std::string& text) {
  if (text.find_first_of("eE+") != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("number ", text, ": exponents are not read"));
  }
  if (text.find('.') != std::string::npos) return Term::Decimal(text);
  ALMANAC_ASSIGN_OR_RETURN(Term term, Term::ParseObjectField(text));
  if (term.kind() != TermKind::kInteger) {
    return absl::InvalidArgumentError(absl::StrCat("bad number ", text));
  }
  return term;
}

// The object of a row from its value and "object_type" (empty when absent).
absl::StatusOr<Term> ReadObject(const JsonValue& value,
                                const std::string& type) {
  using Kind = JsonValue::Kind;
  if (value.kind == Kind::kNull) {
    return absl::InvalidArgumentError("null object");
  }
  if (type.empty()) {
    switch (value.kind) {
      case Kind::kString:
        return Term::ParseObjectField(value.text);
      case Kind::kBoolean:
        return Term::Boolean(value.boolean);
      default:
        return ReadNumber(value.text);
    }
  }
  const Kind wanted = type == "integer" || type == "decimal" ? Kind::kNumber
                      : type == "boolean"                    ? Kind::kBoolean
                                                             : Kind::kString;
  if (value.kind != wanted) {
    return absl::InvalidArgumentError(
        absl::StrCat("the object is not of object_type ", type));
  }
  if (type == "entity") return Term::Entity(value.text);
  if (type == "string") return Term::String(value.text);
  if (type == "boolean") return Term::Boolean(value.boolean);
  if (type == "integer" || type == "decimal") {
    ALMANAC_ASSIGN_OR_RETURN(Term term, ReadNumber(value.text));
    if (TermKindName(term.kind()) == type) return term;
    return absl::InvalidArgumentError(absl::StrCat(
        "the object ", value.text, " is not of object_type ", type));
  }
  if (type == "date") {
    ALMANAC_ASSIGN_OR_RETURN(Date date, Date::Parse(value.text));
    return Term::DateValue(date);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown object_type \"", type, "\""));
}

absl::Status ReadFact(std::string_view line, Fact* fact) {
  ALMANAC_ASSIGN_OR_RETURN(auto members, ObjectParser(line).Parse());
  const JsonValue* subject = nullptr;
  const JsonValue* predicate = nullptr;
  const JsonValue* object = nullptr;
  std::string object_type;
  JsonValue time;
  JsonValue source;
  for (const auto& [key, value] : members) {
    if (key == "subject") subject = &value;
    if (key == "predicate") predicate = &value;
    if (key == "object") object = &value;
    if (key == "object_type" && value.kind == JsonValue::Kind::kString) {
      object_type = value.text;
    }
    if (key == "time") time = value;
    if (key == "source") source = value;
  }
  for (const auto& [name, value] :
       {std::pair{"subject", subject}, std::pair{"predicate", predicate}}) {
    if (value == nullptr || value->kind != JsonValue::Kind::kString ||
        value->text.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("\"", name, "\" must be a non-empty string"));
    }
  }
  if (object == nullptr) return absl::InvalidArgumentError("no \"object\"");
  fact->subject = Term::Entity(subject->text);
  fact->predicate = Term::Entity(predicate->text);
  ALMANAC_ASSIGN_OR_RETURN(fact->object, ReadObject(*object, object_type));
  for (const Term* term : {&fact->subject, &fact->predicate, &fact->object}) {
    ALMANAC_RETURN_IF_ERROR(term->CheckStorable());
  }
  if (time.kind != JsonValue::Kind::kNull &&
      time.kind != JsonValue::Kind::kString) {
    return absl::InvalidArgumentError("\"time\" must be a string or null");
  }
  ALMANAC_ASSIGN_OR_RETURN(fact->time, ValidTime::Parse(time.text));
  fact->source = source.kind == JsonValue::Kind::kString ? source.text : "";
  fact->added_in = 0;
  return absl::OkStatus();
}

class JsonlSource : public FactSource {
 public:
  JsonlSource(std::vector<std::string> paths, uint64_t bytes_total)
      : paths_(std::move(paths)), bytes_total_(bytes_total) {}

  absl::StatusOr<bool> Next(Fact* fact) override {
    while (true) {
      if (!file_.is_open()) {
        if (next_path_ == paths_.size()) return false;
        file_.open(paths_[next_path_++], std::ios::binary);
        if (!file_) {
          return absl::NotFoundError(
              absl::StrCat("cannot read ", paths_[next_path_ - 1]));
        }
        line_number_ = 0;
      }
      if (!std::getline(file_, line_)) {
        file_.close();
        continue;
      }
      bytes_read_ += line_.size() + 1;
      ++line_number_;
      std::string_view line = line_;
      if (line_number_ == 1 && line.starts_with("\xEF\xBB\xBF")) {
        line.remove_prefix(3);
      }
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const absl::Status status = ReadFact(line, fact);
      if (!status.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            paths_[next_path_ - 1], ":", line_number_, ": ", status.message()));
      }
      return true;
    }
  }

  uint64_t bytes_read() const override { return bytes_read_; }
  uint64_t bytes_total() const override { return bytes_total_; }

 private:
  const std::vector<std::string> paths_;
  const uint64_t bytes_total_;
  size_t next_path_ = 0;
  std::ifstream file_;
  std::string line_;
  uint64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<FactSource>> OpenJsonlSource(
    const std::vector<std::string>& paths) {
  if (paths.empty()) return absl::InvalidArgumentError("no file to import");
  uint64_t bytes_total = 0;
  for (const std::string& path : paths) {
    ALMANAC_ASSIGN_OR_RETURN(uint64_t size, ReadableFileSize(path));
    bytes_total += size;
  }
  return std::make_unique<JsonlSource>(paths, bytes_total);
}

}  // namespace almanac
