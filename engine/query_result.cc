// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "almanac/query_result.h"

namespace almanac {

std::string Cell::ToString() const {
  switch (kind) {
    case Kind::kNull:
      return "";
    case Kind::kTerm:
      return term.ToString();
    case Kind::kTime:
      return time.ToString();
  }
  return "";
}

}  // namespace almanac
