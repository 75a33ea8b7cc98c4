// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.
//
// The storage layer below the engine: opening a database directory, the
// counters, and facts written by FactWriter and read back by FactScanner
// from every index.

#include "storage/store.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "almanac/date.h"
#include "almanac/fact.h"
#include "almanac/term.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/snapshot.h"
#include "storage/coding.h"
#include "storage/dictionary.h"
#include "storage/fact_key.h"
#include "storage/fact_scanner.h"
#include "storage/fact_writer.h"
#include "storage/format.h"
#include "storage/records.h"
#include "storage/statistics.h"
#include "storage/statistics_cache.h"
#include "tests/test_util.h"

namespace almanac {
namespace {

using ::testing::HasSubstr;

// Rewrites the format version of the closed database at `path` to `version`,
// opening it with RocksDB directly.
void RewriteFormatVersion(const std::string& path, uint32_t version) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const char* name : kFamilyNames) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  rocksdb::Status status =
      rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db);
  ASSERT_TRUE(status.ok()) << status.ToString();
  std::string encoded;
  PutFixed32(&encoded, version);
  status =
      db->Put(rocksdb::WriteOptions(), handles[0], kFormatVersionKey, encoded);
  EXPECT_TRUE(status.ok()) << status.ToString();
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    EXPECT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  EXPECT_TRUE(db->Close().ok());
  delete db;
}

TEST(StoreTest, OpenCreatesAFreshDatabase) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
  ASSERT_OK(StatusOf(store));
  EXPECT_EQ((*store)->path(), path);
  EXPECT_TRUE(std::filesystem::exists(path + "/CURRENT"));
  absl::StatusOr<StoreCounters> counters = (*store)->ReadCounters(nullptr);
  ASSERT_OK(StatusOf(counters));
  EXPECT_EQ(counters->Encode(), StoreCounters().Encode());
  EXPECT_EQ(counters->next_term_sequence, 1u);
  EXPECT_EQ(counters->last_tx, 0u);
  for (int i = 0; i < kFamilyCount; ++i) {
    EXPECT_EQ((*store)->handle(static_cast<Family>(i))->GetName(),
              kFamilyNames[i]);
  }
}

TEST(StoreTest, OpenCreatesInAnEmptyDirectory) {
  TempDir dir;
  ASSERT_OK(StatusOf(Store::Open(dir.path(), {})));
}

TEST(StoreTest, ReopenKeepsWhatWasWritten) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  StoreCounters written;
  written.next_term_sequence = 17;
  written.facts = 5;
  written.last_tx = 3;
  {
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
    ASSERT_OK(StatusOf(store));
    rocksdb::WriteBatch batch;
    batch.Put((*store)->handle(Family::kMeta), kCountersKey, written.Encode());
    ASSERT_OK((*store)->Write(&batch, /*sync=*/true));
  }
  StoreOptions options;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, options);
  ASSERT_OK(StatusOf(store));
  absl::StatusOr<StoreCounters> counters = (*store)->ReadCounters(nullptr);
  ASSERT_OK(StatusOf(counters));
  EXPECT_EQ(counters->Encode(), written.Encode());
}

// The write-ahead logs in the database directory.
int CountLogs(const std::string& path) {
  int logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.path().extension() == ".log") ++logs;
  }
  return logs;
}

TEST(StoreTest, OpeningWithoutWritesLeavesNoEmptyLogsBehind) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  ASSERT_OK(StatusOf(Store::Open(path, {})));
  for (int i = 0; i < 5; ++i) ASSERT_OK(StatusOf(Store::Open(path, {})));
  // The log of the last open, which RocksDB writes to; none of the five
  // before it.
  EXPECT_EQ(CountLogs(path), 1);
}

// Sets the counters' last_tx of `store` to `tx`, in its log only (closing
// does not flush the log into a table file; the next open replays it).
absl::Status PutLastTx(Store& store, uint64_t tx) {
  StoreCounters counters;
  counters.last_tx = tx;
  rocksdb::WriteBatch batch;
  batch.Put(store.handle(Family::kMeta), kCountersKey, counters.Encode());
  return store.Write(&batch, /*sync=*/true);
}

// Opens the database at `path` for writing and puts last_tx `tx`.
void WriteLastTx(const std::string& path, uint64_t tx) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
  ASSERT_OK(StatusOf(store));
  ASSERT_OK(PutLastTx(**store, tx));
}

uint64_t ReadLastTx(const std::string& path) {
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
  if (!store.ok()) return 0;
  absl::StatusOr<StoreCounters> counters = (*store)->ReadCounters(nullptr);
  return counters.ok() ? counters->last_tx : 0;
}

