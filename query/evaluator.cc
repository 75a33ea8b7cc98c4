// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "query/evaluator.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "almanac/status_macros.h"

namespace almanac {
namespace {

using Kind = ast::Expr::Kind;

int Sign(double x) { return x < 0 ? -1 : (x > 0 ? 1 : 0); }

}  // namespace

absl::StatusOr<Evaluator::Scalar> Evaluator::ScalarOf(const Value& value) {
  Scalar scalar;
  switch (value.kind) {
    case Value::Kind::kNull:
      return scalar;
    case Value::Kind::kBoolean:
      scalar.kind = Scalar::Kind::kBoolean;
      scalar.boolean = value.boolean;
      return scalar;
    case Value::Kind::kInteger:
      scalar.kind = Scalar::Kind::kNumber;
      scalar.is_integer = true;
      scalar.integer = value.integer;
      scalar.number = static_cast<double>(value.integer);
      return scalar;
    case Value::Kind::kNumber:
      scalar.kind = Scalar::Kind::kNumber;
      scalar.number = value.number;
      return scalar;
    case Value::Kind::kText:
      scalar.kind = Scalar::Kind::kText;
      scalar.text = value.text;
      return scalar;
    case Value::Kind::kTime:
      if (!value.time.is_stated()) return scalar;  // "No time" is empty.
      scalar.kind = Scalar::Kind::kTime;
      scalar.time = value.time;
      scalar.days = value.time.days();
      return scalar;
    case Value::Kind::kTerm:
      break;
  }
  ALMANAC_ASSIGN_OR_RETURN(Term term, dictionary_.Decode(value.term));
  switch (term.kind()) {
    case TermKind::kEntity:
      scalar.kind = Scalar::Kind::kEntity;
      scalar.entity = value.term;
      scalar.text = term.text();
      break;
    case TermKind::kString:
      scalar.kind = Scalar::Kind::kText;
      scalar.text = term.text();
      break;
    case TermKind::kInteger:
      scalar.kind = Scalar::Kind::kNumber;
      scalar.is_integer = true;
      scalar.integer = term.integer();
      scalar.number = static_cast<double>(term.integer());
      break;
    case TermKind::kDecimal:
      scalar.kind = Scalar::Kind::kNumber;
      scalar.number = std::strtod(term.text().c_str(), nullptr);
      break;
    case TermKind::kBoolean:
      scalar.kind = Scalar::Kind::kBoolean;
      scalar.boolean = term.boolean();
      break;
    case TermKind::kDate:
      scalar.kind = Scalar::Kind::kTime;
      scalar.time = EncodeTime(ValidTime::At(term.date()));
      scalar.days = term.date().days();
      break;
  }
  return scalar;
}

absl::StatusOr<int> Evaluator::Compare(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::kTerm && b.kind == Value::Kind::kTerm &&
      a.term == b.term) {
    return 0;
  }
  ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(a));
  ALMANAC_ASSIGN_OR_RETURN(Scalar y, ScalarOf(b));
  return CompareScalars(x, y);
}

int Evaluator::CompareScalars(const Scalar& x, const Scalar& y) {
  if (x.kind != y.kind)
    return static_cast<int>(x.kind) < static_cast<int>(y.kind) ? -1 : 1;
  switch (x.kind) {
    case Scalar::Kind::kNull:
      return 0;
    case Scalar::Kind::kBoolean:
      return static_cast<int>(x.boolean) - static_cast<int>(y.boolean);
    case Scalar::Kind::kNumber:
      if (x.is_integer && y.is_integer) {
        return x.integer < y.integer ? -1 : (x.integer > y.integer ? 1 : 0);
      }
      return Sign(x.number - y.number);
    case Scalar::Kind::kTime:
      // By first day, then last day: 2014-03 equals 2014-03-01..2014-03-31.
      if (x.days.begin != y.days.begin) {
        return x.days.begin < y.days.begin ? -1 : 1;
      }
      if (x.days.end != y.days.end) return x.days.end < y.days.end ? -1 : 1;
      return 0;
    case Scalar::Kind::kText:
    case Scalar::Kind::kEntity:
      return x.text.compare(y.text) < 0 ? -1 : (x.text == y.text ? 0 : 1);
  }
  return 0;
}

