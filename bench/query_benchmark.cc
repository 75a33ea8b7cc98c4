// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// Query latency, Almanac against SQLite on the same facts in the same run.
// For each dataset (generated at 100k and 1M facts by default) and each
// shape of bench/query_shapes.h, four benchmarks:
//   SHAPE/DATASET/sqlite_prepared   a reused sqlite3_stmt
//   SHAPE/DATASET/sqlite_text       the SQL compiled and run each time
//   SHAPE/DATASET/almanac_prepared  Database::Prepare once, Execute each time
//   SHAPE/DATASET/almanac_text      Database::Query on the statement as text
// and, as the floor of a bound-subject lookup:
//   raw_prefix_scan/DATASET  a RocksDB iterator over the subject's spo keys
//   scan_api/DATASET         Database::Scan with the subject bound
// Before the first benchmark of a shape, Almanac and SQLite run it once and
// must return the same rows; otherwise its benchmarks fail with the
// difference. Counters: median_us, p95_us, p99_us, rows, and on the Almanac
// benchmarks vs_sqlite (Almanac's median / SQLite's, same form). A summary
// table of medians and ratios is printed at the end.
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
                          const QueryShape& shape, Form form) {
  return absl::StrCat(shape.name, "/", context.label, "/", FormName(form));
}

void Fail(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(status.ToString().c_str());
}

void BM_RawPrefixScan(benchmark::State& state, DatasetContext* context) {
  if (absl::Status status = Initialize(*context); !status.ok()) {
    return Fail(state, status);
  }
  // RocksDB admits one opener: this runs before the database is opened.
  auto store = Store::Open(context->dataset.almanac_path, StoreOptions());
  if (!store.ok()) return Fail(state, store.status());
  DictionaryReader dictionary(**store, nullptr);
  auto id = dictionary.Find(std::get<Term>(context->arguments["subject"]));
  if (!id.ok() || !id->has_value()) {
    return Fail(state, absl::NotFoundError("subject not in the dictionary"));
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
  context->medians["raw_prefix_scan/" + context->label] = latency.Median();
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
  context->medians[BenchmarkName(*context, *shape, form)] = median;
  if (form == Form::kAlmanacPrepared || form == Form::kAlmanacText) {
    const Form sqlite_form = form == Form::kAlmanacPrepared
                                 ? Form::kSqlitePrepared
                                 : Form::kSqliteText;
    auto sqlite =
        context->medians.find(BenchmarkName(*context, *shape, sqlite_form));
    if (sqlite != context->medians.end() && sqlite->second > 0) {
      state.counters["vs_sqlite"] = median / sqlite->second;
    }
  }
}

void RegisterBenchmarks(DatasetContext* context) {
  benchmark::RegisterBenchmark(
      absl::StrCat("raw_prefix_scan/", context->label).c_str(),
      BM_RawPrefixScan, context);
  benchmark::RegisterBenchmark(
      absl::StrCat("scan_api/", context->label).c_str(), BM_ScanApi, context);
  for (const QueryShape& shape : QueryShapes()) {
    for (Form form : kForms) {
      benchmark::RegisterBenchmark(BenchmarkName(*context, shape, form).c_str(),
                                   BM_Shape, context, &shape, form)
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

std::string Ratio(const DatasetContext& context, const std::string& a,
                  const std::string& b) {
  auto x = context.medians.find(a);
  auto y = context.medians.find(b);
  if (x == context.medians.end() || y == context.medians.end() ||
      y->second <= 0) {
    return "-";
  }
  return absl::StrFormat("%.2f", x->second / y->second);
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

// Prints the medians of the run as a Markdown table, one row per shape.
void PrintSummary() {
  std::printf(
      "\n| dataset | shape | rows | Almanac prepared µs | SQLite prepared µs "
      "| ratio | Almanac text µs | SQLite text µs | ratio |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& context : Contexts()) {
    const std::string& label = context->label;
    for (const QueryShape& shape : QueryShapes()) {
      const std::string base = absl::StrCat(shape.name, "/", label, "/");
      if (context->medians.count(base + "sqlite_prepared") == 0 &&
          context->medians.count(base + "almanac_prepared") == 0) {
        continue;
      }
      auto rows = context->rows.find(shape.name);
      std::printf(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label.c_str(),
          shape.name.c_str(),
          rows == context->rows.end() ? "-"
                                      : absl::StrCat(rows->second).c_str(),
          Median(*context, base + "almanac_prepared").c_str(),
          Median(*context, base + "sqlite_prepared").c_str(),
          Ratio(*context, base + "almanac_prepared", base + "sqlite_prepared")
              .c_str(),
          Median(*context, base + "almanac_text").c_str(),
          Median(*context, base + "sqlite_text").c_str(),
          Ratio(*context, base + "almanac_text", base + "sqlite_text").c_str());
    }
    PrintSizes(*context);
    const std::string raw = absl::StrCat("raw_prefix_scan/", label);
    if (context->medians.count(raw) != 0) {
      std::printf(
          "\n%s: raw RocksDB prefix scan %s µs; Scan API %s µs (%sx); "
          "prepared subject_lookup %s µs (%sx)\n",
          label.c_str(), Median(*context, raw).c_str(),
          Median(*context, "scan_api/" + label).c_str(),
          Ratio(*context, "scan_api/" + label, raw).c_str(),
          Median(*context, "subject_lookup/" + label + "/almanac_prepared")
              .c_str(),
          Ratio(*context, "subject_lookup/" + label + "/almanac_prepared", raw)
              .c_str());
    }
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
