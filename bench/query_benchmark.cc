// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Query latency, Almanac against SQLite on the same facts in the same run.
// For each dataset (generated at 100k and 1M facts by default) and each
// shape of bench/query_shapes.h, four benchmarks of the whole query:
//   SHAPE/DATASET/sqlite_prepared   a reused sqlite3_stmt
//   SHAPE/DATASET/sqlite_text       the SQL compiled and run each time
//   SHAPE/DATASET/almanac_prepared  Database::Prepare once, Execute each time
//   SHAPE/DATASET/almanac_text      Database::Query on the statement as text
// and two of what almanac_text spends before running anything, on the same
// text (the arguments written in):
//   parse/SHAPE/DATASET       Database::Prepare: parse only
//   parse_plan/SHAPE/DATASET  Database::Query of "EXPLAIN " + the text:
//                             parse, bind and plan, no operator run
// and, as the floor of a bound-subject lookup:
//   raw_prefix_scan/DATASET      a RocksDB iterator over the spo keys of
//                                subject_lookup's subject
//   raw_prefix_scan_few/DATASET  the same over few_row_lookup's subject
//   scan_api/DATASET             Database::Scan with the subject bound
// The raw scans open the RocksDB database themselves, which RocksDB admits
// to one opener at a time, so they are registered (and run) before any
// benchmark that opens the Almanac database.
// Before the first benchmark of a shape, Almanac and SQLite run it once and
// must return the same rows; otherwise its benchmarks fail with the
// difference. Counters: median_us, p95_us, p99_us, rows, and on the Almanac
// benchmarks vs_sqlite (Almanac's median / SQLite's, same form). A summary
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
  kParsePlan,  // Database::Query of EXPLAIN: parses, binds and plans.
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

// A raw RocksDB prefix scan, the floor of a lookup of one subject.
struct RawScan {
  const char* name;      // The benchmark is "NAME/DATASET".
  const char* argument;  // The argument naming the subject.
};
// The floor of subject_lookup and of few_row_lookup.
constexpr RawScan kRawScan = {"raw_prefix_scan", "subject"};
constexpr RawScan kRawScanFew = {"raw_prefix_scan_few", "few_subject"};

// Everything the benchmarks of one dataset share, made on first use.
struct DatasetContext {
  std::string label;
  std::function<absl::StatusOr<BenchDataset>()> build;

  bool initialized = false;
  absl::Status status;  // Of the initialization.
  BenchDataset dataset;
  std::unique_ptr<SqliteBaseline> sqlite;
  QueryParameters arguments;
  std::unique_ptr<Database> almanac;  // Opened after the raw scan ran.
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

// "NAME/DATASET".
std::string BenchmarkName(const DatasetContext& context, const RawScan& scan) {
  return absl::StrCat(scan.name, "/", context.label);
}

void Fail(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(status.ToString().c_str());
}

// Iterates over the spo keys of the subject named by `scan->argument`.
// REQUIRES: the Almanac database of `context` is not open (RocksDB admits
// one opener): register this before every benchmark that opens it.
void BM_RawPrefixScan(benchmark::State& state, DatasetContext* context,
                      const RawScan* scan) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  auto store = Store::Open(context->dataset.almanac_path, StoreOptions());
  if (!store.ok()) return Fail(state, store.status());
  DictionaryReader dictionary(**store, nullptr);
  auto id = dictionary.Find(std::get<Term>(context->arguments[scan->argument]));
  if (!id.ok() || !id->has_value()) {
    return Fail(state, absl::NotFoundError(absl::StrCat(
                           scan->argument, " not in the dictionary")));
  }
  std::string prefix;
  PutFixed64(&prefix, **id);
  const std::string limit = PrefixSuccessor(prefix);
  LatencyRecorder latency;
  int64_t rows = 0;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    rocksdb::ReadOptions read_options;
    const rocksdb::Slice upper(limit);
    read_options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it((*store)->db()->NewIterator(
        read_options, (*store)->handle(Family::kSpo)));
    rows = 0;
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(it->key().data());
      benchmark::DoNotOptimize(it->value().data());
      ++rows;
    }
  }
  latency.Report(state);
  state.counters["rows"] = static_cast<double>(rows);
  context->medians[BenchmarkName(*context, *scan)] = latency.Median();
}

void BM_ScanApi(benchmark::State& state, DatasetContext* context) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  absl::StatusOr<Database*> db = Almanac(*context);
  if (!db.ok()) return Fail(state, db.status());
  Pattern pattern;
  pattern.subject = std::get<Term>(context->arguments["subject"]);
  ScanOptions options;
  options.with_source = false;
  LatencyRecorder latency;
  int64_t rows = 0;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    rows = 0;
    for (auto it = (*db)->Scan(pattern, options); it->Valid(); it->Next()) {
      benchmark::DoNotOptimize(&it->fact());
      ++rows;
    }
  }
  latency.Report(state);
  state.counters["rows"] = static_cast<double>(rows);
  context->medians["scan_api/" + context->label] = latency.Median();
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