absl::StatusOr<bool> Evaluator::IsTrue(const BoundExpr& expr, const Row& row) {
  ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(expr, row));
  ALMANAC_ASSIGN_OR_RETURN(Scalar scalar, ScalarOf(value));
  return scalar.kind == Scalar::Kind::kBoolean && scalar.boolean;
}

absl::StatusOr<Value> Evaluator::Arithmetic(const BoundExpr& expr,
                                            const Row& row) {
  ALMANAC_ASSIGN_OR_RETURN(Value left, Evaluate(expr.args[0], row));
  ALMANAC_ASSIGN_OR_RETURN(Value right, Evaluate(expr.args[1], row));
  ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(left));
  ALMANAC_ASSIGN_OR_RETURN(Scalar y, ScalarOf(right));
  if (x.kind != Scalar::Kind::kNumber || y.kind != Scalar::Kind::kNumber) {
    return Value();
  }
  if (x.is_integer && y.is_integer && expr.kind != Kind::kDivide) {
    int64_t result = 0;
    bool overflow = false;
    switch (expr.kind) {
      case Kind::kAdd:
        overflow = __builtin_add_overflow(x.integer, y.integer, &result);
        break;
      case Kind::kSubtract:
        overflow = __builtin_sub_overflow(x.integer, y.integer, &result);
        break;
      default:
        overflow = __builtin_mul_overflow(x.integer, y.integer, &result);
        break;
    }
    if (!overflow) return Value::Integer(result);
  }
  switch (expr.kind) {
    case Kind::kAdd:
      return Value::Number(x.number + y.number);
    case Kind::kSubtract:
      return Value::Number(x.number - y.number);
    case Kind::kMultiply:
      return Value::Number(x.number * y.number);
    default:
      if (y.number == 0) return Value();
      return Value::Number(x.number / y.number);
  }
}

absl::StatusOr<Value> Evaluator::DatePart(const BoundExpr& expr,
                                          const Row& row) {
  if (expr.args.size() != 1) return Value();
  const BoundExpr& arg = expr.args[0];
  EncodedTime time;
  if (arg.kind == Kind::kVariable &&
      row.at(arg.slot).kind == Value::Kind::kTime) {
    // The common case, `year(?t)`, read in place: this runs once per fact
    // of a GROUP BY.
    time = row[arg.slot].time;
    if (!time.is_stated()) return Value();
  } else {
    ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(arg, row));
    // A time, or a date term (its own day range, as written); "no time" is
    // null.
    ALMANAC_ASSIGN_OR_RETURN(Scalar scalar, ScalarOf(value));
    if (scalar.kind != Scalar::Kind::kTime) return Value();
    time = scalar.time;
  }
  // The first date's fields, as precise as it was written: the month of
  // 2014 is unknown (null).
  const int precision = time.shape & 3;
  const int needed = expr.name == "year" ? 1 : (expr.name == "month" ? 2 : 3);
  if (time.begin == DayRange::kOpenBegin || precision < needed) {
    return Value();
  }
  const Date first = Date::FromDayNumber(time.begin);
  return Value::Integer(expr.name == "year"    ? first.year()
                        : expr.name == "month" ? first.month()
                                               : first.day());
}

absl::StatusOr<Value> Evaluator::Call(const BoundExpr& expr, const Row& row) {
  const std::string& name = expr.name;
  if (name == "year" || name == "month" || name == "day") {
    return DatePart(expr, row);
  }
  std::vector<Scalar> args;
  for (const BoundExpr& arg : expr.args) {
    ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(arg, row));
    ALMANAC_ASSIGN_OR_RETURN(Scalar scalar, ScalarOf(value));
    if (scalar.kind == Scalar::Kind::kNull) return Value();
    args.push_back(std::move(scalar));
  }
  const auto is_text = [](const Scalar& s) {
    return s.kind == Scalar::Kind::kText || s.kind == Scalar::Kind::kEntity;
  };
  if (name == "str") {
    if (args.size() != 1) return Value();
    ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(expr.args[0], row));
    ALMANAC_ASSIGN_OR_RETURN(Cell cell, ToCell(value));
    if (is_text(args[0])) return Value::Text(args[0].text);
    return Value::Text(cell.ToString());
  }
  if (name == "lower" || name == "upper") {
    if (args.size() != 1 || !is_text(args[0])) return Value();
    return Value::Text(name == "lower" ? absl::AsciiStrToLower(args[0].text)
                                       : absl::AsciiStrToUpper(args[0].text));
  }
  if (args.size() != 2 || !is_text(args[0]) || !is_text(args[1])) {
    return Value();
  }
  const absl::string_view text(args[0].text);
  const absl::string_view part(args[1].text);
  if (name == "contains") return Value::Boolean(absl::StrContains(text, part));
  if (name == "starts_with")
    return Value::Boolean(absl::StartsWith(text, part));
  if (name == "ends_with") return Value::Boolean(absl::EndsWith(text, part));
  if (name == "matches")
    return Value::Boolean(absl::EqualsIgnoreCase(text, part));
  return absl::InvalidArgumentError(absl::StrCat("unknown function ", name));
}

