// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Query latency, Almanac against SQLite on the same facts in the same run.
// For each dataset (generated at 100k and 1M facts by default) and each
// shape of bench/query_shapes.h, one benchmark, SHAPE/DATASET, that runs
// the whole query four ways in turn in each iteration, each timed on its
// own (so that the machine's changing load weighs on all four alike):
//   sqlite_prepared   a reused sqlite3_stmt
//   sqlite_text       the SQL compiled and run each time
//   almanac_prepared  Database::Prepare once, Execute each time
//   almanac_text      Database::Query on the statement as text
// and two of what almanac_text spends before running anything, on the same
// text (the arguments written in):
//   parse/SHAPE/DATASET       Database::Prepare: parse only
//   parse_plan/SHAPE/DATASET  Database::OpenCursor of the text, closed
//                             before its first row: parse, bind and plan,
//                             no operator run
// and, as the floor of a bound-subject lookup, one benchmark per lookup
// shape that runs in turn, each iteration, what it compares (so that the
// machine's changing load weighs on all alike):
//   floor/SHAPE/DATASET   a raw RocksDB prefix scan of the subject's spo
//                         keys; Database::Scan with the subject bound; the
//                         shape prepared; the shape as text; and the text
//                         as if seen for the first time (a comment with a
//                         new number ends it each run; Database::Prepare
//                         and Execute parse, bind, plan and run it, as
//                         Database::Query does a text its statement cache
//                         does not hold, without filling that cache)
// for subject_lookup and few_row_lookup. The raw scan opens the RocksDB
// database read-only beside the Almanac one.
// Before the first benchmark of a shape, Almanac and SQLite run it once and
// must return the same rows; otherwise its benchmarks fail with the
// difference. Counters: rows; for each form FORM_us (the median),
// FORM_p95_us and FORM_p99_us; almanac_prepared_x and almanac_text_x, the
// ratio of Almanac's median to SQLite's, form for form; on parse and
// parse_plan median_us, p95_us and p99_us; on the floors, each part's
// median and its ratio to the raw scan's. A summary
// table of medians and ratios is printed at the end, with parse+plan as a
// percentage of almanac_text, then each dataset's lookups against their
// raw scans.
//
// Environment:
//   ALMANAC_BENCH_SCALES    generated sizes, default "100000,1000000"
//   ALMANAC_BENCH_DATASET   run on this dataset instead (any input
//                           `almanac import` reads), with
//                           ALMANAC_BENCH_FORMAT, _EPOCH and _UNIT
//   ALMANAC_BENCH_DIR       where datasets are built and kept
//                           (default /tmp/almanac-bench)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "almanac/database.h"
#include "almanac/status_macros.h"
#include "bench/bench_dataset.h"
#include "bench/latency.h"
#include "bench/query_shapes.h"
#include "bench/sqlite_baseline.h"
#include "benchmark/benchmark.h"
#include "storage/coding.h"
#include "storage/dictionary.h"
#include "storage/store.h"

