// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/fact.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace almanac {

std::string Fact::ToString() const {
  std::string text = absl::StrCat(subject.ToString(), " ", predicate.ToString(),
                                  " ", object.ToString());
  if (time.is_stated()) absl::StrAppend(&text, " @ ", time.ToString());
  // A source is written as a string literal: quoted, \" and \\ escaped.
  if (!source.empty()) {
    absl::StrAppend(&text, " SOURCE ", Term::String(source).ToString());
  }
  return text;
}

}  // namespace almanac
