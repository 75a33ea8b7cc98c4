// Copyright 2026 The Almanac Authors. Licensed under the Apache License 2.0.

#include "storage/bulk_loader.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "almanac/status_macros.h"
#include "rocksdb/sst_file_writer.h"
#include "storage/coding.h"
#include "storage/external_sorter.h"
#include "storage/records.h"
#include "storage/statistics.h"

namespace almanac {
namespace {

// One entry of an index: in the entity-time sort `subject` is the leading
// entity and `object` the other term; elsewhere `role` is 0.
struct IndexRow {
  TermId subject = 0;
  TermId predicate = 0;
  TermId object = 0;
  int32_t begin = 0;
  int32_t end = 0;
  uint8_t shape = 0;
  uint8_t role = 0;
  uint8_t padding[6] = {};

  FactKey key() const {
    return {subject, predicate, object, {begin, end, shape}};
  }
};

// One fact as the subject-first sort holds it: with its source and its
// place in the input.
struct SpoRow {
  IndexRow fact;
  TermId source = 0;
  // Among repeats of one fact the first row wins (its source is kept), as
  // in a transaction that adds them in order.
  uint64_t sequence = 0;
};

// A time as one word that sorts as the key bytes do: begin, then end.
uint64_t TimeWord(const IndexRow& row) {
  return uint64_t{OrderedInt32Bits(row.begin)} << 32 |
         OrderedInt32Bits(row.end);
}

// clang-format off
// The sort orders (see storage/word_sort.h), matching the byte order of the
// keys they produce. Each spells out its words in a switch: the sorts call
// Word() for every byte they look at, and an order built from a table of
// fields made the import 10% slower. Rows with equal words may come out in
// any order: spo's last word, the row's place in the input, makes each key
// unique, so that the first of a fact's repeats comes first.
struct SpoOrder {
  static constexpr int kWords = 6;
  static uint64_t Word(const SpoRow& x, int i) {
    switch (i) {
      case 0: return x.fact.subject;
      case 1: return x.fact.predicate;
      case 2: return x.fact.object;
      case 3: return TimeWord(x.fact);
      case 4: return x.fact.shape;
      default: return x.sequence;  // Repeats of a fact in input order.
    }
  }
};
struct PosOrder {
  static constexpr int kWords = 5;
  static uint64_t Word(const IndexRow& x, int i) {
    switch (i) {
      case 0: return x.predicate;
      case 1: return x.object;
      case 2: return x.subject;
      case 3: return TimeWord(x);
      default: return x.shape;
    }
  }
};
struct OspOrder {
  static constexpr int kWords = 5;
  static uint64_t Word(const IndexRow& x, int i) {
    switch (i) {
      case 0: return x.object;
      case 1: return x.subject;
      case 2: return x.predicate;
      case 3: return TimeWord(x);
      default: return x.shape;
    }
  }
};
struct PredicateTimeOrder {
  static constexpr int kWords = 5;
  static uint64_t Word(const IndexRow& x, int i) {
    switch (i) {
      case 0: return x.predicate;
      case 1: return TimeWord(x);
      case 2: return x.shape;
      case 3: return x.subject;
      default: return x.object;
    }
  }
};
struct EntityTimeOrder {
  static constexpr int kWords = 6;
  static uint64_t Word(const IndexRow& x, int i) {
    switch (i) {
      case 0: return x.subject;
      case 1: return TimeWord(x);
      case 2: return x.shape;
      case 3: return x.predicate;
      case 4: return x.object;
      default: return x.role;
    }
  }
};
// clang-format on

// Whether two rows are the same index entry (repeats of one fact).
bool SameEntry(const IndexRow& x, const IndexRow& y) {
  return std::tie(x.subject, x.predicate, x.object, x.begin, x.end, x.shape,
                  x.role) == std::tie(y.subject, y.predicate, y.object, y.begin,
                                      y.end, y.shape, y.role);
}

// One SST file for one family, opened on the first Put.
class SstOutput {
 public:
  SstOutput(const Store& store, Family family, std::string path)
      : store_(store), family_(family), path_(std::move(path)) {}