namespace almanac {
namespace {

enum class Form {
  kSqlitePrepared,
  kSqliteText,
  kAlmanacPrepared,
  kAlmanacText
};
constexpr Form kForms[] = {Form::kSqlitePrepared, Form::kSqliteText,
                           Form::kAlmanacPrepared, Form::kAlmanacText};

const char* FormName(Form form) {
  switch (form) {
    case Form::kSqlitePrepared:
      return "sqlite_prepared";
    case Form::kSqliteText:
      return "sqlite_text";
    case Form::kAlmanacPrepared:
      return "almanac_prepared";
    case Form::kAlmanacText:
      return "almanac_text";
  }
  return "";
}

// What a compile-only benchmark does with a shape's text form.
enum class Stage {
  kParse,      // Database::Prepare: parses.
  kParsePlan,  // Database::OpenCursor: parses, binds and plans.
};
constexpr Stage kStages[] = {Stage::kParse, Stage::kParsePlan};

const char* StageName(Stage stage) {
  switch (stage) {
    case Stage::kParse:
      return "parse";
    case Stage::kParsePlan:
      return "parse_plan";
  }
  return "";
}

// A lookup of one subject and what it is measured against.
struct Floor {
  const char* shape;     // The lookup's QueryShape.
  const char* argument;  // The argument naming its subject.
};
constexpr Floor kFloors[] = {{"subject_lookup", "subject"},
                             {"few_row_lookup", "few_subject"}};

// What a floor benchmark runs in each iteration, in this order.
enum class FloorPart { kRaw, kScanApi, kPrepared, kText, kNewText };
constexpr FloorPart kFloorParts[] = {FloorPart::kRaw, FloorPart::kScanApi,
                                     FloorPart::kPrepared, FloorPart::kText,
                                     FloorPart::kNewText};

const char* FloorPartName(FloorPart part) {
  switch (part) {
    case FloorPart::kRaw:
      return "raw";
    case FloorPart::kScanApi:
      return "scan_api";
    case FloorPart::kPrepared:
      return "prepared";
    case FloorPart::kText:
      return "text";
    case FloorPart::kNewText:
      return "new_text";
  }
  return "";
}

// Everything the benchmarks of one dataset share, made on first use.
struct DatasetContext {
  std::string label;
  std::function<absl::StatusOr<BenchDataset>()> build;

  bool initialized = false;
  absl::Status status;  // Of the initialization.
  BenchDataset dataset;
  std::unique_ptr<SqliteBaseline> sqlite;
  QueryParameters arguments;
  std::unique_ptr<Database> almanac;
  std::map<std::string, absl::Status> agreement;  // By shape name.
  std::map<std::string, double> medians;          // By benchmark name.
  std::map<std::string, size_t> rows;             // By shape name.
};

std::vector<std::unique_ptr<DatasetContext>>& Contexts() {
  static auto* contexts = new std::vector<std::unique_ptr<DatasetContext>>();
  return *contexts;
}

absl::Status Initialize(DatasetContext& context) {
  if (context.initialized) return context.status;
  context.initialized = true;
  context.status = [&]() -> absl::Status {
    ALMANAC_ASSIGN_OR_RETURN(context.dataset, context.build());
    ALMANAC_ASSIGN_OR_RETURN(context.sqlite,
                             SqliteBaseline::Open(context.dataset.sqlite_path));
    ALMANAC_ASSIGN_OR_RETURN(context.arguments,
                             ChooseArguments(*context.sqlite));
    return absl::OkStatus();
  }();
  return context.status;
}

absl::StatusOr<Database*> Almanac(DatasetContext& context) {
  if (context.almanac == nullptr) {
    ALMANAC_ASSIGN_OR_RETURN(
        context.almanac,
        Database::Open(context.dataset.almanac_path, Options()));
  }
  return context.almanac.get();
}

// "SHAPE/DATASET/FORM".
std::string BenchmarkName(const DatasetContext& context,
                          const std::string& shape, Form form) {
  return absl::StrCat(shape, "/", context.label, "/", FormName(form));
}

// "STAGE/SHAPE/DATASET".
std::string BenchmarkName(const DatasetContext& context,
                          const std::string& shape, Stage stage) {
  return absl::StrCat(StageName(stage), "/", shape, "/", context.label);
}

// "floor/SHAPE/DATASET".
std::string BenchmarkName(const DatasetContext& context, const Floor& floor) {
  return absl::StrCat("floor/", floor.shape, "/", context.label);
}

// "floor/SHAPE/DATASET/PART", the key of the part's median.
std::string BenchmarkName(const DatasetContext& context, const Floor& floor,
                          FloorPart part) {
  return absl::StrCat(BenchmarkName(context, floor), "/", FloorPartName(part));
}

void Fail(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(status.ToString().c_str());
}

// Runs `run` on each of `parts` in turn, in every iteration of `state`:
// each part some times in a row, each run timed into (*latency)[part].
// Before the first iteration each part runs once untimed (a prepared
// statement plans, caches fill), and as many runs as that warm run would
// fit in about a millisecond follow one another in each turn (one for a
// part slower than that). Runs in a row keep a part's data in the CPU
// caches, as when it runs alone; taking turns spreads the changing load of
// the machine's other tenants over all parts alike. Returns the rows each
// part's last run returned, or the first error.
template <typename Part>
absl::StatusOr<std::map<Part, size_t>> TakeTurns(
    benchmark::State& state, const std::vector<Part>& parts,
    const std::function<absl::StatusOr<size_t>(Part)>& run,
    std::map<Part, LatencyRecorder>* latency) {
  constexpr double kTurnMicros = 1000;
  constexpr double kMaxRunsInARow = 100;
  std::map<Part, int> runs_in_a_row;
  std::map<Part, size_t> rows;
  for (Part part : parts) {
    LatencyRecorder warm;
    {
      LatencyRecorder::Timer timer(warm);
      ALMANAC_ASSIGN_OR_RETURN(rows[part], run(part));
    }
    runs_in_a_row[part] = static_cast<int>(std::clamp(
        kTurnMicros / std::max(warm.Median(), 1.0), 1.0, kMaxRunsInARow));
  }
  for (auto _ : state) {
    for (Part part : parts) {
      for (int i = 0; i < runs_in_a_row[part]; ++i) {
        absl::StatusOr<size_t> produced;
        {
          LatencyRecorder::Timer timer((*latency)[part]);
          produced = run(part);
        }
        if (!produced.ok()) return produced.status();
        rows[part] = *produced;
      }
    }
  }
  return rows;
}

// Iterates over the spo keys that start with `prefix` (below `limit`);
// returns how many there are.
size_t ScanRaw(const Store& store, const std::string& prefix,
               const std::string& limit) {
  rocksdb::ReadOptions read_options;
  const rocksdb::Slice upper(limit);
  read_options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      store.db()->NewIterator(read_options, store.handle(Family::kSpo)));
  size_t keys = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    benchmark::DoNotOptimize(it->key().data());
    benchmark::DoNotOptimize(it->value().data());
    ++keys;
  }
  return keys;
}

