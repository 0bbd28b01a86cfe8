// judge.h — the one verdict on a student's answer, shared by the window's Try it, `neurostep
// answer` and `neurostep grade`: right, too high or too low, more decimals wanted, not a number,
// and every slip that explains a wrong answer.
//
// Right: within the rounding rule of exercise.h (half a unit of the student's last decimal, or the
// file's tolerance), or — where the step's numbers line can be read as a function
// (numbers_line.h) — anywhere the line gives when its numbers are taken as the screen shows them,
// rounded to the student's decimals. So an answer worked from the numbers on screen is right.
// More decimals: an answer that is the value rounded to fewer decimals than asked (0.673 for
// 0.6726… at 4 decimals); it does not count as a wrong try.
// Rounded too early: a wrong answer that the numbers line gives with its numbers rounded to fewer
// decimals than the screen shows them.
// The other slips come from slips.h (the step's own equation, recomputed with one rule changed).
//
// A verdict never holds the answer: what the window and the command line print of it gives the
// direction and the slip, the value only once the student asks for it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lessons/framework/exercise.h"
#include "lessons/framework/trace.h"

namespace neurostep {

enum class AnswerVerdict { Right, TooHigh, TooLow, MoreDecimals, NotANumber };
const char* verdict_name(AnswerVerdict v);  // "right", "too high", "too low", "more decimals", "not a number"

struct Judgement {
  AnswerVerdict verdict = AnswerVerdict::NotANumber;
  std::vector<std::string> slips;  // the slips that explain a wrong answer, most likely first
  int decimals = 4;                // the decimals asked for
  bool right() const { return verdict == AnswerVerdict::Right; }
  bool counts_as_wrong() const { return verdict == AnswerVerdict::TooHigh || verdict == AnswerVerdict::TooLow; }
  // One sentence for the student, without the answer: "Not yet: too high. Looks like σ′(z) left out."
  std::string text() const;
};

// `answer`: NaN for text that is not a number. `decimals`: the student's (the lesson's precision).
Judgement judge_answer(const Step& step, const Exercise& exercise, double answer, int decimals);

// The decimals a typed number has (0.673: 3; 2: 0; at most 12).
int decimals_of(double answer);

}  // namespace neurostep