  absl::Status Put(std::string_view key, std::string_view value) {
    if (writer_ == nullptr) {
      // Files are written with the fast compression of the upper levels;
      // compaction recompresses them when it rewrites the bottom level.
      rocksdb::Options options = store_.OptionsFor(family_);
      options.bottommost_compression = options.compression;
      // The file is not dropped from the page cache as it is written: it
      // is ingested right after, and queries may then read it from there.
      // It is written back a MiB at a time, rather than all at once by the
      // fsync that finishes it.
      rocksdb::EnvOptions env_options;
      env_options.bytes_per_sync = 1 << 20;
      writer_ = std::make_unique<rocksdb::SstFileWriter>(
          env_options, options, store_.handle(family_),
          /*invalidate_page_cache=*/false);
      ALMANAC_RETURN_IF_ERROR(
          FromRocksStatus(writer_->Open(path_), "cannot create import file"));
    }
    return FromRocksStatus(
        writer_->Put(rocksdb::Slice(key.data(), key.size()),
                     rocksdb::Slice(value.data(), value.size())),
        "cannot write import file");
  }

  // Finishes the file and adds it to `args`; nothing when it has no entry.
  absl::Status Finish(std::vector<rocksdb::IngestExternalFileArg>* args) {
    if (writer_ == nullptr) return absl::OkStatus();
    ALMANAC_RETURN_IF_ERROR(
        FromRocksStatus(writer_->Finish(), "cannot finish import file"));
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = store_.handle(family_);
    arg.external_files = {path_};
    arg.options.move_files = true;
    arg.options.snapshot_consistency = true;
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;
    args->push_back(std::move(arg));
    return absl::OkStatus();
  }

 private:
  const Store& store_;
  const Family family_;
  const std::string path_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
};

// Answers "is this key / prefix in the family?" for keys asked in
// increasing order, stepping forward instead of seeking where it can.
class SortedProbe {
 public:
  SortedProbe(const Store& store, Family family)
      : iterator_(store.db()->NewIterator(rocksdb::ReadOptions(),
                                          store.handle(family))) {}

  absl::StatusOr<bool> HasPrefix(std::string_view prefix) {
    const rocksdb::Slice target(prefix.data(), prefix.size());
    if (!started_) {
      iterator_->Seek(target);
      started_ = true;
    }
    for (int steps = 0;
         iterator_->Valid() && iterator_->key().compare(target) < 0; ++steps) {
      if (steps == 8) {
        iterator_->Seek(target);
        break;
      }
      iterator_->Next();
    }
    ALMANAC_RETURN_IF_ERROR(
        FromRocksStatus(iterator_->status(), "index read failed"));
    return iterator_->Valid() && iterator_->key().starts_with(target);
  }

  absl::StatusOr<bool> Contains(std::string_view key) {
    ALMANAC_ASSIGN_OR_RETURN(bool found, HasPrefix(key));
    return found && iterator_->key().size() == key.size();
  }

 private:
  std::unique_ptr<rocksdb::Iterator> iterator_;
  bool started_ = false;
};

using SpoSorter = ExternalSorter<SpoRow, SpoOrder>;
using PosSorter = ExternalSorter<IndexRow, PosOrder>;
using OspSorter = ExternalSorter<IndexRow, OspOrder>;
using PredicateTimeSorter = ExternalSorter<IndexRow, PredicateTimeOrder>;
using EntityTimeSorter = ExternalSorter<IndexRow, EntityTimeOrder>;

}  // namespace

struct BulkLoader::Impl {
  Impl(Store& store, TxNumber tx, size_t buffer, std::string dir)
      : store(store),
        tx(tx),
        temp_dir(std::move(dir)),
        spo(std::make_unique<SpoSorter>(temp_dir, buffer)),
        pos(std::make_unique<PosSorter>(temp_dir, buffer)),
        osp(std::make_unique<OspSorter>(temp_dir, buffer)),
        predicate_time(std::make_unique<PredicateTimeSorter>(temp_dir, buffer)),
        // Up to two entries a fact: the same number of facts per run.
        entity_time(std::make_unique<EntityTimeSorter>(temp_dir, 2 * buffer)),
        stats(store) {}

