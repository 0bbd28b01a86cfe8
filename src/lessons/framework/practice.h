// practice.h — the student working a lesson's exercises out (issue 15, the student half): the
// answers given, the hints taken, each exercise's mark, the score, and the progress file that keeps
// the marks between runs. No GUI: the window's Try-it mode draws a Practice and sends it answers.
//
// The hint ladder of a step (one for all its exercises): 0 the formula with symbols (always shown),
// 1 the numbers put in, 2 the worked intermediate values (the step's other equations and each
// factor), 3 the answers — revealed, which marks every open exercise of the step ✗.
// A mark: ✓ first try (right with no wrong answer and no hint before), ✓ after hints (right after
// a wrong answer or a hint), ✗ revealed.
//
// The progress file ($XDG_STATE_HOME/neurostep/progress/<lesson>-<numbers>.json, numbers = the
// variant's number or 0 for the lesson's own), JSON, small and versioned:
//   {"format": "neurostep-progress", "version": 1, "lesson": "sigmoid-neuron", "numbers": 0,
//    "marks": {"sample0.a a": "first-try", "sample0.gradient dC_dw[2]": "after-hints", …}}
// It is written atomically (core/io/atomic_file.h). A file that is truncated, not JSON, of another
// lesson or numbers, or of a later version is set aside (renamed to `<name>.corrupt`) with a
// message saying so, and the student starts afresh; nothing in it can crash the app.
//
// Not here: which values are exercises and whether an answer is right (exercise.h), naming the
// slip (slips.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/trace.h"

namespace neurostep {

enum class Mark { Open, FirstTry, AfterHints, Revealed };
const char* mark_name(Mark m);  // "open", "first-try", "after-hints", "revealed" (as in the file)

// What the last answer to an exercise was told.
struct Feedback {
  bool right = false;
  std::string text;  // "✓ Right: a = 0.6726." / "Not yet: too high. Looks like …" (judge.h: never the value)
  std::string slip;  // the slip's name, if one explains the answer
};

struct Score {
  int first_try = 0, after_hints = 0, revealed = 0, total = 0;
  int answered() const { return first_try + after_hints + revealed; }
  std::string text() const;  // "7 of 9 first try · 1 after hints · 1 revealed"
};

// Key of an exercise in the progress file and in Practice: "sample0.gradient dC_dw[2]".
std::string exercise_key(const Exercise& e);

class Practice {
 public:
  Practice() = default;
  Practice(std::string lesson_id, std::uint64_t numbers, std::vector<Exercise> exercises);

  const std::string& lesson_id() const { return lesson_id_; }
  std::uint64_t numbers() const { return numbers_; }  // the variant's number, or 0
  const std::vector<Exercise>& exercises() const { return exercises_; }
  std::vector<int> exercises_of(int step) const;  // indices into exercises()

  Mark mark(int exercise) const;
  // The step's mark in the step list: Open while any of its exercises is open, else the worst.
  std::optional<Mark> step_mark(int step) const;  // nothing for a step without exercises
  const Feedback* feedback(int exercise) const;
  int hint_level(int step) const;  // 0…3
  Score score() const;

  // Judges an answer (judge.h: right, too high or low, more decimals, the slips) from the trace's
  // step. An exercise already marked keeps its mark; "more decimals" is not a wrong try.
  Feedback answer(int exercise, double value, int decimals, const Trace& trace);
  void more_hint(int step);  // one rung up the ladder; the last one reveals the step's answers
  void start_over();

  // Exercises recomputed (edited numbers): marks are kept by key.
  void set_exercises(std::vector<Exercise> exercises) { exercises_ = std::move(exercises); }

  std::string to_json() const;
  // Takes the marks of a progress file's text; throws std::runtime_error saying what is wrong.
  void from_json(const std::string& text);

 private:
  std::string lesson_id_;
  std::uint64_t numbers_ = 0;
  std::vector<Exercise> exercises_;
  std::map<std::string, Mark> marks_;  // by exercise_key
  std::map<std::string, int> wrong_;   // wrong answers so far, by key (not kept in the file)
  std::map<std::string, Feedback> feedback_;
  std::map<int, int> hints_;  // by step
};

// A number as a student types it: "−0.1298" (a real minus or "-"), "0,1298", ".5", "1e-3"; nothing
// for anything else.
std::optional<double> parse_answer(std::string_view text);

constexpr int kProgressVersion = 1;

// <dir>/<lesson>-<numbers>.json
std::filesystem::path progress_file(const std::filesystem::path& dir, const std::string& lesson_id,
                                    std::uint64_t numbers);

// Loads the marks of `file` into `practice`. A missing file is no progress (an empty message); a
// broken one is renamed to `<file>.corrupt` and the message says why and where it went.
std::string load_progress(const std::filesystem::path& file, Practice& practice);
// Writes the marks atomically (creating the folder); throws std::runtime_error if it cannot.
void save_progress(const std::filesystem::path& file, const Practice& practice);

}  // namespace neurostep