// The rows of an Almanac or SQLite result, or its error.
absl::StatusOr<size_t> RowCount(const absl::StatusOr<QueryResult>& result) {
  if (!result.ok()) return result.status();
  return result->rows.size();
}
absl::StatusOr<size_t> RowCount(const absl::StatusOr<TextRows>& result) {
  if (!result.ok()) return result.status();
  return result->size();
}

const QueryShape* FindShape(const std::string& name) {
  for (const QueryShape& shape : QueryShapes()) {
    if (shape.name == name) return &shape;
  }
  return nullptr;
}

// Runs the parts of `floor` in turns (TakeTurns) and reports each part's
// median and its ratio to the raw scan's. Every part must find as many
// facts or rows as the raw scan has keys.
void BM_Floor(benchmark::State& state, DatasetContext* context,
              const Floor* floor) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  absl::StatusOr<Database*> db = Almanac(*context);
  if (!db.ok()) return Fail(state, db.status());
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = Store::Open(context->dataset.almanac_path, read_only);
  if (!store.ok()) return Fail(state, store.status());
  const Term subject = std::get<Term>(context->arguments[floor->argument]);
  auto id = DictionaryReader(**store, nullptr).Find(subject);
  if (!id.ok() || !id->has_value()) {
    return Fail(state, absl::NotFoundError(absl::StrCat(
                           floor->argument, " not in the dictionary")));
  }
  std::string prefix;
  PutFixed64(&prefix, **id);
  const std::string limit = PrefixSuccessor(prefix);
  Pattern pattern;
  pattern.subject = subject;
  ScanOptions scan_options;
  scan_options.with_source = false;
  const QueryShape* shape = FindShape(floor->shape);
  if (shape == nullptr) {
    return Fail(state, absl::NotFoundError(floor->shape));
  }
  const QueryParameters& arguments = context->arguments;
  auto prepared = (*db)->Prepare(PreparableStatement(*shape, arguments));
  if (!prepared.ok()) return Fail(state, prepared.status());
  const std::string text = InlineArguments(shape->almanac, arguments);
  uint64_t new_texts = 0;

  // Each part returns its facts or rows, or an error.
  std::function<absl::StatusOr<size_t>(FloorPart)> run =
      [&](FloorPart part) -> absl::StatusOr<size_t> {
    switch (part) {
      case FloorPart::kRaw:
        return ScanRaw(**store, prefix, limit);
      case FloorPart::kScanApi: {
        size_t facts = 0;
        auto it = (*db)->Scan(pattern, scan_options);
        for (; it->Valid(); it->Next()) {
          benchmark::DoNotOptimize(&it->fact());
          ++facts;
        }
        ALMANAC_RETURN_IF_ERROR(it->status());
        return facts;
      }
      case FloorPart::kPrepared:
        return RowCount((*prepared)->Execute(arguments));
      case FloorPart::kText:
        return RowCount((*db)->Query(text));
      case FloorPart::kNewText: {
        ALMANAC_ASSIGN_OR_RETURN(
            std::unique_ptr<PreparedStatement> statement,
            (*db)->Prepare(absl::StrCat(text, " -- ", ++new_texts)));
        return RowCount(statement->Execute({}));
      }
    }
    return absl::InternalError("unknown part");
  };

  std::map<FloorPart, LatencyRecorder> latency;
  absl::StatusOr<std::map<FloorPart, size_t>> rows = TakeTurns<FloorPart>(
      state, {std::begin(kFloorParts), std::end(kFloorParts)}, run, &latency);
  if (!rows.ok()) return Fail(state, rows.status());
  const size_t keys = (*rows)[FloorPart::kRaw];
  for (auto [part, found] : *rows) {
    if (found != keys) {
      return Fail(state, absl::InternalError(absl::StrCat(
                             FloorPartName(part), " found ", found,
                             " rows; the raw scan ", keys, " keys")));
    }
  }
  const double raw = latency[FloorPart::kRaw].Median();
  for (FloorPart part : kFloorParts) {
    const double median = latency[part].Median();
    context->medians[BenchmarkName(*context, *floor, part)] = median;
    state.counters[absl::StrCat(FloorPartName(part), "_us")] = median;
    if (part != FloorPart::kRaw && raw > 0) {
      state.counters[absl::StrCat(FloorPartName(part), "_x")] = median / raw;
    }
  }
  state.counters["rows"] = static_cast<double>(keys);
}