absl::StatusOr<Value> Evaluator::Evaluate(const BoundExpr& expr,
                                          const Row& row) {
  switch (expr.kind) {
    case Kind::kVariable:
      return row.at(expr.slot);
    case Kind::kParameter:
    case Kind::kConstant:
    case Kind::kTime:
      return expr.constant;
    case Kind::kNot: {
      ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(expr.args[0], row));
      ALMANAC_ASSIGN_OR_RETURN(Scalar scalar, ScalarOf(value));
      if (scalar.kind != Scalar::Kind::kBoolean) return Value();
      return Value::Boolean(!scalar.boolean);
    }
    case Kind::kNegate: {
      ALMANAC_ASSIGN_OR_RETURN(Value value, Evaluate(expr.args[0], row));
      ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(value));
      if (x.kind != Scalar::Kind::kNumber) return Value();
      if (x.is_integer) return Value::Integer(-x.integer);
      return Value::Number(-x.number);
    }
    case Kind::kAnd:
    case Kind::kOr: {
      const bool is_and = expr.kind == Kind::kAnd;
      ALMANAC_ASSIGN_OR_RETURN(bool left, IsTrue(expr.args[0], row));
      if (left != is_and) return Value::Boolean(left);
      ALMANAC_ASSIGN_OR_RETURN(bool right, IsTrue(expr.args[1], row));
      return Value::Boolean(right);
    }
    case Kind::kEqual:
    case Kind::kNotEqual:
    case Kind::kLess:
    case Kind::kLessEqual:
    case Kind::kGreater:
    case Kind::kGreaterEqual: {
      ALMANAC_ASSIGN_OR_RETURN(Value left, Evaluate(expr.args[0], row));
      ALMANAC_ASSIGN_OR_RETURN(Value right, Evaluate(expr.args[1], row));
      ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(left));
      ALMANAC_ASSIGN_OR_RETURN(Scalar y, ScalarOf(right));
      if (x.kind == Scalar::Kind::kNull || y.kind == Scalar::Kind::kNull) {
        return Value();
      }
      if (x.kind != y.kind) {
        // Values of different kinds are never equal and never ordered.
        if (expr.kind == Kind::kEqual) return Value::Boolean(false);
        if (expr.kind == Kind::kNotEqual) return Value::Boolean(true);
        return Value();
      }
      ALMANAC_ASSIGN_OR_RETURN(int order, Compare(left, right));
      switch (expr.kind) {
        case Kind::kEqual:
          return Value::Boolean(order == 0);
        case Kind::kNotEqual:
          return Value::Boolean(order != 0);
        case Kind::kLess:
          return Value::Boolean(order < 0);
        case Kind::kLessEqual:
          return Value::Boolean(order <= 0);
        case Kind::kGreater:
          return Value::Boolean(order > 0);
        default:
          return Value::Boolean(order >= 0);
      }
    }
    case Kind::kAdd:
    case Kind::kSubtract:
    case Kind::kMultiply:
    case Kind::kDivide:
      return Arithmetic(expr, row);
    case Kind::kIn: {
      ALMANAC_ASSIGN_OR_RETURN(Value needle, Evaluate(expr.args[0], row));
      if (needle.is_null()) return Value();
      for (size_t i = 1; i < expr.args.size(); ++i) {
        ALMANAC_ASSIGN_OR_RETURN(Value candidate, Evaluate(expr.args[i], row));
        if (candidate.is_null()) continue;
        ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(needle));
        ALMANAC_ASSIGN_OR_RETURN(Scalar y, ScalarOf(candidate));
        if (x.kind != y.kind) continue;
        ALMANAC_ASSIGN_OR_RETURN(int order, Compare(needle, candidate));
        if (order == 0) return Value::Boolean(true);
      }
      return Value::Boolean(false);
    }
    case Kind::kBefore:
    case Kind::kAfter:
    case Kind::kDuring:
    case Kind::kOverlaps:
    case Kind::kContains: {
      ALMANAC_ASSIGN_OR_RETURN(Value left, Evaluate(expr.args[0], row));
      ALMANAC_ASSIGN_OR_RETURN(Value right, Evaluate(expr.args[1], row));
      ALMANAC_ASSIGN_OR_RETURN(Scalar x, ScalarOf(left));
      ALMANAC_ASSIGN_OR_RETURN(Scalar y, ScalarOf(right));
      if (x.kind != Scalar::Kind::kTime || y.kind != Scalar::Kind::kTime ||
          !x.time.is_stated() || !y.time.is_stated()) {
        return Value();
      }
      static constexpr TimeRelation kRelations[] = {
          TimeRelation::kBefore, TimeRelation::kAfter, TimeRelation::kDuring,
          TimeRelation::kOverlaps, TimeRelation::kContains};
      const TimeRelation relation = kRelations[static_cast<int>(expr.kind) -
                                               static_cast<int>(Kind::kBefore)];
      return Value::Boolean(Holds(relation, x.days, y.days));
    }
    case Kind::kCall:
      return Call(expr, row);
    case Kind::kCountStar:
    case Kind::kAggregate:
      break;
  }
  return absl::InternalError("an aggregate was evaluated outside grouping");
}