void BM_Shape(benchmark::State& state, DatasetContext* context,
              const QueryShape* shape, Form form) {
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
  std::unique_ptr<PreparedStatement> almanac_prepared;
  std::unique_ptr<SqliteStatement> sqlite_prepared;
  if (form == Form::kAlmanacPrepared) {
    auto prepared = (*db)->Prepare(PreparableStatement(*shape, arguments));
    if (!prepared.ok()) return Fail(state, prepared.status());
    almanac_prepared = std::move(*prepared);
  } else if (form == Form::kSqlitePrepared) {
    auto prepared = context->sqlite->Prepare(shape->sql);
    if (!prepared.ok()) return Fail(state, prepared.status());
    sqlite_prepared = std::move(*prepared);
  }

  LatencyRecorder latency;
  size_t rows = 0;
  absl::Status status;
  for (auto _ : state) {
    LatencyRecorder::Timer timer(latency);
    if (form == Form::kAlmanacPrepared || form == Form::kAlmanacText) {
      absl::StatusOr<QueryResult> result =
          form == Form::kAlmanacPrepared ? almanac_prepared->Execute(arguments)
                                         : (*db)->Query(almanac_text);
      status = result.status();
      rows = result.ok() ? result->rows.size() : 0;
      benchmark::DoNotOptimize(result);
    } else {
      absl::StatusOr<TextRows> result =
          form == Form::kSqlitePrepared
              ? sqlite_prepared->Execute(sql_arguments)
              : context->sqlite->Query(shape->sql, sql_arguments);
      status = result.status();
      rows = result.ok() ? result->size() : 0;
      benchmark::DoNotOptimize(result);
    }
    if (!status.ok()) break;
  }
  if (!status.ok()) return Fail(state, status);
  latency.Report(state);
  state.counters["rows"] = static_cast<double>(rows);
  const double median = latency.Median();
  context->medians[BenchmarkName(*context, shape->name, form)] = median;
  if (form == Form::kAlmanacPrepared || form == Form::kAlmanacText) {
    const Form sqlite_form = form == Form::kAlmanacPrepared
                                 ? Form::kSqlitePrepared
                                 : Form::kSqliteText;
    auto sqlite = context->medians.find(
        BenchmarkName(*context, shape->name, sqlite_form));
    if (sqlite != context->medians.end() && sqlite->second > 0) {
      state.counters["vs_sqlite"] = median / sqlite->second;
    }
  }
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
  // EXPLAIN without ANALYZE binds and plans but pulls no row (RunFind).
  const std::string explain = "EXPLAIN " + text;

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
      absl::StatusOr<QueryResult> plan = (*db)->Query(explain);
      status = plan.status();
      benchmark::DoNotOptimize(plan);
    }
    if (!status.ok()) break;
  }
  if (!status.ok()) return Fail(state, status);
  latency.Report(state);
  context->medians[BenchmarkName(*context, shape->name, stage)] =
      latency.Median();
}

// Registers the benchmarks of `context` in the order they run: the raw
// scans first, before anything opens the Almanac database.
void RegisterBenchmarks(DatasetContext* context) {
  for (const RawScan* scan : {&kRawScan, &kRawScanFew}) {
    benchmark::RegisterBenchmark(BenchmarkName(*context, *scan).c_str(),
                                 BM_RawPrefixScan, context, scan);
  }
  benchmark::RegisterBenchmark(
      absl::StrCat("scan_api/", context->label).c_str(), BM_ScanApi, context);
  for (const QueryShape& shape : QueryShapes()) {
    for (Form form : kForms) {
      benchmark::RegisterBenchmark(
          BenchmarkName(*context, shape.name, form).c_str(), BM_Shape, context,
          &shape, form)
          ->Unit(benchmark::kMicrosecond);
    }
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

// Prints the lookups of `context` against the raw scans of their subjects.
void PrintFloors(const DatasetContext& context) {
  const std::string& label = context.label;
  const std::string raw = BenchmarkName(context, kRawScan);
  const std::string scan_api = "scan_api/" + label;
  const std::string prepared =
      BenchmarkName(context, "subject_lookup", Form::kAlmanacPrepared);
  if (context.medians.count(raw) != 0) {
    std::printf(
        "\n%s: raw RocksDB prefix scan %s µs; Scan API %s µs (%sx); "
        "prepared subject_lookup %s µs (%sx)\n",
        label.c_str(), Median(context, raw).c_str(),
        Median(context, scan_api).c_str(),
        Ratio(context, scan_api, raw).c_str(),
        Median(context, prepared).c_str(),
        Ratio(context, prepared, raw).c_str());
  }
  const std::string few_raw = BenchmarkName(context, kRawScanFew);
  const std::string few_prepared =
      BenchmarkName(context, "few_row_lookup", Form::kAlmanacPrepared);
  const std::string few_text =
      BenchmarkName(context, "few_row_lookup", Form::kAlmanacText);
  if (context.medians.count(few_raw) != 0) {
    std::printf(
        "%s: few-row lookup (%s rows): raw %s µs; prepared %s µs (%sx); "
        "text %s µs (%sx)\n",
        label.c_str(), Rows(context, "few_row_lookup").c_str(),
        Median(context, few_raw).c_str(), Median(context, few_prepared).c_str(),
        Ratio(context, few_prepared, few_raw).c_str(),
        Median(context, few_text).c_str(),
        Ratio(context, few_text, few_raw).c_str());
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