// Runs `shape` once in Almanac and in SQLite and compares the rows; the
// outcome is kept for the shape's other benchmarks.
absl::Status Agreement(DatasetContext& context, const QueryShape& shape) {
  auto found = context.agreement.find(shape.name);
  if (found != context.agreement.end()) return found->second;
  absl::Status status = [&]() -> absl::Status {
    ALMANAC_ASSIGN_OR_RETURN(Database * db, Almanac(context));
    ALMANAC_ASSIGN_OR_RETURN(
        QueryResult almanac,
        db->Query(PreparableStatement(shape, context.arguments),
                  context.arguments));
    ALMANAC_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> statement,
                             context.sqlite->Prepare(shape.sql));
    ALMANAC_ASSIGN_OR_RETURN(
        TextRows sqlite,
        statement->Execute(ToSqlParameters(context.arguments)));
    context.rows[shape.name] = sqlite.size();
    return CompareRows(ToTextRows(almanac), std::move(sqlite));
  }();
  context.agreement[shape.name] = status;
  return status;
}

// Runs the four forms of `shape` in turns (TakeTurns), so that the
// machine's changing load weighs on Almanac and SQLite alike; reports each
// form's median and Almanac's ratio to SQLite's, form for form.
void BM_Shape(benchmark::State& state, DatasetContext* context,
              const QueryShape* shape) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  if (absl::Status status = Agreement(*context, *shape); !status.ok()) {
    return Fail(state, status);
  }
  absl::StatusOr<Database*> db = Almanac(*context);
  if (!db.ok()) return Fail(state, db.status());
  const QueryParameters& arguments = context->arguments;
  const SqlParameters sql_arguments = ToSqlParameters(arguments);
  const std::string almanac_text = InlineArguments(shape->almanac, arguments);
  auto almanac_prepared =
      (*db)->Prepare(PreparableStatement(*shape, arguments));
  if (!almanac_prepared.ok()) return Fail(state, almanac_prepared.status());
  auto sqlite_prepared = context->sqlite->Prepare(shape->sql);
  if (!sqlite_prepared.ok()) return Fail(state, sqlite_prepared.status());

  // Each form returns its rows, or an error.
  std::function<absl::StatusOr<size_t>(Form)> run =
      [&](Form form) -> absl::StatusOr<size_t> {
    switch (form) {
      case Form::kSqlitePrepared:
        return RowCount((*sqlite_prepared)->Execute(sql_arguments));
      case Form::kSqliteText:
        return RowCount(context->sqlite->Query(shape->sql, sql_arguments));
      case Form::kAlmanacPrepared:
        return RowCount((*almanac_prepared)->Execute(arguments));
      case Form::kAlmanacText:
        return RowCount((*db)->Query(almanac_text));
    }
    return absl::InternalError("unknown form");
  };

  std::map<Form, LatencyRecorder> latency;
  absl::StatusOr<std::map<Form, size_t>> rows = TakeTurns<Form>(
      state, {std::begin(kForms), std::end(kForms)}, run, &latency);
  if (!rows.ok()) return Fail(state, rows.status());
  // Agreement compared the rows themselves once; every form must go on
  // returning as many.
  for (auto [form, produced] : *rows) {
    if (produced != context->rows[shape->name]) {
      return Fail(state,
                  absl::InternalError(absl::StrCat(
                      FormName(form), " returned ", produced,
                      " rows; agreed were ", context->rows[shape->name])));
    }
  }
  for (Form form : kForms) {
    const double median = latency[form].Median();
    context->medians[BenchmarkName(*context, shape->name, form)] = median;
    state.counters[absl::StrCat(FormName(form), "_us")] = median;
    state.counters[absl::StrCat(FormName(form), "_p95_us")] =
        latency[form].Percentile(0.95);
    state.counters[absl::StrCat(FormName(form), "_p99_us")] =
        latency[form].Percentile(0.99);
  }
  for (auto [almanac, sqlite] :
       {std::pair(Form::kAlmanacPrepared, Form::kSqlitePrepared),
        std::pair(Form::kAlmanacText, Form::kSqliteText)}) {
    const double baseline = latency[sqlite].Median();
    if (baseline > 0) {
      state.counters[absl::StrCat(FormName(almanac), "_x")] =
          latency[almanac].Median() / baseline;
    }
  }
  state.counters["rows"] = static_cast<double>((*rows)[Form::kAlmanacPrepared]);
}