absl::StatusOr<Cell> Evaluator::ToCell(const Value& value) {
  Cell cell;
  ALMANAC_RETURN_IF_ERROR(FillCell(value, &cell));
  return cell;
}

absl::Status Evaluator::FillCell(const Value& value, Cell* cell) {
  // Terms and times, the common cases, are written into the cell's members
  // in place, and the member the other kind uses is reset only when it is
  // set: assigning a whole new Cell, or a new ValidTime to every term cell,
  // cost more than the decoding itself, on every cell of every row.
  if (value.kind == Value::Kind::kTerm) {
    cell->kind = Cell::Kind::kTerm;
    if (cell->time.is_stated()) cell->time = ValidTime();
    return dictionary_.DecodeInto(value.term, &cell->term);
  }
  if (value.kind == Value::Kind::kTime && value.time.is_stated()) {
    cell->kind = Cell::Kind::kTime;
    // Term() is the entity with the empty name.
    if (cell->term.kind() != TermKind::kEntity || !cell->term.text().empty()) {
      cell->term = Term();
    }
    ALMANAC_ASSIGN_OR_RETURN(cell->time, DecodeTime(value.time));
    return absl::OkStatus();
  }
  *cell = Cell();
  switch (value.kind) {
    case Value::Kind::kNull:
    case Value::Kind::kTerm:
    case Value::Kind::kTime:  // Here only "no time": null.
      break;
    case Value::Kind::kInteger: {
      cell->kind = Cell::Kind::kTerm;
      absl::StatusOr<Term> term = Term::Integer(value.integer);
      if (term.ok()) {
        cell->term = *std::move(term);
      } else {
        ALMANAC_ASSIGN_OR_RETURN(
            cell->term, Term::Decimal(absl::StrFormat("%d.0", value.integer)));
      }
      break;
    }
    case Value::Kind::kNumber: {
      if (!std::isfinite(value.number)) break;
      cell->kind = Cell::Kind::kTerm;
      ALMANAC_ASSIGN_OR_RETURN(
          cell->term, Term::Decimal(absl::StrFormat("%.6f", value.number)));
      break;
    }
    case Value::Kind::kBoolean:
      cell->kind = Cell::Kind::kTerm;
      cell->term = Term::Boolean(value.boolean);
      break;
    case Value::Kind::kText:
      cell->kind = Cell::Kind::kTerm;
      cell->term = Term::String(value.text);
      break;
  }
  return absl::OkStatus();
}

}  // namespace almanac