TEST(StoreTest, WritesSurviveTheDeletionOfEmptyLogs) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  WriteLastTx(path, 1);
  // Opens without writes: each deletes the empty log the one before left.
  EXPECT_EQ(ReadLastTx(path), 1u);
  EXPECT_EQ(ReadLastTx(path), 1u);
  // A file that only looks like a log stays.
  std::FILE* notes = std::fopen((path + "/notes.log").c_str(), "w");
  ASSERT_NE(notes, nullptr);
  std::fclose(notes);
  {
    // A write and a flush in a session that began by deleting a log that
    // RocksDB still counted as its own: RocksDB then deletes the logs it
    // no longer needs, and must not fail on the one already gone.
    absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
    ASSERT_OK(StatusOf(store));
    ASSERT_OK(PutLastTx(**store, 2));
    rocksdb::Status flushed = (*store)->db()->Flush(
        rocksdb::FlushOptions(), (*store)->handle(Family::kMeta));
    ASSERT_TRUE(flushed.ok()) << flushed.ToString();
    ASSERT_OK(PutLastTx(**store, 3));
  }
  EXPECT_EQ(ReadLastTx(path), 3u);
  WriteLastTx(path, 4);
  EXPECT_EQ(ReadLastTx(path), 4u);
  EXPECT_EQ(ReadLastTx(path), 4u);
  EXPECT_TRUE(std::filesystem::exists(path + "/notes.log"));
  // notes.log and the log of the last open.
  EXPECT_EQ(CountLogs(path), 2);
}

TEST(StoreTest, ReadOnlyOpenSharesADatabaseOpenForWriting) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  StoreOptions read_only;
  read_only.read_only = true;
  // There must be a database to read.
  EXPECT_TRUE(absl::IsNotFound(Store::Open(path, read_only).status()));
  EXPECT_FALSE(std::filesystem::exists(path));

  absl::StatusOr<std::unique_ptr<Store>> writer = Store::Open(path, {});
  ASSERT_OK(StatusOf(writer));
  StoreCounters written;
  written.facts = 5;
  rocksdb::WriteBatch batch;
  batch.Put((*writer)->handle(Family::kMeta), kCountersKey, written.Encode());
  ASSERT_OK((*writer)->Write(&batch, /*sync=*/true));

  // A second writer is refused; readers are not, and see what was written.
  EXPECT_TRUE(absl::IsFailedPrecondition(Store::Open(path, {}).status()));
  absl::StatusOr<std::unique_ptr<Store>> reader = Store::Open(path, read_only);
  ASSERT_OK(StatusOf(reader));
  absl::StatusOr<StoreCounters> counters = (*reader)->ReadCounters(nullptr);
  ASSERT_OK(StatusOf(counters));
  EXPECT_EQ(counters->facts, 5u);
  // A reader cannot write.
  rocksdb::WriteBatch refused;
  refused.Put((*reader)->handle(Family::kMeta), kCountersKey,
              StoreCounters().Encode());
  EXPECT_FALSE((*reader)->Write(&refused, /*sync=*/true).ok());
  counters = (*writer)->ReadCounters(nullptr);
  ASSERT_OK(StatusOf(counters));
  EXPECT_EQ(counters->facts, 5u);
}

TEST(StoreTest, RefusesADirectoryHoldingSomethingElse) {
  TempDir dir;
  WriteFile(dir.Sub("notes.txt"), "my notes\n");
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(dir.path(), {});
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("not an Almanac database"));
  EXPECT_THAT(std::string(store.status().message()), HasSubstr(dir.path()));
  // The directory is left as it was.
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("CURRENT")));
  EXPECT_EQ(ReadFile(dir.Sub("notes.txt")), "my notes\n");
}

TEST(StoreTest, RefusesAFile) {
  TempDir dir;
  WriteFile(dir.Sub("file"), "not a directory\n");
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open(dir.Sub("file"), {});
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_EQ(ReadFile(dir.Sub("file")), "not a directory\n");
}

TEST(StoreTest, MissingDatabaseWithoutCreateIsNotFound) {
  TempDir dir;
  StoreOptions options;
  options.create_if_missing = false;
  absl::StatusOr<std::unique_ptr<Store>> store =
      Store::Open(dir.Sub("missing"), options);
  EXPECT_TRUE(absl::IsNotFound(store.status())) << store.status();
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("missing")));
  // An empty directory holds no database either.
  store = Store::Open(dir.path(), options);
  EXPECT_TRUE(absl::IsNotFound(store.status())) << store.status();
}

TEST(StoreTest, RefusesAnotherFormatVersion) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  ASSERT_OK(StatusOf(Store::Open(path, {})));
  RewriteFormatVersion(path, 99);
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("format version 99"));
}

TEST(StoreTest, RefusesARocksDbDatabaseThatIsNotAlmanacs) {
  TempDir dir;
  const std::string path = dir.Sub("db");
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, path, &db).ok());
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(), "key", "value").ok());
    EXPECT_TRUE(db->Close().ok());
    delete db;
  }
  absl::StatusOr<std::unique_ptr<Store>> store = Store::Open(path, {});
  EXPECT_TRUE(absl::IsFailedPrecondition(store.status())) << store.status();
  EXPECT_THAT(std::string(store.status().message()),
              HasSubstr("not an Almanac one"));
}

TEST(StoreTest, CountersRoundTrip) {
  StoreCounters counters;
  counters.next_term_sequence = 1234567;
  counters.facts = 90728;
  counters.entities = 7128;
  counters.literals = 3;
  counters.last_tx = uint64_t{1} << 40;
  const std::string encoded = counters.Encode();
  EXPECT_EQ(encoded[0], kValueLayout1);
  absl::StatusOr<StoreCounters> decoded = StoreCounters::Decode(encoded);
  ASSERT_OK(StatusOf(decoded));
  EXPECT_EQ(decoded->next_term_sequence, 1234567u);
  EXPECT_EQ(decoded->facts, 90728u);
  EXPECT_EQ(decoded->entities, 7128u);
  EXPECT_EQ(decoded->literals, 3u);
  EXPECT_EQ(decoded->last_tx, uint64_t{1} << 40);
  EXPECT_EQ(StoreCounters().Encode(),
            std::string("\x01\x01\x00\x00\x00\x00", 6));
}