// Times `stage` on the text form of `shape`, its arguments written in:
// what almanac_text spends before its first operator runs.
void BM_Compile(benchmark::State& state, DatasetContext* context,
                const QueryShape* shape, Stage stage) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  absl::StatusOr<Database*> db = Almanac(*context);
  if (!db.ok()) return Fail(state, db.status());
  const std::string text = InlineArguments(shape->almanac, context->arguments);

  LatencyRecorder latency;
  absl::Status status;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    if (stage == Stage::kParse) {
      absl::StatusOr<std::unique_ptr<PreparedStatement>> prepared =
          (*db)->Prepare(text);
      status = prepared.status();
      benchmark::DoNotOptimize(prepared);
    } else {
      // A cursor is planned when it opens and runs its operators only as
      // its rows are read. (EXPLAIN would also render the plan as text.)
      absl::StatusOr<std::unique_ptr<QueryCursor>> cursor =
          (*db)->OpenCursor(text);
      status = cursor.status();
      benchmark::DoNotOptimize(cursor);
    }
    if (!status.ok()) break;
  }
  if (!status.ok()) return Fail(state, status);
  latency.Report(state);
  context->medians[BenchmarkName(*context, shape->name, stage)] =
      latency.Median();
}

// Registers the benchmarks of `context` in the order they run.
void RegisterBenchmarks(DatasetContext* context) {
  for (const Floor& floor : kFloors) {
    benchmark::RegisterBenchmark(BenchmarkName(*context, floor).c_str(),
                                 BM_Floor, context, &floor)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const QueryShape& shape : QueryShapes()) {
    benchmark::RegisterBenchmark(
        absl::StrCat(shape.name, "/", context->label).c_str(), BM_Shape,
        context, &shape)
        ->Unit(benchmark::kMicrosecond);
    for (Stage stage : kStages) {
      benchmark::RegisterBenchmark(
          BenchmarkName(*context, shape.name, stage).c_str(), BM_Compile,
          context, &shape, stage)
          ->Unit(benchmark::kMicrosecond);
    }
  }
}

