#include "app/native/answer_command.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "app/native/commands.h"
#include "core/io/atomic_file.h"
#include "lessons/framework/answer_sheet.h"
#include "lessons/framework/judge.h"
#include "lessons/framework/lesson.h"
#include "lessons/framework/practice.h"
#include "lessons/framework/session.h"
#include "lessons/framework/roster.h"
#include "lessons/framework/variant.h"

namespace neurostep {

namespace {

// A lesson's trace and exercises with one set of numbers (a variant's, or its own for 0).
struct Worked {
  Trace trace;
  std::vector<Exercise> exercises;
};

// The lesson's trace with the numbers of `variant`, or why there is none (no draw meets its conditions).
std::optional<Worked> work_lesson(Lesson& lesson, std::uint64_t variant, std::string& why) {
  Worked w;
  try {
    w.trace = variant > 0 ? apply_variant(lesson, variant).trace : run_guarded(lesson);
  } catch (const VariantError& e) {
    why = fmt::format("numbers #{} of {}: {}", variant, lesson.info().id, e.what());
    return std::nullopt;
  }
  w.exercises = exercises_for(lesson.exercise_rules(), w.trace);
  return w;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& slips) {
  std::string s;
  for (const std::string& x : slips) s += (s.empty() ? "" : "; ") + x;
  return s;
}

}  // namespace

int answer_command(const std::filesystem::path& dir, const AnswerArguments& a) {
  const std::unique_ptr<Lesson> lesson = open_lesson_or_say(dir, a.lesson);  // says why not on stderr
  if (!lesson) return 2;
  std::string why;
  const auto w = work_lesson(*lesson, a.variant, why);
  if (!w) {
    fmt::print(stderr, "neurostep: {}\n", why);
    return 2;
  }
  const ExerciseLookup found = find_exercise(w->trace, w->exercises, a.step, a.value, a.element);
  if (found.index < 0) {
    fmt::print(stderr, "neurostep: {}\n", found.problem);
    return 2;
  }
  const Exercise& e = w->exercises[static_cast<std::size_t>(found.index)];
  const auto value = parse_answer(a.answer);
  if (!value) {
    fmt::print(stderr, "neurostep: '{}' is not a number (type a decimal such as 0.25, −1.5 or 1e-3)\n", a.answer);
    return 2;
  }
  const Judgement j = judge_answer(w->trace.steps[static_cast<std::size_t>(e.step)], e, *value, a.precision);
  fmt::print("{} (step {}, {}): {}\n", e.shown_label(), e.step + 1, e.step_id, j.text());
  if (j.verdict == AnswerVerdict::MoreDecimals) return 3;  // not a wrong try, as in the window
  return j.right() ? 0 : 1;
}

namespace {

// Each answer's variant from class-variants.csv where the row leaves it empty; a row that cannot
// be matched with it becomes a problem. False (and says why) if the file cannot be used.
bool fill_variants(AnswerSheet& sheet, std::vector<SheetProblem>& problems, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fmt::print(stderr, "neurostep: cannot read {}\n", file), false;
  const ClassVariants classes = read_class_variants(std::string(std::istreambuf_iterator<char>(in), {}));
  for (const RosterProblem& p : classes.problems) fmt::print(stderr, "{}:{}: {}\n", file, p.line, p.message);
  if (!classes.problems.empty()) return false;
  std::vector<HandedAnswer> kept;
  for (HandedAnswer& h : sheet.answers) {
    const auto it = classes.by_student.find(h.student);
    if (it == classes.by_student.end() && !h.variant_given)
      problems.push_back({h.line, fmt::format("no variant, and {} does not name {}", file, h.student)});
    else if (it != classes.by_student.end() && h.variant_given && h.variant != it->second)
      problems.push_back(
          {h.line, fmt::format("variant {}, but {} gives {} numbers #{}", h.variant, file, h.student, it->second)});
    else {
      if (!h.variant_given) h.variant = it->second;
      kept.push_back(std::move(h));
    }
  }
  sheet.answers = std::move(kept);
  return true;
}

}  // namespace

int grade_command(const std::filesystem::path& dir, const GradeArguments& g) {
  std::ifstream in(g.file, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "neurostep: cannot read {}\n", g.file);
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  AnswerSheet sheet = read_answer_sheet(text.str(), g.lesson);
  std::vector<SheetProblem> problems = sheet.problems;
  if (!g.variants.empty() && !fill_variants(sheet, problems, g.variants)) return 2;
  struct Loaded {
    std::optional<Worked> worked;
    std::string why;  // when there is none
  };
  std::map<std::pair<std::string, std::uint64_t>, Loaded> worked;  // by lesson and numbers
  struct Tally {
    int right = 0, answered = 0;
  };
  std::map<std::string, Tally> scores;
  std::string out = "student,lesson,variant,step,value,answer,verdict,slip\n";
  for (const HandedAnswer& h : sheet.answers) {
    auto [it, fresh] = worked.try_emplace({h.lesson, h.variant});
    if (fresh) {  // each lesson and set of numbers is loaded and run once; a failure is kept with its reason
      const std::unique_ptr<Lesson> lesson = open_lesson_or_say(dir, h.lesson);
      std::string why = fmt::format("no lesson '{}'", h.lesson);
      if (lesson) it->second.worked = work_lesson(*lesson, h.variant, why);
      it->second.why = why;
    }
    if (!it->second.worked) {
      problems.push_back({h.line, it->second.why});
      continue;
    }
    const Worked& w = *it->second.worked;
    const ExerciseLookup found = find_exercise(w.trace, w.exercises, h.step, h.value, h.element);
    if (found.index < 0) {
      problems.push_back({h.line, found.problem});
      continue;
    }
    const Exercise& e = w.exercises[static_cast<std::size_t>(found.index)];
    const double typed = parse_answer(h.answer).value_or(std::nan(""));
    const Judgement j = judge_answer(w.trace.steps[static_cast<std::size_t>(e.step)], e, typed, g.precision);
    Tally& s = scores[h.student];
    ++s.answered;
    s.right += j.right();
    out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_field(h.student), csv_field(h.lesson), h.variant,
                       csv_field(e.step_id), csv_field(e.label()), csv_field(h.answer), verdict_name(j.verdict),
                       csv_field(joined(j.slips)));
  }
  // Bad rows by line, the first few in full (a file of random bytes is not printed line by line).
  std::sort(problems.begin(), problems.end(),
            [](const SheetProblem& a, const SheetProblem& b) { return a.line < b.line; });
  const std::size_t shown = std::min<std::size_t>(problems.size(), 20);
  for (std::size_t i = 0; i < shown; ++i)
    fmt::print(stderr, "{}:{}: {} (row left out)\n", g.file, problems[i].line, problems[i].message);
  if (problems.size() > shown) fmt::print(stderr, "{}: … and {} more rows left out\n", g.file, problems.size() - shown);
  fmt::print("{:<24} {:>7} {:>8}\n", "student", "right", "answered");
  for (const auto& [student, s] : scores) fmt::print("{:<24} {:>7} {:>8}\n", student, s.right, s.answered);
  if (!g.out.empty()) {
    try {
      write_file_atomically(g.out, out);
    } catch (const std::exception& e) {
      fmt::print(stderr, "neurostep: cannot write {}: {}\n", g.out, e.what());
      return 2;
    }
  }
  if (sheet.answers.empty() && !problems.empty()) return 2;
  return problems.empty() ? 0 : 1;
}

}  // namespace neurostep
