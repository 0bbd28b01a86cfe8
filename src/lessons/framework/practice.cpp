#include "lessons/framework/practice.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"
#include "figure/number_text.h"
#include "lessons/framework/judge.h"

namespace neurostep {

namespace {
constexpr const char* kFormat = "neurostep-progress";
constexpr Mark kMarks[] = {Mark::Open, Mark::FirstTry, Mark::AfterHints, Mark::Revealed};
}  // namespace

const char* mark_name(Mark m) {
  switch (m) {
    case Mark::Open: return "open";
    case Mark::FirstTry: return "first-try";
    case Mark::AfterHints: return "after-hints";
    case Mark::Revealed: return "revealed";
  }
  return "open";
}

std::string Score::text() const {
  std::string s = fmt::format("{} of {} first try", first_try, total);
  if (after_hints) s += fmt::format(" · {} after hints", after_hints);
  if (revealed) s += fmt::format(" · {} revealed", revealed);
  if (total > answered()) s += fmt::format(" · {} to go", total - answered());
  return s;
}

std::string exercise_key(const Exercise& e) { return e.step_id + " " + e.label(); }

Practice::Practice(std::string lesson_id, std::uint64_t numbers, std::vector<Exercise> exercises)
    : lesson_id_(std::move(lesson_id)), numbers_(numbers), exercises_(std::move(exercises)) {}

std::vector<int> Practice::exercises_of(int step) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < exercises_.size(); ++i)
    if (exercises_[i].step == step) out.push_back(static_cast<int>(i));
  return out;
}

Mark Practice::mark(int exercise) const {
  const auto it = marks_.find(exercise_key(exercises_.at(static_cast<std::size_t>(exercise))));
  return it == marks_.end() ? Mark::Open : it->second;
}

std::optional<Mark> Practice::step_mark(int step) const {
  const std::vector<int> of = exercises_of(step);
  if (of.empty()) return std::nullopt;
  Mark worst = Mark::FirstTry;
  for (int i : of) {
    const Mark m = mark(i);
    if (m == Mark::Open) return Mark::Open;
    worst = std::max(worst, m);  // FirstTry < AfterHints < Revealed
  }
  return worst;
}

const Feedback* Practice::feedback(int exercise) const {
  const auto it = feedback_.find(exercise_key(exercises_.at(static_cast<std::size_t>(exercise))));
  return it == feedback_.end() ? nullptr : &it->second;
}

int Practice::hint_level(int step) const {
  const auto it = hints_.find(step);
  return it == hints_.end() ? 0 : it->second;
}

Score Practice::score() const {
  Score s;
  s.total = static_cast<int>(exercises_.size());
  for (int i = 0; i < s.total; ++i) switch (mark(i)) {
      case Mark::FirstTry: ++s.first_try; break;
      case Mark::AfterHints: ++s.after_hints; break;
      case Mark::Revealed: ++s.revealed; break;
      case Mark::Open: break;
    }
  return s;
}

Feedback Practice::answer(int exercise, double value, int decimals, const Trace& trace) {
  const Exercise& e = exercises_.at(static_cast<std::size_t>(exercise));
  const std::string key = exercise_key(e);
  const Judgement j = judge_answer(trace.steps.at(static_cast<std::size_t>(e.step)), e, value,
                                   decimals);  // the exercises are of this trace
  Feedback f;
  f.right = j.right();
  // Before the answer is revealed, feedback gives the direction and the slip, never the value.
  f.text = j.right() ? fmt::format("✓ Right: {} = {}.", e.shown_label(), format_number(e.answer, decimals)) : j.text();
  if (!j.slips.empty()) f.slip = j.slips.front();
  if (j.right() && !marks_.contains(key))
    marks_[key] = wrong_[key] == 0 && hint_level(e.step) == 0 ? Mark::FirstTry : Mark::AfterHints;
  if (j.counts_as_wrong()) ++wrong_[key];
  feedback_[key] = f;
  return f;
}

void Practice::more_hint(int step) {
  int& level = hints_[step];
  level = std::min(level + 1, 3);
  if (level < 3) return;
  for (int i : exercises_of(step)) {
    const std::string key = exercise_key(exercises_[static_cast<std::size_t>(i)]);
    if (!marks_.contains(key)) marks_[key] = Mark::Revealed;
  }
}

void Practice::start_over() {
  marks_.clear();
  wrong_.clear();
  feedback_.clear();
  hints_.clear();
}

std::string Practice::to_json() const {
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["version"] = kProgressVersion;
  j["lesson"] = lesson_id_;
  j["numbers"] = numbers_;
  j["marks"] = nlohmann::ordered_json::object();
  for (const auto& [key, m] : marks_) j["marks"][key] = mark_name(m);
  return j.dump(1) + "\n";
}

void Practice::from_json(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    throw std::runtime_error("it is not complete JSON (cut short or damaged)");
  }
  if (!j.is_object() || j.value("format", "") != kFormat)
    throw std::runtime_error("it is not a Neurostep progress file");
  if (!j.contains("version") || !j["version"].is_number_integer()) throw std::runtime_error("it has no version");
  if (j["version"].get<long long>() > kProgressVersion)
    throw std::runtime_error(fmt::format("it is version {}, from a newer Neurostep (this one reads version {})",
                                         j["version"].get<long long>(), kProgressVersion));
  if (j.value("lesson", "") != lesson_id_ || !j.contains("numbers") || !j["numbers"].is_number_unsigned() ||
      j["numbers"].get<std::uint64_t>() != numbers_)
    throw std::runtime_error("it belongs to another lesson or other numbers");
  if (!j.contains("marks") || !j["marks"].is_object()) throw std::runtime_error("it has no marks");
  std::map<std::string, Mark> marks;
  for (const auto& [key, v] : j["marks"].items()) {
    if (!v.is_string()) throw std::runtime_error(fmt::format("the mark of '{}' is not a word", key));
    const std::string word = v.get<std::string>();
    const auto m = std::find_if(std::begin(kMarks), std::end(kMarks), [&](Mark x) { return word == mark_name(x); });
    if (m == std::end(kMarks)) throw std::runtime_error(fmt::format("'{}' is not a mark", word));
    if (*m != Mark::Open) marks[key] = *m;
  }
  start_over();
  marks_ = std::move(marks);
}

std::optional<double> parse_answer(std::string_view text) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "−") {
      s += '-';
      i += 2;
    } else if (text[i] == ',') {
      s += '.';
    } else if (text[i] != ' ') {
      s += text[i];
    }
  }
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::filesystem::path progress_file(const std::filesystem::path& dir, const std::string& lesson_id,
                                    std::uint64_t numbers) {
  return dir / fmt::format("{}-{}.json", lesson_id, numbers);
}

std::string load_progress(const std::filesystem::path& file, Practice& practice) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return "";
  std::string text;
  {
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) return fmt::format("Cannot read your progress in {}: it is left as it is.", file.string());
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
  }
  try {
    practice.from_json(text);
    return "";
  } catch (const std::exception& e) {
    std::filesystem::path aside = file;
    aside += ".corrupt";
    std::filesystem::rename(file, aside, ec);
    return fmt::format("Your saved progress could not be read ({}); it was set aside as {} and you start afresh.",
                       e.what(), ec ? file.string() + " (could not be renamed: " + ec.message() + ")" : aside.string());
  }
}

void save_progress(const std::filesystem::path& file, const Practice& practice) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  write_file_atomically(file, practice.to_json());
}

}  // namespace neurostep