std::string Median(const DatasetContext& context, const std::string& name) {
  auto found = context.medians.find(name);
  return found == context.medians.end()
             ? "-"
             : absl::StrFormat("%.1f", found->second);
}

// The median of benchmark `a` divided by that of `b`; nullopt when either
// did not run or `b`'s is 0.
std::optional<double> Quotient(const DatasetContext& context,
                               const std::string& a, const std::string& b) {
  auto x = context.medians.find(a);
  auto y = context.medians.find(b);
  if (x == context.medians.end() || y == context.medians.end() ||
      y->second <= 0) {
    return std::nullopt;
  }
  return x->second / y->second;
}

// Quotient() as "1.23", or "-".
std::string Ratio(const DatasetContext& context, const std::string& a,
                  const std::string& b) {
  const std::optional<double> ratio = Quotient(context, a, b);
  return ratio ? absl::StrFormat("%.2f", *ratio) : "-";
}

// Quotient() as a percentage, "4.5%", or "-".
std::string Percent(const DatasetContext& context, const std::string& a,
                    const std::string& b) {
  const std::optional<double> ratio = Quotient(context, a, b);
  return ratio ? absl::StrFormat("%.1f%%", 100 * *ratio) : "-";
}

// Whether any benchmark of `shape` ran on `context`.
bool Ran(const DatasetContext& context, const QueryShape& shape) {
  for (Form form : kForms) {
    if (context.medians.count(BenchmarkName(context, shape.name, form)) != 0) {
      return true;
    }
  }
  for (Stage stage : kStages) {
    if (context.medians.count(BenchmarkName(context, shape.name, stage)) != 0) {
      return true;
    }
  }
  return false;
}