TEST(StoreTest, CountersDecodeRejectsGarbage) {
  const std::string good = StoreCounters().Encode();
  for (const std::string& bad :
       {std::string(), std::string("\x02", 1) + good.substr(1),
        good.substr(0, good.size() - 1), std::string("\x01\x80", 2),
        std::string("garbage")}) {
    absl::StatusOr<StoreCounters> decoded = StoreCounters::Decode(bad);
    EXPECT_TRUE(absl::IsDataLoss(decoded.status()))
        << "'" << bad << "': " << decoded.status();
  }
}

TEST(StoreTest, FamilyOfEachIndex) {
  EXPECT_EQ(FamilyOf(IndexOrder::kSpo), Family::kSpo);
  EXPECT_EQ(FamilyOf(IndexOrder::kPos), Family::kPos);
  EXPECT_EQ(FamilyOf(IndexOrder::kOsp), Family::kOsp);
  EXPECT_EQ(FamilyOf(IndexOrder::kPredicateTime), Family::kPredicateTime);
  EXPECT_EQ(FamilyOf(IndexOrder::kEntityTime), Family::kEntityTime);
}

// ChooseIndex ----------------------------------------------------------------

// The index ChooseIndex picks for the positions named in `bound` ("s", "p",
// "o" for an entity object, "i" for an integer object, "t" for time bounds).
std::string IndexFor(std::string_view bound) {
  ScanSpec spec;
  if (absl::StrContains(std::string(bound), "s")) {
    spec.subject = MakeTermId(TermKind::kEntity, 1);
  }
  if (absl::StrContains(std::string(bound), "p")) {
    spec.predicate = MakeTermId(TermKind::kEntity, 2);
  }
  if (absl::StrContains(std::string(bound), "o")) {
    spec.object = MakeTermId(TermKind::kEntity, 3);
  }
  if (absl::StrContains(std::string(bound), "i")) {
    spec.object = *InlineTermId(*Term::Integer(10000));
  }
  if (absl::StrContains(std::string(bound), "t")) spec.time = TimeBounds{};
  return IndexOrderName(ChooseIndex(spec));
}

TEST(StoreTest, ChooseIndex) {
  EXPECT_EQ(IndexFor(""), "spo");
  EXPECT_EQ(IndexFor("s"), "spo");
  EXPECT_EQ(IndexFor("sp"), "spo");
  EXPECT_EQ(IndexFor("spo"), "spo");
  EXPECT_EQ(IndexFor("p"), "pos");
  EXPECT_EQ(IndexFor("po"), "pos");
  EXPECT_EQ(IndexFor("o"), "osp");
  EXPECT_EQ(IndexFor("i"), "osp");
  EXPECT_EQ(IndexFor("so"), "osp");
  EXPECT_EQ(IndexFor("pt"), "predicate_time");
  EXPECT_EQ(IndexFor("st"), "entity_time");
  EXPECT_EQ(IndexFor("ot"), "entity_time");
  EXPECT_EQ(IndexFor("it"), "osp");
  EXPECT_EQ(IndexFor("t"), "spo");
  EXPECT_EQ(IndexFor("spt"), "spo");
  EXPECT_EQ(IndexFor("pot"), "pos");
  EXPECT_EQ(IndexFor("sot"), "osp");
  EXPECT_EQ(IndexFor("spot"), "spo");
}

// FactWriter and FactScanner
// ---------------------------------------------------

struct FactRow {
  std::string subject;
  std::string predicate;
  std::string object;  // As an import file writes it: 10000, 2014-03, ...
  std::string time;
  std::string source;
};

class FactStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store =
        Store::Open(dir_.Sub("db"), {});
    ASSERT_OK(StatusOf(store));
    store_ = std::move(*store);
  }

  // Commits the rows as one transaction: additions, then retractions.
  // Returns "+added -retracted".
  std::string Write(const std::vector<FactRow>& adds,
                    const std::vector<FactRow>& retracts = {}) {
    absl::StatusOr<StoreCounters> counters = store_->ReadCounters(nullptr);
    if (!counters.ok()) return counters.status().ToString();
    TermAssigner terms(*store_, counters->next_term_sequence);
    FactWriter writer(*store_, counters->last_tx + 1);
    for (const FactRow& row : adds) {
      absl::StatusOr<FactKey> key = Intern(terms, row);
      if (!key.ok()) return key.status().ToString();
      TermId source = 0;
      if (!row.source.empty()) {
        absl::StatusOr<TermId> id = terms.Intern(Term::String(row.source));
        if (!id.ok()) return id.status().ToString();
        source = *id;
      }
      absl::StatusOr<bool> added = writer.Add(*key, source);
      if (!added.ok()) return added.status().ToString();
    }
    for (const FactRow& row : retracts) {
      absl::StatusOr<FactKey> key = Intern(terms, row);
      if (!key.ok()) return key.status().ToString();
      absl::StatusOr<bool> retracted = writer.Retract(*key);
      if (!retracted.ok()) return retracted.status().ToString();
    }
    absl::StatusOr<FactWriter::Outcome> written =
        writer.Commit(terms, *counters, /*commit_time_micros=*/1, false);
    if (!written.ok()) return written.status().ToString();
    return absl::StrCat("+", written->added, " -", written->retracted);
  }

  // The id of the term an import file writes as `field`; 0 if none.
  TermId Id(std::string_view field) {
    DictionaryReader dictionary(*store_, nullptr);
    absl::StatusOr<std::optional<TermId>> id =
        dictionary.Find(*Term::ParseObjectField(field));
    return id.ok() && id->has_value() ? **id : 0;
  }

  // The spec binding the positions not written "?", with `time` bounds.
  ScanSpec Spec(std::string_view subject, std::string_view predicate,
                std::string_view object,
                std::optional<TimeBounds> time = std::nullopt) {
    ScanSpec spec;
    if (subject != "?") spec.subject = Id(subject);
    if (predicate != "?") spec.predicate = Id(predicate);
    if (object != "?") spec.object = Id(object);
    spec.time = time;
    return spec;
  }

  // Scans `spec` and renders "index: fact; fact; ...".
  std::string Scan(const ScanSpec& spec, bool read_sources = true) {
    FactScanner scanner(*store_, nullptr, spec, read_sources);
    return Render(scanner);
  }

  // Reads `scanner` to its end and renders "index: fact; fact; ...".
  std::string Render(FactScanner& scanner) {
    DictionaryReader dictionary(*store_, nullptr);
    std::string out = std::string(IndexOrderName(scanner.index())) + ":";
    for (bool first = true; scanner.Valid(); scanner.Next(), first = false) {
      const ScannedFact& row = scanner.current();
      Fact fact;
      fact.subject = *dictionary.Decode(row.key.subject);
      fact.predicate = *dictionary.Decode(row.key.predicate);
      fact.object = *dictionary.Decode(row.key.object);
      fact.time = *DecodeTime(row.key.time);
      if (row.source != 0) fact.source = dictionary.Decode(row.source)->text();
      out += (first ? " " : "; ") + fact.ToString();
    }
    if (!scanner.status().ok()) out += " ERROR " + scanner.status().ToString();
    return out;
  }

  // Counts the keys of `family`.
  size_t KeysIn(Family family) {
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(
        rocksdb::ReadOptions(), store_->handle(family)));
    size_t count = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++count;
    return count;
  }

  // Inclusive bounds on the first day, from dates written as text.
  static TimeBounds BeginBetween(const char* first, const char* last) {
    TimeBounds bounds;
    bounds.begin_min = Date::Parse(first)->days().begin;
    bounds.begin_max = Date::Parse(last)->days().begin;
    return bounds;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;

 private:
  static absl::StatusOr<FactKey> Intern(TermAssigner& terms,
                                        const FactRow& row) {
    FactKey key;
    absl::StatusOr<TermId> id = terms.Intern(Term::Entity(row.subject));
    if (!id.ok()) return id.status();
    key.subject = *id;
    id = terms.Intern(Term::Entity(row.predicate));
    if (!id.ok()) return id.status();
    key.predicate = *id;
    absl::StatusOr<Term> object = Term::ParseObjectField(row.object);
    if (!object.ok()) return object.status();
    id = terms.Intern(*object);
    if (!id.ok()) return id.status();
    key.object = *id;
    absl::StatusOr<ValidTime> time = ValidTime::Parse(row.time);
    if (!time.ok()) return time.status();
    key.time = EncodeTime(*time);
    return key;
  }
};

const std::vector<FactRow>& SampleFacts() {
  static const auto* facts = new std::vector<FactRow>{
      {"Russia", "member_of", "G8", "1997..2014", ""},
      {"Russia", "recognized", "IEA", "2025-07-03", "The Hindu"},
      {"China", "visited", "Russia", "2014-11-10", ""},
      {"China", "visited", "Russia", "2015", ""},
      {"Obama", "born_in", "Honolulu", "1961-08-04", ""},
      {"Acme", "employees", "10000", "2020", ""},
      {"Acme", "employees", "12000", "2021", ""},
      {"Germany", "capital", "Berlin", "", ""},
  };
  return *facts;
}

TEST_F(FactStoreTest, WriteCountsChanges) {
  EXPECT_EQ(Write(SampleFacts()), "+8 -0");
  EXPECT_EQ(Write({SampleFacts()[0]}), "+0 -0");  // Already there.
  EXPECT_EQ(Write({}, {{"Russia", "member_of", "G8", "1997..2014", ""}}),
            "+0 -1");
  EXPECT_EQ(Write({}, {{"Russia", "member_of", "G8", "1997..2014", ""}}),
            "+0 -0");
  absl::StatusOr<StoreCounters> counters = store_->ReadCounters(nullptr);
  ASSERT_OK(StatusOf(counters));
  EXPECT_EQ(counters->facts, 7u);
  EXPECT_EQ(counters->last_tx, 2u);  // Writes that changed nothing used none.
}