  // Sorts the spo rows, drops repeats and facts already stored, writes the
  // spo file and counts what the statistics need.
  absl::Status WriteSpo(bool database_has_facts,
                        std::vector<rocksdb::IngestExternalFileArg>* files);
  // Writes one of the other orders from its sorter, dropping repeats and
  // entries already stored just as WriteSpo drops their facts. The pos pass
  // also counts new (predicate, object) pairs into *new_objects.
  template <typename Sorter>
  absl::Status WriteOrder(Sorter& sorter, IndexOrder order,
                          bool database_has_facts,
                          std::vector<rocksdb::IngestExternalFileArg>* files,
                          absl::flat_hash_map<TermId, uint64_t>* new_objects);
  // Writes `records` (of any families) as one sorted file per family.
  absl::Status WriteRecords(std::vector<FamilyRecord> records,
                            std::vector<rocksdb::IngestExternalFileArg>* files);

  std::string FilePath(const std::string& name) const {
    return absl::StrCat(temp_dir, "/", name, ".sst");
  }

  Store& store;
  const TxNumber tx;
  const std::string temp_dir;
  // Each is freed (its runs deleted) as soon as its job is done.
  std::unique_ptr<SpoSorter> spo;
  std::unique_ptr<PosSorter> pos;
  std::unique_ptr<OspSorter> osp;
  std::unique_ptr<PredicateTimeSorter> predicate_time;
  std::unique_ptr<EntityTimeSorter> entity_time;
  ChangedStatistics stats;  // Touched by the spo pass only until the end.
  uint64_t rows_added = 0;  // Rows given to Add().
  uint64_t added = 0;
  uint64_t unchanged = 0;
};

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Create(
    Store& store, TxNumber tx, size_t buffer_facts) {
  std::string pattern = store.path() + "/import.tmp-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot create a temporary folder in ", store.path()));
  }
  return std::unique_ptr<BulkLoader>(
      new BulkLoader(std::make_unique<Impl>(store, tx, buffer_facts, pattern)));
}

BulkLoader::BulkLoader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

BulkLoader::~BulkLoader() {
  const std::string dir = impl_->temp_dir;
  impl_.reset();  // Closes and deletes the sort runs first.
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

absl::Status BulkLoader::Add(const FactKey& fact, TermId source) {
  Impl& impl = *impl_;
  IndexRow entry;
  entry.subject = fact.subject;
  entry.predicate = fact.predicate;
  entry.object = fact.object;
  entry.begin = fact.time.begin;
  entry.end = fact.time.end;
  entry.shape = fact.time.shape;
  ALMANAC_RETURN_IF_ERROR(impl.spo->Add({entry, source, impl.rows_added++}));
  // Every order gets its entries now, so that the five can be sorted and
  // written side by side in Finish().
  ALMANAC_RETURN_IF_ERROR(impl.pos->Add(entry));
  ALMANAC_RETURN_IF_ERROR(impl.osp->Add(entry));
  if (!fact.time.is_stated()) return absl::OkStatus();
  ALMANAC_RETURN_IF_ERROR(impl.predicate_time->Add(entry));
  entry.role = static_cast<uint8_t>(EntityRole::kSubject);
  ALMANAC_RETURN_IF_ERROR(impl.entity_time->Add(entry));
  if (KindOfTermId(fact.object) == TermKind::kEntity) {
    std::swap(entry.subject, entry.object);
    entry.role = static_cast<uint8_t>(EntityRole::kObject);
    ALMANAC_RETURN_IF_ERROR(impl.entity_time->Add(entry));
  }
  return absl::OkStatus();
}

absl::Status BulkLoader::Impl::WriteSpo(
    bool database_has_facts,
    std::vector<rocksdb::IngestExternalFileArg>* files) {
  ALMANAC_RETURN_IF_ERROR(spo->Finish());
  SstOutput output(store, Family::kSpo, FilePath("spo"));
  SortedProbe existing(store, Family::kSpo);
  SortedProbe subject_groups(store, Family::kSpo);
  SpoRow spo_row;
  IndexRow previous;
  bool have_previous = false;
  std::string key;
  while (spo->Next(&spo_row)) {
    const IndexRow& row = spo_row.fact;
    if (have_previous && SameEntry(previous, row)) {
      ++unchanged;
      continue;
    }
    // Whether this (subject, predicate) pair differs from the last fact's.
    const bool new_group = !have_previous || row.subject != previous.subject ||
                           row.predicate != previous.predicate;
    previous = row;
    have_previous = true;
    const FactKey fact = row.key();
    EncodeKeyTo(IndexOrder::kSpo, fact, &key);
    if (database_has_facts) {
      ALMANAC_ASSIGN_OR_RETURN(bool present, existing.Contains(key));
      if (present) {
        ++unchanged;
        continue;
      }
    }
    ALMANAC_RETURN_IF_ERROR(
        output.Put(key, EncodeSpoValue({tx, spo_row.source})));
    ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts, stats.Of(row.predicate));
    ++counts->facts;
    if (new_group) {
      bool known = false;
      if (database_has_facts) {
        ALMANAC_ASSIGN_OR_RETURN(known, subject_groups.HasPrefix(IdPairPrefix(
                                            row.subject, row.predicate)));
      }
      if (!known) ++counts->distinct_subjects;
    }
    if (fact.time.is_stated()) {
      ++counts->timed_facts;
      counts->WidenSpan(fact.time);
    }
    ++added;
  }
  ALMANAC_RETURN_IF_ERROR(spo->status());
  return output.Finish(files);
}