uint64_t DirectoryBytes(const std::string& path) {
  uint64_t bytes = 0;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

// Prints the size on disk of both databases, in bytes per fact.
void PrintSizes(const DatasetContext& context) {
  if (context.sqlite == nullptr) return;
  auto count = context.sqlite->Query("SELECT count(*) FROM facts", {});
  if (!count.ok() || count->empty()) return;
  const double facts = std::strtod((*count)[0][0].c_str(), nullptr);
  if (facts <= 0) return;
  std::error_code error;
  const double sqlite_bytes = static_cast<double>(
      std::filesystem::file_size(context.dataset.sqlite_path, error));
  std::printf(
      "\n%s: %.0f facts; on disk Almanac %.1f bytes/fact, SQLite %.1f "
      "bytes/fact\n",
      context.label.c_str(), facts,
      static_cast<double>(DirectoryBytes(context.dataset.almanac_path)) / facts,
      sqlite_bytes / facts);
}

// The rows `shape` returned on `context`, or "-" when it did not run.
std::string Rows(const DatasetContext& context, const std::string& shape) {
  auto rows = context.rows.find(shape);
  return rows == context.rows.end() ? "-" : absl::StrCat(rows->second);
}

// Prints the lookups of `context` against the raw scans of their subjects,
// from the floor benchmarks.
void PrintFloors(const DatasetContext& context) {
  bool first = true;
  for (const Floor& floor : kFloors) {
    const std::string raw = BenchmarkName(context, floor, FloorPart::kRaw);
    if (context.medians.count(raw) == 0) continue;
    std::string line =
        absl::StrFormat("%s: %s, raw RocksDB prefix scan %s µs", context.label,
                        floor.shape, Median(context, raw));
    for (FloorPart part : kFloorParts) {
      if (part == FloorPart::kRaw) continue;
      const std::string name = BenchmarkName(context, floor, part);
      absl::StrAppendFormat(&line, "; %s %s µs (%sx)", FloorPartName(part),
                            Median(context, name), Ratio(context, name, raw));
    }
    std::printf("%s%s\n", first ? "\n" : "", line.c_str());
    first = false;
  }
}

// Prints the medians of the run as a Markdown table, one row per shape,
// then each dataset's size on disk and its lookups against their floors.
void PrintSummary() {
  std::printf(
      "\n| dataset | shape | rows | Almanac prepared µs | SQLite prepared µs "
      "| ratio | Almanac text µs | SQLite text µs | ratio | parse+plan µs "
      "| parse+plan %% of text |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& context : Contexts()) {
    for (const QueryShape& shape : QueryShapes()) {
      if (!Ran(*context, shape)) continue;
      auto name = [&](Form form) {
        return BenchmarkName(*context, shape.name, form);
      };
      const std::string parse_plan =
          BenchmarkName(*context, shape.name, Stage::kParsePlan);
      std::printf(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
          context->label.c_str(), shape.name.c_str(),
          Rows(*context, shape.name).c_str(),
          Median(*context, name(Form::kAlmanacPrepared)).c_str(),
          Median(*context, name(Form::kSqlitePrepared)).c_str(),
          Ratio(*context, name(Form::kAlmanacPrepared),
                name(Form::kSqlitePrepared))
              .c_str(),
          Median(*context, name(Form::kAlmanacText)).c_str(),
          Median(*context, name(Form::kSqliteText)).c_str(),
          Ratio(*context, name(Form::kAlmanacText), name(Form::kSqliteText))
              .c_str(),
          Median(*context, parse_plan).c_str(),
          Percent(*context, parse_plan, name(Form::kAlmanacText)).c_str());
    }
    PrintSizes(*context);
    PrintFloors(*context);
  }
}

void AddDatasets() {
  if (const char* path = std::getenv("ALMANAC_BENCH_DATASET");
      path != nullptr && *path != '\0') {
    ImportOptions options;
    if (const char* format = std::getenv("ALMANAC_BENCH_FORMAT")) {
      options.format = ParseImportFormat(format).value_or(ImportFormat::kTsv);
    }
    if (const char* epoch = std::getenv("ALMANAC_BENCH_EPOCH")) {
      if (auto date = Date::Parse(epoch); date.ok()) options.epoch = *date;
    }
    if (const char* unit = std::getenv("ALMANAC_BENCH_UNIT")) {
      options.unit = ParseTimeUnit(unit).value_or(TimeUnit::kDay);
    }
    auto context = std::make_unique<DatasetContext>();
    context->label = DatasetName(path);
    const std::string dataset = path;
    context->build = [dataset, options] {
      return ImportedDataset(dataset, options);
    };
    Contexts().push_back(std::move(context));
    return;
  }
  const char* scales = std::getenv("ALMANAC_BENCH_SCALES");
  for (absl::string_view scale :
       absl::StrSplit(scales && *scales ? scales : "100000,1000000", ',')) {
    uint64_t facts = 0;
    if (!absl::SimpleAtoi(scale, &facts) || facts == 0) continue;
    auto context = std::make_unique<DatasetContext>();
    context->label = ScaleLabel(facts);
    context->build = [facts] { return GeneratedDataset(facts); };
    Contexts().push_back(std::move(context));
  }
}

}  // namespace
}  // namespace almanac

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  almanac::AddDatasets();
  for (const auto& context : almanac::Contexts()) {
    almanac::RegisterBenchmarks(context.get());
  }
  benchmark::RunSpecifiedBenchmarks();
  almanac::PrintSummary();
  benchmark::Shutdown();
  return 0;
}