// One reader decodes the same ids again and again, interleaved with ids
// that fall in the same bucket of its recent terms (id % 16), and always
// gets each id's own name.
TEST_F(FactStoreTest, AReaderDecodesEveryIdToItsOwnNameWhateverTheOrder) {
  std::vector<FactRow> facts;
  for (int i = 0; i < 40; ++i) {
    facts.push_back({absl::StrCat("Entity", i), "knows", "Entity0", "", ""});
  }
  ASSERT_EQ(Write(facts), "+40 -0");
  std::vector<std::pair<TermId, std::string>> names;
  for (int i = 0; i < 40; ++i) {
    const std::string name = absl::StrCat("Entity", i);
    names.emplace_back(Id(name), name);
  }
  DictionaryReader reader(*store_, nullptr);
  // 0 is no term: an error, before and after the buckets fill.
  EXPECT_EQ(reader.Decode(0).status().code(), absl::StatusCode::kDataLoss);
  for (int round = 0; round < 3; ++round) {
    for (size_t step = 0; step < names.size(); ++step) {
      // 0, 16, 32, 1, 17, 33, ...: ids 16 apart, one after another.
      const size_t i = (step % 3) * 16 + step / 3;
      if (i >= names.size()) continue;
      absl::StatusOr<Term> term = reader.Decode(names[i].first);
      ASSERT_OK(StatusOf(term));
      EXPECT_EQ(term->text(), names[i].second);
    }
  }
  EXPECT_EQ(reader.Decode(0).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(FactStoreTest, ScanEverything) {
  ASSERT_EQ(Write(SampleFacts()), "+8 -0");
  EXPECT_EQ(Scan(ScanSpec()),
            "spo: Russia member_of G8 @ 1997..2014; "
            "Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"; "
            "China visited Russia @ 2014-11-10; China visited Russia @ 2015; "
            "Obama born_in Honolulu @ 1961-08-04; "
            "Acme employees 10000 @ 2020; Acme employees 12000 @ 2021; "
            "Germany capital Berlin");
}

TEST_F(FactStoreTest, ScanEachTripleIndex) {
  ASSERT_EQ(Write(SampleFacts()), "+8 -0");
  EXPECT_EQ(Scan(Spec("Russia", "?", "?")),
            "spo: Russia member_of G8 @ 1997..2014; "
            "Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"");
  EXPECT_EQ(Scan(Spec("Russia", "recognized", "?"),
                 /*read_sources=*/false),
            "spo: Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"");
  EXPECT_EQ(Scan(Spec("?", "visited", "?")),
            "pos: China visited Russia @ 2014-11-10; "
            "China visited Russia @ 2015");
  EXPECT_EQ(Scan(Spec("?", "recognized", "IEA")),
            "pos: Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"");
  EXPECT_EQ(Scan(Spec("?", "recognized", "?"), /*read_sources=*/false),
            "pos: Russia recognized IEA @ 2025-07-03");
  EXPECT_EQ(Scan(Spec("?", "?", "Russia")),
            "osp: China visited Russia @ 2014-11-10; "
            "China visited Russia @ 2015");
  EXPECT_EQ(Scan(Spec("?", "?", "10000")), "osp: Acme employees 10000 @ 2020");
  EXPECT_EQ(Scan(Spec("China", "?", "Russia")),
            "osp: China visited Russia @ 2014-11-10; "
            "China visited Russia @ 2015");
  EXPECT_EQ(Scan(Spec("Russia", "?", "Russia")), "osp:");
  EXPECT_EQ(Scan(Spec("Germany", "capital", "Berlin")),
            "spo: Germany capital Berlin");
}

TEST_F(FactStoreTest, ScanTimeOrderedIndexes) {
  ASSERT_EQ(Write(SampleFacts()), "+8 -0");
  const TimeBounds any_time;
  EXPECT_EQ(Scan(Spec("?", "employees", "?", any_time)),
            "predicate_time: Acme employees 10000 @ 2020; "
            "Acme employees 12000 @ 2021");
  // Russia as subject only, then as object only.
  EXPECT_EQ(Scan(Spec("Russia", "?", "?", any_time)),
            "entity_time: Russia member_of G8 @ 1997..2014; "
            "Russia recognized IEA @ 2025-07-03 SOURCE \"The Hindu\"");
  EXPECT_EQ(Scan(Spec("?", "?", "Russia", any_time)),
            "entity_time: China visited Russia @ 2014-11-10; "
            "China visited Russia @ 2015");
  EXPECT_EQ(Scan(Spec("?", "?", "12000", any_time)),
            "osp: Acme employees 12000 @ 2021");
  // A fact with no stated time never satisfies time bounds.
  EXPECT_EQ(Scan(Spec("Germany", "?", "?", any_time)), "entity_time:");
  EXPECT_EQ(Scan(Spec("?", "capital", "?", any_time)), "predicate_time:");
}

TEST_F(FactStoreTest, TimeBoundsNarrowPredicateTimeScans) {
  ASSERT_EQ(Write({
                {"A", "visited", "X", "2013-05-01", ""},
                {"B", "visited", "X", "2014", ""},
                {"C", "visited", "X", "2014-06..2016", ""},
                {"D", "visited", "X", "2015-03", ""},
                {"E", "visited", "X", "2016-12-31", ""},
                {"F", "visited", "X", "2017-01-01", ""},
                {"G", "visited", "X", "..2015", ""},
                {"H", "visited", "X", "", ""},
                {"I", "other", "X", "2015", ""},
            }),
            "+9 -0");
  EXPECT_EQ(
      Scan(Spec("?", "visited", "?", BeginBetween("2014-01-01", "2016-12-31"))),
      "predicate_time: B visited X @ 2014; C visited X @ 2014-06..2016; "
      "D visited X @ 2015-03; E visited X @ 2016-12-31");
  EXPECT_EQ(
      Scan(Spec("?", "visited", "?", BeginBetween("2014-06-01", "2014-06-01"))),
      "predicate_time: C visited X @ 2014-06..2016");
  EXPECT_EQ(
      Scan(Spec("?", "visited", "?", BeginBetween("2017-01-02", "2099-01-01"))),
      "predicate_time:");
  TimeBounds ends_by_2015;
  ends_by_2015.end_max = Date::Parse("2016-01-01")->days().begin;
  EXPECT_EQ(Scan(Spec("?", "visited", "?", ends_by_2015)),
            "predicate_time: G visited X @ ..2015; A visited X @ 2013-05-01; "
            "B visited X @ 2014; D visited X @ 2015-03");
  TimeBounds ends_after_2016;
  ends_after_2016.end_min = Date::Parse("2017-01-01")->days().begin;
  EXPECT_EQ(Scan(Spec("?", "visited", "?", ends_after_2016)),
            "predicate_time: C visited X @ 2014-06..2016; "
            "E visited X @ 2016-12-31; F visited X @ 2017-01-01");
  // The same bounds on the other time-ordered index and on a full triple.
  EXPECT_EQ(Scan(Spec("?", "?", "X", BeginBetween("2015-01-01", "2015-12-31"))),
            "entity_time: I other X @ 2015; D visited X @ 2015-03");
  EXPECT_EQ(
      Scan(Spec("C", "visited", "X", BeginBetween("2014-01-01", "2014-12-31"))),
      "spo: C visited X @ 2014-06..2016");
  EXPECT_EQ(
      Scan(Spec("C", "visited", "X", BeginBetween("2015-01-01", "2015-12-31"))),
      "spo:");
}

TEST_F(FactStoreTest, SeekStartsOverOnAnotherSpec) {
  ASSERT_EQ(Write(SampleFacts()), "+8 -0");
  const TimeBounds any_time;
  // Each spec read by one scanner that seeks from the last, against a new
  // scanner: same index with a bound (the iterator is reused), another
  // index, and a whole-index scan (no bound) before and after bounded ones.
  const std::vector<ScanSpec> specs = {
      Spec("Russia", "?", "?"),
      Spec("China", "visited", "?"),
      Spec("Zzz", "?", "?"),
      Spec("Acme", "employees", "?"),
      Spec("?", "visited", "?"),
      ScanSpec(),
      Spec("Obama", "?", "?"),
      Spec("?", "employees", "?", any_time),
      Spec("?", "employees", "?", BeginBetween("2021-01-01", "2021-12-31")),
      Spec("?", "?", "Russia", any_time),
      Spec("Russia", "?", "?"),
  };
  const auto seek_through = [&] {
    FactScanner scanner(*store_, nullptr, specs[0], /*read_sources=*/true);
    for (size_t i = 0; i < specs.size(); ++i) {
      SCOPED_TRACE(i);
      if (i > 0) scanner.Seek(specs[i]);
      EXPECT_EQ(Render(scanner), Scan(specs[i]));
    }
  };
  {
    SCOPED_TRACE("in memory");
    seek_through();
  }
  // The same from files, where the bound is checked against blocks.
  for (Family family : {Family::kSpo, Family::kPos, Family::kOsp,
                        Family::kPredicateTime, Family::kEntityTime}) {
    ASSERT_TRUE(store_->db()
                    ->Flush(rocksdb::FlushOptions(), store_->handle(family))
                    .ok());
  }
  {
    SCOPED_TRACE("in files");
    seek_through();
  }
  EXPECT_EQ(Scan(specs[2]), "spo:");
  EXPECT_NE(Scan(specs[0]), "spo:");
}

TEST_F(FactStoreTest, EstimateScanRowsFromFileSizesAndMemtables) {
  std::vector<FactRow> facts;
  for (int i = 0; i < 5000; ++i) {
    facts.push_back({"Big", "visited", absl::StrCat("P", i), "2020", ""});
  }
  for (int i = 0; i < 3; ++i) {
    facts.push_back({"Small", "visited", absl::StrCat("Q", i), "2020", ""});
  }
  ASSERT_EQ(Write(facts), "+5003 -0");
  // Only what is in files counts; what is in memtables is estimated apart.
  // That estimate samples the skip list, whose node heights are random: in
  // 700 runs it gave Big 1,510 to 5,003 and Small 3 to 3,624. It is never
  // more than the memtable holds.
  uint64_t no_files_block_keys = 1;
  EXPECT_EQ(
      EstimateScanRows(*store_, Spec("Big", "?", "?"), &no_files_block_keys),
      0u);
  EXPECT_EQ(no_files_block_keys, 0u);
  const uint64_t in_memory =
      EstimateMemtableRows(*store_, Spec("Big", "?", "?"));
  EXPECT_GE(in_memory, 250u);
  EXPECT_LE(in_memory, 5003u);
  EXPECT_LE(EstimateMemtableRows(*store_, Spec("Small", "?", "?")), 5003u);
  for (Family family : {Family::kSpo, Family::kPos}) {
    ASSERT_TRUE(store_->db()
                    ->Flush(rocksdb::FlushOptions(), store_->handle(family))
                    .ok());
  }
  EXPECT_EQ(EstimateMemtableRows(*store_, Spec("Big", "?", "?")), 0u);
  const uint64_t big = EstimateScanRows(*store_, Spec("Big", "?", "?"));
  EXPECT_GE(big, 2500u);
  EXPECT_LE(big, 10000u);
  const uint64_t all = EstimateScanRows(*store_, Spec("?", "visited", "?"));
  EXPECT_GE(all, 2500u);
  EXPECT_LE(all, 10000u);
  // Less than a data block.
  EXPECT_LT(EstimateScanRows(*store_, Spec("Small", "?", "?")), 1000u);
  // A range that comes out as 0 lies within one block, whose keys bound
  // it: at least Small's 3, and not more than the index holds.
  uint64_t block_keys = 0;
  if (EstimateScanRows(*store_, Spec("Small", "?", "?"), &block_keys) == 0) {
    EXPECT_GE(block_keys, 3u);
  }
  EXPECT_GT(block_keys, 0u);
  EXPECT_LE(block_keys, 5003u * 2);
}

// The facts a scan reads, each as its spo key, in scan order.
std::vector<std::string> FactsOf(const Store& store, const ScanSpec& spec) {
  std::vector<std::string> facts;
  for (FactScanner scanner(store, nullptr, spec, /*read_sources=*/false);
       scanner.Valid(); scanner.Next()) {
    facts.push_back(EncodeKey(IndexOrder::kSpo, scanner.current().key));
  }
  return facts;
}

// The facts of each slice SplitScanRange makes of `spec`, in order.
std::vector<std::vector<std::string>> SlicesOf(const Store& store,
                                               ScanSpec spec, int parts) {
  absl::StatusOr<std::vector<std::string>> boundaries =
      SplitScanRange(store, nullptr, spec, parts);
  EXPECT_OK(StatusOf(boundaries));
  if (!boundaries.ok()) return {};
  EXPECT_LE(boundaries->size(), static_cast<size_t>(parts - 1));
  std::vector<std::vector<std::string>> slices;
  for (size_t i = 0; i <= boundaries->size(); ++i) {
    spec.slice.start = i == 0 ? "" : (*boundaries)[i - 1];
    spec.slice.limit = i == boundaries->size() ? "" : (*boundaries)[i];
    slices.push_back(FactsOf(store, spec));
  }
  return slices;
}

TEST_F(FactStoreTest, SplitScanRangeReadsEveryFactOnceInOrder) {
  // 30 busy subjects with 900 facts each, then 270 with 10: the subjects'
  // ids are spread evenly, their facts are not.
  std::vector<FactRow> facts;
  for (int subject = 0; subject < 300; ++subject) {
    const int count = subject < 30 ? 900 : 10;
    for (int i = 0; i < count; ++i) {
      facts.push_back({absl::StrCat("S", 1000 + subject),
                       absl::StrCat("p", i % 7), absl::StrCat("O", i), "2020",
                       ""});
    }
  }
  ASSERT_EQ(Write(facts), "+29700 -0");
  const std::vector<ScanSpec> specs = {
      Spec("?", "?", "?"), Spec("?", "p3", "?"), Spec("S1005", "?", "?"),
      Spec("?", "p3", "?", TimeBounds()), Spec("S1005", "p3", "O3")};
  const auto check = [&](const char* where) {
    for (size_t i = 0; i < specs.size(); ++i) {
      SCOPED_TRACE(absl::StrCat(where, ", spec ", i));
      const std::vector<std::string> whole = FactsOf(*store_, specs[i]);
      for (int parts : {1, 2, 3, 5}) {
        SCOPED_TRACE(absl::StrCat(parts, " parts"));
        std::vector<std::string> joined;
        for (const std::vector<std::string>& slice :
             SlicesOf(*store_, specs[i], parts)) {
          EXPECT_FALSE(slice.empty());
          joined.insert(joined.end(), slice.begin(), slice.end());
        }
        EXPECT_EQ(joined, whole);
      }
    }
  };
  check("in memory");
  // A range of one fact, or of none, is not split.
  EXPECT_EQ(SlicesOf(*store_, specs[4], 4).size(), 1u);
  EXPECT_EQ(SlicesOf(*store_, Spec("S1005", "p3", "O899"), 4).size(), 1u);
  for (Family family : {Family::kSpo, Family::kPos, Family::kPredicateTime}) {
    ASSERT_TRUE(store_->db()
                    ->Flush(rocksdb::FlushOptions(), store_->handle(family))
                    .ok());
  }
  check("in files");
  // From files the slices are sized by bytes: the busy subjects are split
  // among both halves, where spreading the subjects' ids would have put
  // nearly all their facts in the first.
  const std::vector<std::vector<std::string>> halves =
      SlicesOf(*store_, specs[0], 2);
  ASSERT_EQ(halves.size(), 2u);
  EXPECT_GT(halves[0].size(), 29700u * 35 / 100);
  EXPECT_GT(halves[1].size(), 29700u * 35 / 100);
}

TEST_F(FactStoreTest, RetractRemovesTheFactFromEveryIndex) {
  ASSERT_EQ(Write(SampleFacts()), "+8 -0");
  const size_t history_before = KeysIn(Family::kHistory);
  ASSERT_EQ(Write({}, {{"China", "visited", "Russia", "2015", ""},
                       {"Germany", "capital", "Berlin", "", ""}}),
            "+0 -2");
  const TimeBounds any_time;
  EXPECT_EQ(Scan(Spec("China", "?", "?")),
            "spo: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("?", "visited", "?")),
            "pos: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("?", "?", "Russia")),
            "osp: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("?", "visited", "?", any_time)),
            "predicate_time: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("China", "?", "?", any_time)),
            "entity_time: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("?", "?", "Russia", any_time)),
            "entity_time: China visited Russia @ 2014-11-10");
  EXPECT_EQ(Scan(Spec("Germany", "?", "?")), "spo:");
  EXPECT_EQ(KeysIn(Family::kHistory), history_before + 2);
  EXPECT_EQ(KeysIn(Family::kSpo), 6u);
  EXPECT_EQ(KeysIn(Family::kPos), 6u);
  EXPECT_EQ(KeysIn(Family::kOsp), 6u);
  EXPECT_EQ(KeysIn(Family::kPredicateTime), 6u);
  // Timed facts with an entity object have a second entity-time entry.
  EXPECT_EQ(KeysIn(Family::kEntityTime), 6u + 4u);
}

TEST_F(FactStoreTest, AddThenRetractInOneWriteLeavesNothing) {
  const FactRow fact = {"Russia", "member_of", "G8", "1997..2014", ""};
  // Counted by net effect: the fact was never there.
  EXPECT_EQ(Write({fact}, {fact}), "+0 -0");
  EXPECT_EQ(Scan(ScanSpec()), "spo:");
  for (Family family :
       {Family::kSpo, Family::kPos, Family::kOsp, Family::kPredicateTime,
        Family::kEntityTime, Family::kHistory, Family::kTransactions}) {
    EXPECT_EQ(KeysIn(family), 0u) << kFamilyNames[static_cast<int>(family)];
  }
}

TEST_F(FactStoreTest, PredicateCountsFollowWrites) {
  ASSERT_EQ(Write({
                {"A", "p", "X", "2014", ""},
                {"A", "p", "Y", "", ""},
                {"B", "p", "X", "2016-03..2016-05", ""},
            }),
            "+3 -0");
  const auto counts = [&] {
    absl::StatusOr<PredicateCounts> c =
        ReadPredicateCounts(*store_, nullptr, Id("p"));
    if (!c.ok()) return c.status().ToString();
    return "facts " + std::to_string(c->facts) + " subjects " +
           std::to_string(c->distinct_subjects) + " objects " +
           std::to_string(c->distinct_objects) + " timed " +
           std::to_string(c->timed_facts) + " span " +
           Date::FromDayNumber(c->min_begin).ToString() + ".." +
           Date::FromDayNumber(c->max_end - 1).ToString() + " longest " +
           std::to_string(c->max_closed_days);
  };
  EXPECT_EQ(counts(),
            "facts 3 subjects 2 objects 2 timed 2 span 2014-01-01..2016-05-31 "
            "longest 365");
  ASSERT_EQ(Write({}, {{"B", "p", "X", "2016-03..2016-05", ""}}), "+0 -1");
  // The span is not narrowed by the retraction.
  EXPECT_EQ(counts(),
            "facts 2 subjects 1 objects 2 timed 1 span 2014-01-01..2016-05-31 "
            "longest 365");
  ASSERT_EQ(Write({}, {{"A", "p", "X", "2014", ""}}), "+0 -1");
  EXPECT_EQ(counts(),
            "facts 1 subjects 1 objects 1 timed 0 span 2014-01-01..2016-05-31 "
            "longest 365");
}

TEST_F(FactStoreTest, PredicateCountsCacheHoldsTheLatestTransaction) {
  PredicateCountsCache cache;
  // The facts of `p` the cache answers for transaction `tx` read at
  // `snapshot`.
  const auto facts = [&](const rocksdb::Snapshot* snapshot, TxNumber tx) {
    absl::StatusOr<PredicateCounts> c =
        cache.Get(*store_, snapshot, tx, Id("p"));
    return c.ok() ? static_cast<int64_t>(c->facts) : -1;
  };
  ASSERT_EQ(Write({{"A", "p", "X", "", ""}, {"B", "p", "X", "", ""}}), "+2 -0");
  rocksdb::ManagedSnapshot at_1(store_->db());
  EXPECT_EQ(facts(at_1.snapshot(), 1), 2);
  ASSERT_EQ(Write({{"C", "p", "X", "", ""}}), "+1 -0");
  rocksdb::ManagedSnapshot at_2(store_->db());
  EXPECT_EQ(facts(at_2.snapshot(), 2), 3);
  // A reader of the older transaction reads its own counts.
  EXPECT_EQ(facts(at_1.snapshot(), 1), 2);
  ASSERT_EQ(Write({{"D", "p", "X", "", ""}}), "+1 -0");
  // The counts of transaction 2 are still held: asked for them again, the
  // cache does not read (the latest snapshot, which holds a third
  // transaction, would say 4).
  EXPECT_EQ(facts(nullptr, 2), 3);
  EXPECT_EQ(facts(nullptr, 3), 4);
  // A predicate without statistics has zero counts.
  absl::StatusOr<PredicateCounts> none =
      cache.Get(*store_, nullptr, 3, Id("X"));
  ASSERT_OK(StatusOf(none));
  EXPECT_EQ(none->facts, 0u);
}

}  // namespace
}  // namespace almanac