template <typename Sorter>
absl::Status BulkLoader::Impl::WriteOrder(
    Sorter& sorter, IndexOrder order, bool database_has_facts,
    std::vector<rocksdb::IngestExternalFileArg>* files,
    absl::flat_hash_map<TermId, uint64_t>* new_objects) {
  ALMANAC_RETURN_IF_ERROR(sorter.Finish());
  SstOutput output(store, FamilyOf(order),
                   FilePath(absl::StrCat("order", static_cast<int>(order))));
  SortedProbe existing(store, FamilyOf(order));
  SortedProbe object_groups(store, Family::kPos);
  const std::string value = EncodeIndexValue(tx);
  IndexRow row;
  IndexRow previous;
  bool have_previous = false;
  std::string key;
  while (sorter.Next(&row)) {
    if (have_previous && SameEntry(previous, row)) continue;
    // Whether this (predicate, object) pair differs from the last entry's.
    const bool new_group = !have_previous ||
                           row.predicate != previous.predicate ||
                           row.object != previous.object;
    previous = row;
    have_previous = true;
    if (order == IndexOrder::kEntityTime) {
      FactKey fact = row.key();
      const auto role = static_cast<EntityRole>(row.role);
      if (role == EntityRole::kObject) std::swap(fact.subject, fact.object);
      EncodeEntityTimeKeyTo(fact, role, &key);
    } else {
      EncodeKeyTo(order, row.key(), &key);
    }
    if (database_has_facts) {
      ALMANAC_ASSIGN_OR_RETURN(bool present, existing.Contains(key));
      if (present) continue;
    }
    ALMANAC_RETURN_IF_ERROR(output.Put(key, value));
    // Distinct objects per predicate are counted in the pos pass, where
    // (predicate, object) groups are contiguous.
    if (order == IndexOrder::kPos && new_group) {
      bool known = false;
      if (database_has_facts) {
        ALMANAC_ASSIGN_OR_RETURN(known, object_groups.HasPrefix(IdPairPrefix(
                                            row.predicate, row.object)));
      }
      if (!known) ++(*new_objects)[row.predicate];
    }
  }
  ALMANAC_RETURN_IF_ERROR(sorter.status());
  return output.Finish(files);
}

absl::Status BulkLoader::Impl::WriteRecords(
    std::vector<FamilyRecord> records,
    std::vector<rocksdb::IngestExternalFileArg>* files) {
  std::map<Family, std::vector<std::pair<std::string, std::string>>> by_family;
  for (FamilyRecord& record : records) {
    by_family[record.family].emplace_back(std::move(record.key),
                                          std::move(record.value));
  }
  for (auto& [family, family_records] : by_family) {
    std::sort(family_records.begin(), family_records.end());
    SstOutput output(store, family,
                     FilePath(kFamilyNames[static_cast<int>(family)]));
    for (const auto& [key, value] : family_records) {
      ALMANAC_RETURN_IF_ERROR(output.Put(key, value));
    }
    ALMANAC_RETURN_IF_ERROR(output.Finish(files));
  }
  return absl::OkStatus();
}

absl::StatusOr<BulkLoadResult> BulkLoader::Finish(
    const TermAssigner& terms, StoreCounters counters,
    int64_t commit_time_micros,
    const std::function<void(const char* phase)>& on_phase) {
  Impl& impl = *impl_;
  const auto phase = [&](const char* name) {
    if (on_phase) on_phase(name);
  };
  phase("sorting");
  const bool database_has_facts = counters.facts > 0;

  // The five orders and the dictionary are independent: each job sorts
  // and writes its own files. Two workers take them largest first
  // (entity_time has up to two entries a fact; spo also counts). Only the
  // spo job touches impl.stats; the pos job counts into new_objects.
  struct Job {
    std::function<absl::Status(std::vector<rocksdb::IngestExternalFileArg>*)>
        write;
    std::vector<rocksdb::IngestExternalFileArg> files;
    absl::Status status;
  };
  absl::flat_hash_map<TermId, uint64_t> new_objects;
  const auto order_job = [&](auto& sorter, IndexOrder order) {
    Job job;
    job.write = [&impl, &sorter, order, database_has_facts,
                 &new_objects](auto* files) {
      absl::Status status = impl.WriteOrder(*sorter, order, database_has_facts,
                                            files, &new_objects);
      sorter.reset();
      return status;
    };
    return job;
  };
  std::vector<Job> jobs;
  jobs.push_back(order_job(impl.entity_time, IndexOrder::kEntityTime));
  jobs.push_back({[&impl, database_has_facts](auto* files) {
                    absl::Status status =
                        impl.WriteSpo(database_has_facts, files);
                    impl.spo.reset();
                    return status;
                  },
                  {},
                  {}});
  jobs.push_back(order_job(impl.pos, IndexOrder::kPos));
  jobs.push_back(order_job(impl.osp, IndexOrder::kOsp));
  jobs.push_back(order_job(impl.predicate_time, IndexOrder::kPredicateTime));
  jobs.push_back({[&impl, &terms](auto* files) {
                    return impl.WriteRecords(DictionaryRecords(terms), files);
                  },
                  {},
                  {}});
  std::atomic<size_t> next_job{0};
  const auto work = [&] {
    for (size_t i = next_job++; i < jobs.size(); i = next_job++) {
      jobs[i].status = jobs[i].write(&jobs[i].files);
    }
  };
  std::thread helper(work);
  work();
  helper.join();
  for (Job& done : jobs) ALMANAC_RETURN_IF_ERROR(done.status);

  BulkLoadResult result;
  result.unchanged = impl.unchanged;
  result.counters = counters;
  // Nothing new: the files written are left unused (the other orders'
  // are empty too, as every entry of a stored fact is stored).
  if (impl.added == 0) return result;

  std::vector<rocksdb::IngestExternalFileArg> ingest;
  for (Job& done : jobs) {
    for (rocksdb::IngestExternalFileArg& file : done.files) {
      ingest.push_back(std::move(file));
    }
  }
  for (const auto& [predicate, objects] : new_objects) {
    ALMANAC_ASSIGN_OR_RETURN(PredicateCounts * counts,
                             impl.stats.Of(predicate));
    counts->distinct_objects += objects;
  }
  counters.next_term_sequence = terms.next_sequence();
  counters.entities += terms.new_entities();
  counters.literals += terms.new_literals();
  counters.facts += impl.added;
  counters.last_tx = impl.tx;
  ALMANAC_RETURN_IF_ERROR(
      impl.WriteRecords(StatisticsRecords(impl.stats, counters, impl.tx,
                                          {commit_time_micros, impl.added, 0}),
                        &ingest));

  phase("writing");
  ALMANAC_RETURN_IF_ERROR(FromRocksStatus(
      impl.store.db()->IngestExternalFiles(ingest), "import failed"));
  result.added = impl.added;
  result.counters = counters;
  return result;
}

}  // namespace almanac
